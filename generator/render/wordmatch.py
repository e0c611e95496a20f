"""difflib's SequenceMatcher for word-and-space tokens, with the same answers in a fraction of the time.

A clause's text split into runs of spaces and runs of other characters alternates between the two.
difflib (without junk) finds the longest matching block by walking every pair of equal tokens, and
a single space equals half of all tokens on either side: almost all of its time goes on those pairs.
Here only pairs of equal words are walked; a space between two matching words extends their block,
and a lone matching space counts only when no block holds a word. The block returned (the longest;
of those the one starting earliest in the old text, then in the new) is the one difflib returns,
so the opcodes, and the pages built from them, are the same (tests/test_text.py compares them).
"""

from __future__ import annotations

import difflib
from bisect import bisect_left
from collections.abc import Sequence


def alternates(tokens: Sequence[str]) -> bool:
    """Whether runs of spaces and runs of other characters alternate (as a split on whitespace gives)."""
    return all(tokens) and all(tokens[i][0].isspace() != tokens[i + 1][0].isspace() for i in range(len(tokens) - 1))


def matcher(a: Sequence[str], b: Sequence[str]) -> difflib.SequenceMatcher:
    """A matcher giving difflib's opcodes for two token lists (without junk)."""
    if alternates(a) and alternates(b):
        return _WordMatcher(None, a, b, autojunk=False)
    return difflib.SequenceMatcher(None, a, b, autojunk=False)


class _WordMatcher(difflib.SequenceMatcher):
    """SequenceMatcher whose longest-match search walks pairs of equal words only (see the module)."""

    def find_longest_match(self, alo: int = 0, ahi: int | None = None, blo: int = 0, bhi: int | None = None) -> difflib.Match:
        a, b, b2j = self.a, self.b, self.b2j
        ahi = len(a) if ahi is None else ahi
        bhi = len(b) if bhi is None else bhi
        size, best_i, best_j = 0, alo, blo
        previous: dict[int, int] = {}  # j: length of the block ending at the equal words (i - 2, j), in range
        previous_i = -1
        for i in range(alo, ahi):
            if a[i][0].isspace():
                continue
            row: dict[int, int] = {}
            js = b2j.get(a[i], ())
            for index in range(bisect_left(js, blo), len(js)):
                j = js[index]
                if j >= bhi:
                    break
                k = 1
                if i > alo and j > blo and a[i - 1] == b[j - 1]:
                    k = 2 + (previous.get(j - 2, 0) if previous_i == i - 2 else 0)
                row[j] = k
                end = k + 1 if i + 1 < ahi and j + 1 < bhi and a[i + 1] == b[j + 1] else k  # a matching space after the word
                start_i, start_j = i - k + 1, j - k + 1
                if end > size or (end == size and (start_i, start_j) < (best_i, best_j)):
                    size, best_i, best_j = end, start_i, start_j
            previous, previous_i = row, i
        if size > 1:
            return difflib.Match(best_i, best_j, size)
        return _first_pair(a, b2j, alo, ahi, blo, bhi)  # every block has length 0 or 1: the earliest wins


def _first_pair(a: Sequence[str], b2j: dict[str, list[int]], alo: int, ahi: int, blo: int, bhi: int) -> difflib.Match:
    """The earliest pair of equal tokens in range (in the old text, then the new), or an empty match."""
    for i in range(alo, ahi):
        js = b2j.get(a[i], ())
        index = bisect_left(js, blo)
        if index < len(js) and js[index] < bhi:
            return difflib.Match(i, js[index], 1)
    return difflib.Match(alo, blo, 0)
