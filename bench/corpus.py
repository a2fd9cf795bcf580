"""A synthetic multilingual news corpus for ingest benchmarks (not run by pytest).

Articles in Arabic, Hebrew and English (and a few French and Russian), each a headline, a
dateline and 6–14 paragraphs mixing reported speech (with the quote marks each press uses),
figures (percentages, money, counts, durations, ranges, years), organisation statements and
background prose. Speakers, places, topics and figures are drawn from tables, so that the same
people and metrics recur across outlets and languages, as they do in a real news stream: link
suggestion and speaker resolution then meet a growing database. About one article in fifty
carries an input the extractor gets wrong (a reversed year range, a run-away number).
"""
from __future__ import annotations

import json
import random
from pathlib import Path

FIRST = {
    "en": "John Sarah Michael Emma David Laura James Anna Robert Maria Peter Helen Thomas Rachel Daniel Olivia".split(),
    "ar": "محمد أحمد خالد سارة فاطمة علي يوسف ليلى عمر منى حسن ريم إبراهيم نادية طارق هدى".split(),
    "he": "דוד שרה משה רחל יוסף מיכל אברהם נועה יעקב תמר אריאל רונית אלון שירה עמית יעל".split(),
    "fr": "Jean Marie Pierre Claire Louis Sophie".split(),
    "ru": "Иван Ольга Сергей Анна Дмитрий Елена".split(),
}
LAST = {
    "en": "Smith Johnson Brown Taylor Wilson Clarke Evans Walker Wright Hughes Green Baker Hall Lewis".split(),
    "ar": "العلي الحسن الخطيب المصري الشامي النجار العمري السيد الزين حداد منصور عيسى الجبوري".split(),
    "he": "כהן לוי מזרחי פרץ ביטון אברהם פרידמן שפירא גולן אזולאי דהן רוזן קפלן".split(),
    "fr": "Martin Bernard Dubois Laurent Moreau Lefebvre".split(),
    "ru": "Иванов Петров Смирнов Кузнецов Попов Волков".split(),
}
TITLES = {
    "en": ["the minister", "the spokesperson", "the governor", "the director", "the economist"],
    "ar": ["الوزير", "المتحدث باسم الحكومة", "المحافظ", "المدير العام", "الخبير الاقتصادي"],
    "he": ["השר", "הדובר", "ראש העירייה", "המנכ\"ל", "הכלכלן"],
    "fr": ["le ministre", "la porte-parole"],
    "ru": ["министр", "пресс-секретарь"],
}
ORGS = {
    "en": ["the World Bank", "the central bank", "the health ministry", "the statistics bureau", "SIPRI", "the IMF"],
    "ar": ["البنك الدولي", "البنك المركزي", "وزارة الصحة", "الجهاز المركزي للإحصاء", "صندوق النقد الدولي"],
    "he": ["הבנק העולמי", "בנק ישראל", "משרד הבריאות", "הלשכה המרכזית לסטטיסטיקה", "קרן המטבע"],
    "fr": ["la Banque mondiale", "l'INSEE"],
    "ru": ["Всемирный банк", "Центробанк"],
}
TOPICS = {
    "en": ["trade", "unemployment", "inflation", "exports", "the budget deficit", "tourism", "housing prices",
           "defence spending", "wheat imports", "electricity demand"],
    "ar": ["التجارة", "البطالة", "التضخم", "الصادرات", "عجز الموازنة", "السياحة", "أسعار المساكن",
           "الإنفاق الدفاعي", "واردات القمح", "الطلب على الكهرباء"],
    "he": ["הסחר", "האבטלה", "האינפלציה", "היצוא", "הגירעון", "התיירות", "מחירי הדירות",
           "תקציב הביטחון", "יבוא החיטה", "הביקוש לחשמל"],
    "fr": ["le commerce", "le chômage", "l'inflation"],
    "ru": ["торговля", "безработица", "инфляция"],
}
PLACES = {
    "en": ["Jerusalem", "Cairo", "Amman", "Beirut", "Baku", "Washington", "London"],
    "ar": ["القدس", "القاهرة", "عمان", "بيروت", "باكو", "واشنطن", "لندن"],
    "he": ["ירושלים", "קהיר", "עמאן", "ביירות", "באקו", "וושינגטון", "לונדון"],
    "fr": ["Paris", "Beyrouth"],
    "ru": ["Москва", "Баку"],
}
# {s} speaker, {q} quoted words, {t} topic, {o} organisation, {n} number, {y} year, {p} place
SPEECH = {
    "en": ["{s} said: “{q}.”", "“{q},” {s} told reporters in {p}.", "{s} said that \"{q}\"."],
    "ar": ["وقال {s}: «{q}».", "وأضاف {s} أن \"{q}\".", "وأكد {s} في {p} أن “{q}”."],
    "he": ["{s} אמר: \"{q}\".", "\"{q}\", אמר {s} ב{p}.", "לדברי {s}, \"{q}\"."],
    "fr": ["{s} a déclaré : « {q} ».", "« {q} », a dit {s} à {p}."],
    "ru": ["{s} заявил: «{q}».", "«{q}», — сказал {s} в {p}."],
}
FIGURES = {
    "en": ["{t} grew by {n}% in {y}", "{o} put {t} at {n} million dollars", "{t} reached {n} billion dollars last year",
           "more than {n} people were affected by changes in {t}", "{t} fell by about {n} percent between {y} and {y2}",
           "{t} will take {n} years to recover"],
    "ar": ["ارتفع حجم {t} بنسبة {n}% في عام {y}", "قدّر {o} {t} بنحو {n} مليون دولار",
           "بلغت {t} {n} مليار دولار العام الماضي", "تأثر أكثر من {n} شخص بتغيرات {t}",
           "تراجعت {t} بنحو {n} بالمئة بين عامي {y} و{y2}"],
    "he": ["{t} עלה ב-{n}% בשנת {y}", "{o} העריך את {t} בכ-{n} מיליון דולר", "{t} הגיע ל-{n} מיליארד דולר בשנה שעברה",
           "יותר מ-{n} איש הושפעו מהשינויים ב{t}", "{t} ירד בכ-{n} אחוזים בין השנים {y} ו-{y2}"],
    "fr": ["{t} a augmenté de {n} % en {y}", "{o} estime {t} à {n} millions de dollars"],
    "ru": ["{t} вырос на {n}% в {y} году", "{o} оценил {t} в {n} млн долларов"],
}
PROSE = {
    "en": ("the talks continued late into the night as delegations from both sides discussed the details of a "
           "framework that officials hope will be signed before the end of the season while analysts warned that "
           "the region faces a difficult year ahead with rising costs and uncertain demand").split(),
    "ar": ("واستمرت المحادثات حتى وقت متأخر من الليل حيث ناقشت الوفود تفاصيل إطار عمل يأمل المسؤولون توقيعه قبل "
           "نهاية الموسم في حين حذر محللون من أن المنطقة تواجه عاما صعبا مع ارتفاع التكاليف وعدم اليقين").split(),
    "he": ("השיחות נמשכו עד שעת לילה מאוחרת כאשר המשלחות דנו בפרטי מסגרת שהגורמים הרשמיים מקווים לחתום עליה לפני "
           "סוף העונה בעוד אנליסטים הזהירו כי האזור צפוי לשנה קשה עם עלויות גבוהות וביקוש לא ודאי").split(),
    "fr": ("les discussions se sont poursuivies tard dans la nuit alors que les délégations examinaient les "
           "détails d'un accord").split(),
    "ru": "переговоры продолжались до поздней ночи пока делегации обсуждали детали соглашения".split(),
}
OUTLETS = ["Reuters", "Al Jazeera", "Haaretz", "Ynet", "Al-Ahram", "Times of Israel", "Asharq Al-Awsat",
           "Kan News", "BBC", "Le Monde", "TASS"]
