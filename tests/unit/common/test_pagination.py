"""Which page numbers the case list's pagination shows, and how it goes on past the pages it counted."""

import pytest

from portal.common.pagination import govuk_pagination, page_numbers


@pytest.mark.parametrize(
    ("current", "last", "expected"),
    [
        (1, 1, [1]),
        (1, 2, [1, 2]),
        (1, 5, [1, 2, None, 5]),
        (3, 5, [1, 2, 3, 4, 5]),
        (5, 5, [1, None, 4, 5]),
        (4, 10, [1, 2, 3, 4, 5, None, 10]),
        (10, 20, [1, None, 9, 10, 11, None, 20]),
    ],
)
def test_first_last_and_neighbours_with_gaps(current, last, expected):
    assert page_numbers(current, last) == expected


def link(number: int) -> str:
    return f"?page={number}"


def test_pages_past_the_last_counted_end_with_an_ellipsis_and_a_next_link():
    params = govuk_pagination(20, 20, link, "Pages of cases", more=True)
    assert params["items"][-2:] == [{"number": 20, "href": "?page=20", "current": True}, {"ellipsis": True}]
    assert params["next"] == {"href": "?page=21"}
    assert govuk_pagination(1, 1, link, "Pages of cases", more=True)["next"] == {"href": "?page=2"}


def test_a_list_counted_to_its_end_has_no_next_link_on_its_last_page():
    assert "next" not in govuk_pagination(20, 20, link, "Pages of cases")
    assert govuk_pagination(1, 1, link, "Pages of cases") is None
