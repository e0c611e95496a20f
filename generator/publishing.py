"""Who publishes this copy and where: the site's address and the publisher, from configuration.

- The address is `site_url` in `mkdocs.yml`, overridden by the environment variable
  `SVKB_SITE_URL`; with it MkDocs writes canonical links and a sitemap of every page.
- The publisher is `extra.publisher` in `mkdocs.yml` (`name`, `contact_url`, optional `email`);
  every page footer names it and links to it to report a problem.
When either is missing the build says so once, as a warning, and the site still builds: citations
then fall back to the page's path (generator/assets/links.js), never a `file://` address.
"""

from __future__ import annotations

import copy
import html
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.diagnostics import WARNING, Diagnostic

ENV_SITE_URL = "SVKB_SITE_URL"
DEFAULT_PUBLISHER = "Social Value Knowledge Base"
LICENCE = "Text under the Open Government Licence v3.0 unless marked otherwise; code under the MIT licence. Not legal advice."


def _config(abs_config: Path) -> dict[str, Any]:
    """mkdocs.yml as data; nothing when it cannot be read, for MkDocs then reports the problem itself."""
    try:
        text = abs_config.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    return copy.deepcopy(_parsed(text))  # a build asks several times: the YAML is parsed once


@lru_cache(maxsize=8)
def _parsed(text: str) -> dict[str, Any]:
    import yaml

    class _Loader(yaml.SafeLoader):  # MkDocs configs may carry !!python/name and !ENV tags: read past them
        pass

    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        data = yaml.load(text, Loader=_Loader) or {}  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def site_url(abs_config: Path) -> str:
    """The configured address of the site ('' when none), the environment variable first."""
    url = os.environ.get(ENV_SITE_URL) or str(_config(abs_config).get("site_url") or "")
    return url.rstrip("/") + "/" if url else ""


def publisher(abs_config: Path) -> dict[str, str]:
    """The publisher of this copy: name, contact_url and email ('' when not given)."""
    extra = _config(abs_config).get("extra") or {}
    given = extra.get("publisher") if isinstance(extra, dict) else None
    given = given if isinstance(given, dict) else {}
    return {"name": str(given.get("name") or DEFAULT_PUBLISHER), "contact_url": str(given.get("contact_url") or ""), "email": str(given.get("email") or "")}


def footer(who: dict[str, str]) -> str:
    """The footer line: the publisher, how to report a problem, and the licences (HTML)."""
    name = html.escape(who["name"], quote=True)
    if who["contact_url"]:
        contact = f'<a href="{html.escape(who["contact_url"], quote=True)}">Report a problem or give feedback to {name}</a>.'
    elif who["email"]:
        contact = f'Report a problem: <a href="mailto:{html.escape(who["email"], quote=True)}">{html.escape(who["email"])}</a>.'
    else:
        contact = "The publisher of this copy has not given a contact address for reporting problems."
    return f"Published by {name}. {contact} {LICENCE}"


def site_overrides(abs_config: Path) -> dict[str, Any]:
    """MkDocs settings that come from the publishing configuration."""
    overrides: dict[str, Any] = {"copyright": footer(publisher(abs_config))}
    url = site_url(abs_config)
    if url:
        overrides["site_url"] = url
    return overrides


def publishing_diagnostics(abs_config: Path) -> list[Diagnostic]:
    """Warn, once per build, about what this copy does not say about itself."""
    found: list[Diagnostic] = []
    if not site_url(abs_config):
        found.append(Diagnostic("mkdocs.yml", 1, 1, "P001", "site_url", f"not set (nor ${ENV_SITE_URL}): no canonical links or sitemap addresses; citations give the page's path", WARNING))
    if not (publisher(abs_config)["contact_url"] or publisher(abs_config)["email"]):
        found.append(Diagnostic("mkdocs.yml", 1, 1, "P002", "extra.publisher.contact_url", "not set: pages say the publisher of this copy has not given a contact address", WARNING))
    return found
