"""The Arabic language pack on Arabic text written for these tests (no devdata text)."""

from __future__ import annotations

import pytest

from incidentwatch.extract.lang.ar.extractor import ArabicExtractor
from incidentwatch.extract.lang.ar.lexicon import lexicon
from incidentwatch.extract.lang.ar.text import normalise, sentences, tokenize
from incidentwatch.extract.lang.detect import detect_language
from incidentwatch.extract.pipeline import Extractor
from incidentwatch.records import Article, Incident


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def run(ex: Extractor, text: str, published_at: str = "2024-04-09") -> list[Incident]:
    return ex.extract(Article(article_id="ar1", text=text, published_at=published_at))


def figures(ex: Extractor, sentence: str) -> tuple[int | None, int | None]:
    ar: ArabicExtractor = ex.arabic
    killed, wounded, _span = ar._figures(tokenize(sentence, *ar.lex.prefixes))
    return (killed.best if killed else None, wounded.best if wounded else None)


def test_language_detection() -> None:
    assert detect_language("قتل ثلاثة أشخاص بانفجار عبوة ناسفة في بعقوبة") == "ar"
    # An English story quoting an Arabic name stays English.
    assert detect_language("Gunmen of the group known as داعش attacked a checkpoint.") == "en"
    assert detect_language("") == "en"


def test_normalising_folds_spellings_but_offsets_stay_in_the_original() -> None:
    assert normalise("إصابة") == normalise("اصابه")
    assert normalise("مُسَلَّحــين") == "مسلحين"
    assert normalise("مستشفى") == normalise("مستشفي")
    assert normalise("١٢") == "12"
    text = "وأُصيبَ ١٢ شخصاً بجروح"
    for tok in tokenize(text, ("و", "ف"), ("ب", "ل", "ك"), ("ال",)):
        assert text[tok.start : tok.end] == tok.text
    [wounded] = [t for t in tokenize(text, ("و",), ("ب",), ("ال",)) if "اصيب" in t.keys]
    assert wounded.text == "وأُصيبَ"


def test_prefixes_are_stripped_for_matching() -> None:
    [tok] = tokenize("وبالموصل", ("و", "ف"), ("ب", "ل", "ك"), ("ال",))
    assert {"بالموصل", "الموصل", "موصل"} <= tok.keys
    # A preposition contracted onto the article is read from the pack's data (words.toml
    # `prefix-contracted`), not built in: without it, "للشرطة" keeps only its ل-less form.
    [tok] = tokenize("للشرطة", ("و", "ف"), ("ب", "ل", "ك"), ("ال",), ("لل",))
    assert {"الشرطه", "شرطه"} <= tok.keys
    [tok] = tokenize("للشرطة", ("و", "ف"), ("ب", "ل", "ك"), ("ال",))
    assert "الشرطه" not in tok.keys
    [tok] = tokenize("للشرطة", *lexicon().prefixes)
    assert "الشرطه" in tok.keys


def test_sentences_do_not_break_decimals() -> None:
    assert len(sentences("انفجرت العبوة عند الساعة 8.30 صباحا. وقتل شخص")) == 2


def test_number_words_duals_and_qualifiers(extractor: Extractor) -> None:
    assert figures(extractor, "أسفر الهجوم عن مقتل جنديين وإصابة ثلاثة آخرين") == (2, 3)
    assert figures(extractor, "وقتل شرطيان في الهجوم") == (2, None)
    assert figures(extractor, "قتل خمسة وعشرون شخصا") == (25, None)
    assert figures(extractor, "لقي ١٤ شخصاً على الأقل مصرعهم") == (14, None)
    assert figures(extractor, "مقتل ما لا يقل عن سبعة مدنيين") == (7, None)
    assert figures(extractor, "وأصيب عشرات المارة بجروح") == (None, 10)
    assert figures(extractor, "ارتفعت الحصيلة إلى 31 قتيلا") == (31, None)


def test_killed_and_wounded_together_give_no_split_figure(extractor: Extractor) -> None:
    assert figures(extractor, "أسفر التفجير عن مقتل وإصابة 20 شخصا") == (None, None)
    assert figures(extractor, "سقط 12 شخصا بين قتيل وجريح") == (None, None)


def test_victims_named_together_add_up(extractor: Extractor) -> None:
    assert figures(extractor, "مقتل ثلاثة من عناصر الشرطة ومدنيين اثنين") == (5, None)


def test_at_least_sets_the_low_bound(extractor: Extractor) -> None:
    ar = extractor.arabic
    k, _w, _s = ar._figures(tokenize("قتل تسعة أشخاص على الأقل", *ar.lex.prefixes))
    assert k is not None and (k.best, k.low, k.high) == (9, 9, None)


