"""One zip per course with everything a trainer needs: each module's handout and slides, a facilitator guide and a readme."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Mapping

from generator.model import Course
from generator.office.zipfiles import compression_for, zip_bytes
from generator.render.coursedata import address, module_files


def modules(course: Course) -> str:
    """'1 module', '6 modules'."""
    return f"{len(course.modules)} module{'' if len(course.modules) == 1 else 's'}"


def folder(course: Course) -> str:
    """The zip's top folder."""
    return f"svkb-course-{course.id}"


def guide_names(course: Course) -> dict[str, str]:
    """File names of the facilitator guide inside the zip."""
    return {fmt: f"svkb-facilitator-guide-{course.id}.{fmt}" for fmt in ("docx", "odt")}


def module_folder(number: int, module_id: str) -> str:
    return f"module-{number:02d}-{module_id}"


def kit_entries(course: Course) -> list[tuple[str, str]]:
    """(path inside the zip, what it is) for every file, in zip order after the readme."""
    entries = [(name, f"Facilitator guide ({'Word' if fmt == 'docx' else 'OpenDocument'}): running orders, notes, model answers, quiz answers")
               for fmt, name in guide_names(course).items()]
    kinds = {"docx": "Handout (Word)", "odt": "Handout (OpenDocument)", "pptx": "Slides (PowerPoint)", "odp": "Slides (OpenDocument)"}
    for number, module in enumerate(course.modules, start=1):
        for fmt, path in module_files(course, module).items():
            entries.append((f"{module_folder(number, module.id)}/{path.rsplit('/', 1)[-1]}", f"{kinds[fmt]} for module {number}, {module.title}"))
    return entries


def readme(course: Course, site: str) -> str:
    """The contents of the zip, as plain text."""
    lines = [course.title, "=" * len(course.title), "", f"A training course from the Social Value Knowledge Base. {course.duration}, {modules(course)}.",
             f"For: {', '.join(course.audience)}.", f"Online: {address(site, f'courses/{course.id}/index.md')}", "", "Modules", "-------"]
    lines += [f"{n}. {m.title}{' (' + m.duration + ')' if m.duration else ''}" for n, m in enumerate(course.modules, start=1)]
    lines += ["", "Contents", "--------", "README.txt: this file"]
    lines += [f"{path}: {what}" for path, what in kit_entries(course)]
    lines += ["", "The facilitator guide holds the answers: do not hand it out before the session.",
              f"Owner: {course.owner}. Last reviewed {course.last_reviewed}; next review due {course.review_by}.", ""]
    return "\r\n".join(lines)


def course_zip(course: Course, files: Mapping[str, bytes], site: str, created: dt.datetime) -> bytes:
    """The course zip; ``files`` holds each entry's bytes by its path inside the zip (see kit_entries)."""
    top = folder(course)
    entries = [(f"{top}/README.txt", readme(course, site).encode("utf-8"), zipfile.ZIP_DEFLATED)]
    entries += [(f"{top}/{path}", files[path], compression_for(path)) for path, _ in kit_entries(course)]  # decks and handouts: stored
    return zip_bytes(entries, created)
