"""Regular expressions built from data words, compiled once per process (issue 15).

Python's `re` keeps only the last 512 patterns it compiled. The rules build one
pattern per country name and per target, weapon or repeat word, several hundred
for each segment, so together they overflowed that cache and the same patterns
were compiled again article after article (~80 compiles an article). Compiling
through this cache gives the same pattern objects' matches, once.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Bigger than every data word list together, bounded so hostile input that reaches
# a pattern (a toll's own words) cannot grow it without end.
_SIZE = 16_384


@lru_cache(maxsize=_SIZE)
def compiled(pattern: str) -> re.Pattern[str]:
    """`re.compile(pattern)`, cached for the process."""
    return re.compile(pattern)


def whole_word(word: str, left: str = r"(?<!\w)", right: str = r"(?!\w)") -> re.Pattern[str]:
    """The pattern of `word` as written (escaped), between the two boundary lookarounds."""
    return compiled(f"{left}{re.escape(word)}{right}")
