"""Which page numbers the case list's pagination shows."""

import pytest

from portal.common.pagination import page_numbers


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
