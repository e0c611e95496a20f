"""Build the generated docs tree into HTML with MkDocs and Material, in strict mode."""

from __future__ import annotations

import logging
import os
import re
import subprocess
from pathlib import Path
from typing import Any

from generator import outfiles
from generator.diagnostics import Diagnostic
from generator.pagebuild import build
from generator.publishing import site_overrides
from generator.sanitise import ensure_sanitised

FALLBACK_EPOCH = 1735689600  # 2025-01-01, used when the project is not a git checkout
HOOKS = [str(Path(__file__).with_name(name)) for name in ("searchhooks.py", "themehooks.py")]  # MkDocs hooks: search; theme overrides


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def source_date_epoch(abs_root: Path) -> str:
    """The build time recorded in outputs: $SOURCE_DATE_EPOCH, else the last commit's time."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(["git", "-C", str(abs_root), "log", "-1", "--format=%ct"], capture_output=True, text=True, check=True)
        return out.stdout.strip() or str(FALLBACK_EPOCH)
    except (OSError, subprocess.CalledProcessError):
        return str(FALLBACK_EPOCH)


LATEST_EPOCH = 4102444799  # 31 December 2099: zip and office dates stop at 2107


def epoch_problem() -> str:
    """Why $SOURCE_DATE_EPOCH cannot be used, or '' when it is unset, empty or valid."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not value:
        return ""
    if not value.isascii() or not value.isdigit() or int(value) > LATEST_EPOCH:
        return f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970 from 0 to {LATEST_EPOCH} (31 December 2099); got {value[:40]!r}"
    return ""


def build_site(abs_config: Path, abs_docs: Path, abs_site: Path, nav: list[Any] | None = None, abs_audit_cache: Path | None = None,
               abs_previous: Path | None = None) -> list[Diagnostic]:
    """Run MkDocs on ``abs_docs`` into ``abs_site`` (its page loops on every core: generator/pagebuild.py);
    return its warnings as diagnostics. With ``abs_audit_cache``, pages are parsed for the site
    audit as they are written (see ParseCache). Files are written as new files, linked to the
    docs tree's (static files) or to ``abs_previous``'s (the site this one will replace) where
    they hold the same bytes (generator/outfiles.py)."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    for noisy in logger.handlers:
        if noisy is not handler:
            noisy.setLevel(logging.CRITICAL)
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(abs_config.parent)  # MkDocs reads it for sitemap dates
    problems: list[str] = []
    try:
        overrides: dict[str, Any] = {"docs_dir": str(abs_docs), "site_dir": str(abs_site), "strict": True, "hooks": HOOKS}
        overrides.update(site_overrides(abs_config))
        if nav is not None:
            overrides["nav"] = nav
        config = load_config(str(abs_config), **overrides)
        ensure_sanitised(config)  # every page's HTML passes the allowlist sanitiser (generator/sanitise.py)
        trees = {abs_site: abs_previous} if abs_previous is not None else {}
        with outfiles.linking(trees, sources=(abs_docs,)), outfiles.mkdocs_writes():
            build(config, abs_audit_cache)
    except MkDocsException as e:
        problems.append(str(e))
    finally:
        logger.removeHandler(handler)
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
    messages = handler.messages + (problems if problems and not handler.messages else [])
    return [_diagnostic(m) for m in messages]


OFFLINE_SHIM = "assets/svkb/iframe-worker-shim.js"


def _diagnostic(message: str) -> Diagnostic:
    """Point a MkDocs warning at the generated page it names, or at mkdocs.yml."""
    named = re.search(r"Doc file '([^']+)'", message)
    path = f"(generated) {named.group(1)}" if named else "mkdocs.yml"
    return Diagnostic(path, 1, 1, "M001", "", message.replace("\n", " "))
