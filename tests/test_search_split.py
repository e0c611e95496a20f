"""The split search index: built from the terms lunr makes, and a query downloads only what it needs."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from generator.porter import stem
from generator.searchindex import SECTIONS, file_key, split_index
from tests.browser import chromium, serve
from tests.test_search import type_query

WORKER = re.compile(r'"search": "(assets/javascripts/workers/svkb-search\.[0-9a-f]{8}\.min\.js)"')


def split_files(site: Path) -> dict[str, object]:
    out = {}
    for path in sorted((site / "search/svkb").glob("*.js")):
        text = path.read_text(encoding="utf-8")
        out[path.stem] = json.loads(text[text.index(",") + 1 : text.rindex(");")])
    return out


def test_weights_are_lunrs_bm25_over_the_whole_index() -> None:
    docs = [{"location": "a/", "title": "Living wage", "text": "<p>Pay the living wage.</p>"},
            {"location": "a/#pay", "title": "Pay", "text": "<p>Wages and <b>pay</b></p>", "boost": 2},
            {"location": "b/", "title": "Bids", "text": "<p>How a bid is scored</p>", "tags": ["Fair work"]}]
    config = {"separator": r"[\s\-]+", "fields": {"title": {"boost": 10}, "text": {"boost": 1}, "tags": {"boost": 10}}}
    head, files = split_index({"config": config, "docs": docs}, {"bid": "tender"})
    terms = {}
    for name, data in files.items():
        if name.startswith("svkb/t-"):
            text = data.decode()
            terms.update(json.loads(text[text.index(",") + 1 : text.rindex(");")]))
    assert json.loads(head)["docs"] == [] and json.loads(head)["config"]["svkb"]["pages"] == 2
    assert "the" not in terms and "tender" in terms and "bid" not in terms  # stop words out, synonyms joined
    # "pay": in a/ (text, once) and a/#pay (title and text, boost 2); df = 3 field postings of 3 documents
    idf = math.log(1 + abs((3 - 3 + 0.5) / (3 + 0.5)))  # tf 1 with k1 1.2 and b 0: the weight is idf x boosts
    assert terms["pay"] == [0, round(idf, 3), 1, round(round(idf * 10 * 2, 3) + round(idf * 2, 3), 3)]
    assert terms["fair"] == [SECTIONS, round(math.log(1 + (3 - 1 + 0.5) / 1.5) * 10, 3)]


@pytest.mark.browser
def test_porter_stemmer_is_lunrs_on_every_word_of_the_site(built_real: Path) -> None:
    site = built_real / "site"
    words = sorted({w for data in split_files(site).values() if isinstance(data, list) for d in data
                    for w in re.findall(r"[a-z]+", re.sub(r"<[^>]*>", " ", str(d.get("title", "")) + " " + str(d.get("text", ""))).lower())})
    assert len(words) > 2000
    worker = WORKER.search((site / "index.html").read_text(encoding="utf-8"))
    assert worker
    with serve(site) as url, chromium() as browser:
        page = browser.new_page(base_url=url)
        page.goto("")
        page.add_script_tag(url=worker.group(1))  # Material's worker run in the page: it leaves lunr on window
        theirs = page.evaluate("words => words.map(w => window.lunr.stemmer(new window.lunr.Token(w)).toString())", words)
    assert [w for w, s in zip(words, theirs, strict=True) if stem(w) != s] == []


@pytest.mark.browser
def test_a_query_fetches_its_words_files_and_its_best_pages_only(built_real: Path) -> None:
    site = built_real / "site"
    head = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert head["docs"] == [] and "t-liv" in head["config"]["svkb"]["keys"]
    with serve(site) as url, chromium() as browser:
        page = browser.new_page(base_url=url)
        fetched: list[str] = []
        page.on("request", lambda r: fetched.append(r.url.removeprefix(url)) if "/search/svkb/" in r.url else None)
        page.goto("")
        page.wait_for_timeout(500)
        assert fetched == []  # nothing typed yet: nothing fetched
        type_query(page, "living wage")
        labels = page.eval_on_selector_all(".md-search-result__article h1 .svkb-result-type", "els => els.map(e => e.textContent)")
    terms = sorted(set(f for f in fetched if "/t-" in f))
    pages = set(f for f in fetched if "/d-" in f)
    wanted = {"search/svkb/" + file_key("live") + ".js", "search/svkb/" + file_key("wage") + ".js"}
    assert wanted <= set(terms)  # of 800 and more
    # A pause in typing (a loaded machine types slowly) may search "li" or "living wa" first: only files
    # for the start of a word typed so far may be fetched, never another word's.
    typed = ("living", "wage")
    assert all(any(word.startswith(f.removeprefix("search/svkb/t-").removesuffix(".js")) for word in typed) for f in terms), terms
    assert 0 < len(pages) <= 40  # 20 for the query, and any a pause in typing let a shorter query fetch
    assert labels and all(labels)  # each result still says what kind of page it is
