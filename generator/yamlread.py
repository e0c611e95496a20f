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
class Positions:
    """Where every value, key and raw scalar text of a file is."""

    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    raw: dict[Path, str] = field(default_factory=dict)
    block: set[Path] = field(default_factory=set)


class Located:
    """Plain data with a position for every value, key and raw scalar text.

    Positions are needed only to report a problem, so a file read by the fast path keeps its
    text and works them out (by reading it again, with positions) the first time one is asked for.
    """

    def __init__(self, data: Any, text: str | None = None, line_offset: int = 0, positions: Positions | None = None):
        self.data = data
        self._text, self._line_offset = text, line_offset
        self._positions = positions

    def _index(self) -> Positions:
        if self._positions is None:
            builder = _Builder(self._line_offset)
            if self._text is not None:
                try:
                    _feed(builder, self._text)
                except (_Problem, yaml.YAMLError):  # cannot happen: the fast path read the same text
                    pass
            self._positions = builder.found
        return self._positions

    @property
    def positions(self) -> dict[Path, tuple[int, int]]:
        return self._index().values

    @property
    def key_positions(self) -> dict[Path, tuple[int, int]]:
        return self._index().keys

    @property
    def raw(self) -> dict[Path, str]:
        return self._index().raw

    @property
    def block(self) -> set[Path]:
        return self._index().block

    def text_line(self, path: Path, line_in_text: int) -> int:
        """File line of a line inside a text value (block scalars start on the next line)."""
        return self.at(path)[0] + line_in_text - (0 if path in self.block else 1)

    def at(self, path: Path) -> tuple[int, int]:
        """Return the position of ``path``, or of its nearest located parent."""
        path = tuple(path)
        positions = self.positions
        while path:
            if path in positions:
                return positions[path]
            path = path[:-1]
        return positions.get((), (1, 1))


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
        try:
            return int(text)
        except ValueError:  # more digits than Python converts (4,300): keep the text, the schema will say what is wrong
            return text
    if _FLOAT.fullmatch(text):
        return float(text)
    return text


class _Builder:
    """Turn an event stream into data, tracking positions; iterative, so depth is cheap.

    This is the hot loop of loading a large corpus, so it works on frames directly:
    each frame is [container, path, pending key (None when a key comes next), keys seen].
    """

    def __init__(self, line_offset: int):
        self.line1 = line_offset + 1
        self.data: Any = None
        self.found = Positions()
        self.stack: list[list[Any]] = []

    def check_tag(self, event: Any) -> None:
        if event.tag not in _ALLOWED_TAGS:
            raise _Problem(event.start_mark, "Y003", f"unsupported tag '{event.tag}': tags are not allowed in content files")
        if event.anchor:
            raise _Problem(event.start_mark, "Y007", "anchors and aliases (&name, *name) are not supported; write the value out")

    def place(self, value: Any, mark: Any) -> Path:
        """Put a value (not a key) into the open container; return its path."""
        if not self.stack:
            self.data = value
            return ()
        frame = self.stack[-1]
        container = frame[0]
        if type(container) is list:
            container.append(value)
            return frame[1] + (len(container) - 1,)
        key = frame[2]
        container[key] = value
        frame[2] = None
        return frame[1] + (key,)

    def scalar(self, event: Any) -> None:
        self.check_tag(event)
        text, mark = event.value, event.start_mark
        pos = (mark.line + self.line1, mark.column + 1)
        frame = self.stack[-1] if self.stack else None
        if frame is not None and frame[2] is None and type(frame[0]) is dict:  # a key
            key, seen = str(text), frame[3]
            if key in seen:
                raise _Problem(mark, "Y002", f"duplicate key '{key}': also defined on line {seen[key][0]}; remove one of them", frame[1] + (key,))
            seen[key] = pos
            self.found.keys[frame[1] + (key,)] = pos
            frame[2] = key
            return
        target = self.place(resolve_plain(text) if not event.style and event.tag is None else text, mark)
        if event.style in ("|", ">"):
            self.found.block.add(target)
        self.found.values[target] = pos
        self.found.raw[target] = text

    def start(self, event: Any, container: Any) -> None:
        self.check_tag(event)
        if len(self.stack) >= MAX_DEPTH:
            raise _Problem(event.start_mark, "Y004", f"nesting is deeper than {MAX_DEPTH} levels")
        if self.stack and self.stack[-1][2] is None and type(self.stack[-1][0]) is dict:
            raise _Problem(event.start_mark, "Y001", "a mapping key must be plain text")
        mark = event.start_mark
        target = self.place(container, mark)
        self.found.values[target] = (mark.line + self.line1, mark.column + 1)
        self.stack.append([container, target, None, {}])

    def end(self) -> None:
        self.stack.pop()


