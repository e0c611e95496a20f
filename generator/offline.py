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
import hashlib
import json
import mmap
import os
import re
import zipfile
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import IO

from generator.office.zipfiles import COMPRESSED, deflate, write_deflated
from generator.sitebuild import OFFLINE_SHIM

STORED = COMPRESSED  # compressed already: stored as they are, not deflated again
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


def offline_files(abs_site: Path, leave_out: frozenset[str] = frozenset()) -> Iterator[tuple[str, bytes]]:
    """Every file of the offline copy, by relative path in sorted order, read one at a time; not
    those named in ``leave_out`` (the offline zip's own address, which may hold a placeholder)."""
    names = sorted(p.relative_to(abs_site) for p in abs_site.rglob("*") if p.is_file() and p.relative_to(abs_site).as_posix() not in leave_out)
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


def offline_zip(abs_site: Path, prefix: str, when: dt.datetime, target: Path | IO[bytes], abs_cache: Path | None = None, leave_out: frozenset[str] = frozenset()) -> None:
    """Write the offline copy of a built site to ``target`` (outside the site) as a reproducible zip,
    every file under ``prefix``/.

    Files are read, rewritten and written one at a time, so memory holds a few files, not the site
    or the zip (the attributes and fixed timestamp of generator.office.zipfiles.zip_bytes); files
    that are compressed already are stored, which saves time and next to no space. Deflating (at
    LEVEL), most of the time, runs on every core (zlib lets go of Python's lock), a few files
    ahead of the writing; the bytes are those of deflating one file after another. With
    ``abs_cache``, each file's deflated bytes are kept there by the hash of its bytes, and a file
    deflated by the last build is not deflated again (see Deflated)."""
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    kept = Deflated(abs_cache)
    ahead: deque[tuple[zipfile.ZipInfo, bytes, Future[bytes] | bytes | None]] = deque()
    with zipfile.ZipFile(target, "w") as archive, ThreadPoolExecutor(workers) as pool:
        for rel, data in offline_files(abs_site, leave_out):
            info = zipfile.ZipInfo(f"{prefix}/{rel}", date_time=stamp)
            info.external_attr = 0o644 << 16
            info.create_system = 3
            deflated = None if rel.endswith(STORED) else kept.get(data) or pool.submit(deflate, data, LEVEL)
            ahead.append((info, data, deflated))
            if len(ahead) > 4 * workers:
                _write(archive, kept, *ahead.popleft())
        while ahead:
            _write(archive, kept, *ahead.popleft())
    kept.save()


def _write(archive: zipfile.ZipFile, kept: Deflated, info: zipfile.ZipInfo, data: bytes, deflated: Future[bytes] | bytes | None) -> None:
    if deflated is None:
        info.compress_type = zipfile.ZIP_STORED
        archive.writestr(info, data)
        return
    if isinstance(deflated, Future):
        deflated = deflated.result()
        kept.add(data, deflated)
    write_deflated(archive, info, data, deflated)


class Deflated:
    """The deflated bytes of the last offline copy's files, by the SHA-256 of each file's bytes
    (and LEVEL): one file of deflated bytes end to end, read in place (mapped, not loaded), and an
    index of where each one is. This build's files are written to the next such file as they come,
    so memory never holds them all; without a folder nothing is kept."""

    def __init__(self, abs_cache: Path | None) -> None:
        self.abs_cache = abs_cache
        self.index: dict[str, list[int]] = {}
        self.blob: mmap.mmap | bytes = b""
        self.files: dict[str, list[int]] = {}  # this build's, for the next
        self.out: IO[bytes] | None = None
        if abs_cache is None:
            return
        try:
            abs_cache.mkdir(parents=True, exist_ok=True)
            self.out = (abs_cache / "deflated.bin.new").open("wb")
            index = json.loads((abs_cache / "index.json").read_text(encoding="utf-8"))
            with (abs_cache / "deflated.bin").open("rb") as blob:
                self.blob = mmap.mmap(blob.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):
            return
        if isinstance(index, dict) and index.get("level") == LEVEL and isinstance(index.get("files"), dict):
            self.index = index["files"]

    def get(self, data: bytes) -> bytes | None:
        """The deflated bytes kept for ``data``, or None."""
        if self.out is None:
            return None
        key = hashlib.sha256(data).hexdigest()
        where = self.index.get(key)
        if where is None or where[0] + where[1] > len(self.blob):
            return None
        deflated = self.blob[where[0] : where[0] + where[1]]
        self._keep(key, deflated)
        return deflated

    def add(self, data: bytes, deflated: bytes) -> None:
        if self.out is not None:
            self._keep(hashlib.sha256(data).hexdigest(), deflated)

    def _keep(self, key: str, deflated: bytes) -> None:
        assert self.out is not None
        if key not in self.files:
            self.files[key] = [self.out.tell(), len(deflated)]
            self.out.write(deflated)

    def save(self) -> None:
        """Keep this build's files for the next: the index is written last, so it never describes another build's file."""
        if isinstance(self.blob, mmap.mmap):
            self.blob.close()
        if self.out is None or self.abs_cache is None:
            return
        try:
            self.out.close()
            (self.abs_cache / "index.json").unlink(missing_ok=True)
            os.replace(self.abs_cache / "deflated.bin.new", self.abs_cache / "deflated.bin")
            (self.abs_cache / "index.json.new").write_text(json.dumps({"level": LEVEL, "files": self.files}), encoding="utf-8")
            os.replace(self.abs_cache / "index.json.new", self.abs_cache / "index.json")
        except OSError:
            pass
