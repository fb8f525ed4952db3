"""What share of the sentences (and their tokens) of real articles carry an event cue, a
number, a date or a place: the most a gate that runs the parser and NER only on such
sentences could skip (issue 15).

    PYTHONPATH=src .venv/bin/python scripts/cue_share.py [FILES...] [--devdata DIR]

FILES default to `bench ingest`'s articles (the dev set's English news). Sentences are
the stock parse's. A sentence carries a cue when a word may have a cue lemma or a cue
phrase matches (the selective parse's superset test, extract/selective.py), a number
when a token is number-like, a date when a month, weekday, "today"-like word or a year
is in it, a place when the geocoder finds a gazetteer name starting in it.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from incidentwatch.extract.pipeline import get_extractor
from incidentwatch.extract.selective import SelectiveParser
from incidentwatch.ingest.pipeline import clean_article
from incidentwatch.store.bench_ingest import default_files, read_articles

DATE = re.compile(
    r"\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?"
    r"|oct(ober)?|nov(ember)?|dec(ember)?|monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday|today|yesterday|tonight|overnight|last (week|month|year|night)"
    r"|(19|20)\d\d)\b",
    re.IGNORECASE,
)
KINDS = ("cue", "number", "date", "place", "any", "none")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--devdata", type=Path, default=Path("../shared/devdata"))
    args = ap.parse_args()
    ex = get_extractor()
    cues = SelectiveParser(ex.nlp, ex.lemma_cats, ex.phrases, 0)
    arts, _bad = read_articles(args.files or default_files(args.devdata))
    sents = tokens = 0
    n_sents = dict.fromkeys(KINDS, 0)
    n_tokens = dict.fromkeys(KINDS, 0)
    for art in (clean_article(a) for a in arts):
        doc = ex.nlp(art.text)
        places = [m.start for m in ex.geocoder._find(art.text)]
        phrase_tokens = {i for _m, s, e in cues.phrases(doc) for i in range(s, e)}
        for sent in doc.sents:
            has = {
                "cue": any(cues.may_cue(t.lower_) or t.i in phrase_tokens for t in sent),
                "number": any(t.like_num for t in sent),
                "date": DATE.search(sent.text) is not None,
                "place": any(sent.start_char <= p < sent.end_char for p in places),
            }
            has["any"] = any(has.values())
            has["none"] = not has["any"]
            sents += 1
            tokens += len(sent)
            for kind, yes in has.items():
                if yes:
                    n_sents[kind] += 1
                    n_tokens[kind] += len(sent)
    print(f"{len(arts)} articles, {sents} sentences, {tokens} tokens")
    print("| a sentence carrying | sentences | tokens |\n|---|---|---|")
    for kind in KINDS:
        print(f"| {kind} | {n_sents[kind] / sents:.0%} | {n_tokens[kind] / tokens:.0%} |")


if __name__ == "__main__":
    main()
