"""What a renderer produces: files for the docs tree, as data."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Page:
    """One file of the generated docs tree; ``dest_path`` is relative, posix style."""

    dest_path: str
    content: str | bytes

    def data(self) -> bytes:
        return self.content.encode("utf-8") if isinstance(self.content, str) else self.content
