"""The Jinja2 environment for our own page templates (not for editors' clause bodies)."""

from __future__ import annotations

import datetime as dt
from functools import cache
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined

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


@cache
def environment() -> Environment:
    """Build the environment once: strict undefined, HTML autoescape, our filters."""
    env = Environment(
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
