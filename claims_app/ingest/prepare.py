"""Everything about an article that needs no database: hash, language, title, extraction, folds.

Pure and picklable, so that ``ingest --jobs N`` can run it in worker processes.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from ..articles.readers import ArticleInput, guess_title
from ..extraction import NumericCandidate, QuoteCandidate, extract
from ..extraction.language import detect_language
from ..extraction.normalize import normalize_for_search
from ..links.terms import claim_terms, quote_terms
from .checks import fit_candidate


@dataclass(slots=True)
class PreparedArticle:
    item: ArticleInput
    sha256: str
    language: str
    title: str
    search_text: str
    quotes: list[QuoteCandidate] = field(default_factory=list)
    numbers: list[NumericCandidate] = field(default_factory=list)
    # link look-up terms of each numeric candidate, by (start, end): they depend on the text and
    # the candidate only, so worker processes make them (a quote's depend on its speaker's id)
    numeric_terms: dict[tuple[int, int], set[str]] = field(default_factory=dict)
    # a quote's terms but its speaker row's (``links.terms.quote_terms``), by (start, end)
    quote_terms: dict[tuple[int, int], set[str]] = field(default_factory=dict)
    extracted: bool = False

    @property
    def size(self) -> int:
        return len(self.item.text.encode("utf-8"))


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def prepare_article(item: ArticleInput, *, run_extraction: bool = True) -> PreparedArticle:
    text = item.text
    language = item.language or detect_language(text)
    prepared = PreparedArticle(
        item=item, sha256=text_sha256(text), language=language,
        title=item.title or guess_title(text, fallback=item.source.rsplit("/", 1)[-1]),
        search_text=normalize_for_search(text))
    if run_extraction:
        extraction = extract(text, language)
        prepared.quotes = list(extraction.quotes)
        for q in prepared.quotes:
            if 0 <= q.start < q.end <= len(text):
                prepared.quote_terms[(q.start, q.end)] = quote_terms(text[q.start:q.end], q.speaker, text,
                                                                     q.start, q.end)
        prepared.numbers = [fit_candidate(n) for n in extraction.numeric_claims]
        prepared.extracted = True
        for n in prepared.numbers:
            try:
                prepared.numeric_terms[(n.start, n.end)] = claim_terms(_NumericClaim(n), text)
            except (ArithmeticError, ValueError):   # a value the checks will drop anyway
                pass
    return prepared


class _NumericClaim:
    """A numeric candidate as ``claim_terms`` reads a stored claim (version 1: just written)."""

    __slots__ = ("kind", "start", "end", "metric", "numeric_kind", "value", "low", "high", "version")

    def __init__(self, n: NumericCandidate):
        self.kind, self.start, self.end, self.metric = "numeric", n.start, n.end, n.metric
        self.numeric_kind, self.value, self.low, self.high, self.version = n.kind, n.value, n.low, n.high, 1
