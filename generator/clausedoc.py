"""The clause document model: a clause body rendered once into blocks that every output is written from.

A clause body (see ``clausetext``) renders to a flat sequence of blocks, in the manner of a
Markdown token stream: headings, paragraphs, list items with their marker and level, and the
marked choices of an alternative whose variable has no value yet. The web page, the copied text,
DOCX, ODT, Markdown and the manifest are writers of these blocks, so they cannot disagree on
structure or on which text a reader sees.

How the body's text becomes blocks (the conventions clause authors write to):

- every line of the rendered body is a block; blank lines only separate groups for the eye;
- a line that starts with ``(a)``, ``(ii)``, ``1.`` or ``B1.`` (or ``-``/``•``) is a list item. Numbered
  items are level 1; lettered items are level 2 once a numbered item has appeared since the last
  heading (otherwise level 1); roman items are one level below lettered ones. Markers stay literal
  text, so cross-references such as "(a) to (e)" survive pasting and renumbering;
- a short line (twelve words or fewer) with no colon and no closing punctuation is a sub-heading;
- anything else is a paragraph.

How alternatives read when their variable has no value (``{% if %}`` whose test cannot be decided):

- every branch is shown, never resolved: ``[Option A – <label>: "x"] text``, then
  ``[Option B – otherwise] text``; a branch with no text reads ``– leave this out``;
- a condition on a line of its own (a block choice) becomes ``[Choose one option: <labels>]``, then each
  option line followed by its blocks one level deeper, then ``[End of options]``; a condition inside a
  sentence (an inline choice) stays inside its line, its labels marked like placeholders;
- ``elif`` chains are decided as far as the values allow: a test that can be decided false drops its
  branch, one decided true wins; the first undecidable test opens a choice among the branches left;
- tests of one variable against values read ``<label>: "a" or "b"``; other tests read as a sentence
  (``where <label> is more than 10 and ...``); an ``else`` after tests on one choice variable names the
  choices that are left (``<label>: "b" or "c"``), otherwise it reads ``otherwise``;
- a choice inside an option is nested: its blocks are one level deeper again.
A clause whose variables are all set contains only the chosen text (the sample test checks it equals
Jinja's own rendering).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from jinja2 import nodes

from generator.clausetext import ENV, MAX_OUTPUT, ClauseTemplateError, Variable, _compiled, format_value

Run = tuple[str, str]  # (text, style): style "" plain, "placeholder" an unfilled value, "option" a choice label


@dataclass(frozen=True)
class ClauseBlock:
    """One block of clause text: heading, paragraph, item, choice, option or end."""

    kind: str
    runs: tuple[Run, ...]
    marker: str = ""
    level: int = 0
    depth: int = 0

    @property
    def text(self) -> str:
        return "".join(piece for piece, _ in self.runs)

    @property
    def full_text(self) -> str:
        """The text a reader sees, marker included."""
        return f"{self.marker} {self.text}" if self.marker else self.text


@dataclass(frozen=True)
class ClauseDocument:
    """A rendered clause: its blocks, and whether any alternative is still open."""

    blocks: tuple[ClauseBlock, ...]

    @property
    def open_choices(self) -> bool:
        return any(b.kind == "choice" or any(style == "option" for _, style in b.runs) for b in self.blocks)


# --- Walking the body's template tree -------------------------------------------------------


@dataclass
class _Choice:
    """An undecided alternative: (label, tokens) per branch."""

    branches: list[tuple[str, list[Any]]] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)

    def is_block(self) -> bool:
        return any("\n" in _plain(tokens) for _, tokens in self.branches)


def _plain(tokens: list[Any]) -> str:
    out = []
    for token in tokens:
        if isinstance(token, _Choice):
            out += [_plain(t) for _, t in token.branches]
        else:
            out.append(token[0])
    return "".join(out)


_UNDECIDED = object()


class _Walker:
    """Turn a body's tree into tokens, deciding every test the values allow."""

    def __init__(self, variables: Mapping[str, Variable], context: Mapping[str, Any], depth_limit: int = 50):
        self.variables, self.context, self.depth_limit = variables, context, depth_limit

    def nodes(self, body: list[nodes.Node], depth: int = 0) -> list[Any]:
        if depth > self.depth_limit:
            raise ClauseTemplateError(1, f"conditions are nested more than {self.depth_limit} deep")
        tokens: list[Any] = []
        for node in body:
            if isinstance(node, nodes.Output):
                for child in node.nodes:
                    tokens += self.expression(child, depth)
            elif isinstance(node, nodes.If):
                tokens += self.conditional(node, depth)
            elif isinstance(node, nodes.TemplateData):
                tokens.append((node.data, ""))
        return tokens

    def expression(self, node: nodes.Node, depth: int) -> list[Any]:
        if isinstance(node, nodes.TemplateData):
            return [(node.data, "")]
        if isinstance(node, nodes.CondExpr):
            chain = [(node.test, [node.expr1]), (None, [node.expr2] if node.expr2 is not None else [])]
            return self.chain(chain, depth, inline=True)
        value = self.value(node)
        if value is _UNDECIDED:
            return [(self.placeholder_text(node), "placeholder")]
        return [("" if value is None else str(value), "")]

    def placeholder_text(self, node: nodes.Node) -> str:
        text = f"[{self.variables[_names(node)[0]].label}]"
        while isinstance(node, nodes.Filter):
            text = ENV.filters[node.name](text)
            node = node.node
        return text

    def value(self, node: nodes.Node) -> Any:
        """The node's value, or _UNDECIDED when it depends on a variable without one."""
        if isinstance(node, nodes.Const):
            return node.value
        if isinstance(node, nodes.Name):
            return self.context.get(node.name, _UNDECIDED)
        if isinstance(node, nodes.Filter):
            inner = self.value(node.node)
            return inner if inner is _UNDECIDED else ENV.filters[node.name](inner)
        if isinstance(node, nodes.Not):
            inner = self.value(node.node)
            return inner if inner is _UNDECIDED else not inner
        if isinstance(node, (nodes.And, nodes.Or)):
            left, right = self.value(node.left), self.value(node.right)
            if _UNDECIDED in (left, right):
                return _UNDECIDED
            return (left and right) if isinstance(node, nodes.And) else (left or right)
        if isinstance(node, nodes.Compare):
            return self.compare(node)
        if isinstance(node, nodes.CondExpr):
            test = self.value(node.test)
            if test is _UNDECIDED:
                return _UNDECIDED
            return self.value(node.expr1) if test else (self.value(node.expr2) if node.expr2 is not None else None)
        raise ClauseTemplateError(getattr(node, "lineno", 1) or 1, f"{type(node).__name__} not allowed in a clause body")

    def compare(self, node: nodes.Compare) -> Any:
        left = self.value(node.expr)
        for operand in node.ops:
            right = self.value(operand.expr)
            if _UNDECIDED in (left, right):
                return _UNDECIDED
            try:
                holds = _OPERATORS[operand.op](left, right)
            except TypeError:
                raise ClauseTemplateError(node.lineno or 1, f"cannot compare {left!r} with {right!r}: values are compared as they are shown, as text") from None
            if not holds:
                return False
            left = right
        return True

    def conditional(self, node: nodes.If, depth: int) -> list[Any]:
        chain: list[tuple[nodes.Node | None, list[nodes.Node]]] = [(node.test, node.body)]
        chain += [(elif_.test, elif_.body) for elif_ in node.elif_]
        chain.append((None, node.else_))
        return self.chain(chain, depth, inline=False)

    def chain(self, chain: list[tuple[nodes.Node | None, list[nodes.Node]]], depth: int, inline: bool) -> list[Any]:
        render = (lambda body: [t for n in body for t in self.expression(n, depth + 1)]) if inline else (lambda body: self.nodes(body, depth + 1))
        for i, (test, body) in enumerate(chain):
            decided = True if test is None else self.value(test)
            if decided is _UNDECIDED:
                return [self.choice(chain[i:], chain[:i], render)]
            if decided:
                return render(body)
        return []

    def choice(self, open_chain: list[Any], decided_false: list[Any], render: Any) -> _Choice:
        choice = _Choice(labels=sorted({self.variables[n].label for test, _ in open_chain if test is not None for n in _names(test)}))
        earlier = [test for test, _ in decided_false]
        for test, body in open_chain:
            label = _describe(test, self.variables) if test is not None else _otherwise(earlier, self.variables)
            choice.branches.append((label, render(body)))
            earlier.append(test)
        return choice


