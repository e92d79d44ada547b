"""What a stage finds and what the council will do: the finding on each complaint point, remedies, and the themes and
service area the annual report counts (issue 11, item 2; domain.md sections 5, 6 and 10).

Each point gets a finding at each stage it is looked at (upheld, partially upheld, not upheld, no finding), kept
per stage because a Stage 2 investigation may find differently; the point's latest finding is kept beside it for
the lists and reports. The stage's outcome is ``portal.domain.outcomes.case_outcome`` of its findings. These
services are shared by every stage: the Stage 1 page uses them with stage 1, the later stages with their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.casework import bp
from portal.casework.access import STAGE_2_ROLES, STAGE_ROLES, case_for_stage_work
from portal.casework.forms_stages import ClassificationForm, LearningForm, RemedyForm, findings_form
from portal.common.changes import changes
from portal.common.clock import uk_today
from portal.common.roles import roles_required
from portal.data import transaction
from portal.data.models import Case, ComplaintPoint, Remedy, ServiceArea, StaffUser, Theme
from portal.data.queries import audit
from portal.data.queries import screening as screening_queries
from portal.data.queries import stages as queries
from portal.data.queries import themes as theme_queries
from portal.data.stage_models import PointFinding
from portal.domain.outcomes import case_outcome, needs_learning
from portal.domain.types import CaseState, Finding, RemedyKind, ThemeScope
from portal.learning_records import services as learning

# How a response letter says the outcome of a stage.
OUTCOME_SENTENCES = {
    Finding.UPHELD: "I have upheld your complaint.",
    Finding.PARTIALLY_UPHELD: "I have upheld part of your complaint.",
    Finding.NOT_UPHELD: "I have not upheld your complaint.",
    Finding.NO_FINDING: "I have not been able to reach a finding on your complaint.",
}
# How a response letter says each remedy when staff give no details of their own.
REMEDY_WORDS = {
    RemedyKind.EXPLANATION: "explain what happened and why",
    RemedyKind.APOLOGY: "apologise",
    RemedyKind.DECISION_CHANGED: "change the decision",
    RemedyKind.SERVICE_PROVIDED: "provide the service",
    RemedyKind.FINANCIAL_PAYMENT: "make a payment",
    RemedyKind.PRACTICE_CHANGE: "change how we work",
    RemedyKind.TRAINING: "arrange training for staff",
}


@dataclass(frozen=True)
class PointAnswer:
    """A finding on one point as staff gave it."""

    finding: Finding
    notes: str | None


def stage_findings(case: Case, stage: int) -> dict[int, PointFinding]:
    """The findings recorded at ``stage``, by point id."""
    return {found.point_id: found for point in case.points for found in point.findings if found.stage == stage}


def missing_findings(case: Case, stage: int) -> list[ComplaintPoint]:
    """The points with no finding yet at ``stage``."""
    found = stage_findings(case, stage)
    return [point for point in case.points if point.id not in found]


def stage_outcome(case: Case, stage: int) -> Finding | None:
    """The outcome of ``stage`` from its points' findings (``case_outcome``; domain.md section 5)."""
    return case_outcome(found.finding for found in stage_findings(case, stage).values())


def record_findings(
    case: Case, user: StaffUser, stage: int, answers: dict[int, PointAnswer], today: date
) -> dict[str, list]:
    """Keeps the finding on each point at ``stage``, and each point's latest finding, and audits what changed.
    Returns the changes, by point ("point 2": [before, after]); nothing is recorded when nothing changed."""
    found = stage_findings(case, stage)
    changed = {}
    for point in screening_queries.points_of(case):
        answer = answers.get(point.id)
        if answer is None:
            continue
        record = found.get(point.id)
        before = [record.finding.value, record.notes] if record else None
        if record is None:
            record = queries.add_finding(point, PointFinding(stage=stage, finding=answer.finding, recorded_on=today))
        record.finding, record.notes = answer.finding, answer.notes
        record.recorded_by_id, record.recorded_on = user.id, today
        point.finding, point.finding_notes = answer.finding, answer.notes
        if before != [answer.finding.value, answer.notes]:
            changed[f"point {point.number}"] = [before, [answer.finding.value, answer.notes]]
    if changed:
        outcome = stage_outcome(case, stage)
        audit.record(
            user.id,
            "findings_recorded",
            case_id=case.id,
            detail={"stage": stage, "changes": changed, "outcome": outcome.value if outcome else None},
        )
        transaction.commit()
    return changed


