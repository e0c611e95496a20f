"""Render an editor-written clause body safely: a tiny, checked subset of Jinja2.

Clause bodies come from editors and partners, so they are held to a whitelist of template
constructs: text, ``{{ variable }}``, ``{% if %}``/``{% elif %}``/``{% else %}`` with
comparisons and and/or/not, and a few harmless filters. No loops, calls, attribute access,
arithmetic, includes or ``|safe``: that leaves no way to escape the sandbox or to build a
resource bomb, and the sandbox and an output limit stay as a second line of defence.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import StrictUndefined, Template, TemplateSyntaxError, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from generator import codecache

MAX_OUTPUT = 50_000
ALLOWED_FILTERS = {"upper", "lower", "capitalize"}
_ALLOWED_NODES = (
    nodes.Template, nodes.Output, nodes.TemplateData, nodes.Name, nodes.Const, nodes.If,
    nodes.Compare, nodes.Operand, nodes.And, nodes.Or, nodes.Not, nodes.CondExpr, nodes.Filter,
)
_CONSTRUCTS = {
    "For": "{% for %} loops", "Include": "{% include %}", "Extends": "{% extends %}", "Import": "{% import %}",
    "FromImport": "{% from ... import %}", "Macro": "{% macro %}", "CallBlock": "{% call %}", "Call": "function calls",
    "Getattr": "attribute access (a.b)", "Getitem": "item access (a[b])", "Assign": "{% set %}", "AssignBlock": "{% set %}",
    "ScopedEvalContextModifier": "{% autoescape %}", "EvalContextModifier": "{% autoescape %}", "Block": "{% block %}",
    "Mul": "arithmetic", "Pow": "arithmetic", "Add": "arithmetic", "Sub": "arithmetic", "Div": "arithmetic",
    "FloorDiv": "arithmetic", "Mod": "arithmetic", "Concat": "the ~ operator", "Test": "tests (is ...)",
    "FilterBlock": "{% filter %}", "With": "{% with %}", "Slice": "slices", "Scope": "{% autoescape %} or {% with %}",
}


class ClauseTemplateError(Exception):
    """A problem in a clause body, at a line counted from the body's first line (1-based)."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line, self.message = line, message


@dataclass(frozen=True)
class Variable:
    """A typed clause variable."""

    name: str
    type: str
    label: str
    description: str = ""
    example: Any = None
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    max_length: int | None = None


class _ClauseEnvironment(ImmutableSandboxedEnvironment):
    def __init__(self) -> None:
        super().__init__(undefined=StrictUndefined, autoescape=False, trim_blocks=True, lstrip_blocks=True)
        self.globals.clear()
        self.filters = {name: self.filters[name] for name in ALLOWED_FILTERS}
        self.tests = {}


ENV = _ClauseEnvironment()
_SOURCE = Path(__file__).read_text(encoding="utf-8")  # what is allowed, and the environment's settings: part of a kept body's key


def _walk(node: nodes.Node) -> Iterator[nodes.Node]:
    yield node
    for child in node.iter_child_nodes():
        yield from _walk(child)


@lru_cache(maxsize=2048)
def _compiled(body: str) -> tuple[Template, dict[str, int]]:
    """The body checked and compiled, with each name's first line. A body checked and compiled
    before (by this module as it is, with this Jinja) is read from generator/codecache.py's folder."""
    key = codecache.key("clause body", jinja2.__version__, _SOURCE, body)
    kept = codecache.load(key)
    if kept is None:
        tree, names = lint_body(body)  # raises for a body that is not allowed: only allowed bodies are kept
        kept = json.dumps(names), ENV.compile(tree)
        codecache.store(key, *kept)
    return Template.from_code(ENV, kept[1], ENV.make_globals(None)), json.loads(kept[0])


def lint_body(body: str) -> tuple[nodes.Template, dict[str, int]]:
    """Parse a body and check it uses only allowed constructs; return the tree and each name's first line."""
    try:
        tree = ENV.parse(body)
    except TemplateSyntaxError as e:
        raise ClauseTemplateError(e.lineno or 1, f"template syntax error: {e.message}") from None
    names: dict[str, int] = {}
    line = 1
    for node in _walk(tree):
        line = node.lineno or line
        if not isinstance(node, _ALLOWED_NODES):
            what = _CONSTRUCTS.get(type(node).__name__, type(node).__name__)
            raise ClauseTemplateError(line, f"{what} not allowed in a clause body; use only {{{{ variable }}}} and {{% if %}}")
        if isinstance(node, nodes.Filter) and node.name not in ALLOWED_FILTERS:
            raise ClauseTemplateError(node.lineno, f"the filter '|{node.name}' is not allowed; allowed: {', '.join(sorted(ALLOWED_FILTERS))}")
        if isinstance(node, nodes.Name):
            if node.name.startswith("_"):
                raise ClauseTemplateError(node.lineno, f"'{node.name}': names starting with '_' are not allowed")
            names.setdefault(node.name, line)
    return tree, names


