"""Training kits as trainers receive them: the module page, the handouts, the slide decks and the course zip."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from generator.build import Project, generate
from generator.model import Course, Exercise, Material, Module, QuizQuestion, Timing
from generator.packs import build_date
from generator.render.coursedeck import module_deck
from generator.render.coursekit import kit_entries
from generator.render.courses import render_courses
from generator.slides.deck import BODY_HEIGHT, paragraphs_height, row_heights
from generator.slides.odp import render_odp
from generator.slides.pptx import render_pptx
from tests.deckcheck import odp_pages, odp_problems, pptx_problems, pptx_slides

TINY_MODULE = "site/courses/fixture-course/only-module/index.html"
SLIDES = "site/downloads/slides/svkb-slides-fixture-course-only-module"


def test_module_page_shows_running_order_materials_quiz_and_facilitator_section(built_tiny: Path) -> None:
    page = (built_tiny / TINY_MODULE).read_text(encoding="utf-8")
    assert '<caption>Running order of module 1: 60 minutes in all</caption>' in page
    assert '<tfoot><tr><td></td><th scope="row">Total</th><td>60</td></tr></tfoot>' in page
    table = re.search(r'<table class="svkb-material">(.*?)</table>', page, re.DOTALL)
    assert table, "the materials table is missing"
    assert "<caption>Table 1: fixtures and what they test</caption>" in table.group(1)
    assert '<th scope="col">What it tests</th>' in table.group(1)
    assert table.group(1).count('<td class="svkb-blank"></td>') == 6  # blanks stay empty for participants
    assert "<h4>A scenario to read</h4>" in page and "<b>" not in page.split("A scenario to read")[1][:300]  # author HTML is not passed through
    assert page.count("<details class=\"success\">") == 3
    assert "<summary>Answer to question 2</summary>\n<p><strong>B: The output the generator is held to</strong></p>" in page
    facilitators = page.split('id="for-facilitators"')[1].split("</details>")[0]
    assert "<summary>Facilitator notes and model answers</summary>" in facilitators
    assert "<strong>made up</strong>" in facilitators and "hostile.yml tests that hostile text stays inert" in facilitators
    assert "<script" not in page.split('id="running-order"')[1].split('id="where-next"')[0]
    for link in ("downloads/slides/svkb-slides-fixture-course-only-module.pptx", "downloads/courses/svkb-course-fixture-course.zip"):
        assert link in page


def test_course_page_and_index_link_the_kit(built_tiny: Path) -> None:
    course = (built_tiny / "site/courses/fixture-course/index.html").read_text(encoding="utf-8")
    index = (built_tiny / "site/courses/index.html").read_text(encoding="utf-8")
    assert 'href="../../downloads/courses/svkb-course-fixture-course.zip"' in course
    assert 'href="../downloads/courses/svkb-course-fixture-course.zip"' in index
    assert 'href="../../downloads/slides/svkb-slides-fixture-course-only-module.odp"' in course


def _docx_tables(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return re.findall(r"<w:tbl>.*?</w:tbl>", archive.read("word/document.xml").decode())


def test_handouts_carry_real_tables_quiz_answers_and_canonical_addresses(built_tiny: Path) -> None:
    stem = built_tiny / "site/downloads/handouts/svkb-handout-fixture-course-only-module"
    tables = _docx_tables(Path(f"{stem}.docx").read_bytes())
    assert len(tables) == 2  # the running order and the materials table
    assert "<w:tblHeader/>" in tables[1] and tables[1].count("<w:tr>") == 4 and "hostile.yml" in tables[1]
    with zipfile.ZipFile(f"{stem}.odt") as archive:
        content = archive.read("content.xml").decode()
    assert content.count("<table:table ") == 2 and "<table:table-header-rows>" in content
    document = archive_text(Path(f"{stem}.docx").read_bytes(), "word/document.xml")
    assert document.index("Self-check quiz") < document.index("Answers") < document.index("B: The output the generator is held to")
    assert "Model answer" not in document and "Stress that a fixture" not in document  # facilitators only


def archive_text(data: bytes, part: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return re.sub(r"<[^>]+>", "", archive.read(part).decode())


def test_handouts_and_decks_cite_the_site_at_its_canonical_address(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SVKB_SITE_URL", "https://svkb.example.org/kb")
    result = generate(Project(tiny))
    files = {p.dest_path: p.content for p in result.pages if "fixture-course" in p.dest_path and isinstance(p.content, bytes)}
    handout = archive_text(files["downloads/handouts/svkb-handout-fixture-course-only-module.docx"], "word/document.xml")
    assert "https://svkb.example.org/kb/clauses/sv-tst-01/" in handout
    slides = archive_text(files["downloads/slides/svkb-slides-fixture-course-only-module.pptx"], "ppt/slides/slide10.xml")
    assert "https://svkb.example.org/kb/guidance/fixture-guide/" in slides
    assert "https://svkb.example.org/kb/courses/fixture-course/" in archive_text(files["downloads/courses/svkb-course-fixture-course.zip"], "svkb-course-fixture-course/README.txt")


def test_deck_follows_the_module_with_notes_for_the_facilitator(built_tiny: Path) -> None:
    data = Path(f"{built_tiny / SLIDES}.pptx").read_bytes()
    titles = ["".join(s.find(".//{*}sp").itertext()) for s in pptx_slides(data)]
    assert titles == ["Module 1: The only module", "Learning objectives", "Running order", "Exercise: Do nothing", "Table 1: fixtures and what they test",
                      "A scenario to read", "Discussion questions", "Self-check quiz", "Quiz answers", "Reading"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert b'<p:sldSz cx="12192000" cy="6858000"/>' in archive.read("ppt/presentation.xml")  # 16:9
        notes = {n: archive.read(n).decode() for n in archive.namelist() if n.startswith("ppt/notesSlides/notesSlide")}
    assert "Stress that a fixture" in notes["ppt/notesSlides/notesSlide1.xml"] and "Model answer: The tiny project" in notes["ppt/notesSlides/notesSlide4.xml"]
    assert "It is a small made-up project" in notes["ppt/notesSlides/notesSlide9.xml"]
    slide_texts = "".join("".join(s.itertext()) for s in pptx_slides(data))
    assert "Stress that a fixture" not in slide_texts and "Model answer" not in slide_texts
    pages = odp_pages(Path(f"{built_tiny / SLIDES}.odp").read_bytes())
    assert ["".join(p.find("{*}frame").itertext()) for p in pages] == titles


def test_every_real_and_fixture_deck_passes_the_accessibility_check(built_real: Path, built_tiny: Path) -> None:
    decks = sorted((built_real / "site/downloads/slides").glob("*")) + sorted((built_tiny / "site/downloads/slides").glob("*"))
    catalog = generate(Project(built_real)).catalog
    assert len(decks) == 2 * sum(len(c.modules) for c in catalog.courses) + 2
    for deck in decks:
        problems = pptx_problems(deck.read_bytes()) if deck.suffix == ".pptx" else odp_problems(deck.read_bytes())
        assert problems == [], deck.name


def test_the_checker_finds_what_it_looks_for(built_tiny: Path) -> None:
    data = Path(f"{built_tiny / SLIDES}.pptx").read_bytes()
    broken = rewrite(data, "ppt/slides/slide3.xml", lambda x: x.replace(b' descr="', b' title="').replace(b'<p:ph type="title"/>', b"").replace(b'lang="en-GB" sz="3200"', b'lang="en-US" sz="3200"'))
    problems = pptx_problems(broken)
    assert any("slide 3: the first shape" in p for p in problems) and any("slide 3: a picture" in p for p in problems) and any("en-GB" in p for p in problems)
    odp = Path(f"{built_tiny / SLIDES}.odp").read_bytes()
    broken = rewrite(odp, "content.xml", lambda x: x.replace(b"<svg:desc>", b"<svg:x>").replace(b"</svg:desc>", b"</svg:x>").replace(b'presentation:class="title"', b"", 1))
    problems = odp_problems(broken)
    assert any("slide 1: the first frame" in p for p in problems) and any("alternative text" in p for p in problems)


def rewrite(data: bytes, part: str, change) -> bytes:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(info, change(content) if info.filename == part else content)
    return out.getvalue()


def test_every_slide_of_the_real_decks_fits(built_real: Path) -> None:
    result = generate(Project(built_real))
    course, module = longest_module()
    pairs = [(c, n, m) for c in result.catalog.courses for n, m in enumerate(c.modules, start=1)] + [(course, 1, module)]
    for course, number, module in pairs:
        deck = module_deck(result.catalog, course, number, module, build_date(0))
        assert pptx_problems(render_pptx(deck)) == [] and odp_problems(render_odp(deck)) == [], module.id
        for slide in deck.slides:
            height = sum(row_heights(slide.table)) if slide.table else paragraphs_height(list(slide.body))
            assert 0 < height <= BODY_HEIGHT, (module.id, slide.title)
            assert len(slide.title) <= 160, slide.title


def test_course_zip_holds_every_handout_deck_guide_and_readme(built_tiny: Path, built_real: Path) -> None:
    for project in (built_tiny, built_real):
        catalog = generate(Project(project)).catalog
        for course in catalog.courses:
            with zipfile.ZipFile(project / f"site/downloads/courses/svkb-course-{course.id}.zip") as archive:
                names = archive.namelist()
                top = f"svkb-course-{course.id}/"
                assert names == [f"{top}README.txt"] + [top + path for path, _ in kit_entries(course)]
                assert len([n for n in names if n.endswith((".docx", ".odt", ".pptx", ".odp"))]) == 4 * len(course.modules) + 2
                readme = archive.read(f"{top}README.txt").decode()
                for module in course.modules:
                    deck = f"svkb-slides-{course.id}-{module.id}.pptx"
                    inside = next(n for n in names if n.endswith(deck))
                    assert archive.read(inside) == (project / "site/downloads/slides" / deck).read_bytes()
                    assert inside.removeprefix(top) in readme
                assert all(i.date_time == archive.infolist()[0].date_time for i in archive.infolist())


def test_courses_render_to_the_same_bytes_twice(built_tiny: Path) -> None:
    catalog = generate(Project(built_tiny)).catalog
    first, second = render_courses(catalog, 1767225600, "https://example.org/"), render_courses(catalog, 1767225600, "https://example.org/")
    assert [(p.dest_path, p.content) for p in first] == [(p.dest_path, p.content) for p in second]
    assert {p.dest_path.rsplit(".", 1)[-1] for p in first} >= {"pptx", "odp", "docx", "odt", "zip", "md"}


def impress_installed() -> bool:
    soffice = shutil.which("soffice")
    if not soffice:
        return False
    program = Path(soffice).resolve().parent
    return any((program.parent / "share/registry").glob("impress.xcd"))


@pytest.mark.skipif(not impress_installed(), reason="LibreOffice Impress (libreoffice-impress) is not installed, so decks cannot be converted")
def test_decks_open_in_libreoffice_one_page_per_slide_with_their_text(built_real: Path, built_tiny: Path, tmp_path: Path) -> None:
    decks = sorted((built_real / "site/downloads/slides").glob("*")) + sorted((built_tiny / "site/downloads/slides").glob("*"))
    (tmp_path / "in").mkdir()
    for deck in decks:  # PPTX and ODP share a stem: copy them apart so that each gets its own PDF
        shutil.copy(deck, tmp_path / "in" / f"{deck.stem}-{deck.suffix[1:]}{deck.suffix}")
    inputs = sorted(str(p) for p in (tmp_path / "in").iterdir())
    assert len(inputs) == len(decks) >= 4
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), *inputs],
                   check=True, capture_output=True, timeout=900)
    for name in inputs:
        source = Path(name)
        pdf = tmp_path / "pdf" / f"{source.stem}.pdf"
        titles = [("".join(s.find(".//{*}sp").itertext())) for s in pptx_slides(source.read_bytes())] if source.suffix == ".pptx" else \
                 ["".join(p.find("{*}frame").itertext()) for p in odp_pages(source.read_bytes())]
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True, timeout=120).stdout
        pages = text.split("\f")[: -1 if text.endswith("\f") else None]
        assert len(pages) == len(titles), source.name
        for page, title in zip(pages, titles, strict=True):
            assert " ".join(title.split()[:3]) in " ".join(page.split()), (source.name, title)


def longest_module() -> tuple[Course, Module]:
    """A module with every field at the schema's longest, to show that nothing overflows a slide."""
    words = "Participants read the scenario and note each commitment, its baseline, who measures it and when. "
    cell = ("A long cell of text that wraps over several lines in a narrow column. " * 5)[:300]
    table = Material("Table 2: " + "a form with eight columns " * 5, columns=tuple(f"Column heading {i}" for i in range(8)),
                     rows=tuple(tuple(cell if (r + c) % 3 == 0 else "" for c in range(8)) for r in range(30)))
    exercise = Exercise(("An exercise with a long title " * 5)[:120], (words * 25)[:2000], "40 minutes", (table, Material("A scenario", (words * 40)[:3000])), (words * 30)[:3000])
    quiz = tuple(QuizQuestion((words * 5)[:400], tuple((f"Option {i} " + words * 4)[:300] for i in range(5)), 2, (words * 9)[:800]) for _ in range(10))
    module = Module("long", ("A module with a long title " * 5)[:120], words, "240 minutes", tuple((words * 3)[:300] for _ in range(12)), (),
                    (exercise,) * 3, tuple((words * 4)[:400] for _ in range(10)), (), tuple(Timing(20, (words * 2)[:200]) for _ in range(12)),
                    tuple((words * 12)[:1200] for _ in range(5)), quiz)
    course = Course("long-course", ("A course with a long title " * 5)[:120], words, ("trainers",), "One day", (module,), "Test team", "2026-01-01", "2027-01-01", "x.yml", None)  # type: ignore[arg-type]
    return course, module


def test_no_text_overflows_a_slide_in_chromium(built_real: Path) -> None:
    from tests.browser import chromium
    from tests.slidepreview import OVERFLOWS, deck_html

    course, module = longest_module()
    decks = [render_pptx(module_deck(generate(Project(built_real)).catalog, course, 1, module, build_date(0)))]
    decks += [p.read_bytes() for p in sorted((built_real / "site/downloads/slides").glob("*.pptx"))]
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1300, "height": 740})  # type: ignore[attr-defined]
        for data in decks:
            page.set_content(deck_html(data))
            assert page.evaluate(OVERFLOWS) == []
    assert len(pptx_slides(decks[0])) > 40  # the longest module spreads over many "(continued)" slides
