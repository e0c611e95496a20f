"""The live preview regenerates only what it must, and gives the same pages as a build."""

from __future__ import annotations

from pathlib import Path

from generator.build import Project, check, generate
from generator.serve import Preview, edited_case_studies, generate_pages


def docs_tree(pages: list) -> dict[str, bytes]:  # type: ignore[type-arg]
    return {p.dest_path: p.data() for p in pages if not p.site_only}


def test_preview_pages_equal_a_build_after_each_edit(tiny: Path) -> None:
    project = Project(tiny)
    preview = Preview()
    assert docs_tree(generate_pages(project, preview, None).pages) == docs_tree(generate(project).pages)
    packs = list(preview.packs)
    assert packs and all(p.dest_path.startswith("downloads/") for p in packs)

    study = tiny / "casestudies/borsetshire-green-fleet.yml"
    study.write_text(study.read_text().replace("a greener vehicle fleet", "an electric vehicle fleet"))
    pages = docs_tree(generate_pages(project, preview, {"casestudies/borsetshire-green-fleet.yml"}).pages)
    assert pages == docs_tree(generate(project).pages)
    assert "an electric vehicle fleet" in pages["case-studies/borsetshire-green-fleet.md"].decode()
    assert preview.packs == packs  # only a case study changed: the packs were kept, not rebuilt

    clause = tiny / "templates/SV-TST-01.yml"
    clause.write_text(clause.read_text().replace("title: Fixture award criterion", "title: Fixture award criterion, renamed"))
    pages = docs_tree(generate_pages(project, preview, {"templates/SV-TST-01.yml"}).pages)
    assert pages == docs_tree(generate(project).pages)
    assert preview.packs != packs  # a clause changed: the packs were rebuilt


def test_preview_renders_only_pages_showing_an_edited_case_study_and_equals_a_build(real: Path) -> None:
    """After an edit to one case study's title, then to its first theme (it moves to another group
    of similar case studies), the preview renders only what shows it, and every page is as a build's."""
    project = Project(real)
    preview = Preview()
    generate_pages(project, preview, None)
    name = "casestudies/hs2-skills-employment-education.yml"
    study = real / name
    edits = [
        ('title: "', 'title: "Renamed: '),
        ("themes:\n  - apprenticeships-training\n  - local-employment-skills", "themes:\n  - local-employment-skills\n  - apprenticeships-training"),
    ]
    for old, new in edits:
        text = study.read_text(encoding="utf-8")
        assert old in text
        study.write_text(text.replace(old, new, 1), encoding="utf-8")
        before = dict(preview.pages)
        assert edited_case_studies(preview.catalog, check(project).catalog, {name}) == {"hs2-skills-employment-education"}  # type: ignore[arg-type]
        pages = generate_pages(project, preview, {name}).pages
        assert docs_tree(pages) == docs_tree(generate(project).pages)
        kept = [p for p in pages if p.dest_path.startswith("case-studies/") and before.get(p.dest_path) is p]
        assert kept, "no case-study page was kept from the last run"
    assert "Renamed: " in docs_tree(pages)["case-studies/hs2-skills-employment-education.md"].decode()


def test_adding_a_case_study_renders_the_whole_site(real: Path) -> None:
    project = Project(real)
    preview = Preview()
    generate_pages(project, preview, None)
    source = real / "casestudies/hs2-skills-employment-education.yml"
    copy = real / "casestudies/hs2-copy.yml"
    copy.write_text(source.read_text(encoding="utf-8").replace("id: hs2-skills-employment-education", "id: hs2-copy", 1), encoding="utf-8")
    assert edited_case_studies(preview.catalog, check(project).catalog, {"casestudies/hs2-copy.yml"}) is None  # type: ignore[arg-type]
    assert docs_tree(generate_pages(project, preview, {"casestudies/hs2-copy.yml"}).pages) == docs_tree(generate(project).pages)
