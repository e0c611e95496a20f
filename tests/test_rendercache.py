"""svkb build keeps its rendered tree in build/cache and uses it again only when no input changed:
a warm build gives the same site as a cold one, and an edit is never served from the cache."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.build import Project, build
from tests.conftest import tree_bytes


def test_a_warm_build_equals_a_cold_one_and_an_edit_is_rebuilt(tiny: Path) -> None:
    project = Project(tiny)
    assert build(project).exit_code == 0
    cold = tree_bytes(tiny / "site")
    assert (tiny / "build/cache/render/key").is_file() and any((tiny / "build/cache/audit").iterdir())
    assert build(project).exit_code == 0
    assert tree_bytes(tiny / "site") == cold

    study = tiny / "casestudies/borsetshire-green-fleet.yml"
    study.write_text(study.read_text(encoding="utf-8").replace("a greener vehicle fleet", "an electric vehicle fleet"), encoding="utf-8")
    assert build(project).exit_code == 0
    assert "an electric vehicle fleet" in (tiny / "site/case-studies/borsetshire-green-fleet/index.html").read_text(encoding="utf-8")
    warm = tree_bytes(tiny / "site")
    shutil.rmtree(tiny / "build/cache")
    assert build(project).exit_code == 0
    assert tree_bytes(tiny / "site") == warm