_OPERATORS = {
    "eq": lambda a, b: a == b, "ne": lambda a, b: a != b, "lt": lambda a, b: a < b, "lteq": lambda a, b: a <= b,
    "gt": lambda a, b: a > b, "gteq": lambda a, b: a >= b, "in": lambda a, b: a in b, "notin": lambda a, b: a not in b,
}
_WORDS = {"eq": "is", "ne": "is not", "lt": "is less than", "lteq": "is at most", "gt": "is more than", "gteq": "is at least", "in": "is in", "notin": "is not in"}


def _names(node: nodes.Node) -> list[str]:
    return [n.name for n in node.find_all(nodes.Name)] if not isinstance(node, nodes.Name) else [node.name]


def _describe(test: nodes.Node, variables: Mapping[str, Variable]) -> str:
    """A test in words: where <label> is "x"."""
    same = _same_name_equalities(test)
    if same:
        return f"{variables[same[0]].label}: " + " or ".join(f"“{v}”" for v in same[1])
    return "where " + _words(test, variables)


def _words(node: nodes.Node, variables: Mapping[str, Variable]) -> str:
    if isinstance(node, nodes.Name):
        return f"{variables[node.name].label} is given"
    if isinstance(node, nodes.Const):
        return f"“{node.value}”"
    if isinstance(node, nodes.Filter):
        return _words(node.node, variables)
    if isinstance(node, nodes.Not):
        return f"not ({_words(node.node, variables)})"
    if isinstance(node, nodes.Or) and _same_name_equalities(node):
        name, values = _same_name_equalities(node)
        return f"{variables[name].label} is " + " or ".join(f"“{v}”" for v in values)
    if isinstance(node, (nodes.And, nodes.Or)):
        joiner = " and " if isinstance(node, nodes.And) else " or "
        return _words(node.left, variables) + joiner + _words(node.right, variables)
    if isinstance(node, nodes.Compare):
        left = variables[node.expr.name].label if isinstance(node.expr, nodes.Name) else _words(node.expr, variables)
        return left + "".join(f" {_WORDS[op.op]} {_words(op.expr, variables)}" for op in node.ops)
    return "the condition holds"


