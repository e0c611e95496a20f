"""One neutral description of a pack document, from which every format is written."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import count, repeat
from typing import Any

import nh3

from generator.clausedoc import ClauseBlock, ClauseDocument, document_for
from generator.model import Clause, Taxonomy
from generator.office.blocks import Block, OfficeDocument, block
from generator.packs import Pack
from generator.render.text import prose

SITE_NAME = "Social Value Knowledge Base"
GUIDANCE_STYLE = "Guidance"


@dataclass(frozen=True)
class ClauseSection:
    """What a pack shows for one clause: its text as blocks, then its guidance."""

    id: str
    version: str
    title: str
    doc: ClauseDocument
    guidance: tuple[tuple[str, str], ...]  # (label, text), each one paragraph of guidance


@dataclass(frozen=True)
class PackDocument:
    """A pack ready to write: title page, how to use it, contents, numbered clauses with their guidance."""

    title: str
    subtitle: str
    description: str
    how_to: tuple[str, ...]
    date: str
    sections: tuple[ClauseSection, ...]
    created: dt.datetime

    def heading(self, number: int, section: ClauseSection) -> str:
        return f"{number}. {section.title}"


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


def _range_note(minimum: float | None, maximum: float | None, kind: str) -> str:
    """'Between 1 and 10.', or 'At least 1.' where only a minimum is set (a percentage tops out at 100)."""
    high = maximum if maximum is not None else (100 if kind == "percentage" else None)
    low = minimum if minimum is not None else 0
    return f"Between {low:g} and {high:g}." if high is not None else f"At least {low:g}."


def _variable_note(variable: Any) -> str:
    parts = [variable.description.strip()]
    if variable.choices:
        parts.append("One of: " + "; ".join(f"“{c}”" for c in variable.choices) + ".")
    if variable.minimum is not None or variable.maximum is not None:
        parts.append(_range_note(variable.minimum, variable.maximum, variable.type))
    return " ".join(p for p in parts if p) + f" ({variable.type})"


def clause_guidance(clause: Clause, taxonomy: Taxonomy, title_of: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """Everything a procurer needs beside the clause text, in reading order."""
    guidance = [("Guidance (delete before issuing)", f"{clause.id}, version {clause.version}. {taxonomy.label('stages', clause.stage)}; {taxonomy.label('clause_types', clause.type)}. From the {SITE_NAME}.")]
    guidance += [("What this clause does", plain_text(clause.purpose)), ("When to use it", plain_text(clause.use_when)), ("When not to use it", plain_text(clause.avoid_when))]
    guidance += [(f"To fill in – {v.label}", _variable_note(v)) for v in clause.variables]
    if clause.scoring:
        guidance.append(("Model question and scoring bands (publish with the tender documents)", plain_text(clause.scoring.question)))
        guidance += [(f"Score {band.score}", plain_text(band.descriptor)) for band in clause.scoring.bands]
    for basis in clause.legal_basis:
        source = clause.source(basis.source)
        guidance.append((f"Legal basis: {source.title}", f"{plain_text(basis.note)} {source.url}"))
    p = clause.proportionality
    guidance.append(("Small suppliers and VCSEs", f"Burden: {p.sme_burden}. {plain_text(p.sme_note)}"))
    if p.lighter_alternative and p.lighter_alternative in title_of:
        guidance.append(("Lighter alternative", f"{p.lighter_alternative}: {title_of[p.lighter_alternative]}"))
    guidance += [("Drafting note", plain_text(note)) for note in clause.drafting_notes]
    return tuple(guidance)


def clause_section(clause: Clause, profile: Mapping[str, Any], taxonomy: Taxonomy, title_of: Mapping[str, str]) -> ClauseSection:
    """The parts of one clause a pack shows."""
    return ClauseSection(clause.id, clause.version, clause.title, document_for(clause.body, clause.variables, profile), clause_guidance(clause, taxonomy, title_of))


HOW_TO = (
    "Each clause is numbered and followed by its guidance, in shaded boxes: what the clause does, when to use it, its variables, "
    "scoring bands for award questions, its legal basis, the burden on small suppliers and the drafting notes. The guidance is for "
    "the person preparing the tender and is not part of the clause.",
    "Text in square brackets, highlighted yellow, is a placeholder: replace it with your own details. Where the text offers "
    "[Option A – …], [Option B – …], highlighted blue, keep the option that fits your procurement and delete the others, with the labels.",
    "To remove all the guidance in one step in Word: open Replace (Ctrl+H), choose More, then Format, Style, and pick “Guidance”; leave "
    "both boxes empty and choose Replace All. In LibreOffice Writer: open Find and Replace, tick Paragraph Styles, choose “Guidance”, "
    "choose Find All, close the dialogue and press Delete.",
    "The contents lists every clause with its number; Word adds page numbers when it updates the contents (it offers to when the file opens).",
    "Where the clauses apply: they are drafted for contracting authorities in England and Wales under the Procurement Act 2023 "
    "and the Public Services (Social Value) Act 2012 (with Welsh variants under the Social Partnership and Public Procurement "
    "(Wales) Act 2023). They are not drafted for devolved Scottish authorities, which buy under the Procurement Reform (Scotland) "
    "Act 2014 and Scotland's own regulations. In Northern Ireland the Procurement Act 2023 applies but the 2012 Act does not, and "
    "Northern Ireland's procurement policy notes (such as PPN 01/21 on scoring social value) set the policy: adapt the clauses "
    "with legal advice there.",
    "These model clauses are not legal advice: check them against your own procurement and legal requirements before use.",
)


def pack_document(pack: Pack, profile: Mapping[str, Any], created: dt.datetime, taxonomy: Taxonomy, edition: str = "",
                  sections: dict[str, ClauseSection] | None = None, title_of: Mapping[str, str] | None = None) -> PackDocument:
    """Describe a pack's document; ``sections`` caches clause sections shared between packs."""
    sections = {} if sections is None else sections
    for clause in pack.clauses:
        if clause.id not in sections:
            sections[clause.id] = clause_section(clause, profile, taxonomy, title_of or {})
    date = f"{created.day} {created.strftime('%B')} {created.year}"
    count_text = f"{len(pack.clauses)} clause{'' if len(pack.clauses) == 1 else 's'}"
    return PackDocument(
        title=pack.title,
        subtitle=f"{SITE_NAME}{', ' + edition if edition else ''}. {count_text}. Built {date}.",
        description=pack.description,
        how_to=HOW_TO,
        date=date,
        sections=tuple(sections[c.id] for c in pack.clauses),
        created=created,
    )


