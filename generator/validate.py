"""Check each loaded file against the JSON Schema of its kind, in plain English."""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import json
import re
from collections.abc import Callable, Iterator
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import fastjsonschema
from fastjsonschema.ref_resolver import RefResolver

from generator import codecache
from generator.diagnostics import Diagnostic, field_name
from generator.discover import KINDS
from generator.load import LoadedSource

SCHEMA_DIR = Path(__file__).parent / "schemas"
_SPACE = re.compile(r"\s")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_PARTIAL_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_TYPE_NAMES = {"string": "text", "integer": "a whole number", "number": "a number", "array": "a list", "object": "a mapping of fields", "boolean": "true or false", "null": "nothing"}

if TYPE_CHECKING:
    import jsonschema


def is_date(value: object) -> bool:
    """Accept only real calendar dates written YYYY-MM-DD."""
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_partial_date(value: object) -> bool:
    """Accept YYYY, YYYY-MM or a full date."""
    if value == "undated":
        return True
    if not isinstance(value, str) or not _PARTIAL_DATE.fullmatch(value):
        return False
    return is_date((value + "-01-01")[:10]) if len(value) < 10 else is_date(value)


def is_web_address(value: object) -> bool:
    """Accept absolute http(s) addresses with a host and no spaces."""
    if not isinstance(value, str) or _SPACE.search(value):
        return False
    parts = urlsplit(value)
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


@cache
def format_checker() -> jsonschema.FormatChecker:
    """jsonschema's checker for our formats. jsonschema (a tenth of a second to import) is imported
    only when a file fails the quick check below, or a profile is read, not on every run."""
    import jsonschema

    checker = jsonschema.FormatChecker(formats=())
    for name, check in {"date": is_date, "partial-date": is_partial_date, "uri": is_web_address}.items():
        checker.checks(name)(check)
    return checker


def __getattr__(name: str) -> Any:
    if name == "FORMATS":  # the checker under its old name (generator/profile.py)
        return format_checker()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@cache
def load_schema(name: str) -> dict[str, Any]:
    """Read a schema file from the generator's schema folder."""
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


def end_anchored(schema: Any) -> Any:
    """The schema with each pattern's final '$' written as '\\Z'.

    jsonschema matches patterns with re.search, where '$' also matches before a final newline, so
    an id of "zz-new\\n" passed; fastjsonschema already reads '$' as the very end."""
    if isinstance(schema, dict):
        return {k: (v[:-1] + "\\Z" if k == "pattern" and isinstance(v, str) and v.endswith("$") and not v.endswith("\\$") else end_anchored(v)) for k, v in schema.items()}
    if isinstance(schema, list):
        return [end_anchored(v) for v in schema]
    return schema


@cache
def _validator(kind: str) -> jsonschema.Draft202012Validator:
    schema = end_anchored(load_schema(next(k.schema for k in KINDS if k.name == kind)))
    import jsonschema

    return jsonschema.Draft202012Validator(schema, format_checker=format_checker())


@cache
def _quick_check(kind: str) -> Callable[[Any], Any]:
    """A compiled validator for the common case, a valid file; jsonschema explains any failure.

    The schemas use only keywords that draft 7 shares with 2020-12, so fastjsonschema (which
    compiles a schema to Python) accepts exactly what jsonschema accepts; tests check this on
    every real file and every invalid example. Defaults are not filled in: data is not changed.
    The compiled code is kept between runs (generator/codecache.py), keyed by the schema.
    """
    schema = load_schema(next(k.schema for k in KINDS if k.name == kind))
    formats = {"date": is_date, "partial-date": is_partial_date, "uri": is_web_address}
    name = codecache.key("fastjsonschema", fastjsonschema.VERSION, json.dumps(schema, sort_keys=True), *sorted(formats))
    kept = codecache.load(name)
    if kept is None:
        source = fastjsonschema.compile_to_code(copy.deepcopy(schema), formats=formats, use_default=False)  # it rewrites the $refs it reads
        kept = RefResolver.from_schema(copy.deepcopy(schema), handlers={}, store={}).get_scope_name(), compile(source, f"<{kind} schema>", "exec")
        codecache.store(name, *kept)
    namespace: dict[str, Any] = {}
    exec(kept[1], namespace)  # noqa: S102 - code fastjsonschema generated from our own schema
    return partial(namespace[kept[0]], custom_formats=formats)


def prepare(kinds: set[str]) -> None:
    """Compile these kinds' quick checks now, so that workers forked next share them."""
    for kind in sorted(kinds):
        if any(k.name == kind for k in KINDS):
            _quick_check(kind)


