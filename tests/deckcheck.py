"""An accessibility check of slide decks of our own, on the files' bytes: every slide has a non-empty
title that comes first in reading order, every picture or graphic frame has alternative text, and
every run and the document properties are in British English (en-GB)."""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
ODF = {
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0", "presentation": "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0", "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0", "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "dc": "http://purl.org/dc/elements/1.1/", "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0", "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
}


def _slide_number(name: str) -> int:
    return int(re.search(r"(\d+)\.xml$", name).group(1))  # type: ignore[union-attr]


def pptx_slides(data: bytes) -> list[etree._Element]:
    """The slides' XML trees in presentation order."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = sorted((n for n in archive.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)), key=_slide_number)
        return [etree.fromstring(archive.read(n)) for n in names]


def pptx_problems(data: bytes) -> list[str]:
    """What makes a PPTX inaccessible, one line per problem (empty when none)."""
    problems = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        core = etree.fromstring(archive.read("docProps/core.xml"))
        if core.findtext("{http://purl.org/dc/elements/1.1/}language") != "en-GB":
            problems.append("document language is not en-GB")
        if not core.findtext("{http://purl.org/dc/elements/1.1/}title"):
            problems.append("document has no title")
        notes = [n for n in archive.namelist() if n.startswith("ppt/notesSlides/notesSlide")]
        trees = [(n, etree.fromstring(archive.read(n))) for n in notes]
    for number, slide in enumerate(pptx_slides(data), start=1):
        tree = slide.find(f"{{{P}}}cSld/{{{P}}}spTree")
        shapes = [s for s in tree if s.tag in (f"{{{P}}}sp", f"{{{P}}}graphicFrame", f"{{{P}}}pic", f"{{{P}}}grpSp")]
        first = shapes[0] if shapes else None
        ph = first.find(f".//{{{P}}}nvPr/{{{P}}}ph") if first is not None else None
        if ph is None or ph.get("type") not in ("title", "ctrTitle"):
            problems.append(f"slide {number}: the first shape in reading order is not the title placeholder")
        elif not "".join(first.itertext()).strip():
            problems.append(f"slide {number}: empty title")
        for shape in slide.iter(f"{{{P}}}graphicFrame", f"{{{P}}}pic"):
            if not (shape.find(f".//{{{P}}}cNvPr").get("descr") or "").strip():
                problems.append(f"slide {number}: a picture or graphic frame has no alternative text")
        problems += [f"slide {number}: {p}" for p in _pptx_language(slide)]
    for name, tree in trees:
        problems += [f"{name}: {p}" for p in _pptx_language(tree)]
    return problems


def _pptx_language(tree: etree._Element) -> list[str]:
    out = []
    for run in tree.iter(f"{{{A}}}r"):
        props = run.find(f"{{{A}}}rPr")
        if props is None or props.get("lang") != "en-GB":
            out.append(f"run {''.join(run.itertext())[:40]!r} is not marked en-GB")
    return out


def odp_pages(data: bytes) -> list[etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        content = etree.fromstring(archive.read("content.xml"))
    return content.findall(".//draw:page", ODF)


def odp_problems(data: bytes) -> list[str]:
    """What makes an ODP inaccessible, one line per problem (empty when none)."""
    problems = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        content = etree.fromstring(archive.read("content.xml"))
        meta = etree.fromstring(archive.read("meta.xml"))
    if meta.findtext(".//dc:language", namespaces=ODF) != "en-GB":
        problems.append("document language is not en-GB")
    if not meta.findtext(".//dc:title", namespaces=ODF):
        problems.append("document has no title")
    styles = {s.get(f"{{{ODF['style']}}}name"): s for s in content.iter(f"{{{ODF['style']}}}style")}

    def english(style_name: str | None) -> bool:
        props = styles[style_name].find("style:text-properties", ODF) if style_name in styles else None
        return props is not None and props.get(f"{{{ODF['fo']}}}language") == "en" and props.get(f"{{{ODF['fo']}}}country") == "GB"

    for number, page in enumerate(content.findall(".//draw:page", ODF), start=1):
        frames = page.findall("draw:frame", ODF)
        if not frames or frames[0].get(f"{{{ODF['presentation']}}}class") != "title":
            problems.append(f"slide {number}: the first frame in reading order is not a title frame")
        elif not "".join(frames[0].itertext()).strip():
            problems.append(f"slide {number}: empty title")
        for frame in page.iter(f"{{{ODF['draw']}}}frame"):
            graphic = frame.find("table:table", ODF) is not None or frame.find("draw:image", ODF) is not None or frame.find("draw:object", ODF) is not None
            if graphic and not (frame.findtext("svg:desc", namespaces=ODF) or "").strip():
                problems.append(f"slide {number}: a picture or graphic frame has no alternative text")
        for paragraph in page.iter(f"{{{ODF['text']}}}p"):
            if (paragraph.text or "").strip() or any((child.tail or "").strip() for child in paragraph):
                problems.append(f"slide {number}: text outside a language-marked span: {''.join(paragraph.itertext())[:40]!r}")
            for span in paragraph.iter(f"{{{ODF['text']}}}span"):
                if not english(span.get(f"{{{ODF['text']}}}style-name")):
                    problems.append(f"slide {number}: span {''.join(span.itertext())[:40]!r} is not marked en-GB")
    return problems
