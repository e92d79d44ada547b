"""Documents on a case: listed, downloaded through a checked route as an attachment, and every download audited."""

import pytest
from sqlalchemy import select

from portal.data.database import db
from portal.data.models import AuditEvent
from portal.domain.types import StaffRole
from tests.integration.auth.staff import make_staff, signed_in_as
from tests.integration.case_page.cases import attach, case_they_may_not_see, case_they_may_see, staff_with_role
from tests.integration.case_page.conftest import PDF

TEXT = b"Dear council,\nI am writing about my son.\n"


def test_the_list_links_each_file(client, storage, case_factory):
    case = case_factory()
    attach(case, storage, PDF, "letter.pdf")
    user = make_staff()
    other = attach(case, storage, TEXT, "notes.txt", "text/plain; charset=utf-8")
    other.uploaded_by_id = user.id
    db.session.commit()
    signed_in_as(client, user)
    html = client.get(f"/staff/cases/{case.reference}/documents").get_data(as_text=True)
    assert f'href="/staff/cases/{case.reference}/documents/{other.id}"' in html
    assert "letter.pdf" in html and "The person who sent it" in html
    assert "notes.txt" in html and "Casey Marlowe" in html
    assert "Documents (2)" in html


def test_a_download_is_an_attachment_that_is_never_sniffed_or_cached(client, storage, case_factory):
    case = case_factory()
    attachment = attach(case, storage, PDF, "letter.pdf")
    signed_in_as(client, make_staff())
    response = client.get(f"/staff/cases/{case.reference}/documents/{attachment.id}")
    assert response.status_code == 200
    assert response.data == PDF
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"] == "attachment; filename=letter.pdf"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response.headers["Cache-Control"]


def test_names_outside_ascii_are_kept_for_the_download(client, storage, case_factory):
    case = case_factory()
    attachment = attach(case, storage, TEXT, "Łucja's notes.txt", "text/plain; charset=utf-8")
    signed_in_as(client, make_staff())
    response = client.get(f"/staff/cases/{case.reference}/documents/{attachment.id}")
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''%C5%81ucja%27s%20notes.txt" in disposition


def test_every_download_is_audited(client, storage, case_factory):
    case = case_factory()
    attachment = attach(case, storage, PDF, "letter.pdf")
    user = make_staff()
    signed_in_as(client, user)
    client.get(f"/staff/cases/{case.reference}/documents/{attachment.id}")
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "document_downloaded").order_by(AuditEvent.id)
    )
    assert (event.actor_id, event.case_id) == (user.id, case.id)
    assert event.detail == {"attachment_id": attachment.id, "filename": "letter.pdf"}


def test_a_file_of_another_case_is_not_found_through_this_one(client, storage, case_factory):
    case, other = case_factory(), case_factory()
    attachment = attach(other, storage, PDF)
    signed_in_as(client, make_staff())
    response = client.get(f"/staff/cases/{case.reference}/documents/{attachment.id}")
    assert response.status_code == 404
    assert PDF not in response.data
    assert (
        db.session.scalar(select(AuditEvent).where(AuditEvent.action == "document_downloaded").order_by(AuditEvent.id))
        is None
    )


def test_a_file_missing_from_storage_is_not_found(client, storage, case_factory):
    case = case_factory()
    attachment = attach(case, storage, PDF)
    storage.delete(attachment.storage_key)
    signed_in_as(client, make_staff())
    assert client.get(f"/staff/cases/{case.reference}/documents/{attachment.id}").status_code == 404


@pytest.mark.parametrize(
    "role", [StaffRole.RESPONDING_MANAGER, StaffRole.INVESTIGATOR, StaffRole.PARTICIPATION_OFFICER]
)
def test_staff_who_may_see_the_case_may_download_its_files_and_no_others(client, storage, role):
    user = staff_with_role(role)
    theirs, not_theirs = case_they_may_see(user), case_they_may_not_see()
    mine, hidden = attach(theirs, storage, PDF), attach(not_theirs, storage, TEXT, "secret.txt")
    signed_in_as(client, user)
    assert client.get(f"/staff/cases/{theirs.reference}/documents/{mine.id}").data == PDF
    refused = client.get(f"/staff/cases/{not_theirs.reference}/documents/{hidden.id}")
    assert refused.status_code == 404
    assert TEXT not in refused.data
    # Nor through the case they may see.
    assert client.get(f"/staff/cases/{theirs.reference}/documents/{hidden.id}").status_code == 404


@pytest.mark.parametrize("role", [StaffRole.ADMINISTRATOR, StaffRole.REPORT_VIEWER, StaffRole.LEARNING_LEAD])
def test_roles_without_casework_cannot_download(client, storage, case_factory, role):
    case = case_factory()
    attachment = attach(case, storage, PDF)
    signed_in_as(client, staff_with_role(role))
    response = client.get(f"/staff/cases/{case.reference}/documents/{attachment.id}")
    assert response.status_code == 403
    assert PDF not in response.data
