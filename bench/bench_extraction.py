"""Extraction throughput: MB of article text per second on one core (not run by pytest).

    .venv/bin/python bench/bench_extraction.py [--mb 4] [--synthetic-mb 2]

Runs ``extract()`` over the seed articles repeated to a few MB, then over a synthetic corpus
of quote-heavy Arabic, Hebrew and English paragraphs, one article at a time as ingest does.
Prints MB/s counted in UTF-8 bytes (the on-disk size) and in millions of characters, for the
whole extractor and for quotes and numbers separately. Target: at least 1 MB/s per core.

Then the adversarial section: texts built to provoke quadratic paths (nested quote openers,
runs of unmatched marks, endless numerals, separators that never group), each of about 1 MB
and each at a quarter of that size, so that the ratio shows whether time grows linearly.
Target: every 1 MB text under 2 s of CPU. Figures are CPU seconds of this process; on a
machine shared with other work they still rise, so say so when quoting them.
"""
from __future__ import annotations

import argparse
import pathlib
import random
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims_app.extraction import extract  # noqa: E402
from claims_app.extraction.text.detect import detect_language  # noqa: E402
from claims_app.extraction.numbers import find_numeric_claims  # noqa: E402
from claims_app.extraction.quotes import find_quotes  # noqa: E402

NAMES = {
    "ar": ["جدعون ساعر", "إلهام علييف", "أوريت ستروك", "جيهون بيراموف", "مكتب نتنياهو"],
    "he": ["בנימין נתניהו", "יצחק הרצוג", "גדעון סער", "אורית סטרוק"],
    "en": ["Gideon Sa'ar", "Ilham Aliyev", "Isaac Herzog", "the ministry"],
}
TEMPLATES = {
    "ar": ['وقال {n}: "{q}".', '"{q}"، بحسب {n}.', "وأضاف: «{q}».", "وأكد {n} أن “{q}”.",
           'وتابع: "{q}". وبلغ حجم التبادل أكثر من {d} مليون دولار في {y}.'],
    "he": ['"{q}", אמר {n}.', 'לדברי {n}, "{q}".', '{n} אמר ש"{q}". צה"ל ביצע כ-{d} תקיפות.',
           '"{q}", הוסיף. ארה"ב העבירה {d} מיליון ש"ח ב-{y}.'],
    "en": ['"{q}," {n} said.', '{n} said: "{q}"', '"{q}," he added. Trade grew {d}% in {y}.',
           'According to {n}, "{q}"'],
}
WORDS = {
    "ar": "العلاقات بين البلدين قوية ونحن نعمل على تعزيز التعاون في مجالات الطاقة والدفاع".split(),
    "he": "היחסים בין המדינות חזקים ואנחנו פועלים לחיזוק שיתוף הפעולה בתחומי האנרגיה".split(),
    "en": "relations between the two countries are strong and we work on energy and defence".split(),
}


def synthetic_article(rng: random.Random, language: str) -> str:
    paragraphs = []
    for _ in range(rng.randint(8, 20)):
        quote = " ".join(rng.choice(WORDS[language]) for _ in range(rng.randint(4, 25)))
        paragraphs.append(rng.choice(TEMPLATES[language]).format(
            n=rng.choice(NAMES[language]), q=quote, d=rng.randint(2, 900), y=rng.randint(2016, 2026)))
    return "\n\n".join(paragraphs)


def corpus_of(articles: list[str], megabytes: float) -> list[str]:
    out, size, i = [], 0, 0
    while size < megabytes * 1_000_000:
        text = articles[i % len(articles)]
        out.append(text)
        size += len(text.encode("utf-8"))
        i += 1
    return out


def measure(label: str, corpus: list[str], run) -> None:
    size_bytes = sum(len(t.encode("utf-8")) for t in corpus)
    size_chars = sum(len(t) for t in corpus)
    started = time.process_time()
    for text in corpus:
        run(text)
    elapsed = max(time.process_time() - started, 1e-9)
    print(f"{label:<34} {size_bytes / 1e6:6.2f} MB  {elapsed:6.2f} s CPU  "
          f"{size_bytes / elapsed / 1e6:6.2f} MB/s  {size_chars / elapsed / 1e6:6.2f} Mchar/s")


