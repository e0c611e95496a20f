"""The measurement calculators (/calculators/): they start from the worked examples' inputs and give
the worked examples' results, in Chromium, online, with the security headers enforced, and from
``file://`` in the offline copy; bad input shows a message beside its field, never NaN; the page
passes axe, does not scroll sideways at 320 px and works from the keyboard alone."""

from __future__ import annotations

import math
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from generator.render.calculators import GREEN_BOOK_RATE, LM3_FIELDS, PROXY_FIELDS, PROXY_ROWS, SROI_FIELDS
from generator.sanitise import sanitise
from tests.conftest import ROOT
from tests.report import record
from tests.test_accessibility import WCAG

pytestmark = pytest.mark.browser

WORKED = ROOT / "content/guidance/measurement-worked-examples.md"
PHONE = {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True}


def amount(text: str) -> float:
    return float(text.replace("£", "").replace(",", "").replace("%", "").strip())


def find(pattern: str, text: str) -> tuple[str, ...]:
    match = re.search(pattern, text, re.DOTALL)
    assert match, f"the worked examples page no longer says: {pattern}"
    return match.groups()


def worked_examples() -> dict[str, Any]:
    """The inputs and results as the worked examples page gives them (its Markdown source)."""
    page = WORKED.read_text(encoding="utf-8")
    pay, hours, weeks, per_person = find(r"\| 1\. Value per person[^|]*\| £([\d.]+) × (\d+) hours × (\d+) weeks \| £([\d,.]+) \|", page)
    lm3 = [find(rf"\| Round {n} \|[^|]*\| £([\d,]+) \|", page)[0] for n in (1, 2, 3)]
    compare = find(r"Its LM3 is \(£([\d,]+) \+ £([\d,]+) \+ £([\d,]+)\) ÷ £[\d,]+ = \*\*([\d.]+)\*\*", page)
    rows = [
        find(r"\| Staff volunteering in local groups \| (\d+) hours \| £([\d.]+) an hour[^|]*\|[^|]*\| £([\d,]+) \|", page),
        find(r"\| Local people employed on the contract \| (\d+) full-time[^|]*\| £([\d,]+) a year \|[^|]*\| £([\d,]+) \|", page),
        find(r"\| Work placements \| (\d+) placements \| £([\d,]+) each \|[^|]*\| £([\d,]+) \|", page),
    ]
    return {
        "investment": find(r"\| Investment in the programme \| £([\d,]+) \|", page)[0],
        "quantity": find(r"\| Participants who move into work[^|]*\| (\d+) \|", page)[0],
        "pay": pay, "hours": hours, "weeks": weeks, "per_person": per_person,
        "deadweight": find(r"\| Deadweight[^|]*\| (\d+)% \|", page)[0],
        "attribution": find(r"\| Attribution[^|]*\| (\d+)% \|", page)[0],
        "displacement": find(r"\| Displacement[^|]*\| (\d+)% \|", page)[0],
        "present_value": find(r"\| 5\. Less displacement[^|]*\|[^|]*\| £([\d,.]+) \|", page)[0],
        "ratio": find(r"\| 6\. SROI ratio \|[^|]*\| \*\*([\d.]+) : 1\*\* \|", page)[0],
        "sensitivity": find(r"If deadweight is (\d+)% rather than.*?the ratio falls to \*\*([\d.]+) : 1\*\*", page),
        "lm3": lm3, "lm3_score": find(r"= \*\*([\d.]+)\*\* \(([\d.]+) before rounding\)", page),
        "lm3_compare": compare,
        "rows": rows,
        "total": find(r"\| \*\*Total\*\* \|[^\n]*\*\*£([\d,]+)\*\* \|", page)[0],
        "contract": find(r"Two bids for a £([\d,]+) million contract", page)[0],
        "share": find(r"£[\d,]+ ÷ £[\d,]+ = \*\*([\d.]+)%\*\*", page)[0],
        "best": find(r"Bid B offers a total of £([\d,]+)", page)[0],
        "marks": find(r"proportional scoring out of (\d+) marks", page)[0],
        "score": find(r"= \*\*([\d.]+) marks\*\*", page)[0],
    }


def starting(fields: Any) -> dict[str, float]:
    return {f.name: amount(f.value) for f in fields}


