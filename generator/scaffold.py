"""Create new content files from commented templates that already pass validation."""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources
from pathlib import Path

SLUG = r"[a-z0-9]+(-[a-z0-9]+)*"
TARGETS = {
    "casestudy": ("casestudies", "{id}.yml", SLUG, "casestudy.yml"),
    "clause": ("templates", "{id}.yml", r"SV-[A-Z]{2,5}-[0-9]{2}", "clause.yml"),
    "page": ("content/guidance", "{id}.md", SLUG, "page.md"),
}


def scaffold(abs_root: Path, kind: str, item_id: str, today: dt.date | None = None) -> Path:
    """Write a new file for ``kind`` named after ``item_id``; refuse to overwrite anything."""
    folder, name, pattern, template = TARGETS[kind]
    if not re.fullmatch(pattern, item_id) or len(item_id) > 80:
        raise ValueError(f"'{item_id}' is not a valid id (expected {pattern}, at most 80 characters)")
    target = abs_root / folder / name.format(id=item_id)
    if target.exists():
        raise ValueError(f"{target.relative_to(abs_root)} already exists")
    today = today or dt.date.today()
    text = (resources.files("generator") / "scaffolds" / template).read_text(encoding="utf-8")
    text = text.replace("{id}", item_id).replace("{today}", today.isoformat())
    text = text.replace("{next_year}", today.replace(year=today.year + 1).isoformat())
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target
