"""Back-off between delivery attempts."""

from datetime import timedelta

import pytest

from portal.notifications.retry import gives_up, retry_delay


@pytest.mark.parametrize(
    ("attempts", "minutes"),
    [(1, 1), (2, 2), (3, 4), (4, 8), (5, 16), (6, 32), (7, 60), (8, 60), (10, 60), (1000, 60)],
)
def test_the_wait_doubles_from_a_minute_up_to_an_hour(attempts, minutes):
    assert retry_delay(attempts) == timedelta(minutes=minutes)


def test_ten_attempts_keep_trying_for_about_four_hours():
    waits = sum((retry_delay(attempts) for attempts in range(1, 10)), timedelta())
    assert waits == timedelta(minutes=1 + 2 + 4 + 8 + 16 + 32 + 60 + 60 + 60)


def test_there_is_no_wait_before_the_first_attempt():
    with pytest.raises(ValueError, match="attempts counts from 1"):
        retry_delay(0)


@pytest.mark.parametrize(("attempts", "expected"), [(1, False), (9, False), (10, True), (11, True)])
def test_gives_up_after_the_limit(attempts, expected):
    assert gives_up(attempts, max_attempts=10) is expected
