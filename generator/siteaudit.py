"""Audit the whole built site before it is published: a failing audit fails the build.

Whatever the sources and the sanitiser did, the pages that would be published are checked as a
browser would read them: no script but the site's own files and the theme's inline scripts, no
inline event handler, no ``javascript:``/``data:``/``vbscript:`` URL, unique ids on each page,
``rel="noopener"`` on every ``target="_blank"``, internal links and anchors that resolve, XML that
parses and JSON that is strict (no NaN or Infinity). Each problem is one diagnostic line that
names the built file and the line in it.
"""

from __future__ import annotations

import hashlib
import html
import html.parser
import json
import os
import posixpath
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from generator.diagnostics import Diagnostic

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "background", "cite", "data", "srcset"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")  # browsers drop these inside a scheme: "java\tscript:"
_RELATIVE_STRING = re.compile(r'"[./]*"|(?<=new URL\()"[^"]*"')  # the theme's inline scripts differ only in the path to the site's root
REFERENCE_PAGE = "404.html"  # rendered by the theme alone: its inline scripts are the theme's


@dataclass
class PageFacts:
    """What one HTML page holds, as parsed."""

    ids: set[str] = field(default_factory=set)
    links: list[tuple[int, int, str]] = field(default_factory=list)  # (line, col, href) of a, link, img, script
    inline_scripts: list[tuple[int, int, str]] = field(default_factory=list)
    script_files: list[tuple[int, int, str]] = field(default_factory=list)  # (line, col, src)
    problems: list[tuple[int, int, str, str]] = field(default_factory=list)  # (line, col, rule, message)


_NOT_ALLOWED = frozenset({"iframe", "object", "embed", "frame", "base", "applet"})


