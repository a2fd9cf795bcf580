"""Candidate placement by interval index gives the same decisions as comparing every pair."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from claims_app.claims.placement import IntervalIndex, Placer

spans = st.tuples(st.integers(0, 60), st.integers(1, 15)).map(lambda t: (t[0], t[0] + t[1]))


def brute_force(existing, replaceable, candidates):
    """The pairwise rule: kept out if it overlaps a claim placed in this run, or a stored one that
    has the same span or may not give way; otherwise it replaces the stored ones it overlaps."""
    live = list(existing)
    placed = []
    decisions = []
    for start, end in sorted(candidates):
        hits = [c for c in live if c[0] < end and start < c[1]]
        if any(p[0] < end and start < p[1] for p in placed) or any(c == (start, end) or not replaceable(c)
                                                                    for c in hits):
            decisions.append((False, []))
            continue
        for c in hits:
            live.remove(c)
        placed.append((start, end))
        decisions.append((True, sorted(hits)))
    return decisions


@settings(max_examples=300, deadline=None)
@given(st.lists(spans, max_size=25, unique=True), st.lists(spans, max_size=25), st.integers(0, 3))
def test_placer_decides_as_the_pairwise_rule(existing, candidates, modulus):
    def replaceable(span):
        return modulus == 0 or span[0] % (modulus + 1) != 0

    placer = Placer(existing, lambda c: c, replaceable)
    got = [(ok, sorted(old)) for ok, old in (placer.place(s, e) for s, e in sorted(candidates))]
    assert got == brute_force(existing, replaceable, candidates)


@settings(max_examples=300, deadline=None)
@given(st.lists(spans, max_size=30), spans)
def test_innermost_containing_is_the_latest_starting_container(intervals, probe):
    index = IntervalIndex(intervals, lambda c: c)
    containers = [c for c in intervals if c[0] <= probe[0] and probe[1] <= c[1]]
    found = index.innermost_containing(*probe)
    if not containers:
        assert found is None
    else:
        assert found in containers and found[0] == max(c[0] for c in containers)
