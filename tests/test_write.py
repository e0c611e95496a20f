"""The writer never writes outside its folder or the same path twice; publishing swaps whole folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.render.pages import Page
from generator.write import OutputError, Writer, publish, sync_tree


@pytest.mark.parametrize("bad", ["../x.md", "/abs.md", "a/../../x.md", "C:\\x.md", "CON", "aux.md", "a\x00b.md", "x" * 300, "", "a//b.md"])
def test_refuses_unsafe_paths(tmp_path: Path, bad: str) -> None:
    with pytest.raises(OutputError):
        Writer(tmp_path / "out").write(bad, b"x")
    assert not (tmp_path / "x.md").exists()


def test_refuses_to_write_a_path_twice_even_in_another_case(tmp_path: Path) -> None:
    writer = Writer(tmp_path)
    writer.write("case-studies/a.md", b"1")
    with pytest.raises(OutputError, match="written twice"):
        writer.write("case-studies/A.md", b"2")
    assert (tmp_path / "case-studies/a.md").read_bytes() == b"1"


def test_refuses_symlink_escape(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "link").symlink_to(tmp_path)
    with pytest.raises(OutputError, match="outside"):
        Writer(tmp_path / "out").write("link/escape.md", b"x")


def test_publish_replaces_the_whole_folder(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site/old.html").write_text("old")
    (tmp_path / "new").mkdir()
    (tmp_path / "new/index.html").write_text("new")
    publish(tmp_path / "new", tmp_path / "site")
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["index.html"]
    assert not any(p.name.startswith(".site.old") for p in tmp_path.iterdir())


def test_sync_tree_touches_only_changes(tmp_path: Path) -> None:
    assert sync_tree([Page("a.md", "1"), Page("b/c.md", "2")], tmp_path) == 2
    assert sync_tree([Page("a.md", "1"), Page("b/c.md", "3")], tmp_path) == 1
    assert sync_tree([Page("a.md", "1")], tmp_path) == 1
    assert not (tmp_path / "b/c.md").exists()
