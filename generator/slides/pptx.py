"""Write a Deck as a PowerPoint file (PPTX), XML written directly so that the same deck gives the same bytes.

Every slide's title is the title placeholder and comes first in the shape tree (the reading order),
then the body placeholder or the table (a graphic frame with alternative text); every run is en-GB.
"""

from __future__ import annotations

import zipfile

from generator.office.zipfiles import escape_text, xml_safe, zip_bytes
from generator.slides import deck as geometry
from generator.slides.deck import Deck, Paragraph, Slide, SlideTable, row_heights, title_size
from generator.slides.pptxparts import FONT, GROUP, LANG, NS, PRES_PROPS, REL, TABLE_STYLES, VIEW_PROPS, XML, layout, master, notes_master, rels, theme

EMU = 914400
WIDTH, HEIGHT = round(geometry.SLIDE_WIDTH * EMU), round(geometry.SLIDE_HEIGHT * EMU)
TITLE_BOX = (round(geometry.MARGIN * EMU), round(geometry.TITLE_TOP * EMU), round(geometry.BODY_WIDTH * EMU), round(geometry.TITLE_HEIGHT * EMU))
BODY_BOX = (round(geometry.MARGIN * EMU), round(geometry.BODY_TOP * EMU), round(geometry.BODY_WIDTH * EMU), round(geometry.BODY_HEIGHT * EMU))
AUTHOR = "Social Value Knowledge Base"
CT = "application/vnd.openxmlformats-officedocument.presentationml"


def _text(text: str) -> str:
    return escape_text(xml_safe(text))


def _run(text: str, size: int, bold: bool = False) -> str:
    b = ' b="1"' if bold else ""
    return f'<a:r><a:rPr lang="{LANG}" sz="{size * 100}"{b} dirty="0"><a:latin typeface="{FONT}"/></a:rPr><a:t>{_text(text)}</a:t></a:r>'


def _paragraph(p: Paragraph, size: int) -> str:
    indent = 342900 * (p.level + (1 if p.bullet else 0))
    bullet = f'<a:buFont typeface="{FONT}"/><a:buChar char="•"/>' if p.bullet else "<a:buNone/>"
    hanging = ' indent="-342900"' if p.bullet else ' indent="0"'
    end = f'<a:endParaRPr lang="{LANG}" sz="{size * 100}"/>'
    return f'<a:p><a:pPr marL="{indent}"{hanging}><a:spcAft><a:spcPts val="600"/></a:spcAft>{bullet}</a:pPr>{_run(p.text, size, p.bold)}{end}</a:p>'


def _shape(shape_id: int, name: str, ph: str, box: tuple[int, int, int, int], paragraphs: str, anchor: str = "t") -> str:
    xfrm = f'<a:xfrm><a:off x="{box[0]}" y="{box[1]}"/><a:ext cx="{box[2]}" cy="{box[3]}"/></a:xfrm>'
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr>'
            f'<p:spPr>{xfrm}</p:spPr><p:txBody><a:bodyPr wrap="square" anchor="{anchor}"><a:noAutofit/></a:bodyPr><a:lstStyle/>{paragraphs}</p:txBody></p:sp>')


def _cell(text: str, header: bool, size: int) -> str:
    line = "".join(f'<a:{side} w="9525"><a:solidFill><a:srgbClr val="505A5F"/></a:solidFill></a:{side}>' for side in ("lnL", "lnR", "lnT", "lnB"))
    fill = '<a:solidFill><a:srgbClr val="F3F2F1"/></a:solidFill>' if header else '<a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>'
    runs = _run(text, size, header) if text else ""
    paragraph = f'<a:p>{runs}<a:endParaRPr lang="{LANG}" sz="{size * 100}"/></a:p>'
    return f'<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>{paragraph}</a:txBody><a:tcPr marL="45720" marR="45720" marT="45720" marB="45720">{line}{fill}</a:tcPr></a:tc>'


