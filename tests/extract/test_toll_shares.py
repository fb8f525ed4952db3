"""One division of a toll over several incidents (codebook 1: evenly, the remainder one
each to the first) for every language pack: `numbers.share_of`, used by the building
stage's `_split` (English, "toll over places named together", day ranges) and by the
Arabic pack's `_share`. Texts written for these tests."""

from __future__ import annotations

import pytest

from incidentwatch.extract.numbers import share_of
from incidentwatch.extract.pipeline import Extractor
from incidentwatch.records import Article


@pytest.mark.parametrize("n", [1, 2, 3, 4, 7])
@pytest.mark.parametrize("total", [0, 1, 2, 5, 20, 31, 100])
def test_parts_add_up_and_differ_by_at_most_one_larger_first(total: int, n: int) -> None:
    parts = [share_of(total, k, n) for k in range(n)]
    assert sum(parts) == total
    assert max(parts) - min(parts) <= 1
    assert parts == sorted(parts, reverse=True)


def test_the_codebook_example() -> None:
    assert [share_of(20, k, 3) for k in range(3)] == [7, 7, 6]


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def _parts(ex: Extractor, text: str, language: str) -> list[tuple[str, int | None, int | None]]:
    art = Article(article_id="t", text=text, published_at="2024-07-14", language=language)
    return [(i.admin1 or "", i.fatalities.best, i.injuries.best) for i in ex.extract(art)]


def test_english_and_arabic_divide_one_toll_over_two_cities_alike(ex: Extractor) -> None:
    en = _parts(
        ex, "Two bombs killed 31 people and wounded 9 in Baghdad and Hilla on Sunday.", "en"
    )
    ar = _parts(
        ex, "قتل 31 شخصا واصيب 9 آخرون بانفجار عبوتين ناسفتين في بغداد والحلة اليوم الأحد.", "ar"
    )
    assert en == ar == [("Baghdad", 16, 5), ("Babil", 15, 4)]
