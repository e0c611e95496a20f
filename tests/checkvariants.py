"""Texts to paste into the clause checker: every clause filled, reworded and truncated, and unrelated prose."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from generator.clausedoc import copy_text, document_for
from generator.model import Catalog, Clause

REPLACEMENTS = ("contractor", "promptly", "council", "reasonable", "annual", "written", "relevant", "agreed", "prior", "full")
LOREM = (
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. "
    "Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure "
    "dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur."
)
OFFICE_PROSE = (
    "The library on the corner of the high street will close for refurbishment from the first of March. During the works the "
    "mobile library will visit the car park every Tuesday and Friday morning, and books can be returned to any other branch in "
    "the county. The café will stay open, and the council will publish the date of reopening on its website once the builders "
    "have confirmed the programme."
)
TENDER_PROSE = (
    "The Authority requires a supplier to provide grounds maintenance for its parks and open spaces, including grass cutting, "
    "shrub bed maintenance, litter picking and the emptying of bins. The contract will run for three years with an option to "
    "extend for two further years. Bidders shall submit their prices in the pricing schedule and shall not alter the "
    "specification. The Supplier shall provide all labour, plant and materials needed to carry out the services."
)


@dataclass(frozen=True)
class Variant:
    """A text to paste and the clause and version it came from ("" when it comes from none)."""

    kind: str
    text: str
    clause: str = ""
    version: str = ""


def filled_text(clause: Clause) -> str:
    """The clause with its sample values, as a copy of a real tender would read."""
    return copy_text(document_for(clause.body, clause.variables, clause.sample))


def reworded(text: str, rng: random.Random, changes: int = 4, deletions: int = 2) -> str:
    """A few words replaced and a few deleted, as an editor of a tender would."""
    words = text.split(" ")
    for _ in range(changes):
        i = rng.randrange(len(words))
        words[i] = rng.choice(REPLACEMENTS) + ("," if words[i].endswith(",") else "")
    for _ in range(deletions):
        del words[rng.randrange(len(words))]
    return " ".join(words)


def truncated(text: str, share: float = 0.6, start: float = 0.0) -> str:
    """About ``share`` of the text's words, from ``start`` (a share of its length)."""
    words = text.split(" ")
    first = int(len(words) * start)
    return " ".join(words[first:first + max(1, int(len(words) * share))])


def clause_variants(catalog: Catalog, seed: int = 17) -> list[Variant]:
    """For every clause: filled, reworded, truncated from the start and the end, and all three at once."""
    out = []
    for clause in catalog.clauses:
        rng = random.Random(f"{seed}-{clause.id}")
        filled = filled_text(clause)
        for kind, text in (
            ("filled", filled),
            ("reworded", reworded(filled, rng)),
            ("truncated start", truncated(filled)),
            ("truncated end", truncated(filled, start=0.4)),
            ("reworded and truncated", truncated(reworded(filled, rng), start=0.2)),
        ):
            out.append(Variant(kind, text, clause.id, clause.version))
    return out


def hard_variants(catalog: Catalog, seed: int = 17) -> list[Variant]:
    """Harder pastes: one word in ten changed, hard line breaks and plain quotes (from a PDF), the
    longest sentence alone, a quarter of the text, and the clause between other contract text."""
    out = []
    for clause in catalog.clauses:
        rng = random.Random(f"{seed}-hard-{clause.id}")
        filled = filled_text(clause)
        count = len(filled.split())
        for kind, text in (
            ("one word in ten changed", reworded(filled, rng, changes=count // 10, deletions=count // 20)),
            ("hard line breaks, plain quotes", re.sub(r"((?:\S+ ){9}\S+) ", "\\1\n", filled.replace("\u2019", "'"))),
            ("longest sentence", max(re.split(r"(?<=\.) ", filled), key=len)),
            ("quarter", truncated(filled, 0.25, 0.3)),
            ("in context", f"Schedule 4: Social value. 4.1 {filled} 4.2 The Contractor shall comply with all applicable laws."),
        ):
            out.append(Variant(kind, text, clause.id, clause.version))
    return out


def guidance_paragraphs(root: Path, count: int = 12) -> list[str]:
    """Long plain paragraphs of guidance pages: prose about social value that is not clause text."""
    paragraphs = []
    for path in sorted((root / "content/guidance").glob("*.md")):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        for block in body.split("\n\n"):
            block = re.sub(r"\[\^[^\]]+\]", "", block).strip()
            if len(block.split()) >= 40 and not block.startswith(("#", "|", "-", "!", "<", ">", "[")):
                paragraphs.append(" ".join(block.split()))
    return paragraphs[:: max(1, len(paragraphs) // count)][:count]


def unrelated_variants(root: Path) -> list[Variant]:
    """Text that must never be reported as a clause."""
    texts = [("lorem", LOREM), ("office prose", OFFICE_PROSE), ("other tender", TENDER_PROSE)]
    texts += [("guidance", p) for p in guidance_paragraphs(root)]
    return [Variant(kind, text) for kind, text in texts]
