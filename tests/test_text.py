"""Author prose becomes the same safe HTML whichever way it is converted."""

from __future__ import annotations

import pytest

from generator.build import Project, check
from generator.render.text import _markdown_prose, _plain_paragraphs, lists_interrupt_paragraphs, prose
from tests.conftest import ROOT

EDGES = ["a\nb", "a\n\nb", "a\n\n\nb", "\nlead", "x & y", 'He said "hi", it\'s £5 — ok…', "50% of 1.5", "(brackets) / slashes", "é ü 你好",
         "2024. A year", "x\n2024. A year", "text - dash", "A = B", "why?", "a{b}c", "a$b", "a  b", "H&F", "&amp;", "x\u00a0y", "**bold**",
         "[link](https://example.org)", "- item", "1. item", "  indented", "trailing  \nbreak", "<b>tag</b>", "a\tb",
         "**Lead.** Then text", "x **b** y **c** z", "foo**bar**baz", "** spaced **", "**open", "***triple***", "**a\nb**", "s52_applies here",
         "_em_", "a_b_c", "__dunder__", "**bold & more**", "**a _b_ c**", "**[link](https://example.org)**",
         "Intro:\n- a\n- b", "Intro:\n\n- a\n- b\n\nAfter.", "- a\n- b", "1. one\n2. two", "3. three\n4. four", "- a\ncontinued\n- b", "- a\n\n- b",
         "- a\n1. b", "1. a\n\n- b", "- **Bold.** text\n- b & c", "-a\n-b", "- \n- b", "- a\n  - nested", "10. ten\n11. eleven", "1) one",
         "**a**_b_**c**", "a**_b_**c", "- **a**_b_**c**", "\u2009a", "- \u2009a", "a\n\n\u2009", "", "- a\n- ", "Steps\n1) do x\n2) do y", "a \u3000",
         "* a\n* b", "+ a\n+ b", "- a\n* b", "1. a\n- b", "- a\n+ b"]


def real_prose() -> list[str]:
    catalog = check(Project(ROOT)).catalog
    assert catalog is not None
    texts = []
    for c in catalog.case_studies:
        texts += [c.summary, c.context, c.approach, *c.lessons, *(d.detail for d in c.disputes)]
    for c in catalog.clauses:
        texts += [c.purpose, c.use_when, c.avoid_when, *c.drafting_notes]
    for i in catalog.indicators:
        texts += [i.definition, i.evidence, *i.pitfalls]
    return texts


def test_plain_prose_shortcut_matches_markdown_on_every_real_text_and_edge_case() -> None:
    texts = [lists_interrupt_paragraphs(t) for t in real_prose() + EDGES]  # as _prose does before either way
    shortcut = [(t, _plain_paragraphs(t)) for t in texts]
    taken = [(t, html) for t, html in shortcut if html is not None]
    assert len(taken) > len(texts) // 2, "the shortcut should serve most real prose"
    assert [t for t, html in taken if html != _markdown_prose(t)] == []


@pytest.mark.parametrize("text", ["***triple***", "_em_", "**a _b_ c**", "- a\n\n- b", "- a\n1. b", "[link](https://example.org)", "<b>tag</b>", "H&F", "x\u00a0y", "  indented"])
def test_anything_that_might_be_markup_goes_through_markdown(text: str) -> None:
    assert _plain_paragraphs(text) is None
    assert str(prose(text)) == _markdown_prose(text)


def test_a_list_straight_after_a_line_of_text_is_a_list() -> None:
    html = str(prose("The network brought in:\n- the county council;\n- the police.\n\nSix principles:\n1. **Jobs.** Local jobs.\n2. Fair pay."))
    assert html == ("<p>The network brought in:</p>\n<ul>\n<li>the county council;</li>\n<li>the police.</li>\n</ul>\n"
                    "<p>Six principles:</p>\n<ol>\n<li><strong>Jobs.</strong> Local jobs.</li>\n<li>Fair pay.</li>\n</ol>")


def test_a_wrapped_line_starting_with_a_number_stays_text() -> None:
    assert str(prose("Read the Act at section\n52. The rest follows.")) == "<p>Read the Act at section\n52. The rest follows.</p>"


def test_a_numbered_list_in_a_document_keeps_its_numbers() -> None:
    import generator.render  # noqa: F401 - the packs import the renderers first
    from generator.packs.document import plain_text

    assert plain_text("Decide:\n1. first;\n2. second.\n\nThen:\n- one\n- two") == "Decide:\n1. first;\n2. second.\nThen:\n• one\n• two"
