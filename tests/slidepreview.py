"""Draw a PPTX's slides as HTML from its own XML (positions, sizes, fonts), so that Chromium can show
them and measure whether the text fits its boxes with real font metrics (Liberation Sans has Arial's)."""

from __future__ import annotations

import html

from lxml import etree

from tests.deckcheck import A, P, pptx_slides

PX = 9525  # EMU per CSS pixel at 96 dpi
STYLE = ("body{margin:0;font-family:'Liberation Sans',Arial,sans-serif;color:#0b0c0c}"
         ".slide{position:relative;width:1280px;height:720px;border:1px solid #999;margin:8px;overflow:hidden;background:#fff}"
         ".box{position:absolute;overflow:visible;display:flex;flex-direction:column}.box>.in{width:100%}p{margin:0}"
         "table{position:absolute;border-collapse:collapse;table-layout:fixed}td{border:1px solid #505a5f;padding:4.8px;vertical-align:top}")


def _emu(value: str | None) -> float:
    return int(value or 0) / PX


def _runs(paragraph: etree._Element) -> str:
    out = []
    for run in paragraph.iter(f"{{{A}}}r"):
        props = run.find(f"{{{A}}}rPr")
        size = int(props.get("sz", "1800")) / 100 if props is not None else 18
        weight = "bold" if props is not None and props.get("b") == "1" else "normal"
        out.append(f'<span style="font-size:{size}pt;font-weight:{weight}">{html.escape(run.findtext(f"{{{A}}}t") or "")}</span>')
    return "".join(out)


def _paragraphs(body: etree._Element) -> str:
    out = []
    for paragraph in body.findall(f"{{{A}}}p"):
        props = paragraph.find(f"{{{A}}}pPr")
        margin = _emu(props.get("marL")) if props is not None else 0
        bullet = props is not None and props.find(f"{{{A}}}buChar") is not None
        after = 8 if props is not None and props.find(f"{{{A}}}spcAft") is not None else 0
        marker = f'<span style="position:absolute;left:{margin - 36}px">•</span>' if bullet else ""
        out.append(f'<p style="position:relative;padding-left:{margin}px;margin-bottom:{after}px;line-height:1.17">{marker}{_runs(paragraph) or "&nbsp;"}</p>')
    return "".join(out)


def slide_html(slide: etree._Element, number: int) -> str:
    parts = []
    for shape in slide.find(f"{{{P}}}cSld/{{{P}}}spTree"):
        off, ext = shape.find(f".//{{{A}}}off"), shape.find(f".//{{{A}}}ext")
        if off is None:
            continue
        x, y, w, h = _emu(off.get("x")), _emu(off.get("y")), _emu(ext.get("cx")), _emu(ext.get("cy"))
        if shape.tag == f"{{{P}}}sp":
            anchor = "flex-end" if shape.find(f".//{{{A}}}bodyPr").get("anchor") == "b" else "flex-start"
            inner = _paragraphs(shape.find(f"{{{P}}}txBody"))
            parts.append(f'<div class="box" data-box style="left:{x}px;top:{y}px;width:{w}px;height:{h}px;justify-content:{anchor};padding:7px 10px;box-sizing:border-box">'
                         f'<div class="in">{inner}</div></div>')
        elif shape.tag == f"{{{P}}}graphicFrame":
            columns = [_emu(c.get("w")) for c in shape.iter(f"{{{A}}}gridCol")]
            rows = []
            for row in shape.iter(f"{{{A}}}tr"):
                cells = "".join(f'<td style="background:{"#f3f2f1" if not rows else "#fff"}">{_paragraphs(c.find(f"{{{A}}}txBody"))}</td>' for c in row.findall(f"{{{A}}}tc"))
                rows.append(f'<tr style="height:{_emu(row.get("h"))}px">{cells}</tr>')
            cols = "".join(f'<col style="width:{c}px">' for c in columns)
            parts.append(f'<table data-table data-height="{h}" style="left:{x}px;top:{y}px;width:{w}px"><colgroup>{cols}</colgroup>{"".join(rows)}</table>')
    return f'<section class="slide" id="s{number}">{"".join(parts)}</section>'


def deck_html(data: bytes) -> str:
    """Every slide of a PPTX as a 1280 x 720 pixel box."""
    slides = "".join(slide_html(s, n) for n, s in enumerate(pptx_slides(data), start=1))
    return f'<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><style>{STYLE}</style></head><body>{slides}</body></html>'


# Run in the page: every text box whose text is taller than the box, and every table that runs off the slide.
OVERFLOWS = """() => {
  const out = [];
  document.querySelectorAll('[data-box]').forEach(b => { const inner = b.firstElementChild;
    if (inner.scrollHeight > b.clientHeight + 1 || inner.scrollWidth > b.clientWidth + 1) out.push(b.closest('section').id + ': ' + b.innerText.slice(0, 60)); });
  document.querySelectorAll('[data-table]').forEach(t => { const s = t.closest('section').getBoundingClientRect(), r = t.getBoundingClientRect();
    if (r.bottom > s.bottom - 8 || r.right > s.right) out.push(t.closest('section').id + ': table ' + t.innerText.slice(0, 60)); });
  return out; }"""
