"""A city named in the possessive right after a locative still places the event
("in Baghdad's northern outskirts"), unlike a government's statement ("Moscow's")."""

from __future__ import annotations

from incidentwatch.extract.pipeline import Extractor
from incidentwatch.records import Article


def test_possessive_after_a_locative_places_the_event() -> None:
    text = (
        "A car bomb exploded on Wednesday in Basra's northern outskirts, killing five "
        "people, police said."
    )
    [inc] = Extractor().extract(Article(article_id="p1", text=text, published_at="2016-07-14"))
    assert inc.admin1 is not None and "basr" in inc.admin1.lower(), inc.location
