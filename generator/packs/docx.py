"""Write a pack as a Word document (DOCX) with python-docx."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

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


def _para(document: Document, text: str = "", style_id: str = "") -> Paragraph:
    """Add a paragraph with a style id; python-docx's lookup by style name rescans every style each time."""
    paragraph = document.add_paragraph(text)
    if style_id:
        paragraph._p.style = style_id
    return paragraph


def render_docx(pack: PackDocument) -> bytes:
    """Write the pack as DOCX bytes: title page, contents, clauses, drafting notes."""
    document = Document()
    _set_language(document)
    _properties(document, pack)
    _para(document, xml_safe(pack.title), "Title")
    _para(document, xml_safe(pack.subtitle), "Subtitle")
    _para(document, xml_safe(pack.intro))
    document.add_page_break()
    _para(document, "Contents", "Heading1")
    for section in pack.sections:
        _para(document, xml_safe(f"{section.id}: {section.title}"), "ListBullet")
    _para(document, "Drafting notes (remove before issuing)", "ListBullet")
    for section in pack.sections:
        document.add_page_break()
        _para(document, xml_safe(f"{section.id}: {section.title}"), "Heading1")
        _para(document, "What this clause does", "Heading2")
        _para(document, xml_safe(section.purpose))
        _para(document, "Clause text", "Heading2")
        for runs in section.paragraphs:
            paragraph = _para(document)
            for piece, is_placeholder in runs:
                run = paragraph.add_run(xml_safe(piece))
                if is_placeholder:
                    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
                    run.bold = True
        footer = _para(document)
        footer_run = footer.add_run(xml_safe(section.footer))
        footer_run.italic = True
        footer_run.font.size = Pt(8)
    document.add_page_break()
    _para(document, "Drafting notes (remove before issuing)", "Heading1")
    _para(document, "Guidance for the person preparing the tender. It is not part of the clauses: delete this section before issuing.")
    for section in pack.sections:
        _para(document, xml_safe(f"{section.id}: {section.title}"), "Heading2")
        for note in section.notes:
            _para(document, xml_safe(note), "ListBullet")
    document.sections[0].footer.paragraphs[0].text = xml_safe(f"{pack.title}. {pack.subtitle}")
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue(), pack.created)