# More words per language, drawn at random (not as runs of the sentences above), so that quotes
# share the odd phrase, as real ones do, without being copies of each other.
EXTRA = {
    "en": ("government parliament agreement economy market prices workers families hospital schools border "
           "security water energy farmers investors banks report survey growth decline crisis reform plan "
           "project funding loans debt salaries taxes roads ports airport factory companies villages city "
           "children students doctors nurses teachers police army ministry committee court election vote "
           "protest strike talks ceasefire aid donors refugees homes rent fuel gas oil wheat rice sugar "
           "exports imports tourism visitors hotels week month morning evening yesterday today tomorrow").split(),
    "ar": ("الحكومة البرلمان الاتفاق الاقتصاد السوق الأسعار العمال الأسر المستشفى المدارس الحدود الأمن المياه "
           "الطاقة المزارعين المستثمرين البنوك التقرير المسح النمو التراجع الأزمة الإصلاح الخطة المشروع التمويل "
           "القروض الديون الرواتب الضرائب الطرق الموانئ المطار المصنع الشركات القرى المدينة الأطفال الطلاب "
           "الأطباء الممرضين المعلمين الشرطة الجيش الوزارة اللجنة المحكمة الانتخابات التصويت الاحتجاج الإضراب "
           "المفاوضات الهدنة المساعدات المانحين اللاجئين المنازل الإيجار الوقود الغاز النفط القمح الأرز السكر "
           "الأسبوع الشهر صباح مساء أمس اليوم غدا").split(),
    "he": ("הממשלה הכנסת ההסכם הכלכלה השוק המחירים העובדים המשפחות בית החולים בתי הספר הגבול הביטחון המים "
           "האנרגיה החקלאים המשקיעים הבנקים הדוח הסקר הצמיחה הירידה המשבר הרפורמה התוכנית הפרויקט המימון "
           "ההלוואות החוב המשכורות המסים הכבישים הנמלים שדה התעופה המפעל החברות הכפרים העיר הילדים הסטודנטים "
           "הרופאים האחיות המורים המשטרה הצבא המשרד הוועדה בית המשפט הבחירות ההצבעה המחאה השביתה המשא ומתן "
           "הפסקת האש הסיוע התורמים הפליטים הבתים השכירות הדלק הגז הנפט החיטה האורז הסוכר השבוע החודש "
           "בבוקר בערב אתמול היום מחר").split(),
    "fr": ("gouvernement parlement accord économie marché prix travailleurs familles hôpital écoles frontière "
           "sécurité eau énergie agriculteurs banques rapport croissance crise réforme projet").split(),
    "ru": ("правительство парламент соглашение экономика рынок цены рабочие семьи больница школы граница "
           "безопасность вода энергия фермеры банки доклад рост кризис реформа проект").split(),
}

