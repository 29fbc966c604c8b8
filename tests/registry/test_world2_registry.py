"""The second world pack (registry/data/world2.yaml): the Philippines, Thailand's deep south, the
Central African Republic, Papua, Manipur, Latin America's gangs and guerrillas and the rest load
with the other files, and their actors are found in realistic sentences without taking over the
acronyms and names other actors already have (SNA, AFP, PRC, CPC) or common given names."""

from __future__ import annotations

from collections import Counter

import pytest

from factionlens.registry import DATA_DIR, Registry, branch_force
from factionlens.registry.schema import KINDS, load_file

from .helpers import actor_ids, registry_mentions

WORLD2 = DATA_DIR / "world2.yaml"


def _ids(registry: Registry, text: str) -> set[str | None]:
    return {a for _, a in registry_mentions(registry, text)}


def test_world2_file_loads_with_unique_ids_sourced_notes_and_state_fields(
    registry: Registry,
) -> None:
    world2 = load_file(WORLD2)
    assert 35 <= len(world2) <= 60
    ids = Counter(e.id for path in sorted(DATA_DIR.glob("*.yaml")) for e in load_file(path))
    assert not [i for i, n in ids.items() if n > 1]
    for entry in world2:
        assert entry.kind in KINDS
        assert entry.note, f"{entry.id} has no note"
        assert registry.get(entry.id) is not None
        if entry.kind == "state":
            assert entry.place_like and entry.demonyms, entry.id
        # A force is part of a state, another force or an international body, never of a group.
        for rel in entry.relations:
            if entry.kind == "state_force" and rel.type == "part_of":
                assert registry.get(rel.target).kind in ("state", "state_force", "organization")
    forces = [e for e in world2 if e.kind == "state_force"]
    assert forces and all(any(r.type == "part_of" for r in e.relations) for e in forces)


def test_npa_rebels_are_an_armed_group(pipeline, registry: Registry) -> None:
    got = actor_ids(pipeline, "New People's Army rebels ambushed soldiers in Samar on Sunday.")
    assert got.get("new-peoples-army") == "armed_group"
    npa = registry.get("new-peoples-army")
    assert any(
        r.type == "part_of" and r.target == "communist-party-of-the-philippines"
        for r in npa.relations
    )


def test_the_spellings_of_sisons_name_are_one_person(registry: Registry) -> None:
    text = (
        "Jose Ma. Sison, who founded the Communist Party of the Philippines, died in Utrecht. "
        "Joma Sison had written under the name Amado Guerrero."
    )
    found = [(t, a) for t, a in registry_mentions(registry, text) if a == "jose-maria-sison"]
    assert [t for t, _ in found] == ["Jose Ma. Sison", "Joma Sison", "Amado Guerrero"]
    assert registry.get("jose-maria-sison").kind == "person"
    for name in ("Jose Maria Sison", "Joma Sison", "Jose Ma. Sison"):
        assert registry.resolve(name).actor_id == "jose-maria-sison"


def test_sna_follows_the_army_the_document_names(registry: Registry) -> None:
    somalia = (
        "Al-Shabaab fighters overran a Somali National Army (SNA) base near Baidoa. "
        "The SNA said it had retaken the base by nightfall."
    )
    assert [a for t, a in registry_mentions(registry, somalia) if t == "SNA"] == [
        "somali-national-army"
    ] * 2
    syria = (
        "The Turkish-backed Syrian National Army shelled villages near Manbij. "
        "The SNA said it was responding to attacks."
    )
    assert [a for t, a in registry_mentions(registry, syria) if t == "SNA"] == [
        "syrian-national-army"
    ]
    # Alone the acronym names neither army.
    assert registry_mentions(registry, "The SNA said it had retaken the base.") == []


def test_the_philippine_police_and_army_are_forces_of_the_state(
    pipeline, registry: Registry
) -> None:
    got = actor_ids(
        pipeline,
        "Philippine National Police officers arrested a suspected Abu Sayyaf member in "
        "Zamboanga City on Friday, police said.",
    )
    assert got.get("philippine-national-police") == "state_force"
    assert got.get("abu-sayyaf-group") == "armed_group"
    pnp = registry.get("philippine-national-police")
    assert any(r.type == "part_of" and r.target == "philippines" for r in pnp.relations)
    assert branch_force(registry, "philippines", "police").id == "philippine-national-police"
    assert branch_force(registry, "philippines", "military").id == "armed-forces-of-the-philippines"
    found = registry_mentions(
        registry, "Philippine army units and Filipino troops moved into Marawi."
    )
    assert found == [
        ("Philippine army", "armed-forces-of-the-philippines"),
        ("Filipino troops", "philippines"),
    ]


def test_afp_stays_the_news_agency_unless_the_document_introduces_the_army(
    registry: Registry,
) -> None:
    assert registry.resolve("AFP").actor_id == "afp"
    introduced = (
        "The Armed Forces of the Philippines (AFP) said the clash lasted an hour. "
        "The AFP added that no soldier was hurt."
    )
    assert _ids(registry, introduced) == {"armed-forces-of-the-philippines"}
    # An agency credit in a story that names the army in full is not the army.
    credited = (
        "Troops killed five militants in Lanao del Sur, the Armed Forces of the Philippines "
        "said, according to AFP."
    )
    assert ("AFP", "armed-forces-of-the-philippines") not in registry_mentions(registry, credited)


