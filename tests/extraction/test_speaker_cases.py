"""Speakers and the rule that chose them, one mechanism per case, from tests/extraction/cases/<lang>_speakers.tsv.

Each case lists every quote the extractor must propose as [quoted words, speaker as written or
null, rule or null]: the speaker model's mechanisms (the subject of the cue before or after the
quote, a continuation, a role resolved to the person the article names with it, a headline or
caption colon, a dash signature, an interview answer) in several languages, on invented text.
"""
import pytest

from claims_app.extraction.attribution.attributor import RULES
from claims_app.extraction.quotes import find_quotes

from .case_files import load_cases

CASES = load_cases("speakers")


@pytest.mark.parametrize("language,text,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_speaker_case(language, text, expected):
    quotes = find_quotes(text, language)
    assert [[q.text, q.speaker, q.speaker_rule] for q in quotes] == expected
    for q in quotes:
        assert (q.speaker is None) == (q.speaker_rule is None)
        if q.speaker is not None:
            assert text[q.speaker_start:q.speaker_end] == q.speaker


def test_every_rule_named_in_the_cases_is_known_and_the_main_ones_are_covered():
    used = {rule for *_, expected in CASES for _, _, rule in expected if rule}
    assert used <= set(RULES)
    assert {"cue_before", "cue_after", "continuation", "role_coreference", "headline_colon",
            "layout_dash"} <= used
    by_rule = {}
    for _, language, _, expected in CASES:
        for _, _, rule in expected:
            by_rule.setdefault(rule, set()).add(language)
    assert len(by_rule["role_coreference"]) >= 3     # coreference is checked in several languages
