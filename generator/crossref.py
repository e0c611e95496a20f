"""Rules that look across files: unique ids, references that resolve, shared vocabularies."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath

from generator.clausecheck import check_clause_templates
from generator.contentcheck import check_content
from generator.diagnostics import WARNING, Diagnostic, field_name
from generator.model import CaseStudy, Catalog, Clause, Course, GuidancePage, Indicator

Path = tuple[object, ...]
Item = CaseStudy | Clause | GuidancePage | Indicator | Course


def _at(item: Item, path: Path, rule: str, message: str, severity: str = "error") -> Diagnostic:
    line, col = item.origin.at(path)
    return Diagnostic(item.src_path, line, col, rule, field_name(path), message, severity)


def _unknown(value: str, known: Iterable[str], what: str) -> str:
    known = list(known)
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else f"; known: {', '.join(known[:12])}" if known else ""
    return f"'{value}' is not a known {what}{hint}"


def check_unique_ids(cases: tuple[Item, ...]) -> Iterator[Diagnostic]:
    """Every id is used once; a clash names both files."""
    first: dict[str, Item] = {}
    for case in cases:
        if case.id in first:
            other = first[case.id]
            yield _at(case, ("id",), "R001", f"id '{case.id}' is also used by {other.src_path}:{other.origin.at(('id',))[0]}")
        else:
            first[case.id] = case


def check_file_names(cases: tuple[Item, ...]) -> Iterator[Diagnostic]:
    """An item's file is named after its id, so its address is predictable."""
    for case in cases:
        stem = PurePosixPath(case.src_path).stem
        if stem != case.id:
            yield _at(case, ("id",), "R002", f"id '{case.id}' does not match the file name '{stem}.yml'; rename one of them")


def _terms_used(item: Item) -> tuple[list[tuple[Path, str, str]], list[tuple[str, tuple[str, ...]]]]:
    """(single terms with their path and vocabulary, lists of terms by vocabulary) used by an item."""
    if isinstance(item, Course):
        return [], []
    if isinstance(item, Indicator):
        return [], [("themes", item.themes), ("stages", item.stages), ("instruments", item.instruments)]
    if isinstance(item, GuidancePage):
        single = [(("id",), item.id, "stages")] if item.kind == "stage" else []
        return single, [("stages", item.stages), ("themes", item.themes), ("instruments", item.instruments)]
    if isinstance(item, Clause):
        single = [(("stage",), item.stage, "stages"), (("type",), item.type, "clause_types")]
        return single, [("regimes", item.regimes), ("themes", item.themes), ("nations", item.nations), ("instruments", item.instruments)]
    single = [(("authority", "type"), item.authority.type, "authority_types"), (("authority", "nation"), item.authority.nation, "nations")]
    if item.value_band:
        single.append((("value_band",), item.value_band, "value_bands"))
    return single, [("regimes", item.regimes), ("stages", item.stages), ("themes", item.themes), ("instruments", item.instruments)]


def check_vocabulary(catalog: Catalog, item: Item) -> Iterator[Diagnostic]:
    """Every controlled term is in content/taxonomy.yml."""
    tax = catalog.taxonomy
    single, lists = _terms_used(item)
    for path, value, vocab in single:
        if value not in tax.ids(vocab):
            yield _at(item, path, "R003", _unknown(value, tax.ids(vocab), vocab.rstrip("s").replace("_", " ")))
    for name, values in lists:
        for i, value in enumerate(values):
            if value not in tax.ids(name):
                yield _at(item, (name, i), "R003", _unknown(value, tax.ids(name), name[:-1]))


def _source_refs(item: Item) -> list[tuple[Path, str]]:
    if isinstance(item, (GuidancePage, Indicator, Course)):
        return []  # pages cite sources in their body; see contentcheck
    if isinstance(item, Clause):
        return [(("legal_basis", i, "source"), b.source) for i, b in enumerate(item.legal_basis)]
    refs: list[tuple[Path, str]] = [(("outcomes", i, "source"), o.source) for i, o in enumerate(item.outcomes)]
    if item.weighting:
        refs.append((("weighting", "source"), item.weighting.source))
    for i, dispute in enumerate(item.disputes):
        refs.extend((("disputes", i, "sources", j), s) for j, s in enumerate(dispute.sources))
    return refs


def check_source_refs(item: Item) -> Iterator[Diagnostic]:
    """Every figure, weighting, dispute and legal basis cites a source listed in the same file."""
    ids = [s.id for s in item.sources]
    for i, source_id in enumerate(ids):
        if source_id in ids[:i]:
            yield _at(item, ("sources", i, "id"), "R004", f"source id '{source_id}' is listed twice")
    for path, ref in _source_refs(item):
        if ref not in ids:
            yield _at(item, path, "R004", _unknown(ref, ids, "source in this file's sources list"))
    cited = {ref for _, ref in _source_refs(item)}
    for i, source in enumerate(item.sources):
        if isinstance(item, Clause) and source.id not in cited:
            yield _at(item, ("sources", i, "id"), "R007", f"source '{source.id}' is not cited by any legal_basis entry", WARNING)


