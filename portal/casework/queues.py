"""Work queues: the lists of cases staff work from, with search, filters, sorting and pages.

One address, /staff/cases, answers for every queue. htmx asks it for the results region alone as people type or
change a filter; without JavaScript the same form is sent with its "Apply filters" button and the whole page comes
back.
"""

from flask import Response, abort, current_app, request, stream_with_context, url_for
from flask_login import current_user

from portal.casework import bp, services
from portal.casework.forms_queues import FIRST_DIRECTION, CaseFilterForm
from portal.common import htmx, spreadsheets
from portal.common.clock import uk_today
from portal.common.pagination import govuk_pagination, page_number
from portal.common.roles import roles_required
from portal.data.queries import queues as queue_queries
from portal.data.queries.queues import CaseSearch, Direction, Queue, SortKey

QUEUE_NAMES = {
    Queue.ALL: "All cases",
    Queue.TO_SCREEN: "To screen",
    Queue.MINE: "My cases",
    Queue.DUE: "Due soon and overdue",
    Queue.ON_HOLD: "On hold",
}
# What an empty queue says when no search or filter is narrowing it.
EMPTY_QUEUE = {
    Queue.ALL: "There are no cases yet.",
    Queue.TO_SCREEN: "There are no cases waiting to be screened.",
    Queue.MINE: "There are no cases allocated to you, assigned to you or screened by you.",
    Queue.DUE: "No open cases are due in the next 2 working days or overdue.",
    Queue.ON_HOLD: "No complaints are on hold.",
}
ARIA_SORT = {Direction.ASCENDING: "ascending", Direction.DESCENDING: "descending"}
# How the list is ordered after possible safeguarding concerns, in words.
ORDER_TEXT = {
    (SortKey.RECEIVED, Direction.DESCENDING): "the most recently received",
    (SortKey.RECEIVED, Direction.ASCENDING): "the earliest received",
    (SortKey.DUE, Direction.ASCENDING): "the nearest due date",
    (SortKey.DUE, Direction.DESCENDING): "the latest due date",
    (SortKey.REFERENCE, Direction.ASCENDING): "by reference from A to Z",
    (SortKey.REFERENCE, Direction.DESCENDING): "by reference from Z to A",
}


def _queue(value: str | None) -> Queue:
    if not value:
        return Queue.ALL
    if value not in set(Queue):
        abort(404)
    return Queue(value)


def _query_args(search: CaseSearch, form: CaseFilterForm, **changes) -> dict:
    """The query string for this search, with `changes`; defaults are left out to keep addresses short."""
    args: dict = {
        "queue": None if search.queue is Queue.ALL else search.queue.value,
        "q": search.text or None,
        "kind": form.kind.data,
        "procedure": form.procedure.data,
        "stage": form.stage.data,
        "status": form.status.data or None,
        "team": form.team.data or None,
        "theme": form.theme.data or None,
        "only": form.only.data,
        "sort": request.args.get("sort") and search.sort.value,
        "direction": request.args.get("sort") and search.direction.value,
    }
    args.update(changes)
    return {name: value for name, value in args.items() if value}


def _sort_links(search: CaseSearch, form: CaseFilterForm) -> dict:
    """For each sortable column: its link (which turns the order round when it is already sorted by it) and its
    aria-sort value."""
    links = {}
    for key in SortKey:
        if key is search.sort:
            direction = Direction.ASCENDING if search.direction is Direction.DESCENDING else Direction.DESCENDING
            aria_sort = ARIA_SORT[search.direction]
        else:
            direction, aria_sort = FIRST_DIRECTION[key], "none"
        href = url_for("casework.case_list", **_query_args(search, form, sort=key.value, direction=direction.value))
        links[key.value] = {"href": href, "aria_sort": aria_sort}
    return links


def _pagination(page: services.CaseListPage, search: CaseSearch, form: CaseFilterForm) -> dict | None:
    def link(number: int) -> str:
        return url_for("casework.case_list", **_query_args(search, form, page=number if number > 1 else None))

    return govuk_pagination(page.number, page.last, link, "Pages of cases", more=page.more)


def _page_of(page: services.CaseListPage) -> str:
    return f"page {page.number} of {'more than ' if page.more else ''}{page.last}"


def _narrowed(search: CaseSearch) -> bool:
    unfiltered = CaseSearch(queue=search.queue, sort=search.sort, direction=search.direction)
    return search != unfiltered


@bp.get("/cases")
@roles_required(*services.CASEWORK_ROLES)
def case_list():
    htmx.vary_on_htmx()
    queue = _queue(request.args.get("queue"))
    number = page_number(request.args.get("page"))
    form = CaseFilterForm(formdata=request.args, teams=queue_queries.teams(), themes=queue_queries.themes())
    search = form.search(queue, request.args)
    page = services.case_list_page(current_user, search, number, today=uk_today())
    if page is None:
        abort(404)
    title = QUEUE_NAMES[queue] if page.last == 1 and not page.more else f"{QUEUE_NAMES[queue]} ({_page_of(page)})"
    return htmx.render_page_or_partial(
        "casework/case_list.html",
        "casework/partials/_case_results.html",
        page=page,
        form=form,
        search=search,
        queues=[
            {
                "name": name,
                "href": url_for("casework.case_list", queue=None if key is Queue.ALL else key.value),
                "current": key is queue,
            }
            for key, name in QUEUE_NAMES.items()
        ],
        queue_name=QUEUE_NAMES[queue],
        clear_href=url_for("casework.case_list", queue=None if queue is Queue.ALL else queue.value),
        order_text=ORDER_TEXT[search.sort, search.direction],
        narrowed=_narrowed(search),
        empty_message=EMPTY_QUEUE[queue],
        hidden_fields={
            name: value for name, value in _query_args(search, form).items() if name in ("queue", "sort", "direction")
        },
        sort_links=_sort_links(search, form),
        pagination=_pagination(page, search, form),
        title=title,
        page_of=_page_of(page),
        allocated_only=current_user.role in services.ALLOCATED_ONLY_ROLES,
        export_links={
            file_format: url_for("casework.case_list_export", file_format=file_format, **_query_args(search, form))
            for file_format in EXPORT_FORMATS
        },
        export_is_personal=current_user.role in services.PERSONAL_EXPORT_ROLES,
    )


EXPORT_FORMATS = {"csv": "text/csv; charset=utf-8", "xlsx": spreadsheets.XLSX_MIMETYPE}


@bp.get("/cases/export.<file_format>")
@roles_required(*services.CASEWORK_ROLES)
def case_list_export(file_format: str):
    """Every case in the list as filtered on screen (the same query string), as CSV or an Excel workbook."""
    if file_format not in EXPORT_FORMATS:
        abort(404)
    queue = _queue(request.args.get("queue"))
    form = CaseFilterForm(formdata=request.args, teams=queue_queries.teams(), themes=queue_queries.themes())
    search = form.search(queue, request.args)
    secret = current_app.config["SECRET_KEY"].encode()
    headings, rows = services.case_list_export(current_user, search, uk_today(), secret)
    name = f"cases-{uk_today().isoformat()}.{file_format}"
    if file_format == "csv":
        body = stream_with_context(spreadsheets.csv_lines(headings, rows))
    else:
        body = spreadsheets.xlsx_bytes(headings, rows)
    return Response(
        body,
        mimetype=EXPORT_FORMATS[file_format],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
