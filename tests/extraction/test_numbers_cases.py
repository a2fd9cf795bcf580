"""Numeric claims on short Arabic, Hebrew and English texts, one behaviour per case.

Each case lists every claim the extractor must propose, in text order, as
(span text, value, low, high, kind, qualifier, unit); ``ANY`` leaves the unit unchecked where
the noun as written is all that matters. A text with an empty list must yield no claim at all.
"""
from decimal import Decimal

import pytest

from claims_app.extraction.numbers import find_numeric_claims

ANY = object()
N = None


def D(x):
    return None if x is None else Decimal(str(x))


CASES = [
    # --- digits: Western, Arabic-Indic, Persian; separators, decimals, invisible marks -------
    ("ar_indic_digits_scale", "ar", "زار ٦٠ ألف سائح البلاد.",
     [("٦٠ ألف سائح", 60000, N, N, "count", "exact", "سائح")]),
    ("ar_indic_decimal_percent", "ar", "ارتفعت الصادرات بنسبة ١٢٫٥٪ هذا العام.",
     [("١٢٫٥٪", 12.5, N, N, "percent", "exact", "percent")]),
    ("ar_indic_thousands_sep", "ar", "بلغت الواردات ١٬٢٣٤ مليون دولار.",
     [("١٬٢٣٤ مليون دولار", 1234000000, N, N, "currency", "exact", "USD")]),
    ("fa_persian_digits", "fa", "حدود ۱۲۰۰ نفر در این مراسم شرکت کردند.",
     [("حدود ۱۲۰۰ نفر", 1200, N, N, "count", "approx", ANY)]),
    ("en_comma_thousands", "en", "The army deployed 12,500 troops to the border.",
     [("12,500 troops", 12500, N, N, "count", "exact", "troop")]),
    ("en_decimal_point", "en", "Inflation reached 3.7% in March.",
     [("3.7%", 3.7, N, N, "percent", "exact", "percent")]),
    ("en_thin_space_thousands", "en", "The fund holds 10\u2009000 shares.",
     [("10\u2009000 shares", 10000, N, N, "count", "exact", "share")]),
    ("en_nbsp_thousands", "en", "Some 2\u00a0500 people attended.",
     [("Some 2\u00a0500 people", 2500, N, N, "count", "approx", "person")]),
    ("ar_rlm_inside_number", "ar", "قتل 1\u200f200 شخص في الهجوم.",
     [("1\u200f200 شخص", 1200, N, N, "count", "exact", "شخص")]),
    ("ar_alm_before_percent", "ar", "تراجع الإنتاج 15\u061c٪ خلال الربع.",
     [("15\u061c٪", 15, N, N, "percent", "exact", "percent")]),
    ("he_lrm_around_number", "he", "נהרגו \u200e300\u200e חיילים בקרב.",
     [("300\u200e חיילים", 300, N, N, "count", "exact", "חיילים")]),
    ("en_space_group_not_after_year", "en", "In 2016 300 soldiers were wounded.",
     [("300 soldiers", 300, N, N, "count", "exact", "soldier")]),
    # --- percent forms ---------------------------------------------------------------------
    ("ar_fi_almiaa", "ar", "تشتري إسرائيل أكثر من 30 في المائة من نفطها من باكو.",
     [("أكثر من 30 في المائة", 30, N, N, "percent", "at_least", "percent")]),
    ("ar_fi_almia", "ar", "انخفضت البطالة إلى 7 في المئة.",
     [("7 في المئة", 7, N, N, "percent", "exact", "percent")]),
    ("ar_bilmia_approx", "ar", "ارتفع حجم التبادل التجاري بنحو 50 بالمئة بين عامي 2024 و2025.",
     [("بنحو 50 بالمئة", 50, N, N, "percent", "approx", "percent")]),
    ("ar_bilmiaa_alef", "ar", "زادت الأسعار 20 بالمائة.",
     [("20 بالمائة", 20, N, N, "percent", "exact", "percent")]),
    ("ar_bilmia_misspelt", "ar", "استحوذت سوكار على 10 بلمئة من حقل غاز تمار.",
     [("10 بلمئة", 10, N, N, "percent", "exact", "percent")]),
    ("ar_percent_sign_before", "ar", "صوت %40 من الناخبين.",
     [("%40", 40, N, N, "percent", "exact", "percent")]),
    ("ar_arabic_percent_sign_share", "ar", "قدمت إسرائيل 69٪ من واردات باكو الرئيسية من الأسلحة.",
     [("69٪", 69, N, N, "percent", "exact", "percent")]),
    ("he_achuz", "he", "כמעט 40 אחוז מהתושבים תמכו.",
     [("כמעט 40 אחוז", 40, N, N, "percent", "approx", "percent")]),
    ("he_achuzim", "he", "המכירות עלו ב-25 אחוזים.",
     [("ב-25 אחוזים", 25, N, N, "percent", "exact", "percent")]),
    ("he_percent_sign", "he", "ישראל סיפקה 69% מהייבוא הביטחוני.",
     [("69%", 69, N, N, "percent", "exact", "percent")]),
    ("en_percent_word", "en", "More than 30 percent of voters backed the plan.",
     [("More than 30 percent", 30, N, N, "percent", "at_least", "percent")]),
    ("en_per_cent", "en", "Turnout fell to 25 per cent.",
     [("25 per cent", 25, N, N, "percent", "exact", "percent")]),
    ("en_percentage_points", "en", "Support dropped 4 percentage points.",
     [("4 percentage points", 4, N, N, "percent", "exact", "percentage point")]),
    # --- scale words -----------------------------------------------------------------------
    ("ar_million_dollars_at_least", "ar", "وبلغ أكثر من 360 مليون دولار العام الماضي.",
     [("أكثر من 360 مليون دولار", 360000000, N, N, "currency", "at_least", "USD")]),
    ("ar_thousands_plural", "ar", "نزح 5 آلاف شخص.",
     [("5 آلاف شخص", 5000, N, N, "count", "exact", "شخص")]),
    ("ar_billions_plural", "ar", "خصصت الحكومة 3 مليارات دولار.",
     [("3 مليارات دولار", 3000000000, N, N, "currency", "exact", "USD")]),
    ("ar_millions_and_half", "ar", "يعيش هناك ثلاثة ملايين ونصف نسمة.",
     [("ثلاثة ملايين ونصف نسمة", 3500000, N, N, "count", "exact", "نسمة")]),
    ("ar_dual_millions", "ar", "يسكن المدينة زهاء مليوني نسمة.",
     [("زهاء مليوني نسمة", 2000000, N, N, "count", "approx", "نسمة")]),
    ("ar_alfan_dual", "ar", "وصل ألفين وخمسمئة مقاتل.",
     [("ألفين وخمسمئة مقاتل", 2500, N, N, "count", "exact", "مقاتل")]),
    ("ar_decimal_million", "ar", "وبلغ العدد 2.5 مليون.",
     [("2.5 مليون", 2500000, N, N, "count", "exact", N)]),
    ("he_elef", "he", "כ-60 אלף תיירים ביקרו בבאקו.",
     [("כ-60 אלף תיירים", 60000, N, N, "count", "approx", "תיירים")]),
    ("he_milyon_spelling", "he", "הפרויקט עלה 5 מליון דולר.",
     [("5 מליון דולר", 5000000, N, N, "currency", "exact", "USD")]),
    ("he_milyard_shekel", "he", 'העסקה בשווי 2.5 מיליארד ש"ח.',
     [('2.5 מיליארד ש"ח', 2500000000, N, N, "currency", "exact", "ILS")]),
    ("he_three_and_half_million", "he", "שלושה וחצי מיליון תושבים חיים באזור.",
     [("שלושה וחצי מיליון תושבים", 3500000, N, N, "count", "exact", "תושבים")]),
    ("en_million_decimal", "en", "About 2.5 million people live there.",
     [("About 2.5 million people", 2500000, N, N, "count", "approx", "person")]),
    ("en_bn_glued_currency", "en", "The company lost $5bn last year.",
     [("$5bn", 5000000000, N, N, "currency", "exact", "USD")]),
    ("en_m_glued_euro", "en", "The club paid €3m for him.",
     [("€3m", 3000000, N, N, "currency", "exact", "EUR")]),
    ("en_billion_word", "en", "Exports were worth 1.2 billion dollars.",
     [("1.2 billion dollars", 1200000000, N, N, "currency", "exact", "USD")]),
    ("en_half_a_million", "en", "They raised half a million dollars.",
     [("half a million dollars", 500000, N, N, "currency", "exact", "USD")]),
    ("en_three_and_a_half_million", "en", "Three and a half million tourists visited.",
     [("Three and a half million tourists", 3500000, N, N, "count", "exact", "tourist")]),
    # --- currency --------------------------------------------------------------------------
    ("en_dollar_sign_million", "en", "The deal is worth $360 million.",
     [("$360 million", 360000000, N, N, "currency", "exact", "USD")]),
    ("en_usd_code_before", "en", "Revenue reached USD 5 million.",
     [("USD 5 million", 5000000, N, N, "currency", "exact", "USD")]),
    ("en_us_dollars_after", "en", "It cost 360 million US dollars.",
     [("360 million US dollars", 360000000, N, N, "currency", "exact", "USD")]),
    ("en_euro_word", "en", "Fines of 200 euros were issued.",
     [("200 euros", 200, N, N, "currency", "exact", "EUR")]),
    ("en_shekel_sign", "en", "A ticket costs ₪45.",
     [("₪45", 45, N, N, "currency", "exact", "ILS")]),
    ("en_manat", "en", "The grant totals 4 million manat.",
     [("4 million manat", 4000000, N, N, "currency", "exact", "AZN")]),
    ("ar_euro", "ar", "دفعت الشركة 5 يورو عن كل طن.",
     [("5 يورو", 5, N, N, "currency", "exact", "EUR")]),
    ("ar_shekel", "ar", "الغرامة 300 شيكل.",
     [("300 شيكل", 300, N, N, "currency", "exact", "ILS")]),
    ("ar_manat", "ar", "بلغ الراتب 900 مانات.",
     [("900 مانات", 900, N, N, "currency", "exact", "AZN")]),
    ("ar_billion_dollars_at_least", "ar", "استثمرت أكثر من 5 مليارات دولار.",
     [("أكثر من 5 مليارات دولار", 5000000000, N, N, "currency", "at_least", "USD")]),
    ("he_shekel_word", "he", "המחיר הוא 40 שקלים.",
     [("40 שקלים", 40, N, N, "currency", "exact", "ILS")]),
    ("he_dollar_thousand", "he", "הם תרמו 300 אלף דולר.",
     [("300 אלף דולר", 300000, N, N, "currency", "exact", "USD")]),
    ("he_words_shekel", "he", "קיבלתי אלפיים שקל.",
     [("אלפיים שקל", 2000, N, N, "currency", "exact", "ILS")]),
    # --- Arabic number words ---------------------------------------------------------------
    ("ar_ashr_feminine_at_least", "ar", "وقعنا بالفعل أكثر من عشر اتفاقيات.",
     [("أكثر من عشر اتفاقيات", 10, N, N, "count", "at_least", "اتفاقيات")]),
    ("ar_saba_masc", "ar", "في البلاد سبعة معابد يهودية.",
     [("سبعة معابد", 7, N, N, "count", "exact", "معابد")]),
    ("ar_khamsa_minha", "ar", "سبعة معابد يهودية، خمسة منها في العاصمة.",
     [("سبعة معابد", 7, N, N, "count", "exact", "معابد"),
      ("خمسة منها", 5, N, N, "count", "exact", N)]),
    ("ar_thalath_sanawat", "ar", "افتتحت السفارة قبل ثلاث سنوات.",
     [("ثلاث سنوات", 3, N, N, "duration", "exact", "year")]),
    ("ar_sitta_asabie", "ar", "استمرت الحرب ستة أسابيع.",
     [("ستة أسابيع", 6, N, N, "duration", "exact", "week")]),
    ("ar_dual_years", "ar", "وخلال نحو عامين تغير كل شيء.",
     [("نحو عامين", 2, N, N, "duration", "approx", "year")]),
    ("ar_dual_sanatayn_proclitic", "ar", "انتهى المشروع بسنتين.",
     [("بسنتين", 2, N, N, "duration", "exact", "year")]),
    ("ar_compound_units_first", "ar", "قتل خمسة وعشرين جنديا.",
     [("خمسة وعشرين جنديا", 25, N, N, "count", "exact", "جنديا")]),
    ("ar_teen", "ar", "أصيب ثلاثة عشر طفلا.",
     [("ثلاثة عشر طفلا", 13, N, N, "count", "exact", "طفلا")]),
    ("ar_mia_compound", "ar", "شارك مئة وخمسون متطوعا.",
     [("مئة وخمسون متطوعا", 150, N, N, "count", "exact", "متطوعا")]),
    ("ar_proclitic_wa_number_word", "ar", "وأربعة أيام بعد ذلك.",
     [("وأربعة أيام", 4, N, N, "duration", "exact", "day")]),
    ("ar_qualifier_proclitic_bi", "ar", "تقدر الخسائر بحوالي 200 ألف دولار.",
     [("بحوالي 200 ألف دولار", 200000, N, N, "currency", "approx", "USD")]),
    # --- Hebrew number words ---------------------------------------------------------------
    ("he_prefixed_mem_at_least", "he", "ויותר מעשרה הסכמים נחתמו.",
     [("ויותר מעשרה הסכמים", 10, N, N, "count", "at_least", "הסכמים")]),
    ("he_shtei_construct", "he", "שתי מדינות חתמו על ההסכם.",
     [("שתי מדינות", 2, N, N, "count", "exact", "מדינות")]),
    ("he_shnei", "he", "שני חיילים נפצעו.",
     [("שני חיילים", 2, N, N, "count", "exact", "חיילים")]),
    ("he_matayim", "he", "מאתיים חיילים הגיעו.",
     [("מאתיים חיילים", 200, N, N, "count", "exact", "חיילים")]),
    ("he_shloshet_alafim", "he", "שלושת אלפים איש הפגינו.",
     [("שלושת אלפים איש", 3000, N, N, "count", "exact", "איש")]),
    ("he_compound_vav", "he", "במשך עשרים וחמישה ימים.",
     [("עשרים וחמישה ימים", 25, N, N, "duration", "exact", "day")]),
    ("he_kaf_prefix_word_approx", "he", "הם שהו שם כשלושה חודשים.",
     [("כשלושה חודשים", 3, N, N, "duration", "approx", "month")]),
    ("he_dual_years", "he", "לפני שנתיים נפתחה השגרירות.",
     [("שנתיים", 2, N, N, "duration", "exact", "year")]),
    ("he_dual_weeks_approx", "he", "המבצע נמשך כשבועיים.",
     [("כשבועיים", 2, N, N, "duration", "approx", "week")]),
    ("he_range_words_lamed", "he", "הטיפול נמשך בין שלושה לחמישה ימים.",
     [("בין שלושה לחמישה ימים", N, 3, 5, "duration", "range", "day")]),
    # --- English number words --------------------------------------------------------------
    ("en_six_weeks", "en", "The war lasted six weeks.",
     [("six weeks", 6, N, N, "duration", "exact", "week")]),
    ("en_a_dozen", "en", "They signed a dozen agreements.",
     [("a dozen agreements", 12, N, N, "count", "exact", "agreement")]),
    ("en_two_thirds", "en", "Two-thirds of the deals were signed.",
     [("Two-thirds", 66.67, N, N, "percent", "exact", "percent")]),
    ("en_a_third", "en", "A third of voters stayed home.",
     [("A third", 33.33, N, N, "percent", "exact", "percent")]),
    ("en_half_of", "en", "Half of the population is under 30.",
     [("Half", 50, N, N, "percent", "exact", "percent"),
      ("under 30", 30, N, N, "count", "at_most", N)]),
    ("en_hyphenated_tens", "en", "Twenty-five soldiers were wounded.",
     [("Twenty-five soldiers", 25, N, N, "count", "exact", "soldier")]),
    ("en_hundred_and", "en", "One hundred and fifty families fled.",
     [("One hundred and fifty families", 150, N, N, "count", "exact", "family")]),
    ("en_a_million", "en", "About a million people marched.",
     [("About a million people", 1000000, N, N, "count", "approx", "person")]),
    # --- qualifiers ------------------------------------------------------------------------
    ("en_about", "en", "About 1,200 soldiers were killed.",
     [("About 1,200 soldiers", 1200, N, N, "count", "approx", "soldier")]),
    ("en_nearly", "en", "Nearly 70% of the budget went to defence.",
     [("Nearly 70%", 70, N, N, "percent", "approx", "percent")]),
    ("en_roughly", "en", "Roughly 400 flights were cancelled.",
     [("Roughly 400 flights", 400, N, N, "count", "approx", "flight")]),
    ("en_over", "en", "The war killed over 6,000 troops.",
     [("over 6,000 troops", 6000, N, N, "count", "at_least", "troop")]),
    ("en_at_least", "en", "At least 3 years will pass.",
     [("At least 3 years", 3, N, N, "duration", "at_least", "year")]),
    ("en_upwards_of", "en", "Upwards of 500 people came.",
     [("Upwards of 500 people", 500, N, N, "count", "at_least", "person")]),
    ("en_up_to", "en", "Up to 40 people can enter.",
     [("Up to 40 people", 40, N, N, "count", "at_most", "person")]),
    ("en_fewer_than", "en", "There were fewer than 12 cases.",
     [("fewer than 12 cases", 12, N, N, "count", "at_most", "case")]),
    ("en_or_more_after", "en", "We expect 100 or more.",
     [("100 or more", 100, N, N, "count", "at_least", N)]),
    ("ar_nahw", "ar", "قتل نحو 300 شخص.",
     [("نحو 300 شخص", 300, N, N, "count", "approx", "شخص")]),
    ("ar_qurabat", "ar", "فر قرابة 200 ألف لاجئ.",
     [("قرابة 200 ألف لاجئ", 200000, N, N, "count", "approx", "لاجئ")]),
    ("ar_ma_yuqarib", "ar", "وصل ما يقارب 90 طبيبا.",
     [("ما يقارب 90 طبيبا", 90, N, N, "count", "approx", "طبيبا")]),
    ("ar_ma_yazid_an", "ar", "قتل ما يزيد عن 300 شخص.",
     [("ما يزيد عن 300 شخص", 300, N, N, "count", "at_least", "شخص")]),
    ("ar_ma_la_yazid_at_most", "ar", "يضم الوفد ما لا يزيد عن 15 عضوا.",
     [("ما لا يزيد عن 15 عضوا", 15, N, N, "count", "at_most", "عضوا")]),
    ("ar_aqall_min", "ar", "وصلت خلال أقل من 20 دقيقة.",
     [("أقل من 20 دقيقة", 20, N, N, "duration", "at_most", "minute")]),
    ("ar_hatta", "ar", "تستوعب القاعدة حتى 40 طائرة.",
     [("حتى 40 طائرة", 40, N, N, "count", "at_most", "طائرة")]),
    ("ar_bare_number_at_least", "ar", "برفقة وفد يضم أكثر من 40 من مسؤولين حكوميين.",
     [("أكثر من 40", 40, N, N, "count", "at_least", N)]),
    ("he_kaf_maqaf", "he", "כ־200 רופאים התנדבו.",
     [("כ־200 רופאים", 200, N, N, "count", "approx", "רופאים")]),
    ("he_yoter_mi", "he", "נהרגו יותר מ-6,000 חיילים.",
     [("יותר מ-6,000 חיילים", 6000, N, N, "count", "at_least", "חיילים")]),
    ("he_meal", "he", "שוגרו מעל 100 טילים.",
     [("מעל 100 טילים", 100, N, N, "count", "at_least", "טילים")]),
    ("he_ad", "he", "המקום מכיל עד 40 אנשים.",
     [("עד 40 אנשים", 40, N, N, "count", "at_most", "אנשים")]),
    ("he_pachot_mi", "he", "דווחו פחות מ-20 מקרים.",
     [("פחות מ-20 מקרים", 20, N, N, "count", "at_most", "מקרים")]),
    ("he_beerech", "he", "הגיעו בערך 30 איש.",
     [("בערך 30 איש", 30, N, N, "count", "approx", "איש")]),
    # --- ranges ----------------------------------------------------------------------------
    ("he_hyphen_range_rate", "he", "וביצעו כאן 10-15 ניתוחים ביום.",
     [("10-15 ניתוחים ביום", N, 10, 15, "count", "range", "ניתוחים")]),
    ("en_between_and", "en", "Between 7,000 and 16,000 people fled.",
     [("Between 7,000 and 16,000 people", N, 7000, 16000, "count", "range", "person")]),
    ("en_to_range", "en", "It will take 7,000 to 16,000 workers.",
     [("7,000 to 16,000 workers", N, 7000, 16000, "count", "range", "worker")]),
    ("en_range_shared_scale", "en", "The plan costs $5-10 million.",
     [("$5-10 million", N, 5000000, 10000000, "currency", "range", "USD")]),
    ("en_en_dash_range", "en", "Expect 20–30 minutes of delay.",
     [("20–30 minutes", N, 20, 30, "duration", "range", "minute")]),
    ("ar_min_ila", "ar", "السجن من 7 إلى 10 سنوات.",
     [("من 7 إلى 10 سنوات", N, 7, 10, "duration", "range", "year")]),
    ("ar_bayn_wa_scale", "ar", "تراوح العدد بين 10 و15 ألفا.",
     [("بين 10 و15 ألفا", N, 10000, 15000, "count", "range", N)]),
    ("ar_bayn_words", "ar", "يستغرق العلاج بين خمسة وعشرة أيام.",
     [("بين خمسة وعشرة أيام", N, 5, 10, "duration", "range", "day")]),
    ("he_bein_le", "he", "נרשמו בין 10 ל-15 אלף.",
     [("בין 10 ל-15 אלף", N, 10000, 15000, "count", "range", N)]),
    ("he_mi_ad", "he", "העונש הוא מ-7 עד 10 שנים.",
     [("מ-7 עד 10 שנים", N, 7, 10, "duration", "range", "year")]),
    # --- durations and ages ----------------------------------------------------------------
    ("ar_age_aaman", "ar", "وزير الخارجية البالغ من العمر 47 عامًا.",
     [("47 عامًا", 47, N, N, "duration", "exact", "year")]),
    ("ar_at_least_years", "ar", "منذ إقامة العلاقات قبل أكثر من 30 عامًا.",
     [("أكثر من 30 عامًا", 30, N, N, "duration", "at_least", "year")]),
    ("ar_days", "ar", "استمر الحصار 12 يوما.",
     [("12 يوما", 12, N, N, "duration", "exact", "day")]),
    ("ar_months", "ar", "بعد 6 أشهر من المفاوضات.",
     [("6 أشهر", 6, N, N, "duration", "exact", "month")]),
    ("ar_hours", "ar", "انقطعت الكهرباء 8 ساعات.",
     [("8 ساعات", 8, N, N, "duration", "exact", "hour")]),
    ("he_years", "he", "הוא כיהן 12 שנים בתפקיד.",
     [("12 שנים", 12, N, N, "duration", "exact", "year")]),
    ("he_weeks", "he", "המבצע נמשך 3 שבועות.",
     [("3 שבועות", 3, N, N, "duration", "exact", "week")]),
    ("he_age_ben", "he", "השר, בן 47, נבחר השנה.",
     [("47", 47, N, N, "duration", "exact", "year")]),
    ("en_year_old", "en", "The 47-year-old minister resigned.",
     [("47-year-old", 47, N, N, "duration", "exact", "year")]),
    ("en_hours", "en", "The talks lasted 14 hours.",
     [("14 hours", 14, N, N, "duration", "exact", "hour")]),
    # --- counts and the counted noun ------------------------------------------------------
    ("ar_rate_weekly", "ar", "توجد 20 رحلة جوية أسبوعيًا في 2025.",
     [("20 رحلة جوية أسبوعيًا", 20, N, N, "count", "exact", "رحلة")]),
    ("ar_count_agreements", "ar", "منها 20 اتفاقية أخرى تتم دراستها.",
     [("20 اتفاقية", 20, N, N, "count", "exact", "اتفاقية")]),
    ("en_plural_noun_after_adjective", "en", "Last year 20 Israeli tourists visited.",
     [("20 Israeli tourists", 20, N, N, "count", "exact", "tourist")]),
    ("en_per_day_rate", "en", "The clinic performs 15 surgeries a day.",
     [("15 surgeries a day", 15, N, N, "count", "exact", "surgery")]),
    # --- not claims: dates, years, ordinals, names, labels, times, phones -----------------
    ("ar_date_day_month_year", "ar", "في مؤتمر صحفي في باكو، 30 مايو 2023.", []),
    ("ar_date_day_month", "ar", "حتى بعد هجمات 7 أكتوبر زار مواطنون السفارة.", []),
    ("ar_date_levantine_month", "ar", "ففي 8 أكتوبر/ تشرين الأول 2023، بدأت الحرب.", []),
    ("ar_year_after_aam", "ar", "كانت زيارة نتنياهو إلى أذربيجان في عام 2016 مفيدة.", []),
    ("ar_year_in_name", "ar", "على حدود ما قبل حرب 1967.", []),
    ("ar_year_range_between", "ar", "بين عامي 2024 و2025 تغير الوضع.", []),
    ("ar_glued_year_range", "ar", "في 20162020 تغير الوضع.", []),
    ("ar_ordinal_words", "ar", "للاحتفال بإستقلال إسرائيل الخامس والسبعين للمرة الثانية.", []),
    ("ar_one_of", "ar", "إسرائيل هي واحدة من كبار موردي الأسلحة.", []),
    ("ar_monday_ithnayn", "ar", "أعلن الوزير، الاثنين، أن الحكومة توافق.", []),
    ("ar_resolution_label", "ar", "وفق القرار 242 والمادة 5 من الاتفاق.", []),
    ("ar_weapon_names", "ar", "اشترت طائرات إف-35 وتحدثت عن كوفيد-19.", []),
    ("ar_time_of_day", "ar", "بدأ الاجتماع الساعة 10 صباحا.", []),
    ("ar_definite_ordinal_digits", "ar", "في الذكرى الـ75 للاستقلال.", []),
    ("he_date_hebrew_month", "he", "ב-7 באוקטובר 2023 פרצה המלחמה.", []),
    ("he_year_bishnat", "he", "בשנת 2020 נחתם ההסכם.", []),
    ("he_ordinal_second", "he", "במלחמת קרבאך השנייה ניצחה אזרבייג'ן.", []),
    ("he_each_other", "he", "אנחנו מבינים אחד את השני.", []),
    ("he_one_of", "he", "אחד מהאירועים שהשפיעו עמוקות.", []),
    ("he_years_many", "he", "באזרבייג'ן דתות שונות גרות יחד במשך שנים רבות.", []),
    ("he_knesset_ordinal", "he", "הכנסת ה-25 התכנסה.", []),
    ("he_labels", "he", "לפי סעיף 5, עמוד 12 וערוץ 12.", []),
    ("he_phone_and_clock", "he", "התקשרו 03-1234567 בשעה 10:30.", []),
    ("en_date_and_year", "en", "On 30 May 2023 the talks ended.", []),
    ("en_month_first_date", "en", "The deal was signed on May 30, 2020.", []),
    ("en_names_with_numbers", "en", "The Second Karabakh War, F-35 jets, COVID-19 and Resolution 242.", []),
    ("en_ordinals_digits", "en", "The 2nd meeting of the 21st century.", []),
    ("en_page_section", "en", "See page 5, section 3 of the report.", []),
    ("en_clock_time", "en", "The meeting starts at 10:30 or at 9 pm.", []),
    ("en_phone", "en", "Call +972 3 1234567 for details.", []),
    ("en_year_range_period", "en", "In 2016-2020 relations improved.", []),
    ("en_iso_date", "en", "Published 2023-05-30 by the ministry.", []),
    ("en_list_marker", "en", "1. The first point is clear.", []),
    ("en_model_name", "en", "He flew a Boeing 737 to Baku.", []),
    ("en_date_range_after_month", "en", "Delegates attended the May 10-12 summit.", []),
    ("ar_date_range_before_month", "ar", "خلال الفترة من 10 إلى 12 مايو.", []),
    ("en_clock_am", "en", "At 3 a.m. the sirens sounded.", []),
    ("en_time_zone_after_digits", "en", "Brent fell 4% by 1100 GMT and trading resumed at 1400 UTC.",
     [("4%", 4, N, N, "percent", "exact", "percent")]),
    ("en_the_two_is_a_reference", "en", "The two leaders met in Baku.", []),
    ("en_bare_scale_words", "en", "Millions, thousands, a million: the numbers blur.", []),
    ("ar_bare_scale_words", "ar", "قالوا: مليون، ألف، مليار.", []),
    ("en_age_between_commas", "en", "Benjamin Netanyahu, 74, said the talks went well.",
     [("74", 74, N, N, "duration", "exact", "year")]),
    ("en_year_like_count", "en", "Some 2000 soldiers crossed the border.",
     [("Some 2000 soldiers", 2000, N, N, "count", "approx", "soldier")]),
    ("ar_year_like_count_at_clause_start", "ar", "قتل في المعارك. 2000 جندي سقطوا.",
     [("2000 جندي", 2000, N, N, "count", "exact", "جندي")]),
    ("en_glued_m_is_million_before_noun", "en", "About 1.5m people were displaced.",
     [("About 1.5m people", 1500000, N, N, "count", "approx", "person")]),
    ("en_glued_k", "en", "The storm destroyed 50k homes.",
     [("50k homes", 50000, N, N, "count", "exact", "home")]),
    ("en_glued_m_is_metres", "en", "He won the 100m sprint and is 1.8m tall.", []),
    ("en_vote_tally_not_range", "en", "The vote passed 61 to 59.", []),
    ("en_first_quarter_not_share", "en", "Growth slowed in the first quarter of the year.", []),
    ("ar_weapon_letters", "ar", "تسلمت طائرات إف 16 وصواريخ إس 400.", []),
    ("he_kaf_million_and_half", "he", "כמיליון וחצי איש ביקרו בעיר.",
     [("כמיליון וחצי איש", 1500000, N, N, "count", "approx", "איש")]),
    ("ar_quarter_hour", "ar", "انتظرنا ربع ساعة.",
     [("ربع ساعة", 0.25, N, N, "duration", "exact", "hour")]),
    ("he_decade", "he", "בשנות ה-90 הגיעו לישראל עולים רבים.", []),
    ("ar_compound_scales_with_wa", "ar", "بلغت الصادرات مليار و200 مليون دولار.",
     [("مليار و200 مليون دولار", 1200000000, N, N, "currency", "exact", "USD")]),
    ("ar_ma_bayn_range_scale", "ar", "وفرت ما بين 10 و15 ألف وظيفة.",
     [("ما بين 10 و15 ألف وظيفة", N, 10000, 15000, "count", "range", "وظيفة")]),
    ("he_range_mi_le_currency", "he", "המחיר עלה מ-10 ל-15 שקלים.",
     [("מ-10 ל-15 שקלים", N, 10, 15, "currency", "range", "ILS")]),
    ("ar_prefixed_scale_word", "ar", "تقدر قيمة الصفقة بمليار دولار.",
     [("بمليار دولار", 1000000000, N, N, "currency", "exact", "USD")]),
    ("en_lone_one_is_dropped", "en", "A 2019 report found 1 in 5 children live in poverty.",
     [("5 children", 5, N, N, "count", "exact", "child")]),
    ("en_percent_change_and_level", "en", "Trade rose about 50% to more than $360 million last year.",
     [("about 50%", 50, N, N, "percent", "approx", "percent"),
      ("more than $360 million", 360000000, N, N, "currency", "at_least", "USD")]),
]


