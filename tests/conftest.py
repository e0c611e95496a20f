"""Shared helpers: project paths, a copy of the tiny fixture project, a CLI runner, the real site
built once, and (for browser tests) that site served and one Chromium per test module."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.cli import main
from tests.browser import chromium, serve

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "tiny"
CONTENT_FOLDERS = ("content", "casestudies", "templates")


def copy_project(source: Path, target: Path) -> Path:
    """Copy a project's content and site configuration (not its outputs) to ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for folder in CONTENT_FOLDERS:
        if (source / folder).is_dir():
            shutil.copytree(source / folder, target / folder)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A private copy of the tiny fixture project."""
    return copy_project(FIXTURE, tmp_path / "tiny")


@pytest.fixture
def real(tmp_path: Path) -> Path:
    """A private copy of the real content."""
    return copy_project(ROOT, tmp_path / "real")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the CLI in-process; return (exit code, stdout, stderr)."""
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_process(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m generator`` as a separate process."""
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, env=env, cwd=cwd or ROOT, timeout=600)


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def built_real(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content built once per test session; returns the project folder (site in site/)."""
    project = copy_project(ROOT, tmp_path_factory.mktemp("built") / "real")
    proc = run_process("--root", str(project), "build")
    assert proc.returncode == 0, proc.stderr
    return project


@pytest.fixture(scope="session")
def built_tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny fixture project built once per session."""
    project = copy_project(FIXTURE, tmp_path_factory.mktemp("built") / "tiny")
    proc = run_process("--root", str(project), "build")
    assert proc.returncode == 0, proc.stderr
    return project


@pytest.fixture(scope="module")
def site(built_real: Path) -> Iterator[str]:
    """The built real site served over HTTP; its address ends with '/'. A module may define its own."""
    with serve(built_real / "site") as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """A headless Chromium for the test module."""
    with chromium() as b:
        yield b


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    """Print the quality figures gathered by the tests."""
    from tests.report import FIGURES

    if FIGURES:
        terminalreporter.section("quality figures")
        for name, value in sorted(FIGURES.items()):
            terminalreporter.write_line(f"{name}: {value}")
