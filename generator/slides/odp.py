"""Write a Deck as OpenDocument presentation (ODP), XML written directly so that the same deck gives the same bytes.

Each page holds its title frame (presentation:class="title") first, then the body text frame or the
table frame (with svg:title and svg:desc as alternative text), then the speaker notes; every span of
text has an en-GB text style.
"""

from __future__ import annotations

import zipfile

from generator.office.zipfiles import escape_text, xml_safe, zip_bytes
from generator.slides import deck as geometry
from generator.slides.deck import Deck, Paragraph, Slide, SlideTable, row_heights, title_size

MIMETYPE = "application/vnd.oasis.opendocument.presentation"
NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
      'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
      'office:version="1.2"')
XML = '<?xml version="1.0" encoding="UTF-8"?>\n'
FONT = "Arial"
LANGUAGE = 'fo:language="en" fo:country="GB"'
AUTHOR = "Social Value Knowledge Base"
SIZES = (32, 26, 20)
FONTS = f'<office:font-face-decls><style:font-face style:name="{FONT}" svg:font-family="{FONT}" style:font-family-generic="swiss"/></office:font-face-decls>'  # the title sizes deck.title_size gives


def _in(value: float) -> str:
    return f"{value:.3f}in"


def _box(x: float, y: float, w: float, h: float) -> str:
    return f'svg:x="{_in(x)}" svg:y="{_in(y)}" svg:width="{_in(w)}" svg:height="{_in(h)}"'


def _text(text: str) -> str:
    return escape_text(xml_safe(text))


def _span(text: str, style: str) -> str:
    return f'<text:span text:style-name="{style}">{_text(text)}</text:span>'


def _text_style(name: str, size: int, bold: bool = False) -> str:
    weight = ' fo:font-weight="bold"' if bold else ""
    return f'<style:style style:name="{name}" style:family="text"><style:text-properties style:font-name="{FONT}" fo:font-size="{size}pt"{weight} fo:color="#0b0c0c" {LANGUAGE}/></style:style>'


def _paragraph_style(name: str, indent: float, after: str = "0.08in", align: str = "start") -> str:
    return (f'<style:style style:name="{name}" style:family="paragraph"><style:paragraph-properties fo:margin-left="{_in(indent)}" fo:text-indent="0in" '
            f'fo:margin-top="0in" fo:margin-bottom="{after}" fo:text-align="{align}"/><style:text-properties {LANGUAGE}/></style:style>')


def _automatic_styles() -> str:
    text = "".join(_text_style(f"T{size}", size, True) for size in SIZES)
    text += _text_style("B", geometry.BODY_SIZE) + _text_style("BB", geometry.BODY_SIZE, True) + _text_style("N", 12)
    text += "".join(_text_style(f"C{size}", size) + _text_style(f"CH{size}", size, True) for size in geometry.CELL_SIZES)
    paragraphs = _paragraph_style("P0", 0) + _paragraph_style("P1", 0.375) + _paragraph_style("PC", 0, "0in")
    bullets = ('<text:list-style style:name="L1"><text:list-level-style-bullet text:level="1" text:bullet-char="•" text:bullet-relative-size="100%">'
               '<style:list-level-properties text:space-before="0in" text:min-label-width="0.375in"/>'
               f'<style:text-properties style:font-name="{FONT}"/></text:list-level-style-bullet></text:list-style>')
    frames = ('<style:style style:name="dp1" style:family="drawing-page"/>'
              '<style:style style:name="gr1" style:family="graphic"><style:graphic-properties draw:stroke="none" draw:fill="none" draw:auto-grow-height="false" '
              'draw:textarea-vertical-align="top" fo:padding="0.05in" fo:wrap-option="wrap"/></style:style>'
              '<style:style style:name="gr2" style:family="graphic"><style:graphic-properties draw:stroke="none" draw:fill="none" draw:auto-grow-height="false" '
              'draw:textarea-vertical-align="bottom" fo:padding="0.05in" fo:wrap-option="wrap"/></style:style>'
              '<style:style style:name="gr3" style:family="graphic"><style:graphic-properties draw:stroke="none" draw:fill="none"/></style:style>')
    border = 'fo:border="0.75pt solid #505a5f" fo:padding="0.05in"'
    cells = "".join(  # Impress reads a cell's fill from its graphic properties and its borders from its paragraph properties
        f'<style:style style:name="{name}" style:family="table-cell"><style:graphic-properties draw:fill="solid" draw:fill-color="{fill}" '
        f'draw:textarea-vertical-align="top" fo:padding="0.05in"/><style:paragraph-properties fo:border="0.75pt solid #505a5f"/>'
        f'<style:table-cell-properties {border} fo:background-color="{fill}"/></style:style>'
        for name, fill in (("ce1", "#ffffff"), ("ce2", "#f3f2f1")))
    return f"<office:automatic-styles>{frames}{text}{paragraphs}{bullets}{cells}</office:automatic-styles>"


