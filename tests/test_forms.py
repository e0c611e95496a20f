"""The KPI return as users receive it: XLSX and ODS read back, validated like a form, protected, printable, reproducible."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from lxml import etree

from generator.build import Project, check
from generator.forms import render_forms
from generator.forms.kpireturn import PERIOD_TYPES, RATINGS, kpi_rows
from generator.render.indicators import UNITS
from tests.conftest import ROOT
from tests.formreaders import NS, Check, Grid, ods_grid, ods_root, q, xlsx_grid

EPOCH = 1767225600  # 2026-01-01 00:00:00 UTC
SITE = "https://example.org/svkb/"
BOUNDS = {  # unit label: (kind, low, high)
    "Number": ("whole", "0", "1000000000000"), "Percentage": ("decimal", "0", "100"), "Pounds (£)": ("decimal", "0", "1000000000000"),
    "Hours": ("decimal", "0", "1000000000000"), "Weeks": ("decimal", "0", "1000000000000"), "Tonnes of CO2 equivalent": ("decimal", "0", "1000000000000"),
}
FIGURES = "EFHI"  # target and actual for the period, target and result for the Contract Year


@pytest.fixture(scope="module")
def forms() -> dict[str, bytes]:
    catalog = check(Project(ROOT)).catalog
    assert catalog is not None
    return {page.dest_path.rsplit(".", 1)[1]: page.data() for page in render_forms(catalog, EPOCH, SITE)}


@pytest.fixture(scope="module")
def grids(forms: dict[str, bytes]) -> dict[str, Grid]:
    return {"xlsx": xlsx_grid(forms["xlsx"]), "ods": ods_grid(forms["ods"])}


def _table_rows(grid: Grid) -> list[int]:
    """Rows of the Return sheet's KPI table (those with a variance formula)."""
    return sorted(int(a[1:]) for (s, a), c in grid.items() if s == "Return" and a.startswith("G") and c.formula)


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_every_input_cell_is_validated_and_only_input_cells_are_unlocked(grids: dict[str, Grid], fmt: str) -> None:
    grid = grids[fmt]
    inputs = {key: cell for key, cell in grid.items() if not cell.locked}
    assert len(inputs) > 300
    for key, cell in inputs.items():
        assert cell.check is not None, key
        assert cell.check.stop and cell.check.prompt and cell.check.error, key
        assert cell.fill == "FFF2A8", key  # input cells are visibly marked
    for key, cell in grid.items():
        if cell.check is not None:
            assert not cell.locked, key
        if cell.formula:
            assert cell.locked and cell.fill != "FFF2A8", key


def test_messages_fit_excels_limits(forms: dict[str, bytes]) -> None:
    """Excel refuses a file whose validation titles pass 32 characters or whose messages pass 255."""
    for ws in openpyxl.load_workbook(io.BytesIO(forms["xlsx"])).worksheets:
        for dv in ws.data_validations.dataValidation:
            assert len(dv.promptTitle) <= 32 and len(dv.errorTitle) <= 32, dv.promptTitle
            assert len(dv.prompt) <= 255 and len(dv.error) <= 255, dv.prompt
            assert dv.type != "list" or len(dv.formula1) <= 257, dv.formula1


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_header_fields_validate_like_a_form(grids: dict[str, Grid], fmt: str) -> None:
    grid = grids[fmt]
    labels = {grid[("Return", f"A{r}")].text: grid[("Return", f"C{r}")].check for r in range(3, 8)}
    labels |= {grid[("Return", f"D{r}")].text: grid[("Return", f"F{r}")].check for r in range(3, 8)}
    assert labels["Contract name"] == Check("text", high="200", prompt=labels["Contract name"].prompt, error=labels["Contract name"].error, stop=True)
    assert labels["Contract reference"].kind == "text" and labels["Contract reference"].high == "50"
    assert (labels["Reporting period start"].kind, labels["Reporting period start"].low, labels["Reporting period start"].high) == ("date", "36526", "73415")
    assert (labels["Reporting period end"].kind, labels["Reporting period end"].low) == ("date", "MAX($F$3;36526)")  # not before the start
    assert labels["Period type"].choices == PERIOD_TYPES
    assert labels["Date submitted"].kind == "date"
    assert (labels["Contract Year number"].kind, labels["Contract Year number"].low) == ("whole", "1")


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_each_kpi_row_validates_figures_by_its_unit(grids: dict[str, Grid], fmt: str) -> None:
    grid = grids[fmt]
    units = set()
    for r in _table_rows(grid):
        unit = grid[("Return", f"D{r}")]
        for column in FIGURES:
            figure = grid[("Return", f"{column}{r}")].check
            assert figure is not None
            if unit.locked and unit.text == "Yes or no":
                assert figure.choices == ("yes", "no")
            elif unit.locked:
                assert (figure.kind, figure.low, figure.high) == BOUNDS[unit.text], (r, column)
            else:  # contract-specific rows: any unit from the list, any number of 0 or more
                assert unit.check is not None and unit.check.choices == tuple(UNITS.values())
                assert (figure.kind, figure.low) == ("decimal", "0")
        units.add(unit.text)
        assert grid[("Return", f"J{r}")].check.choices == RATINGS
        assert [grid[("Return", f"{c}{r}")].check.high for c in "BKLM"] == ["20", "100", "1000", "30"]
    assert {"Number", "Percentage", "Pounds (£)", "Yes or no"} <= units


