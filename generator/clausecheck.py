"""Rules for clause templates: the body is safe, variables line up, the sample renders as expected."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from typing import Any

from generator.clausetext import ClauseTemplateError, check_value
from generator.clausetext import lint_body as _lint_body
from generator.clausetext import render_body as _render_body
from generator.diagnostics import WARNING, Diagnostic, field_name
from generator.model import Clause

Path = tuple[object, ...]
TOO_DEEP = "the body nests too deeply (brackets, 'not' or {% if %} blocks inside each other); simplify it"


def lint_body(body: str) -> Any:
    """clausetext.lint_body, with nesting too deep for the parser reported like any other problem."""
    try:
        return _lint_body(body)
    except RecursionError:
        raise ClauseTemplateError(1, TOO_DEEP) from None


def render_body(body: str, variables: list[Any], values: Any) -> str:
    """clausetext.render_body, with nesting too deep for the renderer reported as a problem."""
    try:
        return _render_body(body, variables, values)
    except RecursionError:
        raise ClauseTemplateError(1, TOO_DEEP) from None


def _at(clause: Clause, path: Path, rule: str, message: str, severity: str = "error") -> Diagnostic:
    line, col = clause.origin.at(path)
    return Diagnostic(clause.src_path, line, col, rule, field_name(path), message, severity)


def _in_body(clause: Clause, error: ClauseTemplateError, rule: str) -> Diagnostic:
    line = clause.origin.text_line(("body",), error.line)
    return Diagnostic(clause.src_path, line, 1, rule, "body", error.message)


def check_variables(clause: Clause) -> Iterator[Diagnostic]:
    """Variables are declared once, used, typed sensibly, and filled by the sample."""
    names = [v.name for v in clause.variables]
    for i, v in enumerate(clause.variables):
        if v.name in names[:i]:
            yield _at(clause, ("variables", i, "name"), "T002", f"variable '{v.name}' is declared twice")
        if v.type == "choice" and len(v.choices) < 2:
            yield _at(clause, ("variables", i), "T002", f"choice variable '{v.name}' needs a choices list")
        if v.type == "percentage" and v.maximum is not None and v.maximum > 100:
            yield _at(clause, ("variables", i, "maximum"), "T002", "a percentage cannot be more than 100")
        if v.name not in clause.sample:
            yield _at(clause, ("sample",), "T003", f"the sample has no value for '{v.name}'")
        example_problem = check_value(v, v.example)
        if example_problem:  # shown on the clause page: 1.10 for a text variable would show as 1.1
            yield _at(clause, ("variables", i, "example"), "T003", example_problem)
    for key in clause.sample:
        if key not in names:
            yield _at(clause, ("sample", key), "T003", f"the sample sets '{key}', which is not a declared variable")
    for v in clause.variables:
        if v.name in clause.sample:
            problem = check_value(v, clause.sample[v.name])
            if problem:
                yield _at(clause, ("sample", v.name), "T003", problem)


def check_body(clause: Clause) -> Iterator[Diagnostic]:
    """The body uses only allowed constructs and declared variables; unused ones are flagged."""
    try:
        _, used = lint_body(clause.body)
    except ClauseTemplateError as e:
        yield _in_body(clause, e, "T001")
        return
    declared = {v.name for v in clause.variables}
    for name, line in sorted(used.items(), key=lambda x: x[1]):
        if name not in declared:
            yield _in_body(clause, ClauseTemplateError(line, f"'{name}' is used but not declared under variables"), "T004")
    for i, v in enumerate(clause.variables):
        if v.name not in used:
            yield _at(clause, ("variables", i, "name"), "T004", f"variable '{v.name}' is declared but never used in the body", WARNING)


def check_sample(clause: Clause) -> Iterator[Diagnostic]:
    """The body rendered with the sample equals the expected text exactly."""
    try:
        rendered = render_body(clause.body, list(clause.variables), clause.sample)
    except (ClauseTemplateError, ValueError, TypeError):
        return  # reported by check_body or check_variables
    expected = clause.expected.strip()
    if rendered != expected:
        diff = difflib.unified_diff(expected.splitlines(), rendered.splitlines(), "expected", "rendered", lineterm="", n=1)
        shown = "\n    ".join(list(diff)[:30])
        yield _at(clause, ("expected",), "T005", f"the sample renders differently from expected:\n    {shown}")


def check_roles(clause: Clause) -> Iterator[Diagnostic]:
    """Award criteria carry scoring and a weighting; KPI clauses name indicators."""
    if clause.type == "award-criterion":
        if clause.scoring is None:
            yield _at(clause, (), "T006", "an award criterion needs a scoring block (model question and bands)")
        if not any(v.type == "percentage" for v in clause.variables):
            yield _at(clause, ("variables",), "T006", "an award criterion needs a weighting variable of type percentage")
    if clause.type == "kpi" and not clause.indicators:
        yield _at(clause, (), "T006", "a KPI clause must name at least one indicator under indicators")
    if clause.status == "superseded" and not clause.superseded_by:
        yield _at(clause, ("status",), "T006", "a superseded clause must name superseded_by")
    if clause.changelog and clause.changelog[0].version != clause.version:
        yield _at(clause, ("changelog", 0, "version"), "T007", f"the newest changelog entry is {clause.changelog[0].version}, but the clause is version {clause.version}")


def check_clause_templates(clauses: tuple[Clause, ...]) -> list[Diagnostic]:
    """Run every clause rule."""
    found: list[Diagnostic] = []
    for clause in clauses:
        found += [*check_body(clause), *check_variables(clause), *check_sample(clause), *check_roles(clause), *check_history(clause)]
    found += check_defined_terms(clauses)
    found += check_shared_variables(clauses)
    return found


def check_shared_variables(clauses: tuple[Clause, ...]) -> Iterator[Diagnostic]:
    """A variable name means one thing everywhere: an edition profile and the pack builder ask for it once.

    So every declaration of a name has the same type, and choices worded the same way (a clause may
    offer fewer of them than another).
    """
    first: dict[str, tuple[Clause, Any]] = {}
    for clause in clauses:
        for i, v in enumerate(clause.variables):
            seen, other = first.setdefault(v.name, (clause, v))
            mine, theirs = set(v.choices), set(other.choices)
            if v.type != other.type:
                yield _at(clause, ("variables", i, "type"), "T010", f"'{v.name}' is a {other.type} in {seen.id}; one value fills both, so give it the same type or another name")
            elif not (mine <= theirs or theirs <= mine):
                yield _at(clause, ("variables", i, "choices"), "T010", f"'{v.name}' offers {', '.join(other.choices)} in {seen.id}; one value fills both, so word the choices the same way or use another name")


def term_uses(body: str, terms: Iterable[str]) -> dict[str, int]:
    """The body line (1-based) of the first use of each defined term; longer terms first, a plural 's' allowed."""
    text, first = body, {}
    for term in sorted(terms, key=len, reverse=True):
        pattern = re.compile(rf"(?<![A-Za-z0-9]){re.escape(term)}s?(?![A-Za-z0-9])")
        for match in pattern.finditer(text):
            first.setdefault(term, text.count("\n", 0, match.start()) + 1)
        text = pattern.sub(lambda m: "#" * len(m.group(0)), text)
    return first


def check_defined_terms(clauses: Iterable[Clause]) -> Iterator[Diagnostic]:
    """A clause lists every defined term its body uses, and every listed term is defined by the definitions clause."""
    clauses = list(clauses)
    defined = {term for c in clauses for term in c.defines}
    for clause in clauses:
        for i, term in enumerate(clause.defined_terms):
            if term not in defined:
                yield _at(clause, ("defined_terms", i), "T009", f"'{term}' is not defined by the definitions clause (add it there under defines, or remove it)")
        for term in clause.defines:
            if f'"{term}"' not in clause.body:
                yield _at(clause, ("defines",), "T009", f"'{term}' is listed under defines but the body never defines it as \"{term}\"")
        listed = set(clause.defined_terms) | set(clause.defines)
        for term, line in sorted(term_uses(clause.body, defined).items(), key=lambda x: (x[1], x[0])):
            if term not in listed:
                yield Diagnostic(clause.src_path, clause.origin.text_line(("body",), line), 1, "T009", "body", f"uses the defined term '{term}' but does not list it under defined_terms")


def check_history(clause: Clause) -> Iterator[Diagnostic]:
    """Earlier versions are older majors, listed once, in the changelog, with safe bodies."""
    seen: set[int] = set()
    logged = {e.version for e in clause.changelog}
    for i, past in enumerate(clause.history):
        if past.major >= clause.major or past.major in seen:
            yield _at(clause, ("history", i, "version"), "T008", f"history version {past.version} must be an earlier major version than {clause.version}, listed once")
        seen.add(past.major)
        if past.version not in logged:
            yield _at(clause, ("history", i, "version"), "T008", f"history version {past.version} is not in the changelog")
        try:
            lint_body(past.body)
            render_body(past.body, list(past.variables), {})
        except ClauseTemplateError as e:
            line = clause.origin.text_line(("history", i, "body"), e.line)
            yield Diagnostic(clause.src_path, line, 1, "T001", f"history[{i}].body", e.message)
