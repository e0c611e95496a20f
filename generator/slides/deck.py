"""A deck as data: slides with a title, body paragraphs or a table, and speaker notes, sized to fit.

Both writers (PPTX, ODP) draw the same geometry, so what fits here fits in either: long lists and
tables are split over several slides whose titles end "(continued)".
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

# 16:9 at 13.333 x 7.5 inches; positions in inches.
SLIDE_WIDTH, SLIDE_HEIGHT = 40 / 3, 7.5
MARGIN = 0.5
TITLE_TOP, TITLE_HEIGHT = 0.3, 1.15
BODY_TOP = 1.6
BODY_HEIGHT = SLIDE_HEIGHT - BODY_TOP - 0.4
BODY_WIDTH = SLIDE_WIDTH - 2 * MARGIN
BODY_SIZE, CELL_SIZE = 20, 14  # points
LINE = 1.2  # line height as a multiple of the font size
PARAGRAPH_GAP = 6  # points after each paragraph
CELL_PADDING = 0.1  # inches, top and bottom together


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of body text: a bullet, or plain text at level 0 or 1 (indented)."""

    text: str
    level: int = 0
    bullet: bool = True
    bold: bool = False


@dataclass(frozen=True)
class SlideTable:
    """A table on a slide: its description (alt text), header and rows."""

    description: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    size: int = CELL_SIZE  # points: smaller when a row would not fit on a slide at the usual size


@dataclass(frozen=True)
class Slide:
    """One slide: a title, then body paragraphs or a table; notes for the speaker."""

    title: str
    body: tuple[Paragraph, ...] = ()
    table: SlideTable | None = None
    notes: tuple[str, ...] = ()
    opening: bool = False  # the title slide


@dataclass(frozen=True)
class Deck:
    """What a PPTX or ODP file holds."""

    title: str
    subject: str
    created: dt.datetime
    slides: tuple[Slide, ...]


def title_size(title: str) -> int:
    """A title's font size: smaller for longer titles, so that every title fits its box."""
    return 32 if len(title) <= 55 else 26 if len(title) <= 120 else 20


def _chars_per_line(width_in: float, size_pt: float) -> int:
    return max(8, int(width_in * 72 / (size_pt * 0.55)))


def paragraph_lines(p: Paragraph) -> int:
    """Lines a body paragraph takes (an estimate that errs towards more)."""
    width = BODY_WIDTH - 0.4 * (p.level + (1 if p.bullet else 0))
    return max(1, math.ceil(len(p.text) / _chars_per_line(width, BODY_SIZE)))


def paragraphs_height(paragraphs: list[Paragraph]) -> float:
    """Height in inches of a list of paragraphs."""
    return sum(paragraph_lines(p) * BODY_SIZE * LINE + PARAGRAPH_GAP for p in paragraphs) / 72


SENTENCE = re.compile(r"(?<=[.!?;:])\s+")


def _pieces(text: str, budget: int) -> list[str]:
    """Sentences, with any sentence longer than the budget cut between words."""
    out = []
    for sentence in SENTENCE.split(text):
        while len(sentence) > budget:
            cut = sentence.rfind(" ", 0, budget)
            cut = cut if cut > 0 else budget
            out.append(sentence[:cut].strip())
            sentence = sentence[cut:].strip()
        out.append(sentence)
    return [piece for piece in out if piece]


def split_paragraph(p: Paragraph) -> list[Paragraph]:
    """A paragraph too long for one slide, split between sentences (or words)."""
    lines = int(BODY_HEIGHT * 72 / (BODY_SIZE * LINE + PARAGRAPH_GAP) * 0.7)
    budget = lines * _chars_per_line(BODY_WIDTH - 0.8, BODY_SIZE)
    parts: list[str] = []
    for piece in _pieces(p.text, budget):
        if parts and len(parts[-1]) + 1 + len(piece) <= budget:
            parts[-1] += " " + piece
        else:
            parts.append(piece)
    return [Paragraph(text, p.level, p.bullet, p.bold) for text in parts]


def paginate(title: str, groups: list[list[Paragraph]], notes: tuple[str, ...] = ()) -> list[Slide]:
    """Slides holding the groups of paragraphs in order, a group kept on one slide when it fits; notes go on the first."""
    pages: list[list[Paragraph]] = [[]]
    for group in groups:
        if paragraphs_height(group) > BODY_HEIGHT:
            group_parts = [[q] for p in group for q in (split_paragraph(p) if paragraphs_height([p]) > BODY_HEIGHT * 0.8 else [p])]
        else:
            group_parts = [group]
        for part in group_parts:
            if pages[-1] and paragraphs_height(pages[-1] + part) > BODY_HEIGHT:
                pages.append([])
            pages[-1] += part
    return [Slide(continued(title, i), tuple(body), notes=notes if i == 0 else ()) for i, body in enumerate(pages)]


def continued(title: str, index: int) -> str:
    """The title of the index-th slide of a run (the first keeps the title)."""
    return title if index == 0 else f"{title} (continued)"


CELL_SIZES = (CELL_SIZE, 12, 10)


def _row_height(row: tuple[str, ...], columns: int, size: int) -> float:
    per_line = _chars_per_line(BODY_WIDTH / columns - 0.2, size)
    lines = max(math.ceil(len(cell) / per_line) if cell else 1 for cell in row)
    return lines * size * LINE / 72 + CELL_PADDING + 0.05


def row_heights(table: SlideTable) -> list[float]:
    """Heights in inches of the header and each row (blank rows get room to write in)."""
    columns = len(table.header)
    heights = [_row_height(table.header, columns, table.size)]
    for row in table.rows:
        heights.append(max(_row_height(row, columns, table.size), 0.55 if "" in row else 0))
    return heights


def fitted(table: SlideTable) -> SlideTable:
    """The table at the largest cell size at which three of its tallest rows fit on a slide under the header (10 points at least)."""
    for size in CELL_SIZES:
        candidate = SlideTable(table.description, table.header, table.rows, size)
        heights = row_heights(candidate)
        if heights[0] + 3 * max(heights[1:], default=0) <= BODY_HEIGHT:
            return candidate
    return candidate


def table_slides(title: str, table: SlideTable, notes: tuple[str, ...] = ()) -> list[Slide]:
    """Slides holding a table's rows in order, the header repeated on each."""
    table = fitted(table)
    heights = row_heights(table)
    chunks: list[list[tuple[str, ...]]] = [[]]
    used = heights[0]
    for row, height in zip(table.rows, heights[1:], strict=True):
        if chunks[-1] and used + height > BODY_HEIGHT:
            chunks.append([])
            used = heights[0]
        chunks[-1].append(row)
        used += height
    slides, first = [], 1
    for i, rows in enumerate(chunks):
        span = f" (rows {first} to {first + len(rows) - 1} of {len(table.rows)})" if len(chunks) > 1 else ""
        slides.append(Slide(continued(title, i), table=SlideTable(table.description + span, table.header, tuple(rows), table.size), notes=notes if i == 0 else ()))
        first += len(rows)
    return slides
