"""Active HTML cannot reach the site, whatever the source lint thinks (audit C33, C34, C36, C37).

The lint on guidance pages is for good messages; the defence is the sanitiser that runs on every
page's HTML after Markdown conversion. These tests put hostile Markdown straight into the docs
tree, past the lint, and check the built page."""

from __future__ import annotations

import html.parser
import re
from pathlib import Path

import pytest

from generator.sanitise import sanitise
from generator.sitebuild import build_site
from tests.conftest import ROOT, run

FENCE_BYPASS = '\n```x```\n<script>alert("fence-bypass")</script>\n```x```\n'
ATTR_BYPASS = '\n```x```\n\nA paragraph.\n{: onclick="alert(1)" }\n\n```x```\n'
LONG_FENCE = "\n````\n```\n````\n<script>alert(2)</script>\n```\n"
ATTR_LIST = (
    "\n## Drawer clash {#__drawer}\n\n## Search clash {#__search}\n\n"
    '[out](https://ext.example){: target="_blank" }\n\n'
    '![x](y.png){: onerror="alert(3)" }\n\n'
    'Styled.\n{: style="color:red" ONCLICK = "alert(4)" }\n\n'
    '<img src=x onerror=alert(5)> <iframe src="https://ext.example"></iframe>\n\n'
    '<svg><set attributeName="onload" to="alert(6)"/></svg>\n\n'
    '<a href="&#106;avascript:alert(7)">enc</a> [j](javascript:alert(8))\n'
)
ACTIVE = re.compile(r"<script>alert|\son[a-z]+\s*=|javascript:|<iframe|<svg|target=\"_blank\"|id=\"__(drawer|search)\"|style=\"color", re.IGNORECASE)


def _build_docs(tmp_path: Path, body: str) -> str:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\nText.\n" + body, encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    problems = build_site(config, docs, tmp_path / "site")
    assert [p for p in problems if "index.md" in p.message and "link" not in p.message] == []
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    return html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]


@pytest.mark.parametrize("body", [FENCE_BYPASS, ATTR_BYPASS, LONG_FENCE, ATTR_LIST], ids=["fence", "attr", "long-fence", "attr-list"])
def test_hostile_markdown_is_inert_in_the_built_page(tmp_path: Path, body: str) -> None:
    content = _build_docs(tmp_path, body)
    assert [m.group(0) for m in ACTIVE.finditer(content)] == []


def test_sanitiser_keeps_what_templates_need() -> None:
    fragment = (
        '<div class="admonition note" data-svkb-clause="x" role="region" aria-label="Clause"><p class="admonition-title">Note</p>'
        '<a href="../x/#y" class="headerlink" title="Permanent link">¶</a><button type="button" data-svkb-copy="text">Copy</button>'
        '<textarea hidden readonly data-svkb-source tabindex="-1" aria-hidden="true">t</textarea>'
        '<table><tr><th style="text-align: left;">a</th></tr></table><sup id="fnref:a"><a class="footnote-ref" href="#fn:a">1</a></sup></div>'
    )
    assert _shape(sanitise(fragment)) == _shape(fragment)


def _shape(fragment: str) -> list[tuple[str, list[str]]]:
    """Each start tag with its attribute names, in order."""
    class Shape(html.parser.HTMLParser):
        found: list[tuple[str, list[str]]] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag != "tbody":
                self.found.append((tag, sorted(name for name, _ in attrs)))

    parser = Shape()
    parser.found = []
    parser.feed(fragment)
    return parser.found


def test_root_links_must_be_plain_paths() -> None:
    assert "data-svkb-root-href" not in sanitise('<a data-svkb-root-href="javascript:alert(1)">x</a>')
    assert 'data-svkb-root-href="downloads/a.md"' in sanitise('<a data-svkb-root-href="downloads/a.md">x</a>')


@pytest.mark.parametrize("body", [FENCE_BYPASS, ATTR_BYPASS, LONG_FENCE], ids=["fence", "attr", "long-fence"])
def test_lint_sees_through_fence_lookalikes(tiny: Path, body: str, capsys: pytest.CaptureFixture[str]) -> None:
    page = tiny / "content/guidance/fixture-guide.md"
    page.write_text(page.read_text(encoding="utf-8") + body, encoding="utf-8")
    code, out, err = run(capsys, "--root", str(tiny), "check")
    assert code == 1
    assert "M002" in out + err


def test_lint_still_skips_real_fences() -> None:
    from generator.contentcheck import fenced_lines

    body = "a\n```html\n<script>x</script>\n```\n~~~~\n```\n<b>\n~~~~\n    `````\n    ````\n    `````\nz\n```\n<i>\n"
    assert [line for line, fenced in zip(body.splitlines(), fenced_lines(body.splitlines()), strict=True) if not fenced] == ["a", "z", "```", "<i>"]
