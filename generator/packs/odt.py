"""Write a pack as an OpenDocument text file (ODT), the UK government's open standard, with odfpy."""

from __future__ import annotations

import io

from odf import dc, meta
from odf.element import Element
from odf.opendocument import OpenDocumentText
from odf.style import DefaultStyle, ParagraphProperties, Style, TextProperties
from odf.text import H, P, Span

from generator.packs.document import PackDocument
from generator.packs.zipfiles import normalise_zip, xml_safe


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
        "footer": Style(name="Clause footer", family="paragraph"),
        "note": Style(name="Drafting note", family="paragraph"),
        "break": Style(name="Page break before", family="paragraph"),
        "placeholder": Style(name="Placeholder", family="text"),
    }
    made["title"].addElement(TextProperties(fontsize="24pt", fontweight="bold"))
    made["h1"].addElement(TextProperties(fontsize="16pt", fontweight="bold"))
    made["h1"].addElement(ParagraphProperties(breakbefore="page", margintop="0.2in", marginbottom="0.1in"))
    made["h2"].addElement(TextProperties(fontsize="13pt", fontweight="bold"))
    made["h2"].addElement(ParagraphProperties(margintop="0.15in", marginbottom="0.05in"))
    made["subtitle"].addElement(TextProperties(fontsize="13pt", fontstyle="italic"))
    made["footer"].addElement(TextProperties(fontsize="8pt", fontstyle="italic"))
    made["note"].addElement(ParagraphProperties(marginleft="0.25in"))
    made["placeholder"].addElement(TextProperties(backgroundcolor="#ffff00", fontweight="bold"))
    for style in made.values():
        document.styles.addElement(style)
    return made


def _meta(document: OpenDocumentText, pack: PackDocument) -> None:
    stamp = pack.created.strftime("%Y-%m-%dT%H:%M:%S")
    document.meta.addElement(dc.Title(text=xml_safe(pack.title)))
    document.meta.addElement(dc.Language(text="en-GB"))
    document.meta.addElement(dc.Subject(text="Model social value tender clauses"))
    document.meta.addElement(meta.InitialCreator(text="Social Value Knowledge Base"))
    document.meta.addElement(meta.CreationDate(text=stamp))
    document.meta.addElement(dc.Date(text=stamp))


def render_odt(pack: PackDocument) -> bytes:
    """Write the pack as ODT bytes with the same structure as the DOCX."""
    # odfpy keeps the namespaces it has seen in a class-level dict shared by every document, so
    # the xmlns declarations of one file depend on the files written before it; start afresh.
    Element.namespaces.clear()
    document = OpenDocumentText()
    styles = _styles(document)
    _meta(document, pack)
    body = document.text
    body.addElement(P(stylename=styles["title"], text=xml_safe(pack.title)))
    body.addElement(P(stylename=styles["subtitle"], text=xml_safe(pack.subtitle)))
    body.addElement(P(text=xml_safe(pack.intro)))
    body.addElement(H(outlinelevel=1, stylename=styles["h1"], text="Contents"))
    for section in pack.sections:
        body.addElement(P(text=xml_safe(f"{section.id}: {section.title}")))
    body.addElement(P(text="Drafting notes (remove before issuing)"))
    for section in pack.sections:
        body.addElement(H(outlinelevel=1, stylename=styles["h1"], text=xml_safe(f"{section.id}: {section.title}")))
        body.addElement(H(outlinelevel=2, stylename=styles["h2"], text="What this clause does"))
        body.addElement(P(text=xml_safe(section.purpose)))
        body.addElement(H(outlinelevel=2, stylename=styles["h2"], text="Clause text"))
        for runs in section.paragraphs:
            paragraph = P()
            for piece, is_placeholder in runs:
                if is_placeholder:
                    paragraph.addElement(Span(stylename=styles["placeholder"], text=xml_safe(piece)))
                else:
                    paragraph.addText(xml_safe(piece))
            body.addElement(paragraph)
        body.addElement(P(stylename=styles["footer"], text=xml_safe(section.footer)))
    body.addElement(H(outlinelevel=1, stylename=styles["h1"], text="Drafting notes (remove before issuing)"))
    body.addElement(P(text="Guidance for the person preparing the tender. It is not part of the clauses: delete this section before issuing."))
    for section in pack.sections:
        body.addElement(H(outlinelevel=2, stylename=styles["h2"], text=xml_safe(f"{section.id}: {section.title}")))
        for note in section.notes:
            body.addElement(P(stylename=styles["note"], text=xml_safe(f"• {note}")))
    buffer = io.BytesIO()
    document.write(buffer)
    return normalise_zip(buffer.getvalue(), pack.created)
