"""A seeded fuzz test: hundreds of mutated content files, never a traceback.

Each case mutates one or more content files of a copy of the tiny fixture project: hostile
payloads, lines spliced in from the real content, deletions, duplications, truncations,
odd characters and odd numbers. Every run must end with exit code 0, 1 or 2 and no traceback;
a few runs that pass check are also built, and then a failed build must leave the previous site
untouched and a passing one must publish no active HTML. Set SVKB_FUZZ_SEED and SVKB_FUZZ_CASES
to explore further; the default is fixed so that a failure can be reproduced.
"""

from __future__ import annotations

import os
import random
import re
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, run, tree_bytes
from tests.report import FIGURES

SEED = int(os.environ.get("SVKB_FUZZ_SEED", "20261202"))
CASES = int(os.environ.get("SVKB_FUZZ_CASES", "300"))
BUILDS = int(os.environ.get("SVKB_FUZZ_BUILDS", "6"))
BUDGET_CPU_SECONDS = 60  # CPU time, not wall time: the test machine is shared

PAYLOADS = [
    "<script>alert('fuzz')</script>",
    "```x```\n<script>alert('fuzz')</script>\n```x```",
    "````\n```\n````\n<script>alert('fuzz')</script>\n```",
    "A paragraph.\n{: onclick=\"alert('fuzz')\" }",
    "[x](javascript:alert('fuzz'))",
    "[x](&#106;avascript:alert('fuzz'))",
    "<img src=x onerror=alert('fuzz')>",
    "## Clash {#__drawer}",
    "## Same {#same}\n\n## Same {#same}",
    "[out](https://ext.example){: target=\"_blank\" }",
    "[missing](no-such-page.md#nowhere)",
    "\x00", "\x0b", "\x7f", "\u202e", "\u200b", "\ufeff", "e\u0301", "\r\n", "\r",
    "".join("    " * i + "- deep\n" for i in range(60)),
    "> " * 80 + "quote",
    "{{ " + "(" * 120 + "x" + ")" * 120 + " }}",
    "{% if " + "not " * 500 + "x %}y{% endif %}",
    "*" * 400 + "emphasis" + "*" * 400,
    "[" * 500 + "x" + "]" * 500,
    "  - " * 50 + "item",
    "&#0; &#xD800; &#x110000; &bogus;",
    "<!-- unclosed comment",
    "<style>body{display:none}</style>",
    "<svg><set attributeName=onload to=alert('fuzz')></svg>",
    "  id: index", "id: con", "id: \"zz\\n\"",
    "    value: 1.0e999", "    value: " + "9" * 401, "  from: 2011.0", "    value: .nan", "    value: -0",
    "title: \"\u00a0\u00a0\"", "title: \"\\x0b\"", "title: !!python/object/apply:os.system [echo]",
    "&a [*a]", "key: [unclosed", "\"unclosed quote", "? complex\n: key", "---\n---",
]
NUMBER_FIELD = re.compile(r"(?m)^(\s*(?:value|from|to|percent|order|weighting|minimum|maximum|example):) .*$")
ODD_NUMBERS = ["1.10", "2011.0", "1.0e999", "-1", "9" * 30, ".inf", "0x1F", "010", "NaN", "1_000"]
ODD = list(":-\"'{}[]|>#*&!%@`\t \n<\\~") + ["\u00a0", "é", "🙂", "\u2028"]


def _real_lines() -> list[str]:
    lines: list[str] = []
    for pattern in ("content/guidance/*.md", "content/stages/*.md", "casestudies/*.yml", "templates/*.yml", "content/indicators/*.yml"):
        for path in sorted(ROOT.glob(pattern))[:4]:
            lines += path.read_text(encoding="utf-8").splitlines()
    return lines


