"""An interview's layout: which paragraphs are the interviewer's questions, which the answers.

In a question-and-answer article a name written in a question belongs to the question ("Q: The
governor warned that… Is she wrong?"); the answer after it is the interviewee's, whoever the
question named. The article counts as an interview when at least two of its paragraphs are
questions: labelled as one ("Q:", "سؤال:") or ending with a question mark.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from .forms import INTERVIEWEE_LABELS, INTERVIEWER_LABELS

_PARAGRAPH = re.compile(r"[^\n]+")
_QUESTION_END = ("?", "\u061f")
_LABEL_SEPARATORS = ":.-\u2013\u2014"
_MIN_LABELLED = 2
_MIN_UNLABELLED = 3


def _label(paragraph: str, labels: frozenset[str]) -> bool:
    for sep in _LABEL_SEPARATORS:
        head, found, _ = paragraph.partition(sep)
        head = head.strip()
        # a one-letter label takes a colon only: "В. Путин", "В-третьих" are no questions
        if found and head in labels and (len(head) > 1 or sep == ":"):
            return True
    return False


class Interview:
    def __init__(self, text: str):
        self.starts: list[int] = []
        self.kinds: list[str | None] = []
        labelled = unlabelled = 0
        previous = None
        for m in _PARAGRAPH.finditer(text):
            para = m.group().strip()
            if not para:
                continue
            if _label(para[:16], INTERVIEWER_LABELS):
                kind = "question"
                labelled += 1
            elif para.endswith(_QUESTION_END):
                kind = "question"
                unlabelled += 1
            elif _label(para[:16], INTERVIEWEE_LABELS) or previous == "question":
                kind = "answer"
            else:
                kind = None
            self.starts.append(m.start())
            self.kinds.append(kind)
            previous = kind
        self.active = labelled >= _MIN_LABELLED or labelled + unlabelled >= _MIN_UNLABELLED

    def role(self, pos: int) -> str | None:
        """"question", "answer" or None for the paragraph holding ``pos``."""
        if not self.active:
            return None
        k = bisect_right(self.starts, pos) - 1
        return self.kinds[k] if k >= 0 else None
