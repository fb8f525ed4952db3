"""extract stage: article text -> codebook incidents with evidence.

`extract_article(article)` is the entry point every other stage uses.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from incidentwatch.records import Article, Incident


def extract_article(article: Article) -> list[Incident]:
    from incidentwatch.extract.pipeline import get_extractor

    return get_extractor().extract(article)


def extract_articles(articles: Iterable[Article]) -> Iterator[tuple[Article, list[Incident]]]:
    from incidentwatch.extract.pipeline import get_extractor

    yield from get_extractor().extract_many(articles)
