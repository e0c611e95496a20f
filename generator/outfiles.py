"""Write output files by replacing them, never in place, and link those the last build made alike.

A build writes a few thousand files (the docs tree, the site, the split search index, caches),
most of them the same bytes as the last build's. On this machine's file system (ext4 without a
journal) creating a file shortly after others were deleted costs up to a millisecond of system
time, as the inode allocator steps over every recently freed inode; a hard link to an existing
file costs a few microseconds. So, while a build runs (`linking`), a file written into a new tree
whose bytes equal the file at the same address in the tree it will replace (the published site,
build/docs) is hard-linked to that file, and a static file MkDocs copies from the docs tree into
the site is linked to its source. Measured on the real content, cold: system time 3.2-4.1 s down
to 1.5-1.9 s (`/usr/bin/time`, paired runs).

Files may therefore share their data with another output, so nothing here writes into an existing
file: every write removes the name first and creates a new file. Every writer of the build goes
through `write` or `copy` (the docs tree's Writer, the render cache, the search hooks, and MkDocs'
own `write_file` and `copy_file` while `linking` is active); a tool that later writes into a
published file in place (none of ours does) would change the file it is linked to as well.
Where linking is refused (another file system, a file system without hard links) the file is written.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

_trees: dict[str, str] = {}  # new tree's folder + "/" -> the folder it replaces
_sources: set[str] = set()  # folders + "/" of this build's own outputs, whose files copies may link to


@contextlib.contextmanager
def linking(trees: dict[Path, Path], sources: tuple[Path, ...] = ()) -> Iterator[None]:
    """While active, files written under each new folder (key) are linked to the same address in
    the folder it replaces (value) when their bytes are the same, and copies of files under
    ``sources`` (this build's own outputs) are links to them."""
    added = {f"{os.path.abspath(new)}{os.sep}": os.path.abspath(old) for new, old in trees.items()}
    folders = {f"{os.path.abspath(folder)}{os.sep}" for folder in sources} - _sources
    _trees.update(added)
    _sources.update(folders)
    try:
        yield
    finally:
        for key in added:
            _trees.pop(key, None)
        _sources.difference_update(folders)


def _previous(abs_path: str) -> str | None:
    """The file at the same address in the tree that ``abs_path``'s tree replaces, if any."""
    for new, old in _trees.items():
        if abs_path.startswith(new):
            return os.path.join(old, abs_path[len(new):])
    return None


def _remove(abs_path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(abs_path)


def _link(abs_source: str, abs_path: str) -> bool:
    try:
        os.link(abs_source, abs_path, follow_symlinks=False)
    except OSError:
        return False
    return True


def _regular_size(abs_path: str) -> int:
    """The size of a regular file (not a link to one), else -1."""
    try:
        status = os.lstat(abs_path)
    except OSError:
        return -1
    return status.st_size if stat.S_ISREG(status.st_mode) else -1


def _same_bytes(abs_path: str, data: bytes) -> bool:
    if _regular_size(abs_path) != len(data):
        return False
    try:
        with open(abs_path, "rb") as f:
            return f.read() == data
    except OSError:
        return False


def write(abs_path: str | Path, data: bytes) -> None:
    """Write ``data`` as a new file at ``abs_path`` (its folder exists), replacing any file there;
    link it to the replaced tree's file when that holds the same bytes (see `linking`)."""
    abs_path = os.fspath(abs_path)
    _remove(abs_path)
    previous = _previous(os.path.abspath(abs_path))
    if previous is not None and _same_bytes(previous, data) and _link(previous, abs_path):
        return
    with open(abs_path, "xb") as f:
        f.write(data)


def copy(abs_source: str | Path, abs_path: str | Path) -> None:
    """Copy a file as a new file at ``abs_path`` (its folder exists): a link to the source when it
    is one of this build's outputs (see `linking`), else a link to the replaced tree's file when
    that holds the same bytes, else a copy."""
    abs_source, abs_path = os.path.abspath(abs_source), os.fspath(abs_path)
    _remove(abs_path)
    if any(abs_source.startswith(folder) for folder in _sources) and _regular_size(abs_source) >= 0 and _link(abs_source, abs_path):
        return
    previous = _previous(os.path.abspath(abs_path))
    if previous is not None and _regular_size(previous) == _regular_size(abs_source) >= 0:
        data = Path(abs_source).read_bytes()
        if _same_bytes(previous, data) and _link(previous, abs_path):
            return
    shutil.copyfile(abs_source, abs_path)


def link_tree(abs_source: Path, abs_target: Path) -> None:
    """Copy a folder's tree as links to its files (copies where linking is refused)."""
    shutil.copytree(abs_source, abs_target, copy_function=_link_or_copy, dirs_exist_ok=True)


def _link_or_copy(abs_source: str, abs_path: str) -> None:
    if not _link(abs_source, abs_path):
        shutil.copyfile(abs_source, abs_path)


@contextlib.contextmanager
def mkdocs_writes() -> Iterator[None]:
    """Make MkDocs' ``write_file`` and ``copy_file`` (its pages, its theme's files, the docs
    tree's static files, plugins' outputs) write through `write` and `copy` while active."""
    from mkdocs import utils

    def write_file(content: bytes, output_path: str) -> None:
        os.makedirs(os.path.dirname(output_path), exist_ok=True)
        write(output_path, content)

    def copy_file(source_path: str, output_path: str) -> None:
        os.makedirs(os.path.dirname(output_path), exist_ok=True)
        if os.path.isdir(output_path):
            output_path = os.path.join(output_path, os.path.basename(source_path))
        copy(source_path, output_path)

    saved = utils.write_file, utils.copy_file
    utils.write_file, utils.copy_file = write_file, copy_file
    try:
        yield
    finally:
        utils.write_file, utils.copy_file = saved