def test_the_rows_are_the_indicators_of_the_kpi_clauses_with_their_units(grids: dict[str, Grid]) -> None:
    catalog = check(Project(ROOT)).catalog
    expected = [(clause.id, indicator.name, UNITS[indicator.unit]) for clause, indicator in kpi_rows(catalog)]
    assert len(expected) >= 20
    for grid in grids.values():
        rows = [(grid[("Return", f"A{r}")].text, grid[("Return", f"C{r}")].text, grid[("Return", f"D{r}")].text) for r in _table_rows(grid)]
        assert rows[: len(expected)] == expected
        assert rows[len(expected):] == [("Contract", "", "")] * 15


def test_both_formats_hold_the_same_cells_checks_and_formulas(grids: dict[str, Grid]) -> None:
    def shown(grid: Grid) -> dict[tuple[str, str], tuple[str, str, bool, Check | None]]:
        out = {}
        for key, cell in grid.items():
            formula = cell.formula.removeprefix("of:=").replace("[.", "").replace("]", "").replace(";", ",")
            if cell.text or formula or cell.check:
                out[key] = (cell.text, formula, cell.locked, cell.check)
        return out

    assert shown(grids["xlsx"]) == shown(grids["ods"])


def test_column_headings_follow_the_report_form(grids: dict[str, Grid]) -> None:
    headings = [grids["xlsx"][("Return", f"{c}9")].text for c in "ABCDEFGHIJKLM"]
    assert headings[1:6] == ["KPI reference", "Measure", "Unit", "Target for the period", "Actual for the period"]
    assert "Variance" in headings[6] and "Contract Year" in headings[7] and "cumulative" in headings[8]
    assert "Rating" in headings[9] and headings[10] == "Evidence reference" and "corrective action" in headings[11]


def test_xlsx_protection_print_setup_and_properties(forms: dict[str, bytes]) -> None:
    book = openpyxl.load_workbook(io.BytesIO(forms["xlsx"]))
    assert book.sheetnames == ["Return", "Guidance"]
    for ws in book.worksheets:
        assert ws.protection.sheet and not ws.protection.password
        assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9"
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert book["Return"].freeze_panes == "A10" and book["Return"].print_title_rows == "$9:$9"
    assert book["Guidance"].freeze_panes == "A2" and book["Guidance"].print_title_rows == "$1:$1"
    props = book.properties
    assert props.title == "Social Value Report: KPI return" and "SV-GEN-09" in props.subject and props.language == "en-GB"
    assert props.created == props.modified == openpyxl.utils.datetime.from_ISO8601("2026-01-01T00:00:00")


