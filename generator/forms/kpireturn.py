"""The supplier's KPI return (the Social Value Report form of the KPI Schedule, SV-GEN-09) as a sheet model.

One row per indicator named by the library's current KPI clauses, in tender order, then blank rows for
contract-specific KPIs and Social Value Commitments; every input cell validated as a form field would be.
"""

from __future__ import annotations

import datetime as dt
import math

from generator.forms.sheet import Cell, Row, Rule, Sheet, Workbook, address, date_serial
from generator.forms.text import guidance_sheet
from generator.model import Catalog, Clause, Indicator
from generator.packs import tender_order
from generator.render.indicators import UNITS

SCHEDULE = "SV-GEN-09"
BLANK_ROWS = 15
RATINGS = ("good", "approaching target", "requires improvement", "inadequate", "other")
PERIOD_TYPES = ("quarterly", "six-monthly", "annual (Contract Year)")
FIRST_DAY, LAST_DAY = date_serial(dt.date(2000, 1, 1)), date_serial(dt.date(2100, 12, 31))
BIG = 1_000_000_000_000

# (heading, width in characters); the table starts at TABLE_ROW.
COLUMNS = (
    ("Library clause", 11), ("KPI reference", 11), ("Measure", 34), ("Unit", 14),
    ("Target for the period", 12), ("Actual for the period", 12), ("Variance (actual minus target)", 12),
    ("Target for the Contract Year", 12), ("Contract Year to date (cumulative)", 12),
    ("Rating (Supplier's view, paragraph 3)", 15), ("Evidence reference", 18),
    ("Commentary: cause, corrective action and by when", 40), ("Rectification Plan reference", 14),
)
TABLE_ROW = 9
LEFT_FIELDS = ("Contract name", "Contract reference", "Supplier", "Contact name", "Contact details")
RIGHT_FIELDS = ("Reporting period start", "Reporting period end", "Period type", "Contract Year number", "Date submitted")
RIGHT_NUMBERS = {"Reporting period start": "date", "Reporting period end": "date", "Contract Year number": "count", "Date submitted": "date"}
START_CELL = "$F$3"


def _text(title: str, prompt: str, limit: int) -> Rule:
    return Rule("text", title, f"{prompt} At most {limit} characters.", f"Use at most {limit} characters.", max_length=limit)


def _date(title: str, prompt: str, after: str = "") -> Rule:
    error = "Enter a real date, for example 31/03/2027" + (", not before the start of the period." if after else ".")
    return Rule("date", title, prompt, error, FIRST_DAY, LAST_DAY, after=after)


def _choice(title: str, prompt: str, choices: tuple[str, ...]) -> Rule:
    return Rule("list", title, prompt, "Choose one of the values in the list.", choices=choices)


FIELD_RULES = {
    "Contract name": _text("Contract name", "The name of the Contract as it appears in the Contract.", 200),
    "Contract reference": _text("Contract reference", "The Authority's reference for the Contract.", 50),
    "Supplier": _text("Supplier", "The Supplier's legal name.", 200),
    "Contact name": _text("Contact name", "Who the Authority should contact about this return.", 100),
    "Contact details": _text("Contact details", "An email address or telephone number.", 200),
    "Reporting period start": _date("Reporting period start", "First day of the period this return covers, as a date (dd/mm/yyyy)."),
    "Reporting period end": _date("Reporting period end", "Last day of the period, as a date (dd/mm/yyyy), on or after the start.", START_CELL),
    "Period type": _choice("Period type", "Choose quarterly, six-monthly or the annual return for the whole Contract Year (paragraphs 4 and 5).", PERIOD_TYPES),
    "Contract Year number": Rule("whole", "Contract Year number", "Which Contract Year the period falls in: 1 for the first.", "Enter a whole number from 1 to 99.", 1, 99),
    "Date submitted": _date("Date submitted", "The date you send this return, as a date (dd/mm/yyyy)."),
}

