"""The rendered docs tree of the last build, kept in build/cache/render and used again when no input changed.

The key is a hash of everything rendering reads, over-approximated so that a stale tree can never
be used: every file under content/, casestudies/ and templates/, mkdocs.yml, the generator package's
own files (code, page templates, assets, schemas), the profile as loaded, the build time recorded in
outputs and the Python version. Content is still checked on every build (diagnostics are never
cached); only rendering is skipped. Files are linked in and out (copied where linking is
refused): every writer of outputs replaces a file rather than writing into it
(generator/outfiles.py), so a later write to build/docs cannot change the cache.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

import generator
from generator import outfiles
from generator.profile import Profile

SOURCE_FOLDERS = ("content", "casestudies", "templates")
PARTS = ("docs", "extra")  # the docs tree for MkDocs, and the files copied into the built site after it


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts) if folder.is_dir() else []


def render_key(abs_root: Path, abs_profile: Path | None, profile: Profile, epoch: int, site: str = "") -> str:
    """A hash of every input of rendering (see the module's notes), including the site's address
    (which may come from the environment) since handouts and decks cite it."""
    digest = hashlib.sha256(f"{sys.version}\n{epoch}\n{site}\n{profile.edition!r}\n{sorted(profile.values.items())!r}\n".encode())
    package = Path(generator.__file__).parent
    inputs = [(abs_root, p) for folder in SOURCE_FOLDERS for p in _files(abs_root / folder)]
    inputs += [(package, p) for p in _files(package)] + [(abs_root, abs_root / "mkdocs.yml")]
    inputs += [(abs_profile.parent, abs_profile)] if abs_profile else []
    for base, path in inputs:
        try:
            data = path.read_bytes()
        except OSError:
            data = b"\x00unreadable"
        digest.update(f"{path.relative_to(base).as_posix()}\x00{len(data)}\x00".encode())
        digest.update(data)
    return digest.hexdigest()


def restore(abs_cache: Path, key: str, abs_staging: Path) -> int | None:
    """Copy the cached tree into ``abs_staging`` when its key matches; return its file count, else None."""
    try:
        if (abs_cache / "key").read_text(encoding="utf-8") != key:
            return None
        count = int((abs_cache / "files").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    for part in PARTS:
        if (abs_cache / part).is_dir():
            outfiles.link_tree(abs_cache / part, abs_staging / part)
    return count


def store(abs_cache: Path, key: str, abs_staging: Path, count: int) -> None:
    """Keep a copy of a freshly rendered tree under ``key``, replacing any earlier one; the key is
    written last, so an interrupted copy is never used."""
    shutil.rmtree(abs_cache, ignore_errors=True)
    abs_cache.mkdir(parents=True)
    for part in PARTS:
        if (abs_staging / part).is_dir():
            outfiles.link_tree(abs_staging / part, abs_cache / part)
    (abs_cache / "files").write_text(str(count), encoding="utf-8")
    (abs_cache / "key").write_text(key, encoding="utf-8")
