"""Pages of a long list: reading the page number from the address, and the GOV.UK pagination block's links (the first
page, the last, and the current page with its neighbours)."""

import math
from collections.abc import Callable

from flask import abort

# No list is this long; a bigger number is a made-up address, not a page.
MAX_PAGE = 100_000


def page_number(value: str | None) -> int:
    """The page asked for: 1 when none is, and 404 for anything but a whole number from 1 to MAX_PAGE (isdigit()
    alone would let through "²", which int() refuses)."""
    if value is None:
        return 1
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= MAX_PAGE:
        abort(404)
    return int(value)


def last_page(total: int, per_page: int) -> int:
    """The number of the last page: 1 for an empty list, which still has its (empty) first page."""
    return max(1, math.ceil(total / per_page))


def page_numbers(current: int, last: int) -> list[int | None]:
    """Page numbers in order, with None where a run of pages is left out (shown as an ellipsis)."""
    shown = sorted({1, last, *(n for n in (current - 1, current, current + 1) if 1 <= n <= last)})
    numbers: list[int | None] = []
    for number in shown:
        if numbers and number - numbers[-1] > 1:
            numbers.append(number - 1 if number - numbers[-1] == 2 else None)
        numbers.append(number)
    return numbers


def govuk_pagination(
    number: int, last: int, link: Callable[[int], str], label: str, *, more: bool = False
) -> dict | None:
    """The parameters of govukPagination for page `number` of `last`, or None when everything fits on one page.
    `link(n)` is the address of page n; `label` names the landmark ("Pages of cases"). `more` says that pages follow
    `last` that were not counted: an ellipsis follows it, and there is always a next page."""
    if last <= 1 and not more:
        return None
    items = [
        {"ellipsis": True} if n is None else {"number": n, "href": link(n), "current": n == number}
        for n in page_numbers(number, last)
    ]
    if more:
        items.append({"ellipsis": True})
    params: dict = {"items": items, "landmarkLabel": label}
    if number > 1:
        params["previous"] = {"href": link(number - 1)}
    if number < last or more:
        params["next"] = {"href": link(number + 1)}
    return params