# The number format and the rule for a figure, by the indicator's unit.
_FIGURE = {
    "count": ("count", "whole", 0, BIG, "a whole number of 0 or more"),
    "percent": ("percent", "decimal", 0, 100, "a percentage from 0 to 100 (type 85 for 85%)"),
    "GBP": ("money", "decimal", 0, BIG, "an amount in pounds of 0 or more"),
    "hours": ("decimal", "decimal", 0, BIG, "a number of hours of 0 or more"),
    "weeks": ("decimal", "decimal", 0, BIG, "a number of weeks of 0 or more"),
    "tonnes-co2e": ("decimal", "decimal", 0, BIG, "tonnes of CO2e, 0 or more"),
    "": ("decimal", "decimal", 0, BIG, "a number of 0 or more in the unit of the measure (for a yes or no measure: 1 for yes, 0 for no)"),
}
FIGURE_COLUMNS = {4: "Target for the period", 5: "Actual for the period", 7: "Target for the Contract Year", 8: "Contract Year to date"}


def figure_rule(unit: str, column: int) -> tuple[str, Rule]:
    """The number format and validation of a target or result cell for a unit ('' for a contract-specific row)."""
    title = FIGURE_COLUMNS[column]
    if unit == "yes-no":
        return "", _choice(title, "Choose yes or no.", ("yes", "no"))
    number, kind, low, high, what = _FIGURE.get(unit, _FIGURE[""])
    error = f"Enter {what}." if len(what) < 60 else "Enter a number of 0 or more."
    return number, Rule(kind, title, f"Enter {what}.", error, low, high)


ROW_RULES = {
    1: _text("KPI reference", "The reference the Contract gives this KPI or Social Value Commitment, for example APP-1. Leave the row blank if the Contract does not use this KPI.", 20),
    9: _choice("Rating", "Your own view of the rating under paragraph 3 of the KPI Schedule.", RATINGS),
    10: _text("Evidence reference", "Where the evidence for these figures is held (file, system or record reference).", 100),
    11: _text("Commentary", "Where the result is below target: the cause, the action you will take and by when.", 1000),
    12: _text("Rectification Plan reference", "The reference of any Rectification Plan for this KPI.", 30),
}
MEASURE_RULE = _text("Measure", "The KPI or Social Value Commitment as the Contract words it.", 200)
UNIT_RULE = _choice("Unit", "Choose the unit the Contract measures this KPI in.", tuple(v for k, v in UNITS.items()))


def kpi_rows(catalog: Catalog) -> list[tuple[Clause, Indicator]]:
    """Each indicator the current KPI clauses name, once, under the first clause (in tender order) that names it."""
    clauses = tender_order(catalog, tuple(c for c in catalog.clauses if c.type == "kpi" and c.status in {"current", "under-review"} and c.id != SCHEDULE))
    seen: dict[str, tuple[Clause, Indicator]] = {}
    for clause in clauses:
        for indicator_id in clause.indicators:
            indicator = catalog.indicator(indicator_id)
            if indicator is not None and indicator_id not in seen:
                seen[indicator_id] = (clause, indicator)
    return list(seen.values())


def _lines(text: str, width: float) -> int:
    return max(1, math.ceil(len(text) * 1.15 / max(width - 2, 1)))  # proportional text runs wider than the column's nominal characters


NOTE = "Type only in the yellow cells; grey cells are fixed or worked out. Select a cell to see what it needs. Read the Guidance sheet first."


def _header_rows() -> list[Row]:
    width = sum(w for _, w in COLUMNS)
    rows = [
        Row((Cell("Social Value Report: KPI return", "title", span=len(COLUMNS)),), 2),
        Row((Cell(NOTE, "note", span=len(COLUMNS)),), _lines(NOTE, width)),
    ]
    for left, right in zip(LEFT_FIELDS, RIGHT_FIELDS, strict=True):
        number = RIGHT_NUMBERS.get(right, "")
        rows.append(Row((
            Cell(left, "label", span=2), Cell(None, "input", rule=FIELD_RULES[left]),
            Cell(right, "label", span=2), Cell(None, "input", number=number, rule=FIELD_RULES[right], span=2),
        )))
    rows.append(Row((Cell(None, "text"),)))
    rows.append(Row(tuple(Cell(heading, "heading") for heading, _ in COLUMNS), 4))
    return rows


