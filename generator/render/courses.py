"""Render course and module pages, and a DOCX and ODT handout for every module."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.model import Catalog, Course, Module, Reading
from generator.office.blocks import OfficeDocument, block
from generator.office.docx import render_docx
from generator.office.odt import render_odt
from generator.packs import build_date
from generator.packs.document import plain_text
from generator.render.environment import render_template
from generator.render.pages import Page

FOLDER = "courses"
HANDOUTS = "downloads/handouts"


@dataclass(frozen=True)
class ResolvedReading:
    """A reading with the title and site path of what it points at."""

    title: str
    path: str
    kind: str
    note: str


def resolve(catalog: Catalog, reading: Reading) -> ResolvedReading:
    """Find a reading's target (references were checked by crossref)."""
    if reading.kind in {"guidance", "stage"}:
        page = next(p for p in catalog.pages if p.id == reading.id and p.kind == reading.kind)
        return ResolvedReading(page.title, page.dest_path, reading.kind, reading.note)
    if reading.kind == "clause":
        clause = catalog.clause(reading.id)
        assert clause is not None
        return ResolvedReading(f"{clause.id}: {clause.title}", f"clauses/{clause.slug}.md", "clause", reading.note)
    if reading.kind == "indicator":
        indicator = catalog.indicator(reading.id)
        assert indicator is not None
        return ResolvedReading(indicator.name, f"indicators/{indicator.id}.md", "indicator", reading.note)
    case = next(c for c in catalog.case_studies if c.id == reading.id)
    return ResolvedReading(case.title, f"case-studies/{case.id}.md", "case study", reading.note)


def handout_paths(course: Course, module: Module) -> dict[str, str]:
    """Download paths of a module's handout."""
    stem = f"{HANDOUTS}/svkb-handout-{course.id}-{module.id}"
    return {"docx": f"{stem}.docx", "odt": f"{stem}.odt"}


def handout(catalog: Catalog, course: Course, number: int, module: Module, created: dt.datetime) -> OfficeDocument:
    """A printable handout for one module, as office blocks."""
    title = f"{course.title}: module {number}, {module.title}"
    blocks = [block("title", title), block("subtitle", f"Social Value Knowledge Base. {module.duration or course.duration}."), block("p", plain_text(module.summary))]
    blocks += [block("h1", "Learning objectives")] + [block("bullet", o) for o in module.learning_objectives]
    blocks.append(block("h1", "Reading"))
    for reading in (resolve(catalog, r) for r in module.reading):
        address = reading.path.removesuffix(".md") + "/"
        blocks.append(block("bullet", f"{reading.title} ({reading.kind}, /{address}){': ' + reading.note if reading.note else ''}"))
    blocks.append(block("h1", "Exercises"))
    for exercise in module.exercises:
        blocks += [block("h2", f"{exercise.title}{' (' + exercise.duration + ')' if exercise.duration else ''}"), block("p", plain_text(exercise.instructions))]
    blocks += [block("h1", "Discussion questions")] + [block("bullet", q) for q in module.discussion]
    if module.external:
        blocks += [block("h1", "Further training")] + [block("bullet", f"{x.title}, {x.publisher}: {x.url}") for x in module.external]
    blocks.append(block("small", f"Course {course.id}, module {module.id}. Last reviewed {course.last_reviewed}."))
    return OfficeDocument(title, "Course handout", f"{course.title}. Social Value Knowledge Base.", created, tuple(blocks))


@dataclass(frozen=True)
class RunningRow:
    """One line of a running order, with the time it starts (hours:minutes from the start)."""

    start: str
    minutes: int
    activity: str


@dataclass(frozen=True)
class RunningOrder:
    rows: tuple[RunningRow, ...]
    total: int


def running_order(module: Module) -> RunningOrder:
    """The module's timings with their start times and total."""
    rows, elapsed = [], 0
    for timing in module.timings:
        rows.append(RunningRow(f"{elapsed // 60}:{elapsed % 60:02d}", timing.minutes, timing.activity))
        elapsed += timing.minutes
    return RunningOrder(tuple(rows), elapsed)


def render_module(catalog: Catalog, course: Course, number: int, module: Module) -> Page:
    """Render one module page."""
    text = render_template(
        "module.md.j2", abbreviations=catalog.abbreviations, course=course, m=module, number=number, files=handout_paths(course, module),
        readings=[resolve(catalog, r) for r in module.reading], running=running_order(module),
        model_answers=[e for e in module.exercises if e.model_answer],
        previous=course.modules[number - 2] if number > 1 else None,
        next=course.modules[number] if number < len(course.modules) else None,
    )
    return Page(f"{FOLDER}/{course.id}/{module.id}.md", text)


def render_courses(catalog: Catalog, epoch: int) -> list[Page]:
    """Render the course index, course pages, module pages and handouts."""
    if not catalog.courses:
        return []
    created = build_date(epoch)
    pages = [Page(f"{FOLDER}/index.md", render_template("course_index.md.j2", courses=catalog.courses))]
    for course in catalog.courses:
        pages.append(Page(f"{FOLDER}/{course.id}/index.md", render_template("course.md.j2", c=course, files=handout_paths, abbreviations=catalog.abbreviations)))
        for number, module in enumerate(course.modules, start=1):
            pages.append(render_module(catalog, course, number, module))
            document = handout(catalog, course, number, module, created)
            paths = handout_paths(course, module)
            pages += [Page(paths["docx"], render_docx(document)), Page(paths["odt"], render_odt(document))]
    return pages
