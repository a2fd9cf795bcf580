"""One person across scripts: names that must meet and names that must not (table-driven)."""
from __future__ import annotations

import itertools

import pytest

from claims_app.speakers.identity import identity_key, same_person, skeleton

# Each row: one person as Arabic, Hebrew, English and Russian outlets write them (titles included
# where outlets use them). Every pair inside a row must meet.
PEOPLE = [
    ["Isaac Herzog", "الرئيس الإسرائيلي إسحاق هرتسوغ", "הנשיא יצחק הרצוג", "Президент Ицхак Герцог"],
    ["Recep Tayyip Erdogan", "رجب طيب أردوغان", "רג'פ טאיפ ארדואן", "Реджеп Тайип Эрдоган"],
    ["Vladimir Putin", "فلاديمير بوتين", "ולדימיר פוטין", "Владимир Путин"],
    ["Ilham Aliyev", "إلهام علييف", "אילהאם אלייב", "Ильхам Алиев"],
    ["Benjamin Netanyahu", "بنيامين نتنياهو", "בנימין נתניהו", "Биньямин Нетаньяху"],
    ["Jerome Powell", "جيروم باول", "ג'רום פאוול", "Джером Пауэлл"],
    ["Ella Pamfilova", "إيلا بامفيلوفا", "אלה פמפילובה", "Элла Памфилова"],
    ["Yair Lapid", "يائير لابيد", "יאיר לפיד", "Яир Лапид"],
    ["Naftali Bennett", "نفتالي بينيت", "נפתלי בנט", "Нафтали Беннет"],
    ["Antony Blinken", "أنتوني بلينكن", "אנתוני בלינקן", "Энтони Блинкен"],
    ["Emmanuel Macron", "إيمانويل ماكرون", "עמנואל מקרון", "Эммануэль Макрон"],
    ["Joe Biden", "جو بايدن", "ג'ו ביידן", "Джо Байден"],
    ["Donald Trump", "دونالد ترامب", "דונלד טראמפ", "Дональд Трамп"],
    ["Volodymyr Zelensky", "فولوديمير زيلينسكي", "וולודימיר זלנסקי", "Владимир Зеленский"],
    ["Sergei Lavrov", "سيرغي لافروف", "סרגיי לברוב", "Сергей Лавров"],
    ["Antonio Guterres", "أنطونيو غوتيريش", "אנטוניו גוטרש", "Антониу Гутерриш"],
    ["Joan Donoghue", "جوان دونوغو", "ג'ואן דונוהיו", "Джоан Донохью"],
    ["Yoav Gallant", "يوآف غالانت", "יואב גלנט", "Йоав Галант"],
    ["Gideon Sa'ar", "جدعون ساعر", "גדעון סער", "Гидеон Саар"],
    ["Ali Khamenei", "علي خامنئي", "עלי חמינאי", "Али Хаменеи"],
    ["Dmitry Peskov", "دميتري بيسكوف", "דמיטרי פסקוב", "Дмитрий Песков"],
]
# Pairs that must not meet: other people, often with a similar name or the same surname.
APART = [
    ("Herzog", "Netanyahu"), ("هرتسوغ", "نتنياهو"), ("הרצוג", "נתניהו"), ("Герцог", "Нетаньяху"),
    ("Isaac Herzog", "Chaim Herzog"), ("إسحاق هرتسوغ", "حاييم هرتسوغ"), ("יצחק הרצוג", "חיים הרצוג"),
    ("Erdogan", "Aliyev"), ("أردوغان", "علييف"), ("ארדואן", "אלייב"), ("Эрдоган", "Алиев"),
    ("Putin", "Peskov"), ("بوتين", "بيسكوف"), ("פוטין", "פסקוב"), ("Путин", "Песков"),
    ("Ilham Aliyev", "Heydar Aliyev"), ("إلهام علييف", "حيدر علييف"), ("Ильхам Алиев", "Гейдар Алиев"),
    ("Benjamin Netanyahu", "Yair Netanyahu"), ("بنيامين نتنياهو", "يائير نتنياهو"),
    ("Jerome Powell", "Colin Powell"), ("جيروم باول", "كولن باول"), ("Джером Пауэлл", "Колин Пауэлл"),
    ("Yair Lapid", "Yair Golan"), ("יאיר לפיד", "יאיר גולן"), ("Lapid", "Bennett"), ("لابيد", "بينيت"),
    ("Joe Biden", "Hunter Biden"), ("جو بايدن", "هانتر بايدن"), ("Donald Trump", "Donald Tusk"),
    ("دونالد ترامب", "دونالد توسك"), ("Дональд Трамп", "Дональд Туск"),
    ("Sergei Lavrov", "Sergei Shoigu"), ("سيرغي لافروف", "سيرغي شويغو"), ("Сергей Лавров", "Сергей Шойгу"),
    ("Ali Khamenei", "Ruhollah Khomeini"), ("علي خامنئي", "روح الله الخميني"), ("Блинкен", "Беннет"),
    ("Macron", "Merkel"), ("ماكرون", "ميركل"), ("מקרון", "מרקל"), ("Макрон", "Меркель"),
    ("Guterres", "Gallant"), ("غوتيريش", "غالانت"), ("גוטרש", "גלנט"),
    ("Zelensky", "Zelenko"), ("زيلينسكي", "زيلينكو"), ("Herzog", "Hirsch"), ("הרצוג", "הירש"),
    ("Gideon Sa'ar", "Gideon Levy"), ("جدعون ساعر", "جدعون ليفي"), ("Sa'ar", "Saleh"),
    ("Pamfilova", "Pavlova"), ("بامفيلوفا", "بافلوفا"), ("Памфилова", "Павлова"),
    ("Yoav Gallant", "Yoav Kisch"), ("Gallant", "Golan"), ("غالانت", "جولان"),
    ("Donoghue", "Donovan"), ("دونوغو", "دونوفان"), ("Powell", "Pelosi"), ("باول", "بيلوسي"),
    ("Bennett", "Barnett"), ("Peskov", "Peres"), ("بيسكوف", "بيريز"), ("Lavrov", "Lapid"),
]


