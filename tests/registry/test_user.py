"""The user registry: recorded, reversible edits that overlay the shipped registry."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from factionlens.registry import RegistryError, load_registry, user_registry_path
from factionlens.registry.user import EditError, Editor, UserFile


@pytest.fixture()
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FACTIONLENS_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("USER", "analyst")
    return tmp_path / "home"


def test_default_path_follows_factionlens_home(home: Path) -> None:
    assert user_registry_path() == home / "registry.yaml"


def test_load_registry_picks_up_the_default_user_file_only_when_present(home: Path) -> None:
    assert load_registry().resolve("Saraya Awliya al-Dam Jadida") is None
    Editor().add("saraya-jadida", "Saraya Awliya al-Dam Jadida", "armed_group")
    assert load_registry().resolve("Saraya Awliya al-Dam Jadida").actor_id == "saraya-jadida"
    shipped = load_registry(user_default=False)
    assert shipped.get("saraya-jadida") is None


def test_add_records_who_when_why_and_undo_removes_it(home: Path) -> None:
    ed = Editor()
    change = ed.add(
        "saraya-jadida",
        "Saraya Awliya al-Dam Jadida",
        "armed_group",
        aliases=["Sarayat Awliya al-Dam al-Jadida"],
        why="claimed a drone attack on Telegram",
    )
    assert change["who"] == "analyst" and change["why"] == "claimed a drone attack on Telegram"
    assert change["when"].endswith("Z")
    reg = load_registry()
    assert reg.get("saraya-jadida").kind == "armed_group"
    assert reg.resolve("Sarayat Awliya al-Dam al-Jadida").actor_id == "saraya-jadida"

    Editor().undo(why="added by mistake")
    assert load_registry().get("saraya-jadida") is None
    log = Editor().history()
    assert [c["op"] for c in log] == ["add", "undo"]
    assert log[0]["undone_by"] == log[1]["id"]


def test_alias_collision_is_refused_naming_both_actors(home: Path) -> None:
    with pytest.raises(EditError) as exc:
        Editor().alias("kataib-hezbollah", "Asa'ib Ahl al-Haq")
    msg = str(exc.value)
    assert "asaib-ahl-al-haq" in msg and "kataib-hezbollah" in msg and "--force" in msg
    assert not user_registry_path().exists()


def test_forced_alias_is_context_only_and_recorded(home: Path) -> None:
    change = Editor().alias("kataib-hezbollah", "Asaib Ahl al-Haq", force=True, why="test")
    assert change["collision"] == ["asaib-ahl-al-haq"]
    reg = load_registry()
    alias = next(a for a in reg.get("kataib-hezbollah").aliases if a.name == "Asaib Ahl al-Haq")
    assert alias.context
    # Alone the name keeps its actor; in a text about Kata'ib Hezbollah it names that group.
    assert reg.resolve("Asaib Ahl al-Haq").actor_id == "asaib-ahl-al-haq"
    alone = "Asaib Ahl al-Haq held a rally in Baghdad."
    assert [m.actor_id for m in reg.find_mentions(alone)] == ["asaib-ahl-al-haq"]


def test_unknown_actor_names_it_with_close_matches(home: Path) -> None:
    with pytest.raises(EditError, match=r"unknown actor id 'kataib-hezbolah'.*kataib-hezbollah"):
        Editor().alias("kataib-hezbolah", "Some New Name")


def test_link_and_unlink_of_a_shipped_relation(home: Path) -> None:
    shipped = load_registry(user_default=False).get("kataib-hezbollah")
    assert any(r.type == "part_of" for r in shipped.relations)
    target = next(r.target for r in shipped.relations if r.type == "part_of")
    Editor().unlink("kataib-hezbollah", "part_of", target, why="checking")
    assert not any(r.type == "part_of" for r in load_registry().get("kataib-hezbollah").relations)
    # The shipped file is untouched; the retraction lives in the user file.
    data = yaml.safe_load(user_registry_path().read_text())
    entry = next(e for e in data["actors"] if e["id"] == "kataib-hezbollah")
    assert entry["drop_relations"] == [{"type": "part_of", "target": target}]
    Editor().undo()
    assert any(r.type == "part_of" for r in load_registry().get("kataib-hezbollah").relations)

    Editor().add("saraya-jadida", "Saraya Awliya al-Dam Jadida", "armed_group")
    Editor().link(
        "saraya-jadida", "front_for", "kataib-hezbollah", asserted_by="an analyst", since="2023-10"
    )
    rel = load_registry().get("saraya-jadida").relations[0]
    assert (rel.type, rel.target, rel.asserted_by, rel.since) == (
        "front_for",
        "kataib-hezbollah",
        "an analyst",
        "2023-10",
    )
    with pytest.raises(EditError, match="already"):
        Editor().link("saraya-jadida", "front_for", "kataib-hezbollah")
    with pytest.raises(EditError, match="not one of"):
        Editor().link("saraya-jadida", "sponsors", "kataib-hezbollah")
    with pytest.raises(EditError, match="YYYY"):
        Editor().link("saraya-jadida", "allied_with", "asaib-ahl-al-haq", since="last year")


def test_merge_redirects_names_and_keeps_the_entry(home: Path) -> None:
    Editor().add("saraya-jadida", "Saraya Awliya al-Dam Jadida", "armed_group")
    Editor().merge("saraya-jadida", "kataib-hezbollah", why="same statements")
    reg = load_registry()
    assert reg.resolve("Saraya Awliya al-Dam Jadida").actor_id == "kataib-hezbollah"
    assert reg.get("saraya-jadida") is not None  # never deleted
    found = reg.find_mentions("Saraya Awliya al-Dam Jadida claimed the attack.")
    assert [m.actor_id for m in found] == ["kataib-hezbollah"]
    with pytest.raises(EditError, match="merged into 'kataib-hezbollah'"):
        Editor().alias("saraya-jadida", "Another Name Here")
    with pytest.raises(EditError, match="kind"):
        Editor().merge("kataib-hezbollah", "united-states")
    Editor().undo()
    assert load_registry().resolve("Saraya Awliya al-Dam Jadida").actor_id == "saraya-jadida"


def test_split_moves_a_shipped_alias_to_a_new_actor(home: Path) -> None:
    alias = "Hizballah Brigades-Iraq of the Islamic Resistance in Iraq"
    assert load_registry().resolve(alias).actor_id == "kataib-hezbollah"
    Editor().split("kataib-hezbollah", alias, "kh-iri-brand", why="an umbrella brand")
    reg = load_registry()
    assert reg.resolve(alias).actor_id == "kh-iri-brand"
    assert reg.get("kh-iri-brand").kind == "armed_group"
    assert reg.resolve("Kataib Hezbollah").actor_id == "kataib-hezbollah"
    with pytest.raises(EditError, match="canonical name"):
        Editor().split("kataib-hezbollah", "Kata'ib Hezbollah", "x-y")
    Editor().undo()
    assert load_registry().resolve(alias).actor_id == "kataib-hezbollah"
    assert load_registry().get("kh-iri-brand") is None


def test_undo_several_in_reverse_order(home: Path) -> None:
    Editor().add("saraya-jadida", "Saraya Awliya al-Dam Jadida", "armed_group")
    Editor().alias("saraya-jadida", "Saraya al-Jadida al-Ula")
    Editor().alias("saraya-jadida", "سرايا اولياء الدم الجديدة")
    assert load_registry().get("saraya-jadida").aliases[-1].script == "Arabic"
    Editor().undo(2)
    assert load_registry().get("saraya-jadida").aliases == []
    with pytest.raises(EditError, match="only 1"):
        Editor().undo(5)


def test_export_import_round_trip(home: Path, tmp_path: Path) -> None:
    Editor().add("saraya-jadida", "Saraya Awliya al-Dam Jadida", "armed_group", ["SAD Jadida"])
    Editor().alias("kataib-hezbollah", "Brigades of the Party of God", note="translation")
    exported = tmp_path / "mine.yaml"
    exported.write_text(Editor().export())

    other = tmp_path / "colleague" / "registry.yaml"
    Editor(other).import_file(exported, why="shared")
    mine, theirs = UserFile.open(user_registry_path()), UserFile.open(other)
    assert theirs.actors == mine.actors
    reg = load_registry(other)
    assert reg.resolve("Brigades of the Party of God").actor_id == "kataib-hezbollah"
    # The colleague's own undo reverses the import, not the imported history.
    Editor(other).undo()
    assert UserFile.open(other).actors == []


def test_malformed_user_file_names_file_and_line(home: Path) -> None:
    path = user_registry_path()
    path.parent.mkdir(parents=True)
    path.write_text("actors:\n  - id: x-y\n    name: X\n    kind: militia\n")
    with pytest.raises(RegistryError, match=r"registry\.yaml:4: kind 'militia'"):
        Editor()
    with pytest.raises(RegistryError, match=r"registry\.yaml:4"):
        load_registry()
    path.write_text("actors: []\nchanges: nonsense\n")
    with pytest.raises(RegistryError, match=r"registry\.yaml:2: 'changes'"):
        Editor()


def test_bad_ids_and_kinds_are_refused(home: Path) -> None:
    with pytest.raises(EditError, match="slug"):
        Editor().add("Saraya Jadida", "Saraya Jadida", "armed_group")
    with pytest.raises(EditError, match="kind 'militia'"):
        Editor().add("saraya-jadida", "Saraya Jadida", "militia")
    with pytest.raises(EditError, match="exists already"):
        Editor().add("kataib-hezbollah", "Kata'ib Hezbollah", "armed_group")
