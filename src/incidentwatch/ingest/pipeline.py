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
from incidentwatch.records import Article, Evidence, Incident, assign_ids

if TYPE_CHECKING:
    from incidentwatch.store.store import Admission, Store

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
        except Exception as exc:
            _reject(rep, getattr(art, "article_id", "?"), exc)
    return rep


def _reason(exc: BaseException) -> str:
    # Bad input says what is wrong in its own words; anything else is a failure
    # of ours, named by its type.
    return str(exc) if isinstance(exc, BadInput | ValueError) else f"{type(exc).__name__}: {exc}"


def _reject(rep: IngestReport, article_id: str, exc: BaseException) -> None:
    rep.rejected.append(Rejected(article_id, _reason(exc)))
    if isinstance(exc, BadInput | ValueError):
        log.warning("article %s rejected: %s", article_id, exc)
    else:
        log.error("article %s failed; store unchanged", article_id, exc_info=exc)


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
    admission = _admit(store, art, rep)
    if admission is None:
        return
    incidents = extract_incidents(admission.article, extractor, use_embedded)
    _store_new(store, admission.article, incidents, rep, extractor, use_embedded)


def extract_incidents(
    art: Article, extractor: Extractor | None = None, use_embedded: bool = False
) -> list[Incident]:
    """The incidents of a cleaned article, each keeping only evidence inside its text."""
    if use_embedded:
        raw = getattr(art, "incidents", None) or []
        incidents = [i if isinstance(i, Incident) else Incident.model_validate(i) for i in raw]
    else:
        incidents = (extractor or _default_extractor())(art)
    return [clean_incident(art, inc) for inc in incidents]


def _admit(store: Store, art: Article, rep: IngestReport) -> Admission | None:
    """The store's admission of a cleaned article, or None (counted) when it is stored."""
    admission = store.admit(art)
    if admission.duplicate_of is None:
        return admission
    _count_duplicate(rep, admission)
    return None


def _count_duplicate(rep: IngestReport, admission: Admission) -> None:
    dup = admission.duplicate_of
    rep.duplicates += 1
    if dup is not None:
        rep.duplicate_of[admission.article.article_id] = dup
    log.info("article %s already stored (%s)", admission.article.article_id, dup)


def _store_new(
    store: Store,
    art: Article,
    incidents: list[Incident],
    rep: IngestReport,
    extractor: Extractor | None,
    use_embedded: bool,
) -> None:
    """Store an extracted article unless the store holds it by now: one admission,
    under the write lock, that sees what was stored since the writer's first look."""
    admission, stored = store.add_if_new(art, incidents)
    if stored is not None:
        _count_stored(rep, admission, stored, len(incidents))
    elif admission.duplicate is not None:
        _count_duplicate(rep, admission)
    else:
        # Renamed (its id holds another text): ids and evidence follow the article's id.
        # The shipped extractor reads the text, never the id, so its records are re-keyed,
        # not extracted again: a Dask writer would load the whole extractor for it.
        if extractor is None and not use_embedded:
            incidents = rekeyed(admission.article, incidents)
        else:
            incidents = extract_incidents(admission.article, extractor, use_embedded)
        _store(store, admission, incidents, rep)


def rekeyed(art: Article, incidents: list[Incident]) -> list[Incident]:
    """The records the shipped extractor made of `art` under an earlier id, under the id
    `art` has now: evidence moved to it and the incident ids minted from it
    (`records.assign_ids`), as extracting `art` again gives (in the same order)."""
    out = [clean_incident(art, inc.model_copy(update={"evidence": [
        ev.model_copy(update={"article_id": art.article_id}) for ev in inc.evidence
    ]})) for inc in incidents]  # fmt: skip
    assign_ids(art, out)
    return out


def _store(
    store: Store, admission: Admission, incidents: list[Incident], rep: IngestReport
) -> None:
    stored = store.add_article(admission, incidents)
    if stored is None:  # another writer stored it meanwhile
        rep.duplicates += 1
        return
    _count_stored(rep, admission, stored, len(incidents))


def _count_stored(
    rep: IngestReport, admission: Admission, stored: tuple[int, int], reports: int
) -> None:
    created, merged = stored
    rep.added += 1
    rep.article_ids.append(admission.article.article_id)
    rep.reports += reports
    rep.incidents_created += created
    rep.reports_merged += merged


# ---------------------------------------------------------------- in two halves
# A backfill on a cluster (ingest/distributed.py) runs the first half on the
# workers (clean-up and extraction need no store) and the second on one writer,
# in the serial order: the same functions as above, so the store ends up the same.


@dataclass(frozen=True)
class Prepared:
    """One article after clean-up and extraction, for the writer.
    `article` None: clean-up rejected it (`reason`); `reason` with an article:
    extraction failed, which counts only if the store does not hold it already."""

    article_id: str
    article: Article | None = None
    incidents: list[Incident] | None = None
    reason: str | None = None


def clean_or_reject(art: Article) -> Article | Prepared:
    """The cleaned article, or the rejection (with its reason) that clean-up gave it."""
    try:
        return clean_article(art)
    except Exception as exc:
        return Prepared(getattr(art, "article_id", "?"), reason=_reason(exc))


def prepare(
    art: Article, extractor: Extractor | None = None, use_embedded: bool = False
) -> Prepared:
    """The store-free half of ingesting `art`: clean it up and extract its incidents."""
    cleaned = clean_or_reject(art)
    if isinstance(cleaned, Prepared):
        return cleaned
    art, aid = cleaned, cleaned.article_id
    try:
        return Prepared(aid, art, extract_incidents(art, extractor, use_embedded))
    except Exception as exc:
        log.error("article %s: extraction failed", aid, exc_info=exc)
        return Prepared(aid, art, reason=_reason(exc))


def prepare_many(arts: list[Article]) -> list[Prepared]:
    """`prepare` of each cleaned article with the shipped extractor, the batch parsed
    together (`Extractor.extract_batch`): what a worker process of ingest/workers.py
    does with one task."""
    from incidentwatch.extract.pipeline import get_extractor

    out: list[Prepared] = []
    for art, got in zip(arts, get_extractor().extract_batch(arts), strict=True):
        if isinstance(got, Exception):
            log.error("article %s: extraction failed", art.article_id, exc_info=got)
            out.append(Prepared(art.article_id, art, reason=_reason(got)))
        else:
            out.append(Prepared(art.article_id, art, [clean_incident(art, i) for i in got]))
    return out


def store_prepared(
    store: Store,
    item: Prepared,
    rep: IngestReport,
    extractor: Extractor | None = None,
    use_embedded: bool = False,
) -> None:
    """The writer's half: admit, then merge and store, counted in `rep` as
    `ingest_articles` counts the same article."""
    rep.seen += 1
    if item.article is None:
        rep.rejected.append(Rejected(item.article_id, item.reason or "rejected"))
        log.warning("article %s rejected: %s", item.article_id, item.reason)
        return
    try:
        if item.reason is not None:
            # Extraction failed: a failure only if the store does not hold the article.
            if _admit(store, item.article, rep) is not None:
                rep.rejected.append(Rejected(item.article_id, item.reason))
            return
        _store_new(store, item.article, item.incidents or [], rep, extractor, use_embedded)
    except Exception as exc:
        _reject(rep, item.article_id, exc)


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
