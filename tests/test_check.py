"""`svkb check`: the real content passes; problems across many files are all reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.load import MAX_BYTES
from tests.conftest import ROOT, run

BASE = (ROOT / "tests/fixtures/tiny/casestudies/borsetshire-green-fleet.yml").read_text(encoding="utf-8")


def test_real_content_passes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--root", str(ROOT), "check")
    assert code == 0, err
    assert ": error " not in err
    assert out.startswith("OK: ")


def test_oversized_file_is_rejected_before_parsing(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tiny / "casestudies/huge.yml").write_text("summary: " + "x" * (20 * MAX_BYTES) + "\n")
    code, _, err = run(capsys, "--root", str(tiny), "check")
    assert code == 1
    assert f"casestudies/huge.yml:1:1: error Y005: file is 20,000,010 bytes; the limit is {MAX_BYTES:,} bytes" in err


def test_twenty_errors_in_seven_files_are_all_reported_in_order(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for n in range(7):
        text = BASE.replace("id: borsetshire-green-fleet", f"id: broken-{n}").replace("title:", "titel:", 1)
        text = text.replace("outcomes: []", "outcomes: none").replace("  from: 2025", '  from: "2025"')
        (tiny / f"casestudies/broken-{n}.yml").write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "--root", str(tiny), "check")
    lines = err.strip().splitlines()
    assert code == 1
    problems = lines[:-1]
    assert len(problems) == 28  # per file: missing title, unknown titel, wrong types of period.from and outcomes
    assert lines[-1] == "28 error(s), 0 warning(s) in 7 file(s)"
    keys = [(p.split(":")[0], int(p.split(":")[1])) for p in problems]
    assert keys == sorted(keys)


def test_nation_no_is_kept_as_text_not_false(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tiny / "casestudies/borsetshire-green-fleet.yml"
    path.write_text(BASE.replace("  nation: wales", "  nation: wales\n  region: off"), encoding="utf-8")
    code, _, err = run(capsys, "--root", str(tiny), "check")
    assert code == 0, err
    from generator.build import Project, generate

    page = next(p for p in generate(Project(tiny)).pages if p.dest_path == "case-studies/borsetshire-green-fleet.md")
    assert "Wales, off" in page.content and "False" not in page.content


def test_valid_unquoted_date_is_read_as_written(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tiny / "casestudies/borsetshire-green-fleet.yml"
    path.write_text(BASE.replace('last_reviewed: "2026-01-15"', "last_reviewed: 2026-01-15"), encoding="utf-8")
    code, _, err = run(capsys, "--root", str(tiny), "check")
    assert code == 0, err
    from generator.build import Project, generate

    page = next(p for p in generate(Project(tiny)).pages if p.dest_path == "case-studies/borsetshire-green-fleet.md")
    assert "Last reviewed 15 January 2026" in page.content


def test_json_report_for_editors(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tiny / "casestudies/borsetshire-green-fleet.yml").write_text(BASE.replace("title:", "titel:"), encoding="utf-8")
    code, out, _ = run(capsys, "--root", str(tiny), "check", "--format", "json")
    assert code == 1
    problems = json.loads(out)
    assert {"path": "casestudies/borsetshire-green-fleet.yml", "line": 3, "column": 1, "rule": "S003", "field": "titel",
            "message": "unknown field 'titel'; did you mean 'title'?", "severity": "error"} in problems


def test_scaffold_is_valid_and_refuses_to_overwrite(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--root", str(tiny), "new", "casestudy", "leeds-anchor-network")
    assert code == 0 and "casestudies/leeds-anchor-network.yml" in out
    text = (tiny / "casestudies/leeds-anchor-network.yml").read_text()
    assert text.startswith("# yaml-language-server: $schema=")
    assert run(capsys, "--root", str(tiny), "check")[0] == 0
    assert run(capsys, "--root", str(tiny), "new", "casestudy", "leeds-anchor-network")[0] == 2
    assert run(capsys, "--root", str(tiny), "new", "casestudy", "../evil")[0] == 2
    assert not (tiny.parent / "evil.yml").exists()


def test_overdue_reviews_warn_and_fail_under_strict(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import datetime as dt

    from generator.build import Project, check

    late = check(Project(tiny, today=dt.date(2027, 6, 1)))
    overdue = [d for d in late.diagnostics if d.rule == "R009"]
    assert overdue and all(d.severity == "warning" for d in overdue) and late.exit_code == 0
    assert any(d.path == "casestudies/borsetshire-green-fleet.yml" and d.line == 28 for d in overdue)
    strict = check(Project(tiny, today=dt.date(2027, 6, 1), strict=True))
    assert strict.exit_code == 1
    assert check(Project(tiny, today=dt.date(2026, 6, 1), strict=True)).exit_code == 0


def test_currency_check_catches_a_planted_ojeu_notice(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tiny / "content/guidance/fixture-guide.md"
    page.write_text(page.read_text().replace("A fixture fact with its source.", "Publish an OJEU notice and award on MEAT."))
    code, _, err = run(capsys, "--root", str(tiny), "check")
    assert code == 1
    assert "content/guidance/fixture-guide.md:24:12: error C003: body: OJEU is a superseded regime" in err
    assert "content/guidance/fixture-guide.md:24:37: error C003: body: MEAT is a superseded regime" in err


def test_unsafe_markup_in_guidance_is_refused(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tiny / "content/guidance/fixture-guide.md"
    text = page.read_text()
    page.write_text(text + '\n<script>alert(1)</script>\n\n[click](javascript:alert(1))\n\nText{: onclick="x()"}\n\n# Second title\n\n#### Skipped\n\n![](x.png)\n')
    code, _, err = run(capsys, "--root", str(tiny), "check")
    assert code == 1
    for expected in ("M002: body: unsafe markup '<script'", "M002: body: unsafe markup 'javascript:'", "M002: body: unsafe markup 'onclick='",
                     "M003: body: a page has one top-level heading", "M003: body: heading level 4 follows level 1", "M004: body: an image needs alternative text"):
        assert expected in err


def test_quick_schema_check_agrees_with_jsonschema_on_every_file() -> None:
    """validate() trusts the compiled quick check when it passes; it must never pass what jsonschema fails."""
    import shutil
    import tempfile

    from generator.discover import discover
    from generator.load import load_sources
    from generator.validate import _quick_check, _validator
    from tests.conftest import FIXTURE

    roots = [ROOT, FIXTURE]
    with tempfile.TemporaryDirectory() as scratch:
        for case in sorted((ROOT / "tests/examples/invalid").iterdir()):
            target = Path(scratch) / case.name
            shutil.copytree(FIXTURE, target)
            shutil.copytree(case, target, dirs_exist_ok=True)
            roots.append(target)
        verdicts = []
        for root in roots:
            loaded, _ = load_sources(discover(root)[0])
            for item in loaded:
                try:
                    _quick_check(item.source.kind)(item.doc.data)
                    quick = True
                except Exception:
                    quick = False
                verdicts.append((item.src_path, quick, _validator(item.source.kind).is_valid(item.doc.data)))
    assert len(verdicts) > 100 and any(not v for _, _, v in verdicts), "the comparison must include invalid files"
    assert [(path, q, v) for path, q, v in verdicts if q != v] == []


def test_defined_terms_match_longest_first_and_allow_plurals() -> None:
    from generator.clausecheck import term_uses

    body = "The Supplier reports KPIs.\n\nEach Contract Year the Contract Workers are counted.\nthe contract year"
    uses = term_uses(body, ["Supplier", "KPI", "Contract", "Contract Year", "Contract Worker", "Working Day"])
    assert uses == {"Supplier": 1, "KPI": 1, "Contract Year": 3, "Contract Worker": 3}


def test_every_real_clause_lists_the_defined_terms_it_uses(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check")
    assert code == 0
    assert "T009" not in err
