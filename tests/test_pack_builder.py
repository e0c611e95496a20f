"""The pack builder page writes, in the browser, exactly the pack that `svkb pack` writes.

Each format is downloaded from Chromium and compared with the command's output: every part inside
the DOCX and ODT packages byte for byte after unzipping, and the Markdown byte for byte.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
import yaml

from generator.build import Project, check
from tests.conftest import run_process

pytestmark = pytest.mark.browser

CLAUSES = ["SV-GEN-07", "SV-FW-01", "SV-GEN-01", "SV-EMP-02", "SV-SUP-04"]  # five clauses, most with alternatives
TITLE = "Anytown tender: social value clauses"
EDITION = "Anytown Council edition"


def sample_values(project: Path, ids: list[str]) -> dict[str, Any]:
    """For each variable of the chosen clauses, a sample value every clause declaring that name accepts."""
    from tests.test_clause_outputs import sample_profile

    catalog = check(Project(project)).catalog
    wanted = {v.name for i in ids for v in catalog.clause(i).variables}
    return {name: value for name, value in sample_profile(catalog).items() if name in wanted}


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()


def cli_pack(project: Path, tmp_path: Path, values: dict[str, Any], ids: list[str] = CLAUSES) -> dict[str, bytes]:
    profile = tmp_path / "profile.yml"
    profile.write_text(yaml.safe_dump({"edition": EDITION, "values": values}, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "cli"
    proc = run_process("--root", str(project), "pack", "--clauses", ",".join(ids), "--title", TITLE, "--profile", str(profile), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    return {fmt: (out / f"svkb-clauses-my-selection.{fmt}").read_bytes() for fmt in ("docx", "odt", "md")}


def download(page: Any, fmt: str, tmp_path: Path) -> bytes:
    with page.expect_download() as info:
        page.click(f"[data-svkb-pack-builder] button[data-format={fmt}]")
    target = tmp_path / f"browser.{fmt}"
    info.value.save_as(target)
    assert info.value.suggested_filename == f"svkb-clauses-my-selection.{fmt}"
    return target.read_bytes()


def assert_same_package(browser_bytes: bytes, cli_bytes: bytes, fmt: str) -> None:
    if fmt == "md":
        assert browser_bytes.decode() == cli_bytes.decode()
        return
    ours, theirs = zipfile.ZipFile(io.BytesIO(browser_bytes)), zipfile.ZipFile(io.BytesIO(cli_bytes))
    assert ours.namelist() == theirs.namelist(), fmt
    for name in theirs.namelist():
        assert ours.read(name) == theirs.read(name), f"{fmt}: {name} differs"
    if fmt == "odt":
        first = ours.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED


def fragment(values: dict[str, Any], ids: list[str] = CLAUSES) -> str:
    return urlencode({"clauses": ",".join(ids), "title": TITLE, "edition": EDITION, **{f"v.{k}": v for k, v in values.items()}})


def test_a_five_clause_pack_from_a_link_matches_the_command_in_every_format(page: Any, site: str, built_real: Path, tmp_path: Path) -> None:
    values = sample_values(built_real, CLAUSES)
    expected = cli_pack(built_real, tmp_path, values)
    page.goto(f"{site}pack-builder/#{fragment(values)}")
    page.wait_for_selector(".svkb-builder__count")
    assert page.text_content(".svkb-builder__count") == "5 clauses chosen."
    assert "[Option" not in page.text_content(".svkb-builder__preview")
    for fmt in ("docx", "odt", "md"):
        assert_same_package(download(page, fmt, tmp_path), expected[fmt], fmt)


def test_filling_the_form_by_keyboard_gives_the_same_pack_and_a_link_that_reopens_it(page: Any, site: str, built_real: Path, tmp_path: Path) -> None:
    ids = ["SV-FW-01", "SV-GEN-02"]
    values = {"weighting": 10, "word_limit": 500}
    expected = cli_pack(built_real, tmp_path, values, ids)
    page.goto(f"{site}pack-builder/")
    page.wait_for_selector(".svkb-builder__count")
    for clause_id in ids:
        page.focus(f"input[value='{clause_id}']")
        page.keyboard.press("Space")
    page.fill("#svkb-pack-title", TITLE)
    page.fill("#svkb-pack-edition", EDITION)
    page.fill("#svkb-var-weighting", "10")
    page.fill("#svkb-var-word_limit", "500")
    preview = page.text_content(".svkb-builder__preview")
    assert "Fair work (10% of the total evaluation score)" in preview and "[Option A – How the Real Living Wage is treated" in preview
    assert_same_package(download(page, "md", tmp_path), expected["md"], "md")
    link = page.input_value("#svkb-pack-link")
    again = page.context.new_page()
    again.goto(link)
    again.wait_for_selector(".svkb-builder__count")
    assert again.input_value("#svkb-var-weighting") == "10" and again.is_checked("input[value='SV-GEN-02']")
    assert_same_package(download(again, "docx", tmp_path), expected["docx"], "docx")


def test_every_invalid_value_is_reported_next_to_its_field(page: Any, site: str) -> None:
    page.goto(f"{site}pack-builder/#clauses=SV-FW-01")
    page.wait_for_selector(".svkb-builder__count")
    page.fill("#svkb-var-weighting", "150")
    page.fill("#svkb-var-word_limit", "many")
    for name in ("weighting", "word_limit"):
        assert page.is_visible(f"#svkb-var-{name}-error"), name
        assert page.get_attribute(f"#svkb-var-{name}", "aria-invalid") == "true"
    assert "between 1 and 100" in page.text_content("#svkb-var-weighting-error")
    page.click("[data-svkb-pack-builder] button[data-format=docx]")
    assert "Correct 2 details first" in page.text_content(".svkb-builder__status")


def test_packs_and_the_builder_are_reachable_from_where_the_user_is(page: Any, site: str) -> None:
    page.goto(f"{site}clauses/?stage=award")
    pack = page.locator("[data-svkb-pack]")
    pack.wait_for(state="visible")
    assert pack.locator("a[data-format=docx]").get_attribute("href").endswith("downloads/svkb-clauses-stage-award.docx")
    page.select_option("#filter-stage", "")
    assert not pack.is_visible()  # no filter, no single pack: the complete library is linked above
    page.goto(f"{site}stages/award/")
    assert page.locator("a[href$='downloads/svkb-clauses-stage-award.docx']").count() == 1
    page.goto(f"{site}clauses/sv-fw-01/")
    page.click("a[data-svkb-pack-clauses]")
    page.wait_for_selector(".svkb-builder__count")
    assert page.text_content(".svkb-builder__count") == "1 clause chosen." and page.is_checked("input[value='SV-FW-01']")


def test_the_builder_works_from_file_in_the_offline_copy(browser: Any, built_real: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(built_real / "site/downloads/svkb-offline-site.zip") as z:
        z.extractall(tmp_path / "offline")
    page_file = tmp_path / "offline/svkb-offline-site/pack-builder/index.html"
    values = sample_values(built_real, ["SV-FW-01", "SV-GEN-07"])
    expected = cli_pack(built_real, tmp_path, values, ["SV-FW-01", "SV-GEN-07"])
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(f"{page_file.as_uri()}#{fragment(values, ['SV-FW-01', 'SV-GEN-07'])}")
    page.wait_for_selector(".svkb-builder__count")
    for fmt in ("odt", "md"):
        assert_same_package(download(page, fmt, tmp_path), expected[fmt], fmt)
    context.close()
