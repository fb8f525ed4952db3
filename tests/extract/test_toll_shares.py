"""One division of a toll over several incidents (codebook 1: evenly, the remainder to
the first) for every language pack: `numbers.share_of`, used by the building
stage's `_split` (English, "toll over places named together", day ranges) and by the
Arabic pack's `_share`. Texts written for these tests."""

from __future__ import annotations

import pytest

from incidentwatch.extract.numbers import share_of
from incidentwatch.extract.pipeline import Extractor
from incidentwatch.records import Article


@pytest.mark.parametrize("n", [1, 2, 3, 4, 7])
@pytest.mark.parametrize("total", [0, 1, 2, 5, 20, 31, 100])
def test_parts_add_up_and_only_the_first_takes_the_remainder(total: int, n: int) -> None:
    parts = [share_of(total, k, n) for k in range(n)]
    assert sum(parts) == total
    assert len(set(parts[1:])) <= 1
    assert parts[0] - parts[-1] == total % n


def test_the_codebook_example() -> None:
    assert [share_of(3, k, 2) for k in range(2)] == [2, 1]


def test_the_whole_remainder_goes_to_the_first() -> None:
    assert [share_of(20, k, 3) for k in range(3)] == [8, 6, 6]
    assert [share_of(55, k, 4) for k in range(4)] == [16, 13, 13, 13]


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
