"""Write the generated tree safely, and publish it only when the whole build passed."""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import tempfile
from pathlib import Path, PurePosixPath

from generator import outfiles
from generator.render.pages import Page

_RESERVED = re.compile(r"(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?", re.IGNORECASE)
MAX_PATH_BYTES = 200


class OutputError(Exception):
    """A write that would be unsafe or would lose data; the message names the path."""


def check_dest_path(dest_path: str) -> str | None:
    """Return why ``dest_path`` is not a safe relative output path, or None if it is."""
    if not dest_path or "\x00" in dest_path or "\\" in dest_path or ":" in dest_path or "//" in dest_path or dest_path.endswith("/"):
        return "contains an empty name, NUL, backslash or colon"
    if len(dest_path.encode("utf-8")) > MAX_PATH_BYTES:
        return f"is longer than {MAX_PATH_BYTES} bytes"
    path = PurePosixPath(dest_path)
    if path.is_absolute() or any(part in {"..", ".", ""} for part in path.parts):
        return "must be a relative path without '..'"
    if any(_RESERVED.fullmatch(part) for part in path.parts):
        return "uses a name reserved on Windows"
    return None


class Writer:
    """Write files under one folder, never outside it and never the same path twice."""

    def __init__(self, abs_root: Path):
        self.abs_root = abs_root.resolve()
        self.written: dict[str, str] = {}

    def claim(self, dest_path: str) -> Path:
        """Reserve ``dest_path``, refusing an unsafe path or one already written; return where it goes."""
        problem = check_dest_path(dest_path)
        if problem:
            raise OutputError(f"refusing to write '{dest_path}': the path {problem}")
        key = dest_path.casefold()
        if key in self.written:
            raise OutputError(f"'{dest_path}' would be written twice (also as '{self.written[key]}'); two items share an address")
        abs_path = (self.abs_root / dest_path).resolve()
        if not abs_path.is_relative_to(self.abs_root):
            raise OutputError(f"refusing to write '{dest_path}': it resolves outside {self.abs_root}")
        self.written[key] = dest_path
        return abs_path

    def write(self, dest_path: str, data: bytes, only_if_changed: bool = False) -> bool:
        """Write one file; with ``only_if_changed``, leave an identical file alone. Return whether it was written."""
        abs_path = self.claim(dest_path)
        if only_if_changed and abs_path.is_file() and abs_path.read_bytes() == data:
            return False
        abs_path.parent.mkdir(parents=True, exist_ok=True)
        outfiles.write(abs_path, data)  # a new file, never written in place: it may be linked to another output
        return True


def write_pages(pages: list[Page], abs_dir: Path, may_exist: bool = True) -> None:
    """Write every page into a folder; with ``may_exist`` False, never replace a file already there."""
    writer = Writer(abs_dir)
    for page in pages:
        if not may_exist and (abs_dir / page.dest_path).exists():
            raise OutputError(f"'{page.dest_path}' is already in the built site; two outputs share an address")
        writer.write(page.dest_path, page.data())


def place(abs_file: Path, abs_dir: Path, dest_path: str) -> None:
    """Move a finished file into a folder at ``dest_path``, never replacing a file already there."""
    problem = check_dest_path(dest_path)
    if problem:
        raise OutputError(f"refusing to write '{dest_path}': the path {problem}")
    abs_path = abs_dir / dest_path
    if abs_path.exists():
        raise OutputError(f"'{dest_path}' is already in the built site; two outputs share an address")
    abs_path.parent.mkdir(parents=True, exist_ok=True)
    os.replace(abs_file, abs_path)


def move_files(abs_from: Path, abs_dir: Path) -> None:
    """Move every file of a folder written by a Writer into ``abs_dir``, never replacing a file there."""
    for path in sorted(abs_from.rglob("*")):
        if path.is_file():
            place(path, abs_dir, path.relative_to(abs_from).as_posix())