def _table(shape_id: int, table: SlideTable) -> str:
    columns = len(table.header)
    width = BODY_BOX[2] // columns
    heights = [round(h * EMU) for h in row_heights(table)]
    grid = "".join(f'<a:gridCol w="{width}"/>' for _ in range(columns))
    rows = "".join(f'<a:tr h="{h}">{"".join(_cell(c, i == 0, table.size) for c in [*row, *[""] * (columns - len(row))])}</a:tr>'
                   for i, (row, h) in enumerate(zip((table.header, *table.rows), heights, strict=True)))
    frame = f'<p:xfrm><a:off x="{BODY_BOX[0]}" y="{BODY_BOX[1]}"/><a:ext cx="{width * columns}" cy="{sum(heights)}"/></p:xfrm>'
    return (f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{shape_id}" name="Table {shape_id - 1}" descr="{_text(table.description)}"/>'
            f'<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>{frame}'
            f'<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl><a:tblPr firstRow="1"/><a:tblGrid>{grid}</a:tblGrid>{rows}</a:tbl>'
            "</a:graphicData></a:graphic></p:graphicFrame>")


def slide_xml(slide: Slide) -> str:
    """One slide: the title first, then the body or the table."""
    title = _shape(2, "Title 1", '<p:ph type="title"/>', TITLE_BOX, _paragraph(Paragraph(slide.title, bullet=False, bold=True), title_size(slide.title)), "b")
    if slide.table is not None:
        body = _table(3, slide.table)
    else:
        paragraphs = "".join(_paragraph(p, geometry.BODY_SIZE) for p in slide.body) or f'<a:p><a:endParaRPr lang="{LANG}"/></a:p>'
        body = _shape(3, "Content Placeholder 2", '<p:ph idx="1"/>', BODY_BOX, paragraphs)
    return f'{XML}<p:sld {NS}><p:cSld><p:spTree>{GROUP}{title}{body}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>'


SLIDE_IMAGE = ('<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr>'
               '<p:nvPr><p:ph type="sldImg"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>')


def notes_xml(slide: Slide) -> str:
    """The speaker notes of a slide (a notes page with the slide image and the notes text)."""
    image = SLIDE_IMAGE
    paragraphs = "".join(f'<a:p>{_run(note, 12)}</a:p>' for note in slide.notes) or f'<a:p><a:endParaRPr lang="{LANG}"/></a:p>'
    body = (f'<p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes Placeholder 2"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" idx="1"/></p:nvPr></p:nvSpPr>'
            f'<p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>{paragraphs}</p:txBody></p:sp>')
    return f'{XML}<p:notes {NS}><p:cSld><p:spTree>{GROUP}{image}{body}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>'


def _content_types(count: int) -> str:
    overrides = [("/ppt/presentation.xml", f"{CT}.presentation.main+xml"), ("/ppt/slideMasters/slideMaster1.xml", f"{CT}.slideMaster+xml"),
                 ("/ppt/slideLayouts/slideLayout1.xml", f"{CT}.slideLayout+xml"), ("/ppt/notesMasters/notesMaster1.xml", f"{CT}.notesMaster+xml"),
                 ("/ppt/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml"), ("/ppt/theme/theme2.xml", "application/vnd.openxmlformats-officedocument.theme+xml"),
                 ("/ppt/presProps.xml", f"{CT}.presProps+xml"), ("/ppt/viewProps.xml", f"{CT}.viewProps+xml"), ("/ppt/tableStyles.xml", f"{CT}.tableStyles+xml"),
                 ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"), ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")]
    for n in range(1, count + 1):
        overrides += [(f"/ppt/slides/slide{n}.xml", f"{CT}.slide+xml"), (f"/ppt/notesSlides/notesSlide{n}.xml", f"{CT}.notesSlide+xml")]
    items = "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides)
    return (f'{XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>{items}</Types>')


