"""Title-case headlines: telling them apart and reading them in sentence case.

"Turkish Army Kills 26 Fighters Of PKK In Northern Iraq" capitalises every word, so spaCy's small
English model tags most of it as proper nouns and its named-entity recogniser finds names in
"Strike Kills". The actors stage does not take new names from such a line, and the events stage
parses it again with its common words in lower case. Hand-written because no installed library
restores case offline (truecasers need a trained model or a corpus to download).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from spacy.lang.en.stop_words import STOP_WORDS

from factionlens.events import lexicon as lx

# Words a headline capitalises that are not names: the event vocabulary, function words and the
# nouns and directions headlines use around them.
COMMON_WORDS = frozenset(
    set(lx.VERBS) | set(lx.NOUNS) | set(lx.PERFORM_FORMS) | set(lx.HAPPEN_FORMS)
    | set(lx.DEATH_NOUNS) | set(lx.PLACE_NOUNS) | set(STOP_WORDS)
    | {"dead", "killed", "wounded", "injured", "hurt", "people", "civilians", "fighters",
       "militants", "soldiers", "troops", "forces", "police", "policemen", "gunmen", "jihadists",
       "rebels", "insurgents", "members", "children", "women", "men", "least", "dozens",
       "scores", "hundreds", "leader", "commander", "official", "officials", "north", "south",
       "east", "west", "northern", "southern", "eastern", "western", "central", "near",
       "outside", "says", "say", "said", "claims", "claim", "new", "two", "three", "four",
       "five", "six", "seven", "eight", "nine", "ten", "car", "suicide", "roadside", "air",
       "drone", "rocket", "rockets", "mortar", "mortars", "bomber", "bombers", "town",
       "village", "city", "area", "province", "district", "border", "camp", "base", "army",
       "military", "security", "report", "reports", "update", "responsibility", "market",
       "funeral", "convoy", "checkpoint", "prayers", "rally", "rallies", "march", "marches",
       "building", "council", "mosque", "hospital", "school", "road", "highway", "bridge",
       "street", "square", "protesters", "demonstrators", "supporters", "residents", "weekly"}
)  # fmt: skip

_LOCATIVE = frozenset(["in", "near", "at", "outside", "from", "into", "across", "around", "of"])
_CALENDAR = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
     "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"]
)  # fmt: skip
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def title_case(text: str) -> bool:
    """``text`` is one line written in title case: four or more words, nearly all capitalised
    after the first, among them a common word (a list of names is not a title-case line)."""
    words = [w for w in _WORD.findall(text) if len(w) > 1][1:]
    # short function words may stay lower case ("Bomber Kills 12 at Funeral in Diyala")
    words = [w for w in words if not (w.islower() and w in STOP_WORDS and len(w) <= 4)]
    if len(words) < 4:
        return False
    capital = [w for w in words if w[0].isupper() and not w.isupper()]
    return len(capital) >= 0.8 * len(words) and any(w.lower() in COMMON_WORDS for w in capital)


def sentence_cased(
    text: str, keep: Iterable[tuple[int, int]] = (), is_place: Callable[[str], bool] | None = None
) -> str:
    """``text`` with its capitalised words lowered as a sentence writes them.

    The first word stays, and so do words inside the ``keep`` spans (actor mentions), words of a
    place ``is_place`` knows (alone or with a capitalised neighbour: "Tal Afar") and names after a
    locative preposition ("Near Menaka"); common words are lowered everywhere ("Kills" is not the
    town Khalis). Without ``is_place`` only common words are lowered. Same length as ``text``, so offsets still point into the original.
    """
    spans = list(keep)
    words = list(_WORD.finditer(text))
    chars = list(text)

    def named(i: int) -> bool:
        if any(s <= words[i].start() < e for s, e in spans):
            return True
        if is_place is None:
            return True
        if is_place(words[i].group()):
            return True
        pairs = [(a, b) for a, b in ((i - 1, i), (i, i + 1)) if a >= 0 and b < len(words)]
        return any(
            words[a].group()[0].isupper()
            and words[b].group()[0].isupper()
            and is_place(text[words[a].start() : words[b].end()])
            for a, b in pairs
        )

    after_prep = False  # in a run of names after "in", "near", "at": "Near Menaka" stays
    for i, m in enumerate(words):
        word = m.group()
        low = word.lower()
        if i == 0 or len(word) < 2 or not word[0].isupper() or word.isupper():
            after_prep = low in _LOCATIVE or (after_prep and word[0].isupper())
            continue
        if low in COMMON_WORDS:
            chars[m.start()] = word[0].lower()
            after_prep = low in _LOCATIVE
            continue
        if not (after_prep or low in _CALENDAR or named(i)):
            chars[m.start()] = word[0].lower()
    return "".join(chars)