def mutate(text: str, rng: random.Random, real: list[str]) -> str:
    """Apply one to three random mutations to a file's text."""
    for _ in range(rng.randint(1, 3)):
        lines = text.split("\n")
        at = rng.randrange(len(lines) + 1)
        choice = rng.randrange(8)
        if choice == 0:
            lines.insert(at, rng.choice(PAYLOADS))
        elif choice == 1 and lines:
            del lines[min(at, len(lines) - 1)]
        elif choice == 2 and lines:
            lines.insert(at, lines[min(at, len(lines) - 1)])
        elif choice == 3:
            lines.insert(at, rng.choice(real))
        elif choice == 4 and text:
            i = rng.randrange(len(text))
            text = text[:i] + rng.choice(ODD + PAYLOADS) + text[i + 1 :]
            continue
        elif choice == 5:
            text = text[: rng.randrange(len(text) + 1)]
            continue
        elif choice == 6:
            text = NUMBER_FIELD.sub(lambda m: f"{m.group(1)} {rng.choice(ODD_NUMBERS)}", text, count=1)
            continue
        else:
            i = rng.randrange(len(text) + 1) if text else 0
            text = text[:i] + rng.choice(PAYLOADS) + text[i:]
            continue
        text = "\n".join(lines)
    return text


ACTIVE = re.compile(r"<script>alert|\son[a-z]+\s*=\s*[\"']?alert|href=\"\s*javascript:", re.IGNORECASE)


def _content(html: str) -> str:
    parts = html.split('<article class="md-content__inner md-typeset">', 1)
    return parts[1].split("</article>", 1)[0] if len(parts) == 2 else ""


def test_fuzzed_content_never_gives_a_traceback(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    started = time.process_time()
    rng = random.Random(SEED)
    real = _real_lines()
    files = sorted(p for p in tiny.rglob("*") if p.is_file() and p.suffix in {".yml", ".md"})
    originals = {p: p.read_bytes() for p in files}
    assert run(capsys, "--root", str(tiny), "build")[0] == 0
    site = tree_bytes(tiny / "site")
    builds = 0
    outcomes = {0: 0, 1: 0, 2: 0}
    for case in range(CASES):
        chosen = rng.sample(files, rng.choice([1, 1, 1, 2]))
        for path in chosen:
            path.write_bytes(mutate(originals[path].decode("utf-8"), rng, real).encode("utf-8", "surrogatepass"))
        code, out, err = run(capsys, "--root", str(tiny), "check")
        where = f"case {case} (SVKB_FUZZ_SEED={SEED}) mutating {[p.relative_to(tiny).as_posix() for p in chosen]}"
        assert code in outcomes and "Traceback" not in out + err, f"{where}: exit {code}\n{err[-2000:]}"
        outcomes[code] += 1
        if code == 0 and builds < BUILDS and rng.random() < 0.5:
            builds += 1
            code, out, err = run(capsys, "--root", str(tiny), "build")
            assert code in {0, 1, 2} and "Traceback" not in out + err, f"{where}: build exit {code}\n{err[-2000:]}"
            if code:
                assert tree_bytes(tiny / "site") == site, f"{where}: a failed build changed the site"
            else:
                site = tree_bytes(tiny / "site")
                active = [name for name, data in site.items() if name.endswith(".html") and ACTIVE.search(_content(data.decode("utf-8")))]
                assert active == [], f"{where}: active HTML in {active}"
        for path in chosen:
            path.write_bytes(originals[path])
    FIGURES["fuzz cases (check exit 0/1/2), builds"] = f"{CASES} ({outcomes[0]}/{outcomes[1]}/{outcomes[2]}), {builds}"
    assert builds >= min(1, BUILDS) and outcomes[1] > 0
    assert time.process_time() - started < BUDGET_CPU_SECONDS


REAL_CASES = int(os.environ.get("SVKB_FUZZ_REAL_CASES", "20"))


def test_fuzzed_real_content_never_gives_a_traceback(real: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The same mutations on the real case studies, clauses and pages (check only: it is slower)."""
    rng = random.Random(SEED + 1)
    lines = _real_lines()
    files = sorted(p for pattern in ("casestudies/*.yml", "templates/*.yml", "content/guidance/*.md", "content/stages/*.md") for p in real.glob(pattern))
    for case in range(REAL_CASES):
        path = rng.choice(files)
        original = path.read_bytes()
        path.write_bytes(mutate(original.decode("utf-8"), rng, lines).encode("utf-8", "surrogatepass"))
        code, out, err = run(capsys, "--root", str(real), "check")
        assert code in {0, 1, 2} and "Traceback" not in out + err, f"case {case} (SVKB_FUZZ_SEED={SEED}) mutating {path.name}: exit {code}\n{err[-2000:]}"
        path.write_bytes(original)
