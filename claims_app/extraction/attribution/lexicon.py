"""Word lists for attribution: reporting verbs, titles, stop words, Hebrew acronyms.

Entries are written as they appear in print and folded at import with ``fold_token``, so the
lists stay readable and the look-ups ignore hamza, ta marbuta and diacritic variants.
"""
from __future__ import annotations

from functools import lru_cache

from ..text.fold import fold_token


def _fold_all(words: str) -> frozenset[str]:
    return frozenset(fold_token(w) for w in words.split())


# Verbs that introduce speech: the speaker is their subject, before or after them.
REPORTING_VERBS = _fold_all("""
    قال قالت يقول تقول قالوا أضاف أضافت يضيف تضيف أكد أكدت يؤكد تؤكد أوضح أوضحت يوضح توضح
    أشار أشارت يشير تشير تابع تابعت يتابع اعتبر اعتبرت يعتبر شدد شددت يشدد ذكر ذكرت يذكر
    صرح صرحت يصرح أعلن أعلنت يعلن كتب كتبت يكتب غرد غردت أردف أردفت استطرد استطردت لفت لفتت
    أفاد أفادت رأى رأت يرى ختم ختمت اختتم اختتمت حذر حذرت
    أعرب أعربت زعم زعمت نفى نفت ردت علق علقت أجاب أجابت تساءل تساءلت قالا
    אמר אמרה אמרו אומר אומרת הוסיף הוסיפה הוסיפו ציין ציינה ציינו הדגיש הדגישה כתב כתבה כתבו
    מסר מסרה טען טענה סיפר סיפרה הבהיר הבהירה הודיע הודיעה צייץ ציוצה השיב השיבה ענה ענתה
    הגיב הגיבה המשיך המשיכה הזהיר הזהירה הסביר הסבירה קבע קבעה
    said says say added adds told tells stated states wrote writes noted notes explained
    explains argued argues insisted insists warned warns replied replies tweeted posted declared
    announced claimed continued stressed emphasized emphasised remarked recalled asked
""")

# Plural forms: a group spoke ("אמרו לנו", "قالوا"), which names no single speaker.
PLURAL_VERBS = _fold_all("""
    قالوا أضافوا أكدوا أوضحوا أشاروا ذكروا كتبوا يقولون אמרו הוסיפו ציינו כתבו טענו מסרו סיפרו
""")

# English verbs followed by the party spoken to ("told Reuters", "asked reporters").
OBJECT_VERBS = frozenset({"told", "tells", "asked", "asks"})

# "نقل عن X قوله": the quote is X's saying, reported by someone else.
SAYING_NOUNS = _fold_all("""
    قوله قولها قولهم تأكيده تأكيدها
""")

# Prepositional cues: the speaker follows them ("according to X", "بحسب X", "לדברי X").
SOURCE_PREPOSITIONS = _fold_all("""
    وفق وفقا حسب بحسب لدى لسان לדברי לפי
""")
# "according to" is two words; handled by the caller.

# Participles that hang a quote on the subject of the clause ("..., قائلا: ").
PARTICIPLES = _fold_all("""
    قائلا قائلة مضيفا مضيفة مشيرا مشيرة موضحا موضحة مؤكدا مؤكدة معتبرا معتبرة متابعا متابعة
    مشددا مشددة لافتا لافتة مستطردا متسائلا متسائلة متحدثا متحدثة
    saying adding noting explaining insisting warning stressing arguing
    באומרו באומרה
""")

# Pronoun forms meaning "according to him/her": the previous speaker.
PRONOUN_SOURCES = _fold_all("""
    לדבריו לדבריה לדבריהם وفقه حسبه بحسبه حسبها بحسبها
""")

PRONOUNS = _fold_all("""
    he she they it هو هي هم הוא היא הם הן
""")

