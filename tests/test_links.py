"""Links that never break: published addresses, redirects, anchor aliases and frozen clause versions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.urlcheck import read_manifest, site_addresses
from tests.conftest import ROOT, run, tree_bytes


def test_committed_manifest_matches_the_site(built_real: Path) -> None:
    published = read_manifest(ROOT)
    assert published, "published-urls.txt is missing: run `svkb urls` and commit it"
    current = site_addresses(built_real / "site")
    assert sorted(published - current) == [], "addresses gone from the site (add redirects, or run `svkb urls` if intended)"
    assert sorted(current - published) == [], "new addresses not recorded: run `svkb urls` and commit published-urls.txt"


def test_removing_a_page_without_a_redirect_fails_the_build(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--root", str(tiny), "urls")[0] == 0
    assert run(capsys, "--root", str(tiny), "build")[0] == 0
    before = tree_bytes(tiny / "site")
    (tiny / "casestudies/borsetshire-green-fleet.yml").unlink()
    code, _, err = run(capsys, "--root", str(tiny), "build")
    assert code == 1
    assert "error U001: published address '/case-studies/borsetshire-green-fleet/' would disappear" in err
    assert tree_bytes(tiny / "site") == before
    redirects = tiny / "content/redirects.yml"
    redirects.write_text("pages:\n  case-studies/borsetshire-green-fleet/: case-studies/anytown-local-jobs/\nanchors: {}\n")
    code, _, err = run(capsys, "--root", str(tiny), "build")
    assert code == 0, err
    moved = (tiny / "site/case-studies/borsetshire-green-fleet/index.html").read_text()
    assert 'content="0; url=../../case-studies/anytown-local-jobs/"' in moved


def test_renaming_a_heading_needs_an_anchor_alias(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--root", str(tiny), "urls")[0] == 0
    page = tiny / "content/guidance/fixture-guide.md"
    page.write_text(page.read_text().replace("## What it says", "## What the fixture says"))
    code, _, err = run(capsys, "--root", str(tiny), "build")
    assert code == 1 and "'/guidance/fixture-guide/#what-it-says' would disappear" in err
    (tiny / "content/redirects.yml").write_text("pages: {}\nanchors:\n  guidance/fixture-guide/#what-it-says: what-the-fixture-says\n")
    code, _, err = run(capsys, "--root", str(tiny), "build")
    assert code == 0, err
    html = (tiny / "site/guidance/fixture-guide/index.html").read_text()
    assert '<span class="svkb-anchor-alias" data-svkb-alias-for="what-the-fixture-says" id="what-it-says"></span>' in html or 'id="what-it-says"' in html


def test_a_clause_at_version_2_keeps_version_1_with_notice_and_comparison(built_tiny: Path) -> None:
    old = (built_tiny / "site/clauses/sv-tst-02/v1/index.html").read_text()
    assert "This is an earlier version" in old and "The current version is 2.0.0" in old
    assert "<ins>social value </ins>" in old.replace("<ins>social </ins><ins>value </ins>", "<ins>social value </ins>") or re.search(r"<ins>\s*social value\s*</ins>", old)
    assert "Says plainly that the question is about social value." in old
    assert "1 word(s) removed" not in old and "2 word(s) added" in old
    current = (built_tiny / "site/clauses/sv-tst-02/v2/index.html").read_text()
    assert "This is the current version" in current
    latest = (built_tiny / "site/clauses/sv-tst-02/index.html").read_text()
    assert 'href="v1/"' in latest and 'href="v2/"' in latest


def test_what_changed_page_and_atom_feed(built_real: Path) -> None:
    import xml.etree.ElementTree as ET

    from generator.build import Project, generate

    catalog = generate(Project(built_real)).catalog
    feed = ET.parse(built_real / "site/changes.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("a:entry", ns)
    expected = sum(len(c.changelog) for c in catalog.clauses) + sum(len(p.review_history) for p in catalog.pages)
    assert len(entries) == expected > 0
    ids = [e.find("a:id", ns).text for e in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
    dates = [e.find("a:updated", ns).text for e in entries]
    assert dates == sorted(dates, reverse=True) and feed.find("a:updated", ns).text == dates[0]
    for entry in entries:
        assert (built_real / "site" / entry.find("a:link", ns).get("href") / "index.html").is_file()
    page = (built_real / "site/changes/index.html").read_text()
    assert 'href="../changes.xml"' in page and "SV-EMP-01 version 1.0.0" in page


def test_renaming_an_item_is_one_edit_in_its_file(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--root", str(tiny), "urls")[0] == 0
    old = tiny / "casestudies/borsetshire-green-fleet.yml"
    text = old.read_text().replace("id: borsetshire-green-fleet", "id: borsetshire-electric-fleet\nprevious_ids: [borsetshire-green-fleet]")
    old.unlink()
    (tiny / "casestudies/borsetshire-electric-fleet.yml").write_text(text)
    code, _, err = run(capsys, "--root", str(tiny), "build")
    assert code == 0, err
    moved = (tiny / "site/case-studies/borsetshire-green-fleet/index.html").read_text()
    assert 'url=../../case-studies/borsetshire-electric-fleet/"' in moved
