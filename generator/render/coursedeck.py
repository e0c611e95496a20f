"""A module's slide deck as data: title, objectives, running order, exercises, discussion, quiz, readings.

Facilitator notes and model answers go into the speaker notes, never on a slide.
"""

from __future__ import annotations

import datetime as dt

from generator.model import Catalog, Course, Exercise, Module
from generator.packs.document import plain_text
from generator.render.coursedata import LETTERS, address, answer_line, resolve, running_order
from generator.slides.deck import Deck, Paragraph, Slide, SlideTable, paginate, table_slides

SITE_NAME = "Social Value Knowledge Base"


def _bullets(items: tuple[str, ...] | list[str]) -> list[list[Paragraph]]:
    return [[Paragraph(item)] for item in items]


def _text(markdown: str) -> list[list[Paragraph]]:
    """Author Markdown as plain paragraphs (list items keep their bullet or number as text)."""
    return [[Paragraph(line.strip(), bullet=False)] for line in plain_text(markdown).splitlines() if line.strip()]


def _opening(course: Course, number: int, module: Module) -> Slide:
    lines = [course.title, f"Module {number} of {len(course.modules)}", module.duration or course.duration, SITE_NAME]
    notes = tuple(f"Facilitator note: {plain_text(n)}" for n in module.facilitator_notes)
    return Slide(f"Module {number}: {module.title}", tuple(Paragraph(line, bullet=False) for line in lines if line), notes=notes, opening=True)


def _exercise(exercise: Exercise) -> list[Slide]:
    title = f"Exercise: {exercise.title}"
    heading = [[Paragraph(f"Time: {exercise.duration}", bullet=False, bold=True)]] if exercise.duration else []
    notes = (f"Model answer: {plain_text(exercise.model_answer)}",) if exercise.model_answer else ()
    slides = paginate(title, heading + _text(exercise.instructions), notes)
    for material in exercise.materials:
        if material.columns:
            description = f"Table for the exercise '{exercise.title}': {material.title}. Columns: {', '.join(material.columns)}. Empty cells are for participants to fill in."
            slides += table_slides(material.title, SlideTable(description, material.columns, material.rows))
        else:
            slides += paginate(material.title, _text(material.text))
    return slides


def _quiz(module: Module) -> list[Slide]:
    if not module.quiz:
        return []
    groups = []
    for n, q in enumerate(module.quiz, start=1):
        groups.append([Paragraph(f"{n}. {q.question}", bullet=False, bold=True)] + [Paragraph(f"{LETTERS[i]}. {o}", level=1, bullet=False) for i, o in enumerate(q.options)])
    answers = [[Paragraph(f"{n}. {answer_line(q)}", bullet=False)] for n, q in enumerate(module.quiz, start=1)]
    notes = tuple(f"Question {n}: {answer_line(q)}. {q.explanation}" for n, q in enumerate(module.quiz, start=1))
    return paginate("Self-check quiz", groups) + paginate("Quiz answers", answers, notes)


def module_deck(catalog: Catalog, course: Course, number: int, module: Module, created: dt.datetime, site: str = "") -> Deck:
    """The slides for one module, in teaching order."""
    slides = [_opening(course, number, module)]
    slides += paginate("Learning objectives", [[Paragraph("By the end of this module participants can:", bullet=False)], *_bullets(module.learning_objectives)])
    if module.timings:
        header, rows = running_order(module).table()
        slides += table_slides("Running order", SlideTable(f"Running order of module {number}: start time, activity and minutes of each part, {running_order(module).total} minutes in all.", header, rows))
    for exercise in module.exercises:
        slides += _exercise(exercise)
    slides += paginate("Discussion questions", _bullets(module.discussion))
    slides += _quiz(module)
    readings = [resolve(catalog, r) for r in module.reading]
    reading_groups = [[Paragraph(f"{r.title} ({r.kind})"), Paragraph(address(site, r.path), level=1, bullet=False)] for r in readings]
    reading_groups.append([Paragraph(f"This module online: {address(site, f'courses/{course.id}/{module.id}.md')}", bullet=False)])
    slides += paginate("Reading", reading_groups)
    title = f"{course.title}: module {number}, {module.title}"
    return Deck(title, "Course slides", created, tuple(slides))
