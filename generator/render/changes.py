"""What changed: clause changelogs and guidance review history, as a page and an Atom feed."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from xml.sax.saxutils import escape

from generator.model import Catalog
from generator.render.environment import render_template
from generator.render.pages import Page
from generator.render.paging import paginate

PER_PAGE = 200  # changes on one page, newest first: keeps each page small at any size


@dataclass(frozen=True, order=True)
class Change:
    """One dated change to one item."""

    date: str
    title: str
    path: str
    note: str
    key: str


def changes(catalog: Catalog) -> list[Change]:
    """Every recorded change, newest first."""
    found = [Change(e.date, f"{c.id} version {e.version}: {c.title}", f"clauses/{c.slug}.md", e.note, f"clauses/{c.slug}/{e.version}")
             for c in catalog.clauses for e in c.changelog]
    found += [Change(r.date, p.title, p.dest_path, r.note, f"{p.dest_path}/{r.date}") for p in catalog.pages for r in p.review_history]
    return sorted(found, key=lambda c: (c.date, c.key), reverse=True)


def atom(items: list[Change]) -> str:
    """The changes as an Atom feed; links are relative to the feed's own address (the site root)."""
    updated = f"{items[0].date}T00:00:00Z" if items else "2025-01-01T00:00:00Z"
    entries = "".join(
        f"""  <entry>
    <title>{escape(c.title)}</title>
    <id>urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, "svkb:" + c.key)}</id>
    <updated>{c.date}T00:00:00Z</updated>
    <link href="{escape(c.path.removesuffix('.md'))}/"/>
    <summary>{escape(c.note)}</summary>
  </entry>
""" for c in items)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Social Value Knowledge Base: what changed</title>
  <subtitle>New and changed clauses and reviewed guidance</subtitle>
  <id>urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, "svkb:changes")}</id>
  <updated>{updated}</updated>
  <link rel="self" href="changes.xml"/>
  <link href="changes/"/>
  <author><name>Social Value Knowledge Base</name></author>
{entries}</feed>
"""


_FEED_LINK = re.compile(r'(<link (?:rel="self" )?href=")([^":]*)(")')


def canonical_feed(feed: str, site_url: str) -> str:
    """The feed with its links at the site's canonical address, so a feed reader (or a copy of
    the feed file) reaches the published pages whatever address the feed was fetched from."""
    base = site_url.rstrip("/") + "/"
    return _FEED_LINK.sub(lambda m: m.group(1) + escape(base) + m.group(2) + m.group(3), feed)


def render_changes(catalog: Catalog) -> list[Page]:
    """Render the 'what changed' page, in pages of PER_PAGE changes, and its Atom feed."""
    items = changes(catalog)
    pages = [Page(paging.path, render_template("changes.md.j2", items=chunk, total=len(items), paging=paging, per_page=PER_PAGE))
             for paging, chunk in paginate(items, PER_PAGE, "changes.md", "changes")]
    return [*pages, Page("changes.xml", atom(items))]