def _equality(node: nodes.Node) -> tuple[str, Any] | None:
    if isinstance(node, nodes.Compare) and isinstance(node.expr, nodes.Name) and len(node.ops) == 1 and node.ops[0].op == "eq" and isinstance(node.ops[0].expr, nodes.Const):
        return node.expr.name, node.ops[0].expr.value
    return None


def _same_name_equalities(node: nodes.Node) -> tuple[str, list[Any]] | None:
    """(name, values) when the node is x == a or x == b or ...; else None."""
    if isinstance(node, nodes.Or):
        left, right = _same_name_equalities(node.left), _same_name_equalities(node.right)
        if left and right and left[0] == right[0]:
            return left[0], left[1] + right[1]
        return None
    single = _equality(node)
    return (single[0], [single[1]]) if single else None


def _otherwise(earlier: list[nodes.Node | None], variables: Mapping[str, Variable]) -> str:
    """The else branch: the choices left after tests on one choice variable, or "otherwise"."""
    found = [_same_name_equalities(t) if t is not None else None for t in earlier]
    names = {f[0] for f in found if f}
    if earlier and all(found) and len(names) == 1:
        variable = variables[names.pop()]
        taken = {v for f in found for v in f[1]}
        left = [c for c in variable.choices if c not in taken]
        if variable.type == "choice" and left:
            return f"{variable.label}: " + " or ".join(f"“{c}”" for c in left)
    return "otherwise"


# --- From tokens to blocks ---------------------------------------------------------------------

_MARKER = re.compile(r"^(\((?:[a-z]{1,2}|[ivxl]{1,5})\)|\d{1,3}\.|[A-Z]\d{1,3}\.|[-•])[ \t]+")
_ROMAN = re.compile(r"^\([ivxl]+\)$")
_CLOSING = (".", ":", ";", ",", "?", "!")
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _option_name(index: int) -> str:
    return LETTERS[index] if index < len(LETTERS) else str(index + 1)