LANG_WEIGHTS = {"ar": 35, "he": 30, "en": 30, "fr": 3, "ru": 2}
BAD = {"ar": "تراجعت {t} بين عامي 2032 و2031", "he": "{t} ירד בין השנים 2032 ו-2031",
       "en": "{t} grew by 2016-20207445744882541195129851155 percent", "fr": "{t} entre 2032 et 2031",
       "ru": "{t} между 2032 и 2031 годами"}


class Corpus:
    """Deterministic article generator: ``article(i)`` is the same text for the same seed and i."""

    def __init__(self, seed: int = 7, people_per_language: int = 120):
        rnd = random.Random(seed)
        self.seed = seed
        self.people = {lang: [f"{rnd.choice(FIRST[lang])} {rnd.choice(LAST[lang])}" for _ in range(people_per_language)]
                       for lang in FIRST}
        self.languages = [lang for lang, w in LANG_WEIGHTS.items() for _ in range(w)]

    def _words(self, rnd: random.Random, lang: str, lo: int, hi: int) -> str:
        words = PROSE[lang] + EXTRA[lang]
        return " ".join(rnd.choice(words) for _ in range(rnd.randint(lo, hi)))

    def _speaker(self, rnd: random.Random, lang: str) -> str:
        name = rnd.choice(self.people[lang][: 30 + rnd.randrange(len(self.people[lang]) - 29)])
        return f"{rnd.choice(TITLES[lang])} {name}" if rnd.random() < 0.5 else name

    def _figure(self, rnd: random.Random, lang: str) -> str:
        year = rnd.randint(2012, 2025)
        n = rnd.choice([rnd.randint(2, 99), rnd.randint(100, 9999), round(rnd.uniform(0.5, 60), 1)])
        return rnd.choice(FIGURES[lang]).format(t=rnd.choice(TOPICS[lang]), o=rnd.choice(ORGS[lang]), n=n, y=year,
                                                y2=year + rnd.randint(1, 5))

    def article(self, i: int) -> dict:
        rnd = random.Random(self.seed * 1_000_003 + i)
        lang = rnd.choice(self.languages)
        topic = rnd.choice(TOPICS[lang])
        paragraphs = []
        for _ in range(rnd.randint(6, 14)):
            kind = rnd.random()
            if kind < 0.35:
                quote = f"{self._figure(rnd, lang)} {self._words(rnd, lang, 3, 12)}" if rnd.random() < 0.4 \
                    else self._words(rnd, lang, 6, 20)
                sentence = rnd.choice(SPEECH[lang]).format(s=self._speaker(rnd, lang), q=quote,
                                                           p=rnd.choice(PLACES[lang]))
            elif kind < 0.7:
                sentence = f"{self._figure(rnd, lang)}, {self._words(rnd, lang, 4, 14)}."
            else:
                sentence = f"{self._words(rnd, lang, 15, 45)}."
            paragraphs.append(sentence[0].upper() + sentence[1:] if lang in ("en", "fr", "ru") else sentence)
        if rnd.random() < 0.02:
            paragraphs.insert(rnd.randrange(len(paragraphs) + 1), BAD[lang].format(t=topic) + ".")
        place = rnd.choice(PLACES[lang])
        title = f"{topic} — {place} ({i})"
        text = f"{title}\n\n{place} – {rnd.choice(OUTLETS)}\n\n" + "\n\n".join(paragraphs) + "\n"
        return {"title": title, "text": text, "language": lang, "outlet": rnd.choice(OUTLETS),
                "url": f"https://news.example.org/{lang}/{self.seed}/{i}"}

    def write(self, folder: Path, count: int, *, per_file: int = 100, start: int = 0) -> list[Path]:
        """``count`` articles as JSON-lines files of ``per_file`` articles each; returns the files."""
        folder.mkdir(parents=True, exist_ok=True)
        files = []
        for first in range(start, start + count, per_file):
            path = folder / f"articles_{first:07d}.jsonl"
            with open(path, "w", encoding="utf-8") as fh:
                for i in range(first, min(first + per_file, start + count)):
                    fh.write(json.dumps(self.article(i), ensure_ascii=False) + "\n")
            files.append(path)
        return files
