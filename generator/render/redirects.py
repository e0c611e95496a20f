"""Keep old addresses working: redirect pages for moved pages, alias anchors for renamed headings."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from generator.model import Catalog
from generator.render.pages import Page

REDIRECT = """<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Moved: {title}</title>
<meta http-equiv="refresh" content="0; url={href}">
<meta name="robots" content="noindex">
<link rel="canonical" href="{href}">
</head>
<body>
<p>This page has moved to <a href="{href}">{title}</a>.</p>
</body>
</html>
"""


def _relative(from_dir: str, to_dir: str) -> str:
    """The relative link from one directory URL to another (both like 'a/b/')."""
    depth = from_dir.count("/")
    return "../" * depth + to_dir


def render_redirects(pages: Mapping[str, str]) -> list[Page]:
    """A small HTML page at each old address that sends readers to the new one."""
    out = []
    for old, new in sorted(pages.items()):
        href = html.escape(_relative(old, new), quote=True)
        out.append(Page(f"{old}index.html", REDIRECT.format(href=href, title=html.escape(new or "home page"))))
    return out


def add_anchor_aliases(pages: list[Page], anchors: Mapping[str, str]) -> list[Page]:
    """Give renamed headings their old anchors back, as aliases the browser jumps to."""
    by_page: dict[str, list[tuple[str, str]]] = {}
    for key, new in anchors.items():
        page, _, old = key.partition("#")
        by_page.setdefault(page, []).append((old, new))
    result = []
    for page in pages:
        url = page.dest_path.removesuffix("index.md").removesuffix(".md")
        url = url if url.endswith("/") or not url else url + "/"
        aliases = by_page.get(url)
        if aliases and isinstance(page.content, str):
            spans = "".join(f'<span id="{html.escape(old)}" class="svkb-anchor-alias" data-svkb-alias-for="{html.escape(new)}"></span>' for old, new in sorted(aliases))
            content = re.sub(r"^(# .*)$", lambda m, spans=spans: m.group(1) + "\n\n" + spans, page.content, count=1, flags=re.MULTILINE)
            page = Page(page.dest_path, content, page.site_only)
        result.append(page)
    return result


def all_redirects(catalog: Catalog) -> dict[str, str]:
    """Redirects from content/redirects.yml plus one for every previous id an item declares."""
    found = dict(catalog.redirect_pages)
    items = [("case-studies", c) for c in catalog.case_studies] + [("indicators", i) for i in catalog.indicators] + [("courses", c) for c in catalog.courses]
    items += [("stages" if p.kind == "stage" else "guidance", p) for p in catalog.pages]
    for folder, item in items:
        for old in item.origin.data.get("previous_ids", ()):
            found[f"{folder}/{old}/"] = f"{folder}/{item.id}/"
    for clause in catalog.clauses:
        for old in clause.origin.data.get("previous_ids", ()):
            found[f"clauses/{old.lower()}/"] = f"clauses/{clause.slug}/"
            for major in sorted({h.major for h in clause.history} | {clause.major}):
                found[f"clauses/{old.lower()}/v{major}/"] = f"clauses/{clause.slug}/v{major}/"
    return found
