"""The vectorised SimHash gives the values the stored articles were fingerprinted with."""

from __future__ import annotations

import hashlib
import random

from incidentwatch.ingest import dedupe


def _simhash_by_bits(text: str) -> int:
    """The original definition, one bit at a time: the reference the fast one must match."""
    toks = dedupe.words(text)
    shingles = [" ".join(toks[i : i + 3]) for i in range(max(1, len(toks) - 2))] or [""]
    acc = [0] * 64
    for sh in shingles:
        h = int.from_bytes(hashlib.blake2b(sh.encode("utf-8"), digest_size=8).digest(), "big")
        for bit in range(64):
            acc[bit] += 1 if (h >> bit) & 1 else -1
    return sum(1 << bit for bit in range(64) if acc[bit] > 0)


SAMPLE = (
    "a car bomb exploded near a market in Baqubah on Tuesday killing seven people "
    "police said gunmen opened fire at a checkpoint the ministry عشرة بغداد Mosul"
)
WORDS = SAMPLE.split()


def test_same_values_as_the_bitwise_definition() -> None:
    rng = random.Random(15)
    texts = ["", "one", "two words", "Three words here.", "Ünïcode çase ÉTAGE"]
    texts += [" ".join(rng.choice(WORDS) for _ in range(rng.randrange(0, 300))) for _ in range(300)]
    for t in texts:
        assert dedupe.simhash64(t) == _simhash_by_bits(t), t[:60]


def test_near_identical_texts_stay_close() -> None:
    rng = random.Random(3)
    base = " ".join(rng.choice(WORDS) for _ in range(200))
    edited = base.replace("Tuesday", "Wednesday", 1) + " (Reuters)"
    assert dedupe.hamming(dedupe.simhash64(base), dedupe.simhash64(edited)) <= 12
    other = " ".join(rng.choice(WORDS) for _ in range(200))
    assert dedupe.hamming(dedupe.simhash64(base), dedupe.simhash64(other)) > 12
