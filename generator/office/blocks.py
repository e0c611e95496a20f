"""A document as a list of simple blocks, which every office format writes the same way."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

Runs = tuple[tuple[str, str], ...]  # (text, style) pieces of one paragraph; style "", "placeholder" or "option"

# title, subtitle: the title page; h1, h2: outline headings (h1 goes into the contents);
# contents-title, toc: the contents; p: a paragraph; bullet: a bulleted line (handouts);
# clause-heading, clause-text, item, option: clause text (item has a marker and a level 1-3);
# guidance: guidance for the person preparing the tender, in one style so it can be removed in one step.
KINDS = ("title", "subtitle", "h1", "h2", "contents-title", "toc", "p", "bullet", "small",
         "clause-heading", "clause-text", "item", "option", "guidance")


@dataclass(frozen=True)
class Block:
    """One paragraph-level element."""

    kind: str
    runs: Runs = ()
    marker: str = ""
    level: int = 0
    new_page: bool = False
    anchor: str = ""

    @property
    def text(self) -> str:
        return "".join(piece for piece, _ in self.runs)


def block(kind: str, text: str = "", **options: object) -> Block:
    """A block of plain text."""
    return Block(kind, ((text, ""),) if text else (), **options)  # type: ignore[arg-type]


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
