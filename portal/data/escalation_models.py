"""What the later steps of a complaint record (issue 11, items 3 to 6 and 8): mediation, the Stage 2 request and
investigation (statutory) or review (corporate), the Stage 3 review panel, recommendations, and the Ombudsman's
enquiries and investigations. Imported by `portal.data.models`, so the metadata always holds them.

The annual report reads these tables (domain.md section 10): Sandwell's Stage 2 table (request, terms of reference,
adjudication and closing dates, working days and cost), its mediation figures, and the Stage 3 and Ombudsman tables.
Clocks are not kept here: each timed step is a `StageRecord` (portal.case_moves.moving). The dates here are the
events as staff recorded them.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from portal.data.database import db
from portal.data.learning_models import LearningAction
from portal.data.models import Attachment, Case, Remedy, StaffUser, created_at_column, enum_column
from portal.domain.types import OmbudsmanDecision, OmbudsmanStatus, Procedure

# How a request for the next stage reached the council.
REQUESTED_ONLINE = "online"  # the complainant asked on the portal's tracking pages
REQUESTED_TO_STAFF = "staff"  # by phone, email or letter, recorded by staff
REQUESTED_BY_OMBUDSMAN = "ombudsman"  # the Ombudsman sent the complaint back for this stage


def _cases_list(name: str, order_by: str) -> backref:
    return backref(name, cascade="all, delete-orphan", passive_deletes=True, order_by=order_by)


class EscalationRequestColumns:
    """A complainant's request for the next stage (portal.domain.clocks.check_escalation_request): when it came,
    the last day it could come, whether it was in time, why a late one was accepted, and how it came."""

    requested_on: Mapped[date] = mapped_column(Date)
    request_last_day: Mapped[date | None] = mapped_column(Date)
    request_in_time: Mapped[bool | None] = mapped_column(Boolean)
    late_reason: Mapped[str | None] = mapped_column(Text)
    # REQUESTED_ONLINE, REQUESTED_TO_STAFF or REQUESTED_BY_OMBUDSMAN.
    requested_through: Mapped[str] = mapped_column(String(20))
    # What the complainant said they are still unhappy about, as typed.
    request_details: Mapped[str | None] = mapped_column(Text)
    request_recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))


class Mediation(db.Model):
    """Mediation offered to someone who asked for Stage 2 of the statutory procedure (Sandwell: "19 offered, 16
    resolved, 3 went on"): the offer, the answer, the meeting with a senior manager, and whether it resolved the
    complaint (which closes it as resolved by mediation) or not (Stage 2 goes ahead)."""

    __tablename__ = "mediations"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    offered_on: Mapped[date] = mapped_column(Date)
    offered_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    # None until the complainant answers.
    accepted: Mapped[bool | None] = mapped_column(Boolean)
    answered_on: Mapped[date | None] = mapped_column(Date)
    # False when the complainant answered on the tracking pages themselves.
    answer_recorded_by_staff: Mapped[bool | None] = mapped_column(Boolean)
    # The senior manager from the service area who meets the complainant.
    mediator_name: Mapped[str | None] = mapped_column(String(200))
    held_on: Mapped[date | None] = mapped_column(Date)
    # None until the outcome is known.
    resolved: Mapped[bool | None] = mapped_column(Boolean)
    outcome_on: Mapped[date | None] = mapped_column(Date)
    # What was agreed at the meeting (seed 004 asks for written evidence of it).
    outcome_notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = created_at_column()

    case: Mapped[Case] = relationship(backref=_cases_list("mediations", "Mediation.id"))
    offered_by: Mapped[StaffUser | None] = relationship()


class Stage2(EscalationRequestColumns, db.Model):
    """Stage 2 of a complaint, from the request to its closing date.

    Statutory (2006 Regulations; seeds 003 and 004): an Investigating Officer and an Independent Person, often from
    outside the council (given investigator accounts), and an Adjudicating Officer who answers for the council. The
    day the terms of reference are agreed starts the 25-working-day clock; the investigation report, the adjudication
    (its letter is a `ResponseLetter`), the closing date and the cost make Sandwell's Stage 2 table.

    Corporate (Complaint Handling Code; seed 003): the Complaints Team screens the request (accepted, or refused with
    the reason and the Ombudsman's details), acknowledges it, and someone other than the Stage 1 handler reviews it;
    ``investigating_officer`` is that reviewer.
    """

    __tablename__ = "stage_2s"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    procedure: Mapped[Procedure] = enum_column(Procedure)
    # Corporate screening of the request: None until decided.
    accepted: Mapped[bool | None] = mapped_column(Boolean)
    screened_on: Mapped[date | None] = mapped_column(Date)
    screened_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    refusal_reason: Mapped[str | None] = mapped_column(Text)
    acknowledged_on: Mapped[date | None] = mapped_column(Date)
    investigating_officer_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    independent_person_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    adjudicating_officer_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    terms_of_reference_agreed_on: Mapped[date | None] = mapped_column(Date)
    report_id: Mapped[int | None] = mapped_column(ForeignKey("attachments.id", ondelete="SET NULL"))
    report_received_on: Mapped[date | None] = mapped_column(Date)
    # The day the adjudication (statutory) or the review's answer (corporate) was sent.
    response_sent_on: Mapped[date | None] = mapped_column(Date)
    # Sandwell's "Date Closed": when the council closed its work on Stage 2.
    closed_on: Mapped[date | None] = mapped_column(Date)
    # What the investigation cost the council, in pence; 0 for internal investigators at no cost (seed 004).
    cost_pence: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = created_at_column()

    case: Mapped[Case] = relationship(backref=_cases_list("stage_2s", "Stage2.id"))
    screened_by: Mapped[StaffUser | None] = relationship(foreign_keys=[screened_by_id])
    investigating_officer: Mapped[StaffUser | None] = relationship(foreign_keys=[investigating_officer_id])
    independent_person: Mapped[StaffUser | None] = relationship(foreign_keys=[independent_person_id])
    adjudicating_officer: Mapped[StaffUser | None] = relationship(foreign_keys=[adjudicating_officer_id])
    report: Mapped[Attachment | None] = relationship()


class ReviewPanel(EscalationRequestColumns, db.Model):
    """Stage 3 of the statutory procedure: a review panel of three people independent of the council, none of them
    the Stage 2 Independent Person (portal.domain.outcomes.check_panel). It meets within 30 working days of the
    request, sends its findings within 5 of meeting, and the council responds within 15 (2006 Regulations)."""

    __tablename__ = "review_panels"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    held_on: Mapped[date | None] = mapped_column(Date)
    findings_received_on: Mapped[date | None] = mapped_column(Date)
    response_sent_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = created_at_column()

    case: Mapped[Case] = relationship(backref=_cases_list("review_panels", "ReviewPanel.id"))
    members: Mapped[list[ReviewPanelMember]] = relationship(
        back_populates="panel", cascade="all, delete-orphan", order_by="ReviewPanelMember.position"
    )


class ReviewPanelMember(db.Model):
    """One of the panel's three members: most are not council staff, so only their name is kept."""

    __tablename__ = "review_panel_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    panel_id: Mapped[int] = mapped_column(ForeignKey("review_panels.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    independent: Mapped[bool] = mapped_column(Boolean)
    chair: Mapped[bool] = mapped_column(Boolean, default=False)

    panel: Mapped[ReviewPanel] = relationship(back_populates="members")


class Recommendation(db.Model):
    """A recommendation of a Stage 2 investigation or a review panel (seed 003's "Recommendations from Stage 2
    Investigations"), whether the council accepts it, and the action it plans: what, who and by when. That action is
    a learning action (``learning_action``), tracked to done with its evidence on the learning pages."""

    __tablename__ = "recommendations"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    stage: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    accepted: Mapped[bool] = mapped_column(Boolean, default=True)
    # What the council will do about it, or why it does not accept it.
    response: Mapped[str | None] = mapped_column(Text)
    action_owner_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    action_due_on: Mapped[date | None] = mapped_column(Date)
    # The learning action the planned action became (portal.learning_records), tracked there until done.
    learning_action_id: Mapped[int | None] = mapped_column(ForeignKey("learning_actions.id", ondelete="SET NULL"))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    recorded_on: Mapped[date] = mapped_column(Date)

    case: Mapped[Case] = relationship(backref=_cases_list("recommendations", "Recommendation.id"))
    action_owner: Mapped[StaffUser | None] = relationship(foreign_keys=[action_owner_id])
    learning_action: Mapped[LearningAction | None] = relationship()


class OmbudsmanCase(db.Model):
    """A complaint the Local Government and Social Care Ombudsman has raised with the council (domain.md section 5;
    seeds 003 and 004): its reference, how far it has gone (enquiry, investigation, premature referral), the dates,
    the decision in the Ombudsman's words, and the remedies it asked for (``Remedy`` rows with ``ombudsman_case``),
    each tracked until the council has evidenced it."""

    __tablename__ = "ombudsman_cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    reference: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[OmbudsmanStatus] = enum_column(OmbudsmanStatus)
    # The day the council heard from the Ombudsman (Sandwell's "Date Received").
    received_on: Mapped[date] = mapped_column(Date)
    # The day the Ombudsman told the council it would investigate, after enquiries.
    investigation_started_on: Mapped[date | None] = mapped_column(Date)
    # The date the Ombudsman asked the council to answer its enquiries by, and when it did.
    council_reply_due_on: Mapped[date | None] = mapped_column(Date)
    council_replied_on: Mapped[date | None] = mapped_column(Date)
    decision: Mapped[OmbudsmanDecision | None] = enum_column(OmbudsmanDecision, nullable=True)
    decided_on: Mapped[date | None] = mapped_column(Date)
    # The Ombudsman's findings and recommendations as it wrote them.
    decision_summary: Mapped[str | None] = mapped_column(Text)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    created_at: Mapped[datetime] = created_at_column()

    case: Mapped[Case] = relationship(backref=_cases_list("ombudsman_cases", "OmbudsmanCase.id"))
    remedies: Mapped[list[Remedy]] = relationship(back_populates="ombudsman_case", order_by="Remedy.id")