def test_ods_protection_print_setup_and_properties(forms: dict[str, bytes]) -> None:
    content = ods_root(forms["ods"], "content.xml")
    tables = content.findall(".//table:table", NS)
    assert [t.get(q("table:name")) for t in tables] == ["Return", "Guidance"]
    assert all(t.get(q("table:protected")) == "true" and t.get(q("table:protection-key")) is None for t in tables)
    header = tables[0].find("table:table-header-rows", NS)
    assert "Target for the period" in "".join(header.itertext())
    layout = ods_root(forms["ods"], "styles.xml").find(".//style:page-layout-properties", NS)
    assert (layout.get(q("fo:page-width")), layout.get(q("fo:page-height")), layout.get(q("style:print-orientation"))) == ("29.7cm", "21cm", "landscape")
    assert layout.get(q("style:scale-to-X")) == "1"
    settings = zipfile.ZipFile(io.BytesIO(forms["ods"])).read("settings.xml").decode()
    assert '<config:config-item config:name="VerticalSplitPosition" config:type="int">9</config:config-item>' in settings
    meta = ods_root(forms["ods"], "meta.xml")
    dc = "{http://purl.org/dc/elements/1.1/}"
    assert meta.findtext(f".//{dc}title") == "Social Value Report: KPI return" and meta.findtext(f".//{dc}language") == "en-GB"
    assert meta.findtext(f".//{dc}date") == "2026-01-01T00:00:00"
    names = zipfile.ZipFile(io.BytesIO(forms["ods"])).infolist()
    assert names[0].filename == "mimetype" and names[0].compress_type == zipfile.ZIP_STORED


def test_guidance_links_to_the_clause_and_indicator_pages(grids: dict[str, Grid], forms: dict[str, bytes]) -> None:
    texts = [c.text for (s, _), c in grids["xlsx"].items() if s == "Guidance"]
    assert f"{SITE}clauses/sv-gen-09/" in texts
    links = {c.hyperlink.target for c in openpyxl.load_workbook(io.BytesIO(forms["xlsx"]))["Guidance"]["A"] if c.hyperlink}
    assert f"{SITE}indicators/local-jobs-created/" in links and f"{SITE}clauses/sv-gen-09/" in links
    assert "The period of 12 months starting on the Commencement Date" in " ".join(texts)  # Contract Year, from SV-GEN-00
    content = zipfile.ZipFile(io.BytesIO(forms["ods"])).read("content.xml").decode()
    assert f'xlink:href="{SITE}clauses/sv-gen-09/"' in content


def test_same_input_same_bytes_in_another_process(forms: dict[str, bytes], tmp_path: Path) -> None:
    script = ("import sys; from pathlib import Path; from generator.build import Project, check; from generator.forms import render_forms\n"
              f"for p in render_forms(check(Project(Path({str(ROOT)!r}))).catalog, {EPOCH}, {SITE!r}): Path(sys.argv[1], p.dest_path.rsplit('.', 1)[1]).write_bytes(p.data())")
    env = {**os.environ, "PYTHONHASHSEED": "123"}
    subprocess.run([sys.executable, "-c", script, str(tmp_path)], check=True, cwd=ROOT, env=env, timeout=300)
    assert (tmp_path / "xlsx").read_bytes() == forms["xlsx"] and (tmp_path / "ods").read_bytes() == forms["ods"]
    for data in forms.values():
        assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(data)).infolist()} == {(2026, 1, 1, 0, 0, 0)}


def test_built_pages_link_both_downloads(built_real: Path) -> None:
    site = built_real / "site"
    for page in ("clauses/sv-gen-09/index.html", "clauses/sv-emp-03/index.html", "stages/kpis-reporting/index.html", "indicators/index.html", "open-data/index.html"):
        html = (site / page).read_text()
        assert "downloads/forms/svkb-kpi-return.xlsx" in html and "downloads/forms/svkb-kpi-return.ods" in html, page
    assert zipfile.is_zipfile(site / "downloads/forms/svkb-kpi-return.xlsx") and zipfile.is_zipfile(site / "downloads/forms/svkb-kpi-return.ods")


# LibreOffice Calc: the forms compute and print. Debian packages Calc apart from Writer; make test installs it.

def _calc() -> str:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    program = Path(os.path.realpath(soffice)).parent if soffice else None
    if program is None or not (shutil.which("localc") or (program / "libsclo.so").exists()):
        if os.environ.get("CI"):
            pytest.fail("LibreOffice Calc is needed: make test installs it (scripts/test-deps.sh)")
        pytest.skip("LibreOffice Calc is not installed here (make test installs it as root)")
    return soffice


def _recalculating_profile(folder: Path) -> Path:
    """A LibreOffice profile that recalculates every formula on load (by default it trusts the values stored in the file)."""
    items = "".join(
        f'<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="{name}" oor:op="fuse"><value>0</value></prop></item>'
        for name in ("OOXMLRecalcMode", "ODFRecalcMode")
    )
    (folder / "user").mkdir(parents=True)
    (folder / "user/registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        f'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">{items}</oor:items>\n'
    )
    return folder