class _FastBuilder:
    """The same data as _Builder, without positions: the common case of a file that is fine.

    Any problem at all stops it; the file is then read again by _Builder, which says what and where.
    """

    def __init__(self, line_offset: int = 0):
        self.data: Any = None
        self.stack: list[list[Any]] = []  # [container, pending key (None when a key comes next)]

    def check_tag(self, event: Any) -> None:
        if event.tag not in _ALLOWED_TAGS or event.anchor:
            raise _Problem(event.start_mark, "", "")

    def place(self, value: Any) -> None:
        if not self.stack:
            self.data = value
            return
        frame = self.stack[-1]
        container = frame[0]
        if type(container) is list:
            container.append(value)
        else:
            container[frame[1]] = value
            frame[1] = None

    def scalar(self, event: Any) -> None:
        self.check_tag(event)
        frame = self.stack[-1] if self.stack else None
        if frame is not None and frame[1] is None and type(frame[0]) is dict:  # a key
            key = str(event.value)
            if key in frame[0]:
                raise _Problem(event.start_mark, "", "")
            frame[1] = key
            return
        self.place(resolve_plain(event.value) if not event.style and event.tag is None else event.value)

    def start(self, event: Any, container: Any) -> None:
        self.check_tag(event)
        if len(self.stack) >= MAX_DEPTH or (self.stack and self.stack[-1][1] is None and type(self.stack[-1][0]) is dict):
            raise _Problem(event.start_mark, "", "")
        self.place(container)
        self.stack.append([container, None])

    def end(self) -> None:
        self.stack.pop()


_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _feed(builder: _Builder | _FastBuilder, text: str) -> None:
    """Run the parser's events through a builder; raises _Problem or PyYAML's errors."""
    documents = 0
    for event in yaml.parse(text, Loader=LOADER):
        kind = type(event)
        if kind is yaml.ScalarEvent:
            builder.scalar(event)
        elif kind in _ENDS:
            builder.end()
        elif kind is yaml.MappingStartEvent:
            builder.start(event, {})
        elif kind is yaml.SequenceStartEvent:
            builder.start(event, [])
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _Problem(event.start_mark, "Y006", "found a second document ('---'); a file holds exactly one mapping")
        elif kind is yaml.AliasEvent:
            raise _Problem(event.start_mark, "Y007", "anchors and aliases (&name, *name) are not supported; write the value out")


def read_yaml(text: str, src_path: str, line_offset: int = 0) -> tuple[Located | None, list[Diagnostic]]:
    """Parse ``text`` as exactly one YAML mapping; return it located, or diagnostics."""
    fast = _FastBuilder()
    try:
        _feed(fast, text)
        if isinstance(fast.data, dict):
            return Located(fast.data, text, line_offset), []
    except (_Problem, yaml.YAMLError):
        pass
    builder = _Builder(line_offset)
    try:
        _feed(builder, text)
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
    if not isinstance(builder.data, dict):
        kind = {type(None): "nothing", list: "a list"}.get(type(builder.data), "a single value")
        return None, [Diagnostic(src_path, 1 + line_offset, 1, "Y006", "", f"expected one mapping of fields (key: value), found {kind}")]
    return Located(builder.data, positions=builder.found), []
