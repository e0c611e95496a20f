"""Render course and module pages, and for every module a handout (DOCX, ODT) and a slide deck (PPTX, ODP), and a zip per course."""

from __future__ import annotations

import datetime as dt

from generator.model import Catalog, Course, Module
from generator.office.docx import render_docx
from generator.office.odt import render_odt
from generator.packs import build_date
from generator.render.coursedata import kit_path, module_files, resolve, running_order
from generator.render.coursedeck import module_deck
from generator.render.coursedocs import facilitator_guide, handout
from generator.render.coursekit import course_zip, guide_names, module_folder
from generator.render.environment import render_template
from generator.render.pages import Page
from generator.slides.odp import render_odp
from generator.slides.pptx import render_pptx

FOLDER = "courses"


def render_module(catalog: Catalog, course: Course, number: int, module: Module) -> Page:
    """Render one module page."""
    text = render_template(
        "module.md.j2", abbreviations=catalog.abbreviations, course=course, m=module, number=number, files=module_files(course, module),
        readings=[resolve(catalog, r) for r in module.reading], running=running_order(module),
        model_answers=[e for e in module.exercises if e.model_answer], kit=kit_path(course),
        previous=course.modules[number - 2] if number > 1 else None,
        next=course.modules[number] if number < len(course.modules) else None,
    )
    return Page(f"{FOLDER}/{course.id}/{module.id}.md", text)


def module_downloads(catalog: Catalog, course: Course, number: int, module: Module, created: dt.datetime, site: str) -> dict[str, bytes]:
    """A module's handout and slides, by format."""
    document = handout(catalog, course, number, module, created, site)
    deck = module_deck(catalog, course, number, module, created, site)
    return {"docx": render_docx(document), "odt": render_odt(document), "pptx": render_pptx(deck), "odp": render_odp(deck)}


def render_course(catalog: Catalog, course: Course, created: dt.datetime, site: str) -> list[Page]:
    """A course's page, its module pages and downloads, and its zip."""
    pages = [Page(f"{FOLDER}/{course.id}/index.md", render_template("course.md.j2", c=course, files=module_files, kit=kit_path(course), abbreviations=catalog.abbreviations))]
    guide = facilitator_guide(course, created, site)
    names = guide_names(course)
    kit = {names["docx"]: render_docx(guide), names["odt"]: render_odt(guide)}
    for number, module in enumerate(course.modules, start=1):
        pages.append(render_module(catalog, course, number, module))
        paths = module_files(course, module)
        for fmt, data in module_downloads(catalog, course, number, module, created, site).items():
            pages.append(Page(paths[fmt], data))
            kit[f"{module_folder(number, module.id)}/{paths[fmt].rsplit('/', 1)[-1]}"] = data
    pages.append(Page(kit_path(course), course_zip(course, kit, site, created)))
    return pages


def render_courses(catalog: Catalog, epoch: int, site: str = "") -> list[Page]:
    """Render the course index, and each course's pages, handouts, decks and zip."""
    if not catalog.courses:
        return []
    created = build_date(epoch)
    pages = [Page(f"{FOLDER}/index.md", render_template("course_index.md.j2", courses=catalog.courses, kit=kit_path))]
    for course in catalog.courses:
        pages += render_course(catalog, course, created, site)
    return pages
