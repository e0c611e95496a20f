"""Write an OfficeDocument as a Word file (DOCX) with python-docx."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from functools import lru_cache

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from generator.office.blocks import Block, OfficeDocument
from generator.office.look import FONT, GUIDANCE_RULE, LINE_SPACING, LOOKS, MARGIN_MM, OPTION_FILL, PAGE_HEIGHT_MM, PAGE_WIDTH_MM, TEXT_WIDTH_MM, Look, look_of, style_id
from generator.office.zipfiles import document_properties, escape_text, fill_package, xml_safe, zip_bytes

LANGUAGE = "en-GB"
AUTHOR = "Social Value Knowledge Base"


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


def _page_setup(document: Document) -> None:
    """A4 with UK margins (python-docx's template is US Letter)."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Mm(MARGIN_MM)


_PPR_AFTER_BORDER = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
                     "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
                     "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr")


def _apply_look(document: Document, look: Look) -> None:
    """Create or restyle a paragraph style so that it matches the shared look."""
    try:
        style = document.styles[look.name]
    except KeyError:
        style = document.styles.add_style(look.name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
    font = style.font
    font.name, font.size, font.bold, font.italic = FONT, Pt(look.size), look.bold, look.italic
    font.color.rgb = RGBColor.from_string(look.colour)
    paragraph = style.paragraph_format
    paragraph.space_before, paragraph.space_after, paragraph.keep_with_next = Pt(look.before), Pt(look.after), look.keep_next
    paragraph.widow_control = True
    paragraph.line_spacing = LINE_SPACING
    paragraph.left_indent = Mm(look.indent_mm) if look.indent_mm else None
    paragraph.first_line_indent = Mm(-look.hanging_mm) if look.hanging_mm else None
    for element in style.element.iter():  # theme fonts and colours would override the ones set here
        for attribute in [a for a in element.attrib if a.endswith(("Theme", "themeColor", "themeShade", "themeTint"))]:
            del element.attrib[attribute]
    ppr = style.element.get_or_add_pPr()
    for old in ppr.findall(qn("w:pBdr")) + ppr.findall(qn("w:shd")):
        ppr.remove(old)
    if look.rule:
        border = OxmlElement("w:pBdr")
        left = OxmlElement("w:left")
        for key, value in (("w:val", "single"), ("w:sz", "18"), ("w:space", "6"), ("w:color", GUIDANCE_RULE)):
            left.set(qn(key), value)
        border.append(left)
        ppr.insert_element_before(border, *_PPR_AFTER_BORDER)
    if look.fill:
        shading = OxmlElement("w:shd")
        for key, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", look.fill)):
            shading.set(qn(key), value)
        ppr.insert_element_before(shading, *_PPR_AFTER_BORDER[1:])


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
_RUN_PROPERTIES = {
    "": "",
    "placeholder": '<w:b/><w:highlight w:val="yellow"/>',
    "option": f'<w:b/><w:shd w:val="clear" w:color="auto" w:fill="{OPTION_FILL}"/>',
    "strong": "<w:b/>",
}


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
    properties = f'<w:pStyle w:val="{style_id(look_of(item.kind, item.level))}"/>' + ("<w:pageBreakBefore/>" if item.new_page else "")
    inner = f"<w:pPr>{properties}</w:pPr>"
    if item.kind == "item":
        inner += _run_xml(f"{item.marker}\t", "")
    elif item.kind == "bullet":
        inner += _run_xml("•\t", "")
    runs = "".join(_run_xml(piece, _RUN_PROPERTIES[style]) for piece, style in item.runs)
    if item.anchor:
        number = item.anchor.removeprefix("svkb")
        runs = f'<w:bookmarkStart w:id="{number}" w:name="{item.anchor}"/>{runs}<w:bookmarkEnd w:id="{number}"/>'
    return f"<w:p>{inner}{runs}</w:p>"


TABLE_BORDER = f'w:val="single" w:sz="4" w:space="0" w:color="{GUIDANCE_RULE}"'
TEXT_WIDTH_TWIPS = round(TEXT_WIDTH_MM * 1440 / 25.4)
WIDE_TABLE = 4  # columns: wider tables get smaller text
KEEP_ROW_CHARS = 600
BLANK_ROW_TWIPS = 567  # 1 cm: room to write in a row with blank cells


def _cell_xml(text: str, width: int, header: bool, small: bool) -> str:
    shading = '<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/>' if header else ""
    properties = ("<w:b/>" if header else "") + ('<w:sz w:val="18"/>' if small else "")
    paragraph = f'<w:p><w:pPr><w:spacing w:before="40" w:after="40"/></w:pPr>{_run_xml(text, properties) if text else ""}</w:p>'
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>{paragraph}</w:tc>'


def table_xml(item: Block) -> str:
    """A table block: a bold caption kept with the table, then a bordered table whose first row repeats on each page (9 pt text when wide)."""
    columns = max(len(row) for row in item.cells)
    small = columns > WIDE_TABLE
    width = TEXT_WIDTH_TWIPS // columns
    caption = f'<w:p><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="60"/></w:pPr>{_run_xml(item.text, "<w:b/>")}</w:p>'
    borders = "".join(f"<w:{side} {TABLE_BORDER}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    properties = (f'<w:tblPr><w:tblW w:w="{width * columns}" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
                  f'<w:tblCaption w:val="{escape_text(xml_safe(item.text))}"/></w:tblPr>')
    grid = "<w:tblGrid>" + f'<w:gridCol w:w="{width}"/>' * columns + "</w:tblGrid>"
    rows = []
    for number, row in enumerate(item.cells):
        cells = [*row, *[""] * (columns - len(row))]
        height = f'<w:trHeight w:val="{BLANK_ROW_TWIPS}"/>' if number and item.level and "" in cells else ""
        header = "<w:tblHeader/>" if number == 0 else ""
        keep = "<w:cantSplit/>" if sum(map(len, cells)) < KEEP_ROW_CHARS else ""  # a row taller than a page must split
        rows.append(f"<w:tr><w:trPr>{keep}{height}{header}</w:trPr>{''.join(_cell_xml(c, width, number == 0, small) for c in cells)}</w:tr>")
    return caption + f"<w:tbl>{properties}{grid}{''.join(rows)}</w:tbl>" + '<w:p><w:pPr><w:spacing w:after="0"/></w:pPr></w:p>'


def _contents_xml(doc: OfficeDocument) -> str:
    """A Word TOC field over the h1 headings, with their entries already written (Word adds page numbers when it updates the field)."""
    style = f'<w:pPr><w:pStyle w:val="{style_id(look_of("toc"))}"/></w:pPr>'
    begin = '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-1" \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    entries = [f'<w:hyperlink w:anchor="{h.anchor}" w:history="1">{_run_xml(h.text, "")}</w:hyperlink>' for h in doc.contents()]
    if not entries:
        return ""
    paragraphs = [f"<w:p>{style}{begin if i == 0 else ''}{entry}</w:p>" for i, entry in enumerate(entries)]
    return "".join(paragraphs) + f'<w:p>{style}<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'


def _body_xml(doc: OfficeDocument) -> str:
    return "".join(_contents_xml(doc) if item.kind == "toc" else table_xml(item) if item.kind == "table" else block_xml(item) for item in doc.blocks)


def _footer_xml(text: str) -> str:
    """The footer line with the page number and the number of pages."""
    fields = '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
    total = '<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
    return _run_xml(f"{text} · Page ", "") + fields + _run_xml(" of ", "") + total


TITLE_MARKER, SUBJECT_MARKER, FOOTER_MARKER = "svkb-title-goes-here", "svkb-subject-goes-here", "svkb-footer-goes-here"


@lru_cache(maxsize=8)
def package(created: dt.datetime) -> tuple[tuple[str, bytes, int], ...]:
    """The parts of a DOCX package with markers where the title, subject, footer and body go.

    python-docx takes about 30 ms to open its template and save a package, so it does that once
    per build; each document is then the package with the markers replaced.
    """
    document = Document()
    _set_language(document)
    _page_setup(document)
    for look in LOOKS.values():
        _apply_look(document, look)
    _properties(document, OfficeDocument(TITLE_MARKER, SUBJECT_MARKER, FOOTER_MARKER, created, ()))
    document.add_paragraph(BODY_MARKER)
    document.sections[0].footer.paragraphs[0].text = FOOTER_MARKER
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return tuple((i.filename, archive.read(i.filename), i.compress_type) for i in archive.infolist())


def _marked_run(marker: str) -> str:
    return f"<w:r><w:t>{marker}</w:t></w:r>"


# Each marker is replaced only in its own part, so author text can never be taken for one.
EDITS = (
    ("word/document.xml", f"<w:p>{_marked_run(BODY_MARKER)}</w:p>", "body"),
    ("word/footer1.xml", _marked_run(FOOTER_MARKER), "footer"),
    ("word/settings.xml", "<w:compat>", "settings"),
    ("docProps/core.xml", f"<dc:title>{TITLE_MARKER}</dc:title>", "title"),
    ("docProps/core.xml", f"<dc:subject>{SUBJECT_MARKER}</dc:subject>", "subject"),
)
SETTINGS = '<w:updateFields w:val="true"/><w:compat>'  # Word offers to update the contents (and its page numbers) on opening


def render_docx(doc: OfficeDocument) -> bytes:
    """Write the document as DOCX bytes with fixed timestamps.

    The body is written as text, block by block, because building it element by element with
    python-docx took most of a large build's time.
    """
    values = {"body": _body_xml(doc), "footer": _footer_xml(doc.footer), "settings": SETTINGS, **document_properties(doc.title, doc.subject)}
    return zip_bytes(fill_package(package(doc.created), EDITS, values), doc.created)
