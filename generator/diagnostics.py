"""Problems found in content, kept as data and shown by reporters."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place in one source file."""

    path: str
    line: int
    column: int
    rule: str
    field: str
    message: str
    severity: str = ERROR

    def format(self) -> str:
        """Return the one-line form ``path:line:col: severity RULE: field: message``."""
        where = f"{self.field}: " if self.field else ""
        return f"{self.path}:{self.line}:{self.column}: {self.severity} {self.rule}: {where}{self.message}"


class ContentErrors(Exception):
    """Raised by a stage that cannot go on; carries every diagnostic found so far."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = sorted(diagnostics)
        super().__init__(f"{len(self.diagnostics)} problem(s)")


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    """Tell whether any diagnostic is an error (warnings do not stop a build)."""
    return any(d.severity == ERROR for d in diagnostics)


def field_name(path: Iterable[object]) -> str:
    """Turn a data path such as ('outcomes', 1, 'value') into ``outcomes[1].value``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def format_text(diagnostics: Iterable[Diagnostic]) -> str:
    """Render diagnostics for people: sorted lines, then a count."""
    items = sorted(diagnostics)
    errors = sum(1 for d in items if d.severity == ERROR)
    warnings = len(items) - errors
    lines = [d.format() for d in items]
    files = len({d.path for d in items})
    if items:
        lines.append(f"{errors} error(s), {warnings} warning(s) in {files} file(s)")
    return "\n".join(lines)


def format_json(diagnostics: Iterable[Diagnostic]) -> str:
    """Render diagnostics for tools and editors."""
    return json.dumps([asdict(d) for d in sorted(diagnostics)], indent=2)
