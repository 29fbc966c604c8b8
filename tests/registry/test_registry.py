"""The shipped registry: loading, key collisions, matching offsets, acronyms, shared words."""

from __future__ import annotations

from pathlib import Path

import pytest

from factionlens.registry import Registry, RegistryError, load_registry
from factionlens.registry.schema import KINDS, load_file

# Keys two actors may share on purpose: resolved by document context (see the aliases' notes).
ALLOWED_SHARED: set[frozenset[str]] = set()


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def test_shipped_registry_covers_the_pack(registry: Registry) -> None:
    kinds = [e.kind for e in registry.entries]
    assert set(kinds) <= KINDS
    assert kinds.count("armed_group") >= 40
    kh = registry.get("kataib-hezbollah")
    assert kh is not None and kh.kind == "armed_group"
    assert any(d.list == "FTO" for d in kh.designations)
    iri = registry.get("islamic-resistance-in-iraq")
    assert iri is not None
    # OFAC's listing of the brand as a KH alias is an assertion, not a merge.
    assert any(
        r.type == "alias_of" and r.target == "kataib-hezbollah" and r.asserted_by
        for r in iri.relations
    )
    assert registry.resolve("Islamic Resistance in Iraq").actor_id == "islamic-resistance-in-iraq"


def test_no_two_actors_share_a_key(registry: Registry) -> None:
    # Two aliases clash when the same words would match both: equal normalised keys, or one
    # skeleton key that both trust. "IS" and "US" share the skeleton "as" but short names and
    # acronyms match only on their exact key, so they do not clash.
    clashes = []
    for key, targets in registry.matcher.by_key.items():
        live = [t for t in targets if not t.alias.context]
        groups = [{t.actor_id for t in live if t.trust_skeleton}]
        groups += [{t.actor_id for t in live if t.norm == n} for n in {t.norm for t in live}]
        for owners in map(frozenset, groups):
            if len(owners) > 1 and owners not in ALLOWED_SHARED:
                clashes.append((key, sorted(owners)))
    assert not clashes, clashes


def test_lebanese_hezbollah_is_not_kataib_hezbollah(registry: Registry) -> None:
    assert registry.resolve("Hezbollah").actor_id == "lebanese-hezbollah"
    assert registry.resolve("Kataeb Hizbullah").actor_id == "kataib-hezbollah"


def test_resolve_explains_variants_and_fuzzy(registry: Registry) -> None:
    r = registry.resolve("Abu Baqer al-Saedi")
    assert r is not None and r.actor_id == "abu-baqir-al-saadi" and r.method == "variant"
    assert "Abu Baqir al-Saadi" in r.explanation
    fuzzy = registry.resolve("Kataib Hezbollahh Brigade", threshold=80)
    assert fuzzy is None or fuzzy.actor_id == "kataib-hezbollah"
    assert registry.resolve("Completely Unknown Name Here") is None


def test_mentions_map_back_to_original_offsets(registry: Registry) -> None:
    text = "Fighters of Kata\u2019ib\u00a0Hezbollah met \u201cAshab-al-Kahf\u201d and al-Nujaba on Friday."
    found = {m.actor_id: m for m in registry.find_mentions(text)}
    for actor_id, surface in [
        ("kataib-hezbollah", "Kata\u2019ib\u00a0Hezbollah"),
        ("ashab-al-kahf", "Ashab-al-Kahf"),
        ("harakat-hezbollah-al-nujaba", "al-Nujaba"),
    ]:
        m = found[actor_id]
        assert text[m.start : m.end] == surface == m.text


def test_longest_match_wins(registry: Registry) -> None:
    ms = registry.find_mentions("The IRGC Quds Force and Harakat Hezbollah al-Nujaba.")
    assert [m.actor_id for m in ms] == ["irgc-quds-force", "harakat-hezbollah-al-nujaba"]


def test_acronym_needs_an_introduction(registry: Registry) -> None:
    bare = "KH said the strike was a violation."
    assert not [m for m in registry.find_mentions(bare) if m.actor_id == "kataib-hezbollah"]
    introduced = "Kataib Hezbollah (KH) denied it. Later KH said the strike was a violation."
    ids = [m.actor_id for m in registry.find_mentions(introduced)]
    assert ids.count("kataib-hezbollah") == 3


def test_acronym_introduced_for_an_unlisted_abbreviation(registry: Registry) -> None:
    text = "Kata'ib Sayyid al-Shuhada (KSAS) met. KSAS later said it would not take part."
    ms = [m for m in registry.find_mentions(text) if m.text == "KSAS"]
    assert len(ms) == 2 and all(m.actor_id == "kataib-sayyid-al-shuhada" for m in ms)


