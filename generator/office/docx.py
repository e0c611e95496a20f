"""Write an OfficeDocument as a Word file (DOCX) with python-docx."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from generator.office.blocks import OfficeDocument
from generator.office.zipfiles import normalise_zip, xml_safe

LANGUAGE = "en-GB"
AUTHOR = "Social Value Knowledge Base"
STYLE_IDS = {"title": "Title", "subtitle": "Subtitle", "h1": "Heading1", "h2": "Heading2", "bullet": "ListBullet", "p": "", "small": ""}


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


def _properties(document: Document, doc: OfficeDocument) -> None:
    props = document.core_properties
    props.title = xml_safe(doc.title)
    props.subject = xml_safe(doc.subject)
    props.author = props.last_modified_by = AUTHOR
    props.language = LANGUAGE
    props.keywords = "social value; procurement"
    props.comments = props.category = ""
    props.revision = 1
    created = doc.created.replace(tzinfo=None)
    props.created = props.modified = props.last_printed = created


def _paragraph(document: Document, style_id: str) -> Paragraph:
    """Add a paragraph by style id; python-docx's lookup by style name rescans every style each time."""
    paragraph = document.add_paragraph()
    if style_id:
        paragraph._p.style = style_id
    return paragraph


def render_docx(doc: OfficeDocument) -> bytes:
    """Write the document as DOCX bytes with fixed timestamps."""
    document = Document()
    _set_language(document)
    _properties(document, doc)
    for item in doc.blocks:
        if item.kind == "break":
            document.add_page_break()
            continue
        paragraph = _paragraph(document, STYLE_IDS[item.kind])
        for piece, is_placeholder in item.runs:
            run = paragraph.add_run(xml_safe(piece))
            if is_placeholder:
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
                run.bold = True
            if item.kind == "small":
                run.italic = True
                run.font.size = Pt(8)
    document.sections[0].footer.paragraphs[0].text = xml_safe(doc.footer)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue(), doc.created)
