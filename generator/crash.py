"""Turn an unexpected error into one line that names the file being processed (exit code 3).

An unexpected error is a bug in the generator, not the author's fault, but the author still needs
to know which file set it off. The traceback's frames are searched, innermost first, for the
item being worked on: anything with a ``src_path`` (a source file, a loaded file, a model item)
or a MkDocs page or file (``src_uri``, a generated page). ``SVKB_DEBUG=1`` shows the traceback.
"""

from __future__ import annotations

import traceback
from types import TracebackType

EXIT_CODE = 3
DEBUG_VARIABLE = "SVKB_DEBUG"


def _named(value: object) -> str:
    src_path = getattr(value, "src_path", None)
    if isinstance(src_path, str) and src_path:
        return src_path
    file = getattr(value, "file", value)
    src_uri = getattr(file, "src_uri", None)
    if isinstance(src_uri, str) and src_uri:
        return f"(generated) {src_uri}"
    return ""


def file_in_progress(tb: TracebackType | None) -> str:
    """The innermost file-like item found in the frames of ``tb``, or ''."""
    frames = [frame for frame, _ in traceback.walk_tb(tb)]
    for frame in reversed(frames):
        for value in list(frame.f_locals.values()):
            try:
                name = _named(value)
            except Exception:  # noqa: BLE001 (a property that fails must not hide the real error)
                continue
            if name:
                return name
    return ""


def describe(error: BaseException) -> str:
    """One line for people: where, what, and what to do."""
    where = file_in_progress(error.__traceback__) or "the project"
    if isinstance(error, RecursionError):
        what = "the text nests too deeply to process (lists, quotes, brackets or blocks inside each other); flatten it"
    else:
        what = f"{type(error).__name__}: {' '.join(str(error).split())[:200]}"
    return f"svkb: internal error while processing {where}: {what} (please report it; {DEBUG_VARIABLE}=1 shows the details)"
