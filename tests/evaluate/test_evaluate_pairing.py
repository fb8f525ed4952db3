from evaluate_testdata import MOSUL_BOMB, TARMIYAH_ATTACK, incident

from incidentwatch.evaluate.pairing import haversine_km, pair_incidents, similarity


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
