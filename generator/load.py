"""Read every source file into located data, collecting problems instead of stopping."""

from __future__ import annotations

import gc
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from generator.diagnostics import Diagnostic
from generator.discover import SourceFile
from generator.yamlread import Located, read_yaml

MAX_BYTES = 1_000_000


@dataclass
class LoadedSource:
    """A source file's parsed data (and Markdown body, for pages)."""

    source: SourceFile
    doc: Located
    body: str = ""
    body_line: int = 1

    @property
    def src_path(self) -> str:
        return self.source.src_path


def read_text(source: SourceFile) -> tuple[str | None, list[Diagnostic]]:
    """Read a file as UTF-8 text, refusing oversized or undecodable files before parsing."""
    size = source.abs_path.stat().st_size
    if size > MAX_BYTES:
        return None, [Diagnostic(source.src_path, 1, 1, "Y005", "", f"file is {size:,} bytes; the limit is {MAX_BYTES:,} bytes")]
    raw = source.abs_path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        return None, [Diagnostic(source.src_path, line, 1, "Y001", "", "file is not valid UTF-8 text; save it as UTF-8")]
    return normalise_text(text, source.src_path)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def _line_col(text: str, index: int) -> tuple[int, int]:
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


def normalise_text(text: str, src_path: str) -> tuple[str | None, list[Diagnostic]]:
    """The file's text as the parsers need it: without a byte-order mark, with Unix line endings
    (Windows and old Mac files are read the same), composed (NFC, with a warning), and refused
    with the line and column of any control character (removed, so the rest is still checked)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    problems = [
        Diagnostic(src_path, *_line_col(text, m.start()), "Y008", "", f"control character U+{ord(m.group(0)):04X} is not allowed; delete it") for m in _CONTROL.finditer(text)
    ][:5]
    text = _CONTROL.sub("", text)  # reported above; removed so that the rest of the file is still checked
    if not unicodedata.is_normalized("NFC", text):
        first = next(i for i, line in enumerate(text.split("\n")) if not unicodedata.is_normalized("NFC", line))
        line = text.split("\n")[first]
        col = next((j + 1 for j in range(len(line)) if unicodedata.normalize("NFC", line[: j + 1]) != line[: j + 1] or unicodedata.combining(line[j])), 1)
        warning = Diagnostic(src_path, first + 1, col, "W002", "", "text is in decomposed form (for example an accent typed as a separate character); it was composed (NFC): save the file that way", "warning")
        return unicodedata.normalize("NFC", text), [*problems, warning]
    return text, problems


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """Split ``---`` front matter from a Markdown body; return (yaml, body, body's first line)."""
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---\n", 3)
    if end < 0:
        return None
    yaml_text = text[4 : end + 1]
    body = text[end + 5 :]
    return yaml_text, body, yaml_text.count("\n") + 3


def load_source(source: SourceFile) -> tuple[LoadedSource | None, list[Diagnostic]]:
    """Load one file: YAML files whole, Markdown files by their front matter."""
    text, warnings = read_text(source)
    if text is None:
        return None, warnings
    if source.src_path.endswith(".md"):
        parts = split_front_matter(text)
        if parts is None:
            return None, [Diagnostic(source.src_path, 1, 1, "Y006", "", "a page starts with front matter between two '---' lines")]
        yaml_text, body, body_line = parts
        doc, problems = read_yaml(yaml_text, source.src_path, line_offset=1)
        return (LoadedSource(source, doc, body, body_line) if doc else None), warnings + problems
    doc, problems = read_yaml(text, source.src_path)
    return (LoadedSource(source, doc) if doc else None), warnings + problems


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Parsing makes millions of small containers and no reference cycles, yet Python's cycle
    collector would rescan the growing heap again and again (a third of the loading time of a
    large corpus); pause it while loading, then restore it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# What a live preview remembers between runs: each file's (mtime_ns, size) and what loading it gave.
LoadMemo = dict[str, tuple[tuple[int, int], LoadedSource | None, list[Diagnostic]]]


def load_sources(sources: list[SourceFile], memo: LoadMemo | None = None) -> tuple[list[LoadedSource], list[Diagnostic]]:
    """Load every file; a broken file becomes diagnostics and the rest are still read.

    With ``memo`` (the live preview), a file whose modification time and size are unchanged since
    the last run is not read again.
    """
    loaded: list[LoadedSource] = []
    diagnostics: list[Diagnostic] = []
    with cycle_collector_paused():
        for source in sources:
            item, problems = load_source(source) if memo is None else _load_remembered(source, memo)
            diagnostics.extend(problems)
            if item is not None:
                loaded.append(item)
    return loaded, diagnostics


def _load_remembered(source: SourceFile, memo: LoadMemo) -> tuple[LoadedSource | None, list[Diagnostic]]:
    stat = source.abs_path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    known = memo.get(source.src_path)
    if known is not None and known[0] == stamp:
        return known[1], known[2]
    item, problems = load_source(source)
    memo[source.src_path] = (stamp, item, problems)
    return item, problems
