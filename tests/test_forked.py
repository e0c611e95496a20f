"""A build checks and renders in a forked child (generator/forked.py), so MkDocs' memory does not
come on top of the catalogue's; where forking is unsafe it does the same in one process."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

import generator.build
from generator import forked
from generator.build import Project, check
from generator.render import render_pages
from generator.render.pages import Page
from generator.renderwrite import write_rendered
from generator.siteaudit import _built_sources
from generator.sourcemap import outline
from generator.write import OutputError
from tests.conftest import FIXTURE, ROOT, run, tree_bytes

EPOCH = 1767225600


def _pid() -> int:
    return os.getpid()


def _fails() -> None:
    raise ValueError("raised as it would be without a child")


class _Thread:
    """A second thread, as the live preview's server runs: forking is then unsafe."""

    def __enter__(self) -> None:
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.stop.wait)
        self.thread.start()

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()


def test_job_runs_in_a_child_and_its_value_comes_back() -> None:
    assert forked.call(_pid) != os.getpid()
    assert forked.call(lambda: {"nav": [{"Home": "index.md"}], "redirects": {"a/"}}) == {"nav": [{"Home": "index.md"}], "redirects": {"a/"}}


def test_job_that_fails_in_the_child_raises_here() -> None:
    with pytest.raises(ValueError, match="without a child"):
        forked.call(_fails)


def test_job_runs_here_when_forking_is_unsafe() -> None:
    assert forked.call(_pid, fork=False) == os.getpid()
    with _Thread():
        assert forked.call(_pid) == os.getpid()


def _sleeps() -> None:
    import time

    time.sleep(60)


def test_a_started_job_runs_beside_this_process_and_can_be_cancelled() -> None:
    pending = forked.start(_pid)
    assert pending.result() != os.getpid()
    pending.cancel()  # nothing left to stop
    slow = forked.start(_sleeps)
    slow.cancel()
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child left behind
    with _Thread():
        assert forked.start(_pid).result() == os.getpid()  # no fork: runs when asked


def test_offline_copy_written_beside_the_audit_does_not_hold_itself(built_tiny: Path) -> None:
    import zipfile

    with zipfile.ZipFile(built_tiny / "site/downloads/svkb-offline-site.zip") as archive:
        names = archive.namelist()
    assert "svkb-offline-site/index.html" in names
    assert not any(name.endswith("svkb-offline-site.zip") for name in names)


def test_outline_locates_as_the_catalogue_does() -> None:
    catalog = check(Project(ROOT)).catalog
    assert catalog is not None
    assert _built_sources(outline(catalog)) == _built_sources(catalog)


def test_build_checks_and_renders_in_a_child(tiny: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    record = tmp_path / "checked-in"
    real_check = generator.build.check

    def recording(project: Project) -> generator.build.Result:
        record.write_text(str(os.getpid()))
        return real_check(project)

    monkeypatch.setattr(generator.build, "check", recording)
    assert run(capsys, "--root", str(tiny), "build")[0] == 0
    assert int(record.read_text()) != os.getpid()


def test_build_without_a_child_makes_the_same_site(tiny: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(capsys, "--root", str(tiny), "build")[0] == 0
    forked_site = tree_bytes(tiny / "site")
    with _Thread():
        code, out, err = run(capsys, "--root", str(tiny), "build", "--site-dir", str(tmp_path / "same-process"))
    assert code == 0, err
    assert tree_bytes(tmp_path / "same-process") == forked_site


def test_error_found_after_the_child_is_located_and_keeps_the_previous_site(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A broken link is found by MkDocs in the parent, after the child and its catalogue are gone:
    it is still reported at its source file and line, and the previous site stays as it was."""
    assert run(capsys, "--root", str(tiny), "build")[0] == 0
    before = tree_bytes(tiny / "site")
    study = tiny / "casestudies/anytown-local-jobs.yml"
    study.write_text(study.read_text().replace("context: |\n", "context: |\n  See [the missing page](../no-such-study/).\n", 1))
    code, _, err = run(capsys, "--root", str(tiny), "build")
    assert code == 1
    assert "casestudies/anytown-local-jobs.yml:20:29: error H006: link '../no-such-study/'" in err, err  # found by the site audit, in the built page
    assert "(in (built) case-studies/anytown-local-jobs/index.html)" in err
    assert tree_bytes(tiny / "site") == before
    assert not list((tiny / "build").glob(".staging-*"))
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # the offline copy's child, started before the audit failed, is gone


@pytest.mark.parametrize("parallel", [False, True])
def test_parts_written_where_rendered_match_the_rendered_pages(tmp_path: Path, parallel: bool) -> None:
    """Each part of rendering is written where it is rendered (a worker, on a large catalogue):
    the files are the pages rendering gives, in docs/ or, for the built site only, extra/."""
    result = check(Project(FIXTURE))
    assert result.catalog is not None
    count = write_rendered(result.catalog, result.profile, EPOCH, "", tmp_path, parallel)
    pages = render_pages(result.catalog, result.profile, EPOCH)
    expected = {("extra/" if p.site_only else "docs/") + p.dest_path: p.data() for p in pages}
    assert count == len(pages)
    assert {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == expected


def test_two_parts_sharing_an_address_fail_as_one_writer_would(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.renderwrite

    jobs = [lambda: [Page("a/index.md", "first")], lambda: [Page("b/index.md", "b")], lambda: [Page("A/index.md", "second")]]
    monkeypatch.setattr(generator.renderwrite, "render_jobs", lambda *args: jobs)
    result = check(Project(FIXTURE))
    assert result.catalog is not None
    with pytest.raises(OutputError, match=r"'A/index.md' would be written twice \(also as 'a/index.md'\); two items share an address"):
        write_rendered(result.catalog, result.profile, EPOCH, "", tmp_path, parallel=False)
