"""Word lists the numeric-claim extractor matches against, for Arabic, Hebrew, English and Persian.

Every entry is written in its ordinary spelling and stored under ``key()``, the same lookup key
the tokenizer computes for each word, so spelling noise (hamza forms, tanween, niqqud, ta
marbuta, invisible direction marks, case) never decides whether a word is recognised.
"""
from __future__ import annotations

from functools import lru_cache

from ..text.fold import fold_token

# The lookup key of a word is the one fold of the extractor (text.fold), cached: the tokenizer
# asks for the same few thousand words again and again.
key = lru_cache(maxsize=65536)(fold_token)


def _keys(words: str) -> frozenset[str]:
    return frozenset(key(w) for w in words.split())


class PhraseSet:
    """Multi-word phrases indexed by their first and last word, each bucket longest first.

    The index keeps matching at a number cheap: only the phrases that can end (or start) at the
    word next to it are compared, whatever the size of the lists.
    """

    def __init__(self, tagged) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self.by_last: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for tag, phrase in tagged:
            words = tuple(key(w) for w in phrase.split())
            for index, k in ((self.by_first, words[0]), (self.by_last, words[-1])):
                bucket = index.setdefault(k, [])
                if (words, tag) not in bucket:
                    bucket.append((words, tag))
        for index in (self.by_first, self.by_last):
            for bucket in index.values():
                bucket.sort(key=lambda item: len(item[0]), reverse=True)


def _phrases(*phrases: str) -> PhraseSet:
    return PhraseSet((p, p) for p in phrases)


def _tagged(table: dict[str, tuple[str, ...]]) -> PhraseSet:
    return PhraseSet((tag, p) for tag, phrases in table.items() for p in phrases)


# Arabic proclitics that may sit on a qualifier or a number word ("بنحو", "وعشرين").
AR_PROCLITICS = ("وب", "ول", "فب", "فل", "وك", "و", "ف", "ب", "ل", "ك")
# Hebrew one-letter prefixes (and, in, to, from, as, the, that), which stack ("וכש", "ומה").
HE_PREFIX_LETTERS = frozenset("ובלמכהש")

QUALIFIERS_BEFORE = _tagged({
    "approx": (
        "about", "around", "approximately", "nearly", "almost", "some", "roughly", "circa", "ca",
        "close to", "an estimated", "estimated", "approx", "around about", "more or less",
        "نحو", "حوالي", "حوالى", "قرابة", "زهاء", "ما يقارب", "يقارب", "ما يناهز", "يناهز",
        "ما يقرب من", "يقرب من", "تقريبا", "قرابه",
        "כמעט", "בערך", "סביב", "בסביבות", "קרוב ל", "קרוב ל-", "קרוב ל־",
        "حدود", "حدودا", "تقريبا", "نزدیک به", "در حدود",
    ),
    "at_least": (
        "more than", "over", "at least", "upwards of", "in excess of", "no fewer than",
        "no less than", "above", "exceeding", "exceeds", "exceeded", "greater than", "well over", "just over",
        "tops", "topped", "topping",
        "more then", "not less than", "a minimum of",
        "أكثر من", "ما يزيد عن", "ما يزيد على", "يزيد عن", "يزيد على", "ما لا يقل عن",
        "لا يقل عن", "أزيد من", "فوق", "ما يفوق", "يفوق", "ما يربو على", "يربو على",
        "ما يربو عن", "اكثر من", "على الأقل",
        "מעל", "לפחות", "יותר מ", "למעלה מ", "לא פחות מ", "עולה על", "עולים על", "עולות על", "עלה על",
        "يتجاوز", "تتجاوز", "تجاوز", "تجاوزت", "يتخطى", "تتخطى",
        "بیش از", "بیشتر از", "بالغ بر",
    ),
    "at_most": (
        "less than", "under", "up to", "fewer than", "at most", "no more than", "below",
        "as many as", "not more than", "a maximum of", "just under", "as much as",
        "أقل من", "حتى", "دون", "ما لا يزيد عن", "ما لا يزيد على", "لا يزيد عن", "لا يتجاوز",
        "ما لا يتجاوز", "ما دون",
        "פחות מ", "עד", "לא יותר מ", "מתחת ל", "לכל היותר",
        "کمتر از",
    ),
})

