"""The rules that propose a link between two claims, each returning its name and a score.

Pure: the suggestion service builds the views from stored rows and terms. Rule names are
stored on every suggestion (``claim_links.rule``) so that precision can be measured per rule.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from functools import lru_cache

from rapidfuzz import fuzz

from ..extraction.normalize import normalize_for_search
from ..extraction.speakers import names_match as _names_match
from ..speakers.identity import same_person
from .features import HOLDER_TOPICS, POINT_KIND, RUNNING_TOPICS, people_ids, with_countries

# A quote's speaker is compared with those of dozens of candidates, and names recur across a
# news stream: each pair of names is matched once.
names_match = lru_cache(maxsize=262144)(_names_match)

APPROX = 0.10          # "about 50%" covers 45..55
BOUND_NEAR = 0.15      # "over 30%" and "33%" are the same figure; "over 30%" and "40%" need a look
MIN_SCORE = 0.35
SMALL_COUNT = 12
QUOTE_SAME = 85        # rapidfuzz ratio (0..100) of folded quote texts
QUOTE_PARTIAL = 92
TRANSLATION_MIN = 0.6
QUOTE_DAYS = 3         # one statement is quoted and translated within days
QUOTE_VERBATIM = 97    # word for word and long: the same quote even when no speaker is known
QUOTE_LONG = 40
WORDS_SAME = 5         # concepts in common for two renderings in one language
WORDS_CONTAINED = 0.6  # share of the shorter quote's concepts found in the other
WORDS_WITH_SPEAKER = 3
WORDS_WITHOUT_SPEAKER = 3
TRANSLATION_LENGTH = 6.0   # one outlet translates one sentence of a longer statement
CONFLICT_DAYS = 1      # figures that disagree conflict only when published about the same time
RUNNING_RATIO = 1.2    # a toll of 820 and one of 1,305 the same day: two updates, not two readings
WHOLE_TOLERANCE = 1.0  # percentage points by which two run-off shares may miss 100 (rounding, blank votes)
PRECISE_DIGITS = 3     # a bound with this many significant digits is a count, not a rounding
CONFLICT_RATIO = 2.0   # ...and only when they are near: 2,992 and 12,391 deaths are two different tolls


@dataclass(frozen=True)
class Suggestion:
    relation: str
    rule: str
    score: float


@dataclass
class NumericView:
    id: int
    article_id: int
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    qualifier: str
    numeric_kind: str | None
    unit: str | None
    period_start: int | None
    period_end: int | None
    topics: frozenset[str] = frozenset()
    aspects: frozenset[str] = frozenset()
    entities: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()
    published: object = None
    # what the rules derive from the fields above, made once: a view is compared with dozens of others
    _span: object = field(default=None, init=False, repr=False, compare=False)
    _countries: frozenset | None = field(default=None, init=False, repr=False, compare=False)
    _topics: frozenset | None = field(default=None, init=False, repr=False, compare=False)


@dataclass
class QuoteView:
    id: int
    article_id: int
    language: str
    text: str
    speaker_as_written: str | None
    speaker_keys: frozenset[str] = frozenset()
    entities: frozenset[str] = field(default_factory=frozenset)
    published: object = None
    _folded: str | None = field(default=None, repr=False, compare=False)
    _concepts: frozenset | None = field(default=None, repr=False, compare=False)
    _numbers: list | None = field(default=None, repr=False, compare=False)
    _who: tuple | None = field(default=None, repr=False, compare=False)
    _letters: Counter | None = field(default=None, repr=False, compare=False)

    @property
    def who(self) -> tuple[frozenset, frozenset, frozenset]:
        """(entity keys, cross-script identity keys, speaker-row keys) of the speaker, split once."""
        if self._who is None:
            keys = self.speaker_keys
            self._who = (frozenset(k for k in keys if not k.startswith(("#", "n:", "x:"))),
                         frozenset(k for k in keys if k.startswith("x:")),
                         frozenset(k for k in keys if k.startswith("#")))
        return self._who

    @property
    def folded(self) -> str:
        if self._folded is None:   # a candidate is compared with several quotes: fold it once
            self._folded = fold_quote(self.text)
        return self._folded

    @property
    def letters(self) -> Counter:
        """How often each character occurs in ``folded``."""
        if self._letters is None:
            self._letters = Counter(self.folded)
        return self._letters

    @property
    def concepts(self) -> frozenset[str]:
        """Content words as concepts of the five-language lexicon, with the entities named."""
        if self._concepts is None:
            from .features import quote_concepts
            self._concepts = quote_concepts(self.text) | {f"e:{e}" for e in self.entities}
        return self._concepts

    @property
    def numbers(self) -> list[str]:
        if self._numbers is None:
            self._numbers = numbers_in(self.text)
        return self._numbers


def _overlap(a: frozenset, b: frozenset, countries_a: frozenset | None = None,
             countries_b: frozenset | None = None) -> float:
    """Entities in common over entities named, an organisation meeting its country ("the Fed" and
    "the United States" are one subject; "the Fed and the US" and "the US" fully agree).
    ``countries_a``/``countries_b``: ``with_countries`` of each, when known."""
    common = len((countries_a if countries_a is not None else with_countries(a))
                 & (countries_b if countries_b is not None else with_countries(b)))
    return min(1.0, common / len(a | b)) if a or b else 1.0


def _with_countries(v: NumericView) -> frozenset:
    if v._countries is None:
        v._countries = frozenset(with_countries(v.entities))
    return v._countries


def _jaccard(a, b) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def _halfwidth(value: Decimal) -> float:
    """Half a unit of the last digit written: "69.3" stands for 69.25..69.35, "69" for 68.5..69.5.

    Trailing zeros are ambiguous ("40" is not "about 40"; "360 million" may be rounded), so whole
    numbers below 1000 count as exact to the unit and larger ones get at most 1.5% either way.
    """
    exponent = value.normalize().as_tuple().exponent
    if not isinstance(exponent, int):
        return 0.0
    if abs(value) < 1000:
        exponent = min(exponent, 0)
    return min(0.5 * 10.0 ** exponent, abs(float(value)) * 0.015) if exponent > 0 else 0.5 * 10.0 ** exponent


_NO_SPAN = (math.nan, math.nan)


def interval(c: NumericView) -> tuple[float, float] | None:
    """The values a claim allows, given its qualifier."""
    span = c._span
    if span is None:
        span = c._span = _interval(c) or _NO_SPAN
    return None if span is _NO_SPAN else span


def _interval(c: NumericView) -> tuple[float, float] | None:
    if c.value is None:
        if c.low is None and c.high is None:
            return None
        return (float(c.low if c.low is not None else -math.inf), float(c.high if c.high is not None else math.inf))
    v = float(c.value)
    if c.qualifier == "approx":
        return (v - abs(v) * APPROX, v + abs(v) * APPROX)
    if c.qualifier == "at_least":
        return (v, math.inf)
    if c.qualifier == "at_most":
        return (-math.inf, v)
    if c.qualifier == "range" and c.low is not None and c.high is not None:
        return (float(c.low), float(c.high))
    w = _halfwidth(c.value)
    return (v - w, v + w)


def _bounded(c: NumericView) -> bool:
    return c.qualifier not in ("at_least", "at_most")


def _small_count(c: NumericView) -> bool:
    return c.numeric_kind in ("count", "duration") and c.value is not None and abs(c.value) <= SMALL_COUNT


def _topics(v: NumericView) -> frozenset[str]:
    """A share of the voters is a share of the votes (counts of each are different figures)."""
    if v._topics is None:
        v._topics = (v.topics - {"voters"}) | {"votes"} if v.numeric_kind == "percent" and "voters" in v.topics \
            else v.topics
    return v._topics


def metric_score(a: NumericView, b: NumericView) -> float:
    """0 when the two figures measure different things, else how sure we are that they are the same."""
    ta, tb = _topics(a), _topics(b)
    if ta or tb:
        if not (ta & tb):
            return 0.0
        score = 1.0 if ta == tb else 0.8
    else:
        # Without a known concept, one shared word ("two countries", "three years") says little:
        # such small counts recur in every article. Two words in common, and a figure that matters.
        if len(a.words & b.words) < 2 or _small_count(a) or _small_count(b):
            return 0.0
        score = 0.8 * _jaccard(a.words, b.words)
    # imports and exports, a level and its change, are different figures
    for aspect in ("imports", "exports", "change", "tallied"):
        if (aspect in a.aspects) != (aspect in b.aspects):
            other = {"imports": "exports", "exports": "imports"}.get(aspect)
            if aspect in ("change", "tallied") or other in a.aspects | b.aspects:
                return 0.0
            score *= 0.85
    people = people_ids()
    people_a, people_b = a.entities & people, b.entities & people
    if people_a and people_b and not people_a & people_b:
        return 0.0   # one candidate's share and another's
    ea, eb = a.entities, b.entities
    if bool(people_a) != bool(people_b):   # a person on one side only: compare the places
        ea, eb = ea - people, eb - people
    if ea and eb:
        overlap = _overlap(ea, eb, _with_countries(a) if ea is a.entities else None,
                           _with_countries(b) if eb is b.entities else None)
        if overlap < 0.5:
            return 0.0
        score *= 0.7 + 0.3 * overlap
    elif ea or eb:
        score *= 0.6
    else:
        score *= 0.5
    return score


def period_score(a: NumericView, b: NumericView) -> float:
    pa = (a.period_start, a.period_end if a.period_end is not None else a.period_start)
    pb = (b.period_start, b.period_end if b.period_end is not None else b.period_start)
    if pa[0] is None and pb[0] is None:
        return 1.0
    if pa[0] is None or pb[0] is None:
        return 0.7
    return 1.0 if pa == pb else 0.0


def _units_compatible(a: NumericView, b: NumericView) -> bool:
    if a.unit is None or b.unit is None or a.unit.casefold() == b.unit.casefold():
        return True
    # a count's unit is the word for what is counted ("morts", "وفاة", "погибших"), in the
    # article's language: the topics it names are compared instead; points are in basis points
    return a.numeric_kind == POINT_KIND or (a.numeric_kind in ("count", "duration") and bool(a.topics & b.topics))


def _truncated(a: NumericView, b: NumericView) -> bool:
    """The more precise of two exact decimals, cut to the other's decimals, is the other."""
    if a.qualifier != "exact" or b.qualifier != "exact" or a.value is None or b.value is None:
        return False
    ea, eb = a.value.normalize().as_tuple().exponent, b.value.normalize().as_tuple().exponent
    if not (isinstance(ea, int) and isinstance(eb, int)) or ea == eb or max(ea, eb) >= 0:
        return False
    coarse, fine = (a.value, b.value) if ea > eb else (b.value, a.value)
    places = Decimal(1).scaleb(max(ea, eb))
    return fine.quantize(places, rounding=ROUND_DOWN) == coarse.normalize()


