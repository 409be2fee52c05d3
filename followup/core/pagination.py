"""Page-number pagination without totals.

Counting every matching row costs more than the page itself at a million tasks, so a page
fetches one row more than it shows: that extra row says whether there is a next page.
"""

from dataclasses import dataclass
from typing import Generic, TypeVar

from django.conf import settings

T = TypeVar("T")


@dataclass
class Page(Generic[T]):
    items: list[T]
    number: int
    size: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_number(self) -> int:
        return self.number + 1

    @property
    def previous_number(self) -> int:
        return self.number - 1


def clamp_page_size(size: int | None) -> int:
    if not size:
        return settings.PAGE_SIZE
    return max(1, min(int(size), settings.MAX_PAGE_SIZE))


MAX_PAGE_NUMBER = 1_000_000  # a sanity cap: no list is that long, and a huge number never reaches SQL


def paginate(queryset, *, number: int = 1, size: int | None = None) -> Page:
    size = clamp_page_size(size)
    number = max(1, min(int(number or 1), MAX_PAGE_NUMBER))
    start = (number - 1) * size
    return page_of(list(queryset[start : start + size + 1]), number=number, size=size)


def page_of(rows: list, *, number: int, size: int) -> Page:
    """The page of ``rows``: the page's rows read with one more, which says there is a next page
    (for a read that slices its rows itself: a query compiled once, ``core.compiled``)."""
    return Page(items=rows[:size], number=number, size=size, has_next=len(rows) > size)


def parse_page_number(raw: str | None) -> int:
    """``?page=`` of a web page: anything that is not a page number reads as the first page,
    and a number past the last possible page as that page (an empty one, never an error)."""
    try:
        return max(1, min(int(raw or 1), MAX_PAGE_NUMBER))
    except (TypeError, ValueError):
        return 1
