"""Clause bodies render safely: typed values, visible placeholders, and no way out of the sandbox."""

from __future__ import annotations

import pytest

from generator.clausetext import ClauseTemplateError, Variable, check_value, render_body, split_marks

VARS = [
    Variable("authority_name", "text", "Name of contracting authority"),
    Variable("weighting", "percentage", "Weighting"),
    Variable("value", "money", "Contract value"),
    Variable("start", "date", "Start date"),
    Variable("count", "integer", "Number of apprenticeships", minimum=1, maximum=500),
    Variable("freq", "choice", "Reporting frequency", choices=("quarterly", "annually")),
]


def test_values_are_formatted_for_tenders() -> None:
    body = "{{ authority_name }}: {{ weighting }}, {{ value }}, {{ start }}, {{ count }}, {{ freq }}"
    values = {"authority_name": "Anytown Council", "weighting": 12.5, "value": 1500000, "start": "2026-04-01", "count": 1200, "freq": "annually"}
    assert render_body(body, VARS, values) == "Anytown Council: 12.5%, £1,500,000, 1 April 2026, 1,200, annually"


def test_missing_values_show_as_visible_placeholders_never_empty() -> None:
    assert render_body("{{ authority_name }} weights {{ weighting }}.", VARS, {}) == "[Name of contracting authority] weights [Weighting]."


def test_placeholders_can_be_marked_for_highlighting() -> None:
    marked = render_body("A {{ authority_name }} B", VARS, {}, mark=True)
    assert split_marks(marked) == [("A ", False), ("[Name of contracting authority]", True), (" B", False)]


def test_conditional_text() -> None:
    body = "{% if freq == 'quarterly' %}Every quarter.{% elif freq == 'annually' %}Every year.{% else %}As agreed.{% endif %}"
    assert render_body(body, VARS, {"freq": "annually"}) == "Every year."
    assert render_body(body, VARS, {}) == "As agreed."


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "not allowed"),
        ("{{ cycler.__init__.__globals__ }}", "not allowed"),
        ("{{ lipsum.__globals__ }}", "not allowed"),
        ("{{ range(10) }}", "function calls"),
        ("{{ authorty_name }}", "undeclared variable(s): authorty_name"),
        ("{% if %}x{% endif %}", "syntax error"),
        ("{% for x in y %}", "syntax error"),
        ("{{ x|nope }}", "'|nope' is not allowed"),
        ("{{ 'A' * 10**8 }}", "arithmetic"),
        ("{% for a in [1] %}{% for b in [2] %}x{% endfor %}{% endfor %}", "loops"),
        ("{{ authority_name|safe }}", "'|safe' is not allowed"),
        ("{% autoescape false %}x{% endautoescape %}", "autoescape"),
        ("{% include 'x' %}", "include"),
        ("{% extends 'x' %}", "extends"),
        ("{% set x = 1 %}", "set"),
        ("{{ authority_name ~ authority_name }}", "~"),
    ],
)
def test_unsafe_or_broken_bodies_are_refused(body: str, message: str) -> None:
    with pytest.raises(ClauseTemplateError) as caught:
        render_body(body, VARS, {})
    assert message in caught.value.message


def test_error_lines_count_from_the_body() -> None:
    with pytest.raises(ClauseTemplateError) as caught:
        render_body("first\nsecond\n{{ nope }}\n", VARS, {})
    assert caught.value.line == 3


def test_output_size_is_limited() -> None:
    with pytest.raises(ClauseTemplateError, match="longer than"):
        render_body("{{ authority_name }}", VARS, {"authority_name": "x" * 60_000})


def test_hostile_values_are_kept_as_text() -> None:
    text = render_body("{{ authority_name }}", VARS, {"authority_name": "<script>alert(1)</script> </w:t> ]]>"})
    assert text == "<script>alert(1)</script> </w:t> ]]>"


@pytest.mark.parametrize(
    ("name", "value", "problem"),
    [
        ("weighting", 101, "between 0 and 100"),
        ("weighting", -1, "between 0 and 100"),
        ("weighting", "10%", "expected a number"),
        ("count", 0, "between 1 and 500"),
        ("count", 2.5, "whole number"),
        ("start", "2026-02-30", "YYYY-MM-DD"),
        ("freq", "weekly", "one of: quarterly, annually"),
        ("authority_name", 12, "must be text"),
        ("value", True, "expected a number"),
    ],
)
def test_values_are_checked_against_their_type(name: str, value: object, problem: str) -> None:
    variable = next(v for v in VARS if v.name == name)
    assert problem in (check_value(variable, value) or "")
