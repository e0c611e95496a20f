"""Write an OfficeDocument as OpenDocument text (ODT), the UK government's open standard, with odfpy."""

from __future__ import annotations

import io

from odf import dc, meta
from odf.element import Element
from odf.opendocument import OpenDocumentText
from odf.style import DefaultStyle, ParagraphProperties, Style, TextProperties
from odf.text import H, P, Span

from generator.office.blocks import OfficeDocument
from generator.office.zipfiles import normalise_zip, xml_safe

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


def render_odt(doc: OfficeDocument) -> bytes:
    """Write the document as ODT bytes with the same structure as the DOCX."""
    # odfpy keeps the namespaces it has seen in a class-level dict shared by every document, so
    # the xmlns declarations of one file depend on the files written before it; start afresh.
    Element.namespaces.clear()
    document = OpenDocumentText()
    styles = _styles(document)
    _meta(document, doc)
    for item in doc.blocks:
        if item.kind in {"h1", "h2"}:
            document.text.addElement(H(outlinelevel=int(item.kind[1]), stylename=styles[item.kind], text=xml_safe(item.text)))
            continue
        if item.kind == "break":
            document.text.addElement(P(stylename=styles["break"]))
            continue
        paragraph = P(stylename=styles[item.kind]) if item.kind in styles else P()
        if item.kind == "bullet":
            paragraph.addText("• ")
        for piece, is_placeholder in item.runs:
            if is_placeholder:
                paragraph.addElement(Span(stylename=styles["placeholder"], text=xml_safe(piece)))
            else:
                paragraph.addText(xml_safe(piece))
        document.text.addElement(paragraph)
    buffer = io.BytesIO()
    document.write(buffer)
    return normalise_zip(buffer.getvalue(), doc.created)
