"""Compiled page templates and schema validators kept in build/cache/code give the same results as
freshly compiled ones, and `svkb check` adds nothing there."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import fastjsonschema
import jinja2
import pytest

from generator import codecache
from generator.build import Project, generate
from generator.discover import KINDS
from generator.render.environment import environment
from generator.validate import _quick_check
from tests import test_check
from tests.conftest import FIXTURE, run_process


@pytest.fixture
def kept(tmp_path: Path) -> Iterator[Path]:
    """A code cache for this test only; compiled code from before or after it is not reused."""
    _quick_check.cache_clear()
    environment.cache_clear()
    codecache.use(tmp_path / "code")
    yield tmp_path / "code"
    codecache.use(None)
    _quick_check.cache_clear()
    environment.cache_clear()


def test_kept_validators_accept_and_reject_as_jsonschema_does(kept: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for kind in KINDS:
        _quick_check(kind.name)
    assert len(list(kept.iterdir())) == len({kind.schema for kind in KINDS}), sorted(p.name for p in kept.iterdir())  # two kinds share a schema
    _quick_check.cache_clear()
    monkeypatch.setattr(fastjsonschema, "compile_to_code", lambda *a, **k: pytest.fail("compiled again, not read from the cache"))
    test_check.test_quick_schema_check_agrees_with_jsonschema_on_every_file()


def test_kept_templates_render_the_same_pages(kept: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = generate(Project(FIXTURE)).pages
    assert list(kept.glob("templates-*/*"))
    environment.cache_clear()
    monkeypatch.setattr(jinja2.Environment, "compile", lambda *a, **k: pytest.fail("compiled again, not read from the cache"))
    again = generate(Project(FIXTURE)).pages
    assert [(p.dest_path, p.data()) for p in again] == [(p.dest_path, p.data()) for p in fresh]


def test_check_writes_no_compiled_code(tiny: Path) -> None:
    assert run_process("--root", str(tiny), "check").returncode == 0
    assert not (tiny / "build/cache/code").exists()


def test_kept_clause_bodies_render_the_same_and_a_bad_body_is_never_kept(kept: Path) -> None:
    from generator.clausetext import ClauseTemplateError, _compiled, render_body

    body = "The {{ authority_name | upper }} requires {% if count > 1 %}{{ count }} jobs{% else %}one job{% endif %}.\n\nLine {{ count }}."
    _compiled.cache_clear()
    try:
        fresh = _compiled(body)
        _compiled.cache_clear()
        again = _compiled(body)  # read from the cache
        assert again[1] == fresh[1] == {"authority_name": 1, "count": 1}
        values = {"authority_name": "leeds", "count": 3}
        assert again[0].render(values) == fresh[0].render(values) == "The LEEDS requires 3 jobs.\n\nLine 3."
        assert len(list(kept.iterdir())) == 1
        with pytest.raises(ClauseTemplateError):
            render_body("{% for x in y %}{{ x }}{% endfor %}", [], {})
        assert len(list(kept.iterdir())) == 1
    finally:
        _compiled.cache_clear()
