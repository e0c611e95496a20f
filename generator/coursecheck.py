"""Checks on training courses: quiz answers point at an option, materials tables are rectangular,
a module's running order adds up to its duration, and every module carries what a trainer needs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.diagnostics import Diagnostic, field_name
from generator.model import Catalog, Course, Module

MINUTES = re.compile(r"^\s*(\d+)\s+minutes?\s*$", re.IGNORECASE)


def _at(course: Course, path: tuple[object, ...], rule: str, message: str, severity: str = "error") -> Diagnostic:
    line, col = course.origin.at(path)
    return Diagnostic(course.src_path, line, col, rule, field_name(path), message, severity)


def written_minutes(duration: str) -> int | None:
    """The minutes of a duration written 'N minutes' (None for anything else, such as 'Half a day')."""
    match = MINUTES.match(duration)
    return int(match.group(1)) if match else None


def check_module(course: Course, m: int, module: Module) -> Iterator[Diagnostic]:
    """The rules for one module (m is its index in the course)."""
    here = ("modules", m)
    for q, question in enumerate(module.quiz):
        if not 1 <= question.answer <= len(question.options):
            yield _at(course, (*here, "quiz", q, "answer"), "K001", f"answer {question.answer} is not one of the {len(question.options)} options (1 to {len(question.options)})")
    for e, exercise in enumerate(module.exercises):
        for x, material in enumerate(exercise.materials):
            for r, row in enumerate(material.rows):
                if len(row) != len(material.columns):
                    path = (*here, "exercises", e, "materials", x, "rows", r)
                    yield _at(course, path, "K002", f"row has {len(row)} cell(s) but the table has {len(material.columns)} column(s); write '' for a cell to fill in")
    expected = written_minutes(module.duration)
    total = sum(t.minutes for t in module.timings)
    if module.timings and expected is not None and total != expected:
        yield _at(course, (*here, "timings"), "K003", f"the running order adds up to {total} minutes but the module's duration is {expected} minutes")
    missing = [name for name, value in (("timings", module.timings), ("facilitator_notes", module.facilitator_notes), ("quiz", module.quiz)) if not value]
    if missing:
        yield _at(course, (*here, "id"), "K004", f"module '{module.id}' has no {' or '.join(missing)}; trainers need a running order, facilitator notes and a self-check quiz")


def check_courses(catalog: Catalog) -> list[Diagnostic]:
    """Run the course rules over every course."""
    return [d for course in catalog.courses for m, module in enumerate(course.modules) for d in check_module(course, m, module)]
