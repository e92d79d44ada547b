"""Every view of a queue is in the audit trail, with the queue, search, filters, order and page."""

from sqlalchemy import select

from portal.data.database import db
from portal.data.models import AuditEvent
from tests.integration.auth.staff import make_staff, make_team, signed_in_as


def list_views() -> list[AuditEvent]:
    return list(
        db.session.scalars(select(AuditEvent).where(AuditEvent.action == "case_list_viewed").order_by(AuditEvent.id))
    )


def test_the_queue_search_filters_and_page_are_recorded(client, case_factory):
    team = make_team()
    case_factory(team=team)
    user = make_staff()
    signed_in_as(client, user)
    client.get(
        f"/staff/cases?queue=due&q=++Riley++Hart&kind=comment&kind=bogus&procedure=none&stage=stage_1"
        f"&status=open&team={team.id}&theme=77&only=child&only=flagged&sort=reference&direction=desc"
    )
    [event] = list_views()
    assert (event.actor_id, event.case_id) == (user.id, None)
    assert event.detail == {
        "queue": "due",
        "search": "Riley Hart",
        "filters": {
            "kind": ["comment"],
            "procedure": ["none"],
            "stage": ["stage_1"],
            "status": "open",
            "team": team.id,
            "made_by_child": True,
            "flagged": True,
        },
        "sort": "reference",
        "direction": "desc",
        "page": 1,
    }


def test_each_htmx_update_is_recorded(client, case_factory):
    case_factory()
    signed_in_as(client, make_staff())
    for text in ("r", "ri", "ril"):
        client.get(f"/staff/cases?q={text}", headers={"HX-Request": "true"})
    assert [event.detail["search"] for event in list_views()] == ["r", "ri", "ril"]
    assert all(event.detail["queue"] == "all" for event in list_views())


def test_no_search_means_no_search_term_recorded(client):
    signed_in_as(client, make_staff())
    client.get("/staff/cases?q=+++")
    [event] = list_views()
    assert "search" not in event.detail


def test_pages_that_do_not_exist_are_not_recorded(client):
    signed_in_as(client, make_staff())
    assert client.get("/staff/cases?page=2").status_code == 404
    assert client.get("/staff/cases?queue=other").status_code == 404
    assert list_views() == []