def _same_subject(a: NumericView, b: NumericView) -> bool:
    """Conflicting values must be about the same places: Turkey's toll is not Turkey's and Syria's."""
    people = people_ids()
    ea, eb = a.entities - people, b.entities - people
    return not (ea and eb) or ea == eb


def _two_candidates(a: NumericView, b: NumericView) -> bool:
    """Two shares of the votes that add up to the whole (51.2% and 48.8%) are the two candidates
    of a run-off, unless both name the same candidate: no conflict, whoever the lexicon knows."""
    if a.numeric_kind != "percent" or not ((a.topics | b.topics) & HOLDER_TOPICS):
        return False
    if a.value is None or b.value is None:
        return False
    people = people_ids()
    if a.entities & b.entities & people:
        return False
    return abs(float(a.value + b.value) - 100.0) <= WHOLE_TOLERANCE


def _round_against_precise(a: NumericView, b: NumericView) -> bool:
    """A count to the hundredth (52.14%) and a round one (50%, a threshold) are not two readings
    of one count."""
    def decimals(v):
        if v.value is None:
            return None
        exponent = v.value.normalize().as_tuple().exponent
        return -exponent if isinstance(exponent, int) else None

    da, db = decimals(a), decimals(b)
    if da is None or db is None:
        return False
    (pa, va), (pb, vb) = sorted(((da, a.value), (db, b.value)), key=lambda x: x[0])
    return pb >= 2 and pa <= 0 and va % 10 == 0


