"""Build the typed catalogue from validated source data."""

from __future__ import annotations

from typing import Any

from generator.clausetext import Variable
from generator.load import LoadedSource
from generator.model import (
    Authority,
    CaseStudy,
    Catalog,
    ChangeEntry,
    Clause,
    Course,
    Dispute,
    Exercise,
    ExternalLink,
    GuidancePage,
    Indicator,
    LegalBasis,
    Material,
    Module,
    Outcome,
    PastVersion,
    Proportionality,
    QuizQuestion,
    Reading,
    ReviewEntry,
    Scoring,
    ScoringBand,
    Source,
    Taxonomy,
    Term,
    Timing,
    Weighting,
)


def build_taxonomy(data: dict[str, Any]) -> Taxonomy:
    """Turn the vocabulary file into a Taxonomy."""
    return Taxonomy({name: tuple(Term(t["id"], t["label"], t.get("description", ""), t.get("legacy", False)) for t in terms) for name, terms in data.items()})


def _outcome(d: dict[str, Any]) -> Outcome:
    baseline = d.get("baseline") or {}
    return Outcome(d["metric"], d["value"], d["unit"], d["period"], d["source"], baseline.get("value"), baseline.get("period", ""), d.get("indicator", ""), d.get("note", ""))


def build_case_study(item: LoadedSource) -> CaseStudy:
    """Turn one validated case-study file into a CaseStudy."""
    d = item.doc.data
    a, w = d["authority"], d.get("weighting")
    return CaseStudy(
        id=d["id"], title=d["title"],
        authority=Authority(a["name"], a["type"], a["nation"], a.get("region", "")),
        period_from=d["period"]["from"], period_to=d["period"].get("to"),
        service_area=d["service_area"], value_band=d.get("value_band", ""),
        regimes=tuple(d["regimes"]), stages=tuple(d["stages"]), themes=tuple(d["themes"]),
        summary=d["summary"], context=d["context"], approach=d["approach"],
        weighting=Weighting(w["description"], w["source"], w.get("percent")) if w else None,
        clauses_used=tuple(d.get("clauses_used", ())),
        outcomes=tuple(_outcome(o) for o in d["outcomes"]),
        disputes=tuple(Dispute(x["topic"], x["detail"], tuple(x["sources"])) for x in d.get("disputes", ())),
        lessons=tuple(d["lessons"]),
        sources=_sources(d),
        owner=d["owner"], last_reviewed=d["last_reviewed"], review_by=d["review_by"],
        src_path=item.src_path, origin=item.doc, instruments=tuple(d.get("instruments", ())),
    )


def _sources(d: dict[str, Any]) -> tuple[Source, ...]:
    return tuple(Source(s["id"], s["title"], s["publisher"], s["date"], s["url"], s.get("kind", ""), s.get("accessed", "")) for s in d.get("sources", ()))


def _variable(v: dict[str, Any]) -> Variable:
    return Variable(v["name"], v["type"], v["label"], v["description"], v["example"], v.get("minimum"), v.get("maximum"), tuple(v.get("choices", ())), v.get("max_length"))


def build_clause(item: LoadedSource) -> Clause:
    """Turn one validated clause file into a Clause."""
    d = item.doc.data
    p, sc = d["proportionality"], d.get("scoring")
    return Clause(
        id=d["id"], title=d["title"], version=d["version"], status=d["status"], superseded_by=d.get("superseded_by", ""),
        stage=d["stage"], type=d["type"], themes=tuple(d["themes"]), regimes=tuple(d["regimes"]), nations=tuple(d["nations"]),
        purpose=d["purpose"], use_when=d["use_when"], avoid_when=d["avoid_when"],
        proportionality=Proportionality(p["suits"], p["sme_burden"], p["sme_note"], p.get("min_value"), p.get("lighter_alternative", "")),
        drafting_notes=tuple(d["drafting_notes"]),
        legal_basis=tuple(LegalBasis(x["source"], x["note"]) for x in d["legal_basis"]),
        indicators=tuple(d.get("indicators", ())),
        scoring=Scoring(sc["question"], tuple(ScoringBand(b["score"], b["descriptor"]) for b in sc["bands"])) if sc else None,
        variables=tuple(_variable(v) for v in d["variables"]),
        body=d["body"], sample=dict(d["sample"]), expected=d["expected"],
        changelog=tuple(ChangeEntry(c["version"], c["date"], c["note"]) for c in d["changelog"]),
        sources=_sources(d), owner=d["owner"], last_reviewed=d["last_reviewed"], review_by=d["review_by"],
        src_path=item.src_path, origin=item.doc, instruments=tuple(d.get("instruments", ())),
        history=tuple(
            PastVersion(h["version"], h.get("title", d["title"]), h["body"], tuple(_variable(v) for v in h.get("variables", d["variables"])))
            for h in d.get("history", ())
        ),
        defined_terms=tuple(d.get("defined_terms", ())), defines=tuple(d.get("defines", ())),
    )


