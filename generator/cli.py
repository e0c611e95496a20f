"""The ``svkb`` command line: options are parsed here and nothing else happens here."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from generator import __version__, codecache, crash
from generator.build import Project, Result, build, check, record_urls
from generator.diagnostics import format_json, format_text


def cmd_check(args: argparse.Namespace) -> int:
    """Validate all content without writing anything.

    Reports every problem as path:line:col: error RULE: field: message.
    Exit code 0 when the content is valid, 1 when it has errors. Items past
    their review date are warnings, or errors with --strict.

    Example:
      svkb check
      svkb check --format json > problems.json
      svkb check --strict
    """
    result = check(Project(args.root, abs_profile=args.profile, strict=args.strict))
    return report(result, args.format, f"OK: {count(result)} checked, no errors.")


def cmd_build(args: argparse.Namespace) -> int:
    """Validate, generate and build the whole site into site/.

    The new site replaces the old one only when every step passed; a failed
    build leaves the previous site/ exactly as it was. With --profile, a
    council's own values fill the clause variables on every page and pack.

    Example:
      svkb build
      svkb build --profile my-council.yml --site-dir /tmp/my-edition
    """
    project = Project(args.root, args.site_dir.resolve() if args.site_dir else None, args.profile)
    result = build(project)
    where = project.abs_output
    return report(result, "text", f"Built {result.files} files into {where}\nOpen {where / 'index.html'} or preview with: make serve")


def cmd_pack(args: argparse.Namespace) -> int:
    """Write one pack of the clauses you choose, as DOCX, ODT and Markdown.

    The same pack, byte for byte inside each file, as the site's pack builder
    page writes. Clauses come in tender order, whatever order you name them in.

    Example:
      svkb pack --clauses SV-GEN-01,SV-FW-01 --profile my-council.yml --out packs/
    """
    from generator.build import make_pack

    ids = [i.strip() for i in args.clauses.split(",") if i.strip()]
    result = make_pack(Project(args.root, abs_profile=args.profile), ids, args.title, args.out.resolve())
    return report(result, "text", f"Wrote the pack of {len(ids)} clause(s) into {args.out}")


def cmd_serve(args: argparse.Namespace) -> int:
    """Preview the site with live reload; edits to content show without a restart.

    Example:
      svkb serve
      svkb serve --port 8001
    """
    from generator.serve import serve

    return serve(Project(args.root), args.port, report)


def cmd_urls(args: argparse.Namespace) -> int:
    """Record every published address in published-urls.txt (commit the file).

    After this, a build fails if any recorded address disappears without a
    redirect or anchor alias in content/redirects.yml.

    Example:
      svkb urls
    """
    result = record_urls(Project(args.root))
    return report(result, "text", f"Recorded the site's addresses in {args.root / 'published-urls.txt'}")


def cmd_new(args: argparse.Namespace) -> int:
    """Create a new, valid content file with comments to fill in.

    Example:
      svkb new casestudy leeds-city-council-anchor-network
      svkb new clause SV-EMP-04
      svkb new page social-value-in-grants
    """
    from generator.scaffold import scaffold

    try:
        path = scaffold(args.root, args.kind, args.id)
    except ValueError as e:
        print(f"svkb new: {e}", file=sys.stderr)
        return 2
    print(f"Created {path.relative_to(args.root)}; edit it, then run: svkb check")
    return 0


def count(result: Result) -> str:
    catalog = result.catalog
    return f"{len(catalog.case_studies)} case studies and {len(catalog.clauses)} clauses" if catalog else "content"


def report(result: Result, fmt: str, success: str) -> int:
    """Print a run's diagnostics (or its success line) and return its exit code."""
    if result.usage_error:
        print(f"svkb: error: {result.usage_error}", file=sys.stderr)
    elif fmt == "json":
        print(format_json(result.diagnostics))
    elif result.diagnostics:
        print(format_text(result.diagnostics), file=sys.stderr)
    if result.exit_code == 0 and fmt != "json":
        print(success)
    return result.exit_code


COMMANDS = {"check": cmd_check, "build": cmd_build, "pack": cmd_pack, "serve": cmd_serve, "new": cmd_new, "urls": cmd_urls}


def parser() -> argparse.ArgumentParser:
    """Describe every command and option."""
    top = argparse.ArgumentParser(prog="svkb", description="Build the Social Value Knowledge Base from its content.")
    top.add_argument("--version", action="version", version=f"svkb {__version__}")
    top.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: the current folder)")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, func in COMMANDS.items():
        doc = func.__doc__ or ""
        p = sub.add_parser(name, help=doc.splitlines()[0], description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
        p.set_defaults(func=func)
        if name == "check":
            p.add_argument("--format", choices=["text", "json"], default="text", help="how to print problems")
            p.add_argument("--strict", action="store_true", help="treat overdue reviews as errors")
        if name == "pack":
            p.add_argument("--clauses", required=True, help="clause ids, separated by commas")
            p.add_argument("--title", default="", help="title of the pack")
            p.add_argument("--out", type=Path, default=Path("."), help="folder to write the files into (default: here)")
        if name in {"check", "build", "pack"}:
            p.add_argument("--profile", type=Path, help="edition profile: values for clause variables (see generator/schemas/profile.schema.json)")
        if name == "build":
            p.add_argument("--site-dir", type=Path, help="where to put the site (default: site/)")
        if name == "serve":
            p.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000)")
        if name == "new":
            p.add_argument("kind", choices=["casestudy", "clause", "page"], help="what to create")
            p.add_argument("id", help="permanent id: lower-case words joined by hyphens")
    return top


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 content errors, 2 usage errors,
    3 an unexpected error, reported on one line naming the file being processed)."""
    args = parser().parse_args(argv)
    args.root = args.root.resolve()
    if not args.root.is_dir():
        print(f"svkb: error: project folder {args.root} does not exist", file=sys.stderr)
        return 2
    # Compiled templates and validators are kept under build/cache; a check reads them but writes nothing.
    codecache.use(args.root / "build" / "cache" / "code", writes=args.command != "check")
    try:
        return args.func(args)
    except Exception as e:  # noqa: BLE001 (never a traceback: one line and exit code 3)
        if os.environ.get(crash.DEBUG_VARIABLE):
            raise
        print(crash.describe(e), file=sys.stderr)
        return crash.EXIT_CODE