# Words that end the name after a verb: prepositions, complementizers, time words.
STOP_WORDS = _fold_all("""
    إن أن إنه أنه إنها أنها إنهم أنهم بأن بان فإن وإن ان انه في خلال عقب بعد قبل عن على إلى الى
    مع حول لـ من منذ حتى لكن كما يوم اليوم أمس مساء صباح الاثنين الثلاثاء الأربعاء الخميس الجمعة
    السبت الأحد أيضا ايضا بدوره بدورها بشأن بينما حيث الذي التي الذين ما لا لم لن قد كان كانت
    هكذا هو هي هذا هذه ذلك تلك عبر لدى ثم أو او و ف ب ل ك عند أمام لنا لي له لها لهم لكم إنما
    فقط لوكالة لصحيفة لقناة لموقع لإذاعة لتلفزيون لشبكة للصحفيين
    ש כי את על אל עם של גם כבר אתמול היום הערב הבוקר בשיחה בראיון בהודעה בפני לאחר אחרי לפני
    כך כאשר כש אך אבל או ו ה ב ל מ כ לנו לי לו לה להם להן לכם רק אז עוד ברשת במסיבת בכנס
    בפגישה בתגובה בטקס בנאום בישיבת בעת בציוץ בפוסט לכתבים לעיתונאים בסרטון במכתב בריאיון
    בהצהרה בדיון בעצרת בוועידת בכנסת בטלוויזיה לתקשורת לרדיו בשידור בהרצאה בסיור בביקור
    that the in on at to of for from with after before during told by a an who which this
    yesterday today tonight on monday tuesday wednesday thursday friday saturday sunday
    also and but or as when while however
""")

# Words after a title head that belong to the title, not to the name.
TITLE_HEADS = _fold_all("""
    الرئيس رئيس الرئيسة رئيسة الوزير وزير الوزيرة وزيرة السفير سفير السفيرة سفيرة النائب نائب
    النائبة عضو المتحدث متحدث المتحدثة الناطق ناطق الناطقة الشيخ السيد السيدة الدكتور الدكتورة
    د الأمين أمين مستشار المستشار مستشارة المستشارة قائد القائد الجنرال اللواء العميد العقيد
    الملك الأمير الأميرة ولي المبعوث مبعوث المبعوثة مدير المدير مديرة المديرة زعيم الزعيم زعيمة
    رئيسا وزيرا مندوب المندوب المندوبة الحاخام البروفيسور الأستاذ الكاتب الكاتبة الصحفي
    ممثل ممثلة الممثلة المهندس المهندسة الخبير خبير الخبيرة خبيرة المحلل محلل المحللة الباحث
    باحث الباحثة القيادي القيادية محافظ المحافظ
    השר השרה שר שרת הנשיא נשיא נשיאת הנשיאה ראש ח"כ חה"כ השגריר שגריר השגרירה שגרירת ד"ר
    פרופ' פרופסור מר גב' הרב רב יו"ר מנכ"ל דובר דוברת סגן סגנית היועץ יועץ יועצת עוזר עוזרת
    אלוף האלוף תא"ל אל"ם רא"ל הרמטכ"ל רמטכ"ל המלך הנסיך השגרירה ראש־הממשלה רה"מ
    מנהל המנהל מנהלת המנהלת כלכלן הכלכלן כלכלנית הכלכלנית נגיד הנגיד נגידת מומחה המומחה
    president minister ambassador dr dr. mr mr. mrs mrs. ms ms. prof prof. professor sen sen.
    senator rep rep. representative gov gov. governor general gen gen. col col. colonel sheikh
    king queen prince princess secretary chancellor speaker judge justice rabbi mk deputy
    spokesman spokeswoman spokesperson chairman chairwoman chair ceo director envoy adviser
    advisor commander chief mayor premier pm foreign defense defence prime vice lt lt.
    commissioner economist analyst head
""")

# Portfolio and qualifier words that continue a title ("وزير خارجية", "שר החוץ").
TITLE_COMPLEMENTS = _fold_all("""
    خارجية الخارجية الوزراء الحكومة الكنيست مجلس دفاع الدفاع داخلية الداخلية مالية المالية
    باسم الدولة الجمهورية العام العامة الأمن الصحة الاقتصاد التعليم الطاقة الخزانة الإعلام
    البعثات الوطنية الوطني الشؤون شؤون الخارجيه الحرب الجيش الأركان هيئة المستشار القومي
    الممثل السامي
    החוץ הביטחון הממשלה הכנסת האוצר הפנים הבריאות הכלכלה החינוך האנרגיה המדינה הצבא המטה
    הכללי לביטחון לאומי הלאומי ממשלת משרד
    of for the foreign affairs defense defence finance interior health economy economic justice
    state education energy security national general prime minister ministry office trade
    regional
""")

# Countries and demonyms that may follow a title ("وزير خارجية أذربيجان", "נשיא אזרבייג'ן").
COUNTRY_WORDS = _fold_all("""
    إسرائيل اسرائيل أذربيجان إيران تركيا مصر الأردن لبنان سوريا العراق السعودية قطر الإمارات
    أمريكا روسيا فرنسا ألمانيا بريطانيا الصين أرمينيا كازاخستان فلسطين المغرب الجزائر تونس ليبيا
    اليمن الكويت البحرين عمان السودان أوكرانيا جورجيا الهند باكستان
    ישראל אזרבייג'ן אזרבייג׳ן איראן טורקיה מצרים ירדן לבנון סוריה עיראק ערב הסעודית ארה"ב
    רוסיה צרפת גרמניה בריטניה סין ארמניה
    israel israeli azerbaijan azerbaijani iran iranian turkey turkish us u.s. american russia
    russian france french germany german britain british uk china chinese egypt egyptian
    armenia armenian palestinian
""")