def add_remedy(
    case: Case, user: StaffUser, stage: int, kind: RemedyKind, description: str | None, amount_pence: int | None
) -> Remedy:
    """Adds a remedy at ``stage``; only a financial payment keeps an amount (domain.md section 5)."""
    amount = amount_pence if kind is RemedyKind.FINANCIAL_PAYMENT else None
    remedy = queries.add_remedy(
        case, Remedy(stage=stage, kind=kind, description=description or None, amount_pence=amount)
    )
    audit.record(
        user.id,
        "remedy_added",
        case_id=case.id,
        detail={"stage": stage, "changes": {"remedy": [None, remedy_text(remedy)]}, "amount_pence": amount},
    )
    transaction.commit()
    return remedy


def remove_remedy(case: Case, user: StaffUser, remedy: Remedy) -> None:
    text = remedy_text(remedy)
    queries.delete_remedy(case, remedy)
    audit.record(user.id, "remedy_removed", case_id=case.id, detail={"changes": {"remedy": [text, None]}})
    transaction.commit()


def classify(case: Case, user: StaffUser, themes: list[Theme], area: ServiceArea | None) -> dict:
    """Sets the case's themes and service area (the annual report counts both) and audits what changed."""
    before = {"themes": sorted(theme.name for theme in case.themes), "service_area": _area_name(case.service_area)}
    case.themes = list(themes)
    case.service_area = area
    after = {"themes": sorted(theme.name for theme in themes), "service_area": _area_name(area)}
    changed = changes(before, after)
    if changed:
        audit.record(user.id, "case_classified", case_id=case.id, detail={"changes": changed})
        transaction.commit()
    return changed


def _area_name(area: ServiceArea | None) -> str | None:
    return area.name if area else None


# Words for letters ----------------------------------------------------------------------------------------------------


def money(pence: int) -> str:
    return f"£{pence / 100:,.2f}"


def remedy_text(remedy: Remedy) -> str:
    """A remedy in words, as the response letter lists it: "make a payment of £50.00: for the missed visits"."""
    words = REMEDY_WORDS[remedy.kind]
    if remedy.amount_pence:
        words = f"{words} of {money(remedy.amount_pence)}"
    return f"{words}: {remedy.description}" if remedy.description else words


def findings_text(case: Case, stage: int) -> str:
    """Each point with its finding at ``stage`` and what was found, numbered as the acknowledgement listed them."""
    found = stage_findings(case, stage)
    blocks = []
    for point in case.points:
        record = found.get(point.id)
        lines = [f"{point.number}. {point.text}"]
        if record is not None:
            lines.append(f"Our finding: {record.finding.label.lower()}." + (f" {record.notes}" if record.notes else ""))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def remedies_text(case: Case, stage: int) -> str:
    remedies = [remedy for remedy in case.remedies if remedy.stage == stage]
    if not remedies:
        return ""
    return "To put things right, we will:\n" + "\n".join(f"- {remedy_text(remedy)}" for remedy in remedies)


def outcome_sentence(case: Case, stage: int) -> str:
    outcome = stage_outcome(case, stage)
    return OUTCOME_SENTENCES[outcome] if outcome else ""


# Pages ---------------------------------------------------------------------------------------------------------------

# The stage whose findings are recorded while a case is in each state: Stage 1 before its response, Stage 2 during
# the investigation or review, and Stage 3 once the panel's findings have come.
FINDING_STATES: dict[CaseState, int] = {CaseState.STAGE_1: 1, CaseState.STAGE_2: 2, CaseState.STAGE_3_FINDINGS: 3}


def _classification_form(case: Case, formdata=None) -> ClassificationForm:
    data = {"themes": [str(theme.id) for theme in case.themes], "service_area": str(case.service_area_id or "")}
    form = ClassificationForm(formdata=formdata, data=data)
    form.set_choices(
        [(str(theme.id), theme.name) for theme in theme_queries.complaint_themes(including=case.themes)],
        [(str(area.id), area.name) for area in queries.active_service_areas()],
    )
    return form


def _findings_data(case: Case, stage: int | None) -> dict:
    found = stage_findings(case, stage) if stage else {}
    data = {}
    for point_id, record in found.items():
        data[f"finding-{point_id}"] = record.finding.value
        data[f"notes-{point_id}"] = record.notes
    return data


def _learning_form(formdata=None) -> LearningForm:
    form = LearningForm(formdata=formdata)
    form.set_choices([(str(category.id), category.name) for category in learning.categories()])
    return form


def _render(case: Case, *, findings=None, remedy=None, classification=None, learning_form=None, errors=None):
    stage = FINDING_STATES.get(case.state)
    points = screening_queries.points_of(case)
    forms = {
        "findings_form": findings or findings_form(points, data=_findings_data(case, stage)),
        "remedy_form": remedy or RemedyForm(formdata=None),
        "classification_form": classification or _classification_form(case),
        "learning_form": learning_form or _learning_form(),
    }
    outcome = stage_outcome(case, stage) if stage else None
    errors = errors or []
    return render_template(
        "casework/stages/findings.html",
        case=case,
        stage=stage,
        points=points,
        outcome=outcome,
        learning_needed=needs_learning(outcome),
        learning_records=case.learning_records,
        remedy_text=remedy_text,
        money=money,
        title=f"Findings – {case.reference}",
        page_has_errors=any(form.errors for form in forms.values()) or bool(errors),
        extra_errors=errors,
        form=next((form for form in forms.values() if form.errors), None),
        **forms,
    )