def _body(paragraphs: tuple[Paragraph, ...]) -> str:
    out = []
    for p in paragraphs:
        content = f'<text:p text:style-name="{"P1" if p.level else "P0"}">{_span(p.text, "BB" if p.bold else "B")}</text:p>'
        out.append(f'<text:list text:style-name="L1"><text:list-item>{content}</text:list-item></text:list>' if p.bullet else content)
    return "".join(out)


def _table(table: SlideTable, number: int) -> tuple[str, str]:
    """A table frame, and the automatic styles of its rows and columns."""
    columns = len(table.header)
    width = geometry.BODY_WIDTH / columns
    heights = row_heights(table)
    rows = []
    for i, row in enumerate((table.header, *table.rows)):
        span = f"CH{table.size}" if i == 0 else f"C{table.size}"
        cells = "".join(
            f'<table:table-cell table:style-name="{"ce2" if i == 0 else "ce1"}"><text:p text:style-name="PC">{_span(c, span) if c else ""}</text:p></table:table-cell>'
            for c in [*row, *[""] * (columns - len(row))]
        )
        rows.append(f'<table:table-row table:style-name="ro{number}-{i}">{cells}</table:table-row>')
    styles = "".join(f'<style:style style:name="ro{number}-{i}" style:family="table-row"><style:table-row-properties style:row-height="{_in(h)}"/></style:style>' for i, h in enumerate(heights))
    column_style = f'<style:style style:name="co{number}" style:family="table-column"><style:table-column-properties style:column-width="{_in(width)}"/></style:style>'
    body = f'<table:table table:use-first-row-styles="true"><table:table-column table:style-name="co{number}" table:number-columns-repeated="{columns}"/>{"".join(rows)}</table:table>'
    frame = (f'<draw:frame draw:style-name="gr3" draw:layer="layout" draw:name="Table {number}" {_box(geometry.MARGIN, geometry.BODY_TOP, geometry.BODY_WIDTH, sum(heights))}>'
             f"{body}<svg:title>{_text(table.description.split(':')[0])}</svg:title><svg:desc>{_text(table.description)}</svg:desc></draw:frame>")
    return frame, column_style + styles


def _page(slide: Slide, number: int) -> tuple[str, str]:
    """One slide as a draw:page, and the automatic styles its table needs."""
    size = title_size(slide.title)
    title = (f'<draw:frame draw:style-name="gr2" draw:layer="layout" presentation:class="title" presentation:user-transformed="true" '
             f'{_box(geometry.MARGIN, geometry.TITLE_TOP, geometry.BODY_WIDTH, geometry.TITLE_HEIGHT)}><draw:text-box>'
             f'<text:p text:style-name="P0">{_span(slide.title, f"T{size}")}</text:p></draw:text-box></draw:frame>')
    styles = ""
    if slide.table is not None:
        body, styles = _table(slide.table, number)
    else:
        body = (f'<draw:frame draw:style-name="gr1" draw:layer="layout" presentation:class="outline" presentation:user-transformed="true" '
                f'{_box(geometry.MARGIN, geometry.BODY_TOP, geometry.BODY_WIDTH, geometry.BODY_HEIGHT)}><draw:text-box>{_body(slide.body)}</draw:text-box></draw:frame>')
    notes_text = "".join(f'<text:p>{_span(n, "N")}</text:p>' for n in slide.notes)
    notes = (f'<presentation:notes draw:style-name="dp1"><draw:page-thumbnail draw:layer="layout" presentation:class="page" draw:page-number="{number}" {_box(1.0, 0.8, 6.5, 3.66)}/>'
             f'<draw:frame draw:layer="layout" presentation:class="notes" {_box(1.0, 4.8, 6.5, 5.0)}><draw:text-box>{notes_text}</draw:text-box></draw:frame></presentation:notes>')
    return f'<draw:page draw:name="Slide {number}" draw:style-name="dp1" draw:master-page-name="Default">{title}{body}{notes}</draw:page>', styles


