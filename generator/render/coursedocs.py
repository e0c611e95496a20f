"""A course's printable documents as office blocks: a handout per module and a facilitator guide."""

from __future__ import annotations

import datetime as dt

from generator.model import Catalog, Course, Exercise, Module
from generator.office.blocks import Block, OfficeDocument, block, table
from generator.packs.document import plain_text
from generator.render.coursedata import LETTERS, address, answer_line, resolve, running_order

SITE_NAME = "Social Value Knowledge Base"


def _running_order(module: Module, number: int) -> list[Block]:
    if not module.timings:
        return []
    header, rows = running_order(module).table()
    return [block("h1", "Running order"), table(f"Running order of module {number}", header, rows)]


def _exercise(exercise: Exercise) -> list[Block]:
    blocks = [block("h2", f"{exercise.title}{' (' + exercise.duration + ')' if exercise.duration else ''}"), block("p", plain_text(exercise.instructions))]
    for material in exercise.materials:
        if material.columns:
            blocks.append(table(material.title, material.columns, material.rows, form=True))
            if any("" in row for row in material.rows):
                blocks.append(block("small", "Empty cells are for you to fill in."))
        else:
            blocks += [block("clause-heading", material.title), block("guidance", plain_text(material.text))]
    return blocks


def _quiz(module: Module) -> tuple[list[Block], list[Block]]:
    """The quiz questions, and their answers for the final section."""
    if not module.quiz:
        return [], []
    questions = [block("h1", "Self-check quiz"), block("p", "Choose one answer for each question. The answers are on the last page.")]
    answers = [block("h1", "Answers", new_page=True)]
    for n, q in enumerate(module.quiz, start=1):
        questions.append(block("clause-heading", f"{n}. {q.question}"))
        questions += [block("item", option, marker=f"{LETTERS[i]}.", level=1) for i, option in enumerate(q.options)]
        answers += [block("clause-heading", f"{n}. {answer_line(q)}"), block("p", q.explanation)]
    return questions, answers


def _readings(catalog: Catalog, module: Module, site: str) -> list[Block]:
    blocks = [block("h1", "Reading")]
    for reading in (resolve(catalog, r) for r in module.reading):
        blocks.append(block("bullet", f"{reading.title} ({reading.kind}): {address(site, reading.path)}{'. ' + reading.note if reading.note else ''}"))
    return blocks


def handout(catalog: Catalog, course: Course, number: int, module: Module, created: dt.datetime, site: str = "") -> OfficeDocument:
    """A printable handout for one module, as office blocks (no facilitator notes or model answers)."""
    title = f"{course.title}: module {number}, {module.title}"
    blocks = [block("title", title), block("subtitle", f"{SITE_NAME}. {module.duration or course.duration}."), block("p", plain_text(module.summary))]
    blocks += [block("h1", "Learning objectives")] + [block("bullet", o) for o in module.learning_objectives]
    blocks += _running_order(module, number)
    blocks += _readings(catalog, module, site)
    blocks.append(block("h1", "Exercises"))
    for exercise in module.exercises:
        blocks += _exercise(exercise)
    blocks += [block("h1", "Discussion questions")] + [block("bullet", q) for q in module.discussion]
    if module.external:
        blocks += [block("h1", "Further training")] + [block("bullet", f"{x.title}, {x.publisher}: {x.url}") for x in module.external]
    questions, answers = _quiz(module)
    page = address(site, f"courses/{course.id}/{module.id}.md")
    blocks += questions + answers + [block("small", f"Course {course.id}, module {module.id}. Last reviewed {course.last_reviewed}. Online: {page}")]
    return OfficeDocument(title, "Course handout", f"{course.title}. {SITE_NAME}.", created, tuple(blocks))


def _guide_module(number: int, module: Module) -> list[Block]:
    blocks = [block("h1", f"Module {number}: {module.title}", new_page=number > 1), block("p", f"{module.duration}. {plain_text(module.summary)}" if module.duration else plain_text(module.summary))]
    if module.timings:
        header, rows = running_order(module).table()
        blocks += [block("h2", "Running order"), table(f"Running order of module {number}", header, rows)]
    if module.facilitator_notes:
        blocks += [block("h2", "Facilitator notes")] + [block("bullet", plain_text(n)) for n in module.facilitator_notes]
    answered = [e for e in module.exercises if e.model_answer]
    if answered:
        blocks.append(block("h2", "Model answers"))
        for exercise in answered:
            blocks += [block("clause-heading", exercise.title), block("p", plain_text(exercise.model_answer))]
    if module.quiz:
        blocks.append(block("h2", "Quiz answers"))
        for n, q in enumerate(module.quiz, start=1):
            blocks += [block("clause-heading", f"{n}. {q.question}"), block("p", f"Answer {answer_line(q)}. {q.explanation}")]
    return blocks


def facilitator_guide(course: Course, created: dt.datetime, site: str = "") -> OfficeDocument:
    """Everything a facilitator needs that participants do not see: running orders, notes, model answers, quiz answers."""
    title = f"{course.title}: facilitator guide"
    blocks = [block("title", title), block("subtitle", f"{SITE_NAME}. {course.duration}. {len(course.modules)} module{'' if len(course.modules) == 1 else 's'}."), block("p", plain_text(course.summary))]
    blocks += [block("p", f"The course online: {address(site, f'courses/{course.id}/index.md')}"), block("contents-title", "Contents"), block("toc")]
    for number, module in enumerate(course.modules, start=1):
        blocks += _guide_module(number, module)
    blocks.append(block("small", f"Course {course.id}. Owner: {course.owner}. Last reviewed {course.last_reviewed}; next review due {course.review_by}."))
    return OfficeDocument(title, "Facilitator guide", f"{course.title}. {SITE_NAME}.", created, tuple(_anchored(blocks)))


def _anchored(blocks: list[Block]) -> list[Block]:
    """Give each h1 a bookmark so the contents can link to it."""
    out, count = [], 0
    for item in blocks:
        if item.kind == "h1":
            count += 1
            item = Block(item.kind, item.runs, item.marker, item.level, item.new_page, f"svkb{count}")
        out.append(item)
    return out
