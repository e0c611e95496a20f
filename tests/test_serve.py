"""The live preview regenerates only what it must, and gives the same pages as a build."""

from __future__ import annotations

import dataclasses
import gc
from pathlib import Path
from typing import Any

from generator.build import Project, check, generate
from generator.model import CaseStudy
from generator.render import render_jobs
from generator.serve import CASE_FIELDS, Preview, edited_case_studies, generate_pages
from generator.yamlread import Located
from tests.conftest import ROOT


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
        ("summary: >-\n  ", "summary: >-\n  Edited: "),
        ('title: "', 'title: "Renamed: '),
        ("themes:\n  - apprenticeships-training\n  - local-employment-skills", "themes:\n  - local-employment-skills\n  - apprenticeships-training"),
    ]
    for old, new in edits:
        text = study.read_text(encoding="utf-8")
        assert old in text
        study.write_text(text.replace(old, new, 1), encoding="utf-8")
        before, catalog = dict(preview.pages), preview.catalog
        assert edited_case_studies(preview.catalog, check(project).catalog, {name}) == {"hs2-skills-employment-education"}  # type: ignore[arg-type]
        pages = generate_pages(project, preview, {name}).pages
        assert docs_tree(pages) == docs_tree(generate(project).pages)
        assert catalog is not None and preview.catalog is not None
        reused = {c.id for c in catalog.case_studies if any(c is d for d in preview.catalog.case_studies)}
        assert "hs2-skills-employment-education" not in reused and len(reused) == len(catalog.case_studies) - 1  # the others' models were kept
        kept = [p for p in pages if p.dest_path.startswith("case-studies/") and before.get(p.dest_path) is p]
        assert kept, "no case-study page was kept from the last run"
        if old.startswith("summary"):  # no listing beyond the case studies' own shows a summary: clause pages were kept
            assert all(before.get(p.dest_path) is p for p in pages if p.dest_path.startswith("clauses/"))
    shown = docs_tree(pages)["case-studies/hs2-skills-employment-education.md"].decode()
    assert "Renamed: " in shown and "Edited: " in shown


def test_adding_a_case_study_renders_the_whole_site(real: Path) -> None:
    project = Project(real)
    preview = Preview()
    generate_pages(project, preview, None)
    source = real / "casestudies/hs2-skills-employment-education.yml"
    copy = real / "casestudies/hs2-copy.yml"
    copy.write_text(source.read_text(encoding="utf-8").replace("id: hs2-skills-employment-education", "id: hs2-copy", 1), encoding="utf-8")
    assert edited_case_studies(preview.catalog, check(project).catalog, {"casestudies/hs2-copy.yml"}) is None  # type: ignore[arg-type]
    assert docs_tree(generate_pages(project, preview, {"casestudies/hs2-copy.yml"}).pages) == docs_tree(generate(project).pages)


def _changed(cases: tuple[CaseStudy, ...], names: set[str], how: str) -> tuple[CaseStudy, ...]:
    """The case studies with every field in ``names`` changed: each takes the next one's value
    ("rotate"), or its own value altered by type ("alter": text lengthened, lists emptied, numbers raised)."""

    def alter(value: Any) -> Any:
        if isinstance(value, str):
            return value + " Zq"
        if isinstance(value, tuple):
            return ()
        if isinstance(value, int) and not isinstance(value, bool):
            return value + 1
        return value

    changed = []
    for i, case in enumerate(cases):
        other = cases[(i + 1) % len(cases)]
        values = {name: getattr(other, name) if how == "rotate" else alter(getattr(case, name)) for name in names - {"origin"}}
        if "origin" in names:
            values["origin"] = other.origin if how == "rotate" else Located({**case.origin.data, "summary": case.summary + " Zq"})
        changed.append(dataclasses.replace(case, **values))
    return tuple(changed)


def test_renderers_read_no_case_study_field_but_those_named() -> None:
    """The live preview keeps a renderer's pages after an edit that changes none of the case-study
    fields CASE_FIELDS names for it; so changing every other field, in every case study, must leave
    those pages as they were."""
    result = check(Project(ROOT))
    catalog = result.catalog
    assert catalog is not None
    every = {f.name for f in dataclasses.fields(CaseStudy)} - {"id", "src_path"}  # an edit that changes these renders the whole site
    jobs = {getattr(job, "func", job).__name__: job for job in render_jobs(catalog, result.profile, 1767225600, packs=False)}
    assert CASE_FIELDS.keys() <= jobs.keys()
    for name, reads in CASE_FIELDS.items():
        assert reads <= every | {"origin"}, name
        if "origin" in reads:  # the file as read: it changes with every edit, so nothing is kept
            continue
        before = docs_tree(jobs[name]())
        for how in ("rotate", "alter"):
            other = dataclasses.replace(catalog, case_studies=_changed(catalog.case_studies, every - reads, how))
            job = next(j for j in render_jobs(other, result.profile, 1767225600, packs=False) if getattr(j, "func", j).__name__ == name)
            assert docs_tree(job()) == before, f"{name} shows a case-study field beyond {sorted(reads)} ({how})"


def test_preview_finds_the_problems_a_check_finds_after_each_edit(tiny: Path) -> None:
    """The preview keeps the clause rules' problems while no clause changes (ClauseRulesMemo); after
    edits to a case study, then to a clause, it reports what a fresh check reports."""
    project = Project(tiny)
    preview = Preview()
    assert generate_pages(project, preview, None).diagnostics == check(project).diagnostics
    study = tiny / "casestudies/borsetshire-green-fleet.yml"
    study.write_text(study.read_text().replace("a greener vehicle fleet", "an electric vehicle fleet"))
    assert generate_pages(project, preview, {"casestudies/borsetshire-green-fleet.yml"}).diagnostics == check(project).diagnostics
    clause = tiny / "templates/SV-TST-01.yml"
    clause.write_text(clause.read_text().replace('version: "1.1.0"', 'version: "1.2.0"', 1))
    found = generate_pages(project, preview, {"templates/SV-TST-01.yml"}).diagnostics
    assert found == check(project).diagnostics
    assert any(d.rule == "T007" for d in found)


def test_the_preview_asks_mkdocs_to_rebuild_instead_of_its_watcher(tmp_path: Path) -> None:
    """MkDocs' live-reload server stops polling the docs tree once attached, and a request makes
    its build loop rebuild, as its own watcher would on a change."""
    from mkdocs.livereload import LiveReloadServer

    from generator.serve import Rebuilds

    docs = tmp_path / "docs"
    docs.mkdir()
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(docs))
    rebuilds = Rebuilds()
    rebuilds.request()  # before MkDocs' first build ended: kept until the server is attached
    rebuilds.attach(server, str(docs))
    assert str(docs) not in server._watched_paths and server.build_delay == 0
    assert server._want_rebuild
    server._want_rebuild = False
    rebuilds.request()
    assert server._want_rebuild
    gc.unfreeze()  # attach froze this process's heap, as it does the preview's after MkDocs' first build


def test_compiled_theme_templates_are_reused_until_their_source_changes() -> None:
    import jinja2

    from generator.serve import TemplateCode

    code = TemplateCode()
    sources = {"page.html": "Hello {{ name }}"}

    def render() -> str:  # a new environment for each build, as MkDocs makes one
        env = jinja2.Environment(loader=jinja2.DictLoader(sources), bytecode_cache=code)
        return env.get_template("page.html").render(name="you")

    assert render() == "Hello you" and len(code.code) == 1
    assert render() == "Hello you"
    sources["page.html"] = "Goodbye {{ name }}"
    assert render() == "Goodbye you"
