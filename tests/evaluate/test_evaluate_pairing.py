from evaluate_testdata import MOSUL_BOMB, TARMIYAH_ATTACK, incident

from incidentwatch.evaluate.pairing import (
    anchor_similarity,
    haversine_km,
    pair_incidents,
    similarity,
)
from incidentwatch.records import Incident


def test_haversine_baghdad_to_mosul() -> None:
    # Great-circle distance Baghdad-Mosul is about 350 km.
    km = haversine_km(33.315, 44.366, 36.335, 43.119)
    assert 340 < km < 360


def test_two_gold_three_predicted_one_spurious() -> None:
    gold = [incident(**MOSUL_BOMB), incident(**TARMIYAH_ATTACK)]
    # Predictions in another order, slightly off, plus a Basra protest nobody coded.
    predicted = [
        incident(
            **{
                **TARMIYAH_ATTACK,
                "location": {"name": "Tarmiya", "latitude": 33.7, "longitude": 44.4},
            }
        ),
        incident(
            event_date="2016-05-10",
            event_type="Protests",
            sub_event_type="Peaceful protest",
            admin1="Al Basrah",
            location={"name": "Basra", "latitude": 30.508, "longitude": 47.783},
        ),
        incident(**{**MOSUL_BOMB, "event_date": "2016-05-12"}),
    ]
    pairs = {(g, p) for g, p, _ in pair_incidents(gold, predicted)}
    assert pairs == {(0, 2), (1, 0)}


def test_wildly_different_incident_stays_unpaired() -> None:
    gold = [incident(**MOSUL_BOMB), incident(**TARMIYAH_ATTACK)]
    far = incident(
        event_date="2016-01-02",
        event_type="Protests",
        sub_event_type="Peaceful protest",
        location={"name": "Basra", "latitude": 30.508, "longitude": 47.783},
    )
    assert pair_incidents(gold, [far]) == []


def test_single_gold_single_prediction_pairs_unless_clearly_different() -> None:
    gold = [incident(**MOSUL_BOMB)]
    # Wrong type and no place or date: still the article's one incident.
    vague = incident(event_type="Battles", sub_event_type="Armed clash")
    assert [(g, p) for g, p, _ in pair_incidents(gold, [vague])] == [(0, 0)]
    # Same type but 500 km and four months away: a different incident.
    other = incident(
        **{
            **MOSUL_BOMB,
            "event_date": "2016-01-11",
            "location": {"name": "Basra", "latitude": 30.508, "longitude": 47.783},
        }
    )
    assert pair_incidents(gold, [other]) == []


def test_similarity_prefers_same_place_and_date() -> None:
    gold = incident(**MOSUL_BOMB)
    same = incident(**MOSUL_BOMB)
    moved = incident(**{**MOSUL_BOMB, "location": TARMIYAH_ATTACK["location"]})
    assert similarity(gold, same) == 1.0
    assert similarity(gold, moved) < similarity(gold, same)


def test_empty_sides() -> None:
    assert pair_incidents([], [incident(**MOSUL_BOMB)]) == []
    assert pair_incidents([incident(**MOSUL_BOMB)], []) == []


def test_missing_place_gives_no_free_credit() -> None:
    gold = [incident(**MOSUL_BOMB), incident(**TARMIYAH_ATTACK)]
    # Same day as the bombing, no place, another type: not the bombing.
    guess = incident(event_date="2016-05-11", event_type="Protests", sub_event_type="Riots")
    assert pair_incidents(gold, [guess]) == []
    # Same day and type, no place: the bombing.
    bomb = incident(
        event_date="2016-05-11",
        event_type="Explosions/Remote violence",
        sub_event_type="Remote explosive/landmine/IED",
    )
    assert [(g, p) for g, p, _ in pair_incidents(gold, [bomb])] == [(0, 0)]


def test_single_gold_takes_best_of_several_predictions() -> None:
    gold = [incident(**MOSUL_BOMB)]
    predicted = [
        incident(**TARMIYAH_ATTACK),
        incident(**{**MOSUL_BOMB, "fatalities": {"best": 5}}),
    ]
    assert [(g, p) for g, p, _ in pair_incidents(gold, predicted)] == [(0, 1)]


