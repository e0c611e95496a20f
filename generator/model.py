"""The catalogue: typed, read-only content that every renderer works from."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.yamlread import Located


@dataclass(frozen=True)
class Term:
    """One entry of a controlled vocabulary."""

    id: str
    label: str
    description: str = ""
    legacy: bool = False


@dataclass(frozen=True)
class Taxonomy:
    """The shared controlled vocabularies."""

    vocabularies: dict[str, tuple[Term, ...]]

    def terms(self, vocabulary: str) -> tuple[Term, ...]:
        return self.vocabularies.get(vocabulary, ())

    def ids(self, vocabulary: str) -> list[str]:
        return [t.id for t in self.terms(vocabulary)]

    def term(self, vocabulary: str, term_id: str) -> Term:
        for term in self.terms(vocabulary):
            if term.id == term_id:
                return term
        return Term(term_id, term_id)

    def label(self, vocabulary: str, term_id: str) -> str:
        return self.term(vocabulary, term_id).label


@dataclass(frozen=True)
class Source:
    """A document relied on for facts: title, publisher, date, address."""

    id: str
    title: str
    publisher: str
    date: str
    url: str
    kind: str = ""


@dataclass(frozen=True)
class Outcome:
    """One measured result with the source that reports it."""

    metric: str
    value: float
    unit: str
    period: str
    source: str
    baseline_value: float | None = None
    baseline_period: str = ""
    indicator: str = ""
    note: str = ""


@dataclass(frozen=True)
class Dispute:
    """A point on which the sources disagree."""

    topic: str
    detail: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Weighting:
    """The evaluation weighting given to social value, as a source states it."""

    description: str
    source: str
    percent: float | None = None


@dataclass(frozen=True)
class Authority:
    """The public body behind a case study."""

    name: str
    type: str
    nation: str
    region: str = ""


@dataclass(frozen=True)
class CaseStudy:
    """A real, sourced example of social value in procurement."""

    id: str
    title: str
    authority: Authority
    period_from: int
    period_to: int | None
    service_area: str
    value_band: str
    regimes: tuple[str, ...]
    stages: tuple[str, ...]
    themes: tuple[str, ...]
    summary: str
    context: str
    approach: str
    weighting: Weighting | None
    clauses_used: tuple[str, ...]
    outcomes: tuple[Outcome, ...]
    disputes: tuple[Dispute, ...]
    lessons: tuple[str, ...]
    sources: tuple[Source, ...]
    owner: str
    last_reviewed: str
    review_by: str
    src_path: str
    origin: Located = field(compare=False, repr=False, hash=False)

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)

    @property
    def period(self) -> str:
        if self.period_to is None:
            return f"{self.period_from} onwards"
        return str(self.period_from) if self.period_to == self.period_from else f"{self.period_from} to {self.period_to}"


@dataclass(frozen=True)
class Catalog:
    """Everything the site is made from, validated and cross-referenced."""

    taxonomy: Taxonomy
    case_studies: tuple[CaseStudy, ...]