def _content(deck: Deck) -> str:
    pages, styles = zip(*(_page(s, n) for n, s in enumerate(deck.slides, start=1)), strict=True) if deck.slides else ((), ())
    automatic = _automatic_styles().replace("</office:automatic-styles>", "".join(styles) + "</office:automatic-styles>")
    return (f"{XML}<office:document-content {NS}>{FONTS}{automatic}<office:body><office:presentation>{''.join(pages)}</office:presentation></office:body>"
            "</office:document-content>")


def _styles() -> str:
    default = f'<style:default-style style:family="graphic"><style:text-properties style:font-name="{FONT}" fo:font-size="18pt" {LANGUAGE}/></style:default-style>'
    paragraph = f'<style:default-style style:family="paragraph"><style:text-properties style:font-name="{FONT}" {LANGUAGE}/></style:default-style>'
    layout = (f'<style:page-layout style:name="PM1"><style:page-layout-properties fo:margin-top="0in" fo:margin-bottom="0in" fo:margin-left="0in" fo:margin-right="0in" '
              f'fo:page-width="{_in(geometry.SLIDE_WIDTH)}" fo:page-height="{_in(geometry.SLIDE_HEIGHT)}" style:print-orientation="landscape"/></style:page-layout>')
    page = '<style:style style:name="Mdp1" style:family="drawing-page"><style:drawing-page-properties draw:fill="solid" draw:fill-color="#ffffff"/></style:style>'
    return (f'{XML}<office:document-styles {NS}>{FONTS}'
            f'<office:styles>{default}{paragraph}</office:styles><office:automatic-styles>{layout}{page}</office:automatic-styles>'
            '<office:master-styles><style:master-page style:name="Default" style:page-layout-name="PM1" draw:style-name="Mdp1"/></office:master-styles></office:document-styles>')


def _meta(deck: Deck) -> str:
    stamp = deck.created.strftime("%Y-%m-%dT%H:%M:%S")
    return (f'{XML}<office:document-meta {NS}><office:meta><meta:generator>{AUTHOR}</meta:generator><dc:title>{_text(deck.title)}</dc:title>'
            f"<dc:subject>{_text(deck.subject)}</dc:subject><dc:language>en-GB</dc:language><meta:initial-creator>{AUTHOR}</meta:initial-creator>"
            f"<meta:creation-date>{stamp}</meta:creation-date><dc:date>{stamp}</dc:date></office:meta></office:document-meta>")


MANIFEST = (f'{XML}<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            f'<manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="{MIMETYPE}"/>'
            + "".join(f'<manifest:file-entry manifest:full-path="{p}" manifest:media-type="text/xml"/>' for p in ("content.xml", "styles.xml", "meta.xml"))
            + "</manifest:manifest>")


def render_odp(deck: Deck) -> bytes:
    """The deck as ODP bytes, with fixed timestamps (mimetype first and stored, as ODF requires)."""
    entries = [("mimetype", MIMETYPE.encode(), zipfile.ZIP_STORED)]
    entries += [(name, text.encode("utf-8"), zipfile.ZIP_DEFLATED) for name, text in
                (("META-INF/manifest.xml", MANIFEST), ("content.xml", _content(deck)), ("styles.xml", _styles()), ("meta.xml", _meta(deck)))]
    return zip_bytes(entries, deck.created)