@pytest.mark.parametrize("name,language,text,expected", CASES, ids=[c[0] for c in CASES])
def test_numeric_claims(name, language, text, expected):
    got = find_numeric_claims(text, language)
    for c in got:
        assert 0 <= c.start < c.end <= len(text) and text[c.start:c.end] == c.text
    assert [c.text for c in got] == [e[0] for e in expected]
    for c, (span, value, low, high, kind, qualifier, unit) in zip(got, expected):
        assert c.value == D(value), span
        assert (c.low, c.high) == (D(low), D(high)), span
        assert c.kind == kind, span
        assert c.qualifier == qualifier, span
        if unit is not ANY:
            assert c.unit == unit, span
        assert c.value is None or isinstance(c.value, Decimal)


def test_period_from_glued_year_range():
    text = "قدمت إسرائيل 69٪ من واردات باكو الرئيسية من الأسلحة في 20162020."
    (claim,) = find_numeric_claims(text, "ar")
    assert (claim.period_start, claim.period_end) == (2016, 2020)
    assert claim.metric == "واردات باكو الرئيسية من الأسلحة"


def test_period_from_between_years():
    text = "ارتفع حجم التبادل التجاري بنحو 50 بالمئة بين عامي 2024 و2025."
    (claim,) = find_numeric_claims(text, "ar")
    assert (claim.period_start, claim.period_end) == (2024, 2025)


def test_period_from_fi_aam():
    text = "وقعت الحكومة 20 اتفاقية في عام 2016."
    (claim,) = find_numeric_claims(text, "ar")
    assert (claim.period_start, claim.period_end) == (2016, 2016)


def test_period_from_english_range():
    text = "Israel supplied 69% of Baku's major arms imports in 2016-2020."
    (claim,) = find_numeric_claims(text, "en")
    assert (claim.period_start, claim.period_end) == (2016, 2020)


def test_metric_is_the_counted_noun():
    (claim,) = find_numeric_claims("زار 60 ألف سائح إسرائيلي هذا البلد.", "ar")
    assert claim.metric.startswith("سائح")


def test_case_table_is_large_enough():
    assert len(CASES) >= 110
