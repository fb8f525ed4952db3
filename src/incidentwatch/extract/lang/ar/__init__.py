"""The Arabic language pack: data/extract/ar/ and a pattern-based extractor.

No Arabic dependency parser ships as a wheel here, so the Arabic pack reads tokens,
sentences and windows (extract/lang/ar/extractor.py) instead of the parse the English
stages use; it fills the same codebook records, with the same canonical actors and
types, and evidence spans into the Arabic text.
"""

from __future__ import annotations
