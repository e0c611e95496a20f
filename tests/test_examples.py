"""Every folder in tests/examples/invalid breaks the tiny project in one way; check says exactly what."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, run

CASES = sorted(p for p in (ROOT / "tests" / "examples" / "invalid").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_invalid_example(case: Path, tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for item in case.rglob("*"):
        if item.is_file() and item.name != "expected.txt":
            target = tiny / item.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(item, target)
    code, out, err = run(capsys, "--root", str(tiny), "check")
    assert code == 1
    assert "Traceback" not in err
    assert err.strip() == (case / "expected.txt").read_text(encoding="utf-8").strip()
    assert out == ""
    code, out, err = run(capsys, "--root", str(tiny), "build")  # the build refuses exactly what check refused
    assert (code, err.strip()) == (1, (case / "expected.txt").read_text(encoding="utf-8").strip())
    assert not (tiny / "site").exists()
