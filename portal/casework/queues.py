"""Work queues: the lists of cases staff work from."""

from flask import abort, render_template, request, url_for
from flask_login import current_user

from portal.auth.decorators import roles_required
from portal.casework import bp, services
from portal.casework.pagination import page_numbers

MAX_PAGE = 100_000


def _page_number(value: str | None) -> int:
    if value is None:
        return 1
    if not value.isdigit() or not 1 <= int(value) <= MAX_PAGE:
        abort(404)
    return int(value)


def _pagination(page: services.CaseListPage) -> dict | None:
    if page.last == 1:
        return None

    def link(number: int) -> str:
        return url_for("casework.case_list", page=number)

    params: dict = {
        "items": [
            {"ellipsis": True}
            if number is None
            else {"number": number, "href": link(number), "current": number == page.number}
            for number in page_numbers(page.number, page.last)
        ],
        "landmarkLabel": "Pages of cases",
    }
    if page.number > 1:
        params["previous"] = {"href": link(page.number - 1)}
    if page.number < page.last:
        params["next"] = {"href": link(page.number + 1)}
    return params


@bp.get("/cases")
@roles_required(*services.CASEWORK_ROLES)
def case_list():
    page = services.case_list_page(current_user, _page_number(request.args.get("page")))
    if page is None:
        abort(404)
    return render_template(
        "casework/case_list.html",
        page=page,
        pagination=_pagination(page),
        title="Cases" if page.last == 1 else f"Cases (page {page.number} of {page.last})",
        allocated_only=current_user.role in services.ALLOCATED_ONLY_ROLES,
    )
