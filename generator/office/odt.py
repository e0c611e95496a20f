"""Write an OfficeDocument as OpenDocument text (ODT), the UK government's open standard, with odfpy."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from functools import lru_cache

from odf import dc, meta
from odf.element import Element
from odf.opendocument import OpenDocumentText
from odf.style import DefaultStyle, FontFace, Footer, FooterStyle, HeaderFooterProperties, MasterPage, PageLayout, PageLayoutProperties, ParagraphProperties, Style, TextProperties
from odf.text import P

from generator.office.blocks import Block, OfficeDocument
from generator.office.look import FONT, GUIDANCE_RULE, LINE_SPACING, LOOKS, MARGIN_MM, OPTION_FILL, PAGE_HEIGHT_MM, PAGE_WIDTH_MM, PLACEHOLDER_FILL, TEXT_WIDTH_MM, Look, look_of, odf_name
from generator.office.zipfiles import document_properties, escape_text, fill_package, xml_safe, zip_bytes

AUTHOR = "Social Value Knowledge Base"


def _paragraph_style(look: Look, break_before: bool = False) -> Style:
    """A paragraph style with the shared look (a copy that starts a new page when asked)."""
    name = look.name + (" New Page" if break_before else "")
    outline = {"Heading 1": "1", "Heading 2": "2"}.get(look.name)
    style = Style(name=name, family="paragraph", **({"defaultoutlinelevel": outline} if outline else {}))
    text = {"fontname": FONT, "fontsize": f"{look.size:g}pt", "color": f"#{look.colour}"}
    text.update({"fontweight": "bold"} if look.bold else {})
    text.update({"fontstyle": "italic"} if look.italic else {})
    paragraph = {"margintop": f"{look.before:g}pt", "marginbottom": f"{look.after:g}pt", "orphans": "2", "widows": "2", "lineheight": f"{LINE_SPACING:.0%}"}
    paragraph.update({"keepwithnext": "always"} if look.keep_next else {})
    paragraph.update({"marginleft": f"{look.indent_mm:g}mm"} if look.indent_mm else {})
    paragraph.update({"textindent": f"-{look.hanging_mm:g}mm"} if look.hanging_mm else {})
    paragraph.update({"backgroundcolor": f"#{look.fill}"} if look.fill else {})
    paragraph.update({"borderleft": f"1.5pt solid #{GUIDANCE_RULE}", "paddingleft": "2mm"} if look.rule else {})
    paragraph.update({"breakbefore": "page"} if break_before else {})
    style.addElement(ParagraphProperties(**paragraph))
    style.addElement(TextProperties(**text))
    return style


def _styles(document: OpenDocumentText, footer: str) -> None:
    document.fontfacedecls.addElement(FontFace(name=FONT, fontfamily=FONT, fontfamilygeneric="swiss", fontpitch="variable"))
    default = DefaultStyle(family="paragraph")
    default.addElement(TextProperties(language="en", country="GB", fontsize="11pt", fontname=FONT))
    document.styles.addElement(default)
    for look in LOOKS.values():
        document.styles.addElement(_paragraph_style(look))
    for kind in ("h1", "contents-title"):
        document.styles.addElement(_paragraph_style(look_of(kind), break_before=True))
    for name, fill in (("Placeholder", PLACEHOLDER_FILL), ("Option", OPTION_FILL), ("Strong", "")):
        span = Style(name=name, family="text")
        span.addElement(TextProperties(fontweight="bold", **({"backgroundcolor": f"#{fill}"} if fill else {})))
        document.styles.addElement(span)
    _page(document, footer)


def _page(document: OpenDocumentText, footer: str) -> None:
    """A4 with UK margins, and a footer with the document's line and the page number."""
    layout = PageLayout(name="A4")
    layout.addElement(PageLayoutProperties(pagewidth=f"{PAGE_WIDTH_MM}mm", pageheight=f"{PAGE_HEIGHT_MM}mm", printorientation="portrait",
                                           margintop=f"{MARGIN_MM}mm", marginbottom=f"{MARGIN_MM / 2}mm", marginleft=f"{MARGIN_MM}mm", marginright=f"{MARGIN_MM}mm"))
    footer_style = FooterStyle()  # the footer sits in the lower half of the bottom margin, as in Word
    footer_style.addElement(HeaderFooterProperties(minheight="5mm", margintop=f"{MARGIN_MM / 2 - 5:g}mm"))
    layout.addElement(footer_style)
    document.automaticstyles.addElement(layout)
    master = MasterPage(name="Standard", pagelayoutname=layout)
    foot = Footer()
    line = P(text=FOOTER_MARKER)
    foot.addElement(line)
    master.addElement(foot)
    document.masterstyles.addElement(master)


