"""Ready to deploy: the site's address and its publisher come from configuration (mkdocs.yml or
$SVKB_SITE_URL), and the built pages, sitemap and citations use them."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from generator.publishing import ENV_SITE_URL, footer, publisher, publishing_diagnostics, site_url
from tests.conftest import FIXTURE, copy_project, run_process

SITE = "https://example.org/svkb/"


def test_environment_variable_overrides_the_configured_address(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nsite_url: https://configured.example/\n", encoding="utf-8")
    monkeypatch.delenv(ENV_SITE_URL, raising=False)
    assert site_url(config) == "https://configured.example/"
    monkeypatch.setenv(ENV_SITE_URL, "https://deployed.example/kb")
    assert site_url(config) == "https://deployed.example/kb/"


def test_missing_address_and_contact_are_warnings_not_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    monkeypatch.delenv(ENV_SITE_URL, raising=False)
    found = publishing_diagnostics(config)
    assert [(d.rule, d.severity) for d in found] == [("P001", "warning"), ("P002", "warning")]
    assert publisher(config)["name"] == "Social Value Knowledge Base"
    assert "has not given a contact address" in footer(publisher(config))


def test_footer_names_the_publisher_and_links_to_report_a_problem() -> None:
    line = footer({"name": "Anytown Council", "contact_url": "https://anytown.example/contact", "email": ""})
    assert line.startswith("Published by Anytown Council.")
    assert '<a href="https://anytown.example/contact">Report a problem or give feedback to Anytown Council</a>' in line
    assert "Open Government Licence v3.0" in line and "MIT licence" in line


@pytest.fixture(scope="module")
def deployed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny project built with a configured address and publisher."""
    project = copy_project(FIXTURE, tmp_path_factory.mktemp("deployed") / "tiny")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("    # contact_url: https://example.org/contact/", "    contact_url: https://anytown.example/contact"), encoding="utf-8")
    proc = run_process("--root", str(project), "build", env={**os.environ, ENV_SITE_URL: SITE})
    assert proc.returncode == 0, proc.stderr
    assert "P001" not in proc.stdout + proc.stderr and "P002" not in proc.stdout + proc.stderr
    return project / "site"


def test_sitemap_lists_every_page_at_the_configured_address(deployed: Path) -> None:
    pages = {p.parent.relative_to(deployed).as_posix() for p in deployed.rglob("index.html")}
    listed = set(re.findall(r"<loc>([^<]+)</loc>", (deployed / "sitemap.xml").read_text(encoding="utf-8")))
    expected = {SITE + ("" if page == "." else page + "/") for page in pages if "http-equiv=\"refresh\"" not in (deployed / page / "index.html").read_text(encoding="utf-8")}
    assert expected and expected <= listed


def test_every_page_has_a_canonical_link_and_names_its_publisher(deployed: Path) -> None:
    for page in deployed.rglob("index.html"):
        text = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text:
            continue
        path = page.parent.relative_to(deployed).as_posix()
        assert f'<link rel="canonical" href="{SITE}{"" if path == "." else path + "/"}">' in text, path
        assert "Published by Social Value Knowledge Base." in text and "https://anytown.example/contact" in text, path


def test_citation_without_an_address_gives_the_page_path(built_real: Path) -> None:
    from tests.browser import chromium, serve

    with serve(built_real / "site") as site, chromium() as browser:
        page = browser.new_page(base_url=site)
        page.goto("guidance/the-act/")
        cite = page.text_content("[data-svkb-cite-output]") or ""
        assert cite.endswith(" /guidance/the-act/"), cite
        assert "127.0.0.1" not in cite and "file:" not in cite and "localhost" not in cite


def test_a_site_served_under_a_path_builds_and_its_404_page_links_stay_on_the_site(tmp_path: Path) -> None:
    """With site_url https://host/svkb/ the theme writes absolute links (/svkb/...) on the 404 page: the
    audit resolves them against that path, and no route link may start '//' (another host)."""
    project = copy_project(FIXTURE, tmp_path / "tiny")
    proc = run_process("--root", str(project), "build", env={**os.environ, ENV_SITE_URL: "https://anytown.example/svkb/"})
    assert proc.returncode == 0, proc.stderr
    links = re.findall(r'href="([^"]+)"', (project / "site/404.html").read_text(encoding="utf-8"))
    assert "/svkb/clauses/" in links and not [link for link in links if link.startswith("//")]
    plain = copy_project(FIXTURE, tmp_path / "plain")
    assert run_process("--root", str(plain), "build").returncode == 0
    assert not [link for link in re.findall(r'href="([^"]+)"', (plain / "site/404.html").read_text(encoding="utf-8")) if link.startswith("//")]
