"""Toponym resolution on text written for these tests: namesakes, relative
descriptions, reference places, datelines, admin levels and precision."""

from __future__ import annotations

import math

import pytest

from incidentwatch.geocode import Geocoder
from incidentwatch.geocode.normalise import normalise_admin
from incidentwatch.records import Place


def span_of(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def _km(a: Place, lat: float, lon: float) -> float:
    assert a.latitude is not None and a.longitude is not None
    dy = (a.latitude - lat) * 111.0
    dx = (a.longitude - lon) * 111.0 * math.cos(math.radians(lat))
    return math.hypot(dx, dy)


def locate_all(geo: Geocoder, text: str, hint: str | None = None) -> Place:
    place = geo.locate(text, 0, len(text), country_hint=hint)
    assert place is not None, text
    return place


# ---------------------------------------------------------------- namesakes


@pytest.mark.parametrize(
    ("text", "admin1", "admin2"),
    [
        (
            "Militants shot dead a shepherd near the village of As Sa'diyah in "
            "the Khanaqin district of Diyala on Tuesday.",
            "Diyala",
            "Khanaqin",
        ),
        (
            "A bomb went off in As Sa'diyah, a village in Balad district, Salah al-Din "
            "province, wounding two farmers.",
            "Salah Al-Din",
            "Balad",
        ),
        (
            "Gunmen killed a mukhtar in As Sa'diyah, west of Al-Baaj in Nineveh.",
            "Ninewa",
            "Al-Baaj",
        ),
    ],
)
def test_namesakes_are_told_apart_by_the_admin_named_nearby(
    geo: Geocoder, text: str, admin1: str, admin2: str
) -> None:
    place = geo.locate(text, *span_of(text, "As Sa'diyah"))
    assert place is not None
    assert normalise_admin(place.admin1) == normalise_admin(admin1)
    assert normalise_admin(place.admin2) == normalise_admin(admin2)
    assert place.geo_precision in (1, 2)
    assert place.admin_spans, "the admin name that decided it should be cited"


def test_namesake_follows_other_places_in_the_article(geo: Geocoder) -> None:
    text = (
        "Security forces in Diyala said ISIS fighters crossed from the Hamrin hills. "
        "Later they attacked As Sa'diyah and withdrew towards Jalawla."
    )
    sentence = "Later they attacked As Sa'diyah and withdrew towards Jalawla."
    place = geo.locate(text, *span_of(text, sentence))
    assert place is not None and place.name
    assert place.admin1 == "Diyala"


def test_world_namesake_uses_the_country_hint(geo: Geocoder) -> None:
    text = "Two people were killed in clashes in Al Mansurah on Sunday."
    assert locate_all(geo, text, "EG").country.code == "EG"  # type: ignore[union-attr]
    yemeni = "Two people were killed in clashes in Al Mansurah, Aden, on Sunday."
    assert locate_all(geo, yemeni).country.code == "YE"  # type: ignore[union-attr]


# ---------------------------------------------------------------- relative places


def test_distance_and_bearing_point_at_the_named_event_place(geo: Geocoder) -> None:
    text = (
        "Two soldiers were killed when militants attacked a checkpoint in Jalawla, "
        "105 km northeast of Baqubah, police said."
    )
    place = locate_all(geo, text)
    assert place.name.lower().startswith("jalawla")
    assert (place.admin1, place.admin2) == ("Diyala", "Khanaqin")
    assert place.geo_precision == 1
    assert text[place.start : place.end] == "Jalawla"  # type: ignore[index]


def test_distance_from_a_reference_alone_moves_the_point(geo: Geocoder) -> None:
    text = "A roadside bomb exploded 20 km south of Mosul, killing a soldier."
    place = locate_all(geo, text)
    assert place.geo_precision == 2
    assert place.admin1 == "Ninewa"
    mosul = next(p for p in geo.mentions(text) if p.name == "Mosul")
    assert mosul.latitude is not None
    # 20 km due south: about 0.18 degrees of latitude lower, same longitude.
    assert 15 < _km(place, mosul.latitude, mosul.longitude or 0) < 25
    assert place.latitude is not None and place.latitude < mosul.latitude


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        ("Clashes broke out on the outskirts of Kirkuk late on Friday.", "Kirkuk"),
        ("An IED exploded near Tuz Khurmatu, wounding a policeman.", "Salah Al-Din"),
        ("Rockets landed in the vicinity of Tikrit airport road.", "Salah Al-Din"),
    ],
)
def test_near_a_town_is_precision_2_at_that_town(geo: Geocoder, text: str, admin1: str) -> None:
    place = locate_all(geo, text)
    assert place.admin1 == admin1
    assert place.geo_precision == 2


