"""The word-level comparison of clause versions gives difflib's own opcodes, faster."""

from __future__ import annotations

import difflib
import random
import re
from itertools import pairwise

from generator.build import Project, check
from generator.render.versions import versions
from generator.render.wordmatch import alternates, matcher
from tests.conftest import ROOT

TOKENS = re.compile(r"\s+|[^\s]+")  # as generator/render/versions.py splits a text


def _same_as_difflib(a: list[str], b: list[str]) -> bool:
    ours, theirs = matcher(a, b), difflib.SequenceMatcher(None, a, b, autojunk=False)
    return ours.get_opcodes() == theirs.get_opcodes() and ours.get_matching_blocks() == theirs.get_matching_blocks()


def test_real_clause_versions_compare_as_difflib_does() -> None:
    catalog = check(Project(ROOT)).catalog
    assert catalog is not None
    pairs = [(old.text, new.text) for c in catalog.clauses for old, new in pairwise(versions(c, {}))]
    assert pairs
    assert all(_same_as_difflib(TOKENS.findall(old), TOKENS.findall(new)) for old, new in pairs)


def test_random_texts_and_ranges_match_difflib() -> None:
    rng = random.Random(16)
    words, spaces = ["a", "b", "c", "the", "of", "x"], [" ", "  ", "\n", " \n\n", "\u00a0"]

    def text() -> str:
        parts = [rng.choice(spaces)] if rng.random() < 0.5 else []
        for _ in range(rng.randint(0, 25)):
            parts += [rng.choice(words), rng.choice(spaces)]
        return "".join(parts[: len(parts) - rng.randint(0, 1)])

    for _ in range(3000):
        a = TOKENS.findall(text())
        b = TOKENS.findall(text()) if rng.random() < 0.6 else [t.replace("a", "b") if rng.random() < 0.1 else t for t in a]
        assert _same_as_difflib(a, b), (a, b)
        ours, theirs = matcher(a, b), difflib.SequenceMatcher(None, a, b, autojunk=False)
        for _ in range(3):
            alo, blo = rng.randint(0, len(a)), rng.randint(0, len(b))
            ahi, bhi = rng.randint(alo, len(a)), rng.randint(blo, len(b))
            assert ours.find_longest_match(alo, ahi, blo, bhi) == theirs.find_longest_match(alo, ahi, blo, bhi)


def test_tokens_that_do_not_alternate_use_difflib_itself() -> None:
    assert not alternates(["a", "b"]) and not alternates([" ", "\n"]) and not alternates(["a", ""]) and alternates(["a", " ", "b"])
    assert type(matcher(["a", "b"], ["a"])) is difflib.SequenceMatcher