def check_clause_refs(catalog: Catalog) -> Iterator[Diagnostic]:
    """Clause ids named by case studies and other clauses exist in the library."""
    known = [c.id for c in catalog.clauses]
    for case in catalog.case_studies:
        for i, ref in enumerate(case.clauses_used):
            if ref not in known:
                yield _at(case, ("clauses_used", i), "R005", _unknown(ref, known, "clause id"))
    for clause in catalog.clauses:
        for path, ref in ((("proportionality", "lighter_alternative"), clause.proportionality.lighter_alternative), (("superseded_by",), clause.superseded_by)):
            if ref and ref not in known:
                yield _at(clause, path, "R005", _unknown(ref, known, "clause id"))
            if ref == clause.id:
                yield _at(clause, path, "R005", "a clause cannot point to itself")


def check_indicator_refs(catalog: Catalog) -> Iterator[Diagnostic]:
    """Indicator ids named by clauses and case-study outcomes exist, once there is a library."""
    if not catalog.indicators:
        return
    known = [i.id for i in catalog.indicators]
    for clause in catalog.clauses:
        for i, ref in enumerate(clause.indicators):
            if ref not in known:
                yield _at(clause, ("indicators", i), "R005", _unknown(ref, known, "indicator id"))
    for case in catalog.case_studies:
        for i, outcome in enumerate(case.outcomes):
            if outcome.indicator and outcome.indicator not in known:
                yield _at(case, ("outcomes", i, "indicator"), "R005", _unknown(outcome.indicator, known, "indicator id"))


def reading_targets(catalog: Catalog) -> dict[str, list[str]]:
    """The ids a reading of each kind may point at."""
    return {
        "guidance": [p.id for p in catalog.guidance("guidance")], "stage": [p.id for p in catalog.guidance("stage")],
        "clause": [c.id for c in catalog.clauses], "indicator": [i.id for i in catalog.indicators], "casestudy": [c.id for c in catalog.case_studies],
    }


def check_course_refs(catalog: Catalog) -> Iterator[Diagnostic]:
    """Module ids are unique within a course, and every reading points at an item that exists."""
    targets = reading_targets(catalog)
    for course in catalog.courses:
        seen: list[str] = []
        for m, module in enumerate(course.modules):
            if module.id in seen:
                yield _at(course, ("modules", m, "id"), "R001", f"module id '{module.id}' is used twice in this course")
            seen.append(module.id)
            for r, reading in enumerate(module.reading):
                if reading.id not in targets[reading.kind]:
                    yield _at(course, ("modules", m, "reading", r, "id"), "R005", _unknown(reading.id, targets[reading.kind], f"{reading.kind} id"))


def check_review_dates(case: Item) -> Iterator[Diagnostic]:
    """A review date lies after the last review."""
    if case.review_by <= case.last_reviewed:
        yield _at(case, ("review_by",), "R006", f"review_by {case.review_by} must be after last_reviewed {case.last_reviewed}")


def check_references(catalog: Catalog, clause_rules: list[Diagnostic] | None = None) -> list[Diagnostic]:
    """Run every cross-file rule over the catalogue; ``clause_rules``: the problems the clause rules
    (check_clause_templates, which read only the clauses) found in these clauses, when known."""
    found: list[Diagnostic] = []
    for items in (catalog.case_studies, catalog.clauses, catalog.indicators, catalog.courses, tuple(catalog.guidance("guidance")), tuple(catalog.guidance("stage"))):
        found += [*check_unique_ids(items), *check_file_names(items)]
        for item in items:
            found += [*check_vocabulary(catalog, item), *check_source_refs(item), *check_review_dates(item)]
    found += check_clause_refs(catalog)
    found += check_indicator_refs(catalog)
    found += check_course_refs(catalog)
    found += check_clause_templates(catalog.clauses) if clause_rules is None else clause_rules
    found += check_content(catalog)
    return sorted(found)


def check_overdue(catalog: Catalog, today: dt.date, strict: bool) -> list[Diagnostic]:
    """Items past their review date: a warning, or an error under --strict."""
    severity = "error" if strict else WARNING
    found = []
    items: tuple[Item, ...] = (*catalog.pages, *catalog.clauses, *catalog.case_studies, *catalog.indicators, *catalog.courses)
    for item in items:
        if item.review_by < today.isoformat():
            found.append(_at(item, ("review_by",), "R009", f"review was due on {item.review_by}; check the content against its sources and update last_reviewed and review_by", severity))
    return sorted(found)
