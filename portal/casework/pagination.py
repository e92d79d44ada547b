"""Which page numbers a GOV.UK pagination block shows: the first, the last, and the current page with its neighbours."""


def page_numbers(current: int, last: int) -> list[int | None]:
    """Page numbers in order, with None where a run of pages is left out (shown as an ellipsis)."""
    shown = sorted({1, last, *(n for n in (current - 1, current, current + 1) if 1 <= n <= last)})
    numbers: list[int | None] = []
    for number in shown:
        if numbers and number - numbers[-1] > 1:
            numbers.append(number - 1 if number - numbers[-1] == 2 else None)
        numbers.append(number)
    return numbers
