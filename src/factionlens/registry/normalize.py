"""Name keys that survive every spelling: folding, tokens with offsets, transliteration skeletons.

Two keys are computed for a name, and the same functions compute them for running text, so a name
and its occurrence in a document always agree:

- the *normalised* key (:func:`norm_token`): script folded to ASCII with anyascii, case folded,
  apostrophes and diacritics dropped, Arabic articles (``al-``, ``el-``, ``Al``, ``ash-Sh...``) removed,
  a detached ``Allah`` glued to the word before it ("Ansar Allah" = "Ansarullah");
- the *skeleton* key (:func:`skeleton`): the normalised key with the alternations of Arabic
  transliteration collapsed (every vowel run is one ``a``; q/k, kh/k, sh/s, dh/th/z/d, w and y between
  vowels, doubled letters, a final ``h`` after a vowel). "Kata'ib", "Kataib", "Kataeb" and
  "Katayib" all become ``katab``; "Hezbollah", "Hizballah" and "Hizbullah" become ``hazbala``.

The alternations are written out here by hand because no installed library knows Arabic-to-Latin
transliteration conventions (anyascii folds script, it does not unify spellings). Keys are computed
per token and joined with single spaces; :func:`tokenize` keeps each token's character offsets so a
match on keys maps back to ``Document.text``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from anyascii import anyascii

# A token: a dotted acronym (U.S., U.N.) or a run of letters/digits with inner apostrophes.
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:['\u2019\u02bc\u2018`\u00b4][^\W_]+)*")
_POSSESSIVE = re.compile(r"['\u2019\u02bc]s$", re.IGNORECASE)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")

# Articles written as separate tokens ("al-Sadr", "Al Mayadeen", "el-Mahdi", "ul-Haq").
ARTICLES = frozenset({"al", "el", "ul", "il"})
# Assimilated articles are only articles before their own consonant: "ash-Shuhada", "an-Nujaba".
_SUN_ARTICLES = {
    "as": "s",
    "ash": "sh",
    "ad": "d",
    "adh": "dh",
    "ar": "r",
    "at": "t",
    "ath": "th",
    "az": "z",
    "an": "n",
    "es": "s",
    "ed": "d",
    "er": "r",
    "et": "t",
    "en": "n",
    "ez": "z",
}
_ALLAH = frozenset({"allah", "ullah", "illah", "allh", "llh"})

# Arabic letters that are spelled several ways in Arabic script itself.
_ARABIC_FOLD = str.maketrans(
    {
        "\u0623": "\u0627",  # alef with hamza above
        "\u0625": "\u0627",  # alef with hamza below
        "\u0622": "\u0627",  # alef with madda
        "\u0671": "\u0627",  # alef wasla
        "\u0649": "\u064a",  # alef maksura -> ya
        "\u0629": "\u0647",  # ta marbuta -> ha
        "\u0640": None,  # tatweel
    }
)

# Two-letter spellings of one sound, replaced left to right before single letters.
_DIGRAPHS = {
    "sh": "s",
    "ch": "s",
    "kh": "k",
    "gh": "g",
    "ph": "f",
    "dh": "d",
    "th": "d",
    "ck": "k",
    "dj": "j",
}
_LETTERS = {"q": "k", "z": "d", "c": "k", "x": "ks"}
_VOWELS = frozenset("aeiou")

# Skeleton matching is only trusted for names long enough not to collide with ordinary words
# ("Iran" would match "Iron"; "Ali" would match "Ola"). Shorter names must match exactly.
MIN_SKELETON_LETTERS = 6


def fold(text: str) -> str:
    """Script-fold ``text`` to lowercase ASCII (Arabic spelling variants unified first)."""
    text = unicodedata.normalize("NFKC", text).translate(_ARABIC_FOLD)
    return anyascii(text).casefold()


# Words repeat across documents (Zipf): the per-word keys are cached, which makes tokenising a
# document about twice as fast. Both functions are pure, so caching changes no result.
@lru_cache(maxsize=1 << 18)
def norm_token(raw: str) -> str:
    """The normalised form of one token: ASCII, lowercase, letters and digits only."""
    text = raw
    if "isation" in text.lower():
        text = re.sub("isation", "ization", text, flags=re.IGNORECASE)
    return _NON_ALNUM.sub("", fold(text))


@lru_cache(maxsize=1 << 18)
def skeleton(token: str) -> str:
    """The transliteration skeleton of one normalised token (see the module docstring)."""
    out: list[str] = []
    i = 0
    n = len(token)
    while i < n:
        two = token[i : i + 2]
        if two in _DIGRAPHS:
            ch = _DIGRAPHS[two]
            i += 2
        else:
            c = token[i]
            i += 1
            if c in "wy" and out:
                # w/y after a vowel or before one is a glide: "Awliya" = "Oliya", "Katayib" = "Kataib".
                prev_vowel = out[-1] == "a"
                next_vowel = i < n and token[i] in _VOWELS
                ch = "a" if (prev_vowel or next_vowel) else c
            else:
                ch = "a" if c in _VOWELS else _LETTERS.get(c, c)
        for part in ch:
            if out and out[-1] == part:
                continue  # vowel runs and doubled letters collapse
            out.append(part)
    if len(out) > 2 and out[-1] == "h" and out[-2] == "a":
        out.pop()  # "Thaniyah" = "Thaniya", "Allah" = "Alla"
    return "".join(out)


@dataclass(frozen=True)
class Token:
    """One word of a text: its span, an extended start that covers dropped articles, its keys."""

    start: int
    end: int
    ext_start: int
    norm: str
    skel: str


def _raw_tokens(text: str) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        word = m.group()
        pm = _POSSESSIVE.search(word)
        if pm and pm.start() >= 2:
            end = start + pm.start()
            word = word[: pm.start()]
        out.append((start, end, word))
    return out


def tokenize(text: str) -> list[Token]:
    """Tokens of ``text`` with their keys; articles dropped, a detached "Allah" glued on."""
    raw = _raw_tokens(text)
    tokens: list[Token] = []
    pending_article: int | None = None
    for idx, (start, end, word) in enumerate(raw):
        norm = norm_token(word)
        if not norm:
            continue
        if _is_article(text, raw, idx, norm):
            if pending_article is None:
                pending_article = start
            continue
        ext = pending_article if pending_article is not None else start
        pending_article = None
        if norm in _ALLAH and tokens and _adjacent(text, tokens[-1].end, start):
            prev = tokens.pop()
            merged = prev.norm + "allah"
            tokens.append(Token(prev.start, end, prev.ext_start, merged, skeleton(merged)))
            continue
        tokens.append(Token(start, end, ext, norm, skeleton(norm)))
    return tokens


def _adjacent(text: str, prev_end: int, start: int) -> bool:
    gap = text[prev_end:start]
    return len(gap) <= 2 and all(c in " -'\u2019\u00a0" for c in gap)


def _is_article(text: str, raw: list[tuple[int, int, str]], idx: int, norm: str) -> bool:
    if idx + 1 >= len(raw):
        return False
    start, end, _ = raw[idx]
    nxt_start = raw[idx + 1][0]
    gap = text[end:nxt_start]
    if norm in ARTICLES:
        # "al-Sadr", "Al Mayadeen", "al Sadr"; not "Al" at the end of a line before a new sentence.
        return gap in ("-", " ", "\u00a0", "\u2010", "\u2011")
    consonant = _SUN_ARTICLES.get(norm)
    if consonant and gap in ("-", "\u2010", "\u2011"):
        return norm_token(raw[idx + 1][2]).startswith(consonant)
    return False


def text_keys(tokens: list[Token]) -> tuple[str, str]:
    """The normalised and skeleton keys of a token sequence."""
    return " ".join(t.norm for t in tokens), " ".join(t.skel for t in tokens)


def name_key(name: str) -> str:
    """The normalised key of a whole name ("Kata'ib Hezbollah" -> "kataib hezbollah")."""
    return " ".join(t.norm for t in tokenize(name))


def skeleton_key(name: str) -> str:
    """The skeleton key of a whole name ("Kata'ib Hezbollah" -> "katab hazbala")."""
    return " ".join(t.skel for t in tokenize(name))


def letters(key: str) -> int:
    return sum(c.isalpha() for c in key)


def variant_keys(name: str, limit: int = 64) -> set[str]:
    """Skeleton keys of ``name`` under the ways an article is written: dropped ("Abu Fadl"), glued
    to the word before ("Abul-Fadl", "Dhul-Fiqar"), to the word after ("Alhashimi") or to both
    ("Abolfazl", "Zulfiqar"). The first key is the plain skeleton key."""
    raw = _raw_tokens(name)
    words: list[str] = []
    article_after: list[bool] = []  # article_after[i]: an article sits between word i and i+1
    for idx, (_start, _end, word) in enumerate(raw):
        norm = norm_token(word)
        if not norm:
            continue
        if _is_article(name, raw, idx, norm):
            if words:
                article_after[-1] = True
            continue
        if norm in _ALLAH and words:
            words[-1] += "allah"
            continue
        words.append(norm)
        article_after.append(False)
    if not words:
        return set()
    slots = [i for i, flag in enumerate(article_after) if flag and i + 1 < len(words)]
    keys: set[str] = set()
    for choice in product(("drop", "left", "right", "both"), repeat=len(slots)):
        parts = list(words)
        joins: set[int] = set()
        for slot, how in zip(slots, choice, strict=True):
            left = parts[slot]
            art = "l" if left[-1] in _VOWELS else "ul"
            if how == "left":
                parts[slot] = left + art
            elif how == "right":
                parts[slot + 1] = "al" + parts[slot + 1]
            elif how == "both":
                parts[slot + 1] = left + art + parts[slot + 1]
                joins.add(slot)
        merged = [p for i, p in enumerate(parts) if i not in joins]
        keys.add(" ".join(skeleton(p) for p in merged))
        if len(keys) >= limit:
            break
    return keys


def slug(text: str) -> str:
    """A lowercase ASCII slug for ids: "Kata'ib Hezbollah" -> "kataib-hezbollah"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text).replace("'", "")).strip("-")
