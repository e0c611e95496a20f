"""Write a pack as plain Markdown, for people who paste into other tools.

Every piece of text is escaped so that no Markdown renderer can turn it into HTML, a link or a
list that was not meant: whatever a clause body or a profile value holds stays text.
"""

from __future__ import annotations

import re

from generator.clausedoc import ClauseBlock
from generator.packs.document import PackDocument

_LINE_START = re.compile(r"^(\s*)([#>+\-*=|]|\d+[.)]|\[)")


def md_text(text: str) -> str:
    """Text safe in a Markdown paragraph: no raw HTML, no links, no accidental block syntax."""
    text = text.replace("\\", "\\\\").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("](", "]\\(").replace("][", "]\\[").replace("]:", "]\\:").replace("`", "\\`")
    text = " ".join(text.split())  # one line: a newline could start a new block
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if not m.group(2)[0].isdigit() else m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)


def clause_block_md(block: ClauseBlock) -> str:
    """One block of clause text as a Markdown paragraph."""
    text = md_text(block.text)
    if block.kind == "heading":
        return f"### {text}"
    if block.kind in {"choice", "option", "end"}:
        return f"**{text}**"
    if block.kind == "item":
        return md_text(f"{block.marker} {block.text}")
    return text


def render_markdown(pack: PackDocument) -> bytes:
    """Write the pack as Markdown: placeholders stay in [square brackets], guidance in quoted blocks."""
    lines = [f"# {md_text(pack.title)}", "", md_text(pack.subtitle), "", md_text(pack.description), "", "## How to use this pack", ""]
    for text in pack.how_to:
        lines += [md_text(text), ""]
    lines += ["## Contents", ""]
    lines += [f"- {md_text(pack.heading(n, s))}" for n, s in enumerate(pack.sections, start=1)] + [""]
    for number, s in enumerate(pack.sections, start=1):
        lines += [f"## {md_text(pack.heading(number, s))}", ""]
        for block in s.doc.blocks:
            lines += [clause_block_md(block), ""]
        for label, text in s.guidance:
            lines += [f"> **{md_text(label)}:** {md_text(text)}", ">"]
        lines[-1] = ""
    return "\n".join(lines).encode("utf-8")