def test_gold_without_date_pairs_on_type_and_place() -> None:
    # Articles without a publication date: gold leaves the date empty.
    undated = {**MOSUL_BOMB, "event_date": None, "date_precision": None}
    gold = [incident(**undated), incident(**{**TARMIYAH_ATTACK, "event_date": None})]
    predicted = [incident(**{**TARMIYAH_ATTACK, "event_date": "2016-05-02"})]
    assert [(g, p) for g, p, _ in pair_incidents(gold, predicted)] == [(1, 0)]


def _shooting(where: str, lat: float, lon: float, *spans: tuple[str, int, int]) -> Incident:
    # Two same-day shootings a few km apart in an invented story: type, place
    # and date cannot tell them apart, only the words each was read from.
    return incident(
        event_date="2016-03-06",
        date_precision=1,
        event_type="Battles",
        sub_event_type="Armed clash",
        admin1="West Bank",
        location={"name": where, "latitude": lat, "longitude": lon},
        evidence=[
            {"field": field, "article_id": "story-1", "start": start, "end": end}
            for field, start, end in spans
        ],
    )


def test_anchor_pairs_records_read_from_the_gold_words() -> None:
    gold = [
        _shooting("Hizma checkpoint", 31.83, 35.26, ("event", 400, 460)),
        _shooting("Anata", 31.81, 35.26, ("event", 900, 950)),
    ]
    # The prediction read from the Anata sentence comes first: without the
    # anchor the two pairings tie and the first one found wins.
    predicted = [
        _shooting("Anata", 31.81, 35.26, ("event", 880, 990)),
        _shooting("Anata", 31.81, 35.26, ("event", 380, 470)),
    ]
    assert anchor_similarity(gold[0], predicted[1], gold) == 1.0
    # Read from the other gold incident's words: evidence against.
    assert anchor_similarity(gold[0], predicted[0], gold) == 0.0
    assert anchor_similarity(gold[0], predicted[0]) is None
    assert sorted((g, p) for g, p, _ in pair_incidents(gold, predicted)) == [(0, 1), (1, 0)]


def test_anchor_reads_the_gold_event_and_the_prediction_toll() -> None:
    gold = _shooting("Anata", 31.81, 35.26, ("event", 100, 150), ("injuries", 600, 650))
    # A record read from the wounded's sentence cites the same attack's toll,
    # not its telling: no anchor.
    wounded = _shooting("Anata", 31.81, 35.26, ("event", 590, 660))
    assert anchor_similarity(gold, wounded) is None
    # A record built from two tellings cites the first as its event and the
    # second by its toll: the toll's words anchor it too.
    built = _shooting("Anata", 31.81, 35.26, ("event", 20, 60), ("fatalities", 120, 123))
    assert anchor_similarity(gold, built) == 1.0
    # A place named in the gold's words is not what the record was read from.
    placed = _shooting("Anata", 31.81, 35.26, ("event", 20, 60), ("location", 120, 125))
    assert anchor_similarity(gold, placed) is None
    # A merged record's span from another article at the same offsets is not this text.
    other = incident(
        evidence=[{"field": "event", "article_id": "story-2", "start": 100, "end": 150}]
    )
    assert anchor_similarity(gold, other) is None
    # Gold with no evidence (a dataset's notes): the part is left out.
    assert anchor_similarity(incident(**MOSUL_BOMB), wounded) is None
    assert similarity(incident(**MOSUL_BOMB), incident(**MOSUL_BOMB)) == 1.0


def test_anchor_never_lowers_a_pair_read_elsewhere() -> None:
    # A lead and a body sentence tell one incident from different words.
    gold = _shooting("Anata", 31.81, 35.26, ("event", 700, 760))
    from_lead = _shooting("Anata", 31.81, 35.26, ("event", 0, 90))
    assert similarity(gold, from_lead) == 1.0