TEXT_IED = (
    "بغداد - قتل ثلاثة أشخاص وأصيب سبعة آخرون بانفجار عبوة ناسفة في سوق شعبي "
    "بمدينة بعقوبة مركز محافظة ديالى صباح اليوم الثلاثاء، بحسب مصدر في الشرطة. "
    "وقال المصدر إن العبوة كانت مزروعة على جانب الطريق."
)


def test_an_arabic_report_becomes_a_record_with_arabic_evidence(extractor: Extractor) -> None:
    [inc] = run(extractor, TEXT_IED, "2024-04-09")  # a Tuesday
    assert inc.sub_event_type == "Remote explosive/landmine/IED"
    assert inc.fatalities.best == 3 and inc.injuries.best == 7
    assert inc.event_date == "2024-04-09" and inc.date_precision == 1
    assert inc.admin1 == "Diyala"
    assert inc.location is not None and inc.location.name == "Baqubah"
    # No perpetrator named: codebook 4's unidentified armed group, evidenced by the act.
    assert inc.actor1 is not None and inc.actor1.name == "Unidentified Armed Group (Iraq)"
    fields = {e.field for e in inc.evidence}
    assert {"event", "fatalities", "injuries", "event_date", "location", "admin1"} <= fields
    for e in inc.evidence:
        assert TEXT_IED[e.start : e.end] == e.text  # slices back to the Arabic words


def test_weekdays_yesterday_and_month_names(extractor: Extractor) -> None:
    text = "قتل جندي برصاص قناص في مدينة الرمادي أمس الأحد."
    [inc] = run(extractor, text, "2024-04-08")  # a Monday
    assert inc.event_date == "2024-04-07"
    text = "قتل مدنيان بقصف بقذائف الهاون على قضاء طوزخورماتو في 4 نيسان / أبريل 2024."
    [inc] = run(extractor, text, "2024-04-06")
    assert inc.event_date == "2024-04-04"
    assert inc.sub_event_type == "Shelling/artillery/missile attack"


def test_actors_resolve_to_the_english_canonical_names(extractor: Extractor) -> None:
    text = (
        "أعلن تنظيم داعش مسؤوليته عن هجوم انتحاري بسيارة مفخخة استهدف نقطة تفتيش للجيش "
        "العراقي في قضاء سامراء اليوم الأربعاء، ما أسفر عن مقتل أربعة جنود."
    )
    [inc] = run(extractor, text, "2024-04-10")
    assert inc.sub_event_type == "Suicide bomb"
    assert inc.actor1 is not None and inc.actor1.name == "Islamic State (Iraq)"
    assert inc.actor2 is not None and inc.actor2.name == "Military Forces of Iraq"
    assert inc.claim_status == "claimed"
    # Four soldiers and the attacker who drove the car bomb (codebook 5).
    assert inc.fatalities.best == 5 and inc.perpetrator_fatalities.best == 1


def test_statistics_and_threats_are_not_incidents(extractor: Extractor) -> None:
    text = (
        "قالت بعثة الأمم المتحدة إن 250 مدنيا قتلوا في العراق خلال شهر آذار الماضي. "
        "وحذر وزير الداخلية من هجمات انتحارية جديدة في العاصمة."
    )
    assert run(extractor, text, "2024-04-02") == []


def test_mixed_feed_routes_each_article_to_its_pack(extractor: Extractor) -> None:
    english = Article(
        article_id="en1",
        text="A roadside bomb killed two soldiers near Baqubah on Tuesday, police said.",
        published_at="2024-04-09",
    )
    arabic = Article(article_id="ar1", text=TEXT_IED, published_at="2024-04-09")
    out = dict((a.article_id, incs) for a, incs in extractor.extract_many([english, arabic]))
    assert out["en1"][0].fatalities.best == 2
    assert out["ar1"][0].fatalities.best == 3
    assert out["en1"][0].admin1 == out["ar1"][0].admin1 == "Diyala"


def test_a_toll_update_replaces_the_first_toll(extractor: Extractor) -> None:
    text = (
        "قتل عشرون شخصا بانفجار سيارة مفخخة في سوق مدينة الحلة اليوم الجمعة. "
        "وفي وقت لاحق، ارتفعت حصيلة ضحايا التفجير إلى 26 قتيلا بعد وفاة عدد من الجرحى."
    )
    [inc] = run(extractor, text, "2024-04-12")
    assert inc.fatalities.best == 26
    [ev] = [e for e in inc.evidence if e.field == "fatalities"]
    assert ev.text == "26 قتيلا"


def _spans(inc: Incident, field: str) -> list[str]:
    return [e.text for e in inc.evidence if e.field == field]


