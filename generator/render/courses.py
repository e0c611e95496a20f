"""Render course and module pages, and for every module a handout (DOCX, ODT) and a slide deck (PPTX, ODP), and a zip per course."""

from __future__ import annotations

from generator.model import Catalog, Course, Module
from generator.office.docx import render_docx
from generator.office.odt import render_odt
from generator.packs import build_date
from generator.render.coursedata import handout_paths, kit_path, module_files, resolve, running_order
from generator.render.coursedocs import handout
from generator.render.environment import render_template
from generator.render.pages import Page

FOLDER = "courses"


def render_module(catalog: Catalog, course: Course, number: int, module: Module) -> Page:
    """Render one module page."""
    text = render_template(
        "module.md.j2", abbreviations=catalog.abbreviations, course=course, m=module, number=number, files=module_files(course, module),
        readings=[resolve(catalog, r) for r in module.reading], running=running_order(module),
        model_answers=[e for e in module.exercises if e.model_answer],
        previous=course.modules[number - 2] if number > 1 else None,
        next=course.modules[number] if number < len(course.modules) else None,
    )
    return Page(f"{FOLDER}/{course.id}/{module.id}.md", text)


def render_courses(catalog: Catalog, epoch: int, site: str = "") -> list[Page]:
    """Render the course index, course pages, module pages, handouts, decks and course zips."""
    if not catalog.courses:
        return []
    created = build_date(epoch)
    pages = [Page(f"{FOLDER}/index.md", render_template("course_index.md.j2", courses=catalog.courses, kit=kit_path))]
    for course in catalog.courses:
        pages.append(Page(f"{FOLDER}/{course.id}/index.md", render_template("course.md.j2", c=course, files=module_files, kit=kit_path(course), abbreviations=catalog.abbreviations)))
        for number, module in enumerate(course.modules, start=1):
            pages.append(render_module(catalog, course, number, module))
            document = handout(catalog, course, number, module, created, site)
            paths = handout_paths(course, module)
            pages += [Page(paths["docx"], render_docx(document)), Page(paths["odt"], render_odt(document))]
    return pages
