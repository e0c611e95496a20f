"""The command line: documented commands, exit codes, and a live-reloading preview."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from generator.cli import COMMANDS, parser
from tests.conftest import ROOT, run


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_is_documented_with_an_example(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        parser().parse_args([name, "--help"])
    assert exit_info.value.code == 0
    text = capsys.readouterr().out
    assert "Example:" in text and f"svkb {name}" in text


def test_usage_errors_exit_with_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        parser().parse_args(["nonsense"])
    assert exit_info.value.code == 2
    code, _, err = run(capsys, "--root", "/no/such/folder", "check")
    assert code == 2 and "does not exist" in err


def test_readme_shows_the_two_commands_first() -> None:
    readme = (ROOT / "README.md").read_text()
    first_block = readme.split("```sh", 1)[1].split("```", 1)[0]
    assert [line.split("#")[0].strip() for line in first_block.strip().splitlines()] == ["make site", "make test"]
    assert "make test" in (ROOT / ".ci/run").read_text()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def test_serve_shows_edits_without_a_restart(tiny: Path) -> None:
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(tiny), "serve", "--port", str(port)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/case-studies/borsetshire-green-fleet/"
    try:
        deadline = time.time() + 60
        page = ""
        while time.time() < deadline:
            try:
                page = _get(url)
                break
            except OSError:
                time.sleep(0.5)
        assert "a greener vehicle fleet" in page
        study = tiny / "casestudies/borsetshire-green-fleet.yml"
        study.write_text(study.read_text().replace("a greener vehicle fleet", "an electric vehicle fleet"))
        deadline = time.time() + 60
        while time.time() < deadline and "an electric vehicle fleet" not in page:
            time.sleep(0.5)
            page = _get(url)
        assert "an electric vehicle fleet" in page
    finally:
        proc.terminate()
        proc.wait(timeout=20)
