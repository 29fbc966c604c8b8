"""Counts in event text: fatalities ("at least 12", "dozens", "1,000s") and aggregates.

Hand-written because the forms are few and ACLED's conventions are specific: vague counts are
coded low (ACLED's own rule: "tens" is 10, "dozens" 12, "hundreds" 100; beyond it, "several" is
the literal minimum 3 and "scores" 20), a bound ("at least",
"more than") keeps its number, and a range keeps its lower end.
"""

from __future__ import annotations

import re

UNITS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
VAGUE = {
    "tens": 10,
    "several": 3,
    "few": 2,
    "dozen": 12,
    "dozens": 12,
    "scores": 20,
    "hundred": 100,
    "hundreds": 100,
    "thousand": 1000,
    "thousands": 1000,
}
_SCALE = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_DIGITS = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(s)?$")


def word_value(word: str) -> int | None:
    """The value of one number token: "12", "1,000", "1,000s", "twelve", "twenty-five", "dozens"."""
    w = word.casefold().strip(".")
    m = _DIGITS.match(w)
    if m:
        return int(m.group(1).replace(",", ""))
    if w in UNITS:
        return UNITS[w]
    if w in VAGUE:
        return VAGUE[w]
    if "-" in w:
        parts = w.split("-")
        if len(parts) == 2 and parts[0] in UNITS and parts[1] in UNITS:
            return UNITS[parts[0]] + UNITS[parts[1]]
    return None


def phrase_value(words: list[str]) -> int | None:
    """The lowest count a phrase guarantees: ["at", "least", "12"] -> 12, ["two", "hundred"] -> 200."""
    total: int | None = None
    words = " ".join(words).replace(" - ", "-").split()  # the tokenizer splits "twenty-five"
    for w in words:
        lw = w.casefold()
        if lw in _SCALE and total is not None:
            total *= _SCALE[lw]
            continue
        v = word_value(w)
        if v is None:
            continue
        if total is None:
            total = v
        elif lw in ("to", "and"):
            continue
        else:
            break  # "10 to 12": keep the lower end
    return total
