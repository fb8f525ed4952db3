"""Ingest orchestration: clean each article, extract its incidents, hand them to the store.

The store only stores (and resolves each report into an incident inside its own
transaction); what happens before — validating and normalising the article,
skipping one already stored, running the extractor (which geocodes), checking
evidence — lives here, so the store module does not know the pipeline.

    from incidentwatch.ingest.pipeline import ingest_articles
    report = ingest_articles(store, articles)
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from incidentwatch.ingest.readers import BadInput, Rejected, clean_text, normalise_date
from incidentwatch.records import Article, Evidence, Incident

if TYPE_CHECKING:
    from incidentwatch.store.store import Store

log = logging.getLogger(__name__)

Extractor = Callable[[Article], list[Incident]]


@dataclass
class IngestReport:
    seen: int = 0
    added: int = 0
    duplicates: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    reports: int = 0  # incident reports stored
    incidents_created: int = 0
    reports_merged: int = 0  # reports that joined an existing incident
    article_ids: list[str] = field(default_factory=list)
    # A syndicated copy -> the id of the stored article it duplicates.
    duplicate_of: dict[str, str] = field(default_factory=dict)

    def summary(self) -> str:
        return (
            f"{self.seen} articles: {self.added} added, {self.duplicates} already stored, "
            f"{len(self.rejected)} rejected; {self.reports} incident reports -> "
            f"{self.incidents_created} new incidents, {self.reports_merged} merged into existing"
        )

    def add(self, other: IngestReport) -> None:
        self.seen += other.seen
        self.added += other.added
        self.duplicates += other.duplicates
        self.rejected.extend(other.rejected)
        self.reports += other.reports
        self.incidents_created += other.incidents_created
        self.reports_merged += other.reports_merged
        self.article_ids.extend(other.article_ids)
        self.duplicate_of.update(other.duplicate_of)


def _default_extractor() -> Extractor:
    try:
        from incidentwatch.extract import extract_article
    except ImportError as exc:  # pragma: no cover - the extractor ships with the package
        raise RuntimeError(f"the extractor is not available: {exc}") from exc
    return extract_article


def ingest_articles(
    store: Store,
    articles: Iterable[Article],
    *,
    progress: bool = False,
    extractor: Extractor | None = None,
    use_embedded: bool = False,
) -> IngestReport:
    """Clean, extract, and store each new article, one store transaction per article.

    A bad article is rejected with its reason and the batch goes on; a crash
    leaves every article either fully stored or not at all, so running the same
    batch again resumes where it stopped. `use_embedded`: take incidents from an
    `incidents` field of the article (gold files, earlier extraction output)
    instead of running the extractor.
    """
    rep = IngestReport()
    it: Iterable[Article] = articles
    if progress:
        from tqdm import tqdm

        it = tqdm(articles, unit="article", desc="ingest")
    for art in it:
        rep.seen += 1
        try:
            _ingest_one(store, art, rep, extractor, use_embedded)
        except (BadInput, ValueError) as exc:
            rep.rejected.append(Rejected(getattr(art, "article_id", "?"), str(exc)))
            log.warning("article %s rejected: %s", getattr(art, "article_id", "?"), exc)
        except Exception as exc:
            rep.rejected.append(
                Rejected(getattr(art, "article_id", "?"), f"{type(exc).__name__}: {exc}")
            )
            log.exception("article %s failed; store unchanged", getattr(art, "article_id", "?"))
    return rep


def clean_article(art: Article) -> Article:
    """The article with its text validated and normalised and its date read (or None)."""
    if not art.article_id or len(art.article_id) > 300:
        raise BadInput("article_id must be 1-300 characters")
    text_ = clean_text(art.text)
    try:
        pub = normalise_date(art.published_at)
    except BadInput as exc:
        log.warning("article %s: %s; treated as unknown", art.article_id, exc)
        pub = None
    if text_ != art.text or pub != art.published_at:
        art = art.model_copy(update={"text": text_, "published_at": pub})
    return art


def _ingest_one(
    store: Store,
    art: Article,
    rep: IngestReport,
    extractor: Extractor | None,
    use_embedded: bool,
) -> None:
    art = clean_article(art)
    # Checked before extracting: extraction is the expensive step.
    admission = store.admit(art)
    if admission.duplicate is not None:
        rep.duplicates += 1
        rep.duplicate_of[art.article_id] = admission.duplicate.article_id
        log.info("article %s already stored (%s)", admission.article.article_id,
                 admission.duplicate)  # fmt: skip
        return
    art = admission.article
    if use_embedded:
        raw = getattr(art, "incidents", None) or []
        incidents = [i if isinstance(i, Incident) else Incident.model_validate(i) for i in raw]
    else:
        incidents = (extractor or _default_extractor())(art)
    incidents = [clean_incident(art, inc) for inc in incidents]
    stored = store.add_article(admission, incidents)
    if stored is None:  # another writer stored it meanwhile
        rep.duplicates += 1
        return
    created, merged = stored
    rep.added += 1
    rep.article_ids.append(art.article_id)
    rep.reports += len(incidents)
    rep.incidents_created += created
    rep.reports_merged += merged


def clean_incident(art: Article, inc: Incident) -> Incident:
    """Keep only evidence spans that point into this article's text; fill their quotes.
    Sources are the store's to fill (from the articles of each incident)."""
    good: list[Evidence] = []
    for ev in inc.evidence:
        aid = ev.article_id or art.article_id
        if aid != art.article_id or not (0 <= ev.start < ev.end <= len(art.text)):
            log.warning(
                "article %s: dropped evidence %s [%s:%s] outside the text",
                art.article_id,
                ev.field,
                ev.start,
                ev.end,
            )
            continue
        good.append(
            ev.model_copy(
                update={"article_id": art.article_id, "text": art.text[ev.start : ev.end]}
            )
        )
    return inc.model_copy(update={"evidence": good, "sources": []})
