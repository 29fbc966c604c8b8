"""How alias matching scales: the shipped registry versus one with 100,000 synthetic aliases.

Run: ``.venv/bin/python bench/registry_scale.py [--docs 300] [--aliases 100000]``

Builds the shipped registry and a registry padded with generated actors (Arabic-looking names made
from syllables, five aliases each, a few acronyms), times the automaton build and
:meth:`Registry.find_mentions` over a few hundred news-length synthetic documents (bench/synth.py),
and prints words per second. The user registry is not loaded (``user_default=False``).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from factionlens.registry import ActorEntry, Alias, Registry, load_registry  # noqa: E402
from synth import generate  # noqa: E402

_SYLLABLES = [
    "ka",
    "ta",
    "ib",
    "sa",
    "ra",
    "ya",
    "li",
    "wa",
    "ha",
    "ra",
    "kat",
    "jay",
    "sh",
    "qu",
    "wat",
    "ash",
    "ab",
    "us",
    "bat",
    "fir",
    "qat",
    "nu",
    "ja",
    "ba",
    "ma",
    "hdi",
    "mu",
    "han",
    "dis",
    "ab",
    "bas",
    "hu",
    "sain",
    "ka",
    "dhim",
    "ri",
    "da",
    "ju",
    "bur",
    "ru",
    "sa",
    "fi",
    "dha",
    "ni",
    "ya",
    "zu",
    "hair",
    "kha",
    "lid",
]
_HEADS = ("Kata'ib", "Saraya", "Liwa", "Harakat", "Quwat", "Jaysh", "Usbat", "Tashkil", "Ashab")


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def synthetic_entries(n_aliases: int, seed: int = 1) -> list[ActorEntry]:
    """Generated armed groups, five aliases each, until ``n_aliases`` names exist."""
    rng = random.Random(seed)
    entries: list[ActorEntry] = []
    count = 0
    i = 0
    while count < n_aliases:
        words = [_word(rng) for _ in range(rng.randint(1, 3))]
        head = rng.choice(_HEADS)
        name = f"{head} {' '.join(words)}"
        aliases = [
            Alias(f"{head} al-{' al-'.join(words)}"),
            Alias(f"{rng.choice(_HEADS)} {' '.join(words)}"),
            Alias(f"{' '.join(words)} Brigades"),
            Alias(f"{name} in Iraq"),
        ]
        if i % 10 == 0:
            aliases[-1] = Alias("".join(w[0] for w in [head, *words]).upper() + "X")  # acronyms
        entries.append(
            ActorEntry(id=f"synthetic-{i}", name=name, kind="armed_group", aliases=aliases)
        )
        count += 1 + len(aliases)
        i += 1
    return entries


def measure(registry: Registry, texts: list[str], label: str) -> None:
    t0 = time.perf_counter()
    matcher = registry.matcher
    build = time.perf_counter() - t0
    words = sum(len(t.split()) for t in texts)
    # Best of two passes: the first also fills the tokeniser's per-word caches.
    scan = float("inf")
    for _ in range(2):
        t0 = time.perf_counter()
        mentions = sum(len(registry.find_mentions(t)) for t in texts)
        scan = min(scan, time.perf_counter() - t0)
    names = sum(1 + len(e.aliases) for e in registry)
    print(
        f"{label:<28} actors {len(registry):>7,}  names {names:>8,}  keys {len(matcher):>8,}  "
        f"build {build:6.2f} s  find_mentions {scan:6.2f} s  {words / scan:>9,.0f} words/s  "
        f"({mentions:,} mentions in {len(texts)} docs, {words:,} words)"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--aliases", type=int, default=100_000)
    args = ap.parse_args()
    texts = [text for _, text in generate(args.docs, seed=3)]
    shipped = load_registry(user_default=False)
    measure(Registry(shipped.entries), texts, "shipped registry")
    padded = Registry([*shipped.entries, *synthetic_entries(args.aliases)])
    measure(padded, texts, f"+{args.aliases:,} synthetic names")


if __name__ == "__main__":
    main()
