"""Write a pack as a Word document (DOCX) with python-docx."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from generator.packs.document import PackDocument
from generator.packs.zipfiles import normalise_zip, xml_safe

LANGUAGE = "en-GB"


def _set_language(document: Document) -> None:
    """Make en-GB the language of every run unless a style says otherwise."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    lang = OxmlElement("w:lang")
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attr), LANGUAGE)
    rpr.append(lang)


def _properties(document: Document, pack: PackDocument) -> None:
    props = document.core_properties
    props.title = xml_safe(pack.title)
    props.subject = "Model social value tender clauses"
    props.author = "Social Value Knowledge Base"
    props.last_modified_by = "Social Value Knowledge Base"
    props.language = LANGUAGE
    props.keywords = "social value; procurement; tender clauses"
    props.comments = ""
    props.category = ""
    props.revision = 1
    created = pack.created.replace(tzinfo=None)
    props.created = props.modified = props.last_printed = created


def render_docx(pack: PackDocument) -> bytes:
    """Write the pack as DOCX bytes: title page, contents, clauses, drafting notes."""
    document = Document()
    _set_language(document)
    _properties(document, pack)
    document.add_heading(xml_safe(pack.title), level=0)
    document.add_paragraph(xml_safe(pack.subtitle), style="Subtitle")
    document.add_paragraph(xml_safe(pack.intro))
    document.add_page_break()
    document.add_heading("Contents", level=1)
    for section in pack.sections:
        document.add_paragraph(xml_safe(f"{section.id}: {section.title}"), style="List Bullet")
    document.add_paragraph("Drafting notes (remove before issuing)", style="List Bullet")
    for section in pack.sections:
        document.add_page_break()
        document.add_heading(xml_safe(f"{section.id}: {section.title}"), level=1)
        document.add_heading("What this clause does", level=2)
        document.add_paragraph(xml_safe(section.purpose))
        document.add_heading("Clause text", level=2)
        for runs in section.paragraphs:
            paragraph = document.add_paragraph()
            for piece, is_placeholder in runs:
                run = paragraph.add_run(xml_safe(piece))
                if is_placeholder:
                    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
                    run.bold = True
        footer = document.add_paragraph()
        footer_run = footer.add_run(xml_safe(section.footer))
        footer_run.italic = True
        footer_run.font.size = Pt(8)
    document.add_page_break()
    document.add_heading("Drafting notes (remove before issuing)", level=1)
    document.add_paragraph("Guidance for the person preparing the tender. It is not part of the clauses: delete this section before issuing.")
    for section in pack.sections:
        document.add_heading(xml_safe(f"{section.id}: {section.title}"), level=2)
        for note in section.notes:
            document.add_paragraph(xml_safe(note), style="List Bullet")
    document.sections[0].footer.paragraphs[0].text = xml_safe(f"{pack.title}. {pack.subtitle}")
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue(), pack.created)
