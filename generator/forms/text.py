"""The Guidance sheet of the KPI return: how to complete it, the ratings, evidence rules, definitions and links."""

from __future__ import annotations

import math
import re

from generator.clausedoc import copy_text, document_for
from generator.forms.sheet import Cell, Row, Sheet
from generator.model import Catalog, Clause, Indicator
from generator.render.indicators import UNITS

DEFINITIONS = "SV-GEN-00"
WIDTHS = (34, 96)
_DEFINITION = re.compile(r'^"(?P<term>[^"]+)" (?P<meaning>(?:means|has the meaning|includes) .*?)(?:;| and)*\.?$')

STEPS = (
    "Fill in the contract details at the top of the Return sheet: the reporting period's start and end dates, the period type and the date you submit the return.",
    "Enter the KPI reference the Contract gives each KPI it uses (for example APP-1). Leave the rows of KPIs your Contract does not use blank, and fill in a KPI reported only once a year on the annual return.",
    "For each KPI, enter the target and the actual result for the period, and the target and cumulative result for the Contract Year to date.",
    "The variance is worked out for you: actual minus target, or met / not met for a yes or no measure.",
    "Add each contract-specific KPI and each Social Value Commitment from the Social Value Delivery Plan on a blank row, with its measure in the Contract's words and its unit.",
    "Choose your own view of the rating for each KPI (see Ratings below). Where a result is below target, say why, what you will do and by when, and give the reference of any Rectification Plan.",
    "Give an evidence reference for every figure, sign the declaration and send the return within the days the KPI Schedule sets (paragraph 4; paragraph 5 for the annual return).",
    "Percentages are entered as numbers from 0 to 100 (85 for 85%). Counts are whole numbers; money, hours, weeks and tonnes may have decimals. Dates are real dates (dd/mm/yyyy).",
)
RATINGS = (
    ("good", "the target is met or exceeded; for a yes or no measure, a yes."),
    ("approaching target", "below the target, but at or above the share of it set in paragraph 3 of the KPI Schedule."),
    ("requires improvement", "below that share, but at or above the lower share set in paragraph 3."),
    ("inadequate", "below the lower share; for a yes or no measure, a no."),
    ("other", "performance cannot fairly be described in those terms, for example where nothing fell due in the period."),
)
EVIDENCE = (
    "Keep the evidence for each figure for the life of the Contract and one year afterwards, and provide it within the Working Days set in paragraph 6 of the KPI Schedule when the Authority asks.",
    "The Authority may verify any figure, including by contacting the people or organisations said to have benefited, and may leave out of the rating any figure the evidence does not support.",
    "Count each result once: a figure reported under this Contract must not also be counted under another contract, and a job or person counted under one KPI is not added again into another KPI's total.",
    "Follow each indicator's counting rules (below, and in full on its page), including where it asks for Subcontractors' figures on a separate line.",
    "The annual return also gives a short account of what was delivered through Subcontractors (paragraph 5 of the KPI Schedule).",
)


def _lines(text: str, width: float) -> int:
    return max(1, math.ceil(len(text) * 1.1 / max(width - 2, 1)))


def _wide(text: str, style: str = "text") -> Row:
    return Row((Cell(text, style, span=2),), _lines(text, sum(WIDTHS)) if style == "text" else 1)


def _pair(left: str, right: str, link: str = "") -> Row:
    return Row((Cell(left, "link" if link else "label", link=link), Cell(right, "text")), max(_lines(right, WIDTHS[1]), _lines(left, WIDTHS[0])))


def definitions(catalog: Catalog, terms: tuple[str, ...]) -> list[tuple[str, str]]:
    """The meaning of each term from the definitions clause, in the order given (terms it does not define are left out)."""
    clause = catalog.clause(DEFINITIONS)
    if clause is None:
        return []
    found = {}
    for line in copy_text(document_for(clause.body, clause.variables, {})).splitlines():
        match = _DEFINITION.match(line.strip())
        if match:
            found[match["term"]] = match["meaning"].rstrip(";. ")
    return [(term, found[term]) for term in terms if term in found]


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


def page_link(base_url: str, path: str) -> tuple[str, str]:
    """The address to show and to link for a site page: the canonical one when the site's address is set."""
    return (base_url + path, base_url + path) if base_url else (f"{path} on the Social Value Knowledge Base site", "")


def guidance_sheet(catalog: Catalog, schedule: Clause, rows: list[tuple[Clause, Indicator]], base_url: str) -> Sheet:
    """Guidance: steps, ratings, evidence rules, definitions, each indicator's evidence and where to read more."""
    shown, link = page_link(base_url, f"clauses/{schedule.slug}/")
    out = [
        Row((Cell("How to complete the KPI return", "title", span=2),), 2),
        _wide(f"This return is the Social Value Report form in Part C of the KPI Schedule ({schedule.id} version {schedule.version}, "
              f"{schedule.title}). Use it for each periodic report and for the annual report for the whole Contract Year."),
        _wide("Steps", "section"),
        *(_pair(f"Step {n}", step) for n, step in enumerate(STEPS, start=1)),
        _wide("Ratings (paragraph 3 of the KPI Schedule)", "section"),
        *(_pair(name, meaning) for name, meaning in RATINGS),
        _wide("Evidence (paragraph 6 of the KPI Schedule and the declaration)", "section"),
        *(_pair(f"Rule {n}", rule) for n, rule in enumerate(EVIDENCE, start=1)),
    ]
    meanings = definitions(catalog, schedule.defined_terms)
    if meanings:
        out.append(_wide(f"Definitions (from {DEFINITIONS}, the definitions clause)", "section"))
        out += [_pair(term, _sentence(meaning.removeprefix("means "))) for term, meaning in meanings]
    out.append(_wide("What to count and the evidence to hold for each indicator", "section"))
    for _, indicator in rows:
        page, target = page_link(base_url, f"indicators/{indicator.id}/")
        text = f"{UNITS[indicator.unit]}, reported {indicator.frequency}. Evidence: {' '.join(indicator.evidence.split())} Definition: {page}"
        out.append(_pair(indicator.name, text, target))
    out += [_wide("Where to read more", "section"), _pair("The KPI Schedule", shown, link)]
    shown, link = page_link(base_url, "indicators/")
    out.append(_pair("The indicator library", shown, link))
    return Sheet("Guidance", WIDTHS, tuple(out), freeze_rows=1, repeat_rows=(1, 1))
