"""Author prose becomes the same safe HTML whichever way it is converted."""

from __future__ import annotations

import pytest

from generator.build import Project, check
from generator.render.text import _markdown_prose, _plain_paragraphs, prose
from tests.conftest import ROOT

EDGES = ["a\nb", "a\n\nb", "a\n\n\nb", "\nlead", "x & y", 'He said "hi", it\'s £5 — ok…', "50% of 1.5", "(brackets) / slashes", "é ü 你好",
         "2024. A year", "x\n2024. A year", "text - dash", "A = B", "why?", "a{b}c", "a$b", "a  b", "H&F", "&amp;", "x\u00a0y", "**bold**",
         "[link](https://example.org)", "- item", "1. item", "  indented", "trailing  \nbreak", "<b>tag</b>", "a\tb",
         "**Lead.** Then text", "x **b** y **c** z", "foo**bar**baz", "** spaced **", "**open", "***triple***", "**a\nb**", "s52_applies here",
         "_em_", "a_b_c", "__dunder__", "**bold & more**", "**a _b_ c**", "**[link](https://example.org)**"]


def real_prose() -> list[str]:
    catalog = check(Project(ROOT)).catalog
    assert catalog is not None
    texts = []
    for c in catalog.case_studies:
        texts += [c.summary, c.context, c.approach, *c.lessons]
    for c in catalog.clauses:
        texts += [c.purpose, c.use_when, c.avoid_when, *c.drafting_notes]
    for i in catalog.indicators:
        texts += [i.definition, i.evidence, *i.pitfalls]
    return texts


def test_plain_prose_shortcut_matches_markdown_on_every_real_text_and_edge_case() -> None:
    texts = real_prose() + EDGES
    shortcut = [(t, _plain_paragraphs(t)) for t in texts]
    taken = [(t, html) for t, html in shortcut if html is not None]
    assert len(taken) > len(texts) // 2, "the shortcut should serve most real prose"
    assert [t for t, html in taken if html != _markdown_prose(t)] == []


@pytest.mark.parametrize("text", ["***triple***", "_em_", "**a _b_ c**", "[link](https://example.org)", "- item", "<b>tag</b>", "H&F", "x\u00a0y", "  indented"])
def test_anything_that_might_be_markup_goes_through_markdown(text: str) -> None:
    assert _plain_paragraphs(text) is None
    assert str(prose(text)) == _markdown_prose(text)