def _meta(document: OpenDocumentText, doc: OfficeDocument) -> None:
    stamp = doc.created.strftime("%Y-%m-%dT%H:%M:%S")
    document.meta.addElement(dc.Title(text=xml_safe(doc.title)))
    document.meta.addElement(dc.Language(text="en-GB"))
    document.meta.addElement(dc.Subject(text=xml_safe(doc.subject)))
    document.meta.addElement(meta.InitialCreator(text=AUTHOR))
    document.meta.addElement(meta.CreationDate(text=stamp))
    document.meta.addElement(dc.Date(text=stamp))


BODY_MARKER = "svkb-body-goes-here"
FOOTER_MARKER = "svkb-footer-goes-here"
SPAN_STYLES = {"placeholder": "Placeholder", "option": "Option", "strong": "Strong"}


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
    look = look_of(item.kind, item.level)
    style = odf_name(look) + ("_20_New_20_Page" if item.new_page else "")
    content = _text(f"{item.marker}\t") if item.kind == "item" else (_text("•\t") if item.kind == "bullet" else "")
    for piece, span in item.runs:
        content += _element(f'text:span text:style-name="{SPAN_STYLES[span]}"', _text(piece)) if span else _text(piece)
    if item.anchor:
        content = f'<text:bookmark text:name="{item.anchor}"/>' + content
    if item.kind in {"h1", "h2"}:
        return _element(f'text:h text:outline-level="{item.kind[1]}" text:style-name="{style}"', content)
    return _element(f'text:p text:style-name="{style}"', content)


def _contents_xml(doc: OfficeDocument) -> str:
    """An ODF table of contents over the h1 headings, with its entries already written."""
    entries = doc.contents()
    if not entries:
        return ""
    style = odf_name(look_of("toc"))
    template = (f'<text:table-of-content-entry-template text:outline-level="1" text:style-name="{style}"><text:index-entry-link-start/>'
                '<text:index-entry-text/><text:index-entry-tab-stop style:type="right" style:leader-char="."/><text:index-entry-page-number/>'
                "<text:index-entry-link-end/></text:table-of-content-entry-template>")
    body = "".join(f'<text:p text:style-name="{style}"><text:a xlink:type="simple" xlink:href="#{h.anchor}">{_text(h.text)}</text:a></text:p>' for h in entries)
    return (f'<text:table-of-content text:protected="true" text:name="Contents"><text:table-of-content-source text:outline-level="1">'
            f"<text:index-title-template/>{template}</text:table-of-content-source><text:index-body>{body}</text:index-body></text:table-of-content>")


TABLE_STYLES = (
    '<office:automatic-styles>'
    f'<style:style style:name="SvkbTable" style:family="table"><style:table-properties style:width="{TEXT_WIDTH_MM:g}mm" table:align="margins" fo:margin-bottom="6pt"/></style:style>'
    '<style:style style:name="SvkbCell" style:family="table-cell"><style:table-cell-properties fo:padding="1mm" '
    f'fo:border="0.5pt solid #{GUIDANCE_RULE}"/></style:style>'
    '<style:style style:name="SvkbHeadCell" style:family="table-cell"><style:table-cell-properties fo:padding="1mm" fo:background-color="#F2F2F2" '
    f'fo:border="0.5pt solid #{GUIDANCE_RULE}"/></style:style>'
    '<style:style style:name="SvkbBlankRow" style:family="table-row"><style:table-row-properties style:min-row-height="10mm"/></style:style>'
    '<style:style style:name="SvkbCaption" style:family="paragraph" style:parent-style-name="Normal"><style:paragraph-properties fo:margin-top="6pt" '
    'fo:margin-bottom="3pt" fo:keep-with-next="always"/><style:text-properties fo:font-weight="bold"/></style:style>'
    '<style:style style:name="SvkbCellText" style:family="paragraph" style:parent-style-name="Normal"><style:paragraph-properties fo:margin-top="0pt" '
    'fo:margin-bottom="0pt"/></style:style>'
    '<style:style style:name="SvkbSmallCellText" style:family="paragraph" style:parent-style-name="Normal"><style:paragraph-properties fo:margin-top="0pt" '
    'fo:margin-bottom="0pt"/><style:text-properties fo:font-size="9pt"/></style:style>'
    '</office:automatic-styles>'
)


WIDE_TABLE = 4  # columns: wider tables get smaller text


