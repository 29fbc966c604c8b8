"""Title-case detection and sentence casing of headlines."""

from __future__ import annotations

from factionlens.casing import sentence_cased, title_case


def test_title_case_lines_are_told_apart_from_sentences_and_name_lists():
    assert title_case("Turkish Army Kills 26 Fighters Of PKK In Northern Iraq")
    assert title_case("Suicide Bomber Kills 12 at Funeral in Diyala")
    assert not title_case("Suicide bomber kills 12 at funeral in Diyala")
    assert not title_case("Kataib Hezbollah, Asaib Ahl al-Haq, Harakat Hezbollah al-Nujaba")
    assert not title_case("Iraq Says")


def test_sentence_casing_keeps_names_places_and_offsets():
    places = {"Diyala", "Tal Afar"}
    text = "Car Bomb Kills Five In Tal Afar Market Near Diyala On Friday"
    out = sentence_cased(text, keep=[], is_place=places.__contains__)
    assert len(out) == len(text)
    assert out == "Car bomb kills five in Tal Afar market near Diyala on Friday"
    mention = "Popular Mobilization Forces Seize Depot"
    kept = sentence_cased(mention, keep=[(0, 27)], is_place=places.__contains__)
    assert kept.startswith("Popular Mobilization forces seize")  # common words lowered anyway
    # an unknown name after a locative preposition stays: it is most likely a place
    assert sentence_cased("Gunmen Attack Convoy Near Menaka", is_place=places.__contains__) == (
        "Gunmen attack convoy near Menaka"
    )