_CLAUSE_KINDS = {"heading": "clause-heading", "paragraph": "clause-text", "item": "item", "choice": "option", "option": "option", "end": "option"}


def office_blocks(clause_block: ClauseBlock) -> Block:
    """One block of clause text as an office block."""
    return Block(_CLAUSE_KINDS[clause_block.kind], clause_block.runs, clause_block.marker, clause_block.level)


def office_document(pack: PackDocument) -> OfficeDocument:
    """The pack as office blocks: title page, contents, then each clause followed by its guidance."""
    blocks = [block("title", pack.title), block("subtitle", pack.subtitle), block("p", pack.description), block("h1", "How to use this pack", anchor="svkb0")]
    blocks += [block("p", text) for text in pack.how_to]
    blocks += [block("contents-title", "Contents", new_page=True), block("toc")]
    for number, s in enumerate(pack.sections, start=1):
        blocks.append(block("h1", pack.heading(number, s), new_page=number == 1, anchor=f"svkb{number}"))
        blocks += [office_blocks(b) for b in s.doc.blocks]
        blocks += [Block("guidance", ((f"{label}: ", "strong"), (text, ""))) for label, text in s.guidance]
    return OfficeDocument(pack.title, "Model social value tender clauses", pack.title, pack.created, tuple(blocks))
