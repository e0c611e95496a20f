"""Figures the suite reports at the end of a run (accessibility, search, privacy, robustness, reproducibility)."""

FIGURES: dict[str, str] = {}


def record(name: str, value: str) -> None:
    """Keep a figure for the end-of-run summary."""
    FIGURES[name] = value