# Sources that stay anonymous: a quote attributed to them has no nameable speaker.
ANONYMOUS_SOURCES = _fold_all("""
    مصدر المصدر مصادر المصادر مسؤول مسؤولون مسؤولين دبلوماسي شهود שהוא גורם גורמים מקור מקורות
    בכיר source sources official officials witnesses diplomat
""")

# Nouns that introduce a name or title rather than speech: "حزب "شاس"", "מבצע "שומר החומות"".
NAMING_NOUNS = _fold_all("""
    حزب الحزب منصة شركة عملية نشيد النشيد أغنية كتاب فيلم برنامج مبادرة وسم هاشتاغ هاشتاج عنوان
    بعنوان شعار صحيفة قناة موقع مشروع خطة حملة حركة جمعية مؤتمر مناورة تطبيق مسمى المسمى
    يسمى تسمى تدعى المعروف المعروفة لقب بلقب
    מפלגת מפלגה מבצע שיר ספר סרט תוכנית חברת תנועת עמותת עיתון ערוץ אתר קמפיין הכותרת בשם
    המכונה שכותרתו
    party operation song book film movie programme program show campaign titled entitled called
    named dubbed hashtag slogan app newspaper channel codenamed
""")

# Role nouns accepted as a speaker on their own in English ("the ministry said").
ENGLISH_ROLE_NOUNS = frozenset("""
    ministry office government army military police spokesman spokeswoman spokesperson statement
    embassy company agency department council committee presidency palace court commission
    minister president ambassador prosecutor mission observer observers union association
    organization organisation fund authority institute bank federation board
""".split())

# Personal honorifics: a name follows them ("الدكتور هشام النور", "ד"ר מיכל שטרן", "Justice X"),
# so a phrase that starts with one is a person, never a role standing for one.
HONORIFICS = _fold_all("""
    الدكتور الدكتورة د المهندس المهندسة الشيخ السيد السيدة الأستاذ الأستاذة البروفيسور اللواء
    العميد العقيد الحاج الحاجة
    ד"ר פרופ' פרופסור מר גב' הרב האלוף אלוף תא"ל אל"ם רא"ל עו"ד
    dr dr. mr mr. mrs mrs. ms ms. prof prof. professor justice judge gen gen. sir
""")

# Descriptions that never name anyone by themselves: alone and unresolved they give no speaker.
GENERIC_ROLES = _fold_all("""
    القيادي القيادية الخبير الخبيرة المحلل المحللة الباحث الباحثة الناشط الناشطة العضو
    המומחה המומחית הכלכלן הכלכלנית הפעיל הפעילה
    expert analyst economist activist member
""")

# First words of an organisation's name: such a name may run to six words (الشركة القابضة
# لكهرباء مصر, منظمة أطباء بلا حدود, התאחדות בוני הארץ).
ORGANISATION_HEADS = _fold_all("""
    شركة الشركة منظمة المنظمة وزارة الوزارة هيئة الهيئة جمعية الجمعية مجلس المجلس وكالة الوكالة
    مكتب المكتب بنك البنك صندوق الصندوق قوات القوات جيش الجيش اتحاد الاتحاد حركة الحركة لجنة
    اللجنة مفوضية المفوضية نقابة النقابة مؤسسة المؤسسة جهاز الجهاز مركز المركز معهد المعهد
    حكومة الحكومة الأمم
    משרד המשרד ארגון הארגון חברת החברה בנק הבנק התאחדות ההתאחדות איגוד האיגוד לשכת הלשכה מכון
    המכון רשות הרשות קופת עמותת העמותה ועדת הוועדה מועצת המועצה
""")

# Adjectives that may follow an Arabic organisation's name (beside nisba forms in ـي/ـية).
ORGANISATION_ADJECTIVES = _fold_all("""
    العامة العام العليا الأعلى الكبرى المتحدة السريع المستقلة القابضة المركزي المركزية الموحدة
""")

# Last words of an English organisation's name ("the European Union observer mission").
ENGLISH_ORGANISATION_TAILS = frozenset("""
    commission mission agency union association ministry council committee bank organization
    organisation office fund authority institute company party group federation court board
    observers corporation administration service embassy government
""".split())

