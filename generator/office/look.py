"""One description of how documents look, which the DOCX and ODT writers both apply.

A4 with 2.54 cm margins, Arial (LibreOffice shows the metric-compatible Liberation Sans), black
headings, and guidance in a shaded box with a rule on its left, so that it is plainly not part
of the clause text.
"""

from __future__ import annotations

from dataclasses import dataclass

FONT = "Arial"
LINE_SPACING = 1.15
PAGE_WIDTH_MM, PAGE_HEIGHT_MM, MARGIN_MM = 210, 297, 25.4
TEXT_WIDTH_MM = PAGE_WIDTH_MM - 2 * MARGIN_MM
PLACEHOLDER_FILL = "FFF2A8"
OPTION_FILL = "D2E8FA"
GUIDANCE_FILL = "F2F2F2"
GUIDANCE_RULE = "505A5F"


@dataclass(frozen=True)
class Look:
    """A paragraph style: its name in both formats and its properties."""

    name: str
    size: float = 11
    bold: bool = False
    italic: bool = False
    before: float = 0  # points
    after: float = 6  # points
    keep_next: bool = False
    indent_mm: float = 0
    hanging_mm: float = 0
    fill: str = ""
    rule: bool = False
    colour: str = "0B0C0C"


LOOKS = {
    "p": Look("Normal"),
    "title": Look("Title", size=24, bold=True, after=12),
    "subtitle": Look("Subtitle", size=13, italic=True, after=12),
    "h1": Look("Heading 1", size=16, bold=True, before=18, after=8, keep_next=True),
    "h2": Look("Heading 2", size=13, bold=True, before=12, after=4, keep_next=True),
    "contents-title": Look("Contents Heading", size=16, bold=True, after=8, keep_next=True),
    "toc": Look("Contents 1", after=3),
    "bullet": Look("Bullet", indent_mm=6.4, hanging_mm=6.4, after=3),
    "small": Look("Small Print", size=8, italic=True),
    "clause-heading": Look("Clause Heading", bold=True, before=6, after=4, keep_next=True),
    "clause-text": Look("Clause Text"),
    "item1": Look("Clause Item 1", indent_mm=10, hanging_mm=10, after=4),
    "item2": Look("Clause Item 2", indent_mm=20, hanging_mm=10, after=4),
    "item3": Look("Clause Item 3", indent_mm=30, hanging_mm=10, after=4),
    "option": Look("Clause Option", bold=True, before=4, after=4, keep_next=True),
    "guidance": Look("Guidance", size=9.5, after=3, indent_mm=3, fill=GUIDANCE_FILL, rule=True, colour="383F43"),
}


def look_of(kind: str, level: int = 0) -> Look:
    """The look of a block kind (list items by their level, 1 to 3)."""
    return LOOKS[f"item{min(max(level, 1), 3)}"] if kind == "item" else LOOKS[kind]


def style_id(look: Look) -> str:
    """The style's id in WordprocessingML (its name without spaces)."""
    return look.name.replace(" ", "")


def odf_name(look: Look) -> str:
    """The style's name as ODF writes it (spaces encoded)."""
    return look.name.replace(" ", "_20_")