class _Parser(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = PageFacts()
        self._script: tuple[int, int] | None = None
        self._script_text: list[str] = []

    def _problem(self, rule: str, message: str) -> None:
        line, col = self.getpos()
        self.facts.problems.append((line, col + 1, rule, message))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in attrs:
            if name.startswith("on"):
                self._problem("H002", f"<{tag}> has an inline event handler '{name}'")
            if name in URL_ATTRIBUTES and _IGNORED_IN_URL.sub("", value or "").lower().startswith(BAD_SCHEMES):
                self._problem("H003", f"<{tag} {name}> has an unsafe URL '{(value or '')[:60]}'")
        if "id" in values:
            if values["id"] in self.facts.ids:
                self._problem("H004", f"the id '{values['id']}' is used twice on the page")
            self.facts.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.facts.ids.add(values["name"])
        if values.get("target", "").lower() == "_blank" and "noopener" not in values.get("rel", "").split():
            self._problem("H005", f"<{tag} target=\"_blank\"> has no rel=\"noopener\"")
        for name in ("href", "src"):
            if values.get(name) and tag in {"a", "link", "img", "script", "iframe", "source"}:
                line, col = self.getpos()
                self.facts.links.append((line, col + 1, values[name]))
        if tag in _NOT_ALLOWED:
            self._problem("H001", f"<{tag}> is not allowed on a page")
        if tag == "script":
            self._script_start(values)

    def _script_start(self, values: dict[str, str]) -> None:
        if "src" in values:
            line, col = self.getpos()
            self.facts.script_files.append((line, col + 1, values["src"]))
            return
        if values.get("type") == "application/json" and values.get("id") == "__config":
            return  # the theme's configuration: data, never run
        self._script = self.getpos()
        self._script_text = []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            line, col = self._script
            self.facts.inline_scripts.append((line, col + 1, "".join(self._script_text).strip()))
            self._script = None


def parse_page(text: str) -> PageFacts:
    """Parse one page's HTML into the facts the audit needs: by `_scan` when every tag on the page
    is in the plain form it reads, else by Python's HTML parser (the same facts either way)."""
    facts = _scan(text)
    if facts is not None:
        return facts
    parser = _Parser()
    parser.feed(text)
    parser.close()
    return parser.facts


# The plain forms of markup that `_scan` reads: a comment, a doctype, an end tag, a start tag whose
# name is letters, digits and hyphens and whose attributes are plain names with quoted or plain
# unquoted values, and a script or style element's text up to its end tag. Python's HTML parser
# reads each of these exactly so (html/parser.py: parse_comment, parse_html_declaration,
# parse_endtag, parse_starttag, and set_cdata_mode for script and style). Any other "<" is `odd`.
_ATTRS = r"""((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)"""
_TOKENS = re.compile(
    r"<(?:!--(.*?)-->"  # 1: a comment's text
    r"|![dD][oO][cC][tT][yY][pP][eE][^>]*>|/[a-zA-Z][-.a-zA-Z0-9:_]*\s*>"  # a doctype, an end tag
    r"|((?i:script|style))(?=[\t\n\r\f />])" + _ATTRS + r"\s*>(.*?)</\s*(?i:script|style)\s*>"  # 2-4: raw text element, attributes, text
    r"|([a-zA-Z][a-zA-Z0-9-]*)(?=[\t\n\r\f />])" + _ATTRS + r"\s*(/?)>"  # 5-7: a start tag, attributes, "/" of an empty one
    r")|(<)",  # 8: anything else
    re.S,
)
_PLAIN_ATTR = re.compile(r"""\s+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_ODD_COMMENT = re.compile(r"--!?\s*>|\A-?>")  # closes earlier in some Python version: "-- >", "--!>", "<!-->", "<!--->"
_RAW_TEXT = {"script", "style"}
_RAW_TEXT_END = re.compile(r"</(script|style)", re.I)


class _Scanner(_Parser):
    """`_Parser`'s handlers, fed by `_scan`, with positions found from the text's line starts."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text
        self._at = 0  # where the tag being handled starts; tags are handled in order
        self._counted = 0  # newlines are counted up to here
        self._line = 1

    def getpos(self) -> tuple[int, int]:
        self._line += self._text.count("\n", self._counted, self._at)
        self._counted = self._at
        return self._line, self._at - (self._text.rfind("\n", 0, self._at) + 1)


def _scan(text: str) -> PageFacts | None:
    """The page's facts, read with one pattern (about twice as fast as Python's HTML parser on the
    built pages); None when any "<" starts something other than the plain forms above (a
    processing instruction, CDATA, a stray "<", an attribute in another form, a script or style
    element in another form), which the full parser then reads. Text between tags is not looked
    at, except a script's."""
    scanner = _Scanner(text)
    for match in _TOKENS.finditer(text):
        kind = match.lastindex
        if kind is None:  # an end tag or the doctype
            continue
        if kind == 1:
            if _ODD_COMMENT.search(match.group(1)):
                return None
            continue
        if kind == 8:
            return None
        raw = kind == 4
        tag = match.group(2 if raw else 5).lower()
        if not raw and tag in _RAW_TEXT and not match.group(7):
            return None  # its text would be raw: only the raw-text form above may read it
        attr_text = match.group(3 if raw else 6)
        if not attr_text and not raw and not match.group(7) and tag not in _NOT_ALLOWED:
            continue  # a tag with no attributes: handle_starttag would find nothing
        attrs: list[tuple[str, str | None]] = []
        for attr in _PLAIN_ATTR.finditer(attr_text):
            value = attr.group(2)
            if value is not None and value[:1] in {'"', "'"}:
                value = value[1:-1]
            attrs.append((attr.group(1).lower(), html.unescape(value) if value else value))
        scanner._at = match.start()
        scanner.handle_starttag(tag, attrs)
        if raw:
            body = match.group(4)
            close = text[match.end(4) + 2 : match.end()].strip().lower()
            if close[:-1].strip() != tag or _RAW_TEXT_END.search(body):
                return None  # "<script>...</style>", or "</script" in another form inside
            if body:
                scanner.handle_data(body)
            scanner.handle_endtag(tag)
        elif match.group(7):
            scanner.handle_endtag(tag)
    return scanner.facts


def script_shape(script: str) -> str:
    """An inline script with its relative paths removed (they differ with the page's depth)."""
    return _RELATIVE_STRING.sub('""', script)


def _target(page: str, href: str, base: str = "/") -> tuple[str, str] | None:
    """The site file an internal link points to, and its fragment; None for external links.

    ``base`` is the path the site is served under (site_url's path): an absolute link such as the
    theme's 404 page writes, /svkb/assets/..., names the file assets/... of this site.
    """
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("//"):
        return None
    path = unquote(parts.path)
    if not path:
        return page, unquote(parts.fragment)
    if path.startswith("/") and base != "/" and (path + "/").startswith(base):
        path = "/" + path[len(base):]
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if not path.startswith("/") else path.lstrip("/")
    if path.endswith("/") or joined == ".":
        joined = posixpath.normpath(posixpath.join(joined, "index.html"))
    return joined, unquote(parts.fragment)


AUDIT_JOB_PAGES = 400  # pages per audit job; a site of more than one job is audited on every core


@dataclass
class _Findings:
    """What auditing some pages found: problems, each page's ids, and links to anchors in other
    pages, which are checked once every page's ids are known."""

    found: list[Diagnostic] = field(default_factory=list)
    ids: dict[str, set[str]] = field(default_factory=dict)
    pending: list[tuple[str, int, int, str, str, str]] = field(default_factory=list)  # (page, line, col, href, target, fragment)
    cached: set[str] = field(default_factory=set)  # cache entries used


class ParseCache:
    """Parsed pages kept between builds in a folder, by a hash of the page's bytes and of this
    module's source (so a change to the parser starts afresh). Entries are lines ``key<TAB>json``
    appended to one log per process (``parsed-<pid>.jsonl``: the page builder's workers parse
    pages as they write them), not one file per page: creating a file costs far more than a line
    on this machine (see generator/outfiles.py). `prune`, at the end of an audit, keeps the entries
    some page used in one file, ``parsed.jsonl``. A damaged line is ignored (the page is parsed again).

    ``values`` False reads only which pages are known (the page builder needs no more)."""

    def __init__(self, abs_dir: Path | None, values: bool = True) -> None:
        self.abs_dir = abs_dir
        self.used: set[str] = set()
        self.salt = hashlib.sha256(Path(__file__).read_bytes()).digest()
        self.entries: dict[str, bytes | None] = {}
        self._log = -1
        self._log_pid = 0
        if abs_dir is not None:
            abs_dir.mkdir(parents=True, exist_ok=True)
            for key, value in self._read_logs():
                self.entries[key] = value if values else None

    def _read_logs(self) -> Iterator[tuple[str, bytes]]:
        assert self.abs_dir is not None
        logs = sorted(self.abs_dir.glob("parsed*.jsonl"), key=lambda log: (log.name != "parsed.jsonl", log.name))  # the kept entries first
        for log in logs:
            try:
                data = log.read_bytes()
            except OSError:
                continue
            for line in data.split(b"\n"):
                key, tab, value = line.partition(b"\t")
                if tab and len(key) == 64:
                    yield key.decode("ascii", "replace"), value

    def _key(self, data: bytes) -> str:
        return hashlib.sha256(self.salt + data).hexdigest()

    def parse(self, path: Path, used: set[str] | None = None) -> PageFacts:
        """The facts of the page at ``path``, from the cache when its bytes were parsed before."""
        data = path.read_bytes()
        if self.abs_dir is None:
            return parse_page(_text(data))
        key = self._key(data)
        (self.used if used is None else used).add(key)
        value = self.entries.get(key)
        if value:
            try:
                ids, links, inline, files, problems = json.loads(value)
                return PageFacts(set(ids), [tuple(x) for x in links], [tuple(x) for x in inline], [tuple(x) for x in files], [tuple(x) for x in problems])  # type: ignore[misc]
            except (ValueError, TypeError):
                pass
        facts = parse_page(_text(data))
        self._store(key, facts)
        return facts

    def remember(self, data: bytes) -> None:
        """Parse a page's bytes into the cache now (the page builder's workers do this as they
        write each page), unless they are there already."""
        if self.abs_dir is None:
            return
        key = self._key(data)
        if key not in self.entries:
            self._store(key, parse_page(_text(data)))

    def _store(self, key: str, facts: PageFacts) -> None:
        value = json.dumps([sorted(facts.ids), facts.links, facts.inline_scripts, facts.script_files, facts.problems]).encode("utf-8")
        self.entries[key] = value
        assert self.abs_dir is not None
        if self._log_pid != os.getpid():  # this process's own log (a forked worker does not share its parent's)
            self._log_pid = os.getpid()
            self._log = os.open(self.abs_dir / f"parsed-{self._log_pid}.jsonl", os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        os.write(self._log, key.encode("ascii") + b"\t" + value + b"\n")  # one write, unbuffered: a worker may end without flushing

    def prune(self) -> None:
        """Keep only the entries a page used, in one file; remove the logs."""
        if self.abs_dir is None:
            return
        if self._log_pid == os.getpid():
            os.close(self._log)
            self._log, self._log_pid = -1, 0
        kept: dict[str, bytes] = {}
        for key, value in self._read_logs():
            if key in self.used and value:
                kept[key] = value
        logs = list(self.abs_dir.glob("parsed*.jsonl"))
        new = self.abs_dir / "parsed.jsonl.new"
        new.write_bytes(b"".join(key.encode("ascii") + b"\t" + value + b"\n" for key, value in sorted(kept.items())))
        os.replace(new, self.abs_dir / "parsed.jsonl")
        for log in logs:
            if log.name != "parsed.jsonl":
                log.unlink(missing_ok=True)
        for stale in self.abs_dir.iterdir():  # entries of the one-file-per-page cache of earlier versions
            if len(stale.name) == 64:
                stale.unlink(missing_ok=True)


def audit_site(abs_site: Path, base: str = "/", abs_cache: Path | None = None) -> list[Diagnostic]:
    """Every problem in the built site at ``abs_site`` (served under the path ``base``), one diagnostic each.

    Pages are parsed in parts (on every core for a large site), and each part keeps only what the
    checks across pages need (ids, and links to another page's anchor), not every page's links.
    With ``abs_cache``, what a page holds is kept there by the hash of its bytes, and a page seen
    before is not parsed again (the findings are the same: see ParseCache)."""
    from generator.parallel import run_each

    files = {p.relative_to(abs_site).as_posix() for p in abs_site.rglob("*") if p.is_file()}
    names = sorted(name for name in files if name.endswith(".html"))
    cache = ParseCache(abs_cache)
    reference = cache.parse(abs_site / REFERENCE_PAGE) if REFERENCE_PAGE in files else None
    theme_scripts = {script_shape(s) for _, _, s in reference.inline_scripts} if reference else set()
    chunks = [names[i : i + AUDIT_JOB_PAGES] for i in range(0, len(names), AUDIT_JOB_PAGES)]
    jobs = [partial(_audit_pages, abs_site, chunk, files, base, theme_scripts, cache) for chunk in chunks]
    found: list[Diagnostic] = []
    ids: dict[str, set[str]] = {}
    pending: list[tuple[str, int, int, str, str, str]] = []
    for part in run_each(jobs, parallel=len(jobs) > 1):
        found += part.found
        ids.update(part.ids)
        pending += part.pending
        cache.used |= part.cached
    cache.prune()
    for name, line, col, href, path, fragment in pending:
        if fragment not in ids[path]:
            found.append(Diagnostic(f"(built) {name}", line, col, "H007", "", f"link '{href}' points to a missing anchor '#{fragment}' in '{path}'"))
    found += _check_data(abs_site, files)
    return sorted(found)


def _text(data: bytes) -> str:
    """A page's bytes as text, as Path.read_text(encoding="utf-8", errors="replace") reads them."""
    return data.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")


def _audit_pages(abs_site: Path, names: list[str], files: set[str], base: str, theme_scripts: set[str], cache: ParseCache) -> _Findings:
    """Audit some pages on their own; links to another page's anchor are left pending."""
    out = _Findings()
    for name in names:
        facts = cache.parse(abs_site / name, out.cached)
        out.ids[name] = {sys.intern(i) for i in facts.ids}

        def problem(line: int, col: int, rule: str, message: str, name: str = name) -> None:
            out.found.append(Diagnostic(f"(built) {name}", line, col, rule, "", message))

        for line, col, rule, message in facts.problems:
            problem(line, col, rule, message)
        for line, col, script in facts.inline_scripts:
            if script_shape(script) not in theme_scripts:
                problem(line, col, "H001", f"inline <script> that is not the theme's: '{script[:60]}'")
        for line, col, src in facts.script_files:
            target = _target(name, src, base)
            if target is None or not target[0].startswith("assets/"):
                problem(line, col, "H001", f"<script src='{src}'> is not one of the site's own scripts under assets/")
        for line, col, href in facts.links:
            anchor = _check_link(name, href, files, lambda r, m, line=line, col=col: problem(line, col, r, m), base)
            if anchor and anchor[0] != name:
                out.pending.append((name, line, col, href, *anchor))
            elif anchor and anchor[1] not in facts.ids:
                problem(line, col, "H007", f"link '{href}' points to a missing anchor '#{anchor[1]}' in '{name}'")
    return out


def _check_link(page: str, href: str, files: set[str], problem, base: str = "/") -> tuple[str, str] | None:  # type: ignore[no-untyped-def]
    """Report a link to no file of the site; return the page and anchor when it names an anchor in a page."""
    target = _target(page, href, base)
    if target is None:
        return None
    path, fragment = target
    if path.startswith("../") or path == "..":
        problem("H006", f"link '{href}' points outside the site")
        return None
    if path not in files and posixpath.join(path, "index.html") in files:
        path = posixpath.join(path, "index.html")
    if path not in files:
        problem("H006", f"link '{href}' points to a missing file '{path}'")
        return None
    return (path, fragment) if fragment and path.endswith(".html") else None


def _strict_constant(name: str) -> None:
    raise ValueError(f"{name} is not valid JSON")


def _check_data(abs_site: Path, files: set[str]) -> list[Diagnostic]:
    """XML that parses (Atom feed, sitemap) and strict JSON (no NaN or Infinity)."""
    found: list[Diagnostic] = []
    for name in sorted(files):
        path = abs_site / name
        if name.endswith(".xml"):
            try:
                ET.parse(path)
            except ET.ParseError as e:
                line, col = e.position
                found.append(Diagnostic(f"(built) {name}", line, col + 1, "H008", "", f"not well-formed XML: {str(e).split(':')[0]}"))
        elif name.endswith(".json"):
            try:
                json.loads(path.read_text(encoding="utf-8"), parse_constant=_strict_constant)
            except (ValueError, UnicodeDecodeError) as e:
                line, col = (e.lineno, e.colno) if isinstance(e, json.JSONDecodeError) else (1, 1)
                found.append(Diagnostic(f"(built) {name}", line, col, "H009", "", f"not strict JSON: {str(e).splitlines()[0]}"))
    return found


_QUOTED = re.compile(r"'([^']+)'")


def _built_sources(catalog: Any) -> list[tuple[str, str]]:
    """(built page or folder prefix, source file) for every item that has its own pages."""
    found = [(f"case-studies/{c.id}/", c.src_path) for c in catalog.case_studies]
    found += [(f"clauses/{c.slug}/", c.src_path) for c in catalog.clauses]
    found += [(f"indicators/{i.id}/", i.src_path) for i in catalog.indicators]
    found += [(f"courses/{c.id}/", c.src_path) for c in catalog.courses]
    found += [(p.dest_path[: -len(".md")] + "/", p.src_path) for p in catalog.pages]
    return found


def locate(diagnostics: list[Diagnostic], catalog: Any, abs_root: Path) -> list[Diagnostic]:
    """Point problems in built pages at the source file, and the line that holds the quoted value
    (a link written in a YAML text field, an id in a page) when the source has it."""
    if catalog is None:
        return diagnostics
    sources = _built_sources(catalog)
    located: list[Diagnostic] = []
    for d in diagnostics:
        generated = d.path.startswith("(generated) ") and d.path.endswith(".md")
        built = d.path.removeprefix("(built) ").removeprefix("(generated) ")
        if generated:
            built = built[: -len(".md")] + "/"
        src = next((s for prefix, s in sources if built.startswith(prefix)), None)
        if src is None or not (generated or d.path.startswith("(built) ")):
            located.append(d)
            continue
        quoted = [q for q in _QUOTED.findall(d.message) if q != d.path.removeprefix("(generated) ")]
        line, col = _find(abs_root / src, quoted[0] if quoted else "")
        located.append(Diagnostic(src, line, col, d.rule, "", f"{d.message} (in {d.path})", d.severity))
    return located


def _find(path: Path, value: str) -> tuple[int, int]:
    """The 1-based line and column of ``value`` in ``path``, else 1:1."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1, 1
    needle = re.sub(r"^(\.\.?/)+", "", value.lstrip("#"))  # built links climb more folders than the source's
    for number, text in enumerate(lines, 1):
        if needle and needle in text:
            return number, text.index(needle) + 1
    return 1, 1