def test_direction_without_distance_is_a_reference_not_the_event(geo: Geocoder) -> None:
    text = "Gunmen ambushed a patrol in Ishaqi, south of Samarra, killing three."
    place = locate_all(geo, text)
    assert "samarra" not in place.name.lower()
    assert place.admin1 == "Salah Al-Din"


# ---------------------------------------------------------------- datelines, context


def test_dateline_is_not_the_event_place(geo: Geocoder) -> None:
    text = "BAGHDAD (Reuters) - A suicide bomber struck a market in Tikrit on Monday."
    place = locate_all(geo, text)
    assert place.name == "Tikrit"
    assert place.admin1 == "Salah Al-Din"


def test_dateline_is_used_only_when_nothing_else_is_named(geo: Geocoder) -> None:
    text = "ERBIL, Iraq (AP) — Two rockets hit an empty field overnight, officials said."
    place = locate_all(geo, text)
    assert place.admin1 == "Erbil"
    assert "dateline" in (place.why or "")


def test_sentence_without_a_place_takes_it_from_earlier_in_the_article(geo: Geocoder) -> None:
    text = (
        "Insurgents attacked an army post in Hawija on Sunday. "
        "Three soldiers were killed and two were wounded in the attack."
    )
    place = geo.locate(text, *span_of(text, "Three soldiers were killed"))
    assert place is not None
    assert (place.admin1, place.admin2) == ("Kirkuk", "Al-Hawiga")
    assert "earlier" in (place.why or "")


# ---------------------------------------------------------------- admin levels


def test_district_named_with_its_governorate(geo: Geocoder) -> None:
    text = "ISIS remnants attacked a PMF post in the Khanaqin district in Diyala."
    place = locate_all(geo, text)
    assert (place.admin1, place.admin2, place.geo_precision) == ("Diyala", "Khanaqin", 2)
    diyala = text.index("Diyala")
    assert (diyala, diyala + len("Diyala")) in place.admin_spans


def test_district_of_a_governorate_with_al_prefix(geo: Geocoder) -> None:
    text = "A Turkish drone struck a vehicle in Al Amadiya district of Duhok province."
    place = locate_all(geo, text)
    assert (place.admin1, place.admin2, place.geo_precision) == ("Duhok", "Al-Amadiya", 2)


def test_governorate_only_falls_back_to_its_capital(geo: Geocoder) -> None:
    text = "Security forces arrested four suspects in Anbar province on Wednesday."
    place = locate_all(geo, text)
    assert place.admin1 == "Al-Anbar"
    assert place.geo_precision == 3
    assert place.name == "Ramadi" or "ramadi" in place.name.lower()


def test_town_named_like_its_governorate_is_the_town(geo: Geocoder) -> None:
    text = "A car bomb exploded in Kirkuk, killing five people."
    place = locate_all(geo, text)
    assert place.geo_precision == 1
    assert (place.admin1, place.admin2) == ("Kirkuk", "Kirkuk")


def test_syrian_town_gets_cod_admin_names(geo: Geocoder) -> None:
    text = "Turkish drones struck a car near Qamishli in Al-Hasakeh, killing two SDF fighters."
    place = locate_all(geo, text)
    assert place.country is not None and place.country.code == "SY"
    assert (place.admin1, place.admin2) == ("Al-Hasakeh", "Quamishli")


def test_village_spelled_differently_is_found_with_its_governorate(geo: Geocoder) -> None:
    # The gazetteer spells it "At Tuwaylah"/"Tuwaylah"; the report spells it Tawileh.
    text = "Turkish forces shelled Tuwayleh village in Al Hasakeh countryside."
    place = locate_all(geo, text)
    assert place.admin1 == "Al-Hasakeh"
    assert place.geo_precision == 1


