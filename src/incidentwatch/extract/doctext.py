"""A parse's text, built once per document (issue 15).

spaCy's `Doc.text` is not stored: each read joins every token's text again
(~0.15 ms for a wire story). Rules that look at the characters around a span read
it tens of times an article; through `doc_text` the document's text is joined once
and kept in the document's own `user_data`, so it lives and dies with the parse
(a Doc's text never changes once tokenized).
"""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "incidentwatch:text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined on the first call for this document only."""
    got: str | None = doc.user_data.get(_KEY)
    if got is None:
        got = doc.user_data[_KEY] = doc.text
    return got
