"""GTD target and weapon types of Arabic records (issue 16), on Arabic written for these
tests: the words of data/extract/ar/types.toml mapped to the codebook values the English
pack uses, in its priority order, each value with its evidence."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from incidentwatch.extract.lang.ar.lexicon import _typed_tables, lexicon
from incidentwatch.extract.pipeline import Extractor
from incidentwatch.extract.resources import load_knowledge
from incidentwatch.records import Article, Incident


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def one(ex: Extractor, text: str) -> Incident:
    incs = ex.extract(Article(article_id="t", text=text, published_at="2024-07-14"))
    assert len(incs) == 1, [i.summary for i in incs]
    return incs[0]


def cited(inc: Incident, field: str) -> list[str]:
    return [e.text or "" for e in inc.evidence if e.field == field]


@pytest.mark.parametrize(
    ("text", "target", "words"),
    [
        # What was hit, not where it stood: the worshippers' mosque...
        (
            "انفجرت سيارة مفخخة أمام مسجد في حي الجهاد ببغداد عقب صلاة الجمعة اليوم ما أدى "
            "إلى مقتل ستة أشخاص.",
            "Religious Figures/Institutions",
            "مسجد",
        ),
        # ... the army checkpoint the gunmen stormed ...
        (
            "هاجم مسلحون نقطة تفتيش للجيش في قضاء الحويجة اليوم الأحد وقتلوا جنديين.",
            "Military",
            "نقطة تفتيش",
        ),
        # ... a judge shot dead (Government (General), as English "judge") ...
        (
            "اغتال مسلحون مجهولون قاضيا في مدينة كركوك مساء اليوم الأحد بأسلحة كاتمة للصوت.",
            "Government (General)",
            "قاضيا",
        ),
        # ... a café in Baqubah: Business.
        (
            "قتل تسعة أشخاص بانفجار عبوة ناسفة داخل مقهى شعبي في بعقوبة مساء اليوم الأحد.",
            "Business",
            "مقهى",
        ),
    ],
)
def test_the_target_is_what_the_words_say_was_hit(
    extractor: Extractor, text: str, target: str, words: str
) -> None:
    inc = one(extractor, text)
    assert inc.target_type == target
    assert cited(inc, "target_type") == [words]


def test_the_police_who_gave_the_toll_are_no_target(extractor: Extractor) -> None:
    # "A police source said" names who told the news; the people killed at the market
    # are what the bomb hit.
    inc = one(
        extractor,
        "قال مصدر في الشرطة إن عبوة ناسفة انفجرت في سوق شعبي بمدينة الحلة اليوم الأحد "
        "ما أسفر عن مقتل أربعة أشخاص.",
    )
    assert inc.target_type == "Private Citizens & Property"
    assert cited(inc, "target_type") == ["أشخاص"]


def test_a_quarter_named_after_the_police_is_a_place(extractor: Extractor) -> None:
    # "حي الشرطة" is a Baghdad quarter: the two civilians it names are the target.
    inc = one(
        extractor,
        "قتل مدنيان بانفجار عبوة ناسفة في حي الشرطة جنوبي بغداد صباح اليوم الأحد.",
    )
    assert inc.target_type == "Private Citizens & Property"


def test_every_weapon_the_incident_names_is_listed_with_its_words(extractor: Extractor) -> None:
    inc = one(
        extractor,
        "فجر انتحاري حزاما ناسفا وسط تجمع للشرطة في الرمادي اليوم الأحد ثم أطلق مسلحون "
        "النار على الجرحى ما أسفر عن مقتل سبعة من عناصر الشرطة.",
    )
    assert inc.target_type == "Police"
    assert set(inc.weapon_types) == {"Explosives", "Firearms"}
    assert len(cited(inc, "weapon_types")) == 2


def test_an_attack_that_names_no_target_or_weapon_is_unknown(extractor: Extractor) -> None:
    # GTD's "Unknown", as the English pack writes it; nothing invented.
    inc = one(extractor, "قتل اثنان في هجوم وقع في قضاء الخالص مساء اليوم الأحد.")
    assert inc.weapon_types == ["Unknown"]
    assert cited(inc, "weapon_types") == []


def test_protests_have_no_target_and_no_weapon(extractor: Extractor) -> None:
    inc = one(
        extractor,
        "خرج مئات المتظاهرين في تظاهرة سلمية وسط مدينة البصرة اليوم الأحد للمطالبة بتحسين الخدمات.",
    )
    assert inc.event_type == "Protests"
    assert inc.target_type is None and inc.weapon_types == []


def test_one_vocabulary_and_one_priority_for_both_packs() -> None:
    en = load_knowledge("en")
    lex = lexicon()
    order = [t for t, _ in en.targets]
    assert [t for t, _ in lex.targets] == [t for t in order if t in dict(lex.targets)]
    assert {w for w, _ in lex.weapons} <= {w for w, _ in en.weapons}
    shipped = tomllib.loads(
        resources.files("incidentwatch.data").joinpath("extract/ar/types.toml").read_text("utf-8")
    )
    assert set(shipped["targets"]) <= set(order)
    # A type the English table lacks is refused, not read as a second list.
    with pytest.raises(ValueError, match=r"not in en/types\.toml"):
        _typed_tables([("Shops", ["محل"])], order, "target")
