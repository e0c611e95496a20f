"""Clause packs are real working documents: right properties, headings in order, placeholders
highlighted, hostile text inert, a manifest that matches, and LibreOffice can open every one."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from odf import opendocument
from odf.namespaces import DCNS

from generator.build import Project, generate
from generator.render.clauses import clause_text
from tests.conftest import FIXTURE

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_docx_is_a4_with_page_numbers_a_contents_field_and_numbered_clauses(built_tiny: Path) -> None:
    path = built_tiny / "site/downloads/svkb-clauses-complete.docx"
    document = docx.Document(path)
    props = document.core_properties
    assert props.title == "Social value clause library: all clauses"
    assert props.language == "en-GB"
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm), round(section.left_margin.mm)) == (210, 297, 25)
    styled = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title", "Contents"))]
    assert styled[0] == ("Title", "Social value clause library: all clauses")
    assert ("Heading 1", "How to use this pack") in styled and ("Contents Heading", "Contents") in styled
    assert [t for s, t in styled if s == "Heading 1"] == ["How to use this pack", "1. Fixture award criterion", "2. Fixture light criterion"]
    package = zipfile.ZipFile(path)
    body = package.read("word/document.xml").decode()
    assert 'TOC \\o "1-1"' in body and 'w:anchor="svkb1"' in body and 'w:name="svkb1"' in body
    assert "pageBreakBefore" in body and 'w:type="page"' not in body  # headings start pages; no break paragraphs to leave blank pages
    assert 'w:instr=" PAGE "' in package.read("word/footer1.xml").decode()
    highlighted = [r.text for p in document.paragraphs for r in p.runs if r.font.highlight_color is not None]
    assert "[Name of contracting authority]" in highlighted
    guidance = [p.text for p in document.paragraphs if p.style.name == "Guidance"]
    assert guidance[0].startswith("Guidance (delete before issuing): SV-TST-01, version 1.1.0.")
    assert any(g.startswith("Drafting note:") for g in guidance) and any(g.startswith("Legal basis:") for g in guidance)
    lang = document.styles.element.find(f".//{W}lang")
    assert lang.get(f"{W}val") == "en-GB"


def test_odt_is_a4_with_an_index_and_the_same_styles(built_tiny: Path) -> None:
    from odf import text as odftext

    path = built_tiny / "site/downloads/svkb-clauses-complete.odt"
    document = opendocument.load(str(path))
    levels = [int(h.getAttribute("outlinelevel")) for h in document.getElementsByType(odftext.H)]
    assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), "ODT heading levels skip"
    meta = {(n.qname[1]): str(n) for n in document.meta.childNodes if n.qname[0] == DCNS}
    assert meta["title"] == "Social value clause library: all clauses"
    assert meta["language"] == "en-GB"
    xml = document.xml().decode("utf-8")
    assert 'text:style-name="Placeholder">[Name of contracting authority]</text:span>' in xml
    assert "<text:table-of-content " in xml and 'xlink:href="#svkb1"' in xml
    assert 'text:style-name="Guidance"' in xml
    styles = zipfile.ZipFile(path).read("styles.xml").decode()
    assert 'fo:page-width="210mm"' in styles and 'fo:page-height="297mm"' in styles and "<text:page-number" in styles
    from generator.office.look import LOOKS

    for look in LOOKS.values():  # every style the DOCX has, by the same name
        assert f'style:display-name="{look.name}"' in styles or f'style:name="{look.name}"' in styles, look.name


def test_hostile_values_are_inert_in_every_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    profile = tmp_path / "profile.yml"
    profile.write_text('edition: Test edition\nvalues:\n  authority_name: "<script>alert(1)</script> </w:t> ]]>"\n')
    result = generate(Project(FIXTURE, abs_profile=profile))
    assert result.exit_code == 0, result.diagnostics
    pages = {p.dest_path: p.data() for p in result.pages}
    document_xml = zipfile.ZipFile(io.BytesIO(pages["downloads/svkb-clauses-complete.docx"])).read("word/document.xml").decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;/w:t&gt; ]]&gt;" in document_xml
    content_xml = zipfile.ZipFile(io.BytesIO(pages["downloads/svkb-clauses-complete.odt"])).read("content.xml").decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;/w:t&gt; ]]&gt;" in content_xml
    page = pages["clauses/sv-tst-01.md"].decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_awkward_text_reads_back_from_both_formats() -> None:
    """The document bodies are written as text, not element by element: parse them back to prove they hold."""
    import datetime as dt

    from odf import teletype
    from odf import text as odftext

    from generator.office.blocks import Block, OfficeDocument
    from generator.office.docx import render_docx
    from generator.office.odt import render_odt

    awkward = 'A & B <c> "d" é — “e”'
    blocks = (Block("title", ((awkward, ""),)), Block("p", ()), Block("h1", ()), Block("h2", ((" spaced ", ""),)),
              Block("p", ((" lead", ""), ("[Placeholder]", "placeholder"), ("tab\there", ""))), Block("small", (("note", ""), ("[x]", "placeholder"))),
              Block("bullet", (("item", ""),)))
    forged = "svkb-subject-goes-here <dc:subject>svkb-subject-goes-here</dc:subject> svkb-body-goes-here"  # the writers' own markers
    document = OfficeDocument(f"Title & {forged}", "subject", f"footer {forged}", dt.datetime(2026, 1, 1, tzinfo=dt.UTC), blocks)
    word = docx.Document(io.BytesIO(render_docx(document)))
    assert (word.core_properties.title, word.core_properties.subject) == (f"Title & {forged}", "subject")
    assert word.sections[0].footer.paragraphs[0].text.startswith(f"footer {forged} · Page ")
    texts = [p.text for p in word.paragraphs]
    assert texts[:5] == [awkward, "", "", " spaced ", " lead[Placeholder]tab\there"]
    assert [p.style.name for p in word.paragraphs[:4]] == ["Title", "Normal", "Heading 1", "Heading 2"]
    highlighted = [r.text for p in word.paragraphs for r in p.runs if r.font.highlight_color is not None]
    assert highlighted == ["[Placeholder]", "[x]"]
    odt = opendocument.load(io.BytesIO(render_odt(document)))
    paragraphs = [teletype.extractText(p) for p in odt.text.childNodes]
    assert paragraphs[0] == awkward and paragraphs[4] == " lead[Placeholder]tab\there" and paragraphs[6] == "•\titem"
    assert [teletype.extractText(s) for s in odt.getElementsByType(odftext.Span)] == ["[Placeholder]", "[x]"]


def test_manifest_lists_every_clause_with_its_text_hash(built_tiny: Path) -> None:
    bundle = zipfile.ZipFile(built_tiny / "site/downloads/svkb-clause-library.zip")
    manifest = json.loads(bundle.read("manifest.json"))
    catalog = generate(Project(FIXTURE)).catalog
    expected = {c.id: hashlib.sha256(clause_text(c, {}).encode()).hexdigest() for c in catalog.clauses}
    assert {c["id"]: c["sha256"] for c in manifest["clauses"]} == expected
    assert {c["id"]: c["version"] for c in manifest["clauses"]} == {"SV-TST-01": "1.1.0", "SV-TST-02": "2.0.0"}
    for entry in manifest["files"]:
        assert hashlib.sha256(bundle.read(entry["path"])).hexdigest() == entry["sha256"]
    assert sorted(bundle.namelist())[0] == "manifest.json"


def convert(files: list[Path], out: Path, profile_dir: Path, target: str) -> None:
    """Convert documents with headless LibreOffice, in one run."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is needed: make test installs it (scripts/test-deps.sh)"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile_dir}", "--headless", "--convert-to", target, "--outdir", str(out), *map(str, files)],
        check=True, capture_output=True, timeout=900,
    )


