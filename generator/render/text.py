"""Make author text safe for pages: Markdown to sanitised HTML, and escaped inline text."""

from __future__ import annotations

import html
import math
import re
from functools import lru_cache

import markdown
import nh3
import yaml
from markupsafe import Markup

ALLOWED_TAGS = {"p", "ul", "ol", "li", "strong", "em", "a", "code", "blockquote", "br", "abbr", "h3", "h4"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
URL_SCHEMES = {"http", "https", "mailto"}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|])")


_MARKDOWN = markdown.Markdown(extensions=["sane_lists"], output_format="html")


def prose(text: str) -> Markup:
    """Render author Markdown to HTML that cannot carry scripts, styles or handlers."""
    return Markup(_prose(str(text)))


# Anything that could be Markdown syntax, an entity or a character the sanitiser would rewrite.
_NOT_PLAIN = re.compile(r"[*_`\[\]<>\\#!|~\t\r\x00-\x08\x0b-\x1f\u00a0]|&(?! )|^[ ]|[ ]{2}$|^([-+=]|\d+[.)])", re.MULTILINE)


_BOLD = re.compile(r"\*\*([^\s*](?:[^*\n]*[^\s*])?)\*\*")  # **a lead-in**, on one line, nothing else special inside
_INTRAWORD_UNDERSCORE = re.compile(r"(?<=[A-Za-z0-9])_(?=[A-Za-z0-9])")  # s52_applies: never emphasis in Markdown


_LIST_ITEM = re.compile(r"([-*+]|\d+\.) (.*)")  # a list item's marker and text; Python-Markdown has no "1)" lists


def _inline_html(text: str) -> str | None:
    """A line of plain text (with **bold** allowed) as HTML, or None if it holds anything else."""
    if not text or text[0].isspace() or text[-1].isspace() or _NOT_PLAIN.search(_BOLD.sub(r"\1", _INTRAWORD_UNDERSCORE.sub("", text))):
        return None  # (underscores first: once bold markers are gone, "**a**_b_" would look intraword)
    return _BOLD.sub(r"<strong>\1</strong>", text.replace("&", "&amp;"))


def _block_html(block: str) -> tuple[str, bool] | None:
    """A blank-line-separated block as a paragraph or a tight list; (html, is_list) or None."""
    items = [_LIST_ITEM.fullmatch(line) for line in block.split("\n")]
    markers = {("1." if m.group(1)[0].isdigit() else m.group(1)) for m in items if m}
    if all(items) and len(markers) == 1:  # one kind of marker: Markdown starts a new list when it changes
        parts = [_inline_html(m.group(2)) for m in items if m]
        if any(p is None for p in parts):
            return None
        tag = "ol" if markers == {"1."} else "ul"
        return f"<{tag}>\n" + "".join(f"<li>{p}</li>\n" for p in parts) + f"</{tag}>", True
    html = _inline_html(block)
    return (f"<p>{html}</p>", False) if html is not None else None


def _plain_paragraphs(text: str) -> str | None:
    """The HTML Markdown and the sanitiser would make of simple prose, or None.

    Simple prose is paragraphs and tight one-line-per-item lists of plain text with **bold**,
    which is most of what authors write; converting it directly skips the Markdown parser, which
    was most of the rendering time of a large catalogue. Tests check that both ways agree.
    """
    blocks = [_block_html(block) for block in re.split(r"\n{2,}", text.strip("\n"))]
    if any(b is None for b in blocks):
        return None
    if any(a[1] and b[1] for a, b in zip(blocks, blocks[1:], strict=False)):  # type: ignore[index]
        return None  # two lists in a row make a loose list in Markdown
    return "\n".join(b[0] for b in blocks)  # type: ignore[index]


def lists_interrupt_paragraphs(text: str) -> str:
    """Let a list start straight after a line of text, as authors expect (and CommonMark allows).

    Python-Markdown needs a blank line before a list, so "six principles:" followed by "1. ..."
    lines showed as one run-on paragraph. Like CommonMark, a numbered list interrupts a paragraph
    only when it starts at 1, so a wrapped line that happens to begin "52. " stays text.
    """
    lines = text.split("\n")
    out: list[str] = []
    in_paragraph = False
    for line in lines:
        item = _LIST_ITEM.match(line)
        if in_paragraph and item and (item.group(1)[0] in "-*+" or item.group(1)[:-1] == "1"):
            out.append("")
            in_paragraph = False
        elif not line.strip():
            in_paragraph = False
        elif not out or not out[-1].strip():
            in_paragraph = not item and not line.startswith(" ")
        out.append(line)
    return "\n".join(out)


@lru_cache(maxsize=4096)
def _prose(text: str) -> str:
    text = lists_interrupt_paragraphs(text)
    plain = _plain_paragraphs(text)
    if plain is not None:
        return plain
    return _markdown_prose(text)


def _markdown_prose(text: str) -> str:
    rendered = _MARKDOWN.reset().convert(text)  # one parser, reset between texts: building one per call is slow
    clean = nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return clean


def inline(text: object) -> Markup:
    """Escape text for a Markdown line so it shows literally, never as markup or a link."""
    escaped = _MD_SPECIAL.sub(r"\\\1", str(text))
    return Markup(html.escape(escaped, quote=False).replace("\n", " "))


def attr(text: object) -> Markup:
    """Escape text for an HTML attribute value."""
    return Markup(html.escape(str(text), quote=True))


def _escaped(value: object) -> object:
    if isinstance(value, str):
        return html.escape(value, quote=True)
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    return value


def front_matter(data: dict[str, object]) -> Markup:
    """Serialise page metadata as YAML front matter, HTML-escaped: the theme prints titles,
    descriptions and tags into the page without escaping them."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter when available: much faster
    body = yaml.dump({k: _escaped(v) for k, v in data.items()}, Dumper=dumper, sort_keys=False, allow_unicode=True, width=1000)
    return Markup(f"---\n{body}---\n")


def number(value: float) -> str:
    """Format a figure for readers: thousands separators, no needless decimals."""
    if isinstance(value, int):
        return f"{value:,}"  # exactly, however long (float() of a 401-digit number overflows)
    if not math.isfinite(value):
        return str(value)  # svkb check refuses these; never crash on them
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _plain_text(text: str) -> str:
    return html.unescape(nh3.clean(str(prose(text)), tags=set(), attributes={})).strip()


def plain(text: str) -> Markup:
    """Reduce author Markdown to plain text, escaped for a Markdown line."""
    return inline(_plain_text(text))


def teaser(text: str, limit: int = 240) -> Markup:
    """The opening of author Markdown as plain text, for index cards: whole sentences up to
    ``limit`` characters, or the first words and an ellipsis when one sentence is longer."""
    words = " ".join(_plain_text(text).split())
    if len(words) <= limit:
        return inline(words)
    end = words.rfind(". ", 0, limit)
    if end >= 60:
        return inline(words[: end + 1])
    cut = words.rfind(" ", 0, limit)
    return inline(words[: cut if cut > 0 else limit].rstrip(",;:") + "…")
