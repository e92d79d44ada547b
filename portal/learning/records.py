"""Learning records: the list of what complaints have taught the council (Dudley's "Learning / Complaint / Actions"
table), one record with its actions, recording the learning of a case and changing it."""

from flask import abort, request, url_for
from flask_login import current_user

from portal.common.clock import uk_today
from portal.common.fields import kept_choice
from portal.common.pagination import page_number
from portal.data.queries import learning as queries
from portal.learning import bp
from portal.learning.forms import ANY, RecordFilterForm, RecordForm
from portal.learning.views import (
    action_rows,
    form_page,
    learning_staff_only,
    pages_of,
    record_or_404,
    render_learning,
    save,
    viewed,
)
from portal.learning_records import services

RECORDS_PER_PAGE = 50


@bp.get("/records")
@learning_staff_only
def learning_records():
    form = RecordFilterForm(formdata=request.args, categories=queries.all_categories())
    category = kept_choice(form.category, ANY)
    number = page_number(request.args.get("page"))
    page = queries.learning_records(
        current_user,
        int(category) if category else None,
        limit=RECORDS_PER_PAGE,
        offset=(number - 1) * RECORDS_PER_PAGE,
    )
    chosen = {"category": category} if category else {}
    pagination = pages_of(
        number,
        page.total,
        RECORDS_PER_PAGE,
        lambda n: url_for("learning.learning_records", page=n, **chosen),
        "Pages of learning",
    )
    viewed("learning_records_viewed", filters=chosen, page=number)
    return render_learning(
        "learning/records.html",
        title="Learning records",
        form=form,
        records=page.records,
        total=page.total,
        narrowed=bool(chosen),
        case_links=queries.cases_openable_by(current_user, {record.case_id for record in page.records}),
        pagination=pagination,
    )


@bp.get("/records/<int:record_id>")
@learning_staff_only
def record(record_id: int):
    found = record_or_404(record_id)
    viewed("learning_viewed", case_id=found.case_id, learning_record_id=found.id)
    return render_learning(
        "learning/record.html",
        title=f"Learning from {found.case.reference}",
        record=found,
        rows=action_rows(found.actions, uk_today()),
        case_link=bool(queries.cases_openable_by(current_user, {found.case_id})),
    )


@bp.route("/cases/<reference>/new", methods=["GET", "POST"])
@learning_staff_only
def new_record(reference: str):
    case = queries.learning_case(reference, current_user)
    if case is None:
        abort(404)
    form = RecordForm(categories=services.categories())
    if form.validate_on_submit():
        category = _category(form)
        saved = save(
            form,
            "summary",
            lambda: services.record_learning(case, category, form.summary.data, current_user),
            lambda created: (
                "Learning recorded. Add the actions that follow from it.",
                url_for("learning.record", record_id=created.id),
            ),
        )
        if saved:
            return saved
    return form_page(
        "learning/record_form.html",
        form,
        case.id,
        {"section": "new learning record"},
        title="Record learning",
        case=case,
        record=None,
    )


@bp.route("/records/<int:record_id>/change", methods=["GET", "POST"])
@learning_staff_only
def change_record(record_id: int):
    found = record_or_404(record_id)
    form = RecordForm(
        categories=services.categories(including=found.category),
        data=None if request.method == "POST" else {"category": str(found.category_id), "summary": found.summary},
    )
    if form.validate_on_submit():
        saved = save(
            form,
            "summary",
            lambda: services.change_record(found, _category(form, found.category), form.summary.data, current_user),
            lambda changed: (
                "Learning saved" if changed else "Nothing was changed",
                url_for("learning.record", record_id=found.id),
            ),
        )
        if saved:
            return saved
    return form_page(
        "learning/record_form.html",
        form,
        found.case_id,
        {"learning_record_id": found.id},
        title="Change the learning",
        case=found.case,
        record=found,
    )


def _category(form: RecordForm, including=None):
    return {str(category.id): category for category in services.categories(including)}.get(form.category.data)