# After the number: "100 or more", "تقريبا", "לפחות".
QUALIFIERS_AFTER = _tagged({
    "approx": ("or so", "approximately", "تقريبا", "تقريباً", "בערך", "تقریبا"),
    "at_least": ("or more", "at least", "plus", "على الأقل", "فأكثر", "أو أكثر", "وأكثر",
                         "לפחות", "ויותר", "ומעלה", "או יותר", "و بیشتر"),
    "at_most": ("at most", "or less", "or fewer", "على الأكثر", "أو أقل", "לכל היותר", "או פחות"),
})

# Openers that make "X and Y" / "X to Y" a range, and the joiners they pair with.
RANGE_OPENERS = _keys("between from بين ما بين من بين בין מ از بین")
RANGE_JOINERS = _keys("to and through إلى الى حتى و עד ל ו تا")

PERCENT_SIGNS = frozenset("%٪％﹪")
PERCENT_WORDS = _keys("percent pct بالمئة بالمائة بلمئة بالمية بالميه بلمائة بالمئه في٪ אחוז אחוזים האחוזים درصد")
# Two-word percent phrases; the first word is checked first.
PERCENT_PHRASES = _phrases("per cent", "في المائة", "في المئة", "في المية", "في الميه", "بالمئة",
                           "percentage points", "percentage point", "نقطة مئوية", "نقاط مئوية",
                           "נקודות אחוז", "נקודת אחוז", "נקודות האחוז")

CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "₪": "ILS", "₼": "AZN", "¥": "JPY",
                  "₺": "TRY", "₽": "RUB", "₹": "INR", "﷼": "IRR"}
CURRENCY_WORDS: dict[str, str] = {}
for _code, _words in {
    "USD": "usd dollar dollars us$ دولار دولارا دولارات الدولار دولاراً دولار_أمريكي דולר דולרים דולרס دلار",
    "EUR": "eur euro euros يورو اليورو יורו",
    "ILS": 'ils nis shekel shekels shekalim شيكل شيقل شواكل شيكلات شيقلات شيكلا שקל שקלים ש"ח ש״ח ₪',
    "GBP": "gbp pound pounds sterling جنيه_إسترليني إسترليني",
    "AZN": "azn manat manats مانات مانت מנאט מאנאט",
    "TRY": "lira liras ليرة_تركية לירה",
    "IRR": "rial rials ريال_إيراني ریال تومان toman",
    "RUB": "ruble rubles rouble roubles روبل רובל",
    "SAR": "riyal riyals sar ريال ريالا",
    "AED": "dirham dirhams aed درهم دراهم",
    "JOD": "jod dinar dinars دينار دينارا دنانير דינר",
    "EGP": "egp جنيه جنيها جنيهات",
    "JPY": "yen ين_ياباني",
    "CNY": "yuan يوان",
}.items():
    for _w in _words.split():
        CURRENCY_WORDS[key(_w.replace("_", " ").split()[0])] = _code
CURRENCY_CODES_BEFORE = _keys("usd eur ils nis gbp azn us$ sar aed jod egp")

DURATION_WORDS: dict[str, tuple[str, int | None]] = {}
for _unit, _plain, _dual in (
    ("year", "year years yr yrs عام عاما أعوام اعوام سنة سنوات سنين سنه שנה שנים שנות השנים سال", "عامين عامان سنتين سنتان שנתיים"),
    ("month", "month months شهر شهرا أشهر شهور חודש חודשים חודשי החודשים ماه", "شهرين شهران חודשיים"),
    ("week", "week weeks أسبوع أسبوعا أسابيع שבוע שבועות השבועות هفته", "أسبوعين أسبوعان שבועיים"),
    ("day", "day days يوم يوما أيام יום ימים הימים روز", "يومين يومان יומיים"),
    ("hour", "hour hours hrs ساعة ساعات שעה שעות ساعت", "ساعتين ساعتان שעתיים"),
    ("night", "night nights ليلة ليال ليالي لياليا לילה לילות הלילות", "ليلتين ليلتان"),
    ("minute", "minute minutes mins دقيقة دقائق דקה דקות دقیقه", "دقيقتين دقيقتان דקותיים"),
    ("decade", "decade decades عقد عقود עשור עשורים", "عقدين عقدان"),
    ("century", "century centuries قرن قرون", "قرنين قرنان"),
):
    for _w in _plain.split():
        DURATION_WORDS[key(_w)] = (_unit, None)
    for _w in _dual.split():
        DURATION_WORDS[key(_w)] = (_unit, 2)

