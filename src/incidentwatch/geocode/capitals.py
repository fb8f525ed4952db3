"""Named-capital phrases: "the Syrian capital", "Burkina Faso's capital", "the
capital of Iraq" name the capital city of the country, not the country.

Three small rules, each a pattern over the words of `capital_words.toml`:
- ``demonym-capital``: a demonym (demonyms.tsv) right before the head word;
- ``country-possessive-capital``: a country mention, a possessive, the head word;
- ``capital-of-country``: the head word, "of", then a country mention.
The words are data; the code only joins them.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from incidentwatch.geocode.normalise import loose

FILE = "capital_words.toml"


def _alt(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) or r"(?!)"


@dataclass(frozen=True)
class CapitalWords:
    capital: tuple[str, ...] = ()
    possessive: tuple[str, ...] = ()
    of: tuple[str, ...] = ()

    @classmethod
    def load(cls, path: Path) -> CapitalWords:
        if not path.exists():
            return cls()
        with open(path, "rb") as fh:
            doc = tomllib.load(fh)

        def words(key: str) -> tuple[str, ...]:
            # Longest first, so "capital city" wins over "capital".
            found = (str(w) for w in doc.get(key, []) if str(w).strip())
            return tuple(sorted(found, key=len, reverse=True))

        return cls(words("capital"), words("possessive"), words("of"))

    def _head(self) -> str:
        return rf"(?i:{_alt(self.capital)})(?!\w)"

    def demonym_capital(
        self, text: str, demonyms: Mapping[str, str]
    ) -> Iterator[tuple[int, int, str]]:
        """Rule demonym-capital: (start, end, country) of each "Syrian capital"."""
        if not self.capital:
            return
        pat = re.compile(rf"(?<!\w)([A-Z][\w’'\-]*)\s+{self._head()}")
        for m in pat.finditer(text):
            cc = demonyms.get(loose(m.group(1)))
            if cc:
                yield m.start(), m.end(), cc

    def possessive_capital(self, text: str, end: int) -> int | None:
        """Rule country-possessive-capital: where "'s capital" after a country
        name ending at ``end`` ends, if it follows."""
        if not self.capital or not self.possessive:
            return None
        pat = re.compile(rf"(?:{_alt(self.possessive)})\s+{self._head()}")
        m = pat.match(text, end)
        return m.end() if m else None

    def capital_of(self, text: str, start: int) -> int | None:
        """Rule capital-of-country: where "capital of " before a country name
        starting at ``start`` begins, if it is there."""
        if not self.capital or not self.of:
            return None
        pat = re.compile(rf"(?<!\w){self._head()}\s+(?i:{_alt(self.of)})\s+$")
        m = pat.search(text[max(0, start - 40) : start])
        return start - len(m.group(0)) if m else None
