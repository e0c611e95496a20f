"""Long listing pages in pages of a bounded number of rows, at addresses that never move.

The first page keeps the listing's own address (``review/index.md``, ``changes.md``); page n is
``<folder>/pages/<n>.md`` beside it, as the case-study index does (generator/render/casestudies.py).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import TypeVar

from generator.render.environment import render_template
from generator.render.pages import Page

T = TypeVar("T")


@dataclass(frozen=True)
class Paging:
    """Where one page sits among the pages of a listing, for the pager partial (_pager.md.j2)."""

    at: int
    count: int
    path: str
    root: str  # for Markdown links: from this page's folder to the site's root: '', '../', '../../'
    html_root: str  # for raw HTML and script links, from the built page's address (page n is .../pages/n/)
    prev: str
    next: str
    links: tuple[tuple[str, str], ...]  # (label, link); '' is this page, '…' a gap
    noun: str


def page_path(first: str, number: int) -> str:
    """The Markdown path of page ``number`` of the listing whose first page is ``first``."""
    if number == 1:
        return first
    folder = posixpath.dirname(first) if first.endswith("/index.md") else first.removesuffix(".md")
    return f"{folder}/pages/{number}.md"


def link(first: str, here: int, there: int) -> str:
    """The relative Markdown link from page ``here`` to page ``there``."""
    start = posixpath.dirname(page_path(first, here)) or "."
    return posixpath.relpath(page_path(first, there), start)


def numbers(here: int, count: int) -> list[int | None]:
    """The first, last and nearby page numbers; None marks a gap."""
    shown = sorted({1, count, *range(max(1, here - 2), min(count, here + 2) + 1)})
    out: list[int | None] = []
    for i, n in enumerate(shown):
        if i and n - shown[i - 1] > 1:
            out.append(None)
        out.append(n)
    return out


def root(path: str) -> str:
    """The relative link from the folder of ``path`` to the site's root."""
    folder = posixpath.dirname(path)
    return "../" * (folder.count("/") + 1) if folder else ""


def html_root(path: str) -> str:
    """The relative link from the built page of ``path`` (at its folder address: a/b.md is at a/b/) to the site's root."""
    address = path.removesuffix(".md").removesuffix("/index").removesuffix("index")
    return "../" * (address.count("/") + 1) if address else ""


def paginate(items: list[T], per_page: int, first: str, noun: str) -> list[tuple[Paging, list[T]]]:
    """Split ``items`` into pages of at most ``per_page``; one (empty) page when there are none."""
    chunks = [items[i : i + per_page] for i in range(0, len(items), per_page)] or [[]]
    count = len(chunks)
    pages = []
    for at, chunk in enumerate(chunks, 1):
        links = tuple(("…", "…") if n is None else (str(n), "" if n == at else link(first, at, n)) for n in numbers(at, count))
        paging = Paging(at, count, page_path(first, at), root(page_path(first, at)), html_root(page_path(first, at)), link(first, at, at - 1) if at > 1 else "",
                        link(first, at, at + 1) if at < count else "", links, noun)
        pages.append((paging, chunk))
    return pages


FULL_PER_PAGE = 500  # entries on one page of a full list


def full_list(first: str, heading: str, owner: tuple[str, str], items: list[tuple[str, str]]) -> list[Page]:
    """The full list behind a bounded one, in pages: ``items`` as (label, path from the site's root);
    ``owner`` the (title, path) of the page it belongs to."""
    return [Page(paging.path, render_template("full_list.md.j2", heading=heading, total=len(items), owner_title=owner[0], owner_path=owner[1],
                                              items=chunk, paging=paging))
            for paging, chunk in paginate(items, FULL_PER_PAGE, first, heading.lower())]
