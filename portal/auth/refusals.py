"""Refused attempts to open a case are audited too (domain.md section 11: every staff view of a case is audited).

A signed-in member of staff who gets 403 or 404 on a case's pages, because their role or need-to-know does not
reach it or because there is no such case, leaves an event saying who tried what. The case's reference is kept as
asked for (cut short), and the case's id when such a case exists, so the case's own audit shows the attempt.
"""

from flask import request
from flask_login import current_user

from portal.auth import bp
from portal.data import transaction
from portal.data.queries import audit
from portal.data.queries.cases import case_by_reference

CASE_PAGES = "/staff/cases/"
REFUSED = frozenset({403, 404})
REFERENCE_LENGTH = 20
PATH_LENGTH = 200


def _printable(text: str, length: int) -> str:
    """What was asked for, as far as it can be stored: some databases refuse control characters in text."""
    return "".join(character for character in text if character.isprintable())[:length]


def _asked_for_reference() -> str:
    reference = (request.view_args or {}).get("reference")
    if reference is None:  # a page under a case that does not exist: the reference is the first part of the path
        reference = request.path.removeprefix(CASE_PAGES).split("/", 1)[0]
    return _printable(str(reference), REFERENCE_LENGTH)


@bp.after_app_request
def audit_refused_case_pages(response):
    if response.status_code not in REFUSED or not request.path.startswith(CASE_PAGES):
        return response
    if not current_user.is_authenticated:
        return response
    # Nothing the refused request left unfinished may be committed with its audit event.
    transaction.rollback()
    reference = _asked_for_reference()
    case = case_by_reference(reference) if reference else None
    audit.record(
        current_user.id,
        "case_access_refused",
        case_id=case.id if case is not None else None,
        case_reference=case.reference if case is not None else None,
        detail={
            "status": response.status_code,
            "method": request.method,
            "path": _printable(request.path, PATH_LENGTH),
            "reference": reference,
        },
    )
    transaction.commit()
    return response
