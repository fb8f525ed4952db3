"""A text that names places thousands of times costs the geocoder time in proportion to
the names, not their square: the names next to each one are found from an index by
position (`resolver._ByStart`), and mentions are told apart by identity. The index
gives the answers a scan of every mention gave."""

from __future__ import annotations

import random
import time

from incidentwatch.geocode import Geocoder
from incidentwatch.geocode.resolver import NEXT_TO_CHARS, Mention, _ByStart


def _layout(seed: int) -> list[Mention]:
    """Mentions of random lengths at random places, some overlapping, some repeated in
    the list (as an admin key's list may hold one mention twice), in no fixed order."""
    rng = random.Random(seed)
    ms = []
    for _ in range(rng.randint(0, 60)):
        start = rng.randint(0, 600)
        ms.append(Mention(start, start + rng.randint(1, 35), "x", []))
    ms += rng.sample(ms, k=min(len(ms), rng.randint(0, 5)))
    rng.shuffle(ms)
    return ms


def _scan_adjacent(m: Mention, ms: list[Mention]) -> list[Mention]:
    reach = NEXT_TO_CHARS
    return [
        o
        for o in ms
        if o is not m and (0 <= o.start - m.end < reach or 0 <= m.start - o.end < reach)
    ]


def _scan_next_to(m: Mention, ms: list[Mention]) -> Mention | None:
    others = [o for o in ms if o is not m]
    if not others:
        return None
    near = min(abs(o.start - m.end) if o.start >= m.end else abs(m.start - o.end) for o in others)
    if near >= NEXT_TO_CHARS:
        return None
    return min(others, key=lambda o: abs(o.start - m.start))


def test_the_index_answers_as_a_scan_of_every_mention() -> None:
    for seed in range(300):
        ms = _layout(seed)
        index = _ByStart(ms)
        outsider = Mention(300, 310, "y", [])  # a mention not in the list
        for m in [*ms, outsider]:
            assert index.adjacent(m) == _scan_adjacent(m, ms), seed
            assert index.next_to(m) is _scan_next_to(m, ms), seed
            assert index.has_other(m) == any(o is not m for o in ms), seed


def _cpu_seconds(geo: Geocoder, text: str) -> float:
    # A new text each time: the geocoder keeps its last analyses.
    t = time.process_time()
    geo.mentions(text)
    geo.locate(text, 0, len(text))
    return time.process_time() - t


def test_a_name_repeated_thousands_of_times_costs_time_in_proportion(geo: Geocoder) -> None:
    # Eight times the names: about eight times the work when linear, sixty-four when
    # every mention looks at every other (as it did: minutes for 5,000 names).
    small = min(_cpu_seconds(geo, "Kirkuk " * 300 + f"run {i}.") for i in range(2))
    large = _cpu_seconds(geo, "Kirkuk " * 2400 + "run 3.")
    assert large < 25 * small, (small, large)
