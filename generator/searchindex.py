"""The split search index: the browser downloads what a query needs, not the whole library.

Material writes one `search/search_index.json` holding every page, which the browser downloads and
indexes (lunr) before the first result: at 2,000 case studies that took 6 s on an emulated phone.
After the build this module splits it (called by `searchhooks.on_post_build`):

- `search/svkb/t-<first three letters>.js`: for each term (a word as lunr indexes it: trimmed, stop
  words dropped, stemmed by `porter.stem`, joined by `SYNONYMS`), the documents holding it and
  their weight, computed as lunr's BM25 does with Material's settings (k1 1.2, b 0, field and
  document boosts, idf over the whole index), so a query's scores are the ones lunr would give;
- `search/svkb/d-<n>.js`: page n's entries (the page, then its sections) as the result list shows
  them: title, tags and the start of the text;
- `search/search_index.json` keeps Material's configuration with no documents; its `config.svkb`
  says where the split index is and which term files exist (Material passes `config` on to the
  worker).

A query fetches one term file per word, scores, then fetches the pages of its best results
(`theme/search-worker.js`). Every file is a script (`__svkbSearch("name", data);`), which the
worker fetches online and loads with a script tag from `file://`, where fetch is refused.
A document's id is page * 256 + section, so a term file says which page each match belongs to.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from generator.porter import STOP_WORDS, stem, trim

FOLDER = "svkb"
PREFIX = 3  # letters of a term that name its file
SECTIONS = 256  # sections a page may have in the index (more are left out)
K1 = 1.2
TEASER = 320  # characters of an entry's text kept for the result list
_TAG = re.compile(r"<[^>]*>")
_SAFE = re.compile(r"[^a-z0-9]")


def file_key(term: str) -> str:
    """The term file a term is in (the same function is in the worker)."""
    return "t-" + _SAFE.sub(lambda m: f"_{ord(m.group(0)):x}", term[:PREFIX])


def analyse(value: str | list[str] | None, separator: re.Pattern[str], synonyms: dict[str, str]) -> list[str]:
    """The terms lunr indexes for one field (Material tokenises the text between tags)."""
    if value is None:
        return []
    out = []
    for text in [value] if isinstance(value, str) else value:
        for token in separator.split(_TAG.sub(" ", text).lower()):
            word = trim(token)
            if not word or word in STOP_WORDS:
                continue
            term = stem(word)
            out.append(synonyms.get(term, term))
    return out


def group_pages(docs: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Entries by page, as Material groups them: the first entry at a path is the page."""
    pages: dict[str, list[dict[str, Any]]] = {}
    for doc in docs:
        entries = pages.setdefault(str(doc["location"]).split("#")[0], [])
        if len(entries) < SECTIONS:
            entries.append(doc)
    return list(pages.values())


def weights(pages: list[list[dict[str, Any]]], config: dict[str, Any], synonyms: dict[str, str]) -> dict[str, dict[int, float]]:
    """term -> {document id: weight}: lunr's field vectors, summed over fields (scores only need the sum)."""
    separator = re.compile(config.get("separator") or r"[\s\-]+")
    boosts = {name: float((spec or {}).get("boost", 1)) for name, spec in config["fields"].items()}
    counts: dict[int, dict[str, Counter[str]]] = {}
    df: Counter[str] = Counter()
    for p, entries in enumerate(pages):
        for s, doc in enumerate(entries):
            fields = {name: Counter(analyse(doc.get(name), separator, synonyms)) for name in boosts}
            counts[p * SECTIONS + s] = fields
            for tf in fields.values():
                df.update(tf.keys())  # lunr's idf counts a document once per field holding the term
    total = len(counts)
    idf = {term: math.log(1 + abs((total - n + 0.5) / (n + 0.5))) for term, n in df.items()}
    out: dict[str, dict[int, float]] = defaultdict(dict)
    for doc_id, fields in counts.items():
        p, s = divmod(doc_id, SECTIONS)
        boost = float(pages[p][s].get("boost") or 1)
        for name, tf in fields.items():
            for term, n in tf.items():
                score = round(idf[term] * (K1 + 1) * n / (K1 + n) * boosts[name] * boost, 3)
                out[term][doc_id] = round(out[term].get(doc_id, 0.0) + score, 3)
    return out


def script(name: str, data: object) -> bytes:
    return f'__svkbSearch("{name}",{json.dumps(data, separators=(",", ":"), ensure_ascii=False)});\n'.encode()


def teaser(text: str) -> str:
    """The start of an entry's text, as the result list shows it (Material clamps it to a few
    lines): plain words, cut at a word before `TEASER` characters."""
    plain = " ".join(_TAG.sub(" ", text).split())
    if len(plain) > TEASER:
        plain = plain[:TEASER].rsplit(" ", 1)[0] + " …"
    return f"<p>{plain}</p>" if plain else ""


def display(doc: dict[str, Any]) -> dict[str, Any]:
    """What the result list shows of an entry."""
    out = {k: doc[k] for k in ("location", "title", "tags") if k in doc}
    out["text"] = teaser(str(doc.get("text") or ""))
    return out


def split_index(index: dict[str, Any], synonyms: dict[str, str]) -> tuple[bytes, dict[str, bytes]]:
    """Material's search index -> (its replacement with no documents, {file under search/: bytes})."""
    pages = group_pages(index.get("docs", []))
    shards: dict[str, dict[str, list[float]]] = defaultdict(dict)
    for term, postings in sorted(weights(pages, index["config"], synonyms).items()):
        flat: list[float] = []
        for doc_id in sorted(postings):
            flat += [doc_id, postings[doc_id]]
        shards[file_key(term)][term] = flat
    files = {f"{FOLDER}/{key}.js": script(key, terms) for key, terms in shards.items()}
    files.update({f"{FOLDER}/d-{p}.js": script(f"d-{p}", [display(d) for d in entries]) for p, entries in enumerate(pages)})
    head = {k: v for k, v in index.items() if k != "docs"}
    head.update(docs=[], config={**index["config"], "svkb": {"folder": f"search/{FOLDER}/", "sections": SECTIONS, "prefix": PREFIX, "pages": len(pages), "keys": sorted(shards)}})
    return json.dumps(head, separators=(",", ":")).encode(), files


def read_split(files: Iterable[tuple[str, bytes]]) -> dict[str, Any]:
    """The data of split-index files (for tests and tools)."""
    out = {}
    for name, data in files:
        text = data.decode("utf-8")
        out[name] = json.loads(text[text.index(",") + 1 : text.rindex(");")])
    return out
