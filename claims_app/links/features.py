"""What a claim is about, as look-up terms: metric concepts, named entities, words, speaker keys.

Pure text: the suggestion service feeds it the claim's fields and its article's text and stores
the terms it returns in ``claim_terms``. Term prefixes:

- ``m:<concept>``  metric concept from the lexicon (topic or aspect)
- ``e:<entity>``   entity named near the figure (country, place, organisation, person)
- ``w:<word>``     folded word of the extractor's ``metric`` (same-language fall-back)
- ``k:<kind>:<topic>:<entity>`` or ``k:<kind>:<topic>:<entity>+<entity>``  the metric key of a
  numeric claim (``*`` for no entity; one key per pair of entities); ``kx:`` files a figure about
  two entities under each of them as well (see ``ClaimFeatures.stored_keys``)
- ``vk:...:<bucket>``, ``vkx:...:<bucket>``  the same keys with the value's bucket (see ``bucket``)
- ``vt:<kind>:<topic>:<bucket>``  kind, topic and bucket whatever the entities: one article names
  the country a toll is about and another does not (sampled, newest first)
- ``s:<key>``      speaker key of a quote: ``s:#<speaker id>``, ``s:<entity>``, ``s:n:<skeleton>``,
  ``s:x:<identity key>`` (the surname's consonant classes, one for every script)
- ``c:<hash>``     pairs of a quote's concepts (``words.tsv``): a quote and its translation share some
- ``a:<entity>``   an entity the figure's sentence names that is not part of what it measures (a
  person, a source): what the article is about, for grouping stories (``stories.py``)
- ``#<version>``   the claim was indexed by this version of the rules
"""
from __future__ import annotations

import math
import re
from decimal import Decimal
import zlib
from itertools import combinations
from dataclasses import dataclass, field
from functools import lru_cache

from ..extraction.speakers import name_skeleton
from ..speakers.identity import identity_key
from ..extraction.names import guess_speaker_kind
from .lexicon import LEXICON_DIR, entity_lexicon, metric_lexicon, scan, tokens, word_lexicon

TERMS_VERSION = "18"
INDEXED = f"#{TERMS_VERSION}"
LEFT_CHARS, RIGHT_CHARS = 160, 100
WIDE_LEFT_CHARS = 400       # when the sentence names no entity, the one before usually does
ASPECT_REACH = 8
ASPECT_REACH_OF = {"tallied": 4}   # "99.43% of the ballot boxes": the count's progress is next to it
TOPIC_REACH = 4             # topics further than this many words beyond the nearest one are other figures'
MAX_TERM = 120
BUCKETS_PER_DECADE = 20
MAX_BUCKETS = 12
MAX_ENTITIES = 5
# Figures that belong to a person named next to them: a candidate's share of the votes. For these,
# that person is part of what the figure measures (52.14% for one candidate, 47.86% for the other).
HOLDER_TOPICS = frozenset({"votes", "voters"})
# Counts that grow while they are counted (tolls, votes): each is one place's, and two of them
# conflict only when reported about the same time (rules.py).
RUNNING_TOPICS = frozenset({"killed", "injured", "casualties", "votes", "voters", "turnout"})
HOLDER_REACH = 6
JOINED_PLACES = 3           # places this many words apart with no number between them are named together
# Rate changes are stated in basis points or percentage points ("25 نقطة أساس", "0,25 процентного
# пункта", "a quarter of a point"): such a figure is compared in basis points, whatever its unit.
POINT_KIND = "points"
POINT_SCALE = {"basis_point": 1, "percentage_point": 100}
SCALE_REACH = 3             # a scale word within this many words after the figure is its unit
SPEAKER_REACH = (250, 120)   # characters before and after a quote searched for who said it

# A sentence ends at . ! ? ؟ followed by a space, or at a line break; decimals and abbreviations
# made of single letters ("U.S.", "б.п.", "т.е.") do not.
_SENTENCE_END = re.compile(r"(?<![\s.(]\w)\.(?=\s)|[!?؟](?=\s)|\n")
_CLAUSE_END = re.compile(r"[,;:،؛]\s|\s[-–—]\s")
_STOPWORDS = frozenset("""the of in on at to from for and or by with a an as its their this that is was were be
been are has have had than more less about over under some nearly almost around per percent
من في على الى إلى عن مع او أو و ان أن هذا هذه التي الذي بين نحو حوالي اكثر أكثر اقل أقل
של את על עם או גם כי זה זו היא הוא בין יותר פחות כ אחוז""".split())


