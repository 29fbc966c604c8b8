"""The world pack (registry/data/world.yaml): it loads with the rest, and its actors are found in
realistic sentences from Somalia/Kenya, the Sahel and Myanmar without breaking shared acronyms."""

from __future__ import annotations

from collections import Counter

from factionlens.registry import DATA_DIR, Registry
from factionlens.registry.schema import KINDS, load_file

from .helpers import actor_ids, registry_mentions

WORLD = DATA_DIR / "world.yaml"


def test_world_file_loads_with_unique_ids_and_sourced_notes(registry: Registry) -> None:
    world = load_file(WORLD)
    assert len(world) >= 80
    ids = Counter(e.id for path in sorted(DATA_DIR.glob("*.yaml")) for e in load_file(path))
    assert not [i for i, n in ids.items() if n > 1]
    for entry in world:
        assert entry.kind in KINDS
        assert entry.note, f"{entry.id} has no note"
        assert registry.get(entry.id) is not None
    kinds = Counter(e.kind for e in world)
    assert kinds["armed_group"] >= 40 and kinds["state"] >= 25
    # A force is part of a state, another force or an international body, never of a group.
    for entry in world:
        for rel in entry.relations:
            if entry.kind == "state_force" and rel.type == "part_of":
                owner = registry.get(rel.target)
                assert owner.kind in ("state", "state_force", "organization"), entry.id


def test_al_shabaab_and_the_kdf_in_a_kenyan_report(pipeline, registry: Registry) -> None:
    got = actor_ids(
        pipeline,
        "Al-Shabaab fighters attacked a Kenya Defence Forces base in Lamu County on Saturday, "
        "police said. The KDF said three attackers were killed.",
    )
    assert got.get("al-shabaab") == "armed_group"
    assert got.get("kenya-defence-forces") == "state_force"
    kdf = registry.get("kenya-defence-forces")
    assert any(r.type == "part_of" and r.target == "kenya" for r in kdf.relations)


def test_jnim_and_fama_in_a_sahel_report(pipeline) -> None:
    got = actor_ids(
        pipeline,
        "JNIM militants ambushed a FAMa convoy between Boni and Douentza on Tuesday, "
        "killing at least twelve soldiers, security sources said.",
    )
    assert got.get("jnim") == "armed_group"
    assert got.get("malian-armed-forces") == "state_force"


def test_the_arakan_army_is_an_armed_group_not_a_state_force(pipeline, registry: Registry) -> None:
    got = actor_ids(
        pipeline,
        "The Arakan Army said on Monday it had captured the last military base in Maungdaw "
        "after months of fighting with the Myanmar military.",
    )
    assert got.get("arakan-army") == "armed_group"
    assert got.get("myanmar-armed-forces") == "state_force"
    assert registry.get("arakan-army").kind == "armed_group"


def test_shared_acronyms_need_an_introduction(registry: Registry) -> None:
    # PDF, RSF and ADF name other things too: alone they name no actor of the pack.
    assert registry_mentions(registry, "The report was released as a PDF on Monday.") == []
    assert registry_mentions(registry, "RSF condemned the arrest of two reporters.") == []
    introduced = "The Rapid Support Forces (RSF) shelled El Fasher. The RSF denied it."
    assert [a for _, a in registry_mentions(registry, introduced)] == ["rapid-support-forces"] * 3
    # Unshared acronyms resolve on their own.
    assert [a for _, a in registry_mentions(registry, "ISWAP and JNIM are separate groups.")] == [
        "iswap",
        "jnim",
    ]


def test_adf_follows_the_group_the_document_names(registry: Registry) -> None:
    congo = (
        "ADF rebels killed 40 villagers near Beni. The Allied Democratic Forces did not comment."
    )
    assert {a for _, a in registry_mentions(registry, congo)} == {"allied-democratic-forces"}
    cameroon = "The Ambazonia Defence Forces (ADF) burned a school. The ADF later denied it."
    assert {a for _, a in registry_mentions(registry, cameroon)} == {"ambazonia-defence-forces"}


def test_al_shabaab_in_mozambique_is_the_local_insurgency(registry: Registry) -> None:
    somali = registry_mentions(registry, "Al-Shabaab fighters stormed a hotel in Mogadishu.")
    assert somali == [("Al-Shabaab", "al-shabaab")]
    mozambique = registry_mentions(
        registry,
        "Ahlu Sunnah Wa-Jamo insurgents, known locally as al-Shabaab, raided Macomia.",
    )
    assert [a for _, a in mozambique] == ["islamic-state-mozambique-province"] * 2


def test_province_names_are_not_the_core_islamic_state(registry: Registry) -> None:
    text = "Fighters of the Islamic State West Africa Province attacked a base near Lake Chad."
    assert ("Islamic State West Africa Province", "iswap") in registry_mentions(registry, text)
    iswap = registry.get("iswap")
    assert any(r.type == "part_of" and r.target == "islamic-state" for r in iswap.relations)


def test_contested_support_is_an_assertion(registry: Registry) -> None:
    m23 = registry.get("m23")
    backing = [r for r in m23.relations if r.target == "rwanda"]
    assert backing and all(r.asserted_by for r in backing)


def test_a_demonym_spelled_like_another_states_name_is_not_that_state(registry: Registry) -> None:
    # "Chadian troops" shares a consonant skeleton with the generated "Sudan troops"
    found = registry_mentions(registry, "Chadian troops attacked Boko Haram positions on Monday.")
    assert ("Chadian troops", "sudan") not in found
    assert ("Boko Haram", "boko-haram") in found
    # a transliteration of a generated phrase still meets it
    assert [
        a for _, a in registry_mentions(registry, "The regime of Asad kept up its attacks.")
    ] == ["syria"]


def test_an_unambiguous_acronym_is_not_given_to_the_country_named_before_it(
    registry: Registry,
) -> None:
    # the matcher catches the country inside "Troops of the Democratic Republic of Congo"; the
    # acronym in brackets still names the army the registry lists it for
    found = registry_mentions(
        registry, "Troops of the Democratic Republic of Congo (FARDC) fought near Goma."
    )
    assert ("FARDC", "fardc") in found
    found = registry_mentions(
        registry, "The Armed Forces of the Democratic Republic of Congo fought."
    )
    assert [a for _, a in found] == ["fardc"]
