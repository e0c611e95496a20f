"""End-to-end builds: strict MkDocs, golden output, safe publishing, reproducible bytes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.build import Project, generate
from tests.conftest import FIXTURE, ROOT, run, run_process, tree_bytes
from tests.report import record

GOLDEN = ROOT / "tests" / "golden" / "tiny"


def test_generated_tree_matches_golden_files(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.regenerate_golden import EPOCH

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    result = generate(Project(FIXTURE))
    assert result.exit_code == 0
    produced = {p.dest_path: p.data() for p in result.pages}
    expected = tree_bytes(GOLDEN)
    assert sorted(produced) == sorted(expected), "files differ; if intended, run `make golden` and review the diff"
    for path, data in expected.items():
        assert produced[path] == data, f"{path} differs from the golden file; if intended, run `make golden`"


def test_build_real_content_in_strict_mode(real: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--root", str(real), "build")
    assert code == 0, err
    site = real / "site"
    assert (site / "index.html").is_file()
    assert (site / "case-studies/index.html").is_file()
    assert (site / "case-studies/manchester-city-council-social-value-weighting/index.html").is_file()
    assert (site / "case-studies/birmingham-business-charter-for-social-responsibility/index.html").is_file()
    assert (site / "tags/index.html").is_file()
    assert "Built" in out and str(site) in out
    assert not list((real / "build").glob(".staging-*"))


def test_failed_build_leaves_previous_site_untouched(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--root", str(tiny), "build")[0] == 0
    before = tree_bytes(tiny / "site")
    bad = tiny / "casestudies/zzz-last.yml"
    bad.write_text((tiny / "casestudies/borsetshire-green-fleet.yml").read_text().replace("id: borsetshire-green-fleet", "id: zzz-last").replace("title:", "titel:"))
    code, _, err = run(capsys, "--root", str(tiny), "build")
    assert code == 1 and "casestudies/zzz-last.yml:3:1: error S003" in err
    assert tree_bytes(tiny / "site") == before


def test_site_build_failure_leaves_previous_site_untouched(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--root", str(tiny), "build")[0] == 0
    before = tree_bytes(tiny / "site")
    page = tiny / "content/guidance/fixture-guide.md"
    page.write_text(page.read_text() + "\nSee [a page that does not exist](no-such-page.md) and [a missing anchor](#nowhere).\n")
    code, _, err = run(capsys, "--root", str(tiny), "build")
    assert code == 1
    line = len(page.read_text().splitlines())
    assert f"content/guidance/fixture-guide.md:{line}:" in err and "error M001" in err and "no-such-page.md" in err
    assert "nowhere" in err
    assert tree_bytes(tiny / "site") == before
    assert not list((tiny / "build").glob(".staging-*"))


def test_output_path_that_is_a_file_is_a_usage_error(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tiny / "site").write_text("not a folder")
    code, _, err = run(capsys, "--root", str(tiny), "build")
    assert code == 2
    assert "exists and is not a folder" in err and str(tiny / "site") in err
    assert (tiny / "site").read_text() == "not a folder"


def test_two_builds_are_byte_identical(real: Path, tmp_path: Path) -> None:
    outputs = []
    for n, (tz, seed, lang) in enumerate((("UTC", "1", "C.UTF-8"), ("Asia/Tokyo", "999", "en_GB.UTF-8"))):
        env = {**os.environ, "TZ": tz, "PYTHONHASHSEED": seed, "LANG": lang}
        env.pop("SOURCE_DATE_EPOCH", None)
        out = tmp_path / f"site{n}"
        shutil.rmtree(real / "build/cache", ignore_errors=True)  # both cold: the render cache would hide a difference (tests/test_rendercache.py)
        proc = run_process("--root", str(real), "build", "--site-dir", str(out), env=env)
        assert proc.returncode == 0, proc.stderr
        outputs.append(tree_bytes(out))
    assert outputs[0].keys() == outputs[1].keys()
    different = [k for k in outputs[0] if outputs[0][k] != outputs[1][k]]
    record("files differing between two builds", f"{len(different)} of {len(outputs[0])} (site, packs, exports)")
    assert different == []
    assert any(k.endswith(".docx") for k in outputs[0]) and any(k.startswith("data/") for k in outputs[0])
    assert {"pptx", "odp", "zip"} <= {k.rsplit(".", 1)[-1] for k in outputs[0] if k.startswith("downloads/")}  # slide decks and course kits too


def test_profile_fills_pages_and_packs(tiny: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import zipfile

    profile = tmp_path / "anytown.yml"
    profile.write_text("edition: Anytown Council edition\nvalues:\n  authority_name: Borchester Council\n  weighting: 15\n")
    code, _, err = run(capsys, "--root", str(tiny), "build", "--profile", str(profile))
    assert code == 0, err
    page = (tiny / "site/clauses/sv-tst-01/index.html").read_text()
    assert "Borchester Council" in page and "15% of the total score" in page
    assert "Anytown Council edition" in (tiny / "site/index.html").read_text()
    document = zipfile.ZipFile(tiny / "site/downloads/svkb-clauses-complete.docx").read("word/document.xml").decode()
    assert "Borchester Council" in document and "[Name of contracting authority]" not in document
    bad = tmp_path / "bad.yml"
    bad.write_text("edition: Anytown Council edition\nvalues:\n  weighting: 150\n")
    code, _, err = run(capsys, "--root", str(tiny), "check", "--profile", str(bad))
    assert code == 1 and "bad.yml:3:14: error P003: values.weighting: 'weighting' is 150; it must be between 0 and 100 (in SV-TST-01)" in err


def test_schemas_are_published_with_the_site(built_tiny: Path) -> None:
    import json

    for name in ("casestudy", "clause", "indicator", "page", "taxonomy", "profile"):
        schema = json.loads((built_tiny / f"site/schemas/{name}.schema.json").read_text())
        assert schema["$schema"].startswith("https://json-schema.org/")


def test_every_schema_field_has_a_description() -> None:
    import json

    def walk(node: object, where: str) -> list[str]:
        missing = []
        if isinstance(node, dict):
            for key, value in node.get("properties", {}).items():
                if isinstance(value, dict) and "description" not in value:
                    missing.append(f"{where}.{key}")
            for key, value in node.items():
                if key not in {"if", "then", "else"}:  # conditions restate fields described elsewhere
                    missing += walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                missing += walk(value, f"{where}[{i}]")
        return missing

    for path in sorted((ROOT / "generator/schemas").glob("*.json")):
        assert walk(json.loads(path.read_text()), path.name) == []


def test_rendering_on_every_core_gives_the_same_pages_as_one_process() -> None:
    """Large catalogues are rendered by forked workers; the pages must not depend on it."""
    import threading

    from generator.parallel import can_fork
    from generator.render import render_pages

    assert can_fork(), f"this test must exercise forked workers; threads alive: {threading.enumerate()}"
    result = generate(Project(ROOT))
    assert result.exit_code == 0 and result.catalog is not None
    serial = render_pages(result.catalog, result.profile, 1767225600, parallel=False)
    forked = render_pages(result.catalog, result.profile, 1767225600, parallel=True)
    assert len(serial) > 200 and [p.dest_path for p in forked] == [p.dest_path for p in serial]
    assert [p.dest_path for p, q in zip(serial, forked, strict=True) if p.data() != q.data()] == []


class _TwoArgumentError(Exception):
    """Like the clause-template error: it takes two arguments, so it does not survive pickling."""

    def __init__(self, line: int, message: str):
        super().__init__(f"line {line}: {message}")


def _fails() -> None:
    raise _TwoArgumentError(3, "too long")


def test_a_job_that_fails_in_a_worker_raises_its_own_error() -> None:
    from generator.parallel import run_all

    assert run_all([lambda: 1, lambda: 2]) == [1, 2]
    with pytest.raises(_TwoArgumentError, match="line 3: too long"):
        run_all([lambda: 1, _fails])
