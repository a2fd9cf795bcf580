"""Language detection from scripts, letters and stopwords."""
import pathlib

import pytest

from claims_app.extraction.text.detect import detect_language

SEEDS = pathlib.Path(__file__).resolve().parents[2] / "seeds"


@pytest.mark.parametrize("text,expected", [
    ("قال وزير الخارجية إن العلاقات بين البلدين قوية", "ar"),
    ("أمر الرئيس بفتح المعابر", "ar"),
    ("השר אמר כי היחסים עם אזרבייג'ן אסטרטגיים", "he"),
    ("The minister said that the relations are strategic", "en"),
    ("این یک متن فارسی است که برای آزمایش نوشته شده", "fa"),
    ("وزیر خارجه گفت که مذاکرات ادامه دارد", "fa"),
    ("Der Minister sagte, dass die Lage ernst ist", "de"),
    ("Министр заявил, что переговоры продолжаются", "ru"),
    ("Le ministre a déclaré que la situation est grave pour les habitants", "fr"),
    # Latin-script Turkic text is never "und": its letters (ə, ı) and stopwords tell
    ("Prezident İlham Əliyev bildirib ki, iki ölkə arasında əməkdaşlıq genişlənir", "az"),
    ("Nazir dedi ki, Bakı ilə Təl-Əviv arasında ticarət artıb", "az"),
    ("Bakan, iki ülke arasındaki ticaretin çok daha güçlü olacağını söyledi", "tr"),
    ("Dışişleri Bakanı açıklama yaptı", "tr"),
    ("Ağdam şəhəri", "az"),
])
def test_detects_language(text, expected):
    assert detect_language(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "123 456 %", "Haim Zach", "🙂🙂", "ab"])
def test_undetermined_when_it_cannot_tell(text):
    assert detect_language(text) == "und"


def test_dominant_script_wins_over_a_latin_caption():
    text = "الرئيس إسحاق هرتسوغ ونظيره الأذربايجاني في مؤتمر صحفي في باكو (Haim Zach / GPO)"
    assert detect_language(text) == "ar"


def test_seed_articles():
    found = {p.name[:3]: detect_language(p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt")}
    assert found == {"000": "he", "001": "ar", "002": "ar", "003": "ar", "004": "ar"}
