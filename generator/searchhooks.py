"""MkDocs hooks for the site search (Material's built-in lunr search), loaded by `sitebuild`.

- Frozen clause versions (`/clauses/<id>/vN/`) stay out of the index: the latest address answers.
- Footnote lists stay out of the indexed text, so snippets show the page's words, not references.
- Every indexed section gets a `keywords` field (indexed, never shown) naming what the page is
  ("case study", "model clause", ...), so "Manchester case study" or "award criteria clause" finds
  the right kind of page.
- The case-study and clause index pages are indexed lean (title, description, keywords) rather
  than with every card they list, so the index stays small with thousands of items.
- After the build the index is split (`searchindex`): a query fetches the files of its words and
  of its best pages, not the whole index. Material's worker is shipped with `theme/search-worker.js`
  put before it (which answers queries from the split index) under a name of its own, and every
  page points to it. The live preview (`svkb serve`) keeps Material's single index, which the
  worker then hands to Material's own search (without our query rules).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
from importlib import resources
from pathlib import Path
from typing import Any

from mkdocs.plugins import CombinedEvent, event_priority

from generator import outfiles
from generator.searchindex import split_index

# Words used interchangeably in procurement, joined after stemming (Porter stems, as lunr makes them).
SYNONYMS = {
    "criteria": "criterion",  # award criteria / criterion
    "bid": "tender", "bidder": "tender",  # bid, bids, bidding, bidder / tender, tenderer
    "compani": "supplier", "firm": "supplier", "contractor": "supplier", "vendor": "supplier",
    "mark": "score",  # "how many marks" / scoring
    "assess": "evalu",  # assessment / evaluation
    "purchas": "procur",  # purchasing / procurement
    "chariti": "vcse",  # charity / VCSE
    "organ": "organis", "labor": "labour", "program": "programm",  # US spellings
}

# What each kind of page is, by the first segment of its address: (label, search-only keywords).
KINDS = {
    "guidance": ("Guidance", "guidance explained"),
    "stages": ("Stage", "stage commissioning cycle step"),
    "case-studies": ("Case study", "case study example council"),
    "clauses": ("Clause", "model clause tender wording template"),
    "indicators": ("Indicator", "indicator measure kpi metric"),
    "courses": ("Course", "course training session trainer"),
    "themes": ("Theme", "theme"),
}

# Collection pages indexed in full, with keywords of their own: address -> search-only keywords.
HUBS = {
    "": "home start offline copy zip download",
    "courses/": "courses list all handouts modules training",
    "indicators/": "indicators list all library measures kpis",
    "themes/": "themes list all topics",
    "stages/": "stages commissioning cycle steps",
    "guidance/": "guidance list all",
    # the overview of the devolved rules, which the many Scottish and Welsh case studies would otherwise outrank
    "guidance/devolved-nations/": "scotland wales northern ireland devolved community benefits socially responsible procurement",
}

# Collection index pages indexed lean: address -> (search-only keywords, boost).
COLLECTIONS = {
    "case-studies/": ("case studies examples councils real list browse", 6),
    "clauses/": ("clause library model clauses tender wording templates download word docx odt packs list browse", 6),
}

_FROZEN = re.compile(r"^clauses/[^/]+/v\d+/(index\.html)?$")
_FOOTNOTES = '<div class="footnote">'
_WORKER_URL = re.compile(r'("search":\s*")([^"]*?)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"')
_WORKER: dict[str, str] = {}
_FIRST_ENTRY: dict[str, int] = {}
_SERVING = {"on": False}


def _collection_url(url: str) -> str:
    return url.removesuffix("index.html")


def on_startup(command: str, dirty: bool) -> None:
    """Note whether this is the live preview (`svkb serve`), which keeps Material's single index."""
    _SERVING["on"] = command == "serve"


def on_config(config: Any) -> None:
    """Prepare the patched worker once per build (its name carries a hash of its content)."""
    import material

    workers = sorted((Path(material.__file__).parent / "templates/assets/javascripts/workers").glob("search.*.min.js"))
    if not workers:
        return
    patch = (resources.files("generator") / "theme/search-worker.js").read_text(encoding="utf-8")
    patch = patch.replace("__SVKB_SYNONYMS__", json.dumps(SYNONYMS, sort_keys=True))
    text = patch + "\n" + workers[0].read_text(encoding="utf-8")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    _WORKER.update(name=f"svkb-search.{digest}.min.js", text=text)


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    """Keep frozen clause versions out of the index."""
    if _FROZEN.match(page.url):
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return markdown


def on_page_content(content: str, page: Any, **kwargs: Any) -> str:
    """Keep footnote lists out of the index (the search plugin drops the marker afterwards)."""
    return content.replace(_FOOTNOTES, '<div class="footnote" data-search-exclude="footnotes">')


def _entries(config: Any) -> list[dict[str, Any]] | None:
    search = config.plugins.get("material/search")
    if search is None or not search.config.enabled:
        return None
    return search.search_index.entries


@event_priority(100)
def _before_search_indexes(context: Any, page: Any, config: Any, **kwargs: Any) -> Any:
    """Before the search plugin indexes the page: note where its entries will start."""
    entries = _entries(config)
    if entries is not None:
        _FIRST_ENTRY["start"] = len(entries)
    return context


@event_priority(-100)
def _after_search_indexed(context: Any, page: Any, config: Any, **kwargs: Any) -> Any:
    """After the search plugin has indexed the page: add keywords, or a lean entry for a collection."""
    entries = _entries(config)
    if entries is None:
        return context
    url = _collection_url(page.url)
    if url in COLLECTIONS:
        keywords, boost = COLLECTIONS[url]
        text = html.escape(str(page.meta.get("description", "")), quote=False)
        entries.append({"location": page.url, "title": html.escape(str(page.title), quote=False), "text": text, "keywords": keywords, "boost": boost})
        return context
    keywords = HUBS.get(url, KINDS.get(url.split("/", 1)[0], ("", ""))[1])
    if keywords:
        for entry in entries[_FIRST_ENTRY.get("start", len(entries)):]:
            entry["keywords"] = keywords
    return context


on_page_context = CombinedEvent(_before_search_indexes, _after_search_indexed)


def on_post_page(output: str, page: Any, config: Any, **kwargs: Any) -> str:
    """Point the page at the patched worker."""
    if not _WORKER:
        return output
    return _WORKER_URL.sub(lambda m: f'{m.group(1)}{m.group(2)}assets/javascripts/workers/{_WORKER["name"]}"', output, count=1)


@event_priority(-100)  # after the search plugin has written its index
def on_post_build(config: Any, **kwargs: Any) -> None:
    """Write the patched worker beside Material's, and split the search index."""
    if _WORKER:
        target = Path(config.site_dir) / "assets/javascripts/workers" / _WORKER["name"]
        outfiles.write(target, _WORKER["text"].encode("utf-8"))
    index_file = Path(config.site_dir) / "search/search_index.json"
    if _entries(config) is None or not index_file.is_file() or _SERVING["on"]:
        return  # the preview rebuilds after every save: splitting (3 s at 4N) would slow each reload
    head, files = split_index(json.loads(index_file.read_bytes()), SYNONYMS)
    folder = index_file.parent / "svkb"
    if folder.is_dir():
        shutil.rmtree(folder)
    folder.mkdir()
    for name, data in files.items():
        outfiles.write(index_file.parent / name, data)  # linked to the last build's file when unchanged
    outfiles.write(index_file, head)
