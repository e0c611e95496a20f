"""Check a clause you already have: the published clause texts, and the page finding pasted clauses in Chromium."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from generator.build import Project, generate
from generator.clausedoc import copy_text, document_for
from generator.render.checkcopy import DATA, GLOBAL, clause_entry
from generator.render.versions import versions
from tests.browser import serve
from tests.checkvariants import Variant, clause_variants, hard_variants, unrelated_variants
from tests.conftest import FIXTURE, ROOT
from tests.report import record

REQUIRED_ACCURACY = 0.95
REQUIRED_ACCURACY_HARD = 0.9  # harder pastes than the issue asks for; reported so a regression shows


def published_texts(site: Path) -> dict:
    script = (site / DATA).read_text(encoding="utf-8")
    prefix = f"window.{GLOBAL} = "
    return json.loads(script[script.index(prefix) + len(prefix):].rstrip().rstrip(";"))


@pytest.mark.parametrize("root", [ROOT, FIXTURE], ids=["real", "tiny"])
def test_every_version_joins_back_to_the_copy_text(root: Path) -> None:
    catalog = generate(Project(root)).catalog
    for clause in catalog.clauses:
        entry = clause_entry(clause)
        assert [v["version"] for v in entry["versions"]] == [v.version for v in versions(clause, {})]
        for published, version in zip(entry["versions"], versions(clause, {}), strict=True):
            assert "".join(part[1] for part in published["parts"]) == version.text, (clause.id, version.version)
            assert {part[0] for part in published["parts"]} <= {"", "p", "o", "q"}


def test_the_site_publishes_every_clause_version_with_its_changelog(built_tiny: Path) -> None:
    data = published_texts(built_tiny / "site")
    clause = next(c for c in data["clauses"] if c["id"] == "SV-TST-02")
    assert [v["version"] for v in clause["versions"]] == ["1.1.0", "2.0.0"]
    assert clause["url"] == "clauses/sv-tst-02" and clause["versions"][0]["url"] == "clauses/sv-tst-02/v1"
    assert [e["version"] for e in clause["changelog"]] == ["2.0.0", "1.1.0", "1.0.0"]
    assert ["p", "[Name of contracting authority]", 30] in clause["versions"][1]["parts"]
    html = (built_tiny / "site/check/index.html").read_text(encoding="utf-8")
    assert '<script src="../assets/svkb/checkcopy.js"></script>' in html  # it loads clause-texts.js from beside itself
    assert '<label for="svkb-check-text">' in html and 'role="status"' in html


# --- In the browser --------------------------------------------------------------------------


def paste_and_check(page, text: str) -> dict:  # type: ignore[no-untyped-def]
    """Paste text, press the button, and read what the page found."""
    results = page.locator("[data-svkb-check-results]")
    before = results.get_attribute("data-svkb-check-run") or "0"
    page.fill("#svkb-check-text", text)
    page.click("button[type=submit]")
    page.wait_for_selector(f"[data-svkb-check-results][data-svkb-check-run='{int(before) + 1}']", state="attached")
    match = page.locator("[data-svkb-check-clause]")
    if not match.count():
        return {"clause": "", "version": "", "none": page.locator("[data-svkb-check-none]").count() == 1}
    return {"clause": match.get_attribute("data-svkb-check-clause"), "version": match.get_attribute("data-svkb-check-version"),
            "confidence": float(match.get_attribute("data-svkb-check-confidence") or 0)}


def run_variants(page, variants: list[Variant]) -> tuple[float, list[str], list[str]]:  # type: ignore[no-untyped-def]
    """Accuracy over clause variants, the clause variants missed, and unrelated texts that matched."""
    right, missed, false = 0, [], []
    for variant in variants:
        found = paste_and_check(page, variant.text)
        if variant.clause and (found["clause"], found["version"]) == (variant.clause, variant.version):
            right += 1
        elif variant.clause:
            missed.append(f"{variant.clause} {variant.kind}: found {found['clause'] or 'nothing'}")
        elif found["clause"]:
            false.append(f"{variant.kind}: {variant.text[:60]}... matched {found['clause']}")
    return right / sum(1 for v in variants if v.clause), missed, false


@pytest.fixture(scope="module")
def variants(built_real: Path) -> list[Variant]:
    return clause_variants(generate(Project(built_real)).catalog) + unrelated_variants(built_real)


@pytest.mark.browser
def test_every_clause_is_found_when_filled_reworded_or_truncated_and_unrelated_text_never_is(browser, built_real: Path, variants: list[Variant]) -> None:  # type: ignore[no-untyped-def]
    with serve(built_real / "site") as url:
        page = browser.new_page(base_url=url)
        page.goto("check/")
        accuracy, missed, false = run_variants(page, variants)
        page.close()
    clauses, unrelated = sum(1 for v in variants if v.clause), sum(1 for v in variants if not v.clause)
    record("check my copy: right clause and version (served)", f"{accuracy:.1%} of {clauses} variants; {len(false)} false matches in {unrelated} unrelated texts")
    assert accuracy >= REQUIRED_ACCURACY, missed
    assert false == []


@pytest.mark.browser
def test_harder_pastes_are_still_mostly_found(browser, built_real: Path) -> None:  # type: ignore[no-untyped-def]
    variants = hard_variants(generate(Project(built_real)).catalog)
    with serve(built_real / "site") as url:
        page = browser.new_page(base_url=url)
        page.goto("check/")
        accuracy, missed, _ = run_variants(page, variants)
        page.close()
    record("check my copy: harder pastes (10% of words changed, PDF line breaks, one sentence, a quarter, in context)", f"{accuracy:.1%} of {len(variants)}")
    assert accuracy >= REQUIRED_ACCURACY_HARD, missed


@pytest.mark.browser
def test_the_check_works_from_the_offline_copy(browser, built_real: Path, variants: list[Variant], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(built_real / "site/downloads/svkb-offline-site.zip") as z:
        z.extractall(tmp_path)
    root = tmp_path / "svkb-offline-site"
    page = browser.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("file:", "data:", "blob:")) else None)
    page.goto((root / "check/index.html").as_uri())
    accuracy, missed, false = run_variants(page, variants)
    found = paste_and_check(page, variants[0].text)
    link = page.locator("[data-svkb-check-clause] a").first.get_attribute("href")
    target = (root / "check" / link).resolve()
    page.close()
    record("check my copy: right clause and version (offline copy, file://)", f"{accuracy:.1%}; {len(false)} false matches")
    assert accuracy >= REQUIRED_ACCURACY, missed
    assert false == [] and outside == []
    assert found["clause"] == variants[0].clause and target.is_file() and target.name.endswith(".html"), link


@pytest.fixture(scope="module")
def tiny_page(browser, built_tiny: Path):  # type: ignore[no-untyped-def]
    with serve(built_tiny / "site") as url:
        page = browser.new_page(base_url=url)
        page.goto("check/")
        yield page
        page.close()


def _filled_old_version(root: Path) -> str:
    clause = generate(Project(root)).catalog.clause("SV-TST-02")
    old = clause.history[0]
    return copy_text(document_for(old.body, old.variables, {k: v for k, v in clause.sample.items() if k != "authority_name"} | {"authority_name": "Borsetshire County Council"}))


@pytest.mark.browser
def test_clauses_with_the_same_text_are_both_named(tiny_page, built_tiny: Path) -> None:  # type: ignore[no-untyped-def]
    """SV-TST-01 reads exactly as version 1.1.0 of SV-TST-02 did: the page must name both."""
    found = paste_and_check(tiny_page, _filled_old_version(built_tiny))
    assert (found["clause"], found["version"]) == ("SV-TST-01", "1.1.0")
    other = tiny_page.locator("[data-svkb-check-other='SV-TST-02']").inner_text()
    assert "version 1.1.0, 100%; a newer version, 2.0.0, exists" in other


@pytest.mark.browser
def test_an_old_version_is_named_with_what_changed_since(browser, built_tiny: Path) -> None:  # type: ignore[no-untyped-def]
    data = published_texts(built_tiny / "site")
    data["clauses"] = [c for c in data["clauses"] if c["id"] != "SV-TST-01"]
    script = f"window.{GLOBAL} = {json.dumps(data)};"
    with serve(built_tiny / "site") as url:
        page = browser.new_page(base_url=url)
        page.route("**/clause-texts.js", lambda route: route.fulfill(body=script, content_type="text/javascript"))
        page.goto("check/")
        found = paste_and_check(page, _filled_old_version(built_tiny))
        assert (found["clause"], found["version"]) == ("SV-TST-02", "1.1.0")
        assert page.locator("[data-svkb-check-newer]").get_attribute("data-svkb-check-newer") == "2.0.0"
        results = page.locator("[data-svkb-check-results]").inner_text()
        assert "What changed since version 1.1.0:" in results and "Says plainly that the question is about social value." in results
        assert "Added the training budget." not in results
        page.wait_for_function("document.querySelector('[data-svkb-check-status]').textContent.endsWith('A newer version exists.')")
        assert page.locator("[data-svkb-check-clause] a").first.get_attribute("href") == "../clauses/sv-tst-02/v1/"
        page.close()


@pytest.mark.browser
def test_the_comparison_marks_filled_placeholders_and_edits(tiny_page) -> None:  # type: ignore[no-untyped-def]
    text = "Borsetshire County Council will give this social value question 15% of the whole score.\n\nThe Supplier shall report every three months from 1 May 2027 and spend at least £9,000 on training."
    found = paste_and_check(tiny_page, text)
    assert (found["clause"], found["version"]) == ("SV-TST-02", "2.0.0")
    diff = tiny_page.locator(".svkb-check__diff")
    marks = diff.locator("mark.svkb-check__filled").all_inner_texts()
    assert any("Borsetshire County Council" in m and "Name of contracting authority" in m for m in marks)
    assert any("£9,000" in m for m in marks)
    assert "whole" in diff.locator("ins").all_inner_texts()[0] and "total" in diff.locator("del").all_inner_texts()[0]
    assert diff.locator("del.svkb-check__unused").count() >= 1  # the reporting option not chosen
    assert "This is the current version" in tiny_page.locator("[data-svkb-check-results]").inner_text()


@pytest.mark.browser
def test_too_little_text_and_unrelated_text_say_so(tiny_page) -> None:  # type: ignore[no-untyped-def]
    found = paste_and_check(tiny_page, "The Supplier shall report")
    tiny_page.wait_for_function("document.querySelector('[data-svkb-check-status]').textContent.includes('at least a sentence')")
    assert found["clause"] == ""
    found = paste_and_check(tiny_page, "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.")
    assert found == {"clause": "", "version": "", "none": True}
    tiny_page.wait_for_function("document.querySelector('[data-svkb-check-status]').textContent.startsWith('No clause')")
    assert tiny_page.locator("[data-svkb-check-status]").inner_text() == "No clause in the library matches this text."


@pytest.mark.browser
def test_the_check_works_by_keyboard_alone(browser, built_tiny: Path) -> None:  # type: ignore[no-untyped-def]
    with serve(built_tiny / "site") as url:
        page = browser.new_page(base_url=url)
        page.goto("check/")
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "svkb-check-text":
                break
        assert page.evaluate("document.activeElement.id") == "svkb-check-text"
        page.keyboard.insert_text(_filled_old_version(built_tiny))
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Check this text"
        page.keyboard.press("Enter")
        page.wait_for_function("document.querySelector('[data-svkb-check-status]').textContent.startsWith('Best match: SV-TST-01 version 1.1.0')")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")  # Clear
        assert page.input_value("#svkb-check-text") == "" and page.locator("[data-svkb-check-clause]").count() == 0
        page.close()
