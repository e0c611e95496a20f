"""Checks on every piece of text authors wrote, wherever it sits: YAML text fields and page bodies.

These catch what would otherwise break a build, or change silently on the way to the page:
Markdown nested too deeply for the converter, control characters written as YAML escapes (they
make the Atom feed unreadable), bidirectional controls (they make text read differently from
how it looks), text that is blank once spaces and invisible characters are trimmed, numbers that
cannot be shown as written, and ids that cannot be file names.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from generator.contentcheck import fenced_lines
from generator.diagnostics import Diagnostic, field_name
from generator.load import LoadedSource

MAX_DEPTH = 20  # lists and quotes inside each other; Python-Markdown recurses once per level
_INDENT = re.compile(r"[ \t]*")
_MARKER = re.compile(r"(?:[-*+]|\d{1,9}[.)])[ \t]+|>[ \t]?")

Path = tuple[object, ...]
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
BIDI = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u180e]")  # zero-width spaces and joiners that show nothing
_FILLERS = set("\u115f\u1160\u3164\uffa0\u2800\u034f")
DEEP = f"lists or quotes nest more than {MAX_DEPTH} levels deep; flatten them"
_FLAGGED = re.compile("|".join(p.pattern for p in (CONTROL, BIDI, INVISIBLE)))
_MAY_NEST = frozenset(" \t>*+-0123456789")  # a line starting otherwise sits in no list or quote
HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*))?$")
ATTRIBUTES = re.compile(r"\{[:#.][^}]*\}")
LARGEST = 10**15  # beyond this, numbers lose digits on the way to JSON and the page
# Ids that become file names: every folder has an index page, and Windows reserves these names.
RESERVED_ID = re.compile(r"index|con|prn|aux|nul|com[0-9]|lpt[0-9]|conin\$|conout\$|clock\$", re.IGNORECASE)


def nesting(line: str) -> int:
    """How many lists or quotes a line of Markdown sits inside: its indent (4 spaces a level)
    plus the list markers and '>' that open it ("- - > x" is three levels)."""
    indent = _INDENT.match(line).group(0)  # type: ignore[union-attr]
    depth = len(indent.expandtabs(4)) // 4
    position = len(indent)
    while match := _MARKER.match(line, position):
        depth += 1
        position = match.end()
        position += len(_INDENT.match(line, position).group(0))  # type: ignore[union-attr]
    return depth


def strings(data: Any, path: Path = ()) -> Iterator[tuple[Path, str]]:
    """Every string value in loaded YAML data, with its path."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from strings(value, (*path, i))


def is_blank(text: str) -> bool:
    """Whether text holds nothing a reader would see: spaces, no-break spaces, invisible characters."""
    return all(c.isspace() or c in _FILLERS or unicodedata.category(c) in {"Cf", "Cc", "Zs", "Zl", "Zp", "Mn"} for c in text)


def _text_problems(text: str, body: bool = False) -> Iterator[tuple[int, int, str, str, str]]:
    """(line in text (0-based), column, rule, message, severity) for each problem in one text."""
    if text and not body and is_blank(text):
        yield 0, 1, "S008", "is blank: it holds only spaces or invisible characters", "error"
        return
    if "#" not in text and not _FLAGGED.search(text):  # most texts: no heading, nothing flagged, so only nesting to check
        yield from _nesting_problem(text)
    else:
        yield from _line_problems(text, body)


def _nesting_problem(text: str) -> Iterator[tuple[int, int, str, str, str]]:
    """What _line_problems finds in a text without '#' or flagged characters: the first line nested too deeply."""
    for offset, line in enumerate(text.split("\n")):
        if line[:1] in _MAY_NEST and nesting(line) > MAX_DEPTH:
            yield offset, 1, "M005", DEEP, "error"
            return