def _mark_storm(rng: random.Random, size: int) -> str:
    pieces = ['"', "“", "”", "«", "»", "„", "׳", "״", 'ש"', 'ארה"ב', " ", "\n", ".", ",", "،",
              "1", "٤٥", "قال", "אמר", "said", "وأضاف", "الرئيس", ":"]
    return "".join(rng.choice(pieces) for _ in range(size // 3))[:size]


def _number_soup(rng: random.Random, size: int) -> str:
    return "".join(rng.choice(["1", ",", ".", "٫", " ", "\u2009", "ألف", "%", "-", "מ-", "\u061c"])
                   for _ in range(size // 2))[:size]


# name -> builder of a text of about ``size`` characters
ADVERSARIAL = {
    "nested openers «×n text »×n": lambda rng, n: "«" * (n // 2) + "نص طويل هنا" + "»" * (n // 2),
    "nested openers, two words": lambda rng, n: "“" * (n // 2) + "two words" + "”" * (n // 2),
    "openers only «×n": lambda rng, n: "«" * n,
    "runs of openers between words": lambda rng, n: ("«" * (n // 10) + "كلمة ") * 8 + "»" * (n // 10),
    "opener+word pairs «w «w ...": lambda rng, n: "«كلمة " * (n // 12) + "»" * (n // 12),
    "unmatched ASCII and curly": lambda rng, n: ' "' * (n // 4) + "“" * (n // 2),
    "quote marks everywhere": _mark_storm,
    "endless numeral 9×n": lambda rng, n: "9" * n,
    "separators 1,1,1,...": lambda rng, n: "1," * (n // 2),
    "number soup": _number_soup,
    "scale words alone": lambda rng, n: ("ألف مليون مليار " * (n // 16 + 1))[:n],
    # every quote's speaker a title nobody holds: role resolution must stay bounded per quote
    "roles without holders": lambda rng, n: (
        ('Okafor said the Act states that notes change. The minister said the budget is ready. '
         '"Quote here right now," he said.\n') * (n // 110 + 1))[:n],
    # an interview of questions naming people and answers with pronoun cues
    "interview questions": lambda rng, n: (
        ('Q: Governor Leila Hasanova warned that spending is high. Is she wrong?\n\n'
         '"We have always worked together," he said.\n\n') * (n // 120 + 1))[:n],
}


def adversarial(size: int = 1_000_000) -> None:
    print(f"adversarial texts, CPU seconds for extract() at {size // 4:,} and {size:,} characters "
          "(target: < 2 s for 1 MB; x4 text should cost about x4)")
    rng = random.Random(2026)
    for name, build in ADVERSARIAL.items():
        times = []
        for n in (size // 4, size):
            text = build(rng, n)
            started = time.process_time()
            extract(text)
            times.append(time.process_time() - started)
        ratio = times[1] / max(times[0], 1e-3)
        print(f"  {name:<34} {times[0]:6.2f} s  {times[1]:6.2f} s  x{ratio:4.1f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=4.0, help="size of the repeated seed corpus")
    ap.add_argument("--synthetic-mb", type=float, default=2.0, help="size of the synthetic corpus")
    ap.add_argument("--adversarial-chars", type=int, default=1_000_000,
                    help="size of each adversarial text (0 skips the section)")
    args = ap.parse_args(argv)

    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    rng = random.Random(2026)
    synthetic = [synthetic_article(rng, lang) for lang in ("ar", "he", "en") for _ in range(40)]
    for name, corpus in (("seeds", corpus_of(seeds, args.mb)),
                         ("synthetic", corpus_of(synthetic, args.synthetic_mb))):
        measure(f"{name}: extract()", corpus, extract)
        measure(f"{name}: quotes only", corpus, lambda t: find_quotes(t, detect_language(t)))
        measure(f"{name}: numbers only", corpus, lambda t: find_numeric_claims(t, detect_language(t)))
    if args.adversarial_chars:
        adversarial(args.adversarial_chars)
    return 0


if __name__ == "__main__":
    sys.exit(main())