def test_the_calculators_start_from_the_worked_examples_inputs() -> None:
    page = worked_examples()
    sroi = starting(SROI_FIELDS)
    assert sroi["investment"] == amount(page["investment"]) and sroi["quantity"] == amount(page["quantity"])
    assert math.isclose(amount(page["pay"]) * amount(page["hours"]) * amount(page["weeks"]), amount(page["per_person"]), abs_tol=0.005)
    assert sroi["proxy"] == amount(page["per_person"])
    assert [sroi["deadweight"], sroi["attribution"], sroi["displacement"]] == [amount(page[k]) for k in ("deadweight", "attribution", "displacement")]
    assert sroi["years"] == 1 and sroi["dropoff"] == 0 and sroi["rate"] == float(GREEN_BOOK_RATE)
    assert list(starting(LM3_FIELDS).values()) == [amount(x) for x in page["lm3"]]
    assert [(amount(r.quantity), amount(r.proxy)) for r in PROXY_ROWS] == [(amount(q), amount(p)) for q, p, _ in page["rows"]]
    proxy = starting(PROXY_FIELDS)
    assert proxy == {"contract": amount(page["contract"]) * 1_000_000, "best": amount(page["best"]), "marks": amount(page["marks"])}


def test_the_sanitiser_keeps_the_fields_and_nothing_that_runs() -> None:
    kept = sanitise('<input id="a" name="investment" type="text" inputmode="decimal" autocomplete="off" value="40,000" aria-describedby="a-hint">')
    assert kept == '<input id="a" name="investment" type="text" inputmode="decimal" autocomplete="off" value="40,000" aria-describedby="a-hint">'
    for unsafe in ('<input type="hidden" value="x">', '<input type="image" src="x.png">', '<input type="submit" formaction="https://x">', '<input onfocus="alert(1)" autofocus>'):
        out = sanitise(unsafe)
        assert "type=" not in out and "src" not in out and "formaction" not in out and "onfocus" not in out, out
    assert sanitise('<div data-svkb-calc="sroi" data-src="x.js"><script src="x.js"></script></div>') == '<div data-svkb-calc="sroi"></div>'


SET_BY_SCRIPT = {"data-svkb-calc-state", "data-svkb-calc-pending"}  # written by calculator.js, never read from the page


def test_the_built_page_keeps_every_attribute_the_script_reads(built_real: Path) -> None:
    script = (ROOT / "generator/assets/calculator.js").read_text(encoding="utf-8")
    html = (built_real / "site/calculators/index.html").read_text(encoding="utf-8")
    read = set(re.findall(r"data-svkb-calc[a-z-]*", script)) - SET_BY_SCRIPT
    assert read and {name for name in read if f"{name}=" not in html and f"{name} " not in html and f"{name}>" not in html} == set()
    assert '<script src="../assets/svkb/calculator.js"></script>' in html and "<script>" not in html.split("<article", 1)[1].split("</article>", 1)[0]
    for name in ("investment", "round1", "quantity", "proxy", "contract", "best", "marks"):
        assert f'name="{name}" type="text" inputmode="decimal"' in html


# --- In the browser --------------------------------------------------------------------------


@pytest.fixture
def page(browser: Any, site: str) -> Iterator[Any]:
    context = browser.new_context(base_url=site)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto("calculators/")
    page.wait_for_selector("[data-svkb-calc=proxy][data-svkb-calc-state]")
    yield page
    context.close()
    assert errors == []


def working(page: Any, name: str) -> dict[str, str]:
    """The working shown for one calculator: each step's label and its result."""
    items = page.locator(f"[data-svkb-calc={name}] [data-svkb-calc-working] li")
    return {items.nth(i).locator(".svkb-calc__step").inner_text().rstrip(": "): items.nth(i).locator("strong").inner_text() for i in range(items.count())}


def summary(page: Any, name: str) -> str:
    return page.locator(f"[data-svkb-calc={name}] [data-svkb-calc-summary]").inner_text()


def test_each_calculator_gives_the_worked_examples_results(page: Any) -> None:
    expected = worked_examples()
    sroi = working(page, "sroi")
    assert sroi["Present value (one year, this year: not discounted)"] == f"£{expected['present_value']}"
    assert sroi["SROI ratio"] == f"{expected['ratio']} : 1"
    assert sroi["Net present value"] == f"£{amount(expected['present_value']) - amount(expected['investment']):,.2f}"
    lm3 = working(page, "lm3")
    assert lm3["LM3 score"] == f"{expected['lm3_score'][0]} ({expected['lm3_score'][1]} before rounding)"
    proxy = working(page, "proxy")
    values = [v for k, v in proxy.items() if k.startswith(("Staff volunteering", "Local people", "Work placements"))]
    assert [amount(v) for v in values] == [amount(value) for _, _, value in expected["rows"]]
    assert proxy["Total"] == f"£{expected['total']}.00"
    assert proxy["Share of the contract value"] == f"{expected['share']}%"
    assert proxy["Proportional score"] == f"{expected['score']} marks"
    text = page.locator("article").inner_text()
    assert "NaN" not in text and "Infinity" not in text and "undefined" not in text


