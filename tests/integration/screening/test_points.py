"""Complaint points: added, changed, deleted and moved, always numbered 1 to n, and every change audited."""

import pytest
from sqlalchemy import select

from portal.data.database import db
from portal.data.models import AuditEvent, ComplaintPoint
from portal.domain.types import CaseState, Finding, Procedure
from tests.integration.screening.conftest import error_messages, make_case, soup


@pytest.fixture
def case(app_context):
    return make_case(procedure=Procedure.STATUTORY, state=CaseState.STAGE_1)


def add(client, case, *texts) -> None:
    for text in texts:
        response = client.post(f"/staff/cases/{case.reference}/points", data={"text": text})
        assert response.status_code == 302, error_messages(response)


def stored(case) -> list[tuple[int, str]]:
    db.session.expire_all()
    return [
        (point.number, point.text)
        for point in db.session.scalars(
            select(ComplaintPoint).where(ComplaintPoint.case_id == case.id).order_by(ComplaintPoint.number)
        )
    ]


def point_id(case, number: int) -> int:
    return db.session.scalar(
        select(ComplaintPoint.id).where(ComplaintPoint.case_id == case.id, ComplaintPoint.number == number)
    )


def shown(response) -> list[str]:
    return [item.select_one("h2").get_text(strip=True) for item in soup(response).select("#points li")]


def test_points_are_added_in_order(officer_client, officer, case):
    add(officer_client, case, "Family time was cancelled", "Nobody returned my calls", "The plan was not shared")
    assert stored(case) == [
        (1, "Family time was cancelled"),
        (2, "Nobody returned my calls"),
        (3, "The plan was not shared"),
    ]
    response = officer_client.get(f"/staff/cases/{case.reference}/points")
    assert shown(response) == ["Point 1", "Point 2", "Point 3"]
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "complaint_point_added").order_by(AuditEvent.id)
    ).all()
    assert [event.detail["number"] for event in events] == [1, 2, 3]
    assert events[-1].actor_id == officer.id
    assert events[-1].detail["changes"]["points"] == [
        ["Family time was cancelled", "Nobody returned my calls"],
        ["Family time was cancelled", "Nobody returned my calls", "The plan was not shared"],
    ]


@pytest.mark.parametrize(
    ("text", "error"),
    [("", "Enter the complaint point"), ("x" * 2001, "Complaint point must be 2,000 characters or fewer")],
    ids=["empty", "too-long"],
)
def test_point_errors(officer_client, case, text, error):
    response = officer_client.post(f"/staff/cases/{case.reference}/points", data={"text": text})
    assert response.status_code == 200
    assert error_messages(response) == [error]
    assert stored(case) == []


def test_a_point_of_2000_characters_is_kept_whole(officer_client, case):
    add(officer_client, case, "y" * 2000)
    assert stored(case) == [(1, "y" * 2000)]


def test_a_point_is_kept_as_typed_and_escaped(officer_client, case):
    add(officer_client, case, "The <b>plan</b> & the review")
    assert stored(case) == [(1, "The <b>plan</b> & the review")]
    html = officer_client.get(f"/staff/cases/{case.reference}/points").get_data(as_text=True)
    assert "The &lt;b&gt;plan&lt;/b&gt; &amp; the review" in html


def test_a_point_is_changed(officer_client, case):
    add(officer_client, case, "First", "Second")
    url = f"/staff/cases/{case.reference}/points/{point_id(case, 2)}/edit"
    page = officer_client.get(url)
    assert soup(page).select_one("textarea").get_text() == "Second"
    assert error_messages(officer_client.post(url, data={"text": ""})) == ["Enter the complaint point"]
    response = officer_client.post(url, data={"text": "Second, put better"})
    assert response.status_code == 302
    assert stored(case) == [(1, "First"), (2, "Second, put better")]
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "complaint_point_changed").order_by(AuditEvent.id)
    )
    assert event.detail["changes"]["points"] == [["First", "Second"], ["First", "Second, put better"]]


