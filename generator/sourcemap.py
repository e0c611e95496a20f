"""Which source file each built page comes from, without the catalogue that said so.

`siteaudit.locate` points a problem found in a built page at its source file and line, and reads
that from the catalogue. A build checks and renders in a forked child (`build`, `forked`) and runs
MkDocs once the child and its catalogue are gone; the child sends this outline back instead: the
same items with only the fields `locate` reads (an id or slug, the source path, a page's
destination), a few hundred bytes per item rather than every item's text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Item:
    """One item's address fields and its source file."""

    src_path: str
    id: str = ""
    slug: str = ""
    dest_path: str = ""


@dataclass(frozen=True)
class Outline:
    """A catalogue's items as `siteaudit.locate` reads them."""

    case_studies: tuple[Item, ...] = ()
    clauses: tuple[Item, ...] = ()
    indicators: tuple[Item, ...] = ()
    courses: tuple[Item, ...] = ()
    pages: tuple[Item, ...] = ()


def outline(catalog: Any) -> Outline:
    """The outline of a catalogue (`model.Catalog`)."""
    return Outline(
        case_studies=tuple(Item(c.src_path, id=c.id) for c in catalog.case_studies),
        clauses=tuple(Item(c.src_path, id=c.id, slug=c.slug) for c in catalog.clauses),
        indicators=tuple(Item(i.src_path, id=i.id) for i in catalog.indicators),
        courses=tuple(Item(c.src_path, id=c.id) for c in catalog.courses),
        pages=tuple(Item(p.src_path, id=p.id, dest_path=p.dest_path) for p in catalog.pages),
    )
