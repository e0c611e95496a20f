"""The Jinja2 environment for our own page templates (not for editors' clause bodies)."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from urllib.parse import quote

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined
from jinja2.bccache import Bucket

from generator import codecache
from generator.render.text import attr, front_matter, inline, number, plain, prose, teaser


def long_date(value: str) -> str:
    """Write an ISO date the British way: 28 November 2026 (or November 2026, or 2026)."""
    parts = value.split("-")
    if len(parts) == 1 or not parts[1].isdigit():
        return value
    month = dt.date(2000, int(parts[1]), 1).strftime("%B")
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


def safe_url(url: str) -> str:
    """Percent-encode the characters that would end a Markdown link early."""
    return quote(url, safe=":/?#@!$&'*+,;=%~-._")


class _KeptTemplates(FileSystemBytecodeCache):
    """Jinja's cache of compiled templates (keyed by each template's source and Jinja's and Python's
    versions) that adds nothing when this run may not write (generator/codecache.py)."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        if codecache.writes():
            super().dump_bytecode(bucket)


def _kept_templates() -> _KeptTemplates | None:
    """Where compiled page templates are kept: in a folder of their own for this file's settings
    (a change to the environment below compiles every template again), or None."""
    if codecache.folder() is None:
        return None
    folder = codecache.folder() / f"templates-{codecache.key(jinja2.__version__, Path(__file__).read_text(encoding='utf-8'))[:16]}"
    if codecache.writes():
        folder.mkdir(parents=True, exist_ok=True)
    return _KeptTemplates(str(folder)) if folder.is_dir() else None


@cache
def environment() -> Environment:
    """Build the environment once: strict undefined, HTML autoescape, our filters."""
    env = Environment(
        bytecode_cache=_kept_templates(),
        loader=PackageLoader("generator", "pagetemplates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(prose=prose, plain=plain, teaser=teaser, inline=inline, attr=attr, number=number, long_date=long_date, safe_url=safe_url)
    env.globals.update(front_matter=front_matter)
    return env


def render_template(name: str, **context: object) -> str:
    """Render one of our page templates."""
    return environment().get_template(name).render(**context)