def format_value(variable: Variable, value: Any) -> str:
    """Show a value the way it reads in a tender: £1,500,000, 10%, 1 April 2026."""
    if variable.type == "money":
        amount = float(value)
        return f"£{amount:,.0f}" if amount.is_integer() else f"£{amount:,.2f}"
    if variable.type == "percentage":
        return f"{float(value):g}%"
    if variable.type == "integer":
        return f"{int(value):,}"
    if variable.type == "date":
        day = dt.date.fromisoformat(str(value))
        return f"{day.day} {day.strftime('%B')} {day.year}"
    return str(value)


def check_value(variable: Variable, value: Any) -> str | None:
    """Say why ``value`` is not acceptable for ``variable``, or None."""
    numeric = variable.type in {"integer", "percentage", "money"}
    if numeric and (isinstance(value, bool) or not isinstance(value, (int, float))):
        return f"expected a number for {variable.type} variable '{variable.name}', got {value!r}"
    if variable.type == "integer" and not float(value).is_integer():
        return f"'{variable.name}' must be a whole number"
    if numeric:
        low = variable.minimum if variable.minimum is not None else 0
        high = 100 if variable.type == "percentage" and variable.maximum is None else variable.maximum
        if value < low or (high is not None and value > high):
            return f"'{variable.name}' is {value:g}; it must be between {low:g} and {high:g}" if high is not None else f"'{variable.name}' must be at least {low:g}"
    if variable.type == "date":
        try:
            dt.date.fromisoformat(str(value))
        except ValueError:
            return f"'{variable.name}' must be a date written YYYY-MM-DD"
    if variable.type == "choice" and value not in variable.choices:
        return f"'{variable.name}' must be one of: {', '.join(variable.choices)}"
    if variable.type == "text" and not isinstance(value, str):
        return f"'{variable.name}' must be text; put it in quotes"
    if variable.type == "text" and variable.max_length and len(value) > variable.max_length:
        return f"'{variable.name}' is longer than {variable.max_length} characters"
    return None


MARK_START, MARK_END = "\ue000", "\ue001"


def placeholder(variable: Variable, mark: bool = False) -> str:
    """The visible stand-in for a value nobody has filled in yet, optionally marked for highlighting."""
    text = f"[{variable.label}]"
    return f"{MARK_START}{text}{MARK_END}" if mark else text


def split_marks(text: str) -> list[tuple[str, bool]]:
    """Split marked text into (piece, is_placeholder) runs."""
    runs: list[tuple[str, bool]] = []
    for i, chunk in enumerate(text.split(MARK_START)):
        if i == 0:
            runs.append((chunk, False))
            continue
        inside, _, after = chunk.partition(MARK_END)
        runs += [(inside, True), (after, False)]
    return [(piece, flag) for piece, flag in runs if piece]


def strip_marks(text: str) -> str:
    """Remove placeholder marks, leaving the plain text."""
    return text.replace(MARK_START, "").replace(MARK_END, "")


def render_body(body: str, variables: list[Variable], values: Mapping[str, Any], mark: bool = False) -> str:
    """Render a clause body with typed values; unset variables show as [Label] placeholders."""
    template, used = _compiled(body)
    declared = {v.name: v for v in variables}
    unknown = sorted(set(used) - set(declared), key=lambda n: used[n])
    if unknown:
        raise ClauseTemplateError(used[unknown[0]], f"the body uses undeclared variable(s): {', '.join(unknown)}; declare them under variables")
    context = {}
    for name, variable in declared.items():
        context[name] = format_value(variable, values[name]) if values.get(name) not in (None, "") else placeholder(variable, mark)
    pieces: list[str] = []
    size = 0
    for chunk in template.generate(context):
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise ClauseTemplateError(1, f"the rendered clause is longer than {MAX_OUTPUT:,} characters")
        pieces.append(chunk)
    return "".join(pieces).strip()
