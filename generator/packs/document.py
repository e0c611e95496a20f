"""One neutral description of a pack document, from which every format is written."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import count, repeat
from typing import Any

import nh3

from generator.clausetext import split_marks
from generator.model import Clause
from generator.office.blocks import Block, OfficeDocument, block
from generator.packs import Pack
from generator.render.text import prose

SITE_NAME = "Social Value Knowledge Base"
NOTES_HEADING = "Drafting notes (remove before issuing)"


@dataclass(frozen=True)
class ClauseSection:
    """What a pack shows for one clause."""

    id: str
    version: str
    title: str
    purpose: str
    paragraphs: tuple[tuple[tuple[str, bool], ...], ...]
    footer: str
    notes: tuple[str, ...]


@dataclass(frozen=True)
class PackDocument:
    """A pack ready to write: title page, contents, clauses, removable drafting notes."""

    title: str
    subtitle: str
    intro: str
    date: str
    sections: tuple[ClauseSection, ...]
    created: dt.datetime


_INNERMOST_LIST = re.compile(r"<(ol|ul)>((?:(?!<[ou]l>).)*?)</\1>", re.DOTALL)
_ITEM = re.compile(r"<li>(.*?)</li>", re.DOTALL)


def _list_as_text(match: re.Match[str]) -> str:
    marks = (f"{n}. " for n in count(1)) if match.group(1) == "ol" else repeat("• ")
    return "\n".join(mark + item.strip() for mark, item in zip(marks, _ITEM.findall(match.group(2)), strict=False))


def plain_text(markdown_text: str) -> str:
    """Author Markdown reduced to plain text for documents; list items keep a bullet or their number."""
    import html

    rendered = str(prose(markdown_text))
    while _INNERMOST_LIST.search(rendered):
        rendered = _INNERMOST_LIST.sub(_list_as_text, rendered)
    return html.unescape(nh3.clean(rendered, tags=set(), attributes={})).strip()


def _paragraphs(marked: str) -> tuple[tuple[tuple[str, bool], ...], ...]:
    blocks = [b.strip("\n") for b in marked.split("\n\n") if b.strip()]
    return tuple(tuple((piece.replace("\n", " "), flag) for piece, flag in split_marks(block)) for block in blocks)


def clause_section(clause: Clause, profile: Mapping[str, Any]) -> ClauseSection:
    """The parts of one clause a pack shows."""
    from generator.render.clauses import clause_text

    return ClauseSection(
        id=clause.id,
        version=clause.version,
        title=clause.title,
        purpose=plain_text(clause.purpose),
        paragraphs=_paragraphs(clause_text(clause, profile, mark=True)),
        footer=f"{clause.id}, version {clause.version}, {SITE_NAME}",
        notes=tuple(plain_text(n) for n in clause.drafting_notes),
    )


def pack_document(pack: Pack, profile: Mapping[str, Any], created: dt.datetime, edition: str = "", sections: dict[str, ClauseSection] | None = None) -> PackDocument:
    """Describe a pack's document; ``sections`` caches clause sections shared between packs."""
    sections = {} if sections is None else sections
    for clause in pack.clauses:
        if clause.id not in sections:
            sections[clause.id] = clause_section(clause, profile)
    date = f"{created.day} {created.strftime('%B')} {created.year}"
    intro = (
        f"{pack.description} Text in square brackets, highlighted, is a placeholder: replace it with your own details. "
        "Drafting notes are collected in the last section; delete that section before you issue the tender. "
        "These model clauses are not legal advice: check them against your own procurement and legal requirements."
    )
    return PackDocument(
        title=pack.title,
        subtitle=f"{SITE_NAME}{', ' + edition if edition else ''}. {len(pack.clauses)} clause(s). Built {date}.",
        intro=intro,
        date=date,
        sections=tuple(sections[c.id] for c in pack.clauses),
        created=created,
    )


def office_document(pack: PackDocument) -> OfficeDocument:
    """The pack as office blocks: title page, contents, one section per clause, drafting notes last."""
    blocks = [block("title", pack.title), block("subtitle", pack.subtitle), block("p", pack.intro), block("break"), block("h1", "Contents")]
    blocks += [block("bullet", f"{s.id}: {s.title}") for s in pack.sections] + [block("bullet", NOTES_HEADING)]
    for s in pack.sections:
        blocks += [block("break"), block("h1", f"{s.id}: {s.title}"), block("h2", "What this clause does"), block("p", s.purpose), block("h2", "Clause text")]
        blocks += [Block("p", runs) for runs in s.paragraphs] + [block("small", s.footer)]
    blocks += [block("break"), block("h1", NOTES_HEADING), block("p", "Guidance for the person preparing the tender. It is not part of the clauses: delete this section before issuing.")]
    for s in pack.sections:
        blocks += [block("h2", f"{s.id}: {s.title}")] + [block("bullet", note) for note in s.notes]
    return OfficeDocument(pack.title, "Model social value tender clauses", f"{pack.title}. {pack.subtitle}", pack.created, tuple(blocks))