def test_lowercase_words_are_not_acronyms(registry: Registry) -> None:
    ids = [m.actor_id for m in registry.find_mentions("Let us see what the un-named source said.")]
    assert "united-states" not in ids and "united-nations" not in ids


def test_hezbollah_alone_follows_the_document(registry: Registry) -> None:
    lebanese = registry.find_mentions("Hezbollah fired rockets from southern Lebanon.")
    assert [m.actor_id for m in lebanese] == ["lebanese-hezbollah", "lebanon"]
    iraqi = registry.find_mentions(
        "Kataib Hezbollah announced a pause. Hezbollah said its fighters would stand down."
    )
    assert [m.actor_id for m in iraqi] == ["kataib-hezbollah", "kataib-hezbollah"]


def test_generic_alias_needs_capitals_and_no_group_noun(registry: Registry) -> None:
    assert [m.actor_id for m in registry.find_mentions("a statement by the Iraqi Resistance")] == [
        "islamic-resistance-in-iraq"
    ]
    assert not registry.find_mentions("the Iraqi resistance said")
    assert not registry.find_mentions("an Iraqi Resistance Group said")


def test_arabic_script_resolves_like_latin(registry: Registry) -> None:
    ms = registry.find_mentions("أعلنت كتائب حزب الله")
    assert [m.actor_id for m in ms] == ["kataib-hezbollah"]


def test_malformed_file_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "user.yaml"
    bad.write_text("actors:\n  - id: x\n    name: X: Y\n    kind: armed_group\n")
    with pytest.raises(RegistryError, match=r"user\.yaml:3: not valid YAML"):
        load_file(bad)


def test_invalid_entry_names_line_and_problem(tmp_path: Path) -> None:
    bad = tmp_path / "user.yaml"
    bad.write_text(
        "actors:\n  - id: good-one\n    name: Good\n    kind: armed_group\n"
        "  - id: bad-one\n    name: Bad\n    kind: militia\n"
    )
    with pytest.raises(RegistryError, match=r"user\.yaml:7: kind 'militia'"):
        load_file(bad)


def test_user_overlay_adds_aliases_and_actors(tmp_path: Path) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text(
        "actors:\n"
        "  - id: kataib-hezbollah\n    name: Kata'ib Hezbollah\n    kind: armed_group\n"
        "    aliases: [{name: Brigades of the Party of God, note: my translation}]\n"
        "  - id: saraya-example-new\n    name: Saraya Example Jadida\n    kind: armed_group\n"
        "    relations: [{type: front_for, target: kataib-hezbollah, asserted_by: me}]\n"
    )
    reg = load_registry(user)
    assert reg.resolve("Brigades of the Party of God").actor_id == "kataib-hezbollah"
    assert reg.resolve("Saraya Example Jadida").actor_id == "saraya-example-new"


def test_overlay_with_unknown_relation_target_is_refused(tmp_path: Path) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text(
        "actors:\n  - id: new-group\n    name: New Group\n    kind: armed_group\n"
        "    relations: [{type: part_of, target: no-such-actor}]\n"
    )
    with pytest.raises(RegistryError, match="no-such-actor"):
        load_registry(user)


@pytest.mark.parametrize(
    "text",
    [
        "KYIV (AFP) - Russian drones struck Kharkiv overnight. AFP could not verify the toll.",
        "KABUL, Afghanistan (AP) - A bomb exploded near a mosque. AP could not verify the toll.",
    ],
)
def test_an_agency_credited_after_a_dateline_is_not_the_state_s_acronym(text: str) -> None:
    registry = load_registry(user_default=False)
    found = [(m.text, m.actor_id) for m in registry.find_mentions(text)]
    assert not [m for m in found if m[0] in ("AFP", "AP") and m[1] in ("ukraine", "afghanistan")]


@pytest.mark.parametrize(
    ("text", "army"),
    [
        ("Nigeria's military said it killed 20 militants.", "nigerian-army"),
        ("The Nigerian military said it killed 20 militants.", "nigerian-army"),
        ("Sudan's army said it repelled an attack.", "sudanese-armed-forces"),
    ],
)
def test_a_state_s_military_is_its_army_not_the_state(text: str, army: str) -> None:
    registry = load_registry(user_default=False)
    assert [m.actor_id for m in registry.find_mentions(text)] == [army]
