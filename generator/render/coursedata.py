"""What course pages, handouts, decks and kits share: readings resolved, running orders, file paths, addresses."""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Catalog, Course, Module, QuizQuestion, Reading

HANDOUTS = "downloads/handouts"
DECKS = "downloads/slides"
KITS = "downloads/courses"
LETTERS = "ABCDE"


@dataclass(frozen=True)
class ResolvedReading:
    """A reading with the title and site path of what it points at."""

    title: str
    path: str
    kind: str
    note: str


def resolve(catalog: Catalog, reading: Reading) -> ResolvedReading:
    """Find a reading's target (references were checked by crossref)."""
    if reading.kind in {"guidance", "stage"}:
        page = next(p for p in catalog.pages if p.id == reading.id and p.kind == reading.kind)
        return ResolvedReading(page.title, page.dest_path, reading.kind, reading.note)
    if reading.kind == "clause":
        clause = catalog.clause(reading.id)
        assert clause is not None
        return ResolvedReading(f"{clause.id}: {clause.title}", f"clauses/{clause.slug}.md", "clause", reading.note)
    if reading.kind == "indicator":
        indicator = catalog.indicator(reading.id)
        assert indicator is not None
        return ResolvedReading(indicator.name, f"indicators/{indicator.id}.md", "indicator", reading.note)
    case = next(c for c in catalog.case_studies if c.id == reading.id)
    return ResolvedReading(case.title, f"case-studies/{case.id}.md", "case study", reading.note)


def address(site: str, path: str) -> str:
    """The address of a page (docs path such as 'clauses/x.md') at the site's canonical address, or its path from the site root."""
    folder = path.removesuffix(".md").removesuffix("index").rstrip("/")
    return f"{site or '/'}{folder}/" if folder else (site or "/")


@dataclass(frozen=True)
class RunningRow:
    """One line of a running order, with the time it starts (hours:minutes from the start)."""

    start: str
    minutes: int
    activity: str


@dataclass(frozen=True)
class RunningOrder:
    rows: tuple[RunningRow, ...]
    total: int

    def table(self) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
        """(header, rows) of the running order as a table, with its total."""
        rows = tuple((r.start, r.activity, str(r.minutes)) for r in self.rows)
        return ("Starts at", "Activity", "Minutes"), (*rows, ("", "Total", str(self.total)))


def running_order(module: Module) -> RunningOrder:
    """The module's timings with their start times and total."""
    rows, elapsed = [], 0
    for timing in module.timings:
        rows.append(RunningRow(f"{elapsed // 60}:{elapsed % 60:02d}", timing.minutes, timing.activity))
        elapsed += timing.minutes
    return RunningOrder(tuple(rows), elapsed)


def answer_line(question: QuizQuestion) -> str:
    """The right answer as 'B: the option's text'."""
    return f"{LETTERS[question.answer - 1]}: {question.options[question.answer - 1]}"


def stem(course: Course, module: Module | None = None) -> str:
    """The file name stem shared by a module's downloads (or a course's)."""
    return f"{course.id}-{module.id}" if module else course.id


def handout_paths(course: Course, module: Module) -> dict[str, str]:
    """Download paths of a module's handout."""
    base = f"{HANDOUTS}/svkb-handout-{stem(course, module)}"
    return {"docx": f"{base}.docx", "odt": f"{base}.odt"}


def deck_paths(course: Course, module: Module) -> dict[str, str]:
    """Download paths of a module's slide deck."""
    base = f"{DECKS}/svkb-slides-{stem(course, module)}"
    return {"pptx": f"{base}.pptx", "odp": f"{base}.odp"}


def kit_path(course: Course) -> str:
    """Download path of a course's zip."""
    return f"{KITS}/svkb-course-{course.id}.zip"


def module_files(course: Course, module: Module) -> dict[str, str]:
    """Every download of a module, by format."""
    return {**handout_paths(course, module), **deck_paths(course, module)}
