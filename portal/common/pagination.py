"""Pages of long lists: which page was asked for, and the GOV.UK pagination block that links the pages (the first,
the last, and the current page with its neighbours)."""

import math
from collections.abc import Callable

from flask import abort

MAX_PAGE = 100_000


def page_numbers(current: int, last: int) -> list[int | None]:
    """Page numbers in order, with None where a run of pages is left out (shown as an ellipsis)."""
    shown = sorted({1, last, *(n for n in (current - 1, current, current + 1) if 1 <= n <= last)})
    numbers: list[int | None] = []
    for number in shown:
        if numbers and number - numbers[-1] > 1:
            numbers.append(number - 1 if number - numbers[-1] == 2 else None)
        numbers.append(number)
    return numbers


def requested_page(value: str | None) -> int:
    """The page number in a query string: 1 when there is none, and a 404 for anything but a whole number from 1 to
    MAX_PAGE (isdigit() alone would let through "²", which int() refuses)."""
    if value is None:
        return 1
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= MAX_PAGE:
        abort(404)
    return int(value)


def pagination_params(number: int, last: int, link: Callable[[int], str], label: str) -> dict | None:
    """The parameters of the govukPagination macro for page `number` of `last`, `link` giving each page's address;
    None when everything fits on one page."""
    if last <= 1:
        return None
    params: dict = {
        "items": [
            {"ellipsis": True} if n is None else {"number": n, "href": link(n), "current": n == number}
            for n in page_numbers(number, last)
        ],
        "landmarkLabel": label,
    }
    if number > 1:
        params["previous"] = {"href": link(number - 1)}
    if number < last:
        params["next"] = {"href": link(number + 1)}
    return params


def last_page(total: int, per_page: int) -> int:
    """The number of the last page of `total` rows at `per_page` a page: 1 when there are none."""
    return max(1, math.ceil(total / per_page))


def pages_of(number: int, total: int, per_page: int, link: Callable[[int], str], label: str) -> dict | None:
    """For page `number` of a list of `total` rows: the pagination block's parameters (None when one page holds them
    all), or a 404 for a page past the last."""
    last = last_page(total, per_page)
    if number > last:
        abort(404)
    return pagination_params(number, last, link, label)
