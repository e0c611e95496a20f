"""Read clause text back out of every output a user receives, as (kind, text) blocks.

Each reader works on the published bytes (the page's HTML, the clipboard text, the DOCX, ODT and
Markdown files), not on the generator's model, so a test that compares them proves the outputs agree.
"""

from __future__ import annotations

import html
import io
import re
import zipfile

import docx
from lxml import etree

Blocks = list[tuple[str, str]]


def norm(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def _choice_kind(text: str) -> str:
    return "choice" if text.startswith("[Choose") else "end" if text.startswith("[End") else "option"


def html_blocks(page: str) -> Blocks:
    """The clause text blocks of a clause page (the Markdown page with its raw HTML block, or the built HTML)."""
    box = re.search(r'<div class="svkb-clause__text" data-svkb-text>(.*?)</div>', page, re.DOTALL)
    assert box, "no clause text on the page"
    out = []
    for _tag, kind, inner in re.findall(r'<(h3|p)[^>]*?data-block="(\w+)"[^>]*>(.*?)</\1>', box.group(1), re.DOTALL):
        inner = re.sub(r'<a class="headerlink[^>]*>.*?</a>', "", inner)
        out.append((kind, norm(html.unescape(re.sub(r"<[^>]+>", "", inner)))))
    return out


def copy_text(page: str) -> list[str]:
    """The lines the copy button puts on the clipboard (one block a line)."""
    area = re.search(r"<textarea[^>]*data-svkb-source[^>]*>(.*?)</textarea>", page, re.DOTALL)
    assert area, "no copy source on the page"
    return [norm(line) for line in html.unescape(area.group(1)).split("\n") if line.strip()]


_STYLE_KINDS = {"Clause Heading": "heading", "Clause Text": "paragraph", "Clause Item 1": "item", "Clause Item 2": "item", "Clause Item 3": "item"}


def _office_kind(style: str, text: str) -> str | None:
    if style == "Clause Option":
        return _choice_kind(text)
    return _STYLE_KINDS.get(style)


def docx_sections(data: bytes) -> dict[str, Blocks]:
    """Each numbered clause heading's clause-text blocks, from a DOCX pack."""
    document = docx.Document(io.BytesIO(data))
    sections: dict[str, Blocks] = {}
    current: Blocks | None = None
    for paragraph in document.paragraphs:
        style = paragraph.style.name
        if style == "Heading 1":
            current = sections.setdefault(paragraph.text, [])
            continue
        kind = _office_kind(style, paragraph.text)
        if current is not None and kind:
            current.append((kind, norm(paragraph.text)))
    return sections


ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def odt_sections(data: bytes) -> dict[str, Blocks]:
    """Each numbered clause heading's clause-text blocks, from an ODT pack."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("content.xml"))
    body = root.find(".//{urn:oasis:names:tc:opendocument:xmlns:office:1.0}text")
    sections: dict[str, Blocks] = {}
    current: Blocks | None = None
    for element in body:
        name = etree.QName(element).localname
        style = (element.get(f"{{{ODF_TEXT}}}style-name") or "").replace("_20_", " ")
        text = _odf_text(element)
        if name == "h" and style.startswith("Heading 1"):
            current = sections.setdefault(text, [])
        elif name == "p" and current is not None:
            kind = _office_kind(style, text)
            if kind:
                current.append((kind, norm(text)))
    return sections


def _odf_text(element: etree._Element) -> str:
    parts = []
    for node in element.iter():
        local = etree.QName(node).localname if isinstance(node.tag, str) else ""
        if local == "tab":
            parts.append("\t")
        elif local == "line-break":
            parts.append("\n")
        if node is not element and node.text and local not in {"tab", "line-break"}:
            parts.append(node.text)
        elif node is element and node.text:
            parts.append(node.text)
        if node is not element and node.tail:
            parts.append(node.tail)
    return "".join(parts)


def _md_unescape(text: str) -> str:
    return html.unescape(re.sub(r"\\(.)", r"\1", text))


def md_sections(text: str) -> dict[str, Blocks]:
    """Each numbered clause heading's clause-text blocks, from a Markdown pack."""
    sections: dict[str, Blocks] = {}
    current: Blocks | None = None
    for line in text.split("\n"):
        if line.startswith("## "):
            current = sections.setdefault(_md_unescape(line[3:]), [])
        elif current is None or not line.strip() or line.startswith(">"):
            continue
        elif line.startswith("### "):
            current.append(("heading", norm(_md_unescape(line[4:]))))
        elif line.startswith("**") and line.endswith("**"):
            content = _md_unescape(line[2:-2])
            current.append((_choice_kind(content), norm(content)))
        else:
            content = _md_unescape(line)
            kind = "item" if re.match(r"^(\((?:[a-z]{1,2}|[ivxl]{1,5})\)|\d{1,3}\.|[A-Z]\d{1,3}\.|[-•]) ", content) else "paragraph"
            current.append((kind, norm(content)))
    return sections
