"""Closure days: added and removed by administrators, counted by the working-day calendar with no restart."""

from datetime import date

from bs4 import BeautifulSoup

from portal.data.database import db
from portal.data.models import ClosureDay
from portal.data.queries.settings import closure_dates
from tests.integration.admin.conftest import error_summary, page_text, settings_events

URL = "/staff/settings/closure-days"


def add(client, day: date, description: str = "Council closure"):
    return client.post(URL, data={"day": [str(day.day), str(day.month), str(day.year)], "description": description})


def working_days_add(app, start: str, days: int, procedure: str = "corporate") -> str:
    # A fresh app context for each command, as each `flask working-days` run would have.
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["working-days", "add", start, str(days), "--procedure", procedure])
    assert result.exit_code == 0, result.output
    return result.output.strip()


def test_flask_working_days_counts_a_new_closure_day_without_a_restart(admin_client, app):
    assert working_days_add(app, "2027-12-17", 5) == "2027-12-24"

    response = add(admin_client, date(2027, 12, 24), "Christmas Eve closure")
    assert response.status_code == 302

    assert working_days_add(app, "2027-12-17", 5) == "2027-12-29"
    # Regulation 2: the statutory clocks count a closure day as a working day.
    assert working_days_add(app, "2027-12-17", 5, procedure="statutory") == "2027-12-24"
    [event] = settings_events("closure_days")
    assert event.detail["changes"] == {"day": [None, "2027-12-24"], "description": [None, "Christmas Eve closure"]}
    assert event.actor.email == "ada.admin@anytown.example"


def test_the_list_shows_each_closure_day_and_the_flash(admin_client):
    add(admin_client, date(2027, 12, 24), "Christmas Eve closure")
    text = page_text(admin_client.get(URL))
    assert "Closure day added: 24 December 2027" in text
    assert "Friday 24 December 2027 Christmas Eve closure" in text


def test_removing_a_closure_day_makes_it_a_working_day_again(admin_client, app):
    add(admin_client, date(2027, 12, 24))
    closure = db.session.scalar(db.select(ClosureDay))
    response = admin_client.post(f"{URL}/{closure.id}/remove")
    assert response.headers["Location"] == URL
    assert closure_dates() == frozenset()
    assert working_days_add(app, "2027-12-17", 5) == "2027-12-24"
    removed = settings_events("closure_days")[-1]
    assert removed.detail["changes"] == {"day": ["2027-12-24", None], "description": ["Council closure", None]}
    assert "Closure day removed: 24 December 2027" in page_text(admin_client.get(URL))


def test_weekends_bank_holidays_and_repeats_are_refused(admin_client):
    add(admin_client, date(2027, 12, 24))
    for day, message in [
        (date(2027, 12, 25), "25 December 2027 is a Saturday: weekends are never working days already"),
        (date(2027, 12, 27), "27 December 2027 is a bank holiday, which is never a working day already"),
        (date(2027, 12, 24), "There is already a closure day on 24 December 2027"),
    ]:
        response = add(admin_client, day)
        assert response.status_code == 200
        assert error_summary(response) == [message]
        assert 'href="#day-day"' in response.get_data(as_text=True)
    assert closure_dates() == frozenset({date(2027, 12, 24)})
    assert len(settings_events()) == 1


def test_the_date_and_description_are_checked(admin_client):
    response = admin_client.post(URL, data={"day": ["31", "2", "2027"], "description": ""})
    assert error_summary(response) == ["The date must be a real date", "Enter a description"]
    response = admin_client.post(URL, data={"day": ["", "", ""], "description": "Closed"})
    assert error_summary(response) == ["Enter the date"]
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert soup.select_one("#day-day")
    assert closure_dates() == frozenset()