@dataclass
class ClaimFeatures:
    topics: set[str] = field(default_factory=set)
    aspects: set[str] = field(default_factory=set)
    entities: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)
    speaker_keys: set[str] = field(default_factory=set)
    scale: str | None = None   # a point unit of POINT_SCALE written with the figure
    named: set[str] = field(default_factory=set)   # every entity of the figure's sentence, people too

    def terms(self, numeric_kind: str | None = None, buckets: set[str] = frozenset()) -> set[str]:
        out = {INDEXED}
        out |= {f"m:{c}" for c in self.topics | self.aspects}
        out |= {f"e:{e}" for e in self.entities}
        out |= {f"w:{w}" for w in self.words}
        out |= {f"s:{s}" for s in self.speaker_keys}
        if self.scale:
            out.add(f"m:{self.scale}")
        out |= {f"a:{e}" for e in self.named - self.entities}
        if numeric_kind:
            keys = self.stored_keys(numeric_kind)
            out |= keys | {f"v{key}:{b}" for key in keys for b in buckets}
            out |= {f"vt:{numeric_kind}:{t}:{b}" for t in self.topics for b in buckets}
        return {t[:MAX_TERM] for t in out}

    def _groups(self) -> list[str]:
        """Who a figure is about, as look-up groups: the entity, or each pair of entities."""
        ents = sorted(self.entities)[:MAX_ENTITIES]
        if len(ents) <= 1:
            return ents or ["*"]
        return [f"{a}+{b}" for a, b in combinations(ents, 2)]

    def metric_keys(self, numeric_kind: str) -> set[str]:
        """``k:<kind>:<topic>:<entity or pair>``: the metric as the metric view lists it."""
        return {f"k:{numeric_kind}:{h}:{g}" for h in self.heads() for g in self._groups()}

    def stored_keys(self, numeric_kind: str) -> set[str]:
        # A figure about exactly two entities is also filed under each one ("kx:"), so that a
        # figure naming only one of them (half the entities in common) still finds it.
        keys = self.metric_keys(numeric_kind)
        if len(self.entities) == 2:
            keys |= {f"kx:{numeric_kind}:{h}:{e}" for h in self.heads() for e in self.entities}
        return keys

    def probe_keys(self, numeric_kind: str) -> set[str]:
        """The stored keys under which a figure on the same metric as this one is filed (a figure
        about the Fed is looked for under the United States too)."""
        keys = self.metric_keys(numeric_kind)
        for country in with_countries(self.entities) - self.entities:
            keys |= {f"k:{numeric_kind}:{h}:{country}" for h in self.heads()}
        if len(self.entities) == 1:
            keys |= {f"kx:{numeric_kind}:{h}:{e}" for h in self.heads() for e in self.entities}
        elif len(self.entities) == 2:
            keys |= {f"k:{numeric_kind}:{h}:{e}" for h in self.heads() for e in self.entities}
        return keys

    def heads(self) -> set[str]:
        """What a numeric claim is looked up by: its topics, else the words of its metric."""
        return set(self.topics) or {f"~{w}" for w in self.words}


def bucket(value: float) -> str:
    """Value bucket of a figure: about 12% wide on a log scale, so that near values share one."""
    if value <= 0:
        return "z"
    return str(math.floor(math.log10(value) * BUCKETS_PER_DECADE))


def buckets_between(lo: float, hi: float, limit: int = MAX_BUCKETS) -> set[str]:
    """The buckets a value in lo..hi falls in; empty when that is more than ``limit`` of them."""
    out = {"z"} if lo <= 0 else set()
    lo = max(lo, 1e-9)
    if hi <= 0:
        return out
    first, last = int(bucket(lo)), int(bucket(hi))
    if last - first >= limit:
        return set()
    return out | {str(b) for b in range(first, last + 1)}


def from_terms(terms) -> ClaimFeatures:
    """The features stored as ``terms`` (the inverse of ``ClaimFeatures.terms`` for m/e/w/s)."""
    f = ClaimFeatures()
    roles = metric_roles()
    for t in terms:
        kind, _, rest = t.partition(":")
        if kind == "m":
            if roles.get(rest) == "scale":
                f.scale = rest
            else:
                (f.aspects if roles.get(rest) == "aspect" else f.topics).add(rest)
        elif kind == "e":
            f.entities.add(rest)
        elif kind == "w":
            f.words.add(rest)
        elif kind == "s":
            f.speaker_keys.add(rest)
    return f


@lru_cache(maxsize=None)
def metric_roles() -> dict[str, str]:
    return {e.id: e.role for e in metric_lexicon().values()}


