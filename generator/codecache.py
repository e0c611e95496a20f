"""Compiled forms of the generator's own code (page templates, schema validators) kept between runs.

Compiling the page templates and the schema validators takes about half a second in every run,
checks and builds alike, whatever changed. The command line (generator/cli.py) names a folder
under build/cache where they are kept, as Python keeps .pyc files: each is found by a key made of
its source and the versions of Python and of the library that compiled it, so a changed template,
schema or library is compiled again. Nothing is kept unless a folder is named (tests, library use).
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from pathlib import Path
from types import CodeType

_folder: Path | None = None
_writes = False


def use(folder: Path | None, writes: bool = True) -> None:
    """Keep compiled code in ``folder`` (None: nowhere); ``writes`` false only reads what is there."""
    global _folder, _writes
    _folder, _writes = folder, writes


def folder() -> Path | None:
    """Where compiled code is kept, or None."""
    return _folder


def writes() -> bool:
    """Whether this run may add to the folder."""
    return _writes


def key(*parts: str) -> str:
    """A file name for compiled code made from ``parts`` and this Python's version."""
    return hashlib.sha256("\0".join((sys.version, *parts)).encode("utf-8")).hexdigest()


def load(name: str) -> tuple[str, CodeType] | None:
    """The (label, code) kept under ``name``, or None when there is none or it cannot be read."""
    if _folder is None:
        return None
    try:
        label, code = marshal.loads((_folder / name).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return (label, code) if isinstance(label, str) and isinstance(code, CodeType) else None


def store(name: str, label: str, code: CodeType) -> None:
    """Keep ``code`` under ``name`` (written whole or not at all; a failure only costs the next run time)."""
    if _folder is None or not _writes:
        return
    try:
        _folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=_folder, delete=False) as handle:
            handle.write(marshal.dumps((label, code)))
        os.replace(handle.name, _folder / name)
    except OSError:
        pass
