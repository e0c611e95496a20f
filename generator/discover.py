"""Find the project's source files and say what kind of content each one is."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import WARNING, Diagnostic


@dataclass(frozen=True)
class Kind:
    """A content type: where its files live and which schema checks them."""

    name: str
    folder: str
    pattern: str
    schema: str


KINDS: tuple[Kind, ...] = (
    Kind("taxonomy", "content", "taxonomy.yml", "taxonomy.schema.json"),
    Kind("abbreviations", "content", "abbreviations.yml", "abbreviations.schema.json"),
    Kind("redirects", "content", "redirects.yml", "redirects.schema.json"),
    Kind("casestudy", "casestudies", "*.yml", "casestudy.schema.json"),
    Kind("clause", "templates", "*.yml", "clause.schema.json"),
    Kind("indicator", "content/indicators", "*.yml", "indicator.schema.json"),
    Kind("course", "content/courses", "*.yml", "course.schema.json"),
    Kind("guidance", "content/guidance", "*.md", "page.schema.json"),
    Kind("stage", "content/stages", "*.md", "page.schema.json"),
)


@dataclass(frozen=True, order=True)
class SourceFile:
    """One content file: ``src_path`` is relative to the project root, posix style."""

    src_path: str
    kind: str
    abs_path: Path


def discover(abs_root: Path, kinds: tuple[Kind, ...] = KINDS) -> tuple[list[SourceFile], list[Diagnostic]]:
    """List every source file of every kind, sorted, and warn about strays."""
    found: list[SourceFile] = []
    diagnostics: list[Diagnostic] = []
    for kind in kinds:
        folder = abs_root / kind.folder
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob(kind.pattern)):
            if path.is_file():
                found.append(SourceFile(path.relative_to(abs_root).as_posix(), kind.name, path))
        if kind.pattern.endswith(".yml"):
            for stray in sorted(folder.glob("*.yaml")):
                rel = stray.relative_to(abs_root).as_posix()
                diagnostics.append(Diagnostic(rel, 1, 1, "D001", "", "ignored: content files end in .yml, not .yaml", WARNING))
    return sorted(found), diagnostics