def _window(text: str, start: int, end: int, left: int) -> tuple[str, str]:
    before = text[max(0, start - left):start]
    cut = None
    for m in _SENTENCE_END.finditer(before):
        cut = m.end()
    if cut is not None and left <= LEFT_CHARS:
        before = before[cut:]
    after = text[end:end + RIGHT_CHARS]
    m = _SENTENCE_END.search(after)
    if m:
        after = after[:m.start()]
    return before, after


def in_points(numeric_kind: str | None, value, low, high, scale: str | None, exact: str = ""):
    """(kind, value, low, high) of a figure, in basis points when a point unit goes with it.

    A count of points is scaled to basis points; a share of a point ("a quarter of a point", read
    as 25 percent) is that share of the unit."""
    factor = POINT_SCALE.get(scale or "")
    if factor is None or numeric_kind not in ("count", "percent"):
        return numeric_kind, value, low, high
    factor = Decimal(factor)
    if numeric_kind == "percent" and not any(ch.isdigit() for ch in exact):
        factor /= 100   # a share written in words is a share of the unit
    return (POINT_KIND, *(None if v is None else Decimal(v) * factor for v in (value, low, high)))


def _scale(span: str, after: str) -> str | None:
    """The point unit written in the figure's span or in the few words after it."""
    right = []
    for t in tokens(after)[:SCALE_REACH]:
        if _number(t):
            break
        right.append(t)
    words = [t for t in tokens(span) if not _number(t)] + right
    return next((h.entry.id for h in scan(words, metric_lexicon()) if h.entry.role == "scale"), None)


def _number(token: str) -> bool:
    """A number, also with a clitic joined to it ("ב-10", "וכ-150", "l'an-2023" is not)."""
    return token[:1].isdigit() or bool(_CLITIC_NUMBER.match(token))


_CLITIC_NUMBER = re.compile(r"^[^\W\d_]{1,3}-\d")


def metric_words(metric: str | None) -> set[str]:
    return {w for w in tokens(metric or "") if len(w) > 2 and w not in _STOPWORDS and not w[0].isdigit()}


def _placed(before: str, after: str) -> list[tuple[int, object]]:
    """Metric lexicon hits around a figure with their distance in words (the left is read backwards).

    A word that introduces another number ("47.13% after counting 99% of the votes") is that
    number's, not this one's: hits on the right followed by a number within two words are left out."""
    left, right = tokens(before), tokens(after)
    placed = [(len(left) - h.token_index, h.entry) for h in scan(left, metric_lexicon()) if h.entry.role != "marker"]
    return placed + [(h.token_index + 1, h.entry) for h in scan(right, metric_lexicon())
                     if h.entry.role != "marker"
                     and not any(_number(t) for t in right[:h.token_index])   # after another number: its
                     and (h.entry.role != "aspect"
                          or not any(_number(t) for t in right[h.token_index + 1:h.token_index + 3]))]


def _clause(before: str, after: str) -> tuple[str, str]:
    cuts = list(_CLAUSE_END.finditer(before))
    before = before[cuts[-1].end():] if cuts else before
    m = _CLAUSE_END.search(after)
    return before, after[:m.start()] if m else after