def _fill_xlsx(data: bytes, values: dict[str, object]) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(data))
    for address, value in values.items():
        book["Return"][address] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _fill_ods(data: bytes, values: dict[str, object]) -> bytes:
    archive = zipfile.ZipFile(io.BytesIO(data))
    root = etree.fromstring(archive.read("content.xml"))
    table = root.find(".//table:table", NS)
    rows = list(table.iter(q("table:table-row")))
    for address, value in values.items():
        column, row = ord(address[0]) - 65, int(address[1:])
        cells = [c for c in rows[row - 1] if c.tag in (q("table:table-cell"), q("table:covered-table-cell"))]
        cell = cells[column]
        if isinstance(value, str):
            cell.set(q("office:value-type"), "string")
        else:
            cell.set(q("office:value-type"), "float")
            cell.set(q("office:value"), str(value))
        etree.SubElement(cell, q("text:p")).text = str(value)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in archive.infolist():
            body = etree.tostring(root, xml_declaration=True, encoding="UTF-8") if info.filename == "content.xml" else archive.read(info.filename)
            target.writestr(info, body)
    return out.getvalue()


def test_libreoffice_computes_the_variance_and_prints_a4_landscape_with_headers(forms: dict[str, bytes], grids: dict[str, Grid], tmp_path: Path) -> None:
    soffice = _calc()
    grid = grids["xlsx"]
    rows = _table_rows(grid)
    count, percent, yes_no, empty = (next(r for r in rows if grid[("Return", f"D{r}")].text == unit) for unit in ("Number", "Percentage", "Yes or no", ""))
    values = {f"E{count}": 10, f"F{count}": 12, f"E{percent}": 80, f"F{percent}": 72.5, f"E{yes_no}": "yes", f"F{yes_no}": "no", f"E{empty}": 5}
    (tmp_path / "in").mkdir()
    for fmt, data in forms.items():
        (tmp_path / f"return-{fmt}.{fmt}").write_bytes(data)
    (tmp_path / "in/filled-xlsx.xlsx").write_bytes(_fill_xlsx(forms["xlsx"], values))
    (tmp_path / "in/filled-ods.ods").write_bytes(_fill_ods(forms["ods"], values))
    profile = f"-env:UserInstallation=file://{_recalculating_profile(tmp_path / 'profile')}"
    run = [soffice, profile, "--headless", "--convert-to"]
    subprocess.run([*run, "pdf", "--outdir", str(tmp_path / "pdf"), *(str(tmp_path / f"return-{f}.{f}") for f in forms)], check=True, capture_output=True, timeout=600)
    subprocess.run([*run, "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path / "csv"), *map(str, sorted((tmp_path / "in").iterdir()))],
                   check=True, capture_output=True, timeout=600)
    for name in ("filled-xlsx", "filled-ods"):
        table = list(csv.reader((tmp_path / "csv" / f"{name}.csv").read_text(encoding="utf-8").splitlines()))
        variance = {r: table[r - 1][6] for r in (count, percent, yes_no, empty)}
        assert float(variance[count]) == 2 and float(variance[percent]) == -7.5, (name, variance)
        assert variance[yes_no] == "not met" and variance[empty] == "", (name, variance)  # no actual yet: no variance
    for fmt in forms:
        pdf = tmp_path / "pdf" / f"return-{fmt}.pdf"
        info = subprocess.run(["pdfinfo", "-l", "99", str(pdf)], check=True, capture_output=True, text=True).stdout
        sizes = {line.split(":", 1)[1].split("pts")[0].strip() for line in info.splitlines() if line.startswith("Page") and "size" in line}
        assert sizes and all(float(s.split(" x ")[0]) > float(s.split(" x ")[1]) for s in sizes), (fmt, sizes)  # landscape
        assert all(abs(float(s.split(" x ")[0]) - 841.9) < 2 for s in sizes), (fmt, sizes)  # A4
        text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
        pages = [" ".join(p.split()) for p in text.split("\f") if p.strip()]
        assert len(pages) >= 3, fmt
        for page in pages:  # the table's header row repeats on every page of the return (Calc wraps its cells, so only the start is kept together)
            assert "Actual for the" in page or "How to complete the KPI return" in page, (fmt, page[:200])
