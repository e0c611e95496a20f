"""A document as a list of simple blocks, which every office format writes the same way."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

Runs = tuple[tuple[str, str], ...]  # (text, style) pieces of one paragraph; style "", "placeholder" or "option"

# title, subtitle: the title page; h1, h2: outline headings (h1 goes into the contents);
# contents-title, toc: the contents; p: a paragraph; bullet: a bulleted line (handouts);
# clause-heading, clause-text, item, option: clause text (item has a marker and a level 1-3);
# guidance: guidance for the person preparing the tender, in one style so it can be removed in one step;
# table: a table whose runs are its caption and whose cells' first row is the header (level 1: a form,
# whose rows with empty cells get room to write in).
KINDS = ("title", "subtitle", "h1", "h2", "contents-title", "toc", "p", "bullet", "small",
         "clause-heading", "clause-text", "item", "option", "guidance", "table")


@dataclass(frozen=True)
class Block:
    """One paragraph-level element."""

    kind: str
    runs: Runs = ()
    marker: str = ""
    level: int = 0
    new_page: bool = False
    anchor: str = ""
    cells: tuple[tuple[str, ...], ...] = ()

    @property
    def text(self) -> str:
        return "".join(piece for piece, _ in self.runs)


def block(kind: str, text: str = "", **options: object) -> Block:
    """A block of plain text."""
    return Block(kind, ((text, ""),) if text else (), **options)  # type: ignore[arg-type]


def table(caption: str, header: tuple[str, ...], rows: tuple[tuple[str, ...], ...], form: bool = False) -> Block:
    """A table with a caption and a header row (a form leaves room in its empty cells)."""
    return Block("table", ((caption, ""),), level=int(form), cells=(tuple(header), *(tuple(r) for r in rows)))


@dataclass(frozen=True)
class OfficeDocument:
    """What a DOCX or ODT file holds: properties, a footer line and the blocks."""

    title: str
    subject: str
    footer: str
    created: dt.datetime
    blocks: tuple[Block, ...]

    def contents(self) -> tuple[Block, ...]:
        """The h1 headings, which the contents lists."""
        return tuple(b for b in self.blocks if b.kind == "h1")