def _figure_cells(unit: str, r: int) -> list[Cell]:
    cells = []
    for column in (4, 5):
        number, rule = figure_rule(unit, column)
        cells.append(Cell(None, "input", number=number, rule=rule))
    target, actual = address(r, 4), address(r, 5)
    variance = f'IF(OR({target}="",{actual}=""),"",IF(AND(ISNUMBER({target}),ISNUMBER({actual})),{actual}-{target},IF({actual}={target},"met","not met")))'
    cells.append(Cell(None, "formula", number=figure_rule(unit, 4)[0], formula=variance))
    for column in (7, 8):
        number, rule = figure_rule(unit, column)
        cells.append(Cell(None, "input", number=number, rule=rule))
    return cells


def _kpi_row(r: int, first: Cell, measure: Cell, unit: Cell, unit_id: str) -> Row:
    tail = [Cell(None, "input", rule=ROW_RULES[c]) for c in (9, 10, 11, 12)]
    cells = (first, Cell(None, "input", rule=ROW_RULES[1]), measure, unit, *_figure_cells(unit_id, r), *tail)
    return Row(cells, max(_lines(str(measure.value or ""), COLUMNS[2][1]), _lines(str(unit.value or ""), COLUMNS[3][1]), 2))


def _table_rows(catalog: Catalog) -> list[Row]:
    rows: list[Row] = []
    r = TABLE_ROW + 1
    for clause, indicator in kpi_rows(catalog):
        rows.append(_kpi_row(r, Cell(clause.id, "fixed"), Cell(indicator.name, "fixed"), Cell(UNITS[indicator.unit], "fixed"), indicator.unit))
        r += 1
    rows.append(Row((Cell("Contract-specific KPIs and Social Value Commitments: one a row, in the Contract's words", "section", span=len(COLUMNS)),)))
    r += 1
    for _ in range(BLANK_ROWS):
        rows.append(_kpi_row(r, Cell("Contract", "fixed"), Cell(None, "input", rule=MEASURE_RULE), Cell(None, "input", rule=UNIT_RULE), ""))
        r += 1
    return rows


DECLARATION = ("Declaration: I confirm that the figures in this report are accurate, are supported by evidence the Supplier holds, "
               "and have not been counted under any other contract.")


def _declaration_rows() -> list[Row]:
    return [
        Row((Cell(None, "text"),)),
        Row((Cell(DECLARATION, "strong", span=len(COLUMNS)),), 2),
        Row((Cell("Signed (name and role)", "label", span=2), Cell(None, "input", rule=_text("Signed (name and role)", "The name and role of the person signing for the Supplier.", 200)))),
        Row((Cell("Date", "label", span=2), Cell(None, "input", number="date", rule=_date("Date signed", "The date of signing, as a date (dd/mm/yyyy).")))),
    ]


def return_sheet(catalog: Catalog) -> Sheet:
    """The Return sheet: header fields, the KPI table and the declaration."""
    rows = _header_rows() + _table_rows(catalog) + _declaration_rows()
    return Sheet("Return", tuple(w for _, w in COLUMNS), tuple(rows), freeze_rows=TABLE_ROW, repeat_rows=(TABLE_ROW, TABLE_ROW))


def kpi_return(catalog: Catalog, created: dt.datetime, base_url: str) -> Workbook | None:
    """The whole KPI return, or None when the catalogue has no KPI Schedule to report under."""
    schedule = catalog.clause(SCHEDULE)
    if schedule is None or not kpi_rows(catalog):
        return None
    return Workbook(
        title="Social Value Report: KPI return",
        subject=f"The Social Value Report form of the KPI Schedule ({SCHEDULE} version {schedule.version}): quarterly, six-monthly or annual KPI return",
        description="One row per KPI or Social Value Commitment: targets, results, variance, rating, evidence and commentary.",
        keywords="social value; KPI; Social Value Report; Procurement Act 2023 section 52",
        language="en-GB",
        creator="Social Value Knowledge Base",
        created=created,
        sheets=(return_sheet(catalog), guidance_sheet(catalog, schedule, kpi_rows(catalog), base_url)),
    )