def convert_to_text(files: list[Path], out: Path, profile_dir: Path) -> None:
    """Convert documents to PDF (proving LibreOffice lays them out) and to UTF-8 text (to read them)."""
    convert(files, out / "pdf", profile_dir, "pdf")
    for file in files:
        pdf = out / "pdf" / f"{file.stem}.pdf"
        assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 2000, file.name
    convert(files, out, profile_dir, "txt:Text (encoded):UTF8")


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page of a PDF (poppler's pdftotext)."""
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True, timeout=120).stdout
    return out.split("\f")[: -1 if out.endswith("\f") else None]


def page_sizes(pdf: Path) -> set[str]:
    info = subprocess.run(["pdfinfo", "-l", "999", str(pdf)], check=True, capture_output=True, text=True, timeout=120).stdout
    return {line.split(":", 1)[1].split("pts")[0].strip() for line in info.splitlines() if line.startswith("Page") and "size" in line}


@pytest.mark.parametrize("fmt", ["docx", "odt"])
def test_every_real_pack_opens_in_libreoffice_as_a4_with_no_blank_or_stub_pages(built_real: Path, tmp_path: Path, fmt: str) -> None:
    packs = sorted((built_real / "site/downloads").glob(f"*.{fmt}"))
    assert len(packs) >= 17  # the complete library, 8 themes and 8 stages
    convert_to_text(packs, tmp_path / "txt", tmp_path / "lo-profile")
    catalog = generate(Project(built_real)).catalog
    for pack in packs:
        text = (tmp_path / "txt" / f"{pack.stem}.txt").read_text(encoding="utf-8-sig")
        assert text.startswith("Social value clause"), pack.name
        assert "How to use this pack" in text and "Guidance (delete before issuing)" in text, pack.name
        pdf = tmp_path / "txt" / "pdf" / f"{pack.stem}.pdf"
        assert page_sizes(pdf) == {"595.304 x 841.89"}, pack.name  # A4
        pages = pdf_pages(pdf)
        for number, page in enumerate(pages[:-1], start=1):
            lines = [line for line in page.splitlines() if line.strip() and " · Page " not in line]
            assert len(lines) >= 3, f"{pack.name}: page {number} of {len(pages)} is blank or holds only {len(lines)} line(s)"
    complete = (tmp_path / "txt" / "svkb-clauses-complete.txt").read_text(encoding="utf-8-sig")
    flat = " ".join(complete.split())
    for clause in catalog.clauses:
        if clause.status in {"current", "under-review"}:
            assert f". {clause.title}" in complete, clause.id
            assert " ".join(clause_text(clause, {}).split())[:80] in flat, clause.id


def test_every_module_has_handouts_that_libreoffice_opens(built_real: Path, tmp_path: Path) -> None:
    catalog = generate(Project(built_real)).catalog
    assert len(catalog.courses) >= 2
    expected = [f"svkb-handout-{c.id}-{m.id}" for c in catalog.courses for m in c.modules]
    folder = built_real / "site/downloads/handouts"
    for stem in expected:
        document = docx.Document(folder / f"{stem}.docx")
        assert document.core_properties.language == "en-GB"
        assert document.core_properties.title.startswith(tuple(c.title for c in catalog.courses))
        headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
        assert headings[0] == "Learning objectives" and "Reading" in headings
    files = [folder / f"{stem}.odt" for stem in expected]
    convert_to_text(files, tmp_path / "txt", tmp_path / "lo-profile")
    for stem in expected:
        text = (tmp_path / "txt" / f"{stem}.txt").read_text(encoding="utf-8-sig")
        assert "Learning objectives" in text and "Discussion questions" in text
