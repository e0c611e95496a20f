"""Hostile text from content comes out inert in the built HTML (robustness rows 27-30 and 24),
and the whole built site carries no javascript: link, inline handler or stray script."""

from __future__ import annotations

import html.parser
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import FIXTURE, ROOT, copy_project, run, tree_bytes


class _Audit(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self.inline_scripts: list[str] = []
        self._in_script = False
        self._script = ""
        self._article_depth = 0  # > 0 inside the page content (<article>), where content lands

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in {"href", "src", "action", "formaction", "xlink:href"} and value and value.strip().lower().startswith(("javascript:", "vbscript:", "data:text/html")):
                self.problems.append(f"<{tag} {name}={value[:40]}>")
            if name == "target" and value == "_blank":
                rel = dict(attrs).get("rel") or ""
                if "noopener" not in rel:
                    self.problems.append(f"<{tag} target=_blank> without rel=noopener")
        if tag == "article":
            self._article_depth += 1
        allowed_form = tag == "form" and bool({"data-svkb-filters", "data-svkb-check", "data-svkb-calc-form"} & dict(attrs).keys())  # our own: filters, clause check, calculators
        if self._article_depth and tag in {"iframe", "form", "object", "embed", "svg", "math", "style"} and not allowed_form:
            self.problems.append(f"<{tag}> in the content")
        if tag == "script":
            src = dict(attrs).get("src")
            if src and src.startswith(("http:", "https:", "//")):
                self.problems.append(f"<script src={src}>")
            self._in_script, self._script = src is None, ""

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self._script += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._article_depth -= 1
        if tag == "script" and self._in_script:
            self.inline_scripts.append(self._script.strip())
            self._in_script = False


def _shape(script: str) -> str:
    """An inline script's start with its relative paths removed (they differ with page depth)."""
    return re.sub(r'"[./]*"', '""', script)[:25]


def audit_site(site: Path) -> dict[str, list[str]]:
    """Every problem per HTML page; inline scripts must be the theme's own."""
    allowed: set[str] = set()
    reference = _Audit()
    reference.feed((site / "404.html").read_text(encoding="utf-8"))
    allowed = {_shape(s) for s in reference.inline_scripts}
    found: dict[str, list[str]] = {}
    for page in sorted(site.rglob("*.html")):
        audit = _Audit()
        audit.feed(page.read_text(encoding="utf-8"))
        stray = [s[:40] for s in audit.inline_scripts if _shape(s) not in allowed]
        problems = audit.problems + [f"inline script {s!r}" for s in stray]
        if problems:
            found[page.relative_to(site).as_posix()] = problems
    return found


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(FIXTURE, tmp_path_factory.mktemp("hostile") / "project")
    shutil.copy(ROOT / "tests/fixtures/hostile.yml", project / "casestudies/hostile-input.yml")
    proc = subprocess.run([sys.executable, "-m", "generator", "--root", str(project), "build"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    return project / "site"


def test_hostile_case_study_renders_as_harmless_text(hostile_site: Path) -> None:
    page = (hostile_site / "case-studies/hostile-input/index.html").read_text()
    assert audit_site(hostile_site) == {}
    assert "&lt;script&gt;alert('t')&lt;/script&gt;" in page or "&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt;" in page
    assert not re.search(r"(href|src|action)\s*=\s*[\"']?\s*(javascript|vbscript|data):", page, re.IGNORECASE)
    assert 'rel="noopener noreferrer"' in page
    content = page.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
    for banned in ("<iframe", "<form", "<math", "<svg", "<script", "<img", "<div onmouseover"):
        assert banned not in content


def test_real_site_has_no_scripts_or_handlers_from_content(built_real: Path) -> None:
    assert audit_site(built_real / "site") == {}


def test_killed_build_leaves_previous_site_and_nothing_publishable(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--root", str(tiny), "build")[0] == 0
    before = tree_bytes(tiny / "site")
    proc = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(tiny), "build"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 30
    while time.time() < deadline and not list((tiny / "build").glob(".staging-*/site")):
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert tree_bytes(tiny / "site") == before
    assert run(capsys, "--root", str(tiny), "build")[0] == 0
    assert not list((tiny / "build").glob(".staging-*"))