class _Lines:
    """Collect runs into lines, each line tagged with its option depth and kind."""

    def __init__(self) -> None:
        self.lines: list[tuple[str, list[Run], int]] = []  # (kind, runs, depth); kind "" for text lines
        self.current: list[Run] = []

    def add(self, tokens: list[Any], depth: int) -> None:
        for token in tokens:
            if isinstance(token, _Choice):
                self.choice(token, depth)
                continue
            text, style = token
            for i, piece in enumerate(text.split("\n")):
                if i:
                    self.end_line(depth)
                if piece:
                    self.current.append((piece, style))

    def end_line(self, depth: int) -> None:
        if any(piece.strip() for piece, _ in self.current):
            self.lines.append(("", _trimmed(self.current), depth))
        self.current = []

    def choice(self, choice: _Choice, depth: int) -> None:
        if not choice.is_block():
            for i, (label, tokens) in enumerate(choice.branches):
                lead = " " if i and self.current else ""
                if not _plain(tokens).strip():
                    self.current.append((f"{lead}[Option {_option_name(i)} – {label} – leave this out]", "option"))
                    continue
                self.current.append((f"{lead}[Option {_option_name(i)} – {label}] ", "option"))
                self.add(tokens, depth)
            self.current.append((" [end of options]", "option"))
            return
        self.end_line(depth)
        self.lines.append(("choice", [(f"[Choose one option: {', '.join(choice.labels)}]", "option")], depth))
        for i, (label, tokens) in enumerate(choice.branches):
            empty = not _plain(tokens).strip()
            text = f"[Option {_option_name(i)} – {label} – leave this out]" if empty else f"[Option {_option_name(i)} – {label}]"
            self.lines.append(("option", [(text, "option")], depth))
            self.add(tokens, depth + 1)
            self.end_line(depth + 1)
        self.lines.append(("end", [("[End of options]", "option")], depth))


def _trimmed(runs: list[Run]) -> list[Run]:
    """Merge runs of one style and trim the line's outer spaces."""
    merged: list[Run] = []
    for piece, style in runs:
        if merged and merged[-1][1] == style:
            merged[-1] = (merged[-1][0] + piece, style)
        else:
            merged.append((piece, style))
    if merged:
        merged[0] = (merged[0][0].lstrip(), merged[0][1])
        merged[-1] = (merged[-1][0].rstrip(), merged[-1][1])
    return [r for r in merged if r[0]]


def _is_heading(text: str) -> bool:
    stripped = text.strip()
    return bool(stripped) and len(stripped.split()) <= 12 and ":" not in stripped and not stripped.endswith(_CLOSING) and not _MARKER.match(stripped)


class _Structure:
    """Give each text line its kind, marker and level."""

    def __init__(self) -> None:
        self.numbered_since_heading = False
        self.last_letter = ""

    def block(self, runs: list[Run], depth: int) -> ClauseBlock:
        first = runs[0][0] if runs and runs[0][1] == "" else ""
        match = _MARKER.match(first)
        if match:
            marker = match.group(1)
            rest = [(first[match.end():], "")] + runs[1:]
            return ClauseBlock("item", tuple(r for r in rest if r[0]), marker, self.level(marker), depth)
        text = "".join(piece for piece, _ in runs)
        if _is_heading(text):
            self.numbered_since_heading = False
            return ClauseBlock("heading", tuple(runs), depth=depth)
        return ClauseBlock("paragraph", tuple(runs), depth=depth)

    def level(self, marker: str) -> int:
        if marker[0].isdigit() or marker[0].isupper():
            self.numbered_since_heading = True
            return 1
        if marker[0] == "(":
            roman = _ROMAN.match(marker) and not (marker == "(i)" and self.last_letter == "(h)")
            if not roman:
                self.last_letter = marker
            base = 2 if self.numbered_since_heading else 1
            return base + 1 if roman else base
        return 2 if self.numbered_since_heading else 1


def _blocks(lines: list[tuple[str, list[Run], int]]) -> tuple[ClauseBlock, ...]:
    structure = _Structure()
    blocks = []
    for kind, runs, depth in lines:
        blocks.append(ClauseBlock(kind, tuple(runs), depth=depth) if kind else structure.block(runs, depth))
    return tuple(blocks)


# --- Entry point ---------------------------------------------------------------------------------


def clause_document(body: str, variables: list[Variable], values: Mapping[str, Any]) -> ClauseDocument:
    """Render a clause body into blocks: values where set, placeholders and marked options where not."""
    _template, used = _compiled(body)
    declared = {v.name: v for v in variables}
    unknown = sorted(set(used) - set(declared), key=lambda n: used[n])
    if unknown:
        raise ClauseTemplateError(used[unknown[0]], f"the body uses undeclared variable(s): {', '.join(unknown)}; declare them under variables")
    context = {name: format_value(v, values[name]) for name, v in declared.items() if values.get(name) not in (None, "")}
    tree = ENV.parse(body)
    lines = _Lines()
    lines.add(_Walker(declared, context).nodes(tree.body), 0)
    lines.end_line(0)
    document = ClauseDocument(_blocks(lines.lines))
    if sum(len(b.full_text) for b in document.blocks) > MAX_OUTPUT * 4:
        raise ClauseTemplateError(1, f"the clause with every option shown is longer than {MAX_OUTPUT * 4:,} characters")
    return document


