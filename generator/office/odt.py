"""Write an OfficeDocument as OpenDocument text (ODT), the UK government's open standard, with odfpy."""

from __future__ import annotations

import io
from functools import lru_cache

from odf import dc, meta
from odf.element import Element
from odf.opendocument import OpenDocumentText
from odf.style import DefaultStyle, ParagraphProperties, Style, TextProperties
from odf.text import P

from generator.office.blocks import Block, OfficeDocument
from generator.office.zipfiles import escape_text, normalise_zip, xml_safe

AUTHOR = "Social Value Knowledge Base"


def _styles(document: OpenDocumentText) -> dict[str, Style]:
    default = DefaultStyle(family="paragraph")
    default.addElement(TextProperties(language="en", country="GB", fontsize="11pt"))
    default.addElement(ParagraphProperties(marginbottom="0.08in"))
    document.styles.addElement(default)
    made = {
        "title": Style(name="Title", family="paragraph"),
        "h1": Style(name="Heading 1", family="paragraph", defaultoutlinelevel="1"),
        "h2": Style(name="Heading 2", family="paragraph", defaultoutlinelevel="2"),
        "subtitle": Style(name="Subtitle", family="paragraph"),
        "small": Style(name="Clause footer", family="paragraph"),
        "bullet": Style(name="Bullet", family="paragraph"),
        "break": Style(name="Page break", family="paragraph"),
        "placeholder": Style(name="Placeholder", family="text"),
    }
    made["title"].addElement(TextProperties(fontsize="24pt", fontweight="bold"))
    made["h1"].addElement(TextProperties(fontsize="16pt", fontweight="bold"))
    made["h1"].addElement(ParagraphProperties(margintop="0.2in", marginbottom="0.1in"))
    made["h2"].addElement(TextProperties(fontsize="13pt", fontweight="bold"))
    made["h2"].addElement(ParagraphProperties(margintop="0.15in", marginbottom="0.05in"))
    made["subtitle"].addElement(TextProperties(fontsize="13pt", fontstyle="italic"))
    made["small"].addElement(TextProperties(fontsize="8pt", fontstyle="italic"))
    made["bullet"].addElement(ParagraphProperties(marginleft="0.25in"))
    made["break"].addElement(ParagraphProperties(breakafter="page"))
    made["placeholder"].addElement(TextProperties(backgroundcolor="#ffff00", fontweight="bold"))
    for style in made.values():
        document.styles.addElement(style)
    return made


def _meta(document: OpenDocumentText, doc: OfficeDocument) -> None:
    stamp = doc.created.strftime("%Y-%m-%dT%H:%M:%S")
    document.meta.addElement(dc.Title(text=xml_safe(doc.title)))
    document.meta.addElement(dc.Language(text="en-GB"))
    document.meta.addElement(dc.Subject(text=xml_safe(doc.subject)))
    document.meta.addElement(meta.InitialCreator(text=AUTHOR))
    document.meta.addElement(meta.CreationDate(text=stamp))
    document.meta.addElement(dc.Date(text=stamp))


BODY_MARKER = "svkb-body-goes-here"
STYLE_NAMES = {"title": "Title", "h1": "Heading_20_1", "h2": "Heading_20_2", "subtitle": "Subtitle", "small": "Clause_20_footer", "bullet": "Bullet", "break": "Page_20_break"}


def _text(text: str) -> str:
    """Escaped text; line breaks and tabs become ODF's own elements (a bare newline is just a space)."""
    return escape_text(xml_safe(text)).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<text:line-break/>").replace("\t", "<text:tab/>")


def _element(opening: str, content: str) -> str:
    """An element as odfpy writes it: self-closing when it has no children."""
    name = opening.split(" ", 1)[0]
    return f"<{opening}>{content}</{name}>" if content else f"<{opening}/>"


@lru_cache(maxsize=65536)
def block_xml(item: Block) -> str:
    """One block as ODF text (cached: packs repeat the same clause blocks), as odfpy writes it, with line breaks kept."""
    if item.kind in {"h1", "h2"}:
        return _element(f'text:h text:outline-level="{item.kind[1]}" text:style-name="{STYLE_NAMES[item.kind]}"', _text(item.text))
    content = "• " if item.kind == "bullet" else ""
    for piece, is_placeholder in item.runs:
        content += _element('text:span text:style-name="Placeholder"', _text(piece)) if is_placeholder else _text(piece)
    return _element(f'text:p text:style-name="{STYLE_NAMES[item.kind]}"' if item.kind in STYLE_NAMES else "text:p", content)


def render_odt(doc: OfficeDocument) -> bytes:
    """Write the document as ODT bytes with the same structure as the DOCX.

    odfpy writes the package (styles, metadata); the body is written as text, block by block,
    because building it element by element took most of a large build's time.
    """
    # odfpy keeps the namespaces it has seen in a class-level dict shared by every document, so
    # the xmlns declarations of one file depend on the files written before it; start afresh.
    Element.namespaces.clear()
    document = OpenDocumentText()
    _styles(document)
    _meta(document, doc)
    document.text.addElement(P(text=BODY_MARKER))
    buffer = io.BytesIO()
    document.write(buffer)
    body = "".join(block_xml(item) for item in doc.blocks)
    marker = f"<text:p>{BODY_MARKER}</text:p>"
    return normalise_zip(buffer.getvalue(), doc.created, {"content.xml": lambda xml: xml.replace(marker.encode(), body.encode("utf-8"), 1)})
