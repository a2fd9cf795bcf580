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


@dataclass(slots=True)
class PreparedArticle:
    item: ArticleInput
    sha256: str
    language: str
    title: str
    search_text: str
    quotes: list[QuoteCandidate] = field(default_factory=list)
    numbers: list[NumericCandidate] = field(default_factory=list)
    # folded exact text of each candidate, by (start, end): the article is folded once here
    folded: dict[tuple[int, int], str] = field(default_factory=dict)
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
        prepared.numbers = list(extraction.numeric_claims)
        prepared.extracted = True
        for c in (*prepared.quotes, *prepared.numbers):
            key = (c.start, c.end)
            if key not in prepared.folded:
                prepared.folded[key] = normalize_for_search(text[c.start:c.end])
    return prepared
