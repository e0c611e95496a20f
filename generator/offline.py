"""The offline copy: the built site, rewritten to work from the file system, zipped.

It is derived from the site MkDocs has already built instead of a second MkDocs run. Pages keep
their places (``x/index.html``), so every relative address to a file stays right; what Material's
offline plugin would otherwise change is rewritten here:

- links to directories (``../x/``, ``..``, ``./``) name their ``index.html``, since a browser shows a
  folder listing, not the page, for a directory address on ``file://``;
- the search index's locations likewise, and the index is also written as ``search/search_index.js``
  (``var __index = ...``), which Material loads with a script tag on ``file://``, where it cannot fetch JSON;
- each page loads the iframe-worker shim from our own assets, so search runs without a web worker.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import zipfile
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import IO

from generator.office.zipfiles import deflate, write_deflated
from generator.sitebuild import OFFLINE_SHIM

STORED = (".zip", ".docx", ".odt", ".pptx", ".odp", ".xlsx", ".ods", ".png", ".jpg", ".gz", ".woff2")  # compressed already: stored as they are, not deflated again
# zlib level 4 deflates the copy's text in half the time of the default (6), for 7% more deflated
# bytes (the real content: 0.23 s against 0.43 s; 4.87 MB against 4.55 MB, of a 29 MB zip).
LEVEL = 4
SEARCH_INDEX = "search/search_index.json"
SEARCH_SCRIPT = "search/search_index.js"
# A link to a directory in an href (or a redirect page's refresh): its path, ending in / or a dot
# segment, then any query or fragment. The pattern starts with its literal, which keeps it fast.
_HREF = re.compile(rb'href="([^"#?:]*[/.])([#?][^"]*)?(?=")')
_REFRESH = re.compile(rb'; url=([^"#?:]*[/.])([#?][^"]*)?(?=")')


def _file_address(path: str) -> str:
    """``path`` naming a file: a directory address gets its ``index.html``; '' (this page) stays."""
    if path.endswith("/"):
        return path + "index.html"
    if path == "." or path.endswith("/."):
        return path[:-1] + "index.html"
    if path == ".." or path.endswith("/.."):
        return path + "/index.html"
    return path


def _address(match: re.Match[bytes]) -> bytes:
    path = _file_address(match.group(1).decode("utf-8")).encode("utf-8")
    return match.group(0)[: match.start(1) - match.start()] + path + (match.group(2) or b"")


def _link(match: re.Match[bytes]) -> bytes:
    before = match.string[match.start() - 1 : match.start()] if match.start() else b" "
    if before.isalnum() or before in b"-_":
        return match.group(0)  # the end of another attribute's name, such as data-svkb-root-href
    return _address(match)


def offline_page(html: bytes, depth: int) -> bytes:
    """A built page as it must be for the file system; ``depth`` is how many folders down it sits."""
    html = _HREF.sub(_link, html)
    if b"http-equiv" in html:
        html = _REFRESH.sub(_address, html)
    shim = f'<script src="{"../" * depth}{OFFLINE_SHIM}"></script>\n'.encode()
    head_end = html.find(b"</head>")
    return html if head_end < 0 else html[:head_end] + shim + html[head_end:]


def offline_search_index(data: bytes) -> tuple[bytes, bytes]:
    """The search index with file addresses, as JSON and as the script Material loads on ``file://``."""
    index = json.loads(data)
    for doc in index.get("docs", []):
        path, hash_mark, fragment = doc["location"].partition("#")
        doc["location"] = (_file_address(path) or "index.html") + hash_mark + fragment
    text = json.dumps(index, separators=(",", ":"))
    return text.encode("utf-8"), f"var __index = {text}".encode()


def offline_files(abs_site: Path) -> Iterator[tuple[str, bytes]]:
    """Every file of the offline copy, by relative path in sorted order, read one at a time."""
    names = sorted(p.relative_to(abs_site) for p in abs_site.rglob("*") if p.is_file())
    if Path(SEARCH_INDEX) in names:
        names = sorted([*names, Path(SEARCH_SCRIPT)])
    for name in names:
        rel = name.as_posix()
        if rel in (SEARCH_INDEX, SEARCH_SCRIPT):
            data, script = offline_search_index((abs_site / SEARCH_INDEX).read_bytes())
            yield rel, data if rel == SEARCH_INDEX else script
            continue
        data = (abs_site / name).read_bytes()
        yield rel, offline_page(data, rel.count("/")) if rel.endswith(".html") else data


def offline_zip(abs_site: Path, prefix: str, when: dt.datetime, target: Path | IO[bytes]) -> None:
    """Write the offline copy of a built site to ``target`` (outside the site) as a reproducible zip,
    every file under ``prefix``/.

    Files are read, rewritten and written one at a time, so memory holds a few files, not the site
    or the zip (the attributes and fixed timestamp of generator.office.zipfiles.zip_bytes); files
    that are compressed already are stored, which saves time and next to no space. Deflating (at
    LEVEL), most of the time, runs on every core (zlib lets go of Python's lock), a few files
    ahead of the writing; the bytes are those of deflating one file after another."""
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    ahead: deque[tuple[zipfile.ZipInfo, bytes, Future[bytes] | None]] = deque()
    with zipfile.ZipFile(target, "w") as archive, ThreadPoolExecutor(workers) as pool:
        for rel, data in offline_files(abs_site):
            info = zipfile.ZipInfo(f"{prefix}/{rel}", date_time=stamp)
            info.external_attr = 0o644 << 16
            info.create_system = 3
            ahead.append((info, data, None if rel.endswith(STORED) else pool.submit(deflate, data, LEVEL)))
            if len(ahead) > 4 * workers:
                _write(archive, *ahead.popleft())
        while ahead:
            _write(archive, *ahead.popleft())


def _write(archive: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes, deflated: Future[bytes] | None) -> None:
    if deflated is None:
        info.compress_type = zipfile.ZIP_STORED
        archive.writestr(info, data)
    else:
        write_deflated(archive, info, data, deflated.result())
