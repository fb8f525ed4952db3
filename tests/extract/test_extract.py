"""The extractor on realistic text written for these tests (no devdata text)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from incidentwatch.extract.pipeline import Extractor
from incidentwatch.records import Article, Incident


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def run(extractor: Extractor, text: str, published_at: str | None = None) -> list[Incident]:
    return extractor.extract(Article(article_id="t1", text=text, published_at=published_at))


def assert_tolls(extractor: Extractor, cases: dict[str, int]) -> None:
    """Each text gives exactly one incident with this many killed."""
    for text, toll in cases.items():
        [inc] = run(extractor, text)
        assert inc.fatalities.best == toll, text


def test_number_words_and_at_least(extractor: Extractor) -> None:
    text = (
        "At least eleven soldiers were killed and twenty-one others wounded when militants "
        "stormed an army outpost near Tuz Khurmatu on Tuesday, police said."
    )
    [inc] = run(extractor, text, "2023-03-08")
    assert inc.fatalities.best == 11 and inc.fatalities.low == 11 and inc.fatalities.high is None
    assert inc.injuries.best == 21


def test_ranges_and_up_to(extractor: Extractor) -> None:
    text = (
        "A car bomb tore through a busy vegetable market in Kirkuk on Friday, killing up to 14 "
        "people and wounding between 30 and 40 others."
    )
    [inc] = run(extractor, text, "2023-03-11")
    assert (inc.fatalities.best, inc.fatalities.low, inc.fatalities.high) == (14, None, 14)
    assert (inc.injuries.best, inc.injuries.low, inc.injuries.high) == (30, 30, 40)
    assert inc.sub_event_type == "Remote explosive/landmine/IED"
    assert inc.attack_type == "Bombing/Explosion"
    assert "Explosives" in inc.weapon_types


def test_vague_quantities_follow_the_codebook(extractor: Extractor) -> None:
    text = "Dozens of protesters were injured when police fired tear gas in Basra on Monday."
    [inc] = run(extractor, text, "2023-07-05")
    assert inc.injuries.best == 12 and inc.injuries.low == 12 and inc.injuries.high is None


def test_relative_dates_resolve_against_publication(extractor: Extractor) -> None:
    # 10 May 2023 was a Wednesday.
    text = "On Sunday morning, gunmen killed two shepherds in a village outside Muqdadiyah."
    [inc] = run(extractor, text, "2023-05-10")
    assert inc.event_date == "2023-05-07" and inc.date_precision == 1
    text2 = "Three policemen were wounded yesterday when a roadside bomb struck their patrol."
    [inc2] = run(extractor, text2, "2023-05-10")
    assert inc2.event_date == "2023-05-09"
    assert inc2.sub_event_type == "Remote explosive/landmine/IED"


def test_no_publication_date_means_no_event_date(extractor: Extractor) -> None:
    [inc] = run(extractor, "On Sunday, gunmen killed a farmer near Khanaqin.")
    assert inc.event_date is None and inc.date_precision is None


def test_alias_resolution_and_roles(extractor: Extractor) -> None:
    text = (
        "Daesh remnants attacked a checkpoint of the Hashd al-Shaabi in the Iraqi province "
        "of Kirkuk late on Saturday, killing two fighters."
    )
    [inc] = run(extractor, text, "2023-04-17")
    assert inc.actor1 is not None and inc.actor1.name == "Islamic State (Iraq)"
    assert inc.actor1.mention == "Daesh remnants"
    assert inc.actor2 is not None and inc.actor2.name == "Popular Mobilization Forces"
    assert inc.event_type == "Battles" and inc.sub_event_type == "Armed clash"


def test_background_is_rejected(extractor: Extractor) -> None:
    text = (
        "Officials say ISIS has escalated its attacks across several provinces this spring.\n"
        "In 2017, Iraq declared victory over ISIS after a three-year war.\n"
        "About 1.2 million people remain displaced across the country.\n"
        "The governor called for firm measures against terrorist attacks.\n"
        "Security experts warned that the group could attack again during Ramadan."
    )
    assert run(extractor, text, "2023-04-02") == []


def test_two_attacks_one_total_is_split(extractor: Extractor) -> None:
    text = (
        "Located east of the provincial capital, the town of Jalawla in Diyala was attacked "
        "twice by ISIS, killing five and wounding four others."
    )
    incs = run(extractor, text)
    assert len(incs) == 2
    assert [i.fatalities.best for i in incs] == [3, 2]
    assert [i.injuries.best for i in incs] == [2, 2]
    assert len({i.incident_id for i in incs}) == 2
    # The undivided total stays in the evidence.
    for inc in incs:
        fat = [e.text for e in inc.evidence if e.field == "fatalities"]
        assert any(t and "five" in t for t in fat)


def test_same_incident_told_twice_is_one(extractor: Extractor) -> None:
    text = (
        "Gunmen opened fire on a police patrol in Baiji on Thursday, killing three "
        "policemen, a local official said.\n"
        "The official said the attackers fled after the attack on the patrol in Baiji."
    )
    incs = run(extractor, text, "2023-06-02")
    assert len(incs) == 1
    assert incs[0].fatalities.best == 3


def test_evidence_offsets_slice_back(extractor: Extractor) -> None:
    text = (
        "Turkish warplanes struck a village near Amadiya on Wednesday, killing four "
        "members of the PKK, the ministry said."
    )
    [inc] = run(extractor, text, "2023-08-03")
    assert inc.sub_event_type == "Air/drone strike"
    assert inc.actor1 is not None and inc.actor1.name == "Military Forces of Turkey"
    fields = {e.field for e in inc.evidence}
    for needed in ("event", "event_type", "event_date", "fatalities", "actor1", "summary"):
        assert needed in fields
    for e in inc.evidence:
        assert text[e.start : e.end] == e.text
    assert any("four" in (e.text or "") for e in inc.evidence if e.field == "fatalities")
    assert any("Wednesday" in (e.text or "") for e in inc.evidence if e.field == "event_date")


def test_protest_actor_named_by_country(extractor: Extractor) -> None:
    text = (
        "Hundreds of protesters gathered outside the provincial council in Nasiriyah on "
        "Sunday to demand jobs and electricity; police dispersed them with tear gas."
    )
    [inc] = run(extractor, text, "2023-07-18")
    assert inc.event_type == "Protests"
    assert inc.sub_event_type == "Protest with intervention"
    assert inc.attack_type is None and inc.target_type is None


def write(path: Path, lines: list[bytes]) -> Path:
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def test_cli_skips_bad_lines_and_finishes(tmp_path: Path) -> None:
    good = {
        "article_id": "ok-1",
        "published_at": "2023-02-14",
        "text": "A roadside bomb killed two soldiers near Tarmiyah on Monday.",
    }
    src = write(
        tmp_path / "in.jsonl",
        [
            b'{"article_id": "broken", "text": ',
            json.dumps({"article_id": "empty", "text": "   "}).encode(),
            json.dumps({"article_id": "bin", "text": "\u0000\u0001\u0002abc"}).encode(),
            json.dumps(good).encode(),
            json.dumps(
                {
                    "article_id": "bad-date",
                    "published_at": "31/31/2023",
                    "text": "Gunmen killed a shopkeeper in Mosul on Friday.",
                }
            ).encode(),
        ],
    )
    out = tmp_path / "out.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "incidentwatch", "extract", str(src), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "in.jsonl:1" in proc.stderr and "invalid JSON" in proc.stderr
    assert "in.jsonl:2" in proc.stderr and "empty text" in proc.stderr
    assert "in.jsonl:3" in proc.stderr and "binary" in proc.stderr
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["article_id"] for r in rows] == ["ok-1", "bad-date"]
    assert rows[0]["incidents"][0]["fatalities"]["best"] == 2
    # An unreadable publication date is dropped, not guessed.
    assert rows[1]["incidents"][0]["event_date"] is None


def test_cli_reads_directory_and_stdin(tmp_path: Path) -> None:
    d = tmp_path / "articles"
    d.mkdir()
    (d / "a.txt").write_text("Militants kidnapped three truck drivers on the road to Rutba.")
    (d / "b.txt").write_bytes(b"\xff\xfe\x00\x00binary")
    proc = subprocess.run(
        [sys.executable, "-m", "incidentwatch", "extract", str(d)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["article_id"] for r in rows] == ["a"]
    assert rows[0]["incidents"][0]["sub_event_type"] == "Abduction/forced disappearance"
    assert "b.txt" in proc.stderr
    proc2 = subprocess.run(
        [sys.executable, "-m", "incidentwatch", "extract", "-"],
        input="Police arrested five suspects in Basra on Tuesday.",
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc2.returncode == 0, proc2.stderr
    [row] = [json.loads(line) for line in proc2.stdout.splitlines()]
    assert row["incidents"][0]["sub_event_type"] == "Arrests"


def test_cli_missing_file_is_one_line_error(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "incidentwatch", "extract", str(tmp_path / "nope.jsonl")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "no such file" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_victims_named_together_are_added(extractor: Extractor) -> None:
    text = (
        "Gunmen opened fire on a minibus near Mahmudiyah on Sunday, killing one policeman "
        "and two teachers, and wounding four passengers."
    )
    [inc] = run(extractor, text, "2023-09-12")
    assert inc.fatalities.best == 3
    assert inc.injuries.best == 4


def test_singular_victim_counts_one(extractor: Extractor) -> None:
    text = "A senior judge was gunned down outside his home in Mosul on Thursday."
    [inc] = run(extractor, text, "2023-09-15")
    assert inc.fatalities.best == 1
    assert any("judge" in (e.text or "") for e in inc.evidence if e.field == "fatalities")


def test_follow_up_sentence_refers_back(extractor: Extractor) -> None:
    text = (
        "A roadside bomb hit an army patrol on the road linking Hilla and Karbala. "
        "The blast killed two soldiers and wounded five others."
    )
    [inc] = run(extractor, text, "2023-10-02")
    assert (inc.fatalities.best, inc.injuries.best) == (2, 5)
    assert inc.sub_event_type == "Remote explosive/landmine/IED"


def test_one_of_several_attacks_is_not_split(extractor: Extractor) -> None:
    text = (
        "A car bomb went off by the gate of a police station in Samarra, one of three blasts in "
        "the city that morning, wounding seven policemen."
    )
    incs = run(extractor, text, "2023-10-02")
    assert len(incs) == 1 and incs[0].injuries.best == 7


def test_old_date_in_a_relative_clause_does_not_hide_the_news(extractor: Extractor) -> None:
    text = (
        "Two aid workers who were abducted near Sinjar last month have been released, "
        "a local official said on Tuesday."
    )
    [inc] = run(extractor, text, "2023-11-08")
    assert inc.event_type == "Strategic developments" and inc.sub_event_type == "Other"


def test_figurative_words_are_not_events(extractor: Extractor) -> None:
    text = (
        "The report demonstrated the group's intent to destroy the community, the panel said. "
        "A Canadian man fighting for the militants was mentioned in the report."
    )
    assert run(extractor, text, "2023-11-08") == []


def test_bodies_found_count_the_abducted(extractor: Extractor) -> None:
    text = (
        "Gunmen abducted four truck drivers on the highway west of Ramadi. "
        "Their bodies were found two days later."
    )
    [inc] = run(extractor, text)
    assert inc.fatalities.best == 4


def test_also_killed_adds_to_the_toll(extractor: Extractor) -> None:
    text = (
        "Gunmen shot dead two police officers at a checkpoint in Samarra. "
        "A passing shepherd was also killed in the attack."
    )
    [inc] = run(extractor, text)
    assert inc.fatalities.best == 3


LONG_REPORT = (
    "BAGHDAD Bombs struck three districts of the capital on Thursday, killing at least 19 "
    "people, police sources said, as the government struggled to contain the violence.\n\n"
    "The interior ministry said security would be tightened at markets and mosques, and "
    "officials promised a review of checkpoints across the city after weeks of criticism "
    "from residents and lawmakers who say the force is stretched thin.\n\n"
    "A car bomb in Kadhimiya killed nine people and wounded 25, while in Dora six were "
    "killed and 14 injured by a roadside bomb near a bus station.\n\n"
    "In Shula, a suicide bomber on foot killed four people at a police checkpoint.\n\n"
    "Analysts say the group has stepped up attacks in recent months as it loses ground "
    "in the north, and warned that more bombings could follow during the holidays.\n\n"
    "The prime minister, under pressure from rivals within his own coalition, has "
    "promised to reshuffle the security leadership and to speed up the training of new "
    "police units, but parliament has yet to approve the budget for the plan.\n\n"
    "Residents of the affected districts said queues at checkpoints had grown longer in "
    "recent weeks, and several shop owners said they would close early until the "
    "holiday ends.\n\n"
    "Electricity shortages and unpaid salaries have added to public anger this summer, "
    "and officials in the provincial council said they expected more demonstrations "
    "unless the ministries delivered on their promises before the end of the month."
)


def test_series_named_by_place_gives_one_incident_per_place(extractor: Extractor) -> None:
    incs = run(extractor, LONG_REPORT, "2023-06-16")
    tolls = sorted(i.fatalities.best or 0 for i in incs)
    # Shula: "a suicide bomber on foot killed four" is 4 victims and the bomber (codebook 5).
    assert tolls == [5, 6, 9], [(i.location, i.fatalities.best) for i in incs]
    assert sorted(i.perpetrator_fatalities.best or 0 for i in incs) == [0, 0, 1]
    assert all(i.event_date == "2023-06-15" for i in incs)


def test_retelling_placed_only_by_country_is_the_same_incident(extractor: Extractor) -> None:
    text = (
        "Warplanes dropped a chemical agent on the town of Saraqib in Idlib province on "
        "Tuesday, killing at least 14 people, medical workers said.\n\n"
        "Doctors at a field hospital described patients struggling to breathe, and rescue "
        "workers said many of the victims were children who had been sleeping when the "
        "bombs fell on the eastern part of the town.\n\n"
        "On Wednesday, the foreign minister condemned what he called the chemical attack "
        "in Syria and said his government would raise it at the United Nations.\n\n"
        "Diplomats said a vote on a resolution was unlikely before the weekend, as members "
        "of the council remained divided over who should investigate the attack and how "
        "evidence from the site could be collected safely."
    )
    incs = run(extractor, text, "2023-02-08")
    chem = [i for i in incs if i.sub_event_type == "Chemical weapon"]
    assert len(chem) == 1
    assert chem[0].fatalities.best == 14 and chem[0].event_date == "2023-02-07"


def test_history_and_old_agreements_are_background(extractor: Extractor) -> None:
    text = (
        "Many of the militias fought American troops following the 2003 invasion.\n"
        "Rebel groups were left out of a truce that began on March 2 and has largely held."
    )
    assert run(extractor, text, "2023-04-20") == []


def test_one_death_named_by_two_cue_words_counts_once(extractor: Extractor) -> None:
    [inc] = run(extractor, "A traffic warden was shot dead on a side street in eastern Najaf.")
    assert inc.fatalities.best == 1


def test_named_victim_with_apposition_and_companion(extractor: Extractor) -> None:
    text = "Hassan Ali, a village elder, and his son were killed by gunmen in Tikrit."
    [inc] = run(extractor, text)
    assert inc.fatalities.best == 2


def test_short_report_follow_up_with_toll_is_the_same_incident(extractor: Extractor) -> None:
    text = (
        "Masked men raided a shop owned by a local councillor in Hilla. "
        "The gunmen opened fire on the owner, killing him."
    )
    [inc] = run(extractor, text)
    assert inc.fatalities.best == 1
    assert inc.event_type != "Strategic developments"


def test_companions_of_a_named_victim_are_counted(extractor: Extractor) -> None:
    cases = {
        "A senior official in the Water Ministry and his driver were killed by gunmen in Basra.": 2,
        "Gunmen killed a Jordanian engineer along with two Iraqi guards near Tikrit.": 3,
        "Gunmen opened fire in a bakery in Mosul, killing the owner of the shop and three "
        "customers.": 4,
    }
    assert_tolls(extractor, cases)


def test_roles_of_one_person_and_tolls_of_other_events(extractor: Extractor) -> None:
    text = "Gunmen killed a bank clerk and former party member, Samir Jawad, in Basra."
    [inc] = run(extractor, text)
    assert inc.fatalities.best == 1
    text2 = (
        "Two policemen were killed in Kirkuk when a roadside bomb went off beside their car "
        "while they looked into a shooting that killed three shopkeepers."
    )
    incs = run(extractor, text2)
    assert incs[0].fatalities.best == 2


def test_lists_of_victims_are_summed(extractor: Extractor) -> None:
    cases = {
        "One Jordanian truck driver and two police officers were killed near Rutba.": 3,
        "The gunmen opened fire in a cafe in Kirkuk, killing the owner, his son, and a waiter.": 3,
    }
    assert_tolls(extractor, cases)


def test_series_total_is_not_the_toll_of_one_of_its_attacks(extractor: Extractor) -> None:
    # The incident's own toll is told first; the total covers the whole series.
    text = (
        "A car bomb exploded outside a vegetable market in Hilla, killing nine shoppers. "
        "It was one of seven bombings across central Iraq that day. In total, the attacks "
        "killed at least 64 people and wounded more than 200."
    )
    [inc] = run(extractor, text)
    assert inc.fatalities.best == 9
    ev = [e.text for e in inc.evidence if e.field == "fatalities"]
    assert "nine" in ev and not any("64" in e for e in ev)


def test_only_a_series_total_leaves_the_toll_unknown(extractor: Extractor) -> None:
    # Told as one of four, with casualties given only for all four together: the total
    # is not this incident's, and it is not split into four incidents either.
    text = (
        "A roadside bomb struck a police patrol in Baiji. This was one of four bombs that "
        "went off against patrols in the town, which together killed 23 policemen."
    )
    incs = run(extractor, text)
    assert len(incs) == 1
    assert incs[0].fatalities.best == 0


def test_a_lone_report_keeps_its_total(extractor: Extractor) -> None:
    # Without "one of", the total of a coordinated attack is the incident's toll.
    text = (
        "Three suicide bombers struck a wedding hall in Tal Afar. A total of thirty-one "
        "people were killed in the attack."
    )
    [inc] = run(extractor, text)
    assert inc.fatalities.best == 31


def test_one_of_several_victims_counts_one(extractor: Extractor) -> None:
    text = (
        "A judge was shot dead by gunmen outside his home in Samarra. He was one of four "
        "judges killed in the province this month."
    )
    [inc] = run(extractor, text)
    assert inc.fatalities.best == 1


def test_companions_and_raised_subjects(extractor: Extractor) -> None:
    cases = {
        # "along with" a number phrase, and a second subject after "as were"
        "A district mayor was killed along with three of his guards near Shirqat.": 4,
        "The driver was killed, as were two police officers, when the bomb exploded in Tikrit.": 3,
        # the victim is the subject of "found" / "reported"
        "Five shepherds were found shot dead in a valley near Rutba.": 5,
        "Twelve people were reported killed when mortar rounds hit a market in Ramadi.": 12,
        # "as many as" is a qualifier, not the vague word "many"
        "As many as fourteen people were killed when a bomb exploded in Baqubah.": 14,
        # a list the parser reads partly as an apposition
        "A soldier, two policemen, and three civilians were killed in the blast in Mosul.": 6,
        # an appositive breakdown of the same people is not added again
        "The bomb killed four people, three civilians and a soldier, in Falluja.": 4,
        # a title and a name are one person
        "The head of the city council, Kamal Hadi, was killed by gunmen in Kirkuk.": 1,
        # "both" and a pronoun with "others"
        "The device went off early in Balad, killing both bombers.": 2,
        "A truck bomb exploded in Amerli, killing him and nineteen others.": 20,
    }
    for text, toll in cases.items():
        incs = run(extractor, text)
        assert incs, text
        assert incs[0].fatalities.best == toll, (text, incs[0].fatalities)


def test_killed_attackers_are_added_to_the_victims(extractor: Extractor) -> None:
    text = (
        "Gunmen stormed a checkpoint in Haditha and killed two soldiers. Troops returned "
        "fire and all three gunmen were killed."
    )
    [inc] = run(extractor, text)
    assert inc.fatalities.best == 5
    # Militants killed by an air strike are its targets, not attackers added twice.
    text2 = "Coalition air strikes near Hit killed 30 militants on Sunday."
    [inc2] = run(extractor, text2, "2023-05-02")
    assert inc2.fatalities.best == 30


def test_toll_of_an_earlier_event_told_as_scene_setting(extractor: Extractor) -> None:
    text = (
        "Police defused a car bomb outside a mosque in Kirkuk, near where an explosion the "
        "previous day killed eleven worshippers."
    )
    incs = run(extractor, text)
    assert all(i.fatalities.best == 0 for i in incs)
    # The same words as the incident's own toll are kept.
    text2 = (
        "A suicide bomber blew himself up at a checkpoint in Ramadi after police stopped "
        "his car, killing four policemen."
    )
    [inc] = run(extractor, text2)
    # Four policemen and the bomber who blew himself up (codebook 5).
    assert (inc.fatalities.best, inc.perpetrator_fatalities.best) == (5, 1)


def test_one_person_named_several_ways_counts_once(extractor: Extractor) -> None:
    cases = {
        "Two brothers, Salim and Karim Hassan, were shot dead by gunmen in Mosul.": 2,
        "Gunmen in a car killed tribal sheikh Hamid al-Obeidi and his nephew near Hawija.": 2,
        "Gunmen assassinated a town councillor in Dujail and then shot him again.": 1,
    }
    assert_tolls(extractor, cases)


def test_later_deaths_told_apart_add_to_the_toll(extractor: Extractor) -> None:
    cases = {
        "Two engineers were killed when gunmen ambushed their car near Baiji. A third "
        "engineer died later in hospital.": 3,
        "The police chief was shot dead outside his office in Tuz. Two of his escorts "
        "were killed in the attack as well.": 3,
        # a breakdown of the same victims adds nothing
        "Mortar rounds hit a camp near Kirkuk, killing two farmers, a father and son.": 2,
    }
    assert_tolls(extractor, cases)


def test_deaths_told_with_nouns_and_hostages_later_killed(extractor: Extractor) -> None:
    cases = {
        "A rocket hit the governor's office in Ramadi. The attack resulted in the death of "
        "three guards and the injury of four others.": 3,
        "A clash between police and gunmen in Tikrit claimed the life of one bystander.": 1,
        "Gunmen abducted nine truck drivers on the road to Rutba. The group later released a "
        "video showing the execution of the drivers.": 9,
    }
    assert_tolls(extractor, cases)
    # A death given as the reason for an attack is another event.
    text = (
        "A bomb exploded outside the consulate in Basra, causing no casualties. The group "
        "said it acted in revenge for the death of two of its commanders."
    )
    [inc] = run(extractor, text)
    assert inc.fatalities.best == 0


def test_victims_the_parser_reaches_indirectly(extractor: Extractor) -> None:
    cases = {
        # a subject shared by coordinated verbs, the second not governed by "tried"
        "Two guards saw the device, tried to move it away, and were killed when it went off "
        "in Kirkuk.": 2,
        # a passive understood in the second clause
        "A police major was wounded and his son killed when gunmen fired on their car in Hit.": 1,
        # "to death", and a possessive victim
        "A shopkeeper was beaten to death by a mob in Basra.": 1,
        "Gunmen fired on the car of a judge in Samarra, resulting in his death.": 1,
        # an age is not a count; nationality words name people
        "A roadside bomb in Baiji killed a 12-year old boy.": 1,
        "A Pakistani and a Nepali were found dead near the highway at Rutba.": 2,
    }
    assert_tolls(extractor, cases)


def test_deaths_of_earlier_days_told_in_passing(extractor: Extractor) -> None:
    text = (
        "A roadside bomb killed three policemen near the funeral of an officer killed earlier "
        "that week in Baqubah."
    )
    [inc] = run(extractor, text)
    assert inc.fatalities.best == 3
    text2 = (
        "Gunmen shot dead a shopkeeper in Khalis. It is the same street where two teachers "
        "were killed a month before."
    )
    [inc2] = run(extractor, text2)
    assert inc2.fatalities.best == 1
    # "before" that orders the acts of one attack is not an earlier day
    text3 = "Gunmen stormed a checkpoint near Tarmiyah and killed four soldiers before fleeing."
    [inc3] = run(extractor, text3)
    assert inc3.fatalities.best == 4


def test_rank_abbreviations_do_not_end_the_sentence(extractor: Extractor) -> None:
    text = "Gunmen shot dead police Lt. Col. Salim Hadi and his driver in Kirkuk."
    doc = extractor.nlp(text)
    assert len(list(doc.sents)) == 1
    [inc] = run(extractor, text)
    assert inc.fatalities.best == 2
    # "1st Lt." is a rank, not a second victim
    text2 = "A police officer, 1st Lt. Karim Aziz, was killed by gunmen in Mosul."
    [inc2] = run(extractor, text2)
    assert inc2.fatalities.best == 1


def test_relatives_named_without_determiner(extractor: Extractor) -> None:
    cases = {
        "Gunmen fired on the car of a judge in Kirkuk. He survived, but his wife and son were "
        "killed.": 2,
        "A bomb went off under the car of a police colonel in Tikrit, killing him and both "
        "sons.": 3,
        "The raid in Hawija led to the death of nine militants and the capture of four.": 9,
    }
    assert_tolls(extractor, cases)


def test_cumulative_and_pluperfect_deaths_are_background(extractor: Extractor) -> None:
    text = (
        "A teacher was shot dead outside his school in Samarra. Several teachers have been "
        "killed in the province in recent weeks."
    )
    [inc] = run(extractor, text)
    assert inc.fatalities.best == 1
    text2 = (
        "Two policemen were killed when gunmen fired on the funeral of an officer who had been "
        "killed the day before in Mosul."
    )
    [inc2] = run(extractor, text2)
    assert inc2.fatalities.best == 2


def test_coordinated_verbs_share_a_modal(extractor: Extractor) -> None:
    # Both verbs are hypothetical: no incident, however the parse attaches "seize".
    text = (
        "Officials in Kirkuk warned on Monday that the militants could attack the oil "
        "fields and seize villages south of the city."
    )
    assert run(extractor, text, "2023-06-05") == []


def test_report_that_goes_on_to_one_bomb_of_a_series(extractor: Extractor) -> None:
    text = (
        "Four bombs hit markets across Kirkuk, killing at least twenty people. Seven people "
        "died when one bomb exploded in the vegetable market in the city."
    )
    incs = run(extractor, text)
    assert incs and incs[0].fatalities.best == 7


def test_wire_story_drops_placeless_mentions_without_figures(extractor: Extractor) -> None:
    # No place can be found for either attack; the one with figures is kept (it can be
    # counted), the roadside bomb told in passing without figures is not an incident.
    text = (
        "Gunmen opened fire on a minibus carrying workers to an oil field on Sunday, killing "
        "four of them and wounding two, a police officer said by telephone. The workers were "
        "on their way to the morning shift when two cars blocked the road, the officer said, "
        "and the attackers fled before security forces arrived. A roadside bomb also went off "
        "near an army patrol on Saturday, a security source said, without giving details. "
        "No group claimed responsibility for either attack. Company managers said they would "
        "suspend transport for the night shift until the road was secured, and asked the "
        "authorities for more protection. Relatives gathered at the hospital morgue to wait "
        "for the bodies, and a spokesman for the workers' union called on the government to "
        "act. The ministry of oil said production had not been affected and that it was in "
        "contact with the security services. Officials have long warned that poorly guarded "
        "roads leave workers and truck drivers exposed, and several companies have hired "
        "private guards for their convoys. A spokesman for the security forces said patrols "
        "would be stepped up in the coming days and that an investigation had been opened."
    )
    assert len(text) > 1000  # a wire story, not a one-event note
    [inc] = run(extractor, text, "2023-04-10")
    assert inc.fatalities.best == 4 and inc.injuries.best == 2


def test_pluperfect_rule_keeps_non_casualty_events(extractor: Extractor) -> None:
    # "who had been killed" is an earlier death; "who had stormed" still tells this event.
    text = (
        "Security forces fired tear gas at hundreds of protesters who had stormed the "
        "parliament building in Baghdad on Saturday."
    )
    incs = run(extractor, text, "2023-05-01")
    # storming a building is a violent demonstration (ACLED): Riots
    assert len(incs) == 1 and incs[0].event_type == "Riots"


def test_names_of_the_counted_victims_are_not_added(extractor: Extractor) -> None:
    cases = {
        "Militants said they had kidnapped and killed two Turks, Ali Demir and Can Kaya.": 2,
        "Gunmen killed the head of the Tikrit city council, Jamal Saleh, and a companion.": 2,
    }
    assert_tolls(extractor, cases)


def test_companion_in_a_long_victim_phrase_counts_once(extractor: Extractor) -> None:
    text = (
        "Gunmen assassinated Karim Hassan, a senior engineer, and Salim Aziz, a driver for "
        "the water directorate, outside the offices of the provincial water department in "
        "the al-Askari district of Samarra on Monday morning."
    )
    [inc] = run(extractor, text)
    assert inc.fatalities.best == 2


def test_two_subjects_without_and_are_one_person(extractor: Extractor) -> None:
    cases = {
        "A bodyguard for Prime Minister Haidar al-Abadi was killed by gunmen in Baghdad.": 1,
        "A member of the provincial council and imam of the grand mosque, Sheikh Omar Hamid, "
        "was shot dead in Falluja.": 1,
        "A senior official in the Oil Ministry and his driver were killed by gunmen in Basra.": 2,
    }
    assert_tolls(extractor, cases)


def test_words_of_death_that_do_not_count_deaths(extractor: Extractor) -> None:
    cases = {
        # a verdict, not a killing, in a clause about someone else
        "A lawyer for a defendant who was sentenced to death was shot dead by gunmen in "
        "Baghdad.": 1,
        # "dead" that describes a noun
        "A police officer was killed when a bomb hidden in a dead dog exploded in Tal Afar.": 1,
        # names inside a clause that describes the victim
        "Adel Hamid, who was defending Karim Saleh and Aziz Khalil, was killed by gunmen in "
        "Baghdad.": 1,
    }
    assert_tolls(extractor, cases)
    text = "Initial reports said ten dead after a truck bomb hit a checkpoint in Hilla."
    [inc] = run(extractor, text)
    assert inc.fatalities.best == 10