def test_the_sensitivity_and_comparison_examples(page: Any) -> None:
    expected = worked_examples()
    deadweight, ratio = expected["sensitivity"]
    page.fill("#sroi-deadweight", deadweight)
    assert working(page, "sroi")["SROI ratio"] == f"{ratio} : 1"
    round1, round2, round3, score = expected["lm3_compare"]
    page.fill("#lm3-round2", round2)
    page.fill("#lm3-round3", round3)
    assert working(page, "lm3")["LM3 score"].startswith(score)
    page.locator("[data-svkb-calc=lm3] [data-svkb-calc-reset]").click()
    assert working(page, "lm3")["LM3 score"].startswith(expected["lm3_score"][0])


def test_drop_off_and_discounting_over_several_years(page: Any) -> None:
    page.fill("#sroi-years", "3")
    page.fill("#sroi-dropoff", "10")
    net = 95238 * 0.7 * 0.8 * 0.9
    present = net + net * 0.9 / 1.035 + net * 0.81 / 1.035**2
    steps = working(page, "sroi")
    assert steps["Year 1 (this year, not discounted)"] == f"£{net:,.2f}"
    assert steps["Year 3"] == f"£{net * 0.81 / 1.035**2:,.2f}"
    assert steps["Present value"] == f"£{present:,.2f}"
    assert steps["SROI ratio"] == f"{present / 40000:.2f} : 1"
    assert summary(page, "sroi") == f"SROI ratio {present / 40000:.2f} : 1. Present value £{present:,.2f}, net present value £{present - 40000:,.2f}."
    page.wait_for_function(f"document.querySelector('[data-svkb-calc=sroi] [role=status]').textContent.startsWith('SROI ratio {present / 40000:.2f} : 1')")


BAD_INPUT = [
    ("#sroi-investment", "", "Enter the investment."),
    ("#sroi-investment", "0", "The investment must be more than 0: the calculation divides by it."),
    ("#sroi-quantity", "-3", "The number of outcomes cannot be negative."),
    ("#sroi-deadweight", "120", "Enter a percentage from 0 to 100."),
    ("#sroi-proxy", "lots", "Enter the value of one outcome as a number, like 40,000."),
    ("#sroi-years", "31", "Enter a whole number of years from 1 to 30."),
    ("#sroi-years", "2.5", "Enter a whole number of years from 1 to 30."),
    ("#sroi-rate", "101", "Enter a percentage from 0 to 100."),
    ("#lm3-round1", "0", "Round 1 income must be more than 0: the calculation divides by it."),
    ("#lm3-round2", "250,000", "Round 2 is spent out of round 1, so it cannot be more than £200,000.00."),
    ("#lm3-round3", "1,,0", "Enter round 3 spending as a number, like 40,000."),
    ("#lm3-round1", "9" * 400, "Enter round 1 income below 1,000,000,000,000."),
    ("#proxy-2-quantity", "", "Enter the quantity."),
    ("#proxy-1-proxy", "-1", "The proxy value cannot be negative."),
    ("#proxy-contract", "0", "The contract value must be more than 0: the calculation divides by it."),
    ("#proxy-marks", "", "Enter both the highest total and the marks available, or neither."),
]


@pytest.mark.parametrize(("field", "typed", "message"), BAD_INPUT, ids=[f"{f}={t[:12]!r}" for f, t, _ in BAD_INPUT])
def test_bad_input_shows_a_message_beside_its_field(page: Any, field: str, typed: str, message: str) -> None:
    name = field[1:].split("-")[0]
    page.fill(field, typed)
    box = page.locator(f"{field}-error")
    assert box.is_visible() and box.inner_text() == message
    assert page.get_attribute(field, "aria-invalid") == "true"
    assert f"{field[1:]}-error" in page.get_attribute(field, "aria-describedby").split()
    assert page.locator(f"[data-svkb-calc={name}] [data-svkb-calc-working]").is_hidden()
    assert summary(page, name).startswith("Correct the entry marked above")
    text = page.locator("article").inner_text()
    assert "NaN" not in text and "Infinity" not in text
    page.wait_for_function(f"document.querySelector('[data-svkb-calc={name}] [role=status]').textContent.startsWith('Correct the')")
    page.fill(field, page.eval_on_selector(field, "input => input.defaultValue"))  # the worked example's value again
    assert page.get_attribute(field, "aria-invalid") is None and box.is_hidden()
    assert page.locator(f"[data-svkb-calc={name}] [data-svkb-calc-working]").is_visible()


