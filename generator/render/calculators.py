"""The measurement calculators page: SROI, LM3 and proxy valuation forms that calculate in the browser.

The forms start filled in with the inputs of the worked examples on the guidance page
``measurement-worked-examples`` (held here once; tests/test_calculator.py checks them against that
page and checks the browser reproduces its results). The arithmetic is in
``assets/svkb/calculator.js``: the page holds no script and no data beyond the forms' starting values.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Catalog
from generator.render.environment import render_template
from generator.render.pages import Page

PAGE = "calculators/index.md"  # an index page: the same depth online and offline
WORKED_EXAMPLES = "measurement-worked-examples"
GREEN_BOOK_RATE = "3.5"  # per cent a year, years 0 to 30 (see SOURCES)
MOST_YEARS = 30  # the Green Book's standard rate covers years 0 to 30; later years fall to lower rates


@dataclass(frozen=True)
class Field:
    """One number the reader enters: its name (read by the script), label, unit, hint and starting value."""

    name: str
    label: str
    unit: str  # "£", "%", "years" or "" (a count)
    hint: str
    value: str
    optional: bool = False


@dataclass(frozen=True)
class ProxyRow:
    """One commitment of the proxy valuation's starting example."""

    what: str
    quantity: str
    proxy: str


SROI_FIELDS = (
    Field("investment", "Investment", "£", "What was spent on the activity, in pounds.", "40,000"),
    Field("quantity", "People or units with the outcome", "", "How many times the outcome happened.", "10"),
    Field("proxy", "Financial proxy for one outcome", "£", "The value of one outcome in pounds. The worked example uses 26 weeks' pay at £12.21 an hour for 30 hours a week.", "9,523.80"),
    Field("deadweight", "Deadweight", "%", "The share that would have happened anyway.", "30"),
    Field("attribution", "Attribution", "%", "The share due to others.", "20"),
    Field("displacement", "Displacement", "%", "The share that only moved from elsewhere.", "10"),
    Field("years", "Years the outcome lasts", "years", f"A whole number from 1 to {MOST_YEARS}. The first year is this year and is not discounted.", "1"),
    Field("dropoff", "Drop-off each later year", "%", "How much of the outcome fades each year after the first.", "0"),
    Field("rate", "Discount rate", "%", f"A year, for years after the first. The Green Book rate is {GREEN_BOOK_RATE}%.", GREEN_BOOK_RATE),
)

LM3_FIELDS = (
    Field("round1", "Round 1: income received", "£", "The money coming in, such as the contract income a supplier receives.", "200,000"),
    Field("round2", "Round 2: spent in the area", "£", "The part of round 1 spent locally: wages to local staff and purchases from local suppliers.", "100,000"),
    Field("round3", "Round 3: re-spent in the area", "£", "The part of round 2 that those staff and suppliers spend locally in turn.", "37,000"),
)

PROXY_ROWS = (
    ProxyRow("Staff volunteering in local groups (hours)", "400", "12.21"),
    ProxyRow("Local people employed on the contract (full-time-equivalent years)", "3", "10,000"),
    ProxyRow("Work placements", "10", "500"),
)

PROXY_FIELDS = (
    Field("contract", "Contract value", "£", "To show the total as a share of the contract. Leave blank to skip.", "1,000,000", optional=True),
    Field("best", "Highest total among the bids", "£", "To score this bid in proportion to the best one. Leave blank to skip.", "60,000", optional=True),
    Field("marks", "Marks available", "", "The marks the highest total receives. Leave blank to skip.", "10", optional=True),
)

SOURCES = (
    {
        "title": "Forthcoming change: Green Book updates (Transport analysis guidance), table of Green Book discount rates",
        "publisher": "Department for Transport (GOV.UK)", "date": "updated 16 April 2026",
        "url": "https://www.gov.uk/government/publications/tag-forthcoming-changes/forthcoming-change-green-book-updates",
    },
    {
        "title": "Review of discounting in the Green Book: Terms of Reference",
        "publisher": "HM Treasury (GOV.UK)", "date": "16 December 2025",
        "url": "https://www.gov.uk/government/publications/green-book-discount-rate-review-2026/review-of-discounting-in-the-green-book-terms-of-reference",
    },
    {
        "title": "Green Book discount rate review 2026",
        "publisher": "HM Treasury (GOV.UK)", "date": "last updated 30 June 2026",
        "url": "https://www.gov.uk/government/publications/green-book-discount-rate-review-2026",
    },
)


def render_calculators(catalog: Catalog) -> list[Page]:
    """The calculators page; nothing when the worked examples it follows are not published."""
    if not any(p.id == WORKED_EXAMPLES and p.kind == "guidance" for p in catalog.pages):
        return []
    text = render_template(
        "calculators.md.j2", sroi=SROI_FIELDS, lm3=LM3_FIELDS, rows=PROXY_ROWS, proxy=PROXY_FIELDS,
        sources=SOURCES, rate=GREEN_BOOK_RATE, most_years=MOST_YEARS,
    )
    return [Page(PAGE, text)]
