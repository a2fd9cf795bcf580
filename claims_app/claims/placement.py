"""Where candidates may go: overlap look-ups in O(log n) per candidate instead of a scan.

A candidate is kept out when it overlaps any claim of its kind, except untouched suggestions of
an older extractor version, which give way to it. Candidates are placed in order of start, so
overlap with those placed before needs only the largest end seen so far; overlap with the
claims already stored uses their starts (sorted) and a running maximum of their ends.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Callable, Generic, Sequence, TypeVar

T = TypeVar("T")


class IntervalIndex(Generic[T]):
    """Static intervals [start, end) sorted by start; items can be removed (marked)."""

    def __init__(self, items: Sequence[T], span: Callable[[T], tuple[int, int]]):
        ordered = sorted(items, key=span)
        self.items = ordered
        self.starts = [span(x)[0] for x in ordered]
        self.ends = [span(x)[1] for x in ordered]
        self.max_end: list[int] = []
        running = -1
        for e in self.ends:
            running = max(running, e)
            self.max_end.append(running)
        self.removed: set[int] = set()

    def overlapping(self, start: int, end: int) -> list[int]:
        """Positions of the live intervals that overlap [start, end)."""
        found = []
        i = bisect_left(self.starts, end) - 1
        while i >= 0 and self.max_end[i] > start:
            if self.ends[i] > start and i not in self.removed:
                found.append(i)
            i -= 1
        return found

    def innermost_containing(self, start: int, end: int) -> T | None:
        """The live interval with the largest start that contains [start, end)."""
        i = bisect_right(self.starts, start) - 1
        while i >= 0 and self.max_end[i] >= end:
            if self.ends[i] >= end and i not in self.removed:
                return self.items[i]
            i -= 1
        return None


class Placer:
    """Decides, candidate by candidate (in order of start), whether it may be stored.

    ``replaceable(old)`` says whether an overlapping stored claim may give way. ``place`` returns
    (allowed, claims to replace); counts of kept-out candidates are in ``kept``.
    """

    def __init__(self, existing: Sequence[T], span: Callable[[T], tuple[int, int]], replaceable: Callable[[T], bool]):
        self.index = IntervalIndex(existing, span)
        self.replaceable = replaceable
        self.placed_max_end = -1
        self.last_start = -1
        self.kept = 0

    def place(self, start: int, end: int) -> tuple[bool, list[T]]:
        if start < self.last_start:
            raise ValueError("candidates must be placed in order of start")
        self.last_start = start
        if self.placed_max_end > start:   # overlaps a candidate placed in this run
            self.kept += 1
            return False, []
        hits = self.index.overlapping(start, end)
        for i in hits:
            if (self.index.starts[i], self.index.ends[i]) == (start, end) or not self.replaceable(self.index.items[i]):
                self.kept += 1
                return False, []
        self.index.removed.update(hits)
        self.placed_max_end = max(self.placed_max_end, end)
        return True, [self.index.items[i] for i in hits]