def numeric_features(text: str, start: int, end: int, metric: str | None) -> ClaimFeatures:
    """Concepts and entities around the figure at ``text[start:end]``, nearest first."""
    before, after = _window(text, start, end, LEFT_CHARS)
    f = ClaimFeatures(words=metric_words(metric), scale=_scale(text[start:end], after))
    # the words inside the span ("632 morts", "1305 قتيلا") say best what is counted; then the
    # extractor's own reading of what is measured; then the wider context
    named = ([h for h in scan(tokens(text[start:end]), metric_lexicon()) if h.entry.role == "topic"]
             or scan(tokens(metric or ""), metric_lexicon()))
    if any(h.entry.role == "topic" for h in named):
        placed = [(0, h.entry) for h in named]
    else:
        # the figure's own clause first: "trade reached $360m, while oil ..." is not about oil
        placed = _placed(*_clause(before, after))
        if not any(e.role == "topic" for _, e in placed):
            placed = _placed(before, after)
        if not any(e.role == "topic" for _, e in placed):
            # "...52.14% of the votes. Kilicdaroglu got 47.86%": the sentence before names it
            wide_before, _ = _window(text, start, end, WIDE_LEFT_CHARS)
            # only a count that runs across sentences (votes, tolls): "the journalists" of the
            # sentence before say nothing of this figure
            # (and a rate change in points: "...raised its key rate. The range rose 0.25 points")
            placed += [(d + TOPIC_REACH, e) for d, e in _placed(wide_before, "")
                       if e.role == "topic" and (e.id in RUNNING_TOPICS or f.scale)]
        placed += [(0, h.entry) for h in named]   # the extractor's aspects ("rose") still count
    topics = [(d, e.id) for d, e in placed if e.role == "topic"]
    nearest = min((d for d, _ in topics), default=0)
    f.topics = {c for d, c in topics if d <= nearest + TOPIC_REACH}
    # an aspect beyond the topic belongs to another clause ("... imports, while oil ...")
    reach = min(nearest + 3, ASPECT_REACH) if topics else ASPECT_REACH
    f.aspects = {e.id for d, e in placed if e.role == "aspect" and d <= min(reach, ASPECT_REACH_OF.get(e.id, reach))}
    # "rose to 12,391", "rises above 15,000" (the crossing word may open the span): a level
    lead = tokens(before)[-1:] + [t for t in tokens(text[start:end])[:1] if not _number(t)]
    if any(h.entry.role == "marker" for w in lead for h in scan([w], metric_lexicon())):
        f.aspects.discard("change")
    f.entities = _entities(tokens(before) + tokens(after) + tokens(metric or ""), subjects_only=True)
    f.named = _entities(tokens(before) + tokens(after))   # who and what the sentence names: a story's anchors
    if not f.entities:
        wide_before, _ = _window(text, start, end, WIDE_LEFT_CHARS)
        f.entities = _entities(tokens(wide_before), subjects_only=True)
    if f.topics & RUNNING_TOPICS and len(f.entities) > 1:
        near = _nearest_place(before, after)
        if near:
            f.entities = {near}   # "1,498 in Turkey and 783 in Syria": each toll is one country's
    if f.topics & HOLDER_TOPICS:
        holder = _holder(before, after)
        if holder:
            f.entities.add(holder)
    return f


def _nearest_place(before: str, after: str) -> str | None:
    """The country or place named nearest to a figure (after it on a tie: "2,992 in Syria"); None
    when it is named together with another ("the quakes that struck Turkey and Syria have killed
    15,000", "15,000 in Turkey, Syria"): a joint toll is both countries'."""
    left, right = tokens(before), tokens(after)
    places = ("country", "place", "region")
    lefts = [h for h in scan(left, entity_lexicon()) if h.entry.role in places]
    rights = [h for h in scan(right, entity_lexicon())
              if h.entry.role in places and not any(_number(t) for t in right[:h.token_index])]
    found = [(len(left) - h.token_index, 1, h.entry.id) for h in lefts]
    found += [(h.token_index + 1, 0, h.entry.id) for h in rights]
    if not found:
        return None
    distance, side, nearest = min(found)
    words, hits = (left, lefts) if side == 1 else (right, rights)
    index = next(h.token_index for h in hits if h.entry.id == nearest)
    for other in hits:
        lo, hi = sorted((other.token_index, index))
        if other.entry.id != nearest and hi - lo <= JOINED_PLACES and not any(_number(t) for t in words[lo:hi]):
            return None
    return nearest


def _holder(before: str, after: str) -> str | None:
    """The person nearest to a figure, within a few words ("Erdogan won 52.14%", "Kilicdaroglu's
    47.86%", "حصل خاريتونوف على 4.31"): whose share of the votes it is."""
    cut = _CLAUSE_END.search(after)
    if cut:   # "52,14 %, tandis que Kilicdaroglu a obtenu 47,86 %": the next clause is another figure's
        after = after[:cut.start()]
    left, right = tokens(before), tokens(after)
    found = [(len(left) - h.token_index, 0, h.entry.id) for h in scan(left, entity_lexicon())
             if h.entry.role == "person"]
    found += [(h.token_index + 1, 1, h.entry.id) for h in scan(right, entity_lexicon()) if h.entry.role == "person"]
    found = [f for f in found if f[0] <= HOLDER_REACH]
    left_side = {f[2] for f in found if f[1] == 0}
    if len(left_side) > 1:
        return None   # two people before it ("Erdogan's rival Kilicdaroglu got 47.86%"): not sure whose
    if left_side:
        return left_side.pop()   # "Erdogan won 52.14% ... to Kilicdaroglu's 47.86%": the one before it
    return min(found)[2] if found else None


def _entities(words: list[str], subjects_only: bool = False) -> set[str]:
    # who reports or says a figure (SIPRI, a minister) is not part of what it measures
    return {h.entry.id for h in scan(words, entity_lexicon())
            if not subjects_only or h.entry.role not in ("person", "source")}


