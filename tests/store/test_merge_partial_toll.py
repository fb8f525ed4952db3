"""A report whose only toll counts part of the victims ("two police officers were killed")
is a lower bound of another outlet's whole toll (codebook 5: it "does not conflict with a
full toll"). The extractor marks it `toll_of_a_part`; the merge score weighs no toll
difference for it, and the merged record keeps the whole toll, undisputed. Issue 12,
merging, session 10. Hand-written reports."""

from __future__ import annotations

from incidentwatch.extract import extract_article
from incidentwatch.records import Actor, Article, Count, Country, Evidence, Incident, Location
from incidentwatch.resolve.merge import (
    TOLL_OF_A_PART,
    Report,
    merge_reports,
    pair_features,
    same_incident,
    toll_of_a_part,
)
from incidentwatch.resolve.rules import load_rules

ERBIL = (36.1912, 44.0092)
DAY = "2016-05-13"


def report(text: str, toll: int, *, aid: str, part: bool = False) -> Incident:
    start = text.index(str(toll)) if str(toll) in text else 0
    ev = [
        Evidence(field="event_type", article_id=aid, start=0, end=5, text=text[:5]),
        Evidence(field="fatalities", article_id=aid, start=start, end=start + 2, text="xx"),
    ]
    inc = Incident(
        event_date=DAY,
        date_precision=1,
        event_type="Violence against civilians",
        sub_event_type="Attack",
        actor1=Actor(name="Islamic State (Iraq)"),
        country=Country(code="IQ", name="Iraq"),
        admin1="Erbil",
        location=Location(name="Erbil", latitude=ERBIL[0], longitude=ERBIL[1]),
        geo_precision=1,
        fatalities=Count(best=toll),
        summary=text,
        evidence=ev,
    )
    if part:
        setattr(inc, TOLL_OF_A_PART, True)
    return inc


PART = "Gunmen stormed a hotel in Erbil on Friday; 2 policemen guarding it were shot dead."
WHOLE = "Militants who seized an Erbil hotel on Friday killed 19 guests and staff, officials said."


def test_a_count_of_part_of_the_victims_is_no_toll_difference() -> None:
    rules = load_rules()
    whole = report(WHOLE, 19, aid="w1")
    marked = report(PART, 2, aid="p1", part=True)
    plain = report(PART, 2, aid="p1")
    f_marked = pair_features(marked, whole, rules, a_published=DAY, b_published=DAY)
    f_plain = pair_features(plain, whole, rules, a_published=DAY, b_published=DAY)
    assert "toll_relative_difference" in f_plain
    assert not f_marked.keys() & {"toll_relative_difference", "toll_one_side_only", "same_toll"}
    assert same_incident(marked, whole).score > same_incident(plain, whole).score


def test_a_part_larger_than_the_other_toll_still_differs() -> None:
    # "19 policemen" against another outlet's 2 dead in all: no lower bound of it.
    rules = load_rules()
    part = report(PART.replace("2 policemen", "19 policemen"), 19, aid="p1", part=True)
    small = report(WHOLE.replace("19 guests", "2 guests"), 2, aid="w1")
    assert "toll_relative_difference" in pair_features(part, small, rules)


def test_the_merged_record_keeps_the_whole_toll_undisputed() -> None:
    first = Report("p1", 0, report(PART, 2, aid="p1", part=True), published_at=DAY)
    later = Report("w1", 0, report(WHOLE, 19, aid="w1"), published_at="2016-05-14")
    merged = merge_reports([first, later])
    assert merged.fatalities.best == 19
    assert merged.claim_status != "disputed"
    # Without the mark the two figures disagree: the smallest, disputed (codebook 5).
    plain = Report("p1", 0, report(PART, 2, aid="p1"), published_at=DAY)
    assert merge_reports([plain, later]).fatalities.best == 2


def _tolls(text: str) -> list[tuple[int | None, bool]]:
    art = Article(article_id="t1", text=text, published_at="2016-05-14")
    return [(i.fatalities.best, toll_of_a_part(i)) for i in extract_article(art)]


def test_the_extractor_marks_a_toll_of_police_officers_only() -> None:
    got = _tolls(
        "ERBIL, Iraq - Gunmen stormed a hotel in the Iraqi city of Erbil on Friday and took "
        "dozens of guests hostage, security officials said. Two police officers guarding "
        "the entrance were killed in the first exchange of fire."
    )
    assert got == [(2, True)]


def test_the_extractor_leaves_a_whole_toll_unmarked() -> None:
    got = _tolls(
        "ERBIL, Iraq - Gunmen stormed a hotel in the Iraqi city of Erbil on Friday, killing "
        "19 people, security officials said."
    )
    assert got == [(19, False)]
