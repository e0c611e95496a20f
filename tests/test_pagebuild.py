"""MkDocs' page loops on every core (generator/pagebuild.py) make the same site as MkDocs' own build."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import pagebuild
from generator.build import Project, build
from tests.conftest import run, tree_bytes


def _build(project: Path, monkeypatch: pytest.MonkeyPatch, parallel: bool) -> dict[str, bytes]:
    with monkeypatch.context() as m:
        if parallel:
            m.setattr(pagebuild, "PAGES_PER_JOB", 5)  # many small runs: order and hand-back are exercised
        else:
            m.setattr(pagebuild, "parallel_safe", lambda config: False)
        result = build(Project(project, cache=False))
    assert result.exit_code == 0, result.diagnostics
    return tree_bytes(project / "site")


def test_parallel_build_makes_the_same_bytes_as_mkdocs_own_build(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.parallel import can_fork

    assert can_fork(), "this test must exercise forked workers"
    serial = _build(tiny, monkeypatch, parallel=False)
    parallel = _build(tiny, monkeypatch, parallel=True)
    assert sorted(parallel) == sorted(serial)
    different = [name for name in serial if serial[name] != parallel[name]]
    assert not different, f"differ between MkDocs' build and the parallel one: {different[:5]}"
    assert any(name.startswith("search/") and name != "search/search_index.json" for name in parallel), "the split search index is compared too"


def test_warnings_from_workers_fail_the_build_as_mkdocs_own_do(tiny: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    page = tiny / "content/guidance/fixture-guide.md"
    page.write_text(page.read_text() + "\nSee [a page that does not exist](no-such-page.md) and [a missing anchor](#nowhere).\n")
    found = {}
    for parallel in (False, True):
        with monkeypatch.context() as m:
            if parallel:
                m.setattr(pagebuild, "PAGES_PER_JOB", 5)
            else:
                m.setattr(pagebuild, "parallel_safe", lambda config: False)
            code, _, err = run(capsys, "--root", str(tiny), "build")
        assert code == 1
        found[parallel] = sorted(line for line in err.splitlines() if " error " in line or " warning " in line)
    assert found[True] == found[False]
    assert any("no-such-page.md" in line for line in found[True])
    assert any("nowhere" in line for line in found[True])


def test_an_error_in_a_worker_is_raised_as_mkdocs_raises_it(tiny: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    from mkdocs.structure.pages import Page

    render = Page.render

    def broken(self, config, files):  # type: ignore[no-untyped-def]
        if self.file.src_uri.startswith("guidance/"):
            raise ValueError("a broken extension")
        return render(self, config, files)

    monkeypatch.setattr(Page, "render", broken)
    monkeypatch.setattr(pagebuild, "PAGES_PER_JOB", 5)
    with pytest.raises(ValueError, match="a broken extension"):
        build(Project(tiny, cache=False))
    assert any("Error reading page 'guidance/" in r.getMessage() for r in caplog.records)


def test_pages_are_parsed_for_the_audit_as_they_are_written(tiny: Path) -> None:
    result = build(Project(tiny))
    assert result.exit_code == 0
    pages = sorted((tiny / "site").rglob("*.html"))
    entries = (tiny / "build/cache/audit/parsed.jsonl").read_bytes().splitlines()
    assert len(entries) >= len({p.read_bytes() for p in pages}) - 2  # one per distinct page (extra HTML files are parsed by the audit itself)
    assert [p.name for p in (tiny / "build/cache/audit").iterdir()] == ["parsed.jsonl"]  # the workers' logs, gathered into one file


def test_an_unknown_plugin_on_a_page_event_keeps_mkdocs_own_build() -> None:
    class Config:
        class plugins:  # noqa: N801 - stands for MkDocs' PluginCollection
            events = {"pre_page": [], "page_content": [], "page_context": [lambda context, **kw: context], "post_page": []}

    assert not pagebuild.parallel_safe(Config())
