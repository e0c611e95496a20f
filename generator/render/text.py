"""Make author text safe for pages: Markdown to sanitised HTML, and escaped inline text."""

from __future__ import annotations

import html
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
_NOT_PLAIN = re.compile(r"[*_`\[\]<>\\#!|~\t\r\x00-\x08\x0b-\x1f\u00a0]|&(?! )|^[ ]|[ ]$|^([-+=]|\d+[.)])", re.MULTILINE)


_BOLD = re.compile(r"\*\*([^\s*](?:[^*\n]*[^\s*])?)\*\*")  # **a lead-in**, on one line, nothing else special inside
_INTRAWORD_UNDERSCORE = re.compile(r"(?<=[A-Za-z0-9])_(?=[A-Za-z0-9])")  # s52_applies: never emphasis in Markdown


def _plain_paragraphs(text: str) -> str | None:
    """The HTML Markdown and the sanitiser would make of text with no Markdown in it but **bold**, or None.

    Most author prose is plain sentences; converting it directly skips the Markdown parser,
    which was most of the rendering time of a large catalogue. Tests check that both agree.
    """
    text = text.strip("\n")
    if _NOT_PLAIN.search(_INTRAWORD_UNDERSCORE.sub("", _BOLD.sub(r"\1", text))):
        return None
    html = _BOLD.sub(r"<strong>\1</strong>", text.replace("&", "&amp;"))
    return "\n".join(f"<p>{part}</p>" for part in re.split(r"\n{2,}", html))


@lru_cache(maxsize=4096)
def _prose(text: str) -> str:
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
    words = _plain_text(text)
    if len(words) <= limit:
        return inline(words)
    end = words.rfind(". ", 0, limit)
    if end >= 60:
        return inline(words[: end + 1])
    return inline(words[: words.rfind(" ", 0, limit)].rstrip(",;:") + "…")