def table_xml(item: Block, number: int) -> str:
    """A table block: a caption kept with the table, then a bordered table whose header row repeats on each page."""
    columns = max(len(row) for row in item.cells)
    cell_paragraph = f'text:p text:style-name="{"SvkbSmallCellText" if columns > WIDE_TABLE else "SvkbCellText"}"'

    def row_xml(row: tuple[str, ...], header: bool) -> str:
        cells = [*row, *[""] * (columns - len(row))]
        style = "SvkbHeadCell" if header else "SvkbCell"
        parts = []
        for cell in cells:
            text = _element('text:span text:style-name="Strong"', _text(cell)) if header and cell else _text(cell)
            paragraph = _element(cell_paragraph, text)
            parts.append(f'<table:table-cell table:style-name="{style}" office:value-type="string">{paragraph}</table:table-cell>')
        height = ' table:style-name="SvkbBlankRow"' if not header and item.level and "" in cells else ""
        return f"<table:table-row{height}>{''.join(parts)}</table:table-row>"

    caption = _element('text:p text:style-name="SvkbCaption"', _text(item.text))
    head = f"<table:table-header-rows>{row_xml(item.cells[0], True)}</table:table-header-rows>"
    body = "".join(row_xml(row, False) for row in item.cells[1:])
    column = f'<table:table-column table:number-columns-repeated="{columns}"/>'
    return f'{caption}<table:table table:name="Table{number}" table:style-name="SvkbTable">{column}{head}{body}</table:table>'


XLINK = b'xmlns:xlink="http://www.w3.org/1999/xlink"'


def _declare_xlink(xml: bytes) -> bytes:
    """Contents links use xlink; odfpy declares only the namespaces of elements it wrote itself."""
    return xml if XLINK in xml else xml.replace(b"<office:document-content ", b"<office:document-content " + XLINK + b" ", 1)


def _content(xml: bytes, doc: OfficeDocument) -> bytes:
    """content.xml with xlink declared and, when the document has tables, their styles."""
    if any(item.kind == "table" for item in doc.blocks):
        xml = xml.replace(b"<office:automatic-styles/>", TABLE_STYLES.encode(), 1)
    return _declare_xlink(xml)


TITLE_MARKER, SUBJECT_MARKER = "svkb-title-goes-here", "svkb-subject-goes-here"


@lru_cache(maxsize=8)
def package(created: dt.datetime) -> tuple[tuple[str, bytes, int], ...]:
    """The parts of an ODT package with markers where the title, subject, footer and body go.

    odfpy writes the package (styles, metadata) once per build; each document is then the package
    with the markers replaced, which is also how the browser's pack builder writes it.
    """
    # odfpy keeps the namespaces it has seen in a class-level dict shared by every document, so
    # the xmlns declarations of one file depend on the files written before it; start afresh.
    Element.namespaces.clear()
    document = OpenDocumentText()
    _styles(document, FOOTER_MARKER)
    _meta(document, OfficeDocument(TITLE_MARKER, SUBJECT_MARKER, FOOTER_MARKER, created, ()))
    document.text.addElement(P(text=BODY_MARKER))
    buffer = io.BytesIO()
    document.write(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return tuple((i.filename, archive.read(i.filename), i.compress_type) for i in archive.infolist())


def footer_xml(text: str) -> str:
    """The footer line with the page number and the number of pages."""
    return f'<text:p>{_text(text)} · Page <text:page-number text:select-page="current">1</text:page-number> of <text:page-count>1</text:page-count></text:p>'


def body_xml(doc: OfficeDocument) -> str:
    parts, tables = [], 0
    for item in doc.blocks:
        if item.kind == "table":
            tables += 1
            parts.append(table_xml(item, tables))
        else:
            parts.append(_contents_xml(doc) if item.kind == "toc" else block_xml(item))
    return "".join(parts)


# Each marker is replaced only in its own part, so author text can never be taken for one.
EDITS = (
    ("content.xml", f"<text:p>{BODY_MARKER}</text:p>", "body"),
    ("styles.xml", f"<text:p>{FOOTER_MARKER}</text:p>", "footer"),
    ("meta.xml", f"<dc:title>{TITLE_MARKER}</dc:title>", "title"),
    ("meta.xml", f"<dc:subject>{SUBJECT_MARKER}</dc:subject>", "subject"),
)


def render_odt(doc: OfficeDocument) -> bytes:
    """Write the document as ODT bytes with the same structure as the DOCX.

    The body is written as text, block by block, because building it element by element took
    most of a large build's time.
    """
    values = {"body": body_xml(doc), "footer": footer_xml(doc.footer), **document_properties(doc.title, doc.subject)}
    entries = [(name, _content(data, doc) if name == "content.xml" else data, compression) for name, data, compression in fill_package(package(doc.created), EDITS, values)]
    return zip_bytes(entries, doc.created)