def document_for(body: str, variables: tuple[Variable, ...] | list[Variable], profile: Mapping[str, Any]) -> ClauseDocument:
    """A clause body rendered with the profile's values for the variables it declares (remembered:
    a clause page, its versions, the pack builder and the live preview's next run ask again)."""
    values = {v.name: profile[v.name] for v in variables if v.name in profile}
    try:
        return _remembered_document(body, tuple(variables), tuple(sorted(values.items())))
    except TypeError:  # a value or example that cannot be a key (a list): render it afresh
        return clause_document(body, list(variables), values)


@lru_cache(maxsize=8192)
def _remembered_document(body: str, variables: tuple[Variable, ...], values: tuple[tuple[str, Any], ...]) -> ClauseDocument:
    return clause_document(body, list(variables), dict(values))


def copy_text(doc: ClauseDocument) -> str:
    """The text the copy button puts on the clipboard: one block a paragraph, list items on their own lines."""
    out: list[str] = []
    previous = ""
    for block in doc.blocks:
        if out:
            out.append("\n" if block.kind == previous == "item" else "\n\n")
        out.append(block.full_text)
        previous = block.kind
    return "".join(out)


# --- The same rendering in the browser -------------------------------------------------------------
# The pack builder renders clauses in the browser. It receives each body as a small program (the
# template tree with every option label already worked out), so it only has to evaluate values;
# tests compare its output with this module's, part by part.


def body_program(body: str, variables: list[Variable] | tuple[Variable, ...]) -> list[Any]:
    """A clause body as JSON-ready nodes for the browser's renderer."""
    declared = {v.name: v for v in variables}
    return [_program_node(n, declared) for n in ENV.parse(body).body]


def _program_node(node: nodes.Node, variables: Mapping[str, Variable]) -> Any:
    if isinstance(node, nodes.Output):
        return ["out", [_program_expr(child, variables) for child in node.nodes]]
    if isinstance(node, nodes.TemplateData):
        return ["text", node.data]
    if isinstance(node, nodes.If):
        chain = [(node.test, node.body), *((e.test, e.body) for e in node.elif_), (None, node.else_)]
        return _program_chain(chain, variables, lambda body: [_program_node(n, variables) for n in body], inline=False)
    raise ClauseTemplateError(getattr(node, "lineno", 1) or 1, f"{type(node).__name__} not allowed in a clause body")


def _program_chain(chain: list[Any], variables: Mapping[str, Variable], convert: Any, inline: bool) -> list[Any]:
    labels, earlier = [], []
    for test, _ in chain:
        labels.append(_describe(test, variables) if test is not None else _otherwise(earlier, variables))
        earlier.append(test)
    choose = [sorted({variables[n].label for test, _ in chain[i:] if test is not None for n in _names(test)}) for i in range(len(chain))]
    branches = [[_program_expr(test, variables) if test is not None else None, convert(body)] for test, body in chain]
    return ["if", branches, labels, choose, inline]


def _program_expr(node: nodes.Node, variables: Mapping[str, Variable]) -> Any:
    if isinstance(node, nodes.TemplateData):
        return ["text", node.data]
    if isinstance(node, nodes.Const):
        return ["const", node.value]
    if isinstance(node, nodes.Name):
        return ["name", node.name]
    if isinstance(node, nodes.Filter):
        return ["filter", node.name, _program_expr(node.node, variables)]
    if isinstance(node, nodes.Not):
        return ["not", _program_expr(node.node, variables)]
    if isinstance(node, (nodes.And, nodes.Or)):
        return ["and" if isinstance(node, nodes.And) else "or", _program_expr(node.left, variables), _program_expr(node.right, variables)]
    if isinstance(node, nodes.Compare):
        return ["cmp", _program_expr(node.expr, variables), [[op.op, _program_expr(op.expr, variables)] for op in node.ops]]
    if isinstance(node, nodes.CondExpr):
        chain = [(node.test, [node.expr1]), (None, [node.expr2] if node.expr2 is not None else [])]
        return _program_chain(chain, variables, lambda body: [["out", [_program_expr(n, variables) for n in body]]], inline=True)
    raise ClauseTemplateError(getattr(node, "lineno", 1) or 1, f"{type(node).__name__} not allowed in a clause body")