def test_deleting_a_point_numbers_the_rest_again(officer_client, case):
    add(officer_client, case, "One", "Two", "Three", "Four")
    url = f"/staff/cases/{case.reference}/points/{point_id(case, 2)}/delete"
    confirm = officer_client.get(url)
    assert soup(confirm).select_one("h1").get_text(strip=True) == "Delete point 2?"
    assert stored(case) == [(1, "One"), (2, "Two"), (3, "Three"), (4, "Four")]
    response = officer_client.post(url)
    assert response.status_code == 302
    assert stored(case) == [(1, "One"), (2, "Three"), (3, "Four")]
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "complaint_point_deleted").order_by(AuditEvent.id)
    )
    assert event.detail["number"] == 2
    assert event.detail["changes"]["points"] == [["One", "Two", "Three", "Four"], ["One", "Three", "Four"]]


def test_a_point_with_a_finding_cannot_be_deleted(officer_client, case):
    add(officer_client, case, "One")
    point = db.session.get(ComplaintPoint, point_id(case, 1))
    point.finding = Finding.UPHELD
    db.session.commit()
    response = officer_client.post(f"/staff/cases/{case.reference}/points/{point.id}/delete")
    assert error_messages(response) == ["Point 1 has a finding, so it cannot be deleted"]
    assert stored(case) == [(1, "One")]


def test_points_move_up_and_down(officer_client, case):
    add(officer_client, case, "One", "Two", "Three")
    response = officer_client.post(
        f"/staff/cases/{case.reference}/points/{point_id(case, 3)}/move", data={"direction": "up"}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/staff/cases/{case.reference}/points#points"
    assert stored(case) == [(1, "One"), (2, "Three"), (3, "Two")]
    officer_client.post(f"/staff/cases/{case.reference}/points/{point_id(case, 1)}/move", data={"direction": "down"})
    assert stored(case) == [(1, "Three"), (2, "One"), (3, "Two")]
    page = officer_client.get(f"/staff/cases/{case.reference}/points")
    assert "Point 1 is now point 2" in page.get_data(as_text=True)
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "complaint_points_reordered").order_by(AuditEvent.id)
    ).all()
    assert events[0].detail["changes"]["points"] == [["One", "Two", "Three"], ["One", "Three", "Two"]]


def test_the_first_point_cannot_move_up(officer_client, case):
    add(officer_client, case, "One", "Two")
    officer_client.post(f"/staff/cases/{case.reference}/points/{point_id(case, 1)}/move", data={"direction": "up"})
    assert stored(case) == [(1, "One"), (2, "Two")]
    page = officer_client.get(f"/staff/cases/{case.reference}/points")
    assert "Point 1 is already first" in page.get_data(as_text=True)
    assert soup(page).select(f"#move-up-{point_id(case, 1)}") == []
    assert soup(page).select(f"#move-down-{point_id(case, 2)}") == []