def build_page(item: LoadedSource) -> GuidancePage:
    """Turn one validated Markdown page into a GuidancePage."""
    d = item.doc.data
    return GuidancePage(
        id=d["id"], kind=item.source.kind, title=d["title"], summary=d["summary"], section=d["section"], order=d["order"],
        audience=tuple(d.get("audience", ())), stages=tuple(d.get("stages", ())), themes=tuple(d.get("themes", ())),
        instruments=tuple(d.get("instruments", ())), owner=d["owner"], last_reviewed=d["last_reviewed"], review_by=d["review_by"],
        review_history=tuple(ReviewEntry(r["date"], r["note"]) for r in d.get("review_history", ())),
        sources=_sources(d), body=item.body, body_line=item.body_line, src_path=item.src_path, origin=item.doc,
    )


def build_indicator(item: LoadedSource) -> Indicator:
    """Turn one validated indicator file into an Indicator."""
    d = item.doc.data
    m = d.get("mappings", {})
    return Indicator(
        id=d["id"], name=d["name"], definition=d["definition"], unit=d["unit"], evidence=d["evidence"], frequency=d["frequency"],
        themes=tuple(d["themes"]), stages=tuple(d["stages"]), pitfalls=tuple(d.get("pitfalls", ())),
        ppn002_outcome=m.get("ppn002_outcome", ""), toms_code=m.get("toms_code", ""), instruments=tuple(d.get("instruments", ())),
        sources=_sources(d), owner=d["owner"], last_reviewed=d["last_reviewed"], review_by=d["review_by"],
        src_path=item.src_path, origin=item.doc,
    )


def _module(m: dict[str, Any]) -> Module:
    return Module(
        id=m["id"], title=m["title"], summary=m["summary"], duration=m.get("duration", ""),
        learning_objectives=tuple(m["learning_objectives"]),
        reading=tuple(Reading(r["kind"], r["id"], r.get("note", "")) for r in m["reading"]),
        exercises=tuple(_exercise(e) for e in m["exercises"]),
        discussion=tuple(m["discussion"]),
        external=tuple(ExternalLink(x["title"], x["publisher"], x["url"], x.get("note", "")) for x in m.get("external", ())),
        timings=tuple(Timing(t["minutes"], t["activity"]) for t in m.get("timings", ())),
        facilitator_notes=tuple(m.get("facilitator_notes", ())),
        quiz=tuple(QuizQuestion(q["question"], tuple(q["options"]), q["answer"], q["explanation"]) for q in m.get("quiz", ())),
    )


def _exercise(e: dict[str, Any]) -> Exercise:
    materials = tuple(
        Material(x["title"], x.get("text", ""), tuple(x.get("columns", ())), tuple(tuple(r) for r in x.get("rows", ()))) for x in e.get("materials", ())
    )
    return Exercise(e["title"], e["instructions"], e.get("duration", ""), materials, e.get("model_answer", ""))


def build_course(item: LoadedSource) -> Course:
    """Turn one validated course file into a Course."""
    d = item.doc.data
    return Course(
        id=d["id"], title=d["title"], summary=d["summary"], audience=tuple(d["audience"]), duration=d["duration"],
        modules=tuple(_module(m) for m in d["modules"]), owner=d["owner"], last_reviewed=d["last_reviewed"], review_by=d["review_by"],
        src_path=item.src_path, origin=item.doc,
    )


ModelMemo = dict[int, tuple[LoadedSource, Any]]  # id of a loaded file: (the file, what it was built into)


def build_catalog(loaded: list[LoadedSource], memo: ModelMemo | None = None) -> Catalog:
    """Build the catalogue from files that passed their schemas, sorted by id. ``memo`` (the live
    preview): an item is built once and kept while the same loaded file comes back (see load_sources)."""
    kept = dict(memo or {})
    if memo is not None:
        memo.clear()

    def build(item: LoadedSource, builder: Any) -> Any:
        if memo is None:
            return builder(item)
        known = kept.get(id(item))
        made = known[1] if known is not None and known[0] is item else builder(item)
        memo[id(item)] = (item, made)
        return made

    by_kind: dict[str, list[LoadedSource]] = {}
    for item in loaded:
        by_kind.setdefault(item.source.kind, []).append(item)
    taxonomy_items = by_kind.get("taxonomy", [])
    taxonomy = build_taxonomy(taxonomy_items[0].doc.data) if taxonomy_items else Taxonomy({})
    cases = sorted((build(i, build_case_study) for i in by_kind.get("casestudy", [])), key=lambda c: c.id)
    clauses = sorted((build(i, build_clause) for i in by_kind.get("clause", [])), key=lambda c: c.id)
    pages = sorted((build(i, build_page) for i in by_kind.get("guidance", []) + by_kind.get("stage", [])), key=lambda p: (p.kind, p.id))
    indicators = sorted((build(i, build_indicator) for i in by_kind.get("indicator", [])), key=lambda i: i.id)
    redirects = by_kind["redirects"][0].doc.data if by_kind.get("redirects") else {}
    courses = sorted((build_course(i) for i in by_kind.get("course", [])), key=lambda c: c.id)
    abbreviations = tuple(sorted(by_kind["abbreviations"][0].doc.data["abbreviations"].items())) if by_kind.get("abbreviations") else ()
    return Catalog(
        taxonomy=taxonomy, case_studies=tuple(cases), clauses=tuple(clauses), pages=tuple(pages),
        indicators=tuple(indicators), abbreviations=abbreviations, courses=tuple(courses),
        redirect_pages=dict(redirects.get("pages", {})), redirect_anchors=dict(redirects.get("anchors", {})),
        taxonomy_data=taxonomy_items[0].doc.data if taxonomy_items else {},
    )
