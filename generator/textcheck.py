"""Checks on every piece of text authors wrote, wherever it sits: YAML text fields and page bodies.

These catch what would otherwise break a build, or change silently on the way to the page:
Markdown nested too deeply for the converter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from generator.diagnostics import Diagnostic, field_name
from generator.load import LoadedSource

MAX_DEPTH = 20  # lists and quotes inside each other; Python-Markdown recurses once per level
_INDENT = re.compile(r"[ \t]*")
_MARKER = re.compile(r"(?:[-*+]|\d{1,9}[.)])[ \t]+|>[ \t]?")

Path = tuple[object, ...]


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


def _text_problems(text: str) -> Iterator[tuple[int, int, str, str]]:
    """(line in text (0-based), column, rule, message) for each problem in one text."""
    for offset, line in enumerate(text.split("\n")):
        if nesting(line) > MAX_DEPTH:
            yield offset, 1, "M005", f"lists or quotes nest more than {MAX_DEPTH} levels deep; flatten them"
            return


def check_texts(loaded: list[LoadedSource]) -> list[Diagnostic]:
    """Check every text of every loaded file."""
    found: list[Diagnostic] = []
    for item in loaded:
        for path, text in strings(item.doc.data):
            for offset, col, rule, message in _text_problems(text):
                line = item.doc.text_line(path, offset + 1)
                col = col if offset or path in item.doc.block else item.doc.at(path)[1]
                found.append(Diagnostic(item.src_path, line, col, rule, field_name(path), message))
        for offset, col, rule, message in _text_problems(item.body):
            found.append(Diagnostic(item.src_path, item.body_line + offset, col, rule, "body", message))
    return found
