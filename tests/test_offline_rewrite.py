"""The offline copy's rewrite of a built page: directory links name index.html, nothing else changes."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

from generator.offline import offline_page, offline_search_index, offline_zip

PAGE = (
    b'<html><head><meta http-equiv="refresh" content="0; url=../../case-studies/x/">'
    b'<link rel="stylesheet" href="../../assets/svkb/svkb.css"></head><body>'
    b'<a href="../..">home</a> <a href="../.." class="x">logo</a> <a href="./">here</a> <a href="../y/#part">y</a> '
    b'<a href="#top">top</a> <a href="https://www.gov.uk/">gov</a> <a href="mailto:a@b.uk">mail</a> '
    b'<a href="../../downloads/p.docx" data-svkb-root-href="downloads/">pack</a></body></html>'
)


def test_directory_links_name_index_html_and_other_links_stay() -> None:
    out = offline_page(PAGE, 2).decode()
    assert 'content="0; url=../../case-studies/x/index.html"' in out
    assert '<a href="../../index.html">home</a>' in out and 'href="../../index.html" class="x"' in out
    assert '<a href="./index.html">here</a>' in out and '<a href="../y/index.html#part">y</a>' in out
    for same in ('href="#top"', 'href="https://www.gov.uk/"', 'href="mailto:a@b.uk"', 'href="../../assets/svkb/svkb.css"', 'data-svkb-root-href="downloads/"'):
        assert same in out
    assert out.count('<script src="../../assets/svkb/iframe-worker-shim.js"></script>') == 1
    assert out.index("iframe-worker-shim") < out.index("</head>")


def test_search_locations_name_files_and_the_script_holds_the_index() -> None:
    index = {"config": {"lang": ["en"]}, "docs": [{"location": "", "title": "Home"}, {"location": "#start", "title": "Start"}, {"location": "guidance/act/#duty", "title": "Duty"}]}
    data, script = offline_search_index(json.dumps(index).encode())
    locations = [d["location"] for d in json.loads(data)["docs"]]
    assert locations == ["index.html", "index.html#start", "guidance/act/index.html#duty"]
    assert script == b"var __index = " + data


def test_kept_deflated_files_give_the_same_zip_and_a_changed_file_is_deflated_again(tmp_path: Path) -> None:
    site, cache, when = tmp_path / "site", tmp_path / "cache", dt.datetime(2026, 1, 1)
    (site / "x").mkdir(parents=True)
    (site / "index.html").write_bytes(PAGE)
    (site / "x/index.html").write_bytes(PAGE.replace(b"home", b"start") * 50)
    (site / "x/pack.docx").write_bytes(b"PK stored as it is")

    def zipped(abs_cache: Path | None) -> bytes:
        target = io.BytesIO()
        offline_zip(site, "copy", when, target, abs_cache)
        return target.getvalue()

    plain = zipped(None)
    assert zipped(cache) == plain and (cache / "index.json").is_file()  # first build: deflates and keeps
    assert zipped(cache) == plain  # second: reads what it kept
    (site / "x/index.html").write_bytes(PAGE.replace(b"home", b"begin") * 50)
    changed = zipped(cache)
    assert changed == zipped(None) != plain
    with zipfile.ZipFile(io.BytesIO(changed)) as archive:
        assert archive.read("copy/x/index.html").count(b">begin<") == 50 and archive.testzip() is None
    assert len(json.loads((cache / "index.json").read_text())["files"]) == 2  # only this build's files are kept
