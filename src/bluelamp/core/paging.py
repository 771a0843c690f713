"""What the shared GOV.UK pagination include (templates/includes/pagination.html) needs."""

from __future__ import annotations


def page_numbers(page) -> list[int | None]:
    """Page numbers to show, with None for a gap: 1 … 4 5 6 … 12."""
    last = page.paginator.num_pages
    wanted = {1, last, page.number - 1, page.number, page.number + 1}
    numbers: list[int | None] = []
    for number in sorted(n for n in wanted if 1 <= n <= last):
        if numbers and number - (numbers[-1] or 0) > 1:
            numbers.append(None)
        numbers.append(number)
    return numbers