# Documents that carry someone's words: "according to a statement from X", "وفق بيان لـX".
DOCUMENT_NOUNS = _fold_all("""
    بيان البيان تقرير التقرير منشور تغريدة رسالة مذكرة تصريح دراسة
    הודעה הודעת דו"ח מכתב
    statement note report letter release memo post study analysis
""")

# Plural groups after an organisation's name that still speak for it ("Goldman Sachs analysts").
ENGLISH_GROUP_NOUNS = frozenset("analysts economists experts researchers strategists".split())

# Hebrew acronyms written with a gershayim (or an ASCII double quote in its place). Those with a
# single letter after the mark are recognised by rule; the list catches the others and the
# ones whose first letter is also a clitic prefix (מ"כ, ש"ח, ב"ה).
HEBREW_ACRONYMS = frozenset(w.replace("״", '"') for w in """
    ארה"ב צה"ל ש"ח דו"ח דו"חות דו"חים מ"כ מ"כים מ"פ מ"מ ח"כ ח"כים חה"כ בג"ץ רמטכ"ל מנכ"ל מנכ"לים
    מנכ"לית סמנכ"ל יו"ר יו"רית ת"א עו"ד עו"ד ד"ר שב"כ אמ"ן מפא"י ש"ס או"ם חו"ל בי"ס ביה"ס ביה"ח
    תנ"ך ז"ל ב"ה ע"י ע"פ כ"כ ה"ה ק"מ מ"ר ס"מ ק"ג אחה"צ לפנה"צ בע"מ ע"ר ר"ת נ"צ רס"ן סא"ל תא"ל
    אל"ם רא"ל אלו"ף מג"ד מח"ט רמ"ט קמ"ן תת"ל מ"א חז"ל רה"מ ראה"מ ב"כ ת"ז ח"ח ש"ב אג"ם חמ"ל
    פקע"ר אמ"ן מל"ל רש"ת תשפ"ד תשפ"ג תשפ"ה תשפ"ו
""".split())

# Clitic letters that may precede an opening quote glued to them (ש"אנחנו, ו"ישראל").
HEBREW_PREFIX_LETTERS = frozenset("ובכלמשה")
ARABIC_PROCLITICS = frozenset({"و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "لل", "بال",
                               "وبال", "ال", "س", "وس"})


def is_reporting_verb(folded: str) -> bool:
    """True for a reporting verb, also with the Arabic و/ف or Hebrew ו/ש/כש prefixes."""
    if folded in REPORTING_VERBS or folded in PLURAL_VERBS:
        return True
    if len(folded) > 3 and folded[0] in "وفוש" and folded[1:] in REPORTING_VERBS:
        return True
    return len(folded) > 4 and folded[:2] in ("כש", "וכ", "וש") and folded[2:] in REPORTING_VERBS


def is_plural_verb(folded: str) -> bool:
    return strip_clitic(folded, PLURAL_VERBS) is not None


def strip_clitic(folded: str, words: frozenset[str]) -> str | None:
    """The word in ``words`` that ``folded`` is with an و/ف/ו prefix, or None."""
    if folded in words:
        return folded
    if len(folded) > 3 and folded[0] in "وفו" and folded[1:] in words:
        return folded[1:]
    return None


def _with_prefixes(words: frozenset[str], prefixes: tuple[str, ...]) -> frozenset[str]:
    return frozenset(words | {p + w for p in prefixes for w in words})


# Every folded form a cue can take, for a single set look-up per token on the hot path.
CUE_FORMS = (
    _with_prefixes(REPORTING_VERBS | PLURAL_VERBS, ("و", "ف", "ו", "ש", "כש", "וכ", "וש"))
    | _with_prefixes(SOURCE_PREPOSITIONS | PARTICIPLES, ("و", "ف", "ו"))
    | PRONOUN_SOURCES | SAYING_NOUNS | {"according"}
)


@lru_cache(maxsize=8192)
def cue_kind(folded: str) -> str | None:
    """What a cue token is, in the order attribution tests it: pronoun, preposition,
    participle, plural, saying, verb; None for any other word."""
    if folded in PRONOUN_SOURCES:
        return "pronoun"
    if strip_clitic(folded, SOURCE_PREPOSITIONS) or folded == "according":
        return "preposition"
    if strip_clitic(folded, PARTICIPLES):
        return "participle"
    if is_plural_verb(folded):
        return "plural"
    if strip_clitic(folded, SAYING_NOUNS):
        return "saying"
    if is_reporting_verb(folded):
        return "verb"
    return None
