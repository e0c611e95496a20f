"""The Atom feed gives the canonical address (site_url) when one is configured (issue 14)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

from generator import themehooks
from generator.render.changes import Change, atom, canonical_feed

ATOM = "{http://www.w3.org/2005/Atom}"


def test_feed_links_use_the_canonical_address(tmp_path: Path) -> None:
    feed = atom([Change("2026-12-01", "SV-GEN-01 version 2.0.0: Award criteria", "clauses/sv-gen-01.md", "Reworded", "k")])
    (tmp_path / "changes.xml").write_text(feed, encoding="utf-8")
    themehooks.on_post_build(SimpleNamespace(site_dir=str(tmp_path), site_url="https://sv.example.gov.uk/kb/"))
    root = ET.fromstring((tmp_path / "changes.xml").read_text(encoding="utf-8"))
    links = [link.get("href") for link in root.iter(f"{ATOM}link")]
    assert links == ["https://sv.example.gov.uk/kb/changes.xml", "https://sv.example.gov.uk/kb/changes/", "https://sv.example.gov.uk/kb/clauses/sv-gen-01/"]


def test_feed_stays_relative_without_an_address(tmp_path: Path) -> None:
    feed = atom([])
    (tmp_path / "changes.xml").write_text(feed, encoding="utf-8")
    themehooks.on_post_build(SimpleNamespace(site_dir=str(tmp_path), site_url=None))
    assert (tmp_path / "changes.xml").read_text(encoding="utf-8") == feed
    assert canonical_feed(feed, "https://a.example/") == canonical_feed(feed, "https://a.example")