# "per day" after a count: "20 رحلة جوية أسبوعيًا", "10-15 ניתוחים ביום".
RATE_PHRASES = _phrases(
    "a day", "a week", "a month", "a year", "per day", "per week", "per month", "per year",
    "per hour", "an hour", "each day", "each year", "every day", "every week", "every year",
    "daily", "weekly", "monthly", "annually", "yearly",
    "يوميا", "أسبوعيا", "اسبوعيا", "شهريا", "سنويا", "في اليوم", "في الأسبوع", "في الشهر", "في السنة",
    "في العام", "كل يوم", "كل أسبوع", "كل شهر", "كل عام", "كل سنة",
    "ביום", "בשבוע", "בחודש", "בשנה", "לשנה", "לחודש", "ליום", "לשבוע", "בשעה", "לשעה", "מדי יום",
    "מדי שבוע", "מדי שנה", "מדי חודש",
)

MONTHS = _keys(
    "january february march april june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "يناير فبراير مارس أبريل ابريل إبريل مايو يونيو يونيه يوليو يوليه أغسطس اغسطس سبتمبر أكتوبر اكتوبر "
    "نوفمبر ديسمبر كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين "
    "ינואר פברואר מרץ מרס אפריל מאי יוני יולי אוגוסט ספטמבר אוקטובר נובמבר דצמבר "
    "תשרי חשוון חשון מרחשוון כסלו טבת שבט אדר ניסן אייר סיוון סיון תמוז אלול "
    "فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند"
)
# Words after which a four-digit number is a year ("في عام 2020", "בשנת 2016", "since 1991").
YEAR_CUES = _keys(
    "in since by until till during year fiscal fy from to "
    "عام عامي العام سنة السنة سنه منذ خلال في حتى عامَي العامين "
    "בשנת בשנים שנת משנת עד מאז בשנות "
    "سال از"
)
# Words that make the next number a label, not a quantity ("Resolution 242", "المادة 5").
DESIGNATORS = _keys(
    "resolution article section chapter page pages p pp paragraph para clause no no. number "
    "item vol volume route road highway line channel flight room platform gate bus exit "
    "squad unit brigade division battalion psalm verse episode season level grade phase stage "
    "version model type class tier window seat apartment building block district sector "
    "قرار القرار المادة مادة البند بند الفقرة فقرة الفصل فصل الصفحة صفحة ص رقم القناة قناة "
    "الطريق طريق الرحلة العدد الجزء جزء اللواء لواء الفرقة فرقة الكتيبة كتيبة الوحدة وحدة "
    "الطابق طابق المرحلة مرحلة الحلقة حلقة الموسم موسم الكنيست الإصدار نسخة الخط خط الجيل "
    "עמוד עמ' סעיף פרק החלטה החלטת מספר מס' ערוץ כביש קו טיסה חדר פסקה תקנה חטיבה "
    # stock indices named by their size: 'ת"א 35', "FTSE 100" is caught as a capitalised name
    "ת\"א ftse nikkei dax stoxx "
    # service numbers: "hotline 1201", "מוקד 106", "الخط الساخن 1500"
    "hotline helpline מוקד מוקדן الساخن "
    "אוגדה גדוד יחידה שלב קומה גרסה דגם פרק עונה הכנסת כנסת תיקון "
    "ماده بند شماره "
    # Latin letters written in Arabic script before type numbers: "إف 16", "إس 400", "ميغ 29"
    "إف اف إس اس سو ميغ تي بي إم ام"
)
# Words before "at N o'clock" / "الساعة 10" that make the number a time of day.
TIME_CUES = _keys("at o'clock الساعة الساعه بالساعة בשעה בשעות ساعت")
TIME_AFTER = _keys("am pm a.m p.m صباحا صباحًا مساء مساءً ظهرا فجرا ليلا בבוקר בערב בלילה בצהריים o'clock gmt utc")
ORDINAL_SUFFIXES = _keys("st nd rd th")
# Scale words that can be glued to digits in money ("$5bn", "€3m").
GLUED_SCALES = {"bn": 10**9, "b": 10**9, "mn": 10**6, "m": 10**6, "k": 10**3, "tn": 10**12,
                "mln": 10**6, "bln": 10**9}
AGE_CUES = _keys("aged age בן בת בגיל בני בנות عمر بعمر")
# Anaphoric "of them" after a number word: "سبعة معابد ... خمسة منها".
OF_THEM = _keys("منها منهم منهن منهما منا منكم מהם מהן מתוכם מתוכן מאיתנו")
