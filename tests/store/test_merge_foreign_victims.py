"""Foreign victims named by their nationality (codebook 5a: `Civilians (<their country>)`)
are no actor conflict: one outlet names the Germans among the dead of a bombing in
Istanbul, another the Russians. Generic groups labelled by their own event's country
still conflict. Issue 12, merging, session 9. Hand-written reports."""

from __future__ import annotations

from incidentwatch.records import Actor, Count, Country, Evidence, Incident, Location
from incidentwatch.resolve.merge import actors_conflict, same_incident
from incidentwatch.resolve.rules import load_rules

DAY = "2016-03-06"


def report(victims: str, *, country: str = "Turkey", code: str = "TR") -> Incident:
    text = f"A suicide bomber killed 9 people in the old square; {victims} among the dead."
    cue = Evidence(field="event_type", article_id="a", start=0, end=5, text=text[:5])
    return Incident(
        event_date=DAY,
        date_precision=1,
        event_type="Explosions/Remote violence",
        sub_event_type="Suicide bomb",
        actor1=Actor(name=f"Unidentified Armed Group ({country})"),
        actor2=Actor(name=f"Civilians ({victims})"),
        country=Country(code=code, name=country),
        location=Location(name="Istanbul", latitude=41.0138, longitude=28.9497),
        geo_precision=1,
        fatalities=Count(best=9),
        summary=text,
        evidence=[cue, Evidence(field="fatalities", article_id="a", start=20, end=26, text="9")],
    )


def test_two_outlets_naming_other_foreign_victims_do_not_conflict() -> None:
    rules = load_rules()
    germans, russians = report("Germany"), report("Russia")
    assert not actors_conflict(germans, russians, rules)
    assert same_incident(germans, russians, a_published=DAY, b_published=DAY).same
    # Local victims against foreign ones still conflict (measured: letting them pass
    # cost the synthetic merge set precision).
    assert actors_conflict(report("Turkey"), germans, rules)


def test_groups_of_their_own_events_countries_still_conflict() -> None:
    # Civilians of Turkey in a Turkish report and of Syria in a Syrian one: two events.
    turkish = report("Turkey")
    syrian = report("Syria", country="Syria", code="SY")
    assert actors_conflict(turkish, syrian, load_rules())