def is_valid(kind: str, data: Any) -> bool:
    """Whether data satisfies its kind's schema: the quick check first, jsonschema when it fails."""
    try:
        _quick_check(kind)(data)
    except fastjsonschema.JsonSchemaException:
        return _validator(kind).is_valid(data)
    return True


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    if isinstance(value, (dict, list)):
        return _TYPE_NAMES["object" if isinstance(value, dict) else "array"]
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _suggest(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _type_message(error: jsonschema.ValidationError, raw: str | None) -> str:
    wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
    names = " or ".join(_TYPE_NAMES.get(t, t) for t in wanted)
    message = f"expected {names}, got {_describe(error.instance)}"
    if "string" in wanted and raw is not None:
        message += f"; put it in quotes to keep the text exactly: \"{raw}\""
    elif "array" in wanted and isinstance(error.instance, str):
        message += "; write a list, for example [first, second]"
    return message


def _message(error: jsonschema.ValidationError, raw: str | None) -> str:
    v, value, inst = error.validator, error.validator_value, error.instance
    custom = error.schema.get("x-error") if isinstance(error.schema, dict) else None
    if custom and v in {"pattern", "format"}:
        return f"{_describe(inst)} {custom}"
    if v == "type":
        return _type_message(error, raw)
    if v == "enum":
        return f"{_describe(inst)} is not allowed; use one of: {', '.join(map(str, value))}{_suggest(str(inst), [str(x) for x in value])}"
    if v == "minLength":
        return "must not be empty" if not inst else f"is too short: {len(inst)} characters, at least {value} needed"
    if v == "maxLength":
        return f"is too long: {len(inst):,} characters, the limit is {value:,}"
    if v == "format":
        hint = {"date": "a real date written YYYY-MM-DD, in quotes", "partial-date": "YYYY, YYYY-MM, YYYY-MM-DD or undated, in quotes", "uri": "a full web address starting https://"}
        return f"{_describe(inst)} is not {hint.get(value, value)}"
    if v == "pattern":
        shown = value[:-2] + "$" if value.endswith("\\Z") else value
        if shown == "^[a-z0-9]+(-[a-z0-9]+)*$":
            return f"{_describe(inst)} is not a valid id: use lower-case letters, digits and single hyphens"
        return f"{_describe(inst)} does not have the required form ({shown})"
    if v in {"minimum", "maximum"}:
        return f"{_describe(inst)} must be {'at least' if v == 'minimum' else 'at most'} {value}"
    if v == "minItems":
        return f"needs at least {value} item(s)"
    if v == "maxItems":
        return f"has {len(inst)} items; the limit is {value}"
    if v == "uniqueItems":
        return "lists the same item twice"
    return error.message


def _diagnostics(item: LoadedSource, error: jsonschema.ValidationError) -> list[Diagnostic]:
    doc, path = item.doc, tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = list(error.schema.get("properties", {}))
        out = []
        for key in sorted(set(error.instance) - set(known)):
            line, col = doc.key_positions.get(path + (key,), doc.at(path))
            out.append(Diagnostic(item.src_path, line, col, "S003", field_name(path + (key,)), f"unknown field '{key}'{_suggest(key, known)}"))
        return out
    if error.validator == "required":
        missing = [k for k in error.validator_value if k not in error.instance]
        line, col = doc.key_positions.get(path, doc.at(path))
        return [Diagnostic(item.src_path, line, col, "S002", field_name(path + (k,)), f"required field '{k}' is missing") for k in missing]
    line, col = doc.at(path)
    rule = {"type": "S001", "enum": "S004", "format": "S006", "pattern": "S007"}.get(error.validator, "S005")
    return [Diagnostic(item.src_path, line, col, rule, field_name(path), _message(error, doc.raw.get(path)))]


def validate(loaded: list[LoadedSource]) -> tuple[list[LoadedSource], list[Diagnostic]]:
    """Check every loaded file against its kind's schema; return the valid files and every problem."""
    diagnostics: list[Diagnostic] = []
    valid: list[LoadedSource] = []
    for item in loaded:
        if is_valid(item.source.kind, item.doc.data):
            valid.append(item)
            continue
        for error in _validator(item.source.kind).iter_errors(item.doc.data):
            diagnostics.extend(_diagnostics(item, error))
    return valid, sorted(set(diagnostics))


def _strings(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, path + (i,))
    elif isinstance(data, str):
        yield path, data


def find_placeholders(loaded: list[LoadedSource]) -> list[Diagnostic]:
    """Warn about scaffold text (REPLACE) left in a file."""
    found = []
    for item in loaded:
        if "REPLACE" not in item.body and "REPLACE" not in str(item.doc.data):
            continue
        places = [(item.doc.at(path), field_name(path)) for path, text in _strings(item.doc.data) if "REPLACE" in text]
        if "REPLACE" in item.body:  # a page's Markdown body
            places.append(((item.body_line, 1), "body"))
        if places:
            (line, col), name = places[0]
            found.append(Diagnostic(item.src_path, line, col, "W001", name, "scaffold text 'REPLACE' is still here", "warning"))
    return found
