"""The fixed parts of a PPTX package: theme, slide master, layout and notes master, with en-GB text styles."""

from __future__ import annotations

NS = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')
XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FONT = "Arial"
LANG = "en-GB"


def theme(name: str) -> str:
    """A plain theme: black text on white, Arial, flat fills."""
    colours = (("dk1", "000000"), ("lt1", "FFFFFF"), ("dk2", "0B0C0C"), ("lt2", "F3F2F1"), ("accent1", "1D70B8"), ("accent2", "505A5F"),
               ("accent3", "00703C"), ("accent4", "D4351C"), ("accent5", "4C2C92"), ("accent6", "F47738"), ("hlink", "1D70B8"), ("folHlink", "4C2C92"))
    scheme = "".join(f'<a:{k}><a:srgbClr val="{v}"/></a:{k}>' for k, v in colours)
    fonts = f'<a:latin typeface="{FONT}"/><a:ea typeface=""/><a:cs typeface=""/>'
    fill = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    line = '<a:ln w="9525"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>'
    return (f'{XML}<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="{name}"><a:themeElements>'
            f'<a:clrScheme name="svkb">{scheme}</a:clrScheme><a:fontScheme name="svkb"><a:majorFont>{fonts}</a:majorFont><a:minorFont>{fonts}</a:minorFont></a:fontScheme>'
            f'<a:fmtScheme name="svkb"><a:fillStyleLst>{fill * 3}</a:fillStyleLst><a:lnStyleLst>{line * 3}</a:lnStyleLst>'
            f'<a:effectStyleLst>{"<a:effectStyle><a:effectLst/></a:effectStyle>" * 3}</a:effectStyleLst><a:bgFillStyleLst>{fill * 3}</a:bgFillStyleLst></a:fmtScheme>'
            '</a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>')


def _level(n: int, size: int, bold: bool = False) -> str:
    b = ' b="1"' if bold else ""
    return (f'<a:lvl{n}pPr marL="0" indent="0"><a:buNone/><a:defRPr lang="{LANG}" sz="{size * 100}"{b}><a:solidFill><a:srgbClr val="0B0C0C"/></a:solidFill>'
            f'<a:latin typeface="{FONT}"/></a:defRPr></a:lvl{n}pPr>')


TX_STYLES = (f"<p:txStyles><p:titleStyle>{_level(1, 32, True)}</p:titleStyle><p:bodyStyle>{_level(1, 20)}{_level(2, 20)}</p:bodyStyle>"
             f"<p:otherStyle>{_level(1, 14)}</p:otherStyle></p:txStyles>")
GROUP = '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>'
CLR_MAP = '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>'


def placeholder(shape_id: int, name: str, ph: str, box: tuple[int, int, int, int] | None) -> str:
    """A placeholder shape (title or body) with an optional position and one empty paragraph."""
    xfrm = f'<a:xfrm><a:off x="{box[0]}" y="{box[1]}"/><a:ext cx="{box[2]}" cy="{box[3]}"/></a:xfrm>' if box else ""
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr>'
            f'<p:spPr>{xfrm}</p:spPr><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="{LANG}"/></a:p></p:txBody></p:sp>')


def master(title_box: tuple[int, int, int, int], body_box: tuple[int, int, int, int]) -> str:
    shapes = placeholder(2, "Title Placeholder 1", '<p:ph type="title"/>', title_box) + placeholder(3, "Text Placeholder 2", '<p:ph type="body" idx="1"/>', body_box)
    return (f'{XML}<p:sldMaster {NS}><p:cSld><p:bg><p:bgPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>'
            f'<p:spTree>{GROUP}{shapes}</p:spTree></p:cSld>{CLR_MAP}<p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/></p:sldLayoutIdLst>{TX_STYLES}</p:sldMaster>')


def layout() -> str:
    shapes = placeholder(2, "Title 1", '<p:ph type="title"/>', None) + placeholder(3, "Content Placeholder 2", '<p:ph idx="1"/>', None)
    return f'{XML}<p:sldLayout {NS} type="obj" preserve="1"><p:cSld name="Title and Content"><p:spTree>{GROUP}{shapes}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>'


def notes_master(width: int, height: int) -> str:
    image = placeholder(2, "Slide Image Placeholder 1", '<p:ph type="sldImg" idx="2"/>', (width // 8, height // 12, width * 3 // 4, height * 5 // 12))
    body = placeholder(3, "Notes Placeholder 2", '<p:ph type="body" sz="quarter" idx="3"/>', (width // 10, height // 2, width * 4 // 5, height * 2 // 5))
    return (f'{XML}<p:notesMaster {NS}><p:cSld><p:spTree>{GROUP}{image}{body}</p:spTree></p:cSld>{CLR_MAP}'
            f'<p:notesStyle>{_level(1, 12)}</p:notesStyle></p:notesMaster>')


def rels(*targets: tuple[str, str]) -> str:
    """A relationships part: (type, target) pairs numbered rId1, rId2..."""
    items = "".join(f'<Relationship Id="rId{i}" Type="{REL}/{kind}" Target="{target}"/>' for i, (kind, target) in enumerate(targets, start=1))
    return f'{XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{items}</Relationships>'


PRES_PROPS = f'{XML}<p:presentationPr {NS}/>'
VIEW_PROPS = f'{XML}<p:viewPr {NS}><p:normalViewPr><p:restoredLeft sz="15620"/><p:restoredTop sz="80000"/></p:normalViewPr><p:gridSpacing cx="76200" cy="76200"/></p:viewPr>'
TABLE_STYLES = f'{XML}<a:tblStyleLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" def="{{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}}"/>'