def test_leaders_name_the_government_they_led(registry: Registry) -> None:
    text = "The Marcos government said it would not resume talks with the rebels."
    assert registry_mentions(registry, text) == [("Marcos government", "philippines")]
    assert registry.resolve("Ferdinand Marcos Jr.").actor_id == "ferdinand-marcos-jr"
    assert registry.resolve("Bongbong Marcos").actor_id == "ferdinand-marcos-jr"
    duterte = registry.get("rodrigo-duterte")
    assert any(r.type == "leader_of" and r.target == "philippines" for r in duterte.relations)


def test_dawlah_islamiyah_is_the_philippine_branch_not_the_core_islamic_state(
    registry: Registry,
) -> None:
    text = (
        "Troops killed three Dawlah Islamiyah militants in Lanao del Sur. The group, which the "
        "US designates as ISIS-Philippines, pledged allegiance to the Islamic State."
    )
    found = registry_mentions(registry, text)
    assert ("Dawlah Islamiyah", "dawlah-islamiyah") in found
    assert ("ISIS-Philippines", "dawlah-islamiyah") in found
    assert ("Islamic State", "islamic-state") in found
    # The words are the Islamic State's own Arabic name: alone they are not given to the core.
    alone = registry_mentions(
        registry, "Dawlah Islamiyah militants clashed with troops in Lanao del Sur."
    )
    assert ("Dawlah Islamiyah", "islamic-state") not in alone
    di = registry.get("dawlah-islamiyah")
    assert any(r.type == "part_of" and r.target == "islamic-state" for r in di.relations)
    maute = registry.get("maute-group")
    assert any(r.target == "dawlah-islamiyah" and r.asserted_by for r in maute.relations)


def test_given_names_are_not_the_kurdish_and_lebanese_parties(registry: Registry) -> None:
    assert _ids(registry, "Kamala Harris spoke to reporters on Tuesday.") == set()
    assert _ids(registry, "Amal Clooney spoke to reporters on Tuesday.") == set()
    kurdish = (
        "Iranian missiles struck a camp of the Komala Party of Iranian Kurdistan near "
        "Sulaimaniya. Komala said two members were killed."
    )
    assert [a for _, a in registry_mentions(registry, kurdish)] == ["komala", "komala"]
    lebanon = "Two Amal Movement members were killed in the strike, Amal said."
    assert [a for _, a in registry_mentions(registry, lebanon)] == [
        "amal-movement",
        "amal-movement",
    ]


def test_shared_acronyms_of_the_pack_need_the_full_name(registry: Registry) -> None:
    # PRC is China's too; CPC the Communist Party of China's.
    assert registry_mentions(registry, "The PRC said it would respond.") == []
    gaza = "The Popular Resistance Committees (PRC) fired rockets. The PRC said."
    assert _ids(registry, gaza) == {"popular-resistance-committees"}
    assert "coalition-of-patriots-for-change" not in _ids(
        registry, "China's CPC Central Committee met in Beijing."
    )
    car = (
        "Fighters of the Coalition of Patriots for Change (CPC) and 3R attacked FACA positions "
        "near Bocaranga, MINUSCA said. The CPC denied it."
    )
    assert _ids(registry, car) == {
        "coalition-of-patriots-for-change",
        "3r",
        "faca",
        "minusca",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "BRN insurgents detonated a bomb in Narathiwat; the Royal Thai Army blamed the "
            "Barisan Revolusi Nasional.",
            {"barisan-revolusi-nasional", "royal-thai-army"},
        ),
        (
            "TPNPB fighters shot dead a TNI soldier in Intan Jaya, the West Papua National "
            "Liberation Army said.",
            {"tpnpb", "indonesian-national-armed-forces"},
        ),
        (
            "Remnants of the Shining Path ambushed a patrol in the VRAEM; the MPCP claimed it.",
            {"shining-path", "mpcp"},
        ),
        (
            "Los Lobos and Los Choneros inmates clashed in a Guayaquil prison.",
            {"los-lobos", "los-choneros"},
        ),
        (
            "Police said the Comando Vermelho and the Primeiro Comando da Capital fought over "
            "the route.",
            {"comando-vermelho", "primeiro-comando-da-capital"},
        ),
        (
            "PJAK fighters clashed with the IRGC near Marivan.",
            {"pjak", "irgc"},
        ),
        (
            "Arambai Tenggol members and the UNLF were blamed for the attack in Imphal.",
            {"arambai-tenggol", "unlf"},
        ),
    ],
)
def test_actors_of_the_other_theatres(registry: Registry, text: str, expected: set[str]) -> None:
    assert _ids(registry, text) == expected


def test_contested_relations_are_assertions(registry: Registry) -> None:
    for actor_id, target in [
        ("ndfp", "communist-party-of-the-philippines"),
        ("pjak", "pkk"),
        ("los-choneros", "sinaloa-cartel"),
    ]:
        rels = [r for r in registry.get(actor_id).relations if r.target == target]
        assert rels and all(r.asserted_by for r in rels), actor_id
