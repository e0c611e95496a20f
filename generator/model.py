"""The catalogue: typed, read-only content that every renderer works from."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.clausetext import Variable
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
    accessed: str = ""


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
    instruments: tuple[str, ...] = ()

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)

    @property
    def period(self) -> str:
        if self.period_to is None:
            return f"{self.period_from} onwards"
        return str(self.period_from) if self.period_to == self.period_from else f"{self.period_from} to {self.period_to}"


@dataclass(frozen=True)
class LegalBasis:
    """An instrument a clause rests on, citing one of the clause's sources."""

    source: str
    note: str


@dataclass(frozen=True)
class ScoringBand:
    """One band of an award criterion's scoring guidance."""

    score: int
    descriptor: str


@dataclass(frozen=True)
class Scoring:
    """An award criterion's model question and scoring guidance."""

    question: str
    bands: tuple[ScoringBand, ...]


@dataclass(frozen=True)
class ChangeEntry:
    """One published version of a clause."""

    version: str
    date: str
    note: str


@dataclass(frozen=True)
class PastVersion:
    """The final text of an earlier major version of a clause."""

    version: str
    title: str
    body: str
    variables: tuple[Variable, ...]

    @property
    def major(self) -> int:
        return int(self.version.split(".")[0])


@dataclass(frozen=True)
class Proportionality:
    """Which contracts a clause suits and what it asks of small suppliers."""

    suits: str
    sme_burden: str
    sme_note: str
    min_value: float | None = None
    lighter_alternative: str = ""


@dataclass(frozen=True)
class Clause:
    """A model tender clause with typed variables and a tested body."""

    id: str
    title: str
    version: str
    status: str
    superseded_by: str
    stage: str
    type: str
    themes: tuple[str, ...]
    regimes: tuple[str, ...]
    nations: tuple[str, ...]
    purpose: str
    use_when: str
    avoid_when: str
    proportionality: Proportionality
    drafting_notes: tuple[str, ...]
    legal_basis: tuple[LegalBasis, ...]
    indicators: tuple[str, ...]
    scoring: Scoring | None
    variables: tuple[Variable, ...]
    body: str
    sample: dict[str, object] = field(compare=False, hash=False)
    expected: str = ""
    changelog: tuple[ChangeEntry, ...] = ()
    sources: tuple[Source, ...] = ()
    owner: str = ""
    last_reviewed: str = ""
    review_by: str = ""
    src_path: str = ""
    origin: Located = field(default_factory=lambda: Located(None), compare=False, repr=False, hash=False)
    instruments: tuple[str, ...] = ()
    history: tuple[PastVersion, ...] = ()
    defined_terms: tuple[str, ...] = ()
    defines: tuple[str, ...] = ()

    @property
    def slug(self) -> str:
        return self.id.lower()

    @property
    def major(self) -> int:
        return int(self.version.split(".")[0])

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)


@dataclass(frozen=True)
class Indicator:
    """An outcome indicator that clauses and case studies report against."""

    id: str
    name: str
    definition: str
    unit: str
    evidence: str
    frequency: str
    themes: tuple[str, ...]
    stages: tuple[str, ...]
    pitfalls: tuple[str, ...]
    ppn002_outcome: str
    toms_code: str
    instruments: tuple[str, ...]
    sources: tuple[Source, ...]
    owner: str
    last_reviewed: str
    review_by: str
    src_path: str
    origin: Located = field(compare=False, repr=False, hash=False)

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)


@dataclass(frozen=True)
class Reading:
    """An item of this knowledge base that a module asks participants to read."""

    kind: str
    id: str
    note: str = ""


@dataclass(frozen=True)
class Material:
    """What participants need for an exercise: a text, or a table whose empty cells they fill in."""

    title: str
    text: str = ""
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Exercise:
    """A practical exercise."""

    title: str
    instructions: str
    duration: str = ""
    materials: tuple[Material, ...] = ()
    model_answer: str = ""


@dataclass(frozen=True)
class Timing:
    """One activity in a module's running order."""

    minutes: int
    activity: str


@dataclass(frozen=True)
class QuizQuestion:
    """A self-check question: options, the number of the right one (1 for the first) and why."""

    question: str
    options: tuple[str, ...]
    answer: int
    explanation: str


@dataclass(frozen=True)
class ExternalLink:
    """External training material."""

    title: str
    publisher: str
    url: str
    note: str = ""


@dataclass(frozen=True)
class Module:
    """One module of a course."""

    id: str
    title: str
    summary: str
    duration: str
    learning_objectives: tuple[str, ...]
    reading: tuple[Reading, ...]
    exercises: tuple[Exercise, ...]
    discussion: tuple[str, ...]
    external: tuple[ExternalLink, ...]
    timings: tuple[Timing, ...] = ()
    facilitator_notes: tuple[str, ...] = ()
    quiz: tuple[QuizQuestion, ...] = ()


@dataclass(frozen=True)
class Course:
    """A training course built from the knowledge base."""

    id: str
    title: str
    summary: str
    audience: tuple[str, ...]
    duration: str
    modules: tuple[Module, ...]
    owner: str
    last_reviewed: str
    review_by: str
    src_path: str
    origin: Located = field(compare=False, repr=False, hash=False)
    instruments: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class ReviewEntry:
    """One past review of a page."""

    date: str
    note: str


@dataclass(frozen=True)
class GuidancePage:
    """A guidance or stage page written in Markdown, with sourced facts."""

    id: str
    kind: str
    title: str
    summary: str
    section: str
    order: int
    audience: tuple[str, ...]
    stages: tuple[str, ...]
    themes: tuple[str, ...]
    instruments: tuple[str, ...]
    owner: str
    last_reviewed: str
    review_by: str
    review_history: tuple[ReviewEntry, ...]
    sources: tuple[Source, ...]
    body: str
    body_line: int
    src_path: str
    origin: Located = field(compare=False, repr=False, hash=False)

    @property
    def dest_path(self) -> str:
        return f"{'stages' if self.kind == 'stage' else 'guidance'}/{self.id}.md"

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)


@dataclass(frozen=True)
class Catalog:
    """Everything the site is made from, validated and cross-referenced."""

    taxonomy: Taxonomy
    case_studies: tuple[CaseStudy, ...]
    clauses: tuple[Clause, ...] = ()
    pages: tuple[GuidancePage, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    courses: tuple[Course, ...] = ()
    redirect_pages: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    redirect_anchors: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    abbreviations: tuple[tuple[str, str], ...] = ()
    taxonomy_data: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    def clause(self, clause_id: str) -> Clause | None:
        return next((c for c in self.clauses if c.id == clause_id), None)

    def indicator(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == indicator_id), None)

    def guidance(self, kind: str) -> list[GuidancePage]:
        return sorted((p for p in self.pages if p.kind == kind), key=lambda p: (p.section, p.order, p.id))