# ---------------------------------------------------------------- world


@pytest.mark.parametrize(
    ("text", "cc", "admin1"),
    [
        ("A drone strike hit a house in Peshawar on Friday.", "PK", "Khyber Pakhtunkhwa"),
        ("Houthi forces shelled positions east of the city, in Marib.", "YE", "Marib"),
        ("Protesters gathered in front of the courthouse in Isfahan.", "IR", "Isfahan"),
    ],
)
def test_world_cities_get_country_and_admin1(
    geo: Geocoder, text: str, cc: str, admin1: str
) -> None:
    place = locate_all(geo, text)
    assert place.country is not None and place.country.code == cc
    assert normalise_admin(place.admin1) == normalise_admin(admin1)


def test_common_words_are_not_places(geo: Geocoder) -> None:
    text = "Police said the Islamic State claimed the attack on Monday in a statement."
    assert geo.mentions(text) == []
    assert geo.locate(text, 0, len(text)) is None


def test_mentions_carry_spans_and_reasons(geo: Geocoder) -> None:
    text = "Clashes in Tal Afar spread to Sinjar, police in Mosul said."
    places = geo.mentions(text)
    assert [text[p.start : p.end] for p in places] == ["Tal Afar", "Sinjar", "Mosul"]  # type: ignore[index]
    assert all(p.why and p.admin1 == "Ninewa" for p in places)


def test_a_site_inside_a_named_city_is_more_specific(geo: Geocoder) -> None:
    text = "A crowd forced its way past the guards of a ministry inside Baghdad's Green Zone."
    place = locate_all(geo, text)
    assert place.name == "Green Zone"
    assert (place.admin1, place.admin2) == ("Baghdad", "Al-Karkh")


def test_person_names_that_are_also_villages_are_not_places(geo: Geocoder) -> None:
    text = (
        "Prime Minister Haider al-Abadi visited troops in Tikrit on Sunday. "
        "Abadi said the army would soon retake Shirqat."
    )
    names = [text[p.start : p.end] for p in geo.mentions(text)]  # type: ignore[index]
    assert "Abadi" not in " ".join(names)
    assert "Tikrit" in names and "Shirqat" in names


def test_demonyms_set_country_context_but_are_not_places(geo: Geocoder) -> None:
    text = "Iraqi forces clashed with militants in Al Mansuriyah, killing two."
    assert all("Iraqi" not in text[p.start : p.end] for p in geo.mentions(text))  # type: ignore[index]
    place = locate_all(geo, text)
    assert place.country is not None and place.country.code == "IQ"


def test_a_capital_is_never_traded_for_a_foreign_namesake(geo: Geocoder) -> None:
    text = (
        "He teaches at the American University in Beirut. Poland, Germany and the "
        "United States joined the coalition, officials in Washington said."
    )
    beirut = [p for p in geo.mentions(text) if text[p.start : p.end] == "Beirut"]  # type: ignore[index]
    assert all(p.country is not None and p.country.code == "LB" for p in beirut)


def test_full_name_of_a_speaker_is_not_a_village(geo: Geocoder) -> None:
    text = (
        "Ibrahim Aziz, a local official, blamed negligence for the attacks in Khanaqin. "
        "Aziz told reporters that Turkey said nothing."
    )
    got = {text[p.start : p.end]: p for p in geo.mentions(text)}  # type: ignore[index]
    assert "Ibrahim Aziz" not in got and "Aziz" not in got
    assert got["Khanaqin"].admin1 == "Diyala"
    assert got["Turkey"].country is not None and got["Turkey"].country.code == "TR"


def test_a_town_told_with_its_description_is_the_event_place(geo: Geocoder) -> None:
    # "in the southeastern Turkish town of X" places the event as "in X" does; the
    # city told after it is another event's ("a day after a bomb in Istanbul").
    text = (
        "Two soldiers were killed in a bomb attack on a checkpoint in the southeastern "
        "Turkish town of Nusaybin on Monday, a day after a blast in Istanbul."
    )
    assert locate_all(geo, text).name == "Nusaybin"
    # Without the describing words the town was already first.
    text = "Two soldiers were killed in Nusaybin on Monday, a day after a blast in Istanbul."
    assert locate_all(geo, text).name == "Nusaybin"
