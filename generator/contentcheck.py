"""Checks on what authors wrote: citations resolve, no superseded regime presented as current,
no raw HTML or scripts, headings in order."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.coursecheck import check_courses
from generator.diagnostics import WARNING, Diagnostic, field_name
from generator.model import CaseStudy, Catalog, Clause, GuidancePage

CITATION = re.compile(r"\[\^([^\]\s]+)\](:?)")
SUPERSEDED = (
    (re.compile(r"\bPCR\s*2015\b"), "PCR 2015"),
    (re.compile(r"Public Contracts Regulations 2015"), "the Public Contracts Regulations 2015"),
    (re.compile(r"\bMEAT\b"), "MEAT"),
    (re.compile(r"most economically advantageous tender", re.IGNORECASE), "most economically advantageous tender"),
    (re.compile(r"\bOJEU\b"), "OJEU"),
    (re.compile(r"Official Journal of the European Union", re.IGNORECASE), "the Official Journal"),
    (re.compile(r"\bPPN\s*0?6/20\b"), "PPN 06/20"),
    (re.compile(r"Social Value Act 2013", re.IGNORECASE), "'Social Value Act 2013' (the Act is 2012)"),
)
UNSAFE = re.compile(r"<\s*/?\s*(script|iframe|object|embed|form|svg|math|style|link|meta|base)\b|javascript\s*:|vbscript\s*:|data\s*:\s*text/html|\bon[a-z]+\s*=|\{\s*:?[^}\n]*\bstyle\s*=", re.IGNORECASE)
RAW_TAG = re.compile(r"<(?!https?://|mailto:)[a-zA-Z/!]")
HEADING = re.compile(r"^(#{1,6})\s")
LEGACY_START = re.compile(r"^(!!!|\?\?\?\+?)\s+(legacy|history)\b")


FENCE = re.compile(r"^\s*(`{3,}|~{3,})(.*)$")


def fenced_lines(lines: list[str]) -> list[bool]:
    """Whether each line is part of a code fence (its opening and closing lines included).

    A fence opens with three or more backticks or tildes (a backtick fence's info string holds no
    backtick, so ```` ```x``` ```` is a code span) and closes with a run of the same character at
    least as long and nothing after it; a fence never closed is not a fence. This is for messages
    only: the sanitiser (generator/sanitise.py) is the defence.
    """
    flags = [False] * len(lines)
    start = 0
    while start < len(lines):
        match = FENCE.match(lines[start])
        if not match or (match.group(1)[0] == "`" and "`" in match.group(2)):
            start += 1
            continue
        run = match.group(1)
        for end in range(start + 1, len(lines)):
            close = FENCE.match(lines[end])
            if close and close.group(1)[0] == run[0] and len(close.group(1)) >= len(run) and not close.group(2).strip():
                flags[start : end + 1] = [True] * (end + 1 - start)
                start = end + 1
                break
        else:
            start += 1  # never closed: Markdown shows it as text, so check what follows
    return flags


def _body_lines(page: GuidancePage) -> Iterator[tuple[int, str, bool]]:
    """(file line, text, inside a legacy block) for each body line outside code fences."""
    legacy = False
    lines = page.body.splitlines()
    for offset, (line, fenced) in enumerate(zip(lines, fenced_lines(lines), strict=True)):
        if fenced:
            continue
        if legacy and line.strip() and not line.startswith(("    ", "\t")):
            legacy = False
        if LEGACY_START.match(line):
            legacy = True
            continue
        yield page.body_line + offset, line, legacy


def check_page(page: GuidancePage) -> Iterator[Diagnostic]:
    """Citations, currency, safety and headings of one guidance page."""
    ids = {s.id for s in page.sources}
    cited: set[str] = set()
    level = 1
    for line_no, line, legacy in _body_lines(page):
        def problem(rule: str, message: str, col: int = 1, line_no: int = line_no) -> Diagnostic:
            return Diagnostic(page.src_path, line_no, col, rule, "body", message)

        for match in CITATION.finditer(line):
            if match.group(2):
                yield problem("C002", f"footnote '{match.group(1)}' is defined in the body; list the source in the front matter instead", match.start() + 1)
            elif match.group(1) not in ids:
                yield problem("C001", f"citation [^{match.group(1)}] does not match any source id in the front matter", match.start() + 1)
            cited.add(match.group(1))
        for pattern, name in SUPERSEDED:
            found = pattern.search(line)
            if found and not legacy:
                yield problem("C003", f"{name} is a superseded regime; mention it only inside a '!!! legacy' block", found.start() + 1)
        unsafe = UNSAFE.search(line)
        if unsafe:
            yield problem("M002", f"unsafe markup '{unsafe.group(0)}' is not allowed", unsafe.start() + 1)
        elif RAW_TAG.search(line):
            yield problem("M002", "raw HTML is not allowed in guidance pages; use Markdown", RAW_TAG.search(line).start() + 1)
        heading = HEADING.match(line)
        if heading:
            depth = len(heading.group(1))
            if depth == 1:
                yield problem("M003", "a page has one top-level heading, its title; start sections at '## '")
            elif depth > level + 1:
                yield problem("M003", f"heading level {depth} follows level {level}; do not skip a level")
            level = depth
        if re.search(r"!\[\s*\]\(", line):
            yield problem("M004", "an image needs alternative text: ![what it shows](...)")
    for i, source in enumerate(page.sources):
        if source.id not in cited:
            line, col = page.origin.at(("sources", i, "id"))
            yield Diagnostic(page.src_path, line, col, "C004", f"sources[{i}].id", f"source '{source.id}' is never cited in the body", WARNING)


def _item_texts(item: Clause | CaseStudy) -> Iterator[tuple[tuple[object, ...], str]]:
    if isinstance(item, Clause):
        yield from ((("purpose",), item.purpose), (("use_when",), item.use_when), (("avoid_when",), item.avoid_when), (("body",), item.body))
        for i, note in enumerate(item.drafting_notes):
            if not note.lstrip().lower().startswith(("legacy", "history")):
                yield ("drafting_notes", i), note
        return
    if "pcr-2015" in item.regimes:
        return  # a case study of work under the old rules is history
    yield from ((("summary",), item.summary), (("context",), item.context), (("approach",), item.approach))
    yield from ((("lessons", i), lesson) for i, lesson in enumerate(item.lessons))


def check_currency(item: Clause | CaseStudy) -> Iterator[Diagnostic]:
    """Clause and case-study text does not present superseded regimes as current."""
    for path, text in _item_texts(item):
        for pattern, name in SUPERSEDED:
            if pattern.search(text):
                line, col = item.origin.at(path)
                yield Diagnostic(item.src_path, line, col, "C003", field_name(path), f"{name} is a superseded regime; mention it only in a drafting note that starts 'Legacy:'")


def check_content(catalog: Catalog) -> list[Diagnostic]:
    """Run the content checks over pages, clauses, case studies and courses."""
    found: list[Diagnostic] = []
    for page in catalog.pages:
        found += check_page(page)
    for item in (*catalog.clauses, *catalog.case_studies):
        found += check_currency(item)
    found += check_courses(catalog)
    return found
