"""What a renderer produces: files for the docs tree, as data."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Page:
    """One file of the generated docs tree; ``dest_path`` is relative, posix style."""

    dest_path: str
    content: str | bytes
    site_only: bool = False  # copied into the built site as is, after MkDocs (MkDocs would turn .md into a page)

    def data(self) -> bytes:
        return self.content.encode("utf-8") if isinstance(self.content, str) else self.content