def _same_days(a: NumericView, b: NumericView) -> bool:
    """Both figures were published within CONFLICT_DAYS of each other (or a date is unknown), for
    counts that grow while they are counted (tolls, votes); other figures may conflict across time."""
    if a.published is None or b.published is None or not (a.topics | b.topics) & RUNNING_TOPICS:
        return True
    return abs((a.published - b.published).days) <= CONFLICT_DAYS


def _near(ia: tuple[float, float], ib: tuple[float, float], ratio: float = CONFLICT_RATIO) -> bool:
    """The two figures are within CONFLICT_RATIO of each other (a range by its middle, a bound by its edge)."""
    def point(span):
        lo, hi = span
        return hi if math.isinf(lo) else lo if math.isinf(hi) else (lo + hi) / 2

    small, large = sorted((abs(point(ia)), abs(point(ib))))
    return large == small or (small > 0 and large / small <= ratio)


def compare_numeric(a: NumericView, b: NumericView) -> Suggestion | None:
    """same_claim, contradicts (conflicting values), or nothing, for two numeric claims."""
    if a.article_id == b.article_id or a.numeric_kind != b.numeric_kind or not _units_compatible(a, b):
        return None
    base = metric_score(a, b) * period_score(a, b)
    if base <= 0:
        return None
    ia, ib = interval(a), interval(b)
    if ia is None or ib is None:
        return None
    if (ia[1] <= ib[0] or ib[1] <= ia[0]) and _truncated(a, b):
        # "44.8%" and "44.88%": one outlet cut the digits the other kept
        return _keep(Suggestion("same_claim", "same_claim.approx", round(0.7 * base, 3)))
    if ia[1] <= ib[0] or ib[1] <= ia[0]:   # "69" and "70" only touch (68.5..69.5, 69.5..70.5)
        running = bool((a.topics | b.topics) & RUNNING_TOPICS)
        if not _same_days(a, b) or not _near(ia, ib, RUNNING_RATIO if running else CONFLICT_RATIO):
            return None   # a toll or a count reported days apart is an update, not a conflict
        if not _same_subject(a, b) or (running and _round_against_precise(a, b)):
            return None
        if _two_candidates(a, b):
            return None   # 51.2% and 48.8%: the two candidates of a run-off
        return _keep(Suggestion("contradicts", "conflict.values", round(0.9 * base, 3)))
    if _bounded(a) and _bounded(b):
        if a.qualifier == b.qualifier and a.value is not None and a.value == b.value:
            return _keep(Suggestion("same_claim", "same_claim.value", round(base, 3)))
        return _keep(Suggestion("same_claim", "same_claim.approx", round(0.8 * base, 3)))
    if not _bounded(a) and not _bounded(b):
        if a.qualifier == b.qualifier and a.value == b.value:
            return _keep(Suggestion("same_claim", "same_claim.bound", round(0.8 * base, 3)))
        return None   # "over 30%" and "over 40%" agree without stating the same figure
    running = bool((a.topics | b.topics) & RUNNING_TOPICS)
    if running and _round_against_precise(a, b):
        return None   # "more than 50%" (the threshold) is not how one reports 52.14%
    bound, point = (a, b) if not _bounded(a) else (b, a)
    target = float(point.value if point.value is not None else (point.low + point.high) / 2)
    edge = float(bound.value)
    distance = abs(target - edge) / abs(edge) if edge else math.inf
    # "more than 2,000" rounds 2,122 down; "at least 7,634" is a count of its own, not 8,533
    own_count = running and _significant(bound.value) >= PRECISE_DIGITS and point.qualifier == "exact" \
        and point.value is not None and point.value != bound.value
    if distance <= BOUND_NEAR and not own_count:
        return _keep(Suggestion("same_claim", "same_claim.bound", round(0.6 * base, 3)))
    # consistent on paper, but "over 30%" is rarely how one reports 40%: an editor should look;
    # a running count well past the bound is a later count (an update), not a conflict
    if not _same_days(a, b) or not _near(interval(a), interval(b), RUNNING_RATIO if running else CONFLICT_RATIO):
        return None
    return _keep(Suggestion("contradicts", "conflict.bound", round(min(0.4, 0.5 * base), 3)), floor=0.2)