def test_commitments_are_added_and_removed_from_the_keyboard(page: Any) -> None:
    add = page.locator("[data-svkb-calc-add]")
    add.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "proxy-4-what"
    assert page.locator("[data-svkb-calc=proxy] [data-svkb-calc-working]").is_visible()  # a blank new row is not an error
    page.keyboard.type("Apprenticeship weeks")
    page.keyboard.press("Tab")
    page.keyboard.type("52")
    page.keyboard.press("Tab")
    page.keyboard.type("100")
    assert working(page, "proxy")["Total"] == "£45,084.00"
    page.keyboard.press("Tab")  # to "Remove commitment 4"
    assert page.evaluate("document.activeElement.textContent") == "Remove commitment 4"
    page.locator("button", has_text="Remove commitment 2").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "proxy-2-what"
    assert page.locator("[data-svkb-calc-row] legend").all_inner_texts() == ["Commitment 1", "Commitment 2", "Commitment 3"]
    assert page.input_value("#proxy-3-what") == "Apprenticeship weeks"
    assert page.locator("label[for=proxy-3-quantity]").count() == 1
    assert page.evaluate("new Set([...document.querySelectorAll('[id]')].map(e => e.id)).size === document.querySelectorAll('[id]').length")
    assert working(page, "proxy")["Total"] == "£15,084.00"
    page.wait_for_function("document.querySelector('[data-svkb-calc=proxy] [role=status]').textContent.includes('Commitment 2 removed')")
    page.locator("[data-svkb-calc=proxy] [data-svkb-calc-reset]").press("Enter")
    assert page.locator("[data-svkb-calc-row]").count() == 3 and working(page, "proxy")["Total"] == "£39,884.00"


def test_every_field_is_labelled_and_reached_by_tab(page: Any) -> None:
    inputs = page.locator("[data-svkb-calc] input")
    ids = [inputs.nth(i).get_attribute("id") for i in range(inputs.count())]
    for input_id in ids:
        assert page.locator(f"label[for={input_id}]").count() == 1, input_id
    page.locator("#sroi-investment").focus()
    reached = []
    for _ in range(len(ids) + 12):
        reached.append(page.evaluate("document.activeElement.id"))
        page.keyboard.press("Tab")
    assert [i for i in reached if i in ids] == ids


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations(browser: Any, site: str, scheme: str) -> None:
    context = browser.new_context(base_url=site, color_scheme=scheme)
    page = context.new_page()
    page.goto("calculators/")
    page.wait_for_selector("[data-svkb-calc=proxy][data-svkb-calc-state]")
    page.fill("#sroi-deadweight", "150")  # with an error shown too
    page.fill("#proxy-1-quantity", "")
    found = Axe().run(page, options=WCAG).response["violations"]
    context.close()
    record(f"axe-core violations: calculators ({scheme})", str(len(found)))
    assert [f"{v['id']}: {v['nodes'][0]['target']} {v['help']}" for v in found] == []


def test_no_sideways_scroll_at_320_px(browser: Any, site: str) -> None:
    context = browser.new_context(base_url=site, **PHONE)
    page = context.new_page()
    page.goto("calculators/")
    page.wait_for_selector("[data-svkb-calc=proxy][data-svkb-calc-state]")
    page.fill("#sroi-years", "30")
    page.fill("#lm3-round2", "123,456,789,012")
    page.locator("[data-svkb-calc-add]").click()
    page.fill("#proxy-4-quantity", "12345678901234567890")
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 320


def test_runs_with_the_security_headers_enforced(browser: Any, built_real: Path) -> None:
    from tests.test_csp import LISTEN, serve_with_headers

    with serve_with_headers(built_real / "site") as url:
        context = browser.new_context(base_url=url)
        context.add_init_script(LISTEN)
        page = context.new_page()
        page.goto("calculators/")
        page.wait_for_selector("[data-svkb-calc=proxy][data-svkb-calc-state]")
        page.fill("#sroi-deadweight", "50")
        assert working(page, "sroi")["SROI ratio"] == "0.86 : 1"
        assert page.evaluate("window.__csp") == []
        context.close()


def test_works_from_file_in_the_offline_copy(browser: Any, built_real: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(built_real / "site/downloads/svkb-offline-site.zip") as z:
        z.extractall(tmp_path)
    root = tmp_path / "svkb-offline-site"
    context = browser.new_context()
    try:
        page = context.new_page()
        outside: list[str] = []
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
        page.goto((root / "guidance/measurement-worked-examples/index.html").as_uri())
        page.locator("article a[href$='calculators/index.html']").first.click()
        page.wait_for_selector("[data-svkb-calc=proxy][data-svkb-calc-state]")
        assert page.url.startswith("file://") and page.url.endswith("calculators/index.html")
        assert working(page, "sroi")["SROI ratio"] == "1.20 : 1"
        assert working(page, "lm3")["LM3 score"].startswith("1.69")
        assert working(page, "proxy")["Total"] == "£39,884.00"
        assert page.locator(".svkb-calc-nojs").is_hidden()
    finally:
        context.close()
    assert outside == []
