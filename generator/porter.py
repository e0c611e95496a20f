"""Lunr's Porter stemmer and word filters in Python, so the split search index (`searchindex`) is
built from exactly the terms the browser's lunr makes of a query.

A line-by-line port of `lunr.stemmer`, `lunr.trimmer` and `lunr.stopWordFilter` (lunr 2.3.9, as
bundled in Material's search worker). It differs from other Porter stemmers: "pay" stays "pay"
(lunr turns a final y into i only after a consonant). `tests/test_search_split.py` checks it
against lunr itself, word by word, on every word of the built site.
"""

from __future__ import annotations

import re
from functools import lru_cache

STOP_WORDS = frozenset(
    "a able about across after all almost also am among an and any are as at be because been but by can cannot "
    "could dear did do does either else ever every for from get got had has have he her hers him his how however "
    "i if in into is it its just least let like likely may me might most must my neither no nor not of off often "
    "on only or other our own rather said say says she should since so some than that the their them then there "
    "these they this tis to too twas us wants was we were what when where which while who whom why will with "
    "would yet you your".split()
)

_STEP2 = {"ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize", "bli": "ble",
          "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize", "ation": "ate",
          "ator": "ate", "alism": "al", "iveness": "ive", "fulness": "ful", "ousness": "ous", "aliti": "al",
          "iviti": "ive", "biliti": "ble", "logi": "log"}
_STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": ""}
_c, _v = "[^aeiou]", "[aeiouy]"
_C, _V = _c + "[^aeiouy]*", _v + "[aeiou]*"
_MGR0 = re.compile("^(" + _C + ")?" + _V + _C)
_MEQ1 = re.compile("^(" + _C + ")?" + _V + _C + "(" + _V + ")?$")
_MGR1 = re.compile("^(" + _C + ")?" + _V + _C + _V + _C)
_S_V = re.compile("^(" + _C + ")?" + _v)
_1A, _1A2 = re.compile(r"^(.+?)(ss|i)es$"), re.compile(r"^(.+?)([^s])s$")
_1B, _1B2 = re.compile(r"^(.+?)eed$"), re.compile(r"^(.+?)(ed|ing)$")
_LAST = re.compile(r".$")
_1B_AT = re.compile(r"(at|bl|iz)$")
_1B_DOUBLE = re.compile(r"([^aeiouylsz])\1$")
_CVC = re.compile("^" + _C + _v + "[^aeiouwxy]$")
_1C = re.compile(r"^(.+?[^aeiou])y$")
_2 = re.compile("^(.+?)(" + "|".join(_STEP2) + ")$")
_3 = re.compile("^(.+?)(" + "|".join(_STEP3) + ")$")
_4 = re.compile(r"^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$")
_4B = re.compile(r"^(.+?)(s|t)(ion)$")
_5 = re.compile(r"^(.+?)e$")
_5LL = re.compile(r"ll$")
_TRIM_START, _TRIM_END = re.compile(r"^\W+", re.ASCII), re.compile(r"\W+$", re.ASCII)


def _step1(w: str) -> str:
    if m := _1A.match(w):
        w = m.group(1) + m.group(2)
    elif m := _1A2.match(w):
        w = m.group(1) + m.group(2)
    if m := _1B.match(w):
        if _MGR0.search(m.group(1)):
            w = _LAST.sub("", w, count=1)
    elif (m := _1B2.match(w)) and _S_V.search(m.group(1)):
        w = m.group(1)
        if _1B_AT.search(w) or (not _1B_DOUBLE.search(w) and _CVC.search(w)):
            w += "e"
        elif _1B_DOUBLE.search(w):
            w = _LAST.sub("", w, count=1)
    if m := _1C.match(w):
        w = m.group(1) + "i"
    return w


def _steps2to5(w: str) -> str:
    if (m := _2.match(w)) and _MGR0.search(m.group(1)):
        w = m.group(1) + _STEP2[m.group(2)]
    if (m := _3.match(w)) and _MGR0.search(m.group(1)):
        w = m.group(1) + _STEP3[m.group(2)]
    if m := _4.match(w):
        if _MGR1.search(m.group(1)):
            w = m.group(1)
    elif (m := _4B.match(w)) and _MGR1.search(m.group(1) + m.group(2)):
        w = m.group(1) + m.group(2)
    if m := _5.match(w):
        stem = m.group(1)
        if _MGR1.search(stem) or (_MEQ1.search(stem) and not _CVC.search(stem)):
            w = stem
    if _5LL.search(w) and _MGR1.search(w):
        w = _LAST.sub("", w, count=1)
    return w


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """`lunr.stemmer` of one word."""
    if len(word) < 3:
        return word
    first = word[0]
    if first == "y":
        word = "Y" + word[1:]
    word = _steps2to5(_step1(word))
    return "y" + word[1:] if first == "y" else word


def trim(word: str) -> str:
    """`lunr.trimmer`: non-word characters (ASCII sense, as in JavaScript) off both ends."""
    return _TRIM_END.sub("", _TRIM_START.sub("", word, count=1), count=1)