def _significant(value: Decimal) -> int:
    """Significant digits of a figure as written: 7634 has 4, 15000 has 2."""
    digits = value.normalize().as_tuple().digits
    return len(digits)


def _keep(s: Suggestion, floor: float = MIN_SCORE) -> Suggestion | None:
    return s if s.score >= floor else None


_PUNCT = re.compile(r"[^\w\s]|_")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)?")


def fold_quote(text: str) -> str:
    return " ".join(_PUNCT.sub(" ", normalize_for_search(text)).split())


def numbers_in(text: str) -> list[str]:
    """Numbers written in digits (any script), sorted, without thousands separators."""
    folded = normalize_for_search(text)
    digits = "".join(str(int(ch)) if ch.isdigit() else ch for ch in folded)
    return sorted(n.replace(",", "") for n in _DIGITS.findall(digits))


def speakers_agree(a: QuoteView, b: QuoteView) -> bool | None:
    """True: one speaker; False: two known, different speakers; None: not known for one of them.

    A lexicon entity (s:herzog) or the same speaker row says who; a cross-script identity (s:x:)
    too once the written names are one person. Two different speaker rows are no evidence of two
    people (one person may still be two rows in two scripts)."""
    (ea, xa, ia), (eb, xb, ib) = a.who, b.who
    if ea & eb or ia & ib:
        return True
    if xa & xb:
        if not (a.speaker_as_written and b.speaker_as_written):
            return True
        return same_person(a.speaker_as_written, b.speaker_as_written)
    if a.speaker_as_written and b.speaker_as_written and a.language == b.language \
            and names_match(a.speaker_as_written, b.speaker_as_written):
        return True
    if (ea and eb) or (xa and xb):
        return False
    return None


