"""A document as a list of simple blocks, which every office format can write the same way."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

Runs = tuple[tuple[str, bool], ...]  # (text, is_placeholder) pieces of one paragraph

KINDS = ("title", "subtitle", "h1", "h2", "p", "bullet", "small", "break")


@dataclass(frozen=True)
class Block:
    """One paragraph-level element: a heading, a paragraph, a bullet, a small note or a page break."""

    kind: str
    runs: Runs = ()

    @property
    def text(self) -> str:
        return "".join(piece for piece, _ in self.runs)


def block(kind: str, text: str = "") -> Block:
    """A block of plain text."""
    return Block(kind, ((text, False),) if text else ())


@dataclass(frozen=True)
class OfficeDocument:
    """What a DOCX or ODT file holds: properties, a footer line and the blocks."""

    title: str
    subject: str
    footer: str
    created: dt.datetime
    blocks: tuple[Block, ...]
