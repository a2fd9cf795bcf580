"""Interview layout: which paragraphs are questions and answers, and when an article is one."""
from claims_app.extraction.attribution.interview import Interview


def _roles(text):
    interview = Interview(text)
    return interview.active, [interview.role(text.index(p)) for p in text.split("\n\n")]


def test_labelled_questions_make_an_interview_and_the_next_paragraph_an_answer():
    text = "Intro.\n\nQ: Why now?\n\nBecause.\n\nQuestion: And then?\n\nA: Later."
    active, roles = _roles(text)
    assert active
    assert roles == [None, "question", "answer", "question", "answer"]


def test_one_letter_label_takes_a_colon_only():
    # initials and ordinals written with the letter of the label are no questions
    text = "В. Петров открыл завод.\n\nВ-третьих, это важно.\n\nВ: Почему сейчас?\n\nПотому что пора."
    interview = Interview(text)
    assert not interview.active      # one labelled question, one paragraph ending with "?"
    assert interview.role(0) is None


def test_two_rhetorical_questions_are_not_an_interview():
    text = "Who pays?\n\n\"The state pays for all of it,\" he said.\n\nWhat next?\n\nThe plant opens."
    active, roles = _roles(text)
    assert not active
    assert roles == [None, None, None, None]


def test_three_questions_without_labels_are_an_interview():
    text = "Who pays?\n\nThe state.\n\nWhen?\n\nSoon.\n\nWhy?\n\nBecause."
    active, roles = _roles(text)
    assert active
    assert roles == ["question", "answer"] * 3