def same_speaker(a: QuoteView, b: QuoteView) -> bool:
    return speakers_agree(a, b) is True


def _containment(a: frozenset, b: frozenset) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _days_apart(a: QuoteView, b: QuoteView) -> int | None:
    if a.published is None or b.published is None:
        return None
    return abs((a.published - b.published).days)


def compare_quotes(a: QuoteView, b: QuoteView) -> Suggestion | None:
    """same_quote (same language) or translation_of (across languages) for two quotes."""
    if a.article_id == b.article_id:
        return None
    agree = speakers_agree(a, b)
    if agree is False:
        return None
    days = _days_apart(a, b)
    if days is not None and days > QUOTE_DAYS:
        return None
    if a.language != b.language:
        return _translation(a, b, agree)
    fa, fb = a.folded, b.folded
    if not fa or not fb:
        return None
    (short, short_view), (long_, long_view) = sorted(((fa, a), (fb, b)), key=lambda pair: len(pair[0]))
    ratio = fuzz.ratio(fa, fb, score_cutoff=QUOTE_SAME)   # (0 below the cutoff: no need to finish)
    if ratio >= QUOTE_SAME and (agree or (ratio >= QUOTE_VERBATIM and len(short) >= QUOTE_LONG)):
        return Suggestion("same_quote", "same_quote.fuzzy", round(ratio / 100, 3))
    if len(short) >= 20 and (agree or len(short) >= QUOTE_LONG) and _may_contain(short_view, long_view):
        # one outlet quotes one sentence of a longer statement: the shorter is inside the longer
        partial = fuzz.partial_ratio(short, long_, score_cutoff=QUOTE_PARTIAL)
        if partial >= QUOTE_PARTIAL:
            return Suggestion("same_quote", "same_quote.partial", round(0.8 * partial / 100, 3))
    if agree and a.numbers == b.numbers:
        # two translations of one statement into the same language share its words, not its wording
        ca, cb = a.concepts, b.concepts
        if len(ca & cb) >= WORDS_SAME and _containment(ca, cb) >= WORDS_CONTAINED:
            return _keep(Suggestion("same_quote", "same_quote.words", round(0.5 + 0.3 * _containment(ca, cb), 3)))
    return None


def _may_contain(short: QuoteView, long_: QuoteView) -> bool:
    """Whether ``partial_ratio`` of the two folded texts can reach QUOTE_PARTIAL: a cheap bound
    that spares most pairs the costly alignment.

    partial_ratio is the best ``ratio`` of the shorter text s against a piece w of the longer, 200
    × (characters in common, in order) / (len(s) + len(w)). The characters in common are at most
    len(w) and at most ``shared``, the characters of s found in the longer text counted with
    their repeats, so the score is at most 200 × shared / (len(s) + shared)."""
    mine, theirs = short.letters, long_.letters
    shared = sum(min(n, theirs[ch]) for ch, n in mine.items())
    return 200 * shared >= QUOTE_PARTIAL * (len(short.folded) + shared)


def _translation(a: QuoteView, b: QuoteView, agree: bool | None) -> Suggestion | None:
    """Across languages: the same speaker (or one not known), numbers that agree, and enough of
    the content words, through the five-language lexicon, in common."""
    la, lb = len(a.text), len(b.text)
    if not la or not lb or max(la, lb) > TRANSLATION_LENGTH * min(la, lb):
        return None
    na, nb = a.numbers, b.numbers
    if na and nb and na != nb:
        return None
    ca, cb = a.concepts, b.concepts
    # anchors: the concepts in common, and each number both quotes state
    numbers = len(na) if na and na == nb else 0
    anchors = len(ca & cb) + numbers
    need = WORDS_WITH_SPEAKER if agree else WORDS_WITHOUT_SPEAKER
    contained = anchors / (min(len(ca), len(cb)) + numbers) if anchors else 0.0
    if anchors < need or contained < WORDS_CONTAINED:
        return None
    score = 0.3 + 0.5 * contained + (0.2 if agree else 0.0) + (0.1 if na and na == nb else 0.0)
    if (na or nb) and not (na and nb):
        score -= 0.1
    return _keep(Suggestion("translation_of", "translation.words", round(min(score, 1.0), 3)), floor=TRANSLATION_MIN)