def _line_problems(text: str, body: bool) -> Iterator[tuple[int, int, str, str, str]]:
    deep = False
    level = 2  # text from YAML sits under a level-2 heading of its page
    lines = text.split("\n")
    for offset, (line, fenced) in enumerate(zip(lines, fenced_lines(lines), strict=True)):
        heading = None if fenced else HEADING.match(line)
        if heading:
            depth = len(heading.group(1))
            if not ATTRIBUTES.sub("", heading.group(2)).strip(" #\t"):
                yield offset, 1, "M003", "a heading needs text", "error"
            elif not body and (depth < 3 or depth > level + 1):
                yield offset, 1, "M003", f"heading level {depth} here would {'not be a heading' if depth < 3 else 'skip a level'}; this text sits under a level-2 heading, so use '### ' (then '#### ')", "error"
            if not body:
                level = depth
        if not deep and nesting(line) > MAX_DEPTH:
            deep = True
            yield offset, 1, "M005", DEEP, "error"
        for pattern, rule, what, severity in (
            (CONTROL, "Y008", "control character", "error"),
            (BIDI, "Y009", "bidirectional control character", "error"),
            (INVISIBLE, "W003", "invisible character", "warning"),
        ):
            found = pattern.search(line)
            if found:
                yield offset, found.start() + 1, rule, f"{what} U+{ord(found.group(0)):04X} is not allowed; delete it", severity


def number_problem(value: object) -> str:
    """Why a number from YAML cannot be shown as written, or ''."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return ""
    if isinstance(value, float) and not math.isfinite(value):
        return "is not a finite number"
    if abs(value) >= LARGEST:
        return f"is too large to show exactly; numbers must be below {LARGEST:,}"
    if isinstance(value, float) and value.is_integer():
        return f"write the whole number {int(value)} without a decimal point"
    return ""


def _numbers(data: Any, path: Path = ()) -> Iterator[tuple[Path, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _numbers(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _numbers(value, (*path, i))
    else:
        problem = number_problem(data)
        if problem:
            yield path, problem


def _ids(item: LoadedSource) -> Iterator[Path]:
    """Paths of the ids in a file that become file or folder names on the site."""
    data = item.doc.data
    kind = item.source.kind
    if kind in {"casestudy", "indicator", "course", "guidance", "stage"}:
        yield ("id",)
    if kind == "course":
        yield from (("modules", i, "id") for i, _ in enumerate(data.get("modules") or []))
    if kind == "taxonomy":
        yield from (("themes", i, "id") for i, _ in enumerate(data.get("themes") or []))


def check_ids(item: LoadedSource) -> Iterator[Diagnostic]:
    """Ids that would collide with an index page or use a name Windows reserves."""
    for path in _ids(item):
        value: Any = item.doc.data
        for part in path:
            value = value.get(part) if isinstance(value, dict) else value[part] if isinstance(value, list) and isinstance(part, int) and part < len(value) else None
        if isinstance(value, str) and RESERVED_ID.fullmatch(value):
            line, col = item.doc.at(path)
            yield Diagnostic(item.src_path, line, col, "S010", field_name(path), f"'{value}' cannot be an id: it is the name of an index page or a name Windows reserves; choose another")


def _replace(data: Any, path: Path, value: str) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def check_texts(loaded: list[LoadedSource]) -> list[Diagnostic]:
    """Check every text, number and id of every loaded file; text written decomposed (NFD, for
    example from a YAML escape) is composed in place, with a warning."""
    found: list[Diagnostic] = []
    for item in loaded:
        for path, text in list(strings(item.doc.data)):
            if not unicodedata.is_normalized("NFC", text):
                _replace(item.doc.data, path, unicodedata.normalize("NFC", text))
                line, col = item.doc.at(path)
                found.append(Diagnostic(item.src_path, line, col, "W002", field_name(path), "text is in decomposed form (an accent written as a separate character); it was composed (NFC)", "warning"))
            for offset, col, rule, message, severity in _text_problems(text):
                line = item.doc.text_line(path, offset + 1)
                col = col if offset or path in item.doc.block else item.doc.at(path)[1]
                found.append(Diagnostic(item.src_path, line, col, rule, field_name(path), message, severity))
        for offset, col, rule, message, severity in _text_problems(item.body, body=True):
            found.append(Diagnostic(item.src_path, item.body_line + offset, col, rule, "body", message, severity))
        for path, problem in _numbers(item.doc.data):
            line, col = item.doc.at(path)
            found.append(Diagnostic(item.src_path, line, col, "S009", field_name(path), problem))
        found += check_ids(item)
    return found
