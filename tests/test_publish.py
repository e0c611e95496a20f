"""Publishing to another file system (audit X1) and system errors that name no path (D41)."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import pytest

from generator.write import publish
from tests.conftest import run, tree_bytes

OTHER_FS = Path("/dev/shm")


def _other_file_system(here: Path) -> Path | None:
    if OTHER_FS.is_dir() and os.access(OTHER_FS, os.W_OK) and OTHER_FS.stat().st_dev != here.stat().st_dev:
        return OTHER_FS
    return None


def test_publish_across_file_systems(tmp_path: Path) -> None:
    other = _other_file_system(tmp_path)
    if other is None:
        pytest.skip("no second file system to publish to")
    new = tmp_path / "new"
    (new / "a").mkdir(parents=True)
    (new / "a/index.html").write_text("new", encoding="utf-8")
    with tempfile.TemporaryDirectory(dir=other) as scratch:
        target = Path(scratch) / "edition"
        (target / "old").mkdir(parents=True)
        publish(new, target)
        assert tree_bytes(target) == {"a/index.html": b"new"}
        (new / "a").mkdir(parents=True)
        (new / "a/index.html").write_text("newer", encoding="utf-8")
        publish(new, target)
        assert tree_bytes(target) == {"a/index.html": b"newer"}
        assert sorted(p.name for p in Path(scratch).iterdir()) == ["edition"]


def test_a_system_error_without_a_path_says_where(tiny: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.build

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(generator.build, "write_pages", full)
    code, out, err = run(capsys, "--root", str(tiny), "build")
    assert code == 2
    assert "No space left on device (while building in " in err and str(tiny / "build") in err
    assert len(err.strip().splitlines()) == 1
