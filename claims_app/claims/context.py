"""The sentence around a claim, for screens that show a claim out of its article. Pure functions."""
from __future__ import annotations

import regex

# A sentence ends at a terminal mark (any script's: . ! ? ؟ 。 ۔ …) followed by a space, or at a line break.
_END = regex.compile(r"\p{Sentence_Terminal}+[\p{Pe}\p{Pf}\"'»”’]*(?=\s)|\n")
WINDOW = 300   # code points read on each side of the claim: a sentence longer than that is cut


def sentence_around(window: str, start: int, end: int) -> tuple[str, str, str]:
    """``(before, claim, after)``: the claim's text with the rest of its sentence(s) on each side.

    ``window`` is a slice of the article; ``start``/``end`` are the claim's offsets in it. The
    sides are marked with "…" where the window, not a sentence end, cut them.
    """
    head = window[:start]
    ends = [m.end() for m in _END.finditer(head)]
    cut = ends[-1] if ends else 0
    before = head[cut:].lstrip()
    if not ends and start >= WINDOW:
        before = "…" + before
    tail = window[end:]
    m = _END.search(tail)
    after = tail[:m.end()].rstrip("\n") if m else tail + ("…" if len(tail) >= WINDOW else "")
    return before, window[start:end], after
