"""The extractor: article -> incidents, each value with its evidence spans.

Stages (extract/stages/, each a small module with one job, over a per-article
`ArticleContext`):
1. cues: event cue words (cues.toml) and event segments;
2. background: drop cues that are talk, trends, hypotheticals (rules/background.py);
3. candidate: each segment's casualties (figures), date, place (geocoder), actors;
4. grouping: merge tellings of the same incident (rules/grouping.py), absorb vague
   retellings, drop series totals;
5. building: type each group, split "targeted twice" / "Sunday through Wednesday"
   dividing totals (codebook 1), and build the record with evidence.

The `Extractor` holds only what every article shares (model, language pack, matchers,
geocoder, enabled rules) and is never written after construction: one extractor can
serve several threads.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span

from incidentwatch.extract import fastlemma, fastruler
from incidentwatch.extract.actors import ActorMatcher
from incidentwatch.extract.context import SHORT_REPORT_CHARS, ArticleContext, Candidate
from incidentwatch.extract.fastlemma import dictionary_words
from incidentwatch.extract.geocoding import FailureCount, Geocoder, default_geocoder
from incidentwatch.extract.lang import LanguagePack, get_pack
from incidentwatch.extract.lang.ar.extractor import ArabicExtractor
from incidentwatch.extract.lang.detect import detect_language
from incidentwatch.extract.record_filter import RecordFilter
from incidentwatch.extract.registry import Rule, check_names, rules_of
from incidentwatch.extract.resources import Knowledge
from incidentwatch.extract.rules.article import Passing
from incidentwatch.extract.selective import SelectiveParser, neighbours_from_env
from incidentwatch.extract.stages import building, grouping
from incidentwatch.extract.stages.candidate import candidate, header_day
from incidentwatch.extract.stages.cues import find_cues, reread_names, segments
from incidentwatch.extract.stages.place import article_country
from incidentwatch.records import Article, Incident, assign_ids, iso_date

log = logging.getLogger(__name__)


@cache
def load_nlp(lang: str = "en") -> Language:
    pack = get_pack(lang)
    nlp = spacy.load(pack.model)
    nlp.max_length = 2_100_000
    # The same annotations as the model's attribute ruler, for a tenth of its CPU.
    fastruler.install(nlp)
    # The same lemmas by lookups, for a fifth of the rule lemmatizer's CPU.
    fastlemma.install(nlp)
    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, Tokenizer):
        for abbr in pack.special_cases():
            # Keep "Capt." one token so the parser does not end the sentence after it.
            tokenizer.add_special_case(abbr, [{ORTH: abbr}])
            tokenizer.add_special_case(abbr.lower(), [{ORTH: abbr.lower()}])
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(TITLE_KEEPS_SENTENCE, before="parser", config={"lang": lang})
        nlp.add_pipe(LEAD_IN_ENDS_SENTENCE, before="parser", config={"lang": lang})
    return nlp


TITLE_KEEPS_SENTENCE = "incidentwatch_title_keeps_sentence"


@Language.factory(TITLE_KEEPS_SENTENCE, default_config={"lang": "en"})
def _title_keeps_sentence(nlp: Language, name: str, lang: str) -> Callable[[Doc], Doc]:
    """A title with a period ("police Capt. Haidir Salih") ends no sentence: one token
    by the tokenizer's special cases, the parser still started a new sentence after it,
    cutting the victim from the verb ("Gunmen assassinated police Capt." and a sentence
    of his name). The word after it is marked as no sentence start, which the parser
    keeps."""
    titles = frozenset(a for t in get_pack(lang).special_cases() for a in (t, t.lower()))

    def keep(doc: Doc) -> Doc:
        for t in doc[:-1]:
            if t.text in titles:
                doc[t.i + 1].is_sent_start = False
        return doc

    return keep


LEAD_IN_ENDS_SENTENCE = "incidentwatch_lead_in_ends_sentence"


@Language.factory(LEAD_IN_ENDS_SENTENCE, default_config={"lang": "en"})
def _lead_in_ends_sentence(nlp: Language, name: str, lang: str) -> Callable[[Doc], Doc]:
    """A paragraph that ends with a colon ("Here is a timeline of this week's events:")
    introduces the paragraphs after it; it is not the start of their first sentence. The
    parser ran on into the next paragraph, whose event then took the lead-in's words
    ("this week") for its own day. The word after the blank line is marked as a sentence
    start. (A blank line after any paragraph was tried: it moved pool tolls and actors.)"""
    marks = get_pack(lang).words("lead-in-marks")

    def start(doc: Doc) -> Doc:
        for t in doc[1:-1]:
            if t.is_space and t.text.count("\n") >= 2 and doc[t.i - 1].text in marks:
                doc[t.i + 1].is_sent_start = True
        return doc

    return start


@cache
def get_extractor() -> Extractor:
    return Extractor()


class Extractor:
    def __init__(
        self,
        nlp: Language | None = None,
        geocoder: Geocoder | None = None,
        *,
        use_geocoder: bool = True,
        lang: str = "en",
        disabled_rules: Iterable[str] = (),
        record_filter: RecordFilter | None = None,
    ):
        self.pack: LanguagePack = get_pack(lang)
        self.nlp = nlp or load_nlp(lang)
        self.kb: Knowledge = self.pack.knowledge
        # Failures of the geocoder cost places, not articles: logged and counted here.
        self.geocode_failures = FailureCount()
        self.geocoder: Geocoder | None = (
            geocoder
            if geocoder is not None
            else (default_geocoder(self.geocode_failures) if use_geocoder else None)
        )
        self.disabled_rules = check_names(disabled_rules)
        # The learned record filter (extract/record_filter.py): off unless given, since
        # out of fold it did not beat the rules alone (docs/extract.md).
        self.record_filter = record_filter
        off = self.disabled_rules
        self.cue_rules: tuple[Rule, ...] = rules_of("cue", off)
        self.parse_word_rules = rules_of("parse-word", off)
        self.cue_added_rules = rules_of("cue-added", off)
        self.context_hit_rules = rules_of("context-hit", off)
        self.clause_split_rules = rules_of("clause-split", off)
        self.dependent_rules = rules_of("background-dependent", off)
        self.governor_rules = rules_of("background-governor", off)
        self.own_rules = rules_of("background", off)
        self.counting: dict[str, Rule] = {r.name: r for r in rules_of("counting", off)}
        self.grouping_rules = rules_of("grouping", off)
        self.suicide_rules = rules_of("suicide-attacker", off)
        self.segment_rules = rules_of("segment", off)
        self.scored_rules = rules_of("segment-scored", off)
        self.article_rules = rules_of("article", off)
        self.series_rules = rules_of("series", off)
        self.retelling_rules = rules_of("retelling", off)
        self.split_rules = rules_of("split", off)
        self.type_cue_rules = rules_of("type-cue", off)
        self.actor1_rules = rules_of("actor1", off)
        self.article_actor_rules = rules_of("article-actor", off)
        self.actor2_rules = rules_of("actor2", off)
        self.acted_upon_rules = rules_of("acted-upon", off)
        self.actor_matcher = ActorMatcher(
            self.nlp, self.kb, self.pack,
            rules_of("actor-mention", off), rules_of("suspected-actor", off),
            rules_of("state-actor", off), rules_of("supporting-actor", off),
        )  # fmt: skip
        self.place_rules = rules_of("not-event-place", off)
        self.place_word_rules = rules_of("place-word", off)
        self.report_day_rules = rules_of("report-day", off)
        self.told_before_rules = rules_of("told-before", off)
        self.header_date_rules = rules_of("header-date", off)
        self.unfixed_day_rules = rules_of("unfixed-day", off)
        self.breaking_rules = rules_of("breaking", off)
        self.phrases = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.lemma_cats: dict[str, list[str]] = {}
        for cat, spec in self.kb.cues.items():
            for lemma in spec.get("lemmas", []):
                self.lemma_cats.setdefault(lemma, []).append(cat)
            pats = [self.nlp.make_doc(p) for p in spec.get("phrases", [])]
            if pats:
                self.phrases.add(cat, pats)
        # Issue 15 prototype, off unless INCIDENTWATCH_SELECTIVE_PARSE is set.
        neighbours = neighbours_from_env()
        self.selective: SelectiveParser | None = (
            SelectiveParser(self.nlp, self.lemma_cats, self.phrases, neighbours)
            if neighbours is not None
            else None
        )
        self.context_phrases = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        for cat, spec in self.kb.context.items():
            pats = [self.nlp.make_doc(p) for p in spec.get("phrases", [])]
            if pats:
                self.context_phrases.add(cat, pats)
        self.not_places = {d.lower() for _n, dems in self.kb.countries.values() for d in dems}
        self.not_places |= set(self.kb.context.get("not_places", {}).get("phrases", []))
        # The language's dictionary (the model's lemmatizer word lists): a capitalised
        # word opening a sentence that is in it is a common word, not a place.
        self.dictionary = dictionary_words(self.nlp)
        self.attackers = set(self.kb.context.get("attackers", {}).get("lemmas", []))
        self.part_of = _compile_any(self.kb.context.get("part_of_series", {}).get("patterns", []))
        self.aggregate = _compile_any(self.kb.context.get("aggregate_toll", {}).get("patterns", []))
        # Arabic articles in a mixed feed go to the Arabic pack (pattern-based: no Arabic
        # parser ships as a wheel), sharing this extractor's geocoder and failure count.
        self.arabic = ArabicExtractor(self.geocoder, self.geocode_failures)

    def language(self, article: Article) -> str:
        """The pack an article goes to: its detected language."""
        return detect_language(article.text)

    # ---- public API -------------------------------------------------------------------
    def extract(self, article: Article) -> list[Incident]:
        if self.language(article) == "ar":
            return self.arabic.extract(article)
        return self._extract_doc(article, self.parse(article.text))

    def extract_many(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Incident]]]:
        buf: list[Article] = []

        def flush() -> Iterator[tuple[Article, list[Incident]]]:
            docs = self.parse_many([a.text for a in buf], batch_size=32)
            for art, doc in zip(buf, docs, strict=True):
                try:
                    yield art, self._extract_doc(art, doc)
                except Exception:
                    log.exception("extraction failed for article %s", art.article_id)
                    yield art, []
            buf.clear()

        for art in articles:
            if self.language(art) == "ar":
                try:
                    yield art, self.arabic.extract(art)
                except Exception:
                    log.exception("extraction failed for article %s", art.article_id)
                    yield art, []
                continue
            buf.append(art)
            if len(buf) >= 32:
                yield from flush()
        if buf:
            yield from flush()

    def extract_batch(self, articles: list[Article]) -> list[list[Incident] | Exception]:
        """`extract` of each article, the English texts parsed together (`nlp.pipe`):
        the incidents, or the exception that article raised, in the articles' order.
        For worker processes (ingest/workers.py), which report a failure per article as
        the serial ingest does instead of giving the article no incidents."""
        out: list[list[Incident] | Exception] = []
        langs = [self.language(a) for a in articles]
        english = [a for a, lang in zip(articles, langs, strict=True) if lang != "ar"]
        parsed: list[Doc | None]
        try:
            parsed = list(self.parse_many([a.text for a in english]))
        except Exception:  # one text the parser cannot take: each on its own below
            log.warning("batch parse failed; parsing the %d articles one by one", len(english))
            parsed = [None] * len(english)
        docs = iter(parsed)
        for art, lang in zip(articles, langs, strict=True):
            try:
                if lang == "ar":
                    out.append(self.arabic.extract(art))
                    continue
                doc = next(docs)
                out.append(self._extract_doc(art, doc if doc is not None else self.parse(art.text)))
            except Exception as exc:
                out.append(exc)
        return out

    # ---- the stages, in order ---------------------------------------------------------
    def candidates(self, article: Article) -> ArticleContext:
        """The article's context after the candidate stage (before grouping): what the
        grouping rules see. For tests and for looking into one article."""
        return self._context(article, self.parse(article.text))

    def parse(self, text: str) -> Doc:
        """The spaCy parse the rules read: the full pipeline, or the selective one."""
        if self.selective is not None:
            return self.selective.pipe([text])[0]
        return self.nlp(text)

    def parse_many(self, texts: list[str], batch_size: int | None = None) -> Iterator[Doc]:
        """`parse` of each text, the texts parsed together (`nlp.pipe`)."""
        if self.selective is not None:
            return iter(self.selective.pipe(texts))
        return self.nlp.pipe(texts, batch_size=batch_size or len(texts) or 1)

    def _extract_doc(self, article: Article, doc: Doc) -> list[Incident]:
        ctx = self._context(article, doc)
        groups = grouping.drop_series_totals(self, grouping.group(self, ctx.candidates, ctx.short))
        grouping.tolls_told_beside(self, groups)
        if not ctx.short:
            groups = self._drop_passing_mentions(ctx.text, grouping.absorb_vague(self, groups))
        out: list[Incident] = []
        for g in groups:
            out.extend(building.build(self, ctx, g))
        assign_ids(article, out)
        if self.record_filter is not None:
            out = self.record_filter.keep(article, out)
        return out

    def _context(self, article: Article, doc: Doc) -> ArticleContext:
        text = article.text
        ctx = ArticleContext(
            ex=self,
            article=article,
            doc=doc,
            pub=iso_date(article.published_at),
            short=len(text) < SHORT_REPORT_CHARS,
        )
        reread_names(self, doc)
        ctx.cues = find_cues(self, doc)
        ctx.actor_spans = self.actor_matcher.find(doc)
        ctx.ctx_hits = [
            (cat, sp.start_char, sp.end_char)
            for m, s, e in self.context_phrases(doc)
            for cat, sp in [(self.nlp.vocab.strings[m], doc[s:e])]
            if not self._no_signal(cat, sp)
        ]
        ctx.place_country, ctx.country_hint = article_country(ctx)
        ctx.header_day = header_day(ctx)
        ctx.breaking = next(
            (hit for r in self.breaking_rules if (hit := r(text, self.pack)) is not None), None
        )
        for c in ctx.cues:
            ctx.sentence_cues.setdefault(c.token.sent.start, []).append(c)
        # A note or narrative (ACLED, GTD, RAND) codes one event: its clauses are not cut.
        split_by = ctx.cues if not ctx.short else []
        for seg_start, seg_end, si in segments(self, doc, split_by, ctx.clause_cuts):
            cues = [c for c in ctx.cues if seg_start <= c.start < seg_end]
            if not cues:
                continue
            cand = candidate(ctx, seg_start, seg_end, si, cues)
            if cand is not None:
                ctx.candidates.append(cand)
        grouping.mark_blog_entries(self, text, ctx.candidates)
        return ctx

    def _no_signal(self, cat: str, hit: Span) -> bool:
        """A `context-hit` rule says this background phrase is no signal in its place."""
        for r in self.context_hit_rules:
            if r(hit, cat, self.pack):
                log.debug("%s phrase %r is no signal: %s", cat, hit.text, r.name)
                return True
        return False

    def _drop_passing_mentions(self, text: str, groups: list[Candidate]) -> list[Candidate]:
        """A long article's groups without the mentions in passing (the "article" rules,
        extract/rules/article.py)."""
        kept = []
        dated = any(c.told_day for g in groups for c in g.all)
        for g in groups:
            hit = next((r for r in self.article_rules if r(Passing(g, dated))), None)
            if hit is not None:
                log.debug("dropped (%s): %s", hit.name, text[g.seg_start : g.seg_end])
                continue
            kept.append(g)
        return kept


def _compile_any(patterns: list[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)