def text_entities(text: str) -> set[str]:
    """Entities named anywhere in ``text`` (a quote, a title)."""
    return _entities(tokens(text))


def speaker_keys(speaker_id: int | None, speaker_as_written: str | None) -> set[str]:
    keys: set[str] = set()
    if speaker_id is not None:
        keys.add(f"#{speaker_id}")
    if speaker_as_written:
        named = {h.entry.id for h in scan(tokens(speaker_as_written), entity_lexicon())
                 if h.entry.role in ("person", "organisation", "source")}
        keys |= named
        skeleton = name_skeleton(speaker_as_written).split()
        if skeleton and len(skeleton[-1]) >= 3:
            keys.add(f"n:{skeleton[-1]}")
        identity = identity_key(speaker_as_written)
        if identity and len(identity) >= 3 and not named and guess_speaker_kind(speaker_as_written) == "person" \
                and not _entities(tokens(speaker_as_written)):
            keys.add(f"x:{identity}")   # the same person in another script
        elif identity and len(identity) >= 3 and named & people_ids():
            keys.add(f"x:{identity}")
    return keys


@lru_cache(maxsize=None)
def countries_of() -> dict[str, str]:
    """Entity -> the country it belongs to (``lexicon/within.tsv``)."""
    out = {}
    for line in (LEXICON_DIR / "within.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            entity, country = line.split("\t")
            out[entity.strip()] = country.strip()
    return out


def with_countries(entities) -> set[str]:
    """``entities`` and the countries their organisations and places belong to."""
    within = countries_of()
    return set(entities) | {within[e] for e in entities if e in within}


@lru_cache(maxsize=None)
def people_ids() -> frozenset[str]:
    return frozenset(e.id for e in entity_lexicon().values() if e.role == "person")


def _nearby_speaker(text: str, start: int, end: int) -> set[str]:
    """The person or organisation the lexicon names nearest to a quote (within SPEAKER_REACH
    characters either side): who said it, when the extractor attributed it to no one."""
    before = tokens(text[max(0, start - SPEAKER_REACH[0]):start])
    after = tokens(text[end:end + SPEAKER_REACH[1]])
    found = [(len(before) - h.token_index, h.entry.id) for h in scan(before, entity_lexicon())
             if h.entry.role in ("person", "organisation", "source")]
    found += [(h.token_index + 1, h.entry.id) for h in scan(after, entity_lexicon())
              if h.entry.role in ("person", "organisation", "source")]
    return {min(found)[1]} if found else set()


def quote_features(exact: str, speaker_id: int | None, speaker_as_written: str | None,
                   text: str | None = None, start: int | None = None, end: int | None = None) -> ClaimFeatures:
    keys = speaker_keys(speaker_id, speaker_as_written)
    if text is not None and start is not None and not any(k[0] not in "#n" for k in keys):
        keys |= _nearby_speaker(text, start, end if end is not None else start + len(exact))
    return ClaimFeatures(entities=text_entities(exact), speaker_keys=keys)


def quote_concepts(exact: str) -> frozenset[str]:
    """The content words of a quote as language-independent concepts (``words.tsv``)."""
    return frozenset(h.entry.id for h in scan(tokens(exact), word_lexicon()))


def concept_shingles(exact: str, count: int = 6) -> set[str]:
    """A few pairs of a quote's concepts (the pairs with the smallest hashes): a look-up key that
    a quote and its translation into another language share."""
    concepts = sorted(quote_concepts(exact) | text_entities(exact))
    pairs = {f"{a}+{b}" for a, b in combinations(concepts, 2)}
    hashed = sorted(f"{zlib.crc32(p.encode('utf-8')):08x}" for p in pairs)
    return {f"c:{h}" for h in hashed[:count]}


def quote_shingles(exact: str, count: int = 6) -> set[str]:
    """A few word-pair fingerprints of a quote (the pairs with the smallest hashes).

    Two renderings of the same words share most of their pairs, so they very likely share one of
    these: a look-up key that finds a repeated quote however many quotes its speaker has.
    """
    from .rules import fold_quote

    words = fold_quote(exact).split()
    # pairs of function words ("of the", "في هذا") are in every other quote: useless as keys
    pairs = {f"{a} {b}" for a, b in zip(words, words[1:])
             if not (a in _STOPWORDS and b in _STOPWORDS) and len(a) + len(b) >= 7} or set(words)
    hashed = sorted(f"{zlib.crc32(p.encode('utf-8')):08x}" for p in pairs)
    return {f"q:{h}" for h in hashed[:count]}
