"""The namesake scoring keeps what it asks again and again (issue 15): whether one
entity contains another (`Geocoder._contains`) and a namesake's nearness to a scoring
pass's placed mentions (`Geocoder._nearness`). Kept answers must be the answers: an
analysis made with the memos full of other texts' and other hints' answers scores,
explains and chooses exactly as one made with them empty. Text written for these tests.
"""

from __future__ import annotations

import dataclasses

from incidentwatch.geocode import Geocoder
from incidentwatch.geocode.gazetteer import ADMIN1, ADMIN2, PLACE

# Names told twice (Tarmiyah, Baquba), names next to their unit ("Baquba, Diyala"),
# a namesake-rich word (Hit) and places far apart, so every memo is asked.
TEXT = (
    "Gunmen attacked an army checkpoint in Tarmiyah, north of Baghdad, on Monday, "
    "killing three soldiers. Hours later a car bomb exploded in Baquba, Diyala, near a "
    "market. Police in Tarmiyah said the attackers fled towards Samarra. In Hit, in "
    "Anbar province, a roadside bomb wounded two policemen, and in Baquba a mortar "
    "round fell on a house. Officials in Basra said the port was calm."
)
OTHER = (
    "A bomb went off near a mosque in Mosul and another in Tal Afar; police in Kirkuk "
    "and Tuz Khurmatu closed the roads."
)


def analysis(geo: Geocoder, text: str, hint: str | None) -> list[dict[str, object]]:
    geo._analyse.cache_clear()  # type: ignore[attr-defined]
    return [dataclasses.asdict(m) for m in geo._analyse(text, hint, None)]


def clear_memos(geo: Geocoder) -> None:
    geo._contains_memo.clear()
    geo._near_memo.clear()


def test_warm_memos_give_the_cold_analysis(geo: Geocoder) -> None:
    clear_memos(geo)
    cold = analysis(geo, TEXT, None)
    clear_memos(geo)
    cold_hint = analysis(geo, TEXT, "IQ")
    assert any(m["text"] == "Tarmiyah" and m["chosen"] is not None for m in cold)
    # Fill the memos with another text's and another hint's answers first.
    clear_memos(geo)
    analysis(geo, OTHER, None)
    analysis(geo, TEXT, "IQ")
    assert geo._near_memo and geo._contains_memo
    assert analysis(geo, TEXT, None) == cold
    assert analysis(geo, TEXT, "IQ") == cold_hint


def test_contains_memo_answers_as_the_gazetteer(geo: Geocoder) -> None:
    gaz = geo.gaz
    diyala = next(e for e in gaz.lookup("diyala") if gaz.kind(e) == ADMIN1)
    baquba = max(
        (e for e in gaz.lookup("baquba") if gaz.kind(e) == PLACE), key=lambda e: gaz.pop[e]
    )
    basra = max((e for e in gaz.lookup("basra") if gaz.kind(e) == PLACE), key=lambda e: gaz.pop[e])
    clear_memos(geo)
    for _ in range(2):  # the second round from the memo
        assert geo._contains(diyala, baquba)
        assert not geo._contains(diyala, basra)
        assert not geo._contains(baquba, diyala)  # a town contains nothing
        assert not geo._contains(diyala, diyala)
    assert geo._contains_memo[diyala, baquba] is True
    districts = [e for e in gaz.lookup("baquba") if gaz.kind(e) == ADMIN2]
    for d in districts:
        assert geo._contains(diyala, d) == geo._contains_uncached(diyala, d)


def test_nearness_of_a_set_is_kept_for_that_set_only(geo: Geocoder) -> None:
    clear_memos(geo)
    analysis(geo, TEXT, None)
    sets = len(geo._near_memo)
    assert sets >= 1
    # The same placed mentions again (the second pass, the hinted analysis): no new set.
    analysis(geo, TEXT, None)
    assert len(geo._near_memo) == sets
    analysis(geo, OTHER, None)
    assert len(geo._near_memo) > sets
