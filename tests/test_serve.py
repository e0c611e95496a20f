"""The live preview regenerates only what it must, and gives the same pages as a build."""

from __future__ import annotations

from pathlib import Path

from generator.build import Project, generate
from generator.serve import Preview, generate_pages


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
