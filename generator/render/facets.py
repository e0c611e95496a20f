"""Filter facets for index pages: which values occur, with counts, and each card's values."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from generator.model import Taxonomy

# (URL parameter, label, vocabulary, how to read an item's values)
Facet = tuple[str, str, str, Callable[[Any], Iterable[str]]]


def facet_options(taxonomy: Taxonomy, facets: Sequence[Facet], items: Sequence[Any]) -> list[dict[str, object]]:
    """Each facet with the options that occur among ``items``, in vocabulary order, with counts."""
    result = []
    for param, label, vocab, read in facets:
        counts = Counter(value for item in items for value in set(read(item)))
        options = [(term, counts[term.id]) for term in taxonomy.terms(vocab) if counts[term.id]]
        result.append({"param": param, "label": label, "options": options})
    return result


def facet_values(facets: Sequence[Facet], item: Any) -> dict[str, str]:
    """Space-separated values of each facet, for a card's data attributes."""
    return {param: " ".join(read(item)) for param, _, _, read in facets}
