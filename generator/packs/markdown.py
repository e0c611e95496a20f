"""Write a pack as plain Markdown, for people who paste into other tools."""

from __future__ import annotations

from generator.packs.document import PackDocument


def render_markdown(pack: PackDocument) -> bytes:
    """Write the pack as Markdown: placeholders stay in [square brackets]."""
    lines = [f"# {pack.title}", "", pack.subtitle, "", pack.intro, "", "## Contents", ""]
    lines += [f"- {s.id}: {s.title}" for s in pack.sections] + ["- Drafting notes (remove before issuing)", ""]
    for s in pack.sections:
        lines += [f"## {s.id}: {s.title}", "", "### What this clause does", "", s.purpose, "", "### Clause text", ""]
        for runs in s.paragraphs:
            lines += ["".join(piece for piece, _ in runs), ""]
        lines += [f"*{s.footer}*", ""]
    lines += ["## Drafting notes (remove before issuing)", ""]
    for s in pack.sections:
        lines += [f"### {s.id}: {s.title}", ""] + [f"- {n}" for n in s.notes] + [""]
    return "\n".join(lines).encode("utf-8")