def _not_at_a_stage(case: Case):
    return _render(case, errors=[{"text": f"Findings cannot be changed now: {case.state.label.lower()}", "href": "#"}])


@bp.get("/cases/<reference>/findings")
@roles_required(*STAGE_2_ROLES)
def findings(reference: str):
    case = case_for_stage_work(reference, "findings", STAGE_2_ROLES)
    return _render(case)


@bp.post("/cases/<reference>/findings")
@roles_required(*STAGE_2_ROLES)
def record_findings_view(reference: str):
    case = case_for_stage_work(reference, "findings", STAGE_2_ROLES)
    stage = FINDING_STATES.get(case.state)
    points = screening_queries.points_of(case)
    form = findings_form(points, formdata=request.form)
    if stage is None:
        return _not_at_a_stage(case)
    if not form.validate():
        return _render(case, findings=form)
    answers = {
        point.id: PointAnswer(Finding(form[f"finding-{point.id}"].data), form[f"notes-{point.id}"].data or None)
        for point in points
        if form[f"finding-{point.id}"].data
    }
    changed = record_findings(case, current_user, stage, answers, uk_today())
    flash("Findings saved" if changed else "Nothing was changed", "success")
    return redirect(url_for("casework.findings", reference=case.reference))


@bp.post("/cases/<reference>/findings/remedies")
@roles_required(*STAGE_2_ROLES)
def add_remedy_view(reference: str):
    case = case_for_stage_work(reference, "findings", STAGE_2_ROLES)
    stage = FINDING_STATES.get(case.state)
    form = RemedyForm()
    if stage is None:
        return _not_at_a_stage(case)
    if not form.validate():
        return _render(case, remedy=form)
    remedy = add_remedy(case, current_user, stage, RemedyKind(form.kind.data), form.description.data, form.amount.data)
    flash(f"Remedy added: {remedy_text(remedy)}", "success")
    return redirect(url_for("casework.findings", reference=case.reference) + "#remedies")


@bp.post("/cases/<reference>/findings/remedies/<int:remedy_id>/remove")
@roles_required(*STAGE_2_ROLES)
def remove_remedy_view(reference: str, remedy_id: int):
    case = case_for_stage_work(reference, "findings", STAGE_2_ROLES)
    remedy = queries.remedy_of(case, remedy_id)
    if remedy is None:
        abort(404)
    if FINDING_STATES.get(case.state) != remedy.stage:
        return _render(case, errors=[{"text": "Remedies of a stage that has ended cannot be removed", "href": "#"}])
    remove_remedy(case, current_user, remedy)
    flash("Remedy removed", "success")
    return redirect(url_for("casework.findings", reference=case.reference) + "#remedies")


@bp.post("/cases/<reference>/findings/classification")
@roles_required(*STAGE_ROLES)
def classify_view(reference: str):
    case = case_for_stage_work(reference, "findings")
    form = _classification_form(case, formdata=request.form)
    if not form.validate():
        return _render(case, classification=form)
    themes = theme_queries.themes_by_ids([int(value) for value in form.themes.data or []], ThemeScope.COMPLAINT)
    area = queries.active_service_area(int(form.service_area.data)) if form.service_area.data else None
    changed = classify(case, current_user, themes, area)
    flash("Themes and service area saved" if changed else "Nothing was changed", "success")
    return redirect(url_for("casework.findings", reference=case.reference) + "#classification")


@bp.post("/cases/<reference>/findings/learning")
@roles_required(*STAGE_ROLES)
def record_learning_view(reference: str):
    """Learning from an upheld or partly upheld complaint (domain.md section 8), recorded through the learning
    service (portal.learning_records), which checks who may and audits it; the learning pages add its actions."""
    case = case_for_stage_work(reference, "findings")
    form = _learning_form(formdata=request.form)
    if not form.validate():
        return _render(case, learning_form=form)
    category = next(item for item in learning.categories() if str(item.id) == form.category.data)
    try:
        learning.record_learning(case, category, form.summary.data, current_user)
    except learning.LearningError as error:
        transaction.rollback()
        getattr(form, error.field or "summary").errors.append(str(error))
        return _render(case, learning_form=form)
    transaction.commit()
    flash("Learning recorded", "success")
    return redirect(url_for("casework.findings", reference=case.reference) + "#learning")
