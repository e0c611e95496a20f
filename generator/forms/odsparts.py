"""The fixed parts of an ODS package: namespaces, number and cell styles, page layout, settings, metadata, manifest."""

from __future__ import annotations

import datetime as dt

from generator.forms.sheet import Sheet, Workbook
from generator.office.zipfiles import escape_text, xml_safe

NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" '
    'xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"'
)
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
FONTS = '<office:font-face-decls><style:font-face style:name="Arial" svg:font-family="Arial" style:font-family-generic="swiss"/></office:font-face-decls>'
_NUMBER = '<number:number number:decimal-places="{0}" number:min-decimal-places="{1}" number:min-integer-digits="1"{2}/>'
_GROUPED = ' number:grouping="true"'
DATA_STYLES = {  # number format: (style name, element)
    "count": ("N1", f'<number:number-style style:name="N1">{_NUMBER.format(0, 0, _GROUPED)}</number:number-style>'),
    "decimal": ("N2", f'<number:number-style style:name="N2">{_NUMBER.format(2, 1, _GROUPED)}</number:number-style>'),
    "percent": ("N3", f'<number:number-style style:name="N3">{_NUMBER.format(1, 1, "")}</number:number-style>'),
    "money": ("N4", '<number:currency-style style:name="N4"><number:currency-symbol number:language="en" number:country="GB">£</number:currency-symbol>'
              f'{_NUMBER.format(2, 2, _GROUPED)}</number:currency-style>'),
    "date": ("N5", '<number:date-style style:name="N5"><number:day number:style="long"/><number:text>/</number:text>'
             '<number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/></number:date-style>'),
}
LOOKS = {  # style: (bold, size, background, wrap, border)
    "title": (True, 14, "", False, False), "note": (False, 10, "", True, False), "label": (True, 10, "", True, False),
    "heading": (True, 10, "#d9d9d9", True, True), "fixed": (False, 10, "#f2f2f2", True, True), "formula": (False, 10, "#f2f2f2", False, True),
    "input": (False, 10, "#fff2a8", True, True), "section": (True, 11, "", False, False), "text": (False, 10, "", True, False),
    "strong": (True, 10, "", True, False), "link": (False, 10, "", True, False),
}
CM_PER_CHARACTER = 0.2


def cell_style(name: str, style: str, number: str, locked: bool) -> str:
    """One automatic cell style: look, number format and protection."""
    bold, size, background, wrap, border = LOOKS[style]
    data = f' style:data-style-name="{DATA_STYLES[number][0]}"' if number else ""
    fill = f' fo:background-color="{background}"' if background else ""
    line = ' fo:border="0.5pt solid #808080"' if border else ""
    protect = "protected" if locked else "none"
    cell = f'<style:table-cell-properties{fill}{line} fo:wrap-option="{"wrap" if wrap else "no-wrap"}" style:vertical-align="top" style:cell-protect="{protect}"/>'
    weight = ' fo:font-weight="bold"' if bold else ""
    colour = "#1d70b8" if style == "link" else "#0b0c0c"
    text = f'<style:text-properties style:font-name="Arial" fo:font-size="{size}pt"{weight} fo:color="{colour}"/>'
    return f'<style:style style:name="{name}" style:family="table-cell" style:parent-style-name="Default"{data}>{cell}{text}</style:style>'


def column_style(name: str, width: float) -> str:
    return f'<style:style style:name="{name}" style:family="table-column"><style:table-column-properties style:column-width="{width * CM_PER_CHARACTER:.2f}cm"/></style:style>'


def row_style(name: str, lines: int) -> str:
    return f'<style:style style:name="{name}" style:family="table-row"><style:table-row-properties style:row-height="{14 * lines + 2}pt" style:use-optimal-row-height="false"/></style:style>'


TABLE_STYLE = '<style:style style:name="ta1" style:family="table" style:master-page-name="Default"><style:table-properties table:display="true" style:writing-mode="lr-tb"/></style:style>'