def _meeting_pairs():
    for row in PEOPLE:
        yield from itertools.combinations(row, 2)


MEET = list(_meeting_pairs())


def test_the_tables_are_large_enough():
    assert len(MEET) >= 60 and len(APART) >= 60


@pytest.mark.parametrize("a,b", MEET, ids=[f"{a}~{b}" for a, b in MEET])
def test_one_person_meets_across_scripts(a, b):
    assert same_person(a, b) and same_person(b, a)


@pytest.mark.parametrize("a,b", APART, ids=[f"{a}!{b}" for a, b in APART])
def test_other_people_do_not_meet(a, b):
    assert not same_person(a, b) and not same_person(b, a)


def test_the_four_scripts_share_one_skeleton():
    assert {skeleton(w) for w in ("هرتسوغ", "הרצוג", "herzog", "герцог")} == {"KRSK"}


def test_titles_do_not_change_the_key():
    assert identity_key("Président Isaac Herzog") == identity_key("Президент Ицхак Герцог") \
        == identity_key("הנשיא יצחק הרצוג") == identity_key("Herzog")


def test_no_name_no_key():
    assert identity_key("") is None and not same_person("", "Herzog")


def test_a_merge_files_the_quotes_under_the_kept_speaker(db, make_speaker):
    """An editor merges two spellings once: the quotes are looked up under the kept speaker."""
    from sqlalchemy import select

    from claims_app.links.models import ClaimTerm
    from claims_app.speakers.merge import merge_speakers, unmerge_speaker
    from tests.links.helpers import article, quote

    a = article(db, 'وقال هرتسوغ: "سنواصل العمل من أجل السلام".', language="ar")
    q = quote(db, a, "سنواصل العمل من أجل السلام", "هرتسوغ")
    from claims_app.links.terms import index_claim_terms
    index_claim_terms(db, q)
    kept = make_speaker("Isaac Herzog")
    gone = q.speaker_id

    def keys():
        return set(db.scalars(select(ClaimTerm.term).where(ClaimTerm.claim_id == q.id, ClaimTerm.term.startswith("s:#"))))

    assert keys() == {f"s:#{gone}"}
    merge_speakers(db, gone, kept.id, actor=None)
    assert keys() == {f"s:#{kept.id}"}
    unmerge_speaker(db, gone, actor=None)
    assert keys() == {f"s:#{gone}"}