def check_output_folder(abs_target: Path) -> str | None:
    """Say why the build could not publish to ``abs_target``, before doing any work."""
    if abs_target.exists() and not abs_target.is_dir():
        return f"output path {abs_target} exists and is not a folder"
    parent = abs_target.parent
    if parent.exists() and not parent.is_dir():
        return f"output path {parent} is a file, not a folder"
    probe = parent if parent.exists() else None
    if probe is not None and not os.access(probe, os.W_OK):
        return f"output folder {probe} is not writable"
    return None


def staging_folder(abs_build: Path) -> Path:
    """Make a private folder under build/ for one build's work, clearing any left by a killed build."""
    abs_build.mkdir(parents=True, exist_ok=True)
    for stale in abs_build.glob(".staging-*"):
        shutil.rmtree(stale, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=".staging-", dir=abs_build))


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2); False where that is not available."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def recover(abs_target: Path) -> None:
    """Put back a folder that a killed build had moved aside before its swap finished."""
    if not abs_target.exists():
        for old in sorted(abs_target.parent.glob(f".{abs_target.name}.old-*")):
            os.replace(old, abs_target)
            break


def _copy_beside(abs_new: Path, abs_target: Path) -> Path:
    """Copy a finished folder next to ``abs_target``, so that it can be swapped in by renames."""
    local = abs_target.with_name(f".{abs_target.name}.new-{os.getpid()}")
    shutil.rmtree(local, ignore_errors=True)
    try:
        shutil.copytree(abs_new, local)
    except OSError as e:
        shutil.rmtree(local, ignore_errors=True)
        raise OSError(e.errno, f"{e.strerror or e} while copying the site to {local}") from e
    return local


def publish(abs_new: Path, abs_target: Path) -> None:
    """Swap a finished folder into place, atomically where the system allows, else by two renames."""
    abs_target.parent.mkdir(parents=True, exist_ok=True)
    recover(abs_target)
    if abs_new.stat().st_dev != abs_target.parent.stat().st_dev:  # another file system: renames cannot cross it
        local = _copy_beside(abs_new, abs_target)
        shutil.rmtree(abs_new, ignore_errors=True)
        abs_new = local
    if abs_target.is_dir() and _exchange(abs_new, abs_target):
        shutil.rmtree(abs_new, ignore_errors=True)  # now holds the previous version
        return
    old = abs_target.with_name(f".{abs_target.name}.old-{os.getpid()}")
    if abs_target.exists():
        os.replace(abs_target, old)
    try:
        os.replace(abs_new, abs_target)
    except OSError:
        if old.exists():
            os.replace(old, abs_target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def sync_tree(pages: list[Page], abs_dir: Path) -> int:
    """Bring a live folder in line with ``pages``, touching only changed files; return changes."""
    abs_dir.mkdir(parents=True, exist_ok=True)
    writer = Writer(abs_dir)
    changes = sum(writer.write(p.dest_path, p.data(), only_if_changed=True) for p in pages)
    wanted = {p.dest_path for p in pages}
    for existing in sorted(abs_dir.rglob("*")):
        if existing.is_file() and existing.relative_to(abs_dir).as_posix() not in wanted:
            existing.unlink()
            changes += 1
    return changes


def sync_changes(pages: list[Page], before: dict[str, Page], abs_dir: Path) -> int:
    """Bring a folder last synced to ``before`` in line with ``pages``, comparing in memory (no
    file is read); return changes. Pages that share an address are refused, as Writer does."""
    seen: dict[str, str] = {}
    for page in pages:
        problem = check_dest_path(page.dest_path)
        if problem:
            raise OutputError(f"refusing to write '{page.dest_path}': the path {problem}")
        key = page.dest_path.casefold()
        if key in seen:
            raise OutputError(f"'{page.dest_path}' would be written twice (also as '{seen[key]}'); two items share an address")
        seen[key] = page.dest_path
    writer = Writer(abs_dir)
    changes = sum(writer.write(p.dest_path, p.data()) for p in pages if before.get(p.dest_path) != p)
    wanted = {p.dest_path for p in pages}
    for gone in sorted(before.keys() - wanted):
        (abs_dir / gone).unlink(missing_ok=True)
        changes += 1
    return changes
