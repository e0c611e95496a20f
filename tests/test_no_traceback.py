"""Never a traceback (audit B28, A10, A16, D45): every input gives diagnostics or one clear line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.render.text import number
from tests.conftest import run, run_process, tree_bytes

CLAUSE = "templates/SV-TST-01.yml"
BODY_START = "body: |\n"


def _one_line(output: str) -> None:
    assert "Traceback" not in output
    assert len([line for line in output.splitlines() if line.strip()]) == 1, output


@pytest.mark.parametrize("value", ["-1", "abc", "99999999999", "1e9", " 5", "١٢٣", "5.0"])
def test_bad_source_date_epoch_is_a_usage_error(tiny: Path, value: str) -> None:
    proc = run_process("--root", str(tiny), "build", env={**os.environ, "SOURCE_DATE_EPOCH": value})
    assert proc.returncode == 2, proc.stderr
    _one_line(proc.stderr)
    assert "SOURCE_DATE_EPOCH" in proc.stderr
    assert not (tiny / "site").exists()


def test_latest_source_date_epoch_builds(tiny: Path) -> None:
    proc = run_process("--root", str(tiny), "build", env={**os.environ, "SOURCE_DATE_EPOCH": "4102444799"})
    assert proc.returncode == 0, proc.stderr


def test_unexpected_error_is_one_line_naming_the_file(tiny: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.catalog

    def broken(item):  # type: ignore[no-untyped-def]
        raise ValueError("something nobody expected\non two lines")

    monkeypatch.setattr(generator.catalog, "build_case_study", broken)
    code, out, err = run(capsys, "--root", str(tiny), "check")
    assert code == 3
    _one_line(err)
    assert "casestudies/anytown-local-jobs.yml" in err and "ValueError: something nobody expected on two lines" in err


def test_unexpected_error_in_mkdocs_names_the_page(tiny: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import markdown

    def broken(self, source):  # type: ignore[no-untyped-def]
        raise RecursionError("maximum recursion depth exceeded")

    assert run(capsys, "--root", str(tiny), "build")[0] == 0
    before = tree_bytes(tiny / "site")
    monkeypatch.setattr(markdown.Markdown, "convert", broken)
    code, out, err = run(capsys, "--root", str(tiny), "build")
    assert code == 3
    _one_line(err)
    assert "(generated) " in err and ".md" in err and "nests too deeply" in err
    assert tree_bytes(tiny / "site") == before


@pytest.mark.parametrize(
    "body",
    [
        "{{ " + "(" * 100 + "weighting" + ")" * 100 + " }}",
        "{% if weighting %}" * 300 + "x" + "{% endif %}" * 300,
        "{% if " + "not " * 1000 + "weighting %}x{% endif %}",
    ],
    ids=["parentheses", "ifs", "nots"],
)
def test_deep_clause_bodies_are_diagnostics(tiny: Path, capsys: pytest.CaptureFixture[str], body: str) -> None:
    path = tiny / CLAUSE
    text = path.read_text(encoding="utf-8")
    line = text[: text.index(BODY_START)].count("\n") + 2
    path.write_text(text.replace(BODY_START, f"{BODY_START}  {body}\n", 1), encoding="utf-8")
    for command in ("check", "build"):
        code, out, err = run(capsys, "--root", str(tiny), command)
        assert code == 1 and "Traceback" not in err
        assert f"{CLAUSE}:{line}:1: error T001: body: the body nests too deeply" in err


def test_deep_markdown_is_a_diagnostic_in_check_and_build(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tiny / "content/guidance/fixture-guide.md"
    text = page.read_text(encoding="utf-8") + "\n\n"
    line = len(text.splitlines()) + 21  # the 21st level
    page.write_text(text + "".join("    " * i + "- item\n" for i in range(300)), encoding="utf-8")
    case = tiny / "casestudies/anytown-local-jobs.yml"
    case.write_text(case.read_text(encoding="utf-8").replace("  It has a second paragraph", "  " + "> " * 300 + "deep\n\n  It has a second paragraph"), encoding="utf-8")
    for command in ("check", "build"):
        code, out, err = run(capsys, "--root", str(tiny), command)
        assert code == 1 and "Traceback" not in err
        assert f"content/guidance/fixture-guide.md:{line}:1: error M005: body:" in err
        assert "casestudies/anytown-local-jobs.yml:22:1: error M005: context:" in err


def test_numbers_of_any_length_are_shown_without_crashing() -> None:
    assert number(10**400) == f"{10**400:,}"
    assert number(18.25) == "18.25"
    assert number(2011) == "2,011"