def styles_xml() -> bytes:
    """Default cell style and the A4 landscape page, fitted to one page wide, with a page-numbered footer."""
    layout = ('<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="29.7cm" fo:page-height="21cm" style:print-orientation="landscape" '
              'fo:margin-top="1.2cm" fo:margin-bottom="1.2cm" fo:margin-left="1.2cm" fo:margin-right="1.2cm" style:scale-to-X="1" loext:scale-to-X="1" '
              'style:print="charts drawings objects zero-values" style:print-page-order="ttb" style:table-centering="horizontal"/>'
              '<style:header-style/><style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.25cm"/></style:footer-style></style:page-layout>')
    footer = ('<style:footer><style:region-left><text:p><text:sheet-name>???</text:sheet-name></text:p></style:region-left>'
              '<style:region-center><text:p>Page <text:page-number>1</text:page-number> of <text:page-count>1</text:page-count></text:p></style:region-center></style:footer>')
    default = ('<style:default-style style:family="table-cell"><style:table-cell-properties style:cell-protect="protected"/>'
               '<style:text-properties style:font-name="Arial" fo:font-size="10pt" fo:language="en" fo:country="GB"/></style:default-style>'
               '<style:style style:name="Default" style:family="table-cell"/>')
    return (f'{HEAD}<office:document-styles {NAMESPACES} office:version="1.3">{FONTS}<office:styles>{default}</office:styles>'
            f'<office:automatic-styles>{layout}</office:automatic-styles><office:master-styles>'
            f'<style:master-page style:name="Default" style:page-layout-name="pm1"><style:header style:display="false"/>{footer}</style:master-page>'
            '</office:master-styles></office:document-styles>').encode()


def _item(name: str, kind: str, value: object) -> str:
    return f'<config:config-item config:name="{name}" config:type="{kind}">{value}</config:config-item>'


def settings_xml(sheets: tuple[Sheet, ...]) -> bytes:
    """Frozen header rows of each sheet (LibreOffice's view settings), the first sheet active."""
    tables = ""
    for sheet in sheets:
        split = 2 if sheet.freeze_rows else 0
        tables += (f'<config:config-item-map-entry config:name="{escape_text(sheet.name)}">'
                   + _item("HorizontalSplitMode", "short", 0) + _item("VerticalSplitMode", "short", split)
                   + _item("HorizontalSplitPosition", "int", 0) + _item("VerticalSplitPosition", "int", sheet.freeze_rows)
                   + _item("ActiveSplitRange", "short", 2) + _item("PositionLeft", "int", 0) + _item("PositionRight", "int", 0)
                   + _item("PositionTop", "int", 0) + _item("PositionBottom", "int", sheet.freeze_rows)
                   + "</config:config-item-map-entry>")
    view = (f'<config:config-item-map-entry>{_item("ViewId", "string", "view1")}<config:config-item-map-named config:name="Tables">{tables}'
            f'</config:config-item-map-named>{_item("ActiveTable", "string", escape_text(sheets[0].name))}</config:config-item-map-entry>')
    return (f'{HEAD}<office:document-settings {NAMESPACES} office:version="1.3"><office:settings><config:config-item-set config:name="ooo:view-settings">'
            f'<config:config-item-map-indexed config:name="Views">{view}</config:config-item-map-indexed></config:config-item-set></office:settings></office:document-settings>').encode()


def _stamp(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).replace(tzinfo=None, microsecond=0).isoformat()


def meta_xml(book: Workbook) -> bytes:
    """Title, subject, description, keywords, language and fixed dates."""
    def text(value: str) -> str:
        return escape_text(xml_safe(value))
    stamp = _stamp(book.created)
    return (f'{HEAD}<office:document-meta {NAMESPACES} office:version="1.3"><office:meta><meta:generator>{text(book.creator)}</meta:generator>'
            f'<dc:title>{text(book.title)}</dc:title><dc:subject>{text(book.subject)}</dc:subject><dc:description>{text(book.description)}</dc:description>'
            + "".join(f"<meta:keyword>{text(k.strip())}</meta:keyword>" for k in book.keywords.split(";"))
            + f'<dc:language>{text(book.language)}</dc:language><meta:initial-creator>{text(book.creator)}</meta:initial-creator><dc:creator>{text(book.creator)}</dc:creator>'
            f'<meta:creation-date>{stamp}</meta:creation-date><dc:date>{stamp}</dc:date></office:meta></office:document-meta>').encode()


MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
MANIFEST = (f'{HEAD}<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
            f'<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="{MIMETYPE}"/>'
            + "".join(f'<manifest:file-entry manifest:full-path="{p}" manifest:media-type="text/xml"/>' for p in ("content.xml", "styles.xml", "meta.xml", "settings.xml"))
            + "</manifest:manifest>").encode()
