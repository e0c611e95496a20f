"""Write an OfficeDocument as a Word file (DOCX) with python-docx."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from functools import lru_cache

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from generator.office.blocks import Block, OfficeDocument
from generator.office.zipfiles import escape_text, xml_safe, zip_bytes

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


BODY_MARKER = "svkb-body-goes-here"
_PIECES = re.compile(r"(\t|\r|\n)")


def _run_xml(text: str, properties: str) -> str:
    """One run as python-docx writes it: tabs and line breaks as elements, text in w:t."""
    content = []
    for piece in _PIECES.split(xml_safe(text)):
        if piece == "\t":
            content.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            content.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            content.append(f"<w:t{space}>{escape_text(piece)}</w:t>")
    inner = (f"<w:rPr>{properties}</w:rPr>" if properties else "") + "".join(content)
    return f"<w:r>{inner}</w:r>" if inner else "<w:r/>"


@lru_cache(maxsize=65536)
def block_xml(item: Block) -> str:
    """One block as a WordprocessingML paragraph (cached: packs repeat the same clause blocks)."""
    if item.kind == "break":
        return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
    style = STYLE_IDS[item.kind]
    inner = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    for piece, is_placeholder in item.runs:
        properties = ("<w:b/>" if is_placeholder else "") + ('<w:i/><w:sz w:val="16"/>' if item.kind == "small" else "") + ('<w:highlight w:val="yellow"/>' if is_placeholder else "")
        inner += _run_xml(piece, properties)
    return f"<w:p>{inner}</w:p>" if inner else "<w:p/>"


TITLE_MARKER, SUBJECT_MARKER, FOOTER_MARKER = "svkb-title-goes-here", "svkb-subject-goes-here", "svkb-footer-goes-here"


@lru_cache(maxsize=8)
def _package(created: dt.datetime) -> tuple[tuple[str, bytes, int], ...]:
    """The parts of a DOCX package with markers where the title, subject, footer and body go.

    python-docx takes about 30 ms to open its template and save a package, so it does that once
    per build; each document is then the package with the markers replaced.
    """
    document = Document()
    _set_language(document)
    _properties(document, OfficeDocument(TITLE_MARKER, SUBJECT_MARKER, FOOTER_MARKER, created, ()))
    document.add_paragraph(BODY_MARKER)
    document.sections[0].footer.paragraphs[0].text = FOOTER_MARKER
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return tuple((i.filename, archive.read(i.filename), i.compress_type) for i in archive.infolist())


def _marked_run(marker: str) -> str:
    return f"<w:r><w:t>{marker}</w:t></w:r>"


def render_docx(doc: OfficeDocument) -> bytes:
    """Write the document as DOCX bytes with fixed timestamps.

    The body is written as text, block by block, because building it element by element with
    python-docx took most of a large build's time.
    """
    parts = {  # each marker is replaced only in its own part, so author text can never be taken for one
        "word/document.xml": (f"<w:p>{_marked_run(BODY_MARKER)}</w:p>", "".join(block_xml(item) for item in doc.blocks)),
        "word/footer1.xml": (_marked_run(FOOTER_MARKER), _run_xml(doc.footer, "")),
    }
    core = ((f"<dc:title>{TITLE_MARKER}</dc:title>", f"<dc:title>{escape_text(xml_safe(doc.title))}</dc:title>"),
            (f"<dc:subject>{SUBJECT_MARKER}</dc:subject>", f"<dc:subject>{escape_text(xml_safe(doc.subject))}</dc:subject>"))
    entries = []
    for name, data, compression in _package(doc.created):
        if name in parts:
            marker, value = parts[name]
            data = data.replace(marker.encode(), value.encode(), 1)
        elif name == "docProps/core.xml":
            for marker_text, value_text in core:
                data = data.replace(marker_text.encode(), value_text.encode(), 1)
        entries.append((name, data, compression))
    return zip_bytes(entries, doc.created)