def _presentation(count: int) -> str:
    slides = "".join(f'<p:sldId id="{255 + n}" r:id="rId{n + 6}"/>' for n in range(1, count + 1))
    return (f'{XML}<p:presentation {NS} saveSubsetFonts="1"><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst>'
            f'<p:notesMasterIdLst><p:notesMasterId r:id="rId2"/></p:notesMasterIdLst><p:sldIdLst>{slides}</p:sldIdLst>'
            f'<p:sldSz cx="{WIDTH}" cy="{HEIGHT}"/><p:notesSz cx="{HEIGHT}" cy="{WIDTH}"/></p:presentation>')


def _core(deck: Deck) -> str:
    stamp = deck.created.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (f'{XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{_text(deck.title)}</dc:title><dc:subject>{_text(deck.subject)}</dc:subject><dc:creator>{AUTHOR}</dc:creator>"
            f"<cp:keywords>social value; procurement; training</cp:keywords><cp:lastModifiedBy>{AUTHOR}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
            f'<dc:language>{LANG}</dc:language><dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>')


def _app(count: int) -> str:
    return (f'{XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            f"<Application>{AUTHOR}</Application><PresentationFormat>Widescreen</PresentationFormat><Slides>{count}</Slides><Notes>{count}</Notes></Properties>")


def render_pptx(deck: Deck) -> bytes:
    """The deck as PPTX bytes, with fixed timestamps."""
    count = len(deck.slides)
    parts = [
        ("[Content_Types].xml", _content_types(count)),
        ("_rels/.rels", rels(("officeDocument", "ppt/presentation.xml"), ("metadata/core-properties", "docProps/core.xml"), ("extended-properties", "docProps/app.xml"))
         .replace(f"{REL}/metadata/core-properties", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties")),
        ("docProps/core.xml", _core(deck)), ("docProps/app.xml", _app(count)),
        ("ppt/presentation.xml", _presentation(count)),
        ("ppt/_rels/presentation.xml.rels", rels(("slideMaster", "slideMasters/slideMaster1.xml"), ("notesMaster", "notesMasters/notesMaster1.xml"), ("theme", "theme/theme1.xml"),
                                                 ("presProps", "presProps.xml"), ("viewProps", "viewProps.xml"), ("tableStyles", "tableStyles.xml"),
                                                 *(("slide", f"slides/slide{n}.xml") for n in range(1, count + 1)))),
        ("ppt/presProps.xml", PRES_PROPS), ("ppt/viewProps.xml", VIEW_PROPS), ("ppt/tableStyles.xml", TABLE_STYLES),
        ("ppt/theme/theme1.xml", theme("svkb")), ("ppt/theme/theme2.xml", theme("svkb notes")),
        ("ppt/slideMasters/slideMaster1.xml", master(TITLE_BOX, BODY_BOX)),
        ("ppt/slideMasters/_rels/slideMaster1.xml.rels", rels(("slideLayout", "../slideLayouts/slideLayout1.xml"), ("theme", "../theme/theme1.xml"))),
        ("ppt/slideLayouts/slideLayout1.xml", layout()),
        ("ppt/slideLayouts/_rels/slideLayout1.xml.rels", rels(("slideMaster", "../slideMasters/slideMaster1.xml"))),
        ("ppt/notesMasters/notesMaster1.xml", notes_master(HEIGHT, WIDTH)),
        ("ppt/notesMasters/_rels/notesMaster1.xml.rels", rels(("theme", "../theme/theme2.xml"))),
    ]
    for n, slide in enumerate(deck.slides, start=1):
        parts += [
            (f"ppt/slides/slide{n}.xml", slide_xml(slide)),
            (f"ppt/slides/_rels/slide{n}.xml.rels", rels(("slideLayout", "../slideLayouts/slideLayout1.xml"), ("notesSlide", f"../notesSlides/notesSlide{n}.xml"))),
            (f"ppt/notesSlides/notesSlide{n}.xml", notes_xml(slide)),
            (f"ppt/notesSlides/_rels/notesSlide{n}.xml.rels", rels(("notesMaster", "../notesMasters/notesMaster1.xml"), ("slide", f"../slides/slide{n}.xml"))),
        ]
    return zip_bytes([(name, text.encode("utf-8"), zipfile.ZIP_DEFLATED) for name, text in parts], deck.created)
