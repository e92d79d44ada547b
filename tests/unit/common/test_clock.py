"""The one clock: real time by default, moved for an app when a test stands on a chosen day, and put back."""

from datetime import UTC, date, datetime, time, timedelta

from flask import Flask

from portal.common import clock


def test_the_clock_tells_the_real_time_outside_an_app():
    before = datetime.now(UTC)
    assert before <= clock.utc_now() <= datetime.now(UTC)


def test_a_moved_clock_stands_on_the_day_given_and_runs_on_until_put_back():
    app = Flask(__name__)
    with app.app_context():
        clock.set_today(app.config, date(2027, 3, 25))  # Maundy Thursday 2027
        assert clock.uk_today() == date(2027, 3, 25)
        first = clock.utc_now()
        assert first.astimezone(clock.UK).hour == 10
        assert clock.utc_now() >= first
        clock.reset(app.config)
        assert abs(clock.utc_now() - datetime.now(UTC)) < timedelta(seconds=5)


def test_the_uk_day_turns_over_at_uk_midnight():
    app = Flask(__name__)
    with app.app_context():
        # Half past midnight on 1 July in London (British Summer Time) is still 30 June in UTC.
        clock.set_today(app.config, date(2027, 7, 1), at=time(0, 30))
        assert clock.uk_today() == date(2027, 7, 1)
        assert clock.utc_now().date() == date(2027, 6, 30)
