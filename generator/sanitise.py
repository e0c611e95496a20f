"""Sanitise every page's HTML after Markdown conversion, whatever the source said.

Guidance and stage pages are Markdown written by editors, and every generated page embeds text
from content files. A lint on the source can never agree with the Markdown parser on every input
(a line such as ```` ```x``` ```` is a code span, not a fence), so the defence is here instead: a
Python-Markdown postprocessor that runs last and passes the converted page content through an
allowlist sanitiser (nh3). Only the tags and attributes the page templates and Markdown
extensions produce survive; scripts, styles, event handlers, ``javascript:`` URLs, ``target``
and Material's own ids (``__drawer``, ``__search``...) cannot reach the site.

The theme's own markup (header, navigation, search) is outside the page content and untouched.
"""

from __future__ import annotations

import re
from typing import Any

import nh3
from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "button", "caption", "code", "col", "colgroup", "dd", "del",
    "details", "div", "dl", "dt", "em", "fieldset", "figcaption", "figure", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "input", "ins", "kbd", "label", "legend", "li", "mark", "nav", "ol", "option", "p", "pre", "q",
    "s", "section", "select", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "textarea", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip

# Data attributes read by the site's own scripts (generator/assets/*.js) and the theme.
DATA_ATTRIBUTES = {
    "data-nation", "data-regime", "data-stage", "data-theme", "data-type", "data-search-exclude",
    "data-svkb-alias-for", "data-svkb-citation", "data-svkb-cite", "data-svkb-cite-copy",
    "data-svkb-cite-output", "data-svkb-cite-status", "data-svkb-clause", "data-svkb-copy",
    "data-svkb-empty", "data-svkb-filters", "data-svkb-list", "data-svkb-noun", "data-svkb-review-by",
    "data-svkb-root-href", "data-svkb-source", "data-svkb-status", "data-svkb-storage-key",
    "data-svkb-text", "data-block", "data-format", "data-pack", "data-svkb-pack", "data-svkb-pack-builder",
    "data-svkb-pack-clauses", "data-svkb-all", "data-svkb-pager", "data-svkb-total", "data-svkb-check", "data-svkb-check-probe", "data-svkb-check-results", "data-svkb-check-status",
    "data-svkb-calc", "data-svkb-calc-add", "data-svkb-calc-error", "data-svkb-calc-form", "data-svkb-calc-remove", "data-svkb-calc-reset",
    "data-svkb-calc-row", "data-svkb-calc-rows", "data-svkb-calc-status", "data-svkb-calc-summary", "data-svkb-calc-working",
}  # fmt: skip

ATTRIBUTES: dict[str, set[str]] = {
    "*": {"class", "id", "title", "hidden", "role", "lang", "dir", "tabindex", *DATA_ATTRIBUTES},
    "a": {"href", "download", "rel"},
    "abbr": set(),
    "button": {"type"},
    "details": {"open"},
    "form": set(),
    "img": {"src", "alt", "width", "height", "loading"},
    "input": {"type", "name", "value", "inputmode", "autocomplete"},  # the calculators' fields (no src, formaction or event handlers)
    "label": {"for"},
    "ol": {"start", "type"},
    "option": {"value", "selected"},
    "select": {"name", "multiple"},
    "td": {"colspan", "rowspan", "align", "style"},
    "textarea": {"readonly", "rows", "cols"},
    "th": {"colspan", "rowspan", "align", "scope", "style"},
}
URL_SCHEMES = {"http", "https", "mailto"}
STYLE_PROPERTIES = {"text-align"}  # Markdown tables align columns with style="text-align: ..."
ARIA = re.compile(r"aria-[a-z]+")
RELATIVE_PATH = re.compile(r"[A-Za-z0-9._~/-]+(#[A-Za-z0-9._:-]*)?")


def _attribute(tag: str, name: str, value: str) -> str | None:
    """Drop values the allowlist cannot express: theme ids, and root links that are not plain paths."""
    if name == "id" and value.startswith("__"):
        return None  # Material's own toggles and containers (__drawer, __search, __config...)
    if name == "data-svkb-root-href" and (not RELATIVE_PATH.fullmatch(value) or ".." in value or value.startswith("/")):
        return None
    if tag == "input" and name == "type" and value != "text":
        return None  # only text fields: no password, file or hidden inputs, no image or submit buttons
    return value


def _attributes() -> dict[str, set[str]]:
    aria = {f"aria-{a}" for a in ("label", "labelledby", "describedby", "hidden", "live", "current", "expanded", "controls")}
    return {tag: names | (aria if tag == "*" else set()) for tag, names in ATTRIBUTES.items()}


_ALLOWED = _attributes()


def sanitise(fragment: str) -> str:
    """Return ``fragment`` with everything outside the allowlist removed."""
    return nh3.clean(
        fragment,
        tags=TAGS,
        clean_content_tags={"script", "style"},
        attributes=_ALLOWED,
        attribute_filter=_attribute,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
        filter_style_properties=STYLE_PROPERTIES,
    )


class _Sanitise(Postprocessor):
    def run(self, text: str) -> str:
        return sanitise(text)


class SanitiseExtension(Extension):
    """Python-Markdown extension: sanitise the converted HTML as the very last step."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.postprocessors.register(_Sanitise(md), "svkb_sanitise", -1000)


def makeExtension(**kwargs: Any) -> SanitiseExtension:  # noqa: N802 (Python-Markdown's entry point)
    return SanitiseExtension(**kwargs)


def ensure_sanitised(config: Any) -> None:
    """Add the sanitiser to a loaded MkDocs configuration unless mkdocs.yml already lists it."""
    names = [e if isinstance(e, str) else type(e).__module__ for e in config.markdown_extensions]
    if __name__ not in names:
        config.markdown_extensions.append(SanitiseExtension())
