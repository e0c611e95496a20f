"""The post-build audit of the whole site (audit rows C36, C37, C39, D47, A16): each problem is one
line, the build fails, and the previous site is untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.siteaudit import audit_site
from tests.conftest import run, tree_bytes

THEME = '<script>var x=__md_get("a","../")</script><script id="__config" type="application/json">{"base": ".."}</script>'


def _site(tmp_path: Path, files: dict[str, str]) -> Path:
    site = tmp_path / "site"
    for name, text in {"404.html": f"<html>{THEME}</html>", **files}.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    return site


def _rules(site: Path) -> list[tuple[str, int, str]]:
    return [(d.path, d.line, d.rule) for d in audit_site(site)]


def test_a_clean_site_passes(tmp_path: Path) -> None:
    page = f'<html>{THEME}<h2 id="a">A</h2><a href="#a">a</a><a href="../b/#x">b</a><a href="https://ext.example" target="_blank" rel="noopener">e</a><script src="../assets/x.js"></script></html>'
    site = _site(tmp_path, {"a/index.html": page, "b/index.html": '<p id="x"></p>', "assets/x.js": "", "feed.xml": "<feed/>", "d.json": '{"a": 1.5}'})
    assert audit_site(site) == []


@pytest.mark.parametrize(
    ("html", "rule"),
    [
        ('<p onclick="alert(1)">x</p>', "H002"),
        ("<P ONMOUSEOVER=alert(1)>x</P>", "H002"),
        ('<a href="&#106;avascript:alert(1)">x</a>', "H003"),
        ('<a href="java&#x09;script:alert(1)">x</a>', "H003"),
        ('<a href=" VBScript:x">x</a>', "H003"),
        ('<img src="data:text/html;base64,AAAA">', "H003"),
        ('<h2 id="same">a</h2><h2 id="same">b</h2>', "H004"),
        ('<a href="https://ext.example" target="_blank">x</a>', "H005"),
        ('<a href="https://ext.example" target="_blank" rel="noreferrer">x</a>', "H005"),
        ('<a href="../no-such-page/">x</a>', "H006"),
        ('<a href="../guidance/faq.md">x</a>', "H006"),
        ('<a href="#no-such-anchor">x</a>', "H007"),
        ("<script>alert(1)</script>", "H001"),
        ('<script src="https://cdn.example/x.js"></script>', "H001"),
        ('<script src="//cdn.example/x.js"></script>', "H001"),
        ('<script src="../uploads/x.js"></script>', "H001"),
        ('<script src="../assets/missing.js"></script>', "H006"),
        ('<iframe src="x"></iframe>', "H001"),
    ],
)
def test_each_problem_is_found(tmp_path: Path, html: str, rule: str) -> None:
    site = _site(tmp_path, {"a/index.html": f"<html>{THEME}\n<main>\n{html}\n</main></html>"})
    found = _rules(site)
    assert ("(built) a/index.html", 3, rule) in found, found


def test_feeds_and_exports_must_parse(tmp_path: Path) -> None:
    site = _site(tmp_path, {"changes.xml": "<feed>\n<title>a\x0bb</title></feed>", "sitemap.xml": "<urlset>", "data/x.json": '{"v": Infinity}', "data/y.json": '{"v": NaN}'})
    assert sorted((d.path, d.rule) for d in audit_site(site)) == [
        ("(built) changes.xml", "H008"), ("(built) data/x.json", "H009"), ("(built) data/y.json", "H009"), ("(built) sitemap.xml", "H008"),
    ]  # fmt: skip


def _build_fails_and_keeps_site(tiny: Path, capsys: pytest.CaptureFixture[str], edit: tuple[str, str, str]) -> str:
    assert run(capsys, "--root", str(tiny), "build")[0] == 0
    before = tree_bytes(tiny / "site")
    path = tiny / edit[0]
    text = path.read_text(encoding="utf-8")
    assert edit[1] in text
    path.write_text(text.replace(edit[1], edit[2], 1), encoding="utf-8")
    code, out, err = run(capsys, "--root", str(tiny), "build")
    assert code == 1, out + err
    assert tree_bytes(tiny / "site") == before
    assert "Traceback" not in out + err
    return out + err


def test_broken_link_in_yaml_text_fails_the_build_at_its_line(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit = ("casestudies/anytown-local-jobs.yml", "[link](https://example.org/context)", "[link](../guidance/no-such-page.md)")
    output = _build_fails_and_keeps_site(tiny, capsys, edit)
    assert "casestudies/anytown-local-jobs.yml:22:" in output
    assert "H006" in output and "no-such-page" in output


def test_broken_anchor_in_yaml_text_fails_the_build(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit = ("casestudies/anytown-local-jobs.yml", "[link](https://example.org/context)", "[link](#no-such-anchor)")
    output = _build_fails_and_keeps_site(tiny, capsys, edit)
    assert "casestudies/anytown-local-jobs.yml:22:" in output and "H007" in output


def test_duplicate_heading_ids_fail_the_build(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = "content/guidance/fixture-guide.md"
    text = (tiny / page).read_text(encoding="utf-8")
    edit = (page, text, text + "\n## Same {#same-id}\n\nA.\n\n## Same again {#same-id}\n\nB.\n")
    output = _build_fails_and_keeps_site(tiny, capsys, edit)
    assert "H004" in output and "same-id" in output
    assert f"{page}:" in output


def test_mkdocs_link_problems_point_at_the_source_line(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = "content/guidance/fixture-guide.md"
    text = (tiny / page).read_text(encoding="utf-8")
    line = len(text.splitlines()) + 2
    edit = (page, text, text + "\nSee [the missing page](no-such-page.md).\n")
    output = _build_fails_and_keeps_site(tiny, capsys, edit)
    assert f"{page}:{line}:" in output and "M001" in output


def _full_parse(text: str):  # type: ignore[no-untyped-def]
    from generator.siteaudit import _Parser

    parser = _Parser()
    parser.feed(text)
    parser.close()
    return parser.facts


def test_the_fast_scanner_reads_every_built_page_as_the_html_parser_does(built_real: Path) -> None:
    from generator.siteaudit import _scan, _text

    pages = sorted((built_real / "site").rglob("*.html"))
    read = [_scan(_text(p.read_bytes())) for p in pages]
    assert all(facts is not None for facts in read)  # MkDocs' pages are all in the plain forms
    assert [f for f, p in zip(read, pages, strict=True) if f != _full_parse(_text(p.read_bytes()))] == []


@pytest.mark.parametrize(
    "html",
    [
        '<a href="x">a</a>\n<p\nid="y" title=\'t\' data-x=plain hidden>b</p><br/><img src="i.png" alt="">',
        "<!doctype html><!-- a comment <a href=x> --><a href='#z' target=_blank>z</a>",
        '<script>if (a < b) { x = "</div>"; }</script><style>p > a { }</style><script src="s.js" />',
        '<A HREF="Y" ID=Z ONCLICK="x">', '<a href="&#106;avascript:x">', "<p id=a><p id=a>",
        # forms the scanner leaves to the parser (each must still give the parser's facts)
        "<a href=x/>", "a < b <a href=x>", "<?pi x?><a href=y>", "<![CDATA[x]]><a href=y>", "<!-- a -- > <a href=x> -->",
        "<!--><a href=x>-->", "<a/href=x>", "<a\xa0href=x>", '<a href="x"onclick="y">', "<script>x</script >", "<SCRIPT>x</script>",
        "<script>a</style></script>", "<script>x", "<a href='x", "<a b=c=d>", "<p>&amp; <a href=x>", "<svg:a href=x>", "<a href=x\n",
        '<scriptx href="y">', "<script/><a href=x>", "<style>a</STYLE ><a href=b>",
    ],
)
def test_the_fast_scanner_gives_the_parser_s_facts_or_leaves_the_page_to_it(html: str) -> None:
    from generator.siteaudit import _scan, parse_page

    scanned = _scan(html)
    assert scanned is None or scanned == _full_parse(html)
    assert parse_page(html) == _full_parse(html)
