"""What check finds in every text (audit A5, A12, A16, A18, A19, A20, D43, D47), beyond the
invalid examples: CRLF and BOM pages build like any other, decomposed text is published composed."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from generator.textcheck import is_blank, nesting, number_problem
from generator.validate import is_valid
from tests.conftest import run, tree_bytes


@pytest.mark.parametrize(("line", "depth"), [("text", 0), ("- a", 1), ("    - a", 2), ("- - > x", 3), ("\t\t1. x", 3), ("> > > >", 4), ("-x", 0)])
def test_nesting(line: str, depth: int) -> None:
    assert nesting(line) == depth


@pytest.mark.parametrize("text", ["   ", "\u00a0\u00a0", "\u200b\u200b", "\u2060 \ufeff", "\u3164", "\t\n"])
def test_blank(text: str) -> None:
    assert is_blank(text)


@pytest.mark.parametrize("text", ["a", " x ", "é", "🙂"])
def test_not_blank(text: str) -> None:
    assert not is_blank(text)


@pytest.mark.parametrize(("value", "bad"), [(18.2, False), (2011, False), (2011.0, True), (float("inf"), True), (float("nan"), True), (10**400, True), (10**15 - 1, False), (True, False), ("1.10", False)])
def test_numbers(value: object, bad: bool) -> None:
    assert bool(number_problem(value)) is bad


def test_fallback_validator_does_not_accept_a_final_newline() -> None:
    taxonomy = {"themes": [{"id": "zz-new\n", "label": "x", "description": "y"}]}
    assert not is_valid("taxonomy", taxonomy)


def _site_of(project: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, bytes]:
    code, out, err = run(capsys, "--root", str(project), "build")
    assert code == 0, err
    return tree_bytes(project / "site")


@pytest.mark.parametrize("form", ["crlf", "mixed", "bom", "cr"])
def test_windows_and_bom_pages_build_the_same_site(tiny: Path, built_tiny: Path, capsys: pytest.CaptureFixture[str], form: str) -> None:
    page = tiny / "content/guidance/fixture-guide.md"
    raw = page.read_bytes()
    changed = {"crlf": raw.replace(b"\n", b"\r\n"), "mixed": raw.replace(b"\n", b"\r\n", 10), "bom": b"\xef\xbb\xbf" + raw, "cr": raw.replace(b"\n", b"\r")}[form]
    page.write_bytes(changed)
    case = tiny / "casestudies/anytown-local-jobs.yml"
    case.write_bytes(b"\xef\xbb\xbf" + case.read_bytes().replace(b"\n", b"\r\n"))
    built = tree_bytes(built_tiny / "site")
    assert _site_of(tiny, capsys) == built


def test_decomposed_text_is_published_composed(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tiny / "content/guidance/fixture-guide.md"
    page.write_text(page.read_text(encoding="utf-8").replace("title: Fixture guidance page", "title: Cafe\u0301 culture"), encoding="utf-8")
    case = tiny / "casestudies/anytown-local-jobs.yml"
    case.write_text(case.read_text(encoding="utf-8").replace("region: Nowhere", 'region: "Nowhe\\u0301re"'), encoding="utf-8")
    code, out, err = run(capsys, "--root", str(tiny), "build")
    assert code == 0, err
    assert "content/guidance/fixture-guide.md:3:12: warning W002" in err and "casestudies/anytown-local-jobs.yml:9:11: warning W002: authority.region" in err
    html = (tiny / "site/guidance/fixture-guide/index.html").read_text(encoding="utf-8")
    assert "Caf\u00e9 culture" in html and "e\u0301" not in html
    assert "Nowh\u00e9re" in (tiny / "site/case-studies/anytown-local-jobs/index.html").read_text(encoding="utf-8")


def test_profile_values_are_checked_like_content(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = tiny / "p.yml"
    profile.write_bytes(b'\xef\xbb\xbfedition: "Evil \\u202e edition"\r\nvalues:\r\n  authority_name: "Any\\x0btown"\r\n')
    code, out, err = run(capsys, "--root", str(tiny), "check", "--profile", str(profile))
    assert code == 1
    assert "p.yml:1:10: error Y009: edition:" in err and "p.yml:3:19: error Y008: values.authority_name:" in err
    profile.write_text('edition: "Cafe\\u0301 edition"\nvalues:\n  authority_name: Anytown\n', encoding="utf-8")
    code, out, err = run(capsys, "--root", str(tiny), "check", "--profile", str(profile))
    assert code == 0 and "warning W002: edition:" in err


def test_texts_without_headings_or_flagged_characters_take_a_shortcut_to_the_same_findings() -> None:
    from generator.textcheck import _line_problems, _nesting_problem

    rng = random.Random(7)
    pieces = ["- ", "* ", "+ ", "1. ", "2) ", "> ", ">", "    ", "\t", "  ", "text", "```", "~~~", "\n", "\n\n", "12", "-", "\u00a0"]
    texts = ["> " * 21 + "deep", "- " * 22 + "x\n" + "> " * 25, "    " * 21 + "- code", "a\n" + "1. " * 30]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 80))) for _ in range(3000)]
    for text in texts:
        for body in (False, True):
            assert list(_nesting_problem(text)) == list(_line_problems(text, body)), repr(text)
    assert any(list(_nesting_problem(t)) for t in texts[:4])