def test_moving_with_htmx_returns_just_the_list(officer_client, case):
    add(officer_client, case, "One", "Two")
    response = officer_client.post(
        f"/staff/cases/{case.reference}/points/{point_id(case, 2)}/move",
        data={"direction": "up"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<html" not in html
    assert html.lstrip().startswith('<div id="points"')
    assert "Point 2 is now point 1" in html
    assert "HX-Request" in response.headers["Vary"]
    assert [item.select_one("p").get_text() for item in soup(response).select("li")] == ["Two", "One"]
    assert stored(case) == [(1, "Two"), (2, "One")]
    # The moved point is first now, so keyboard focus goes to its other button.
    assert [element["id"] for element in soup(response).select("[autofocus]")] == [f"move-down-{point_id(case, 1)}"]


def test_after_an_htmx_move_focus_stays_on_the_button_pressed_when_it_is_still_there(officer_client, case):
    add(officer_client, case, "One", "Two", "Three")
    moved = point_id(case, 3)
    response = officer_client.post(
        f"/staff/cases/{case.reference}/points/{moved}/move", data={"direction": "up"}, headers={"HX-Request": "true"}
    )
    assert [element["id"] for element in soup(response).select("[autofocus]")] == [f"move-up-{moved}"]


def test_after_an_htmx_move_that_cannot_happen_focus_goes_to_the_message(officer_client, case):
    add(officer_client, case, "Only")
    response = officer_client.post(
        f"/staff/cases/{case.reference}/points/{point_id(case, 1)}/move",
        data={"direction": "up"},
        headers={"HX-Request": "true"},
    )
    status = soup(response).select_one("[autofocus]")
    assert (status["id"], status.get_text()) == ("points-status", "Point 1 is already first")


def test_a_history_restore_gets_the_whole_page(officer_client, case):
    add(officer_client, case, "One", "Two")
    response = officer_client.post(
        f"/staff/cases/{case.reference}/points/{point_id(case, 2)}/move",
        data={"direction": "up"},
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert response.status_code == 302
    assert "HX-Request" in response.headers["Vary"]


def test_the_move_buttons_work_without_javascript(officer_client, case):
    add(officer_client, case, "One", "Two")
    page = soup(officer_client.get(f"/staff/cases/{case.reference}/points"))
    form = page.select_one(f"#move-up-{point_id(case, 2)}").find_parent("form")
    assert form["method"] == "post"
    assert form["action"] == f"/staff/cases/{case.reference}/points/{point_id(case, 2)}/move"
    assert form["hx-post"] == form["action"]


def test_a_point_of_another_case_is_not_found(officer_client, case):
    other = make_case()
    add(officer_client, other, "Theirs")
    other_point = point_id(other, 1)
    assert officer_client.get(f"/staff/cases/{case.reference}/points/{other_point}/edit").status_code == 404
    assert officer_client.post(f"/staff/cases/{case.reference}/points/{other_point}/delete").status_code == 404
    assert officer_client.post(f"/staff/cases/{case.reference}/points/{other_point}/move").status_code == 404
    assert stored(other) == [(1, "Theirs")]


def test_a_closed_case_keeps_its_points(officer_client, case):
    add(officer_client, case, "One", "Two")
    case.state = CaseState.CLOSED
    db.session.commit()
    page = officer_client.get(f"/staff/cases/{case.reference}/points")
    assert "This case is closed, so its complaint points cannot be changed." in page.get_data(as_text=True)
    assert soup(page).select("#points form") == []
    response = officer_client.post(f"/staff/cases/{case.reference}/points", data={"text": "Three"})
    assert error_messages(response) == ["This case is closed, so its complaint points cannot be changed"]
    officer_client.post(f"/staff/cases/{case.reference}/points/{point_id(case, 2)}/move", data={"direction": "up"})
    officer_client.post(f"/staff/cases/{case.reference}/points/{point_id(case, 2)}/delete")
    assert stored(case) == [(1, "One"), (2, "Two")]


def test_the_forms_carry_the_csrf_token(officer_client, case, csrf_enabled):
    page = soup(officer_client.get(f"/staff/cases/{case.reference}/points"))
    token = page.select_one("form input[name=csrf_token]")["value"]
    url = f"/staff/cases/{case.reference}/points"
    assert officer_client.post(url, data={"text": "One"}).status_code == 400
    assert officer_client.post(url, data={"text": "One", "csrf_token": token}).status_code == 302
    move_form = soup(officer_client.get(url)).select_one("#points form")
    assert move_form is None  # one point: nothing to move
    officer_client.post(url, data={"text": "Two", "csrf_token": token})
    move_form = soup(officer_client.get(url)).select_one("#points form")
    data = {field["name"]: field["value"] for field in move_form.select("input[type=hidden]")}
    assert officer_client.post(move_form["action"], data=data).status_code == 302
    assert stored(case) == [(1, "Two"), (2, "One")]
