"""What happens whenever a case closes, by whichever path: screening, a duty matter, a stage's end or the
Participation Team answering a child's feedback. Every path calls `case_closed`; the journeys share it here.
"""

from datetime import date

from flask import current_app

from portal.data import transaction
from portal.data.models import Case
from portal.data.participation_models import Compliment, ComplimentStaff
from portal.data.queries import audit
from portal.data.queries import compliments as compliment_queries
from portal.data.queries import participation as queries
from portal.domain.closing_the_loop import follow_up_audiences
from portal.domain.compliments import consent_given, source_of_submitter
from portal.domain.types import Procedure, SubmitterRole


def case_closed(case: Case, closed_on: date) -> None:
    """Call this from EVERY path that closes a case, once the case is CLOSED and `closed_on` is set, inside the same
    transaction: it adds to the session and flushes but never commits.

    - A child's complaint or informal feedback gets a follow-up for the Participation Team, who ask the child the
      closing-the-loop questions (domain.md section 7).
    - An adult's complaint gets a follow-up too when the council has switched ADULT_SURVEY on; `flask surveys
      send-due` emails it.
    - A compliment sent through the portal joins the compliments register.

    Calling it twice for the same closure changes nothing; a case that is reopened and closed again on another day
    gets new follow-ups.
    """
    transaction.flush()
    if case.procedure is Procedure.COMPLIMENT:
        register_portal_compliment(case)
        return
    submitter = case.submitter
    adult_email = bool(submitter and submitter.email and submitter.role is not SubmitterRole.CHILD)
    audiences = follow_up_audiences(
        case.procedure, queries.child_involved(case.id), adult_email, bool(current_app.config["ADULT_SURVEY"])
    )
    for audience in audiences:
        queries.add_follow_up_once(case, audience, closed_on)


def register_portal_compliment(case: Case) -> Compliment:
    """Adds a compliment sent through the portal to the register when its case closes (inside the caller's
    transaction), with the consent the sender gave on the form."""
    existing = compliment_queries.compliment_for_case(case.id)
    if existing is not None:
        return existing
    answers = case.answers or {}
    person = case.submitter
    compliment = Compliment(
        case_id=case.id,
        received_on=case.received_on,
        source=source_of_submitter(person.role if person else None),
        internal=False,
        channel=case.channel,
        giver_name=person.name if person else None,
        text=case.description or case.summary or "",
        children_named="\n".join(child.name for child in case.children if child.name) or None,
        may_share=consent_given(answers.get("may_share_with_team")),
        may_publish=consent_given(answers.get("may_publish", answers.get("may_publish_anonymously"))),
    )
    if case.team is not None:
        compliment.teams.append(case.team)
    if case.worker_name:
        compliment.staff_named.append(ComplimentStaff(name=case.worker_name))
    compliment_queries.add_compliment(compliment)
    audit.record(None, "compliment_registered", case_id=case.id, detail={"compliment_id": compliment.id})
    return compliment
