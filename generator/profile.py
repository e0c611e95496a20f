"""Edition profiles: a council's own values for clause variables, checked against every clause."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.clausetext import check_value
from generator.diagnostics import Diagnostic, field_name, has_errors
from generator.discover import SourceFile
from generator.load import load_source
from generator.model import Catalog
from generator.textcheck import check_texts
from generator.validate import format_checker, load_schema
from generator.yamlread import Located


@dataclass(frozen=True)
class Profile:
    """An edition name and the values it fills in."""

    edition: str = ""
    values: dict[str, Any] = field(default_factory=dict)
    src_path: str = ""
    origin: Located | None = None


def load_profile(abs_path: Path, abs_root: Path) -> tuple[Profile, list[Diagnostic]]:
    """Read and schema-check a profile file."""
    try:
        src_path = abs_path.resolve().relative_to(abs_root).as_posix()
    except ValueError:
        src_path = str(abs_path)
    if not abs_path.is_file():
        return Profile(), [Diagnostic(src_path, 1, 1, "P001", "", "profile file not found")]
    loaded, problems = load_source(SourceFile(src_path, "profile", abs_path))
    if loaded is None:
        return Profile(), problems
    import jsonschema

    validator = jsonschema.Draft202012Validator(load_schema("profile.schema.json"), format_checker=format_checker())
    for error in validator.iter_errors(loaded.doc.data):
        line, col = loaded.doc.at(tuple(error.absolute_path))
        problems.append(Diagnostic(src_path, line, col, "P002", field_name(error.absolute_path), error.message))
    problems += check_texts([loaded])  # control and bidi characters, blank values, odd numbers
    if has_errors(problems):
        return Profile(), problems
    data = loaded.doc.data
    return Profile(data["edition"], dict(data["values"]), src_path, loaded.doc), problems


def check_profile(profile: Profile, catalog: Catalog) -> list[Diagnostic]:
    """Every profile value suits every clause variable of that name; unused names are flagged."""
    found: list[Diagnostic] = []
    if profile.origin is None:
        return found
    used: set[str] = set()
    for clause in catalog.clauses:
        for variable in clause.variables:
            if variable.name in profile.values:
                used.add(variable.name)
                problem = check_value(variable, profile.values[variable.name])
                if problem:
                    line, col = profile.origin.at(("values", variable.name))
                    found.append(Diagnostic(profile.src_path, line, col, "P003", f"values.{variable.name}", f"{problem} (in {clause.id})"))
    for name in sorted(set(profile.values) - used):
        line, col = profile.origin.at(("values", name))
        found.append(Diagnostic(profile.src_path, line, col, "P004", f"values.{name}", f"no clause declares a variable '{name}'", "warning"))
    return found
