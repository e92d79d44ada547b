"""Stage 1 findings: a finding per point (kept per stage), remedies with a payment's amount, themes and service area;
who may record them, every change audited, and nothing changed once the stage has ended."""

from sqlalchemy import select

from portal.data.database import db
from portal.data.learning_models import LearningRecord
from portal.data.models import AuditEvent, Remedy, ServiceArea, Theme
from portal.data.stage_models import PointFinding
from portal.domain.types import CaseState, Finding, RemedyKind, StaffRole, ThemeScope
from tests.integration.auth.staff import make_staff, make_team
from tests.integration.learning.conftest import add_categories
from tests.integration.stages.conftest import error_messages, findings_post, soup, stage_1_case


def url(case, path="") -> str:
    return f"/staff/cases/{case.reference}/findings{path}"


def test_the_responding_manager_records_a_finding_per_point_and_the_outcome_follows(
    today, officer, manager, client_for
):
    case = stage_1_case(officer, manager)
    client = client_for(manager)
    response = client.post(url(case), data=findings_post(case, "upheld", "", notes="The visits were cancelled."))
    assert response.status_code == 302
    db.session.expire_all()
    first, second = case.points
    assert first.finding is Finding.UPHELD and second.finding is None
    [record] = db.session.scalars(select(PointFinding).order_by(PointFinding.id)).all()
    assert (record.stage, record.finding, record.notes, record.recorded_by_id) == (
        1,
        Finding.UPHELD,
        "The visits were cancelled.",
        manager.id,
    )
    client.post(url(case), data=findings_post(case, "upheld", "not_upheld"))
    page = soup(client.get(url(case)))
    assert page.select_one("#outcome dd").get_text(strip=True) == "Partially upheld"
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "findings_recorded").order_by(AuditEvent.id)
    ).all()
    assert [event.detail["outcome"] for event in events] == ["upheld", "partially_upheld"]
    assert events[-1].detail["changes"]["point 2"] == [None, ["not_upheld", None]]


def test_a_finding_not_in_the_list_is_refused(today, officer, manager, client_for):
    case = stage_1_case(officer, manager)
    response = client_for(manager).post(url(case), data=findings_post(case, "guilty"))
    assert response.status_code == 200
    assert error_messages(response) == ["Not a valid choice."]
    db.session.expire_all()
    assert case.points[0].finding is None


def test_remedies_with_a_payment_need_its_amount_in_pounds_and_pence(today, officer, manager, client_for):
    case = stage_1_case(officer, manager)
    client = client_for(manager)
    response = client.post(url(case, "/remedies"), data={"kind": "financial_payment", "description": ""})
    assert error_messages(response) == ["Enter the amount of the payment"]
    response = client.post(url(case, "/remedies"), data={"kind": "financial_payment", "amount": "12.345"})
    assert error_messages(response) == ["Enter the amount in pounds and pence, like 50.00"]
    response = client.post(
        url(case, "/remedies"),
        data={"kind": "financial_payment", "amount": "£1,250.50", "description": "For the trips"},
    )
    assert response.status_code == 302
    client.post(url(case, "/remedies"), data={"kind": "apology", "amount": "30"})
    payment, apology = db.session.scalars(select(Remedy).order_by(Remedy.id)).all()
    assert (payment.kind, payment.amount_pence, payment.stage) == (RemedyKind.FINANCIAL_PAYMENT, 125050, 1)
    assert (apology.kind, apology.amount_pence) == (RemedyKind.APOLOGY, None)
    assert "make a payment of £1,250.50: For the trips" in soup(client.get(url(case))).get_text()

    client.post(url(case, f"/remedies/{apology.id}/remove"))
    assert [remedy.kind for remedy in db.session.scalars(select(Remedy).order_by(Remedy.id))] == [
        RemedyKind.FINANCIAL_PAYMENT
    ]
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.action.like("remedy_%")).order_by(AuditEvent.id)
    ).all()
    assert actions == ["remedy_added", "remedy_added", "remedy_removed"]


def test_themes_and_service_area_are_recorded_from_the_lists(today, officer, manager, client_for):
    case = stage_1_case(officer, manager)
    theme = Theme(scope=ThemeScope.COMPLAINT, name="Family time")
    childrens = Theme(scope=ThemeScope.CHILDREN, name="Not a complaint theme")
    area = ServiceArea(name="Children's social care")
    db.session.add_all([theme, childrens, area])
    db.session.commit()
    client = client_for(manager)
    response = client.post(url(case, "/classification"), data={"themes": [str(childrens.id)]})
    assert error_messages(response) == ["Select themes from the list"]
    response = client.post(url(case, "/classification"), data={"themes": [str(theme.id)], "service_area": str(area.id)})
    assert response.status_code == 302
    db.session.expire_all()
    assert ([item.name for item in case.themes], case.service_area_id) == (["Family time"], area.id)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "case_classified").order_by(AuditEvent.id))
    assert event.detail["changes"]["service_area"] == [None, "Children's social care"]


def test_only_the_allocated_manager_and_the_complaints_team_may_record_findings(today, officer, manager, client_for):
    case = stage_1_case(officer, manager)
    other = make_staff("other@anytown.example", StaffRole.RESPONDING_MANAGER, team=make_team("Fostering"))
    investigator = make_staff("investigator@anytown.example", StaffRole.INVESTIGATOR)
    assert client_for(other).post(url(case), data=findings_post(case, "upheld")).status_code == 404
    assert client_for(investigator).get(url(case)).status_code in (403, 404)
    assert client_for(officer).post(url(case), data=findings_post(case, "upheld")).status_code == 302
    db.session.expire_all()
    assert case.points[0].finding is Finding.UPHELD


def test_findings_cannot_change_once_the_stage_has_ended(today, officer, manager, client_for):
    case = stage_1_case(officer, manager)
    case.state = CaseState.STAGE_1_RESPONDED
    db.session.commit()
    response = client_for(manager).post(url(case), data=findings_post(case, "upheld"))
    assert error_messages(response) == [
        "Findings cannot be changed now: stage 1 response sent: time to ask for stage 2"
    ]
    assert case.points[0].finding is None


def test_learning_from_an_upheld_complaint_is_recorded_through_the_learning_service(
    today, officer, manager, client_for
):
    category = add_categories()[0]
    case = stage_1_case(officer, manager)
    client = client_for(manager)
    assert soup(client.get(url(case))).select_one("#learning") is None
    client.post(url(case), data=findings_post(case, "upheld", "partially_upheld"))
    page = soup(client.get(url(case)))
    assert "record what the council learnt" in page.select_one("#learning + p").get_text()
    response = client.post(url(case, "/learning"), data={"category": "", "summary": ""})
    assert error_messages(response) == ["Choose a category from the list", "Enter what was learnt"]
    summary = "Cover for absent workers must be arranged before family time is cancelled."
    client.post(url(case, "/learning"), data={"category": str(category.id), "summary": summary})
    [record] = db.session.scalars(select(LearningRecord).order_by(LearningRecord.id)).all()
    assert (record.case_id, record.category_id, record.summary, record.recorded_by_id) == (
        case.id,
        category.id,
        summary,
        manager.id,
    )
    assert (
        db.session.scalar(
            select(AuditEvent.actor_id).where(AuditEvent.action == "learning_recorded").order_by(AuditEvent.id)
        )
        == manager.id
    )
