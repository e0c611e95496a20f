"""Read one YAML text into plain data, keeping the line and column of every value.

PyYAML resolves scalars by YAML 1.1, where ``no`` becomes False, ``010`` becomes 8 and
``2024-02-30`` raises without a line. We build the data from the parser's events instead,
with our own small set of rules: only ``true``/``false``, ``null``/``~``, decimal integers
and plain decimals are typed; every other plain scalar stays exactly the text written.
Explicit tags other than the standard ``!!str``/``!!map``/``!!seq`` and aliases are
refused, so nothing is ever constructed or expanded from a tag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.diagnostics import Diagnostic, field_name

MAX_DEPTH = 40
# libyaml's parser when PyYAML has it (it is much faster); the events and marks are the same.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Path = tuple[Any, ...]

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_ALLOWED_TAGS = {None, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


@dataclass
class Located:
    """Plain data with a position for every value, key and raw scalar text."""

    data: Any
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    raw: dict[Path, str] = field(default_factory=dict)
    block: set[Path] = field(default_factory=set)

    def text_line(self, path: Path, line_in_text: int) -> int:
        """File line of a line inside a text value (block scalars start on the next line)."""
        return self.at(path)[0] + line_in_text - (0 if path in self.block else 1)

    def at(self, path: Path) -> tuple[int, int]:
        """Return the position of ``path``, or of its nearest located parent."""
        path = tuple(path)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))


class _Problem(Exception):
    def __init__(self, mark: Any, rule: str, message: str, path: Path = ()):
        super().__init__(message)
        self.mark, self.rule, self.message, self.path = mark, rule, message, path


def _pos(mark: Any, line_offset: int = 0) -> tuple[int, int]:
    return (mark.line + 1 + line_offset, mark.column + 1)


def resolve_plain(text: str) -> Any:
    """Type a plain (unquoted) scalar by our restricted rules."""
    if text in _NULL:
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.fullmatch(text):
        return int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return text


class _Builder:
    """Turn an event stream into data, tracking positions; iterative, so depth is cheap."""

    def __init__(self, line_offset: int):
        self.off = line_offset
        self.doc = Located(None)
        self.stack: list[list[Any]] = []  # [container, path, pending_key, seen_keys]

    def pos(self, mark: Any) -> tuple[int, int]:
        return _pos(mark, self.off)

    def check_tag(self, event: Any) -> None:
        if event.tag not in _ALLOWED_TAGS:
            raise _Problem(event.start_mark, "Y003", f"unsupported tag '{event.tag}': tags are not allowed in content files")
        if getattr(event, "anchor", None):
            raise _Problem(event.start_mark, "Y007", "anchors and aliases (&name, *name) are not supported; write the value out")

    def child_path(self, mark: Any) -> Path | None:
        """Path of the value about to be added; None when it is a mapping key."""
        if not self.stack:
            return ()
        container, path, pending, seen = self.stack[-1]
        if isinstance(container, list):
            return path + (len(container),)
        if pending is None:
            return None
        return path + (pending[0],)

    def add(self, value: Any, mark: Any, raw: str | None = None, is_scalar: bool = True) -> None:
        target = self.child_path(mark)
        if target is None:  # a key
            if not is_scalar:
                raise _Problem(mark, "Y001", "a mapping key must be plain text")
            key = str(raw)
            _, path, _, seen = self.stack[-1]
            if key in seen:
                first = seen[key]
                raise _Problem(mark, "Y002", f"duplicate key '{key}': also defined on line {first[0]}; remove one of them", path + (key,))
            seen[key] = self.pos(mark)
            self.doc.key_positions[path + (key,)] = self.pos(mark)
            self.stack[-1][2] = (key,)
            return
        self.doc.positions[target] = self.pos(mark)
        if raw is not None:
            self.doc.raw[target] = raw
        if not self.stack:
            self.doc.data = value
            return
        container, path, pending, _ = self.stack[-1]
        if isinstance(container, list):
            container.append(value)
        else:
            container[pending[0]] = value
            self.stack[-1][2] = None

    def scalar(self, event: Any) -> None:
        self.check_tag(event)
        text = event.value
        if event.style in ("|", ">"):
            target = self.child_path(event.start_mark)
            if target is not None:
                self.doc.block.add(target)
        if not event.style and event.tag is None:
            self.add(resolve_plain(text), event.start_mark, raw=text)
        else:
            self.add(text, event.start_mark, raw=text)

    def start(self, event: Any, container: Any) -> None:
        self.check_tag(event)
        if len(self.stack) >= MAX_DEPTH:
            raise _Problem(event.start_mark, "Y004", f"nesting is deeper than {MAX_DEPTH} levels")
        target = self.child_path(event.start_mark)
        if target is None:
            raise _Problem(event.start_mark, "Y001", "a mapping key must be plain text")
        self.add(container, event.start_mark, is_scalar=False)
        self.stack.append([container, target, None, {}])

    def end(self) -> None:
        self.stack.pop()


def read_yaml(text: str, src_path: str, line_offset: int = 0) -> tuple[Located | None, list[Diagnostic]]:
    """Parse ``text`` as exactly one YAML mapping; return it located, or diagnostics."""
    builder = _Builder(line_offset)
    documents = 0
    try:
        for event in yaml.parse(text, Loader=LOADER):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise _Problem(event.start_mark, "Y006", "found a second document ('---'); a file holds exactly one mapping")
            elif isinstance(event, yaml.ScalarEvent):
                builder.scalar(event)
            elif isinstance(event, yaml.MappingStartEvent):
                builder.start(event, {})
            elif isinstance(event, yaml.SequenceStartEvent):
                builder.start(event, [])
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                builder.end()
            elif isinstance(event, yaml.AliasEvent):
                raise _Problem(event.start_mark, "Y007", "anchors and aliases (&name, *name) are not supported; write the value out")
    except _Problem as p:
        line, col = _pos(p.mark, line_offset)
        return None, [Diagnostic(src_path, line, col, p.rule, field_name(p.path), p.message)]
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        if e.context_mark and ("flow" in str(e.context) or "quoted" in str(e.context)):
            mark = e.context_mark  # point at the unclosed bracket or quote, not where parsing gave up
        line, col = _pos(mark, line_offset) if mark else (1 + line_offset, 1)
        if "nesting depth" in str(e.problem):
            return None, [Diagnostic(src_path, line, col, "Y004", "", f"nesting is deeper than {MAX_DEPTH} levels")]
        detail = "; ".join(x for x in (e.context, e.problem) if x)
        return None, [Diagnostic(src_path, line, col, "Y001", "", f"YAML syntax error: {detail} (check quotes, brackets and indentation)")]
    except yaml.YAMLError as e:  # reader errors such as control characters
        return None, [Diagnostic(src_path, 1 + line_offset, 1, "Y001", "", f"YAML could not be read: {e}")]
    doc = builder.doc
    if not isinstance(doc.data, dict):
        kind = {type(None): "nothing", list: "a list"}.get(type(doc.data), "a single value")
        return None, [Diagnostic(src_path, 1 + line_offset, 1, "Y006", "", f"expected one mapping of fields (key: value), found {kind}")]
    return doc, []
