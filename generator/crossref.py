"""Rules that look across files: unique ids, references that resolve, shared vocabularies."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath

from generator.diagnostics import Diagnostic, field_name
from generator.model import CaseStudy, Catalog

Path = tuple[object, ...]


def _at(case: CaseStudy, path: Path, rule: str, message: str) -> Diagnostic:
    line, col = case.origin.at(path)
    return Diagnostic(case.src_path, line, col, rule, field_name(path), message)


def _unknown(value: str, known: Iterable[str], what: str) -> str:
    known = list(known)
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else f"; known: {', '.join(known[:12])}" if known else ""
    return f"'{value}' is not a known {what}{hint}"


def check_unique_ids(cases: tuple[CaseStudy, ...]) -> Iterator[Diagnostic]:
    """Every id is used once; a clash names both files."""
    first: dict[str, CaseStudy] = {}
    for case in cases:
        if case.id in first:
            other = first[case.id]
            yield _at(case, ("id",), "R001", f"id '{case.id}' is also used by {other.src_path}:{other.origin.at(('id',))[0]}")
        else:
            first[case.id] = case


def check_file_names(cases: tuple[CaseStudy, ...]) -> Iterator[Diagnostic]:
    """A case study's file is named after its id, so its address is predictable."""
    for case in cases:
        stem = PurePosixPath(case.src_path).stem
        if stem != case.id:
            yield _at(case, ("id",), "R002", f"id '{case.id}' does not match the file name '{stem}.yml'; rename one of them")


def check_vocabulary(catalog: Catalog, case: CaseStudy) -> Iterator[Diagnostic]:
    """Every controlled term is in content/taxonomy.yml."""
    tax = catalog.taxonomy
    single = [(("authority", "type"), case.authority.type, "authority_types"), (("authority", "nation"), case.authority.nation, "nations")]
    if case.value_band:
        single.append((("value_band",), case.value_band, "value_bands"))
    for path, value, vocab in single:
        if value not in tax.ids(vocab):
            yield _at(case, path, "R003", _unknown(value, tax.ids(vocab), vocab.rstrip("s").replace("_", " ")))
    for name, values in (("regimes", case.regimes), ("stages", case.stages), ("themes", case.themes)):
        for i, value in enumerate(values):
            if value not in tax.ids(name):
                yield _at(case, (name, i), "R003", _unknown(value, tax.ids(name), name[:-1]))


def check_source_refs(case: CaseStudy) -> Iterator[Diagnostic]:
    """Every figure, weighting and dispute cites a source listed in the same file."""
    ids = [s.id for s in case.sources]
    for i, source_id in enumerate(ids):
        if source_id in ids[:i]:
            yield _at(case, ("sources", i, "id"), "R004", f"source id '{source_id}' is listed twice")
    refs: list[tuple[Path, str]] = [(("outcomes", i, "source"), o.source) for i, o in enumerate(case.outcomes)]
    if case.weighting:
        refs.append((("weighting", "source"), case.weighting.source))
    for i, dispute in enumerate(case.disputes):
        refs.extend((("disputes", i, "sources", j), s) for j, s in enumerate(dispute.sources))
    for path, ref in refs:
        if ref not in ids:
            yield _at(case, path, "R004", _unknown(ref, ids, "source in this file's sources list"))


def check_review_dates(case: CaseStudy) -> Iterator[Diagnostic]:
    """A review date lies after the last review."""
    if case.review_by <= case.last_reviewed:
        yield _at(case, ("review_by",), "R006", f"review_by {case.review_by} must be after last_reviewed {case.last_reviewed}")


def check_references(catalog: Catalog) -> list[Diagnostic]:
    """Run every cross-file rule over the catalogue."""
    found: list[Diagnostic] = [*check_unique_ids(catalog.case_studies), *check_file_names(catalog.case_studies)]
    for case in catalog.case_studies:
        found.extend(check_vocabulary(catalog, case))
        found.extend(check_source_refs(case))
        found.extend(check_review_dates(case))
    return sorted(found)
