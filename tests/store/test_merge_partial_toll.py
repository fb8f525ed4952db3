"""A report whose only toll counts part of the victims ("two police officers were killed")
is a lower bound of another outlet's whole toll (codebook 5: it "does not conflict with a
full toll"). The extractor marks it `toll_of_a_part`; the merged record keeps the whole
toll, undisputed, while the merge score weighs the toll as told. Issue 12, merging,
session 10. Hand-written reports."""

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


def test_a_count_of_part_of_the_victims_still_weighs_in_the_score() -> None:
    """The lower bound is a number rule of the merged record. In the score a toll is the
    best evidence against two events of one city and day: one council member shot dead
    (a count of one named victim, marked) is no report of a bombing with 19 dead."""
    rules = load_rules()
    bombing = report(WHOLE, 19, aid="w1")
    shooting = report(
        "Gunmen shot dead 1 council member in Erbil on Friday.", 1, aid="s1", part=True
    )
    f = pair_features(shooting, bombing, rules, a_published=DAY, b_published=DAY)
    assert f["toll_relative_difference"] > 0.9
    plain = report("Gunmen shot dead 1 council member in Erbil on Friday.", 1, aid="s1")
    assert same_incident(shooting, bombing).score == same_incident(plain, bombing).score


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
