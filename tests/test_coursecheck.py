"""The course checks: quiz answers, materials tables, running orders and what every module carries."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.coursecheck import written_minutes
from tests.conftest import run


@pytest.mark.parametrize(("duration", "minutes"), [("75 minutes", 75), ("1 minute", 1), (" 90 Minutes ", 90), ("One hour", None), ("Half a day", None), ("", None)])
def test_only_durations_written_in_minutes_are_summed(duration: str, minutes: int | None) -> None:
    assert written_minutes(duration) == minutes


def test_a_full_module_passes_and_a_bare_one_is_an_error(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--root", str(tiny), "check")
    assert (code, err) == (0, "")
    course = tiny / "content/courses/fixture-course.yml"
    text = course.read_text(encoding="utf-8")
    start, end = text.index("    timings:"), text.index("    reading:")
    course.write_text(text[:start] + text[end:], encoding="utf-8")
    code, out, err = run(capsys, "--root", str(tiny), "check")
    assert code == 1
    assert "content/courses/fixture-course.yml:7:9: error K004: modules[0].id: module 'only-module' has no timings or facilitator_notes; " in err