def test_a_suicide_attacker_counts_in_the_toll_and_as_a_perpetrator(extractor: Extractor) -> None:
    text = (
        "فجر انتحاري يرتدي سترة ناسفة نفسه وسط مجلس عزاء في قضاء الطوز مساء اليوم "
        "الخميس، ما أدى إلى مقتل سبعة من المعزين وإصابة 15 آخرين."
    )
    [inc] = run(extractor, text, "2024-04-11")
    assert inc.sub_event_type == "Suicide bomb"
    assert (inc.fatalities.best, inc.perpetrator_fatalities.best) == (8, 1)
    assert "انتحاري" in _spans(inc, "perpetrator_fatalities")
    assert "انتحاري" in _spans(inc, "fatalities")  # the added death has its evidence
    # Two attackers: a dual noun, or a number before the noun.
    text = "هاجم انتحاريان مقر الشرطة في تكريت اليوم الأحد ما أسفر عن مقتل خمسة من عناصرها."
    [inc] = run(extractor, text, "2024-04-07")
    assert (inc.fatalities.best, inc.perpetrator_fatalities.best) == (7, 2)
    text = "اقتحم ثلاثة انتحاريين مبنى البلدية في حديثة اليوم وقتل أربعة موظفين."
    [inc] = run(extractor, text, "2024-04-07")
    assert (inc.fatalities.best, inc.perpetrator_fatalities.best) == (7, 3)


def test_a_suicide_attacker_who_lived_or_is_counted_already_is_not_added(
    extractor: Extractor,
) -> None:
    text = (
        "ألقت قوات الأمن القبض على انتحاري يرتدي حزاما ناسفا عند مدخل سوق في كركوك "
        "اليوم الاثنين بعد انفجار قتل فيه شخصان."
    )
    [inc] = run(extractor, text, "2024-04-08")
    assert inc.fatalities.best == 2 and inc.perpetrator_fatalities.best is None
    text = "قتل تسعة أشخاص بينهم الانتحاري في هجوم بحزام ناسف على مطعم في سامراء اليوم الاثنين."
    [inc] = run(extractor, text, "2024-04-08")
    assert (inc.fatalities.best, inc.perpetrator_fatalities.best) == (9, 1)


def test_ordinal_days_before_a_month(extractor: Extractor) -> None:
    text = "قتل جنديان بهجوم مسلح على ثكنة في قضاء حديثة في الرابع من آذار الجاري."
    [inc] = run(extractor, text, "2024-03-09")
    assert inc.event_date == "2024-03-04"
    assert _spans(inc, "event_date") == ["الرابع من آذار"]
    text = "وكان مسلحون قد اغتالوا مختار قرية في الخامس والعشرين من شباط."
    assert run(extractor, text, "2024-03-02") == []  # told as background ("وكان ... قد")
    text = "اغتال مسلحون مختار قرية قرب بعقوبة في الحادي عشر من شباط 2024."
    [inc] = run(extractor, text, "2024-02-14")
    assert inc.event_date == "2024-02-11"
    # "اول امس" is still the day before yesterday, not the first of a month.
    text = "قتل شخص بانفجار عبوة في سامراء اول امس."
    [inc] = run(extractor, text, "2024-02-14")
    assert inc.event_date == "2024-02-12"


def test_one_of_them_dual_verbs_and_more_person_nouns(extractor: Extractor) -> None:
    assert figures(extractor, "أطلق مسلحون النار فقتلوا أحد المارة") == (1, None)
    assert figures(extractor, "ما تسبب بمقتل إحدى المتظاهرات") == (1, None)
    assert figures(extractor, "وقتلت القوات قناصاً على سطح مبنى") == (1, None)
    assert figures(extractor, "شرطيين اثنين قتلا في الهجوم") == (2, None)
    assert figures(extractor, "قتل شقيقان بانفجار عبوة") == (2, None)


def test_a_later_sentence_naming_the_suicide_attacker_joins_the_incident(
    extractor: Extractor,
) -> None:
    # The third sentence has no day of its own: it takes the lede's (Sunday), not the
    # incident's (Saturday), so it starts a group of its own, which tells how it was done.
    text = (
        "أعلنت الشرطة اليوم الأحد حصيلة جديدة في محافظة صلاح الدين. "
        "وقتل ستة من عناصر الشرطة بهجوم على مركز للشرطة في قضاء بيجي أمس السبت. "
        "وقال ضابط إن انتحاريا اقتحم البوابة بشاحنة محملة بالمتفجرات."
    )
    [inc] = run(extractor, text, "2024-04-14")
    assert inc.sub_event_type == "Suicide bomb" and inc.event_date == "2024-04-13"
    assert (inc.fatalities.best, inc.perpetrator_fatalities.best) == (7, 1)
