"""Frozen pages for every major version of a clause, with a word-level comparison to the next one."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markupsafe import Markup

from generator.clausedoc import ClauseDocument, copy_text, document_for
from generator.model import Catalog, ChangeEntry, Clause
from generator.render.environment import render_template
from generator.render.pages import Page
from generator.render.wordmatch import matcher

_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Version:
    """One major version of a clause as readers see it."""

    major: int
    version: str
    title: str
    doc: ClauseDocument

    @property
    def text(self) -> str:
        return copy_text(self.doc)


def versions(clause: Clause, profile: Mapping[str, Any]) -> list[Version]:
    """Every major version, oldest first, ending with the current one."""
    past = [Version(h.major, h.version, h.title, document_for(h.body, h.variables, profile)) for h in sorted(clause.history, key=lambda h: h.major)]
    return [*past, Version(clause.major, clause.version, clause.title, document_for(clause.body, clause.variables, profile))]


@lru_cache(maxsize=4096)
def word_diff(old: str, new: str) -> tuple[Markup, int, int]:
    """HTML showing words removed (<del>) and added (<ins>), with counts of each (remembered: the
    live preview renders the same versions again after every save)."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    out: list[str] = []
    added = removed = 0
    for op, i1, i2, j1, j2 in matcher(a, b).get_opcodes():
        if op in {"delete", "replace"}:
            words = "".join(a[i1:i2])
            removed += len(words.split())
            out.append(f"<del>{html.escape(words)}</del>")
        if op == "replace":
            out.append(" ")  # removed and added words side by side would read as one
        if op in {"insert", "replace"}:
            words = "".join(b[j1:j2])
            added += len(words.split())
            out.append(f"<ins>{html.escape(words)}</ins>")
        if op == "equal":
            out.append(html.escape("".join(a[i1:i2])))
    body = "".join(out).replace("\n\n", "</p>\n<p>").replace("\n", "<br>\n")
    return Markup(f"<p>{body}</p>"), added, removed


def notes_between(clause: Clause, after_major: int, up_to_major: int) -> list[ChangeEntry]:
    """Changelog entries of the versions after one major version, up to and including the next."""
    return [e for e in clause.changelog if after_major < int(e.version.split(".")[0]) <= up_to_major]


def render_versions(catalog: Catalog, clause: Clause, profile: Mapping[str, Any]) -> list[Page]:
    """A frozen page per major version; old ones carry a notice and a comparison with the next."""
    from generator.render.clauses import blocks_html

    all_versions = versions(clause, profile)
    pages = []
    for index, version in enumerate(all_versions):
        newer = all_versions[index + 1] if index + 1 < len(all_versions) else None
        diff = word_diff(version.text, newer.text) if newer else None
        text = render_template(
            "clause_version.md.j2", c=clause, v=version, newer=newer, diff=diff, html=blocks_html(version.doc),
            notes=notes_between(clause, version.major, newer.major) if newer else [],
        )
        pages.append(Page(f"clauses/{clause.slug}/v{version.major}.md", text))
    return pages
