"""Event coding over real spaCy parses of realistic sentences, with hand-made actor mentions."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest

from factionlens.events import extract_events
from factionlens.events.numbers import phrase_value, word_value
from factionlens.model import Actor, Document, Event, Mention
from factionlens.nlp import sentences
from factionlens.pipeline import Context

ACTORS = {
    "Kataib Hezbollah": ("kh", "armed_group"),
    "Kata'ib Hezbollah": ("kh", "armed_group"),
    "Asaib Ahl al-Haq": ("aah", "armed_group"),
    "US": ("us", "state"),
    "Washington": ("us", "state"),
    "CENTCOM": ("centcom", "state_force"),
    "Abu Baqir al-Saadi": ("saadi", "person"),
    "Popular Mobilization Forces": ("pmf", "state_force"),
    "Reuters": ("reuters", "media"),
}


@pytest.fixture(scope="module")
def ctx() -> Context:
    return Context()


@pytest.fixture(scope="module")
def code(ctx):
    """Parse ``text`` once and code its events, with every ACTORS name as a resolved mention."""

    def run(text: str) -> list[Event]:
        doc = Document(source="test.txt", raw=text, text=text, id="dtest")
        doc = sentences(doc, ctx)
        seen: dict[str, Actor] = {}
        for surface, (aid, kind) in ACTORS.items():
            for m in re.finditer(r"\b" + re.escape(surface) + r"\b", text):
                doc.mentions.append(Mention(m.start(), m.end(), surface, aid))
                seen.setdefault(aid, Actor(aid, surface, kind))
        doc.actors = list(seen.values())
        return extract_events(doc)

    return run


def _dated(ctx: Context, text: str, published: str) -> list[Event]:
    """Code ``text`` as a document published on ``published`` (no actor mentions)."""
    doc = Document(source="t.txt", raw=text, text=text, published=published, id="dated")
    return extract_events(sentences(doc, ctx))


def one(events: list[Event]) -> Event:
    assert len(events) == 1, [(e.type, e.trigger, e.sentence) for e in events]
    return events[0]


def roles(e: Event, role: str) -> set[str]:
    return {a.actor_id for a in e.actors if a.role == role}


@pytest.mark.parametrize(
    ("text", "acled"),
    [
        ("Rockets hit a base hosting US troops in Anbar on Tuesday.",
         ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
        ("A roadside bomb struck a logistics convoy near Fallujah on Monday.",
         ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        ("A drone attack targeted Harir air base last week.",
         ("Explosions/Remote violence", "Air/drone strike")),
        ("Gunmen kidnapped a journalist in Basra on Sunday.",
         ("Violence against civilians", "Abduction/forced disappearance")),
        ("Militants clashed with army troops near Tikrit overnight.",
         ("Battles", "Armed clash")),
        ("Police arrested five men in Basra on Tuesday.", ("Strategic developments", "Arrests")),
        ("Hundreds of people protested in Baghdad on Friday.", ("Protests", "Peaceful protest")),
        ("The two groups signed a ceasefire agreement in Erbil on Monday.",
         ("Strategic developments", "Agreement")),
        ("Air defences intercepted a drone over Erbil airport on Thursday.",
         ("Strategic developments", "Disrupted weapons use")),
    ],
)  # fmt: skip
def test_trigger_typing(code, text, acled):
    e = one(code(text))
    assert (e.acled_event_type, e.acled_sub_event_type) == acled


@pytest.mark.parametrize(
    ("text", "type_", "plover"),
    [
        ("Kataib Hezbollah claimed responsibility for the attack.", "claim_of_responsibility", None),
        ("Asaib Ahl al-Haq denied any role in the attack.", "denial", "REJECT"),
        ("Asaib Ahl al-Haq accused Washington of violating Iraqi sovereignty.", "accusation",
         "ACCUSE"),
        ("Kataib Hezbollah warned US forces of a direct confrontation.", "threat", "THREATEN"),
    ],
)  # fmt: skip
def test_verbal_events_have_no_acled_type(code, text, type_, plover):
    e = one(code(text))
    assert (e.type, e.plover, e.acled_event_type, e.acled_sub_event_type) == (
        type_,
        plover,
        None,
        None,
    )


def test_threat_has_speaker_as_agent_and_addressee_as_target(code):
    e = one(code("Kataib Hezbollah warned Washington of a direct confrontation."))
    assert roles(e, "agent") == {"kh"} and roles(e, "target") == {"us"}


def test_passive_agent_and_target(code):
    e = one(code("Abu Baqir al-Saadi was killed in a US airstrike in Baghdad on Wednesday night."))
    assert e.acled_sub_event_type == "Air/drone strike"
    assert roles(e, "agent") == {"us"}
    assert roles(e, "target") == {"saadi"}
    assert e.fatalities == 1
    assert e.date_text == "Wednesday night"
    assert e.place_text == "in Baghdad"


def test_by_agent_in_passive(code):
    e = one(code("Two fighters of Kataib Hezbollah were killed by a US drone strike near Al-Qaim."))
    assert roles(e, "agent") == {"us"} and "kh" in roles(e, "target")
    assert e.fatalities == 2
    assert e.place_text == "near Al-Qaim"


def test_apposition_makes_the_group_a_target(code):
    e = one(code("A US strike killed Kataib Hezbollah commander Abu Baqir al-Saadi in Baghdad."))
    assert roles(e, "target") == {"kh", "saadi"}
    assert roles(e, "agent") == {"us"}


@pytest.mark.parametrize(
    ("text", "deaths"),
    [
        ("Suicide car bomber kills at least 12 in Iraq", 12),
        ("Militants killed dozens of villagers near Mosul on Sunday.", 12),
        ("Three soldiers were killed in an ambush near Kirkuk on Monday.", 3),
        ("Gunmen killed twenty-five people in Diyala on Friday.", 25),
    ],
)
def test_fatalities(code, text, deaths):
    assert one(code(text)).fatalities == deaths


def test_headline_type_and_place(code):
    e = one(code("Suicide car bomber kills at least 12 in Iraq"))
    assert e.acled_sub_event_type == "Suicide bomb" and e.place_text == "in Iraq"


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["1,000s"], 1000),
        (["dozens"], 12),
        (["several"], 3),
        (["at", "least", "12"], 12),
        (["more", "than", "150"], 150),
        (["10", "to", "12"], 10),
        (["two", "hundred"], 200),
        (["twenty-five"], 25),
        (["none"], None),
    ],
)
def test_count_words(words, value):
    assert phrase_value(words) == value


def test_word_value_rejects_non_numbers():
    assert word_value("attacks") is None


def test_aggregate_is_recorded_with_its_period(code):
    e = one(code("In 2022, the groups carried out 102 attacks against US troops in Iraq."))
    assert e.aggregate == {"count": 102, "unit": "attacks", "period": "2022"}
    assert e.fatalities is None
    assert roles(e, "target") == {"us"}


def test_attribution_and_hedge(code):
    e = one(code("According to Reuters, militants reportedly attacked a checkpoint in Kirkuk."))
    assert e.attribution == "Reuters"
    assert e.certainty == "reported"
    assert roles(e, "source") == {"reuters"}


def test_said_attributes_and_claimed_hedges(code):
    said = one(code("CENTCOM said its forces struck a weapons depot in Jurf al-Sakhar on Monday."))
    assert said.attribution == "CENTCOM" and said.certainty == "reported"
    claimed = one(code("Kataib Hezbollah claimed that it attacked Ain al-Asad air base on Monday."))
    assert claimed.certainty == "claimed"


def test_framing_is_recorded_and_never_changes_the_coding(code):
    neutral = one(code("A US airstrike killed three fighters of Kataib Hezbollah in Baghdad."))
    loaded = one(
        code("A criminal US airstrike killed three martyrs of Kataib Hezbollah in Baghdad.")
    )
    assert loaded.framing == ["criminal", "martyrs"]
    assert neutral.framing == []
    for field in ("type", "acled_event_type", "acled_sub_event_type", "plover", "fatalities"):
        assert getattr(neutral, field) == getattr(loaded, field), field
    assert neutral.actors == loaded.actors


@pytest.mark.parametrize(
    "text",
    [
        "Kataib Hezbollah will attack US bases if they do not leave Iraq.",
        "The group did not attack the base.",
        "The Resistance intends to carry out attacks against the occupiers.",
        "Such attacks are a crime against the Iraqi people.",
        "Kataib Hezbollah regularly threatens US forces.",
        "If they launch strikes, the resistance will respond.",
        "The analyst said the groups are capable of organising large-scale operations.",
    ],
)
def test_opinions_plans_and_conditionals_are_not_events(code, text):
    assert code(text) == []


def test_bad_input_gives_no_event_and_says_why(code, caplog):
    caplog.set_level(logging.DEBUG, logger="factionlens.events")
    assert code("Attack on US base, Baghdad, 2024.") == []
    assert code("MILITIA ATTACKS US BASE IN IRAQ, KILLING THREE SOLDIERS") == []
    table = "\n".join(f"2024-01-{d:02d} | Baghdad | attack | killed | {d}" for d in range(1, 25))
    assert code(table) == []
    assert "all-caps" in caplog.text
    assert "table" in caplog.text or "no verb" in caplog.text


def test_a_five_thousand_token_sentence_is_refused(code, caplog):
    caplog.set_level(logging.DEBUG, logger="factionlens.events")
    text = "Militants attacked the base and killed soldiers " + ", and ".join(
        ["gunmen attacked the town"] * 1200
    )
    assert code(text) == []
    assert "too long" in caplog.text


def test_two_reports_of_one_killing_in_a_document_are_one_event(code):
    events = code(
        "A US airstrike killed Abu Baqir al-Saadi in Baghdad on Wednesday. "
        "The killing of Abu Baqir al-Saadi on Wednesday angered his supporters."
    )
    assert len([e for e in events if e.type == "violent"]) == 1


def test_event_ids_are_stable_and_spans_point_into_the_text(code):
    text = "Kataib Hezbollah fighters attacked a US convoy near Baghdad airport on Monday."
    first, second = one(code(text)), one(code(text))
    assert first.id == second.id
    assert text[first.start : first.end] == first.sentence
    assert first.place_text == "near Baghdad airport"


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def test_seed_recall_floor(shared_dir, pipeline):
    """Gold events of the seed documents are found (span overlap), whatever the coding."""
    gold = json.loads((shared_dir / "gold" / "seeds.json").read_text(encoding="utf-8"))
    found = total = 0
    for g in gold:
        doc = pipeline(Document(source=g["doc"], raw=(shared_dir / g["doc"]).read_text()))
        flat = re.sub(r"\s+", " ", doc.text)
        starts = [m.start() for m in re.finditer(r"\S", doc.text)]
        squeezed = re.sub(r"\s+", "", doc.text)
        for ge in g["events"]:
            if ge.get("optional"):
                continue
            total += 1
            needle = re.sub(r"\s+", "", ge["evidence"])
            k = squeezed.find(needle)
            assert k >= 0, f"gold evidence not in cleaned text: {ge['evidence'][:50]!r}"
            span = (starts[k], starts[k + len(needle) - 1] + 1)
            found += any(_overlap(span, (e.start, e.end)) for e in doc.events)
        del flat
    assert total and found / total >= 0.6, f"event recall {found}/{total}"


# ---------------------------------------------------------------- rule classes added with the eval


@pytest.mark.parametrize(
    ("text", "deaths"),
    [
        ("Suicide bomber kills five in Baghdad shrine neighborhood", 5),  # a second object
        ("The prime minister condemned the killing of a paramilitary leader on Monday.", 1),
        ("Militants killed tens of villagers near Mosul on Sunday.", 10),  # ACLED: tens is 10
    ],
)
def test_stated_number_is_counted_once(code, text, deaths):
    events = [e for e in code(text) if e.type == "violent"]
    assert len(events) == 1 and events[0].fatalities == deaths


def test_possessive_pronoun_names_the_clause_subject(code):
    e = one(
        code(
            "According to the statement, Washington understands only force, evident in its "
            "recent attacks targeting the Popular Mobilization Forces in al-Qaim."
        )
    )
    assert roles(e, "agent") == {"us"} and roles(e, "target") == {"pmf"}
    assert e.place_text == "in al-Qaim"


def test_victims_detached_by_a_stray_comma_are_targets(code):
    e = one(
        code(
            "In the early hours of 5 March 2021, , Abu Baqir al-Saadi, commander of a brigade, "
            "and his companions were assassinated in a drone strike near Baghdad airport."
        )
    )
    assert "saadi" in roles(e, "target")


def test_a_verbal_event_needs_an_identified_speaker(code):
    assert code("Resistance groups in the region threatened the United States on Monday.") == []
    assert one(code("Kataib Hezbollah threatened Washington on Monday.")).type == "threat"


def test_a_statement_and_its_threat_by_one_speaker_are_one_event(code):
    text = (
        "Kataib Hezbollah conveyed this message in an official statement released on Wednesday. "
        "Asaib Ahl al-Haq denied any role in the attack. "
        "Kataib Hezbollah has warned Washington of a direct confrontation."
    )
    events = code(text)
    kh = [e for e in events if roles(e, "agent") == {"kh"}]
    assert len(kh) == 1 and len(events) == 2  # the other speaker's denial stays apart
    assert kh[0].type == "threat" and kh[0].date_text == "Wednesday"
    assert text[kh[0].start : kh[0].end].startswith("Kataib Hezbollah conveyed")


def test_the_dated_report_of_an_event_is_kept(code):
    text = (
        "The assassination of Abu Baqir al-Saadi in Baghdad angered his supporters. "
        "Several factions commented on the killing of Abu Baqir al-Saadi on Wednesday night."
    )
    e = one(code(text))
    assert e.date_text == "Wednesday night" and e.place_text == "in Baghdad"
    assert e.start > text.index("Several")


def test_one_day_written_two_ways_is_one_event(code):
    events = code(
        "A US airstrike killed Abu Baqir al-Saadi on 7 February 2024. "
        "The killing of Abu Baqir al-Saadi on February 7, 2024 angered his supporters."
    )
    assert len(events) == 1


def test_the_report_naming_the_weapon_codes_the_merged_event(code):
    events = code(
        "Several factions commented on the killing of Abu Baqir al-Saadi on Wednesday night. "
        "US forces conducted a drone strike in Baghdad, killing Abu Baqir al-Saadi."
    )
    e = one(events)
    assert (e.acled_event_type, e.acled_sub_event_type) == (
        "Explosions/Remote violence",
        "Air/drone strike",
    )
    assert e.date_text and e.date_text.startswith("Wednesday")


def test_an_assassination_of_a_fighter_is_not_a_battle(code):
    e = one(code("The US assassinated a Kataib Hezbollah commander in Baghdad on Monday."))
    assert e.acled_event_type == "Explosions/Remote violence"


def test_a_coordinated_verb_shares_its_subject(code):
    events = code(
        "Asaib Ahl al-Haq condemned the arrests of its members on Monday and denied any role in "
        "the attack."
    )
    denial = [e for e in events if e.type == "denial"]
    assert len(denial) == 1 and roles(denial[0], "agent") == {"aah"}


# ---------------------------------------------------------------- places, scenes, crowds, weapons


def _coded(pipeline, text: str) -> Document:
    return pipeline(Document(source="test.txt", raw="Published 3 March 2024\n\n" + text))


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Kataib Hezbollah fighters held military exercises on the border with Syria on Monday.",
         "on the border with Syria"),
        ("Gunmen attacked a checkpoint north of Baqubah on Tuesday, killing two soldiers.",
         "north of Baqubah"),
        ("Iraqi forces clashed with militants in parts of Diyala on Monday.", "in Diyala"),
        ("Clashes broke out on the outskirts of Mosul on Monday.", "near Mosul"),
        ("A drone attack hit Harir air base on Sunday.", "at Harir air base"),
        ("The Popular Mobilization Forces deployed reinforcements to Sinjar on Friday.",
         "to Sinjar"),
        ("A car bomb killed five people in the Syrian town of Azaz, near the Turkish border.",
         "in Azaz"),
        ("Gunmen killed three shepherds in Diyala province on Wednesday.",
         "in Diyala province"),
        ("Police arrested two men in the Hawija district on Monday.", "in the Hawija district"),
        ("A crowd beat a young man to death in the main market of Zubair on Tuesday.",
         "in Zubair"),
        ("Islamic State fighters seized the town of Saraqib in Idlib province on Monday.",
         "in Saraqib in Idlib province"),
        ("Syrian government forces regained control of the coastal city of Jableh on Saturday.",
         "in Jableh"),
        # the town first, with the region said beside it (which maps a town the gazetteer lacks)
        ("US forces struck a drone site near Al Qaim, in Iraq's Anbar province, on Monday.",
         "near Al Qaim, in Iraq's Anbar province"),
        # the named part of a town is the place; the town after "of" puts it on the map
        ("Hundreds of protesters marched through the Crater district of Aden on Saturday.",
         "through the Crater district of Aden"),
        # "the village of X" names a place outright, over the district named after it
        ("Militiamen burned three homes in the village of Maabatli, in Afrin district, on "
         "Friday.", "in Maabatli, in Afrin district"),
        # where the victims live, when nothing else places it
        ("Gunmen attacked residents of the Solino neighbourhood of Port-au-Prince on Sunday.",
         "in the Solino neighbourhood of Port-au-Prince"),
        # a town before the district or state it is in; a district before its province
        ("Gunmen abducted four farmers near Dalori, in Konduga district, on Sunday.",
         "near Dalori, in Konduga district"),
        ("Gunmen killed two traders near Bungudu, in Zamfara State, on Tuesday.",
         "near Bungudu, in Zamfara State"),
        ("In the northern province of Kirkuk, two policemen were killed on Monday in an attack "
         "in Dibis district.", "in Dibis district"),
        # what one takes control of is a place, whatever the NER calls its name
        ("Islamic State fighters took control of Um Kadada, the capital of the locality, on "
         "Thursday.", "in Um Kadada, the capital of the locality"),
        ("Government troops regained control of Kamianka (Polohy, Zaporizhzhia) on Friday.",
         "in Kamianka (Polohy, Zaporizhzhia)"),
        ("Kataib Hezbollah fighters seized the township of Kyauktaw on Monday.", "in Kyauktaw"),
        # a phrase after a comma, hung apart by the parser, describes the place before it
        ("In Kawangware, on the outskirts of Nairobi, police fired live rounds at protesters "
         "on Tuesday, killing two.", "in Kawangware"),
        ("Over Brovary, east of Kyiv, air defence units shot down several drones overnight.",
         "over Brovary, east of Kyiv"),
        # the place of what led to the event comes after the event's own
        ("Security forces arrested two journalists in Zakho on Monday after they covered "
         "protests in the Badinan area.", "in Zakho"),
        ("After videos circulated of attacks on Syrian refugees in Kayseri, angry protesters "
         "attacked Turkish lorries on Monday in the border town of Jarablus.", "in Jarablus"),
        # a town naming a building, however deep in its name
        ("Protesters hurled stones and petrol bombs at the Basra provincial council building "
         "on Sunday night.", "at the Basra provincial council building"),
        ("Hundreds of teachers gathered in front of the Kirkuk governorate building on Sunday "
         "to protest unpaid salaries.",
         "in the Kirkuk governorate building"),
        ("Militiamen and army troops clashed in and around Debre Markos on Sunday.",
         "in Debre Markos"),
        ("ISIS militants attacked an army checkpoint near Wadi al-Shay on Monday.",
         "near Wadi al-Shay"),
    ],
)  # fmt: skip
def test_place_phrases(code, text, place):
    assert one(code(text)).place_text == place


def _first_violent(pipeline, text: str) -> Event:
    violent = [e for e in _coded(pipeline, text).events if e.acled_event_type]
    assert violent and violent[0].location, text
    return violent[0]


def _places(pipeline, text: str) -> list[str]:
    return [e.location.name for e in _coded(pipeline, text).events if e.location]


def test_a_place_the_parser_hangs_on_another_clause_is_still_the_place(pipeline):
    e = _first_violent(
        pipeline,
        "A mob stoned to death a man accused of blasphemy in a market in Sokoto on Sunday, "
        "police said.",
    )
    assert e.location.name == "Sokoto"
    assert e.date == "2024-03-03"  # "on Sunday" hangs there too; published Sunday
    # where it was said is not where it happened
    doc = _coded(
        pipeline,
        "Two soldiers were killed by a roadside bomb on Sunday, the ministry said in a statement "
        "issued in Baghdad.",
    )
    violent = [e for e in doc.events if e.acled_event_type]
    assert violent and violent[0].location is None, [(e.trigger, e.location) for e in doc.events]
    text = "Hundreds of protesters marched through the centre of Qamishli on Monday."
    assert _places(pipeline, text) == ["Qamishli"]
    # the port of a town is the town
    text = "Israeli aircraft struck navy ships moored in the port of Tartus on Monday."
    assert _places(pipeline, text) == ["Tartus"]


def test_a_town_the_ner_calls_a_people_is_a_place_when_the_gazetteer_knows_it(pipeline):
    # the NER tags "Omdurman" NORP here; the world gazetteer knows the town
    e = _first_violent(
        pipeline,
        "Artillery shells fired from RSF positions landed in a busy market in Omdurman on "
        "Sunday, killing at least 15 people.",
    )
    assert e.location.name == "Omdurman"
    doc = _coded(pipeline, "Kurdish fighters clashed with Turkish troops in Syrian villages.")
    assert all(e.location is None for e in doc.events)  # peoples are no places


def test_a_dateline_places_what_its_sentences_do_not(pipeline):
    doc = _coded(
        pipeline,
        "BASRA, July 20 (Gulf Desk) - Riot police fired tear gas on Wednesday to disperse "
        "protesters. Later, the provincial council said it would hold an emergency session.",
    )
    placed = {e.type: e.location.name if e.location else None for e in doc.events}
    assert placed.get("protest") == "Basra", placed
    assert all(name is None for kind, name in placed.items() if kind == "statement"), placed
    # a place its own sentence names wins over the dateline
    doc = _coded(pipeline, "BAGHDAD, Feb 13 (Newswire) - A drone strike hit a car near "
                 "Jurf al-Sakhar on Monday.")  # fmt: skip
    assert [e.location.name for e in doc.events if e.location] == ["Jurf al-Sakhar"]
    # the agencies' "Town (Country) (Agency) - " form
    doc = _coded(pipeline, "Nasiriyah (Iraq) (AFP) - Police arrested 14 people on Friday "
                 "evening, officials said.")  # fmt: skip
    assert [e.location.name for e in doc.events if e.location] == ["Nasiriyah"]


def test_the_border_with_a_country_is_a_border_area(pipeline):
    doc = _coded(pipeline, "Kataib Hezbollah held military exercises on the border with Syria "
                 "on Monday.")  # fmt: skip
    loc = one(doc.events).location
    assert (loc.name, loc.country, loc.precision) == ("Iraq-Syria border", "Iraq", 3)


@pytest.mark.parametrize(
    ("text", "acled"),
    [
        ("Clashes broke out between tribesmen and police in Amarah on Monday.",
         ("Battles", "Armed clash")),
        ("A roadside bomb exploded near a patrol in Tarmiyah on Sunday.",
         ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        ("The attack took place near Balad air base on Sunday.",  # "air base" is no airstrike
         ("Explosions/Remote violence", None)),
    ],
)  # fmt: skip
def test_events_that_happen_and_bombs_that_explode(code, text, acled):
    e = one(code(text))
    assert (e.acled_event_type, e.acled_sub_event_type) == acled


def test_a_crowd_at_the_scene_of_an_attack_is_where_and_when_the_attack_was(pipeline):
    doc = _coded(
        pipeline,
        "A US drone strike killed a Kataib Hezbollah commander in Baghdad on Wednesday night.\n\n"
        "Hundreds of Iraqis gathered at the scene of the strike chanting slogans against the US.",
    )
    strike, protest = sorted(doc.events, key=lambda e: e.start)
    assert protest.acled_event_type == "Protests"
    assert strike.date == protest.date == "2024-02-28"
    assert strike.location.name == protest.location.name == "Baghdad"
    crowd = [a.actor_id for a in protest.actors if a.role == "agent"]
    assert crowd == ["protesters-iraq"]
    actor = next(a for a in doc.actors if a.id == "protesters-iraq")
    assert (actor.name, actor.kind, actor.candidate) == ("Protesters (Iraq)", "organization", False)
    assert actor.aliases == ["Protesters"]  # the name without its country, as many coders write it


@pytest.mark.parametrize(
    "text",
    [
        "Shells fired by the militia killed 14 people at a camp in El Fasher, Sudan on Wednesday.",
        "Gunmen abducted four children near Kassala, Sudan on Wednesday.",
        "Police arrested 19 men in raids in Port Sudan on Wednesday.",
        "Fighters torched about 40 houses in a village near Kassala, Sudan on Wednesday.",
        "A village chief was shot dead outside his home near Kassala, Sudan on Wednesday.",
    ],
)
def test_unnamed_civilian_victims_are_civilians_of_the_events_country(pipeline, text):
    e = one(_coded(pipeline, text).events)
    assert "civilians-sudan" in roles(e, "target")
    actor = next(a for a in _coded(pipeline, text).actors if a.id == "civilians-sudan")
    assert (actor.name, actor.aliases) == ("Civilians (Sudan)", ["Civilians"])


@pytest.mark.parametrize(
    "text",
    [
        "A village chief was shot dead outside his home in Dolores on Saturday.",
        "A motorbike rider was shot dead in Buea on Thursday.",
        "Gunmen shot dead a school principal in Kumbo on Monday.",
    ],
)
def test_shooting_someone_who_is_no_fighter_is_violence_against_civilians(pipeline, text):
    e = one(_coded(pipeline, text).events)
    assert (e.acled_event_type, e.acled_sub_event_type) == ("Violence against civilians", "Attack")


def test_a_battles_dead_and_a_protest_crowd_are_no_civilian_victims(pipeline):
    doc = _coded(pipeline, "Two people were killed in clashes between RSF and army troops in "
                           "El Fasher, Sudan on Wednesday.")  # fmt: skip
    assert not any(a.id.startswith("civilians-") for a in doc.actors)
    doc = _coded(pipeline, "Police wounded 12 protesters in Port Sudan on Wednesday.")
    assert not any(a.id.startswith("civilians-") for a in doc.actors)


def test_unnamed_police_are_of_the_country_their_paragraph_was_in(pipeline):
    doc = _coded(
        pipeline,
        "A bomb hit a bus near Garissa, Kenya, on Saturday, killing four people. Police blamed "
        "al-Shabaab.\n\nIn Somalia, fighting went on in Middle Shabelle, Lower Shabelle, Hiran, "
        "Mogadishu and Kismayo.",
    )
    blamed = next(e for e in doc.events if e.trigger == "blamed")
    police = [a for a in doc.actors if a.id in roles(blamed, "agent")]
    assert [a.name for a in police] == ["National Police Service of Kenya"]


def test_a_place_the_gazetteer_lacks_leaves_the_forces_to_the_paragraphs_country(pipeline):
    doc = _coded(
        pipeline,
        "Shops stayed shut in Kumbo on Monday. On Tuesday, soldiers and separatist fighters "
        "exchanged gunfire for two hours in the Tobin neighbourhood.",
    )
    clash = next(e for e in doc.events if e.trigger == "exchanged")
    assert roles(clash, "agent") & {"cameroon-armed-forces"}


def test_an_event_of_the_past_decade_is_history(pipeline):
    doc = _coded(pipeline, "An analyst said the bombings were deadlier than the mass-casualty "
                           "raids of the past decade in Kenya.")  # fmt: skip
    assert not [e for e in doc.events if e.trigger == "raids"]


@pytest.mark.parametrize(
    ("text", "trigger", "acled"),
    [
        ("On 24 February, heavy clashes between the ENDF and Fano militias were reported in "
         "Merawi.", "clashes", ("Battles", "Armed clash")),
        ("Separatist fighters enforced a new five-day lockdown in Bamenda on Monday.", "enforced",
         ("Strategic developments", "Other")),
        ("Residents said a curfew had been imposed across the district since Tuesday.",
         "imposed", ("Strategic developments", "Other")),
        ("Militias blocked the main road near Woreta on Monday, halting traffic.", "blocked",
         ("Strategic developments", "Other")),
    ],
)  # fmt: skip
def test_reported_clashes_lockdowns_and_blockades_are_events(pipeline, text, trigger, acled):
    e = one(_coded(pipeline, text).events)
    assert (e.trigger, e.acled_event_type, e.acled_sub_event_type) == (trigger, *acled)


@pytest.mark.parametrize(
    "text",
    [
        "The provincial government imposed a curfew in Nasiriyah on Saturday.",  # administrative
        "Police blocked the road to the stadium on Monday.",  # the police closing a road
        "Attacks on camps in the reserve were reported in late February.",  # a count of several
    ],
)
def test_a_governments_curfew_a_police_roadblock_and_reported_attacks_are_not(pipeline, text):
    assert not [e for e in _coded(pipeline, text).events if e.acled_event_type]


def test_how_long_is_no_date(pipeline):
    e = one(_coded(pipeline, "Fighters enforced a five-day lockdown in Bamenda on Monday.").events)
    assert (e.date, e.date_text) == ("2024-02-26", "Monday")


def test_the_speaker_who_says_it_carried_out_strikes_carried_them_out(code):
    e = one(code("CENTCOM said it carried out airstrikes on Monday on Kataib Hezbollah sites."))
    assert (roles(e, "agent"), roles(e, "target")) == ({"centcom"}, {"kh"})


def test_protesters_are_named_by_the_country_of_the_protest(pipeline):
    doc = _coded(pipeline, "Protesters rallied in Basra on Friday against power cuts.")
    assert roles(one(doc.events), "agent") == {"protesters-iraq"}
    doc = _coded(pipeline, "Crowds rallied on Friday against the government.")  # no country
    assert roles(one(doc.events), "agent") == set()
    assert not any(a.id.startswith("protesters-") for a in doc.actors)


def test_how_often_is_no_date(pipeline):
    text = "Soldiers detained about 20 men at the weekly market in Diafarabe in February."
    e = one(_coded(pipeline, text).events)
    assert (e.date, e.date_precision, e.date_text) == ("2024-02", "month", "February")


@pytest.mark.parametrize(
    ("text", "role", "actor_id"),
    [
        ("Police arrested 19 people in raids in Nasiriyah on Sunday.", "agent", "iraqi-police"),
        ("Gunmen killed two soldiers near Kirkuk on Monday.", "target", "iraqi-armed-forces"),
        (
            "Militants attacked a police camp in Mandera on Monday night.",
            "target",
            "kenya-national-police-service",
        ),
        (
            "Security forces detained five suspects in Ramadi on Monday.",
            "agent",
            "iraqi-security-forces",
        ),
    ],
)
def test_unnamed_state_forces_are_the_forces_of_the_country_of_the_event(
    pipeline, text, role, actor_id
):
    doc = _coded(pipeline, text)
    assert actor_id in roles(one(doc.events), role)
    assert any(a.id == actor_id for a in doc.actors)  # every event actor resolves


def test_unnamed_forces_without_a_registry_entry_are_named_as_acled_names_them(pipeline):
    doc = _coded(pipeline, "Police arrested twelve traders in Abeche on Monday.")
    (agent,) = roles(one(doc.events), "agent")
    actor = next(a for a in doc.actors if a.id == agent)
    assert actor.name == "Police Forces of Chad"
    assert "Police" in actor.aliases  # the document's own word for it


@pytest.mark.parametrize(
    "text",
    [
        "Rebel soldiers looted shops in Bangui on Monday.",  # another party's soldiers
        "Gunmen killed two soldiers of a local militia near Raqqa on Monday.",  # an owner
        "Police arrested twelve traders on Monday.",  # no place: no country to name
    ],
)
def test_forces_of_another_party_or_of_no_known_country_stay_unnamed(pipeline, text):
    doc = _coded(pipeline, text)
    assert not any("forces" in a.actor_id or "police" in a.actor_id
                   for e in doc.events for a in e.actors)  # fmt: skip


def test_unplaced_forces_are_those_of_the_country_the_story_is_about(pipeline):
    doc = _coded(
        pipeline,
        "Protests over power cuts spread from Basra to Nasiriyah and Amara on Saturday.\n\n"
        "The provincial command said police had arrested nine people on Sunday morning.",
    )
    arrest = next(e for e in doc.events if e.acled_sub_event_type == "Arrests")
    assert arrest.place_text is None
    assert roles(arrest, "agent") == {"iraqi-police"}


def test_a_protest_and_the_police_who_broke_it_up_are_one_intervention(pipeline):
    doc = _coded(
        pipeline,
        "Dozens of contract teachers demonstrated outside the governorate building in "
        "Nasiriyah on Sunday. Riot police dispersed them with batons and water cannon.",
    )
    event = one(doc.events)
    assert event.acled_sub_event_type == "Protest with intervention"
    assert roles(event, "agent") == {"protesters-iraq"}
    assert roles(event, "target") == {"iraqi-police"}


@pytest.mark.parametrize(
    "text",
    [
        # a headline's passive: the camp is what was attacked, not who attacked
        "Mandera: police camp attacked\n\nThe attack on Monday night left two officers dead.",
        # a breakdown of a toll names who was hurt, no party to the event
        "Twenty people, including nine members of the security forces, were injured in "
        "Nasiriyah on Sunday.",
    ],
)
def test_forces_named_as_a_site_or_in_a_toll_are_no_party(pipeline, text):
    doc = _coded(pipeline, text)
    assert not any(
        a.role == "agent" and "police" in a.actor_id for e in doc.events for a in e.actors
    )
    assert not any("security-forces" in a.actor_id for e in doc.events for a in e.actors)


def test_a_riot_told_as_arson_and_as_a_clash_is_one_event(pipeline):
    doc = _coded(
        pipeline,
        "Angry protesters set fire to the office of Kataib Sayyid al-Shuhada in Nasiriyah on "
        "Saturday evening and clashed with security forces who fired tear gas to disperse them.",
    )
    event = one(doc.events)
    assert event.acled_event_type == "Riots"
    assert "rioters-iraq" in roles(event, "agent")


@pytest.mark.parametrize(
    ("text", "agent", "target"),
    [
        ("Al-Shabaab fighters clashed with Somali National Army troops near Baidoa on Sunday.",
         "al-shabaab", "somali-national-army"),
        ("Clashes between al-Shabaab and the Somali National Army erupted near Baidoa on Sunday.",
         "al-shabaab", "somali-national-army"),
        ("Al-Shabaab and the Somali National Army clashed near Baidoa on Sunday.",
         "al-shabaab", "somali-national-army"),
        ("One person was killed in a clash between al-Shabaab and Ma'awisley militias near "
         "Baidoa on Sunday.", "al-shabaab", "maawisley"),
        # the victims' enemy in the fight is the doer, even when the fight hangs on "wounded"
        ("Three fighters of the Popular Mobilization Forces were killed and four wounded in "
         "clashes with Islamic State militants near Tuz Khurmatu on Sunday.",
         "islamic-state", "popular-mobilization-forces"),
    ],
)  # fmt: skip
def test_the_two_sides_of_a_fight_are_its_agent_and_target(pipeline, text, agent, target):
    event = one(_coded(pipeline, text).events)
    assert event.acled_event_type == "Battles"
    assert roles(event, "agent") == {agent}
    assert roles(event, "target") == {target}


def test_a_while_clause_with_its_own_doer_is_a_second_event_on_the_same_day(pipeline):
    doc = _coded(
        pipeline,
        "Houthi forces fired two missiles at a merchant ship in the Red Sea on Wednesday, "
        "while U.S. forces struck radar sites near Hodeidah.",
    )
    ship, sites = sorted(doc.events, key=lambda e: e.start)
    assert roles(ship, "agent") == {"houthis"}
    assert roles(sites, "agent") == {"united-states"}
    assert sites.location.name == "Hodeidah"
    assert sites.date == ship.date == "2024-02-28"
    # a passive while-clause is the main event's toll, not a second event
    doc = _coded(pipeline, "Five soldiers were killed near Kirkuk on Monday while three others "
                           "were wounded.")  # fmt: skip
    assert len(doc.events) == 1


@pytest.mark.parametrize(
    "text",
    [
        "U.S. forces struck a weapons depot near Al Qa'im on Sunday.",
        "Israel hit Hezbollah sites near Tyre on Sunday.",
    ],
)
def test_a_state_striking_with_no_weapon_named_is_an_air_strike(pipeline, text):
    event = one(_coded(pipeline, text).events)
    assert event.acled_sub_event_type == "Air/drone strike"


def test_a_toll_killed_in_the_strike_is_the_strike_told_before(pipeline):
    doc = _coded(
        pipeline,
        "U.S. forces conducted a strike on a drone launch site near Kirkuk on Sunday.\n\n"
        "Initial assessments indicate that five militants were killed in the strike near Kirkuk.",
    )
    event = one(doc.events)
    assert event.date == "2024-03-03"
    assert event.fatalities is not None


def test_a_count_s_second_place_is_the_other_count_s(pipeline):
    doc = _coded(
        pipeline,
        "SANAA - Yemen's Houthis said US jets had carried out four raids on the al-Salif district, "
        "north of Hodeidah, and two on Kamaran island.",
    )
    assert [e.place_text for e in doc.events] == ["on the al-Salif district, north of Hodeidah"]


def test_gunfire_breaking_out_is_a_clash(code):
    e = one(code("Heavy gunfire broke out near the army camp on Tuesday, residents said."))
    assert (e.acled_event_type, e.acled_sub_event_type) == ("Battles", "Armed clash")


def test_a_fronted_place_before_who_told_it_is_the_event_s(pipeline):
    doc = _coded(
        pipeline,
        "In Kayes, the regional capital, residents said heavy gunfire broke out near the army "
        "camp on Tuesday.",
    )
    assert one(doc.events).place_text == "in Kayes"


def test_an_operation_against_someone_is_a_clash_and_other_operations_are_not(code):
    e = one(
        code("Police units launched an operation on Wednesday against gang positions in Solino.")
    )
    assert (e.acled_event_type, e.acled_sub_event_type) == ("Battles", "Armed clash")
    assert not code("The mission launched an operation on Wednesday to reopen the road.")


def test_a_force_neutralising_its_enemy_is_a_clash_and_one_side_s_account_joins_the_fight(
    pipeline,
):
    doc = _coded(pipeline, "Troops neutralised 12 al-Shabaab fighters near Afgoye on Sunday.")
    e = one(doc.events)
    assert (e.acled_event_type, e.acled_sub_event_type) == ("Battles", "Armed clash")
    assert roles(e, "target") == {"al-shabaab"}
    # the rebels' attack, then the army's account of the same fight, undated: one battle
    doc = _coded(
        pipeline,
        "M23 rebels attacked positions held by the FARDC around Alimbongo on Tuesday. A "
        'spokesman said the FARDC had "neutralised more than 40 terrorists" in the fighting.',
    )
    e = one(doc.events)
    assert roles(e, "agent") == {"m23"} and roles(e, "target") == {"fardc"}


def test_a_toll_with_only_its_victims_counts_the_dead_of_the_event_before(pipeline):
    doc = _coded(
        pipeline,
        "MOGADISHU - A roadside bomb exploded near a convoy in Mogadishu on Tuesday morning. "
        "A police spokesman said three people, two of them soldiers, were killed.",
    )
    event = one(doc.events)
    assert event.acled_sub_event_type == "Remote explosive/landmine/IED"
    assert event.fatalities == 3
    # a toll whose sentence names its own time is its own report, not the bomb's dead
    doc = _coded(
        pipeline,
        "MOGADISHU - A roadside bomb exploded near a convoy in Mogadishu on Tuesday morning. "
        "In 2022, gunmen stormed a prison in the city, and more than 500 people were killed.",
    )
    assert not any(e.fatalities and e.fatalities >= 500 and e.acled_sub_event_type ==
                   "Remote explosive/landmine/IED" for e in doc.events)  # fmt: skip


@pytest.mark.parametrize(
    ("text", "acled"),
    [
        ("Indigenous groups marched peacefully through Quito on Wednesday to reject a rise in "
         "fuel prices.", ("Protests", "Peaceful protest")),
        # the second verb of a crowd's clause has the crowd for its subject
        ("Protesters in Kisumu blocked roads and threw stones at police on Wednesday.",
         ("Riots", "Violent demonstration")),
    ],
)  # fmt: skip
def test_a_crowds_march_and_its_stones_are_protest_events(pipeline, text, acled):
    event = one(_coded(pipeline, text).events)
    assert (event.acled_event_type, event.acled_sub_event_type) == acled
    # soldiers marching are no protest
    assert _coded(pipeline, "Government troops marched into Quito on Wednesday.").events == []


def test_a_town_that_fell_to_fighters_was_taken_by_them(pipeline):
    event = one(_coded(pipeline, "The town of Namtu fell to Ta'ang National Liberation Army "
                                 "fighters on Wednesday.").events)  # fmt: skip
    assert event.acled_sub_event_type == "Non-state actor overtakes territory"
    assert roles(event, "agent") == {"tnla"}
    assert event.location.name == "Namtu"
    # prices, rains and leaders fall too
    assert _coded(pipeline, "Fuel prices fell to a record low in Kabul on Wednesday.").events == []


def test_a_camp_taken_over_after_its_garrison_withdrew_changed_hands_without_a_fight(pipeline):
    event = one(_coded(pipeline, "The Malian army took over the Tessalit camp on 21 October "
                                 "after United Nations peacekeepers withdrew.").events)  # fmt: skip
    assert event.acled_sub_event_type == "Non-violent transfer of territory"


def test_people_detained_and_later_killed_were_killed(pipeline):
    event = one(_coded(pipeline, "Seven villagers were detained and later killed by soldiers in "
                                 "Kani township on Tuesday.").events)  # fmt: skip
    assert (event.acled_event_type, event.acled_sub_event_type) == (
        "Violence against civilians", "Attack",
    )  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "Government troops encountered a group of New People's Army fighters near Las Navas on "
        "Thursday.",
        # the "People" of an armed group's name are no civilians
        "Two rebels were killed when government troops encountered a group of New People's "
        "Army fighters near Las Navas on Thursday.",
        "Two rebels were killed near Bossangoa on Monday.",  # rebels are a fighting side
    ],
)
def test_troops_encountering_fighters_is_an_armed_clash(pipeline, text):
    event = one(_coded(pipeline, text).events)
    assert (event.acled_event_type, event.acled_sub_event_type) == ("Battles", "Armed clash")


def test_encountering_resistance_or_a_problem_is_no_event(pipeline):
    assert (
        _coded(pipeline, "Troops encountered heavy resistance near Marawi on Monday.").events == []
    )


def test_a_hospital_that_was_looted_is_where_it_happened(pipeline):
    event = one(_coded(pipeline, "Rapid Support Forces fighters looted the main market and a "
                                 "hospital in Wad Madani on Sunday.").events)  # fmt: skip
    assert event.location.name == "Wad Madani"
    # the hospital the wounded were taken to is not where they were shot, however it is parsed
    event = one(_coded(pipeline, "Gunmen shot a man in Kirkuk on Sunday; he was taken to a "
                                 "hospital in Erbil.").events)  # fmt: skip
    assert event.location.name == "Kirkuk"


def test_who_uses_the_compound_a_strike_hit_is_its_target_not_its_doer(pipeline):
    event = one(_coded(pipeline, "A drone strike on a compound used by Kataib Hezbollah near "
                                 "Jurf al-Sakhar killed two fighters on Wednesday.").events)  # fmt: skip
    assert roles(event, "agent") == set()
    assert roles(event, "target") == {"kataib-hezbollah"}


def test_forces_in_a_relative_clause_on_the_target_are_no_party(pipeline):
    doc = _coded(pipeline, "The strike hit a warehouse near Jurf al-Sakhar on Wednesday, which "
                           "has been closed to government forces for years.")  # fmt: skip
    assert not any("forces" in a.actor_id for e in doc.events for a in e.actors)
    # the event's own relative clause keeps its doer
    event = one(_coded(pipeline, "A protester who was shot by police in Basra on Sunday died "
                                 "of his wounds.").events)  # fmt: skip
    assert roles(event, "agent") == {"iraqi-police"}


def test_stones_the_tagger_made_an_adjective_still_make_a_riot(pipeline):
    # the parse reads "erected barricades and [hurled] stones": the clause's verb carries it
    event = one(_coded(pipeline, "Young protesters erected barricades and hurled stones at "
                                 "police in Kisumu on 2 March.").events)  # fmt: skip
    assert (event.acled_event_type, event.acled_sub_event_type) == (
        "Riots", "Violent demonstration",
    )  # fmt: skip
    assert event.date == "2024-03-02"
    assert roles(event, "agent") == {"rioters-kenya"}


def test_a_brokered_truce_is_an_agreement(pipeline):
    event = one(_coded(pipeline, "Local leaders brokered a truce between rival Mai-Mai factions "
                                 "in Walikale on Friday.").events)  # fmt: skip
    assert event.acled_sub_event_type == "Agreement"
    assert _coded(pipeline, "Local leaders brokered talks in Walikale on Friday.").events == []


def test_a_crowd_setting_fire_to_an_office_is_a_riot_by_rioters_against_its_owner(pipeline):
    doc = _coded(
        pipeline,
        "Angry protesters set fire to the office of Kataib Sayyid al-Shuhada in Nasiriyah "
        "on Sunday.",
    )
    event = one(doc.events)
    assert (event.acled_event_type, event.type) == ("Riots", "protest")
    assert roles(event, "agent") == {"rioters-iraq"}
    assert roles(event, "target") == {"kataib-sayyid-al-shuhada"}


def test_an_attack_takes_the_weapon_its_agent_uses_elsewhere_in_the_document(code):
    events = code(
        "The US carried out an airstrike on a Kataib Hezbollah base in Jurf al-Sakhar on Monday. "
        "The US also attacked Kataib Hezbollah positions near al-Qaim on Tuesday."
    )
    assert [e.acled_sub_event_type for e in events] == ["Air/drone strike"] * 2
    events = code(  # two weapons for one agent: the open sub-type is not guessed
        "Kataib Hezbollah shelled a US base in Anbar on Monday. "
        "A Kataib Hezbollah drone struck Erbil airport on Tuesday. "
        "Kataib Hezbollah also attacked US troops in Syria on Wednesday."
    )
    assert events[-1].acled_sub_event_type is None, [(e.trigger, e.sentence) for e in events]


def test_seed_precision_floor(shared_dir):
    """Event precision on the seed gold, scored as ``factionlens eval`` does (0.55 measured after
    the unwrap fix, 6 of 11 predictions on required gold; the floor leaves room for one more FP)."""
    from factionlens.evaluate import evaluate

    report = evaluate(shared_dir / "gold" / "seeds.json")
    assert report.event_precision >= 0.5, (report.event_tp, report.event_fp)


def test_demonstrating_something_is_no_protest(code):
    assert code("The Security Council has demonstrated the unity of its members.") == []
    assert one(code("Hundreds of people demonstrated in Basra on Friday.")).type == "protest"


# ---------------------------------------------------------------- precision on real news


@pytest.mark.parametrize(
    "text",
    [
        "Why did the militants shell the village?",
        "Every time there is shelling near the school, the children hide in the basement.",
        "Whenever militants attacked the convoy, the army responded with artillery.",
        "The ministry has neither confirmed nor denied that its jets struck the depot.",
        "The ministry said that its aircraft carry out strikes in the desert.",
        "The operation was executed by coalition forces in early November.",
        "Coalition forces executed a large operation near the border last week.",
        "The two governments agreed to work together on reconstruction.",
        "They also agreed to target the financiers of the group.",
        "We are targeting the financiers and suppliers of the militias.",
        "Hezbollah, which fought a month-long war with Israel in 2006, has sent fighters abroad.",
    ],
)
def test_questions_habits_denials_and_undertakings_are_not_events(code, text):
    assert code(text) == []


@pytest.mark.parametrize(
    "text, acled",
    [
        ("Militants executed three police officers in Mosul on Monday.", "Battles"),
        ("The factions agreed to a ceasefire on Sunday.", "Strategic developments"),
        ("The army did not attack the base but shelled the town on Monday.",
         "Explosions/Remote violence"),
        ("Police say car bomb kills 7 in Baghdad", "Explosions/Remote violence"),
        ("Militants are shooting civilians who flee the city: aid group",
         "Violence against civilians"),
    ],
)  # fmt: skip
def test_real_events_beside_those_rules_are_kept(code, text, acled):
    assert one(code(text)).acled_event_type == acled


@pytest.mark.parametrize(
    "text, count",
    [
        ("Over the same period more than 2,000 people have been killed.", 2000),
        ("Doctors counted 97 civilians killed in the first week of the offensive.", 97),
        ("The siege has killed 400 people since January.", 400),
        ("Thousands of people have been killed in the war.", 1000),
    ],
)
def test_death_tolls_over_a_period_or_a_war_are_aggregates(code, text, count):
    e = one(code(text))
    assert e.aggregate is not None and e.aggregate["count"] == count
    assert e.fatalities is None


@pytest.mark.parametrize(
    "text, deaths",
    [
        ("A soldier was killed during the offensive on Monday.", 1),
        ("Three people were killed over the weekend in Basra.", 3),
        ("On Saturday, militants shot dead three women and three children near Mosul.", 6),
    ],
)
def test_single_killings_are_not_aggregates(code, text, deaths):
    e = one(code(text))
    assert e.aggregate is None
    assert e.fatalities == deaths


def test_a_date_in_front_of_an_event_noun_is_no_count(code):
    e = one(code("The 13 November attacks in Paris killed 130 people."))
    assert e.aggregate is None
    assert e.date_text == "13 November"


def test_victims_of_a_bare_participle_are_targets_not_agents(code):
    e = one(code("Days of fighting saw dozens of Kataib Hezbollah fighters killed."))
    assert roles(e, "target") == {"kh"} and roles(e, "agent") == set()
    assert e.acled_event_type == "Battles"
    assert "Kataib Hezbollah fighters killed" in e.sentence
    killed = [e for e in code("One killed, 23 injured in market blast in Diyala") if e.fatalities]
    assert [e.fatalities for e in killed] == [1]


def test_a_relative_clause_tells_the_same_event(code):
    one(code("An attack on a mosque in Kirkuk on Friday killed at least 13 worshippers."))
    e = one(
        code("The gunmen kidnapped and killed 11 people, including a hostage who was beheaded.")
    )
    assert e.fatalities == 11
    # a relative clause on the attacker tells an event of its own
    both = code("The commander, who was wounded in a raid last year, attacked the base on Monday.")
    assert len(both) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen attacked a mosque in Kirkuk on Friday, killing 13 worshippers. "
        "A man whose brother was killed said he heard a plane overhead.",
        "An attack on a market in Basra on Friday killed at least 9 people. "
        "Witnesses said the market was hit by a rocket.",
    ],
)
def test_undated_unplaced_repeats_join_the_event_told_before(code, text):
    assert len([e for e in code(text) if e.type == "violent"]) == 1


def test_the_strike_refers_back_to_the_attack_told_before(code):
    text = (
        "A convoy was attacked from the air near Aleppo on Monday. "
        "Investigators said the strike was carried out by Kataib Hezbollah."
    )
    e = one(code(text))
    assert e.sentence.startswith("A convoy was attacked")
    assert e.date_text == "Monday"
    assert roles(e, "agent") == {"kh"}


def test_one_toll_told_twice_is_one_event(code):
    e = one(
        code(
            "Twelve farmers were reportedly killed last week. Officials later said "
            "Asaib Ahl al-Haq gunmen had killed 12 farmers near Samarra."
        )
    )
    assert e.fatalities == 12 and roles(e, "agent") == {"aah"}


@pytest.mark.parametrize(
    "text",
    [
        "A rocket hit Baghdad airport on Monday. On Wednesday, a drone struck a base near Erbil.",
        "Gunmen killed 3 policemen in Kirkuk on Sunday. "
        "In a separate attack, a bomb killed 5 people in Basra on Monday.",
        "Gunmen killed 4 farmers near Samarra. Elsewhere, 4 policemen were killed in Kirkuk.",
    ],
)
def test_different_events_in_one_document_stay_apart(code, text):
    assert len([e for e in code(text) if e.type == "violent"]) == 2


def test_a_truce_announced_by_a_party_is_no_separate_statement(code):
    events = code(
        "Officials reported violations of the ceasefire announced by Kataib Hezbollah "
        "on 29 December."
    )
    assert [e.type for e in events] == ["strategic"]
    assert roles(events[0], "agent") == {"kh"}


def test_a_separate_attack_is_never_joined_to_the_one_before(code):
    text = (
        "Two policemen were killed in Kirkuk on Monday. "
        "In a separate incident, a civilian was killed by a roadside bomb."
    )
    assert len([e for e in code(text) if e.type == "violent"]) == 2


def test_a_verbless_casualty_headline_codes_its_event(code):
    e = one(code("At least 7 dead in suicide bomb attack in northern Baghdad -sources"))
    assert e.acled_sub_event_type == "Suicide bomb"
    assert e.fatalities == 7
    assert code("Five dead in car crash on the Baghdad highway") == []
    assert code("At least 7 dead in suicide bomb attack in northern Baghdad.") == []


def test_a_headline_plural_read_as_a_base_verb_is_still_a_headline(code):
    e = one(code("Militants execute police officer in Mosul"))
    assert e.type == "violent" and e.fatalities == 1


def test_aggregate_counts_are_claims_not_events(pipeline):
    from factionlens.model import Document

    doc = pipeline(
        Document(
            source="agg.txt",
            raw="Militias report\n\n2023-01-05\n\nArmed groups carried out 85 attacks on "
            "foreign bases in 2022, a monitoring group said in its annual report.",
        )
    )
    assert doc.claims and all(c.aggregate for c in doc.claims)
    assert not any(e.aggregate for e in doc.events)
    assert doc.to_contract()["claims"][0]["aggregate"]["count"] == 85


# ---------------------------------------------------------------- ACLED typing on short snippets

SUICIDE, SHELLING, IED = "Suicide bomb", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED"  # fmt: skip
REMOTE, VAC, SD = (
    "Explosions/Remote violence",
    "Violence against civilians",
    "Strategic developments",
)


@pytest.mark.parametrize(
    ("text", "acled"),
    [
        # a weapon fixes the sub-type whoever it hits
        ("A suicide bomber blew himself up in a crowded market in Hilla on Tuesday, killing 20 "
         "civilians.", (REMOTE, SUICIDE)),
        ("Mortar shells struck a residential area of Tuz Khurmatu on Sunday, wounding three "
         "children.", (REMOTE, SHELLING)),
        ("Two Katyusha rockets landed near the airport in Erbil on Friday night.",
         (REMOTE, SHELLING)),
        ("A sticky bomb went off under a car in Kirkuk on Monday, killing its driver.",
         (REMOTE, IED)),
        ("An unknown man threw a grenade at a bank in Amarah on Thursday.", (REMOTE, "Grenade")),
        ("Jets destroyed three IS hideouts west of Kirkuk on Sunday.",
         (REMOTE, "Air/drone strike")),
        # one-sided violence on people who are not fighters
        ("Gunmen shot dead a shop owner in Baquba on Wednesday.", (VAC, "Attack")),
        ("Militants stoned a man to death in Hawija on Friday.", (VAC, "Attack")),
        ("Masked gunmen seized two engineers at a power station near Baiji on Monday.",
         (VAC, "Abduction/forced disappearance")),
        # two armed sides
        ("Police and tribal fighters exchanged fire in Qalat Sukkar on Saturday.",
         ("Battles", "Armed clash")),
        ("Insurgents attacked an army post near Khanaqin on Tuesday.", ("Battles", "Armed clash")),
        ("Iraqi forces repelled an ISIS attack on their positions near Rawa on Monday.",
         ("Battles", "Armed clash")),
        # territory changes hands
        ("Rebels captured the town of Ariha on Friday.",
         ("Battles", "Non-state actor overtakes territory")),
        ("Iraqi troops retook the village of Imam Gharbi on Monday.",
         ("Battles", "Government regains territory")),
    ],
)  # fmt: skip
def test_acled_precedence_rules_on_violent_events(code, text, acled):
    e = one([e for e in code(text) if e.acled_event_type])
    assert (e.acled_event_type, e.acled_sub_event_type) == acled


@pytest.mark.parametrize(
    ("text", "acled"),
    [
        ("Police fired tear gas at demonstrators in Diwaniyah on Monday.",
         ("Protests", "Protest with intervention")),
        ("Riot police dispersed a sit-in of contract workers in Kut on Sunday.",
         ("Protests", "Protest with intervention")),
        ("Security guards shot dead three protesters outside the council in Kut on Saturday.",
         ("Protests", "Excessive force against protesters")),
        ("Residents marched in Hilla on Friday, chanting slogans against water shortages.",
         ("Protests", "Peaceful protest")),
        ("Protesters torched the provincial council building in Nasiriyah on Thursday.",
         ("Riots", "Violent demonstration")),
        ("A mob lynched a man accused of theft in Basra on Sunday.", ("Riots", "Mob violence")),
        # a toll with no doer of its own: the subject of its when-clause did it
        ("Three people were killed and 20 wounded in Kirkuk on Saturday when protesters "
         "clashed with rival demonstrators, police said.", ("Riots", "Violent demonstration")),
        # a past tense the tagger reads as a participle, with its subject and object
        ("A mob stoned to death a man accused of theft in a market in Kano on Friday, police "
         "said.", ("Riots", "Mob violence")),
    ],
)  # fmt: skip
def test_force_on_a_protest_codes_the_protest_and_a_violent_crowd_is_a_riot(code, text, acled):
    e = one([e for e in code(text) if e.acled_event_type])
    assert (e.acled_event_type, e.acled_sub_event_type) == acled


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Police defused a car bomb in Samarra on Wednesday.", "Disrupted weapons use"),
        ("Troops seized a cache of rockets near Jurf al-Sakhar on Monday.",
         "Disrupted weapons use"),
        ("Air defences shot down a drone over Erbil on Tuesday.", "Disrupted weapons use"),
        ("Gunmen looted shops in Tuz Khurmatu on Friday.", "Looting/property destruction"),
        ("Militants blew up a shrine in Tal Afar on Sunday.", "Looting/property destruction"),
        ("Peshmerga forces handed over the Makhmour checkpoints to the Iraqi army on Sunday.",
         "Non-violent transfer of territory"),
        ("The faction opened a new office in Basra on Monday.",
         "Headquarters or base established"),
    ],
)  # fmt: skip
def test_strategic_developments_by_their_verb_and_object(code, text, sub):
    e = one([e for e in code(text) if e.acled_event_type])
    assert (e.acled_event_type, e.acled_sub_event_type) == (SD, sub)


@pytest.mark.parametrize(
    ("text", "acled"),
    [
        ("Turkish jets pound PKK hideouts in Qandil", (REMOTE, "Air/drone strike")),
        ("Car bomb kills 9 in Sadr City", (REMOTE, IED)),
        ("Gunmen kidnap engineer in Tikrit", (VAC, "Abduction/forced disappearance")),
        ("Rival tribes sign truce in Basra", (SD, "Agreement")),
        ("Police arrest 12 suspects in Ramadi", (SD, "Arrests")),
        ("Hundreds protest power cuts in Diwaniyah", ("Protests", "Peaceful protest")),
        ("Army discovers weapons cache in Hamrin", (SD, "Disrupted weapons use")),
    ],
)  # fmt: skip
def test_headline_present_tense_and_misread_verbs_code_their_event(code, text, acled):
    e = one([e for e in code(text) if e.acled_event_type])
    assert (e.acled_event_type, e.acled_sub_event_type) == acled


def test_a_misread_headline_verb_keeps_its_count_and_weapon(code):
    e = one(code("Gas attack on Douma kills dozens, rescuers say"))
    assert (e.acled_sub_event_type, e.fatalities) == ("Chemical weapon", 12)


@pytest.mark.parametrize(
    "text",
    [
        "Why the militias keep attacking US bases",
        "How drones changed the fight against IS",
        "A profile of the militias that fought the Islamic State",
        "Analysis: tribes could seize the town if the army leaves",
        "No attacks reported in Anbar for a week",
        "The factions will halt attacks if US troops leave",
    ],
)
def test_headlines_that_ask_explain_or_describe_are_not_events(code, text):
    assert [e for e in code(text) if e.acled_event_type] == []


def _snippets_module():
    import importlib.util
    import sys

    path = Path(__file__).resolve().parents[1] / "bench" / "snippets_eval.py"
    # bench/ is a folder of scripts, not a package: load the module from its path.
    spec = importlib.util.spec_from_file_location("bench_snippets_eval", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "floors"),
    [
        # measured 0.989 / 0.989 / 0.989, 0 of 22 false (the development set)
        ("snippets.jsonl", (0.95, 0.93, 0.93, 1)),
        # written after the first round and never tuned on before their first run: first runs
        # gave 0.78/0.75/0.72 (1 false) and 0.84/0.72/0.69 (0 false); 1.0 after the second round
        ("snippets_holdout.jsonl", (0.9, 0.85, 0.8, 1)),
        ("snippets_blind.jsonl", (0.9, 0.85, 0.8, 1)),
        # written after the third round; its first run gave 0.86/0.83/0.83 (0 false)
        ("snippets_blind2.jsonl", (0.9, 0.85, 0.85, 1)),
        # written by someone who never saw the coder's rules; its first run gave
        # 0.92/0.87/0.87 (3 of 10 false), 0.95/0.95/0.95 (1 false) after the fourth round
        ("snippets_blind3.jsonl", (0.9, 0.9, 0.9, 1)),
        # press releases, partisan outlets, datelines, by someone who never saw the rules: first
        # run 0.86/0.74/0.64 (1 false), 0.94/0.92 after the fifth round
        ("snippets_blind4.jsonl", (0.9, 0.88, 0.85, 1)),
        # 80 snippets from ten countries with gold dates and places, by someone who never saw
        # the rules: first run 0.91/0.85/0.80 (0 false), date 0.73, place 0.29; place 0.63 after
        # the sixth round (world towns, places the parse hangs elsewhere, unknown names kept)
        ("snippets_blind5.jsonl", (0.9, 0.83, 0.78, 1)),
        # 70 Iraq and Syria texts (8 with no event), dates and places labelled, by someone who
        # never saw the rules: first run 0.97/0.89/0.84 (0 false), date 0.77, place 0.32
        ("snippets_blind6.jsonl", (0.93, 0.85, 0.8, 1)),
        # 80 snippets from twenty-odd countries (8 with no event), dates and places labelled,
        # by someone who never saw the rules: first run 0.92/0.82/0.81 (1 false), date 0.76,
        # place 0.49
        ("snippets_blind7.jsonl", (0.9, 0.8, 0.78, 1)),
        # 70 snippets from some thirty countries (6 with no event), dates and places labelled,
        # by someone who never saw the rules: first run 0.84/0.81/0.77 (0 false), date 0.78,
        # place 0.63; 0.98/0.95/0.91, date 0.91, place 0.73 after the round it prompted
        ("snippets_blind8.jsonl", (0.93, 0.9, 0.85, 1)),
        # 70 snippets from thirty-one countries, dates and places labelled, by someone who never
        # saw the rules: first run 0.89/0.86/0.83, date 0.79, place 0.79
        ("snippets_blind9.jsonl", (0.85, 0.82, 0.8, 1)),
    ],
)
def test_acled_snippet_sets_keep_their_floors(pipeline, data_dir, name, floors):
    """Recall, ACLED type and sub-type accuracy, and false events on hand-labelled snippets."""
    bench = _snippets_module()
    result = bench.score(bench.load(data_dir / "events" / name), pipeline)
    recall, type_acc, sub_acc, false_events = floors
    assert result["recall"] >= recall, result
    assert result["type_accuracy"] >= type_acc, result
    assert result["sub_type_accuracy"] >= sub_acc, result
    assert result["false_events"] <= false_events, result
    if name == "snippets_blind5.jsonl":  # the sets labelled with dates and places
        assert result["date_accuracy"] >= 0.72 and result["place_accuracy"] >= 0.6, result
    if name == "snippets_blind6.jsonl":
        assert result["date_accuracy"] >= 0.8 and result["place_accuracy"] >= 0.4, result
    if name == "snippets_blind7.jsonl":
        assert result["date_accuracy"] >= 0.74 and result["place_accuracy"] >= 0.45, result
    if name == "snippets_blind8.jsonl":
        assert result["date_accuracy"] >= 0.85 and result["place_accuracy"] >= 0.65, result
    if name == "snippets_blind9.jsonl":
        assert result["date_accuracy"] >= 0.75 and result["place_accuracy"] >= 0.75, result


def test_prevented_repeated_and_background_clauses_are_not_events(code):
    assert code("We moved the books to the basement to stop them being destroyed by shells.") == []
    assert (
        code("The regime has used chemical weapons on at least three occasions since 2013.") == []
    )
    assert code("Since the army retook the town in May, residents have returned.") == []
    assert code("Friends of the victims burned alive in the fire.") == []
    e = one(code("Militants used chlorine shells against army positions near Baiji on Monday."))
    assert e.acled_sub_event_type == "Chemical weapon"


def test_an_undated_event_that_only_dates_another_clause_is_background(code):
    events = code(
        "The parliament voted to expel foreign troops following the assassination of a senior "
        "Kataib Hezbollah commander by the US."
    )
    assert not [e for e in events if e.type == "violent"], [(e.type, e.sentence) for e in events]


def test_a_dated_event_named_as_a_time_is_still_coded(code):
    events = code(
        "Protests spread after the killing of Abu Baqir al-Saadi by the US on 7 February 2024."
    )
    assert any(e.type == "violent" and "saadi" in roles(e, "target") for e in events)


def test_a_claim_for_an_attack_already_told_is_its_attribution(code):
    events = code(
        "A drone struck a car carrying Abu Baqir al-Saadi in Baghdad on Wednesday night. "
        "Kataib Hezbollah later said nothing. The US claimed responsibility for the attack."
    )
    assert not [e for e in events if e.type == "claim_of_responsibility"]
    strike = one([e for e in events if e.type == "violent"])
    assert "us" in roles(strike, "agent")
    assert strike.certainty == "claimed"
    assert strike.attribution == "The US claimed"


def test_a_claim_by_another_doer_or_for_an_untold_attack_stays_a_claim(code):
    told = code(
        "US jets struck a Kataib Hezbollah depot near Qaim on Tuesday. "
        "Asaib Ahl al-Haq claimed responsibility for the attack."
    )
    assert [e for e in told if e.type == "claim_of_responsibility"]
    untold = code("Kataib Hezbollah claimed responsibility for the rocket attack on Tuesday.")
    assert [e for e in untold if e.type == "claim_of_responsibility"]


def test_a_title_case_headline_is_read_in_sentence_case(pipeline):
    doc = pipeline(
        Document(
            source="t.txt",
            raw="Turkish Army Kills 26 Fighters Of PKK In Northern Iraq\n\nAnkara said so.",
            published="2020-06-01",
        )
    )
    e = one([e for e in doc.events if e.type == "violent"])
    assert e.fatalities == 26
    assert e.sentence.startswith("Turkish Army Kills")  # the evidence is the text as written
    assert not [a for a in doc.actors if a.id.startswith("cand-")]  # no "Army Kills" names


def test_a_denied_clash_and_a_planned_rally_are_not_events(code):
    assert not [
        e
        for e in code(
            "The army on Tuesday denied reports that its troops had clashed with Kataib "
            "Hezbollah near the border."
        )
        if e.type == "violent"
    ]
    doc = Document(
        source="t.txt",
        raw="Activists called for a rally in Tahrir Square next Friday.",
        text="Activists called for a rally in Tahrir Square next Friday.",
        published="2023-03-01",
        id="d1",
    )
    assert not [e for e in extract_events(sentences(doc, Context())) if e.type == "protest"]


def test_a_past_event_named_by_its_year_is_background(ctx):
    text = "Thousands rallied on Friday to mark the anniversary of the 2019 protests."
    events = _dated(ctx, text, "2023-10-07")
    assert len([e for e in events if e.type == "protest"]) == 1
    assert all("2019" not in (e.date_text or "") for e in events)


def test_acled_special_cases_from_the_codebook(code):
    mishap = one(
        code(
            "Two militants were killed on Monday when the roadside bomb they were planting "
            "exploded prematurely."
        )
    )
    assert mishap.acled_sub_event_type == "Disrupted weapons use"
    grave = one(code("Forensic teams exhumed a mass grave near Sinjar on Monday."))
    assert (grave.acled_event_type, grave.acled_sub_event_type) == ("Strategic developments",
                                                                    "Other")  # fmt: skip
    leader = one(code("A community leader was shot dead by gunmen in Basra on Monday."))
    assert leader.acled_event_type == "Violence against civilians"


def test_a_past_tense_the_tagger_misreads_still_reports_and_the_taken_town_is_the_place(code):
    e = one(code("On 16 January 2023, the army and allied militias retook the town of Hit."))
    assert e.acled_sub_event_type == "Government regains territory" or e.acled_event_type == (
        "Battles"
    )
    assert e.place_text == "in Hit"


def test_a_headline_passive_without_its_auxiliary_names_the_victims(code):
    e = one(code("Kataib Hezbollah fighters reportedly killed in Qaim strike"))
    assert "kh" in roles(e, "target") and not roles(e, "agent")
    assert e.acled_event_type != "Violence against civilians"
    assert one(code("Seven soldiers reportedly killed near Qaim")).fatalities == 7
    # a full sentence keeps its subject as the doer
    e = one(code("Kataib Hezbollah fighters killed two soldiers near Qaim on Monday."))
    assert "kh" in roles(e, "agent")


def test_blasts_and_explosions_are_remote_explosives(code):
    e = one(code("Two blasts kill three people in Baghdad"))
    assert (e.acled_event_type, e.acled_sub_event_type) == (
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
    )


def test_bombers_are_aircraft_only_when_an_air_force_flies_them(code):
    assert one(
        code("Russian bombers struck rebel positions near Qaim on Monday.")
    ).acled_sub_event_type == ("Air/drone strike")
    e = one(code("Bombers attacked a police checkpoint in Baghdad on Monday, killing four."))
    assert e.acled_sub_event_type == "Remote explosive/landmine/IED"


def test_a_nationality_adjective_on_armed_people_names_the_state(pipeline):
    def parties(text: str) -> dict[str, set[str]]:
        doc = pipeline(Document(source="t.txt", raw=text, published="2024-02-09"))
        e = one([e for e in doc.events if e.type == "violent"])
        names = {a.id: a.name for a in doc.actors}
        return {
            r: {names[x.actor_id] for x in e.actors if x.role == r} for r in ("agent", "target")
        }

    assert (
        "United States"
        in parties("Kataib Hezbollah fighters attacked American positions in Baghdad on Monday.")[
            "target"
        ]
    )
    assert "Turkey" in parties("Turkish jets struck PKK hideouts near Sinjar on Monday.")["agent"]
    backed = parties("Iranian-backed militias attacked a convoy near Baghdad on Monday.")
    assert "Iran" not in backed["agent"] | backed["target"]


def test_a_headline_and_the_body_sentence_it_announces_are_one_event(pipeline):
    doc = pipeline(
        Document(
            source="t.txt",
            raw="Rockets hit base north of Baghdad, two contractors killed\n\n"
            "At least ten rockets struck a military base north of Baghdad late on Wednesday, "
            "killing two foreign contractors, officials said.\n\n"
            "Separately, a roadside bomb wounded three soldiers in Diyala on Thursday.",
            published="2020-03-12",
        )
    )
    violent = sorted((e for e in doc.events if e.type == "violent"), key=lambda e: e.start)
    assert len(violent) == 2, [(e.sentence, e.acled_sub_event_type) for e in violent]
    rockets, bomb = violent
    assert rockets.sentence.startswith("At least ten rockets")  # the body's telling is kept
    assert rockets.fatalities == 2 and rockets.date == "2020-03-11"
    assert bomb.acled_sub_event_type == "Remote explosive/landmine/IED"


def test_a_group_saying_it_attacked_is_the_agent_of_a_claimed_attack(code):
    events = code("Kataib Hezbollah said on Tuesday that it had launched two drones at a US base.")
    attack = one([e for e in events if e.type == "violent"])
    assert roles(attack, "agent") == {"kh"}
    assert attack.certainty == "claimed"


def test_references_back_and_summed_attacks_are_not_new_events(code):
    events = code(
        "Rockets hit a Kataib Hezbollah depot near Qaim on Monday. The attack destroyed "
        "a warehouse. The rockets were fired from a truck found near Hit. Bases hosting US troops "
        "have been hit repeatedly since January, when a US drone strike killed Abu Baqir al-Saadi."
    )
    assert len([e for e in events if e.type == "violent"]) == 1, [e.sentence for e in events]
    assert code("US forces have been attacked dozens of times by militias since October.") == []


def test_background_history_dated_only_by_year_or_month_is_not_coded(ctx):
    text = (
        "Jurf al-Sakhar was retaken from Islamic State militants in 2014 by Iraqi forces. "
        "On 26 July 2023 a drone strike killed two fighters there."
    )
    events = _dated(ctx, text, "2023-07-28")
    assert [e.date_text for e in events if e.type == "violent"] == ["26 July 2023"]


def test_gestures_and_people_handed_over_are_not_property_or_territory(code):
    assert not [
        e
        for e in code("Supporters gathered outside the court, burning pictures of the judges.")
        if e.acled_event_type == "Strategic developments"
    ]
    assert not [
        e
        for e in code("Police said the suspects had been handed to a joint security command.")
        if e.acled_sub_event_type == "Non-violent transfer of territory"
    ]
    e = one(code("Kataib Hezbollah handed over the Qaim crossing to the army on Sunday."))
    assert e.acled_sub_event_type == "Non-violent transfer of territory"


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Thousands march in Basra against power cuts", "Peaceful protest"),
        (
            "Kataib Hezbollah hands over villages near Qaim to army",
            "Non-violent transfer of territory",
        ),
    ],
)
def test_headline_verbs_the_tagger_reads_as_nouns(code, text, sub):
    assert one(code(text)).acled_sub_event_type == sub


def test_a_datelines_date_is_the_filing_day_not_the_events(ctx):
    text = (
        "IRBIL, Iraq, April 2 (Reuters) -- Air defences shot down a drone approaching Irbil "
        "airport late on Monday, officials said."
    )
    e = one(_dated(ctx, text, "2024-04-02"))
    assert e.date_text and "Monday" in e.date_text


def test_two_attacks_told_for_the_same_day_with_no_second_place_are_one(ctx):
    text = (
        "Rockets struck near Baghdad airport on Sunday evening. Officials said on Monday that "
        "three rockets had landed inside a compound on Sunday."
    )
    assert len([e for e in _dated(ctx, text, "2021-06-14") if e.type == "violent"]) == 1


def test_a_statement_charging_another_with_harm_is_an_accusation(code):
    e = one(code('CENTCOM stated Thursday that Kataib Hezbollah "threatens regional stability."'))
    assert (e.type, e.plover) == ("accusation", "ACCUSE")
    assert roles(e, "agent") == {"centcom"} and roles(e, "target") == {"kh"}
    told = code("CENTCOM stated Thursday that Kataib Hezbollah attacked a convoy near Qaim.")
    assert not [e for e in told if e.type == "accusation"]  # a told attack is that attack


def test_said_or_feared_killed_is_a_reported_toll(code):
    e = one(code("Dozens feared killed in Qaim airstrike"))
    assert (e.fatalities, e.certainty) == (12, "reported")
    assert one(code("Five soldiers said killed in Qaim ambush")).fatalities == 5


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Kataib Hezbollah fighters confronted Turkish troops near Qaim on Monday.", "Armed clash"),
        (
            "Gunmen fired on a Kataib Hezbollah post near Qaim on Monday, and the fighters "
            "returned fire.",
            "Armed clash",
        ),
        (
            "Kataib Hezbollah air defences downed a US drone over Qaim on Monday.",
            "Disrupted weapons use",
        ),
        (
            "Hundreds of residents hurled stones at police vehicles in Basra on Monday.",
            "Violent demonstration",
        ),
        (
            "Thousands of worshippers poured into the streets of Basra on Friday, chanting slogans "
            "against the US.",
            "Peaceful protest",
        ),
        (
            "Helicopters dropped a barrel bomb containing chlorine gas on Qaim on Monday.",
            "Chemical weapon",
        ),
        (
            "Kataib Hezbollah fighters entered the town of Qaim on Monday after US troops withdrew.",
            "Non-violent transfer of territory",
        ),
        (
            "Kataib Hezbollah detonated an explosive device against a US patrol near Qaim on Monday, "
            "and helicopters evacuated the wounded.",
            "Remote explosive/landmine/IED",
        ),
    ],
)
def test_more_ways_news_tells_events(code, text, sub):
    coded = [e for e in code(text) if e.acled_event_type]
    assert coded and coded[0].acled_sub_event_type == sub, [
        (e.trigger, e.acled_sub_event_type) for e in coded
    ]


def test_a_wire_dateline_names_no_party(pipeline):
    doc = pipeline(
        Document(
            source="t.txt",
            raw="ALEPPO, Syria, Nov 29 - Insurgents captured the town of Khan al-Assal on Friday "
            "after fierce fighting, a war monitor said.",
            published="2024-11-29",
        )
    )
    e = one([e for e in doc.events if e.type == "violent"])
    assert e.acled_sub_event_type == "Non-state actor overtakes territory"
    assert not [a for a in e.actors if a.role == "agent" and a.actor_id == "syria"]


def test_a_protest_and_its_dispersal_are_one_event_coded_by_the_force(code):
    events = code(
        "Dozens of teachers demonstrated outside the governorate building in Basra on Monday. "
        "Riot police dispersed them with batons and water cannon."
    )
    e = one([e for e in events if e.acled_event_type == "Protests"])
    assert e.acled_sub_event_type == "Protest with intervention"


def test_remembered_attacks_are_history(code):
    assert not [
        e
        for e in code("On the anniversary, we recall how US missiles struck their convoy.")
        if e.type == "violent"
    ]


def test_a_time_zone_is_not_a_place(code):
    e = one(code("At 1:45 a.m. (Baghdad time) on Monday, US forces struck a Kataib Hezbollah depot "
                 "near Qaim."))  # fmt: skip
    assert e.place_text and "Qaim" in e.place_text


def test_claiming_or_condemning_a_told_attack_names_its_parties(code):
    events = code(
        "Rockets hit a US base near Qaim on Sunday. Kataib Hezbollah claimed that attack on "
        "Telegram. On Monday a US drone strike killed Abu Baqir al-Saadi in Baghdad. "
        "Asaib Ahl al-Haq condemned the strike on Tuesday."
    )
    violent = sorted((e for e in events if e.type == "violent"), key=lambda e: e.start)
    assert len(violent) == 2
    assert roles(violent[0], "agent") == {"kh"} and violent[0].certainty == "claimed"
    # an armed group's claim is an event of its own too, with no ACLED code
    claim = one([e for e in events if e.type == "claim_of_responsibility"])
    assert roles(claim, "agent") == {"kh"} and claim.acled_event_type is None
    condemned = one([e for e in events if e.type == "accusation"])
    assert roles(condemned, "target") == {"us"}
    # a state owning its strike is that strike's attribution only
    events = code(
        "A drone strike killed Abu Baqir al-Saadi in Baghdad on Monday. The US claimed "
        "responsibility for the attack."
    )
    assert [e.type for e in events] == ["violent"]


def test_a_statements_heading_is_its_headline_and_the_body_is_what_is_kept(pipeline):
    doc = pipeline(
        Document(
            source="t.txt",
            raw="Republic of Iraq\nSecurity Media Cell\n\nStatement\n\n"
            "Security forces foil rocket attack west of Baghdad\n\n"
            "A force from the Counter-Terrorism Service succeeded at dawn on Tuesday in foiling an "
            "attempt to launch rockets from the Radwaniyah area, west of the capital Baghdad.",
            published="2024-04-23",
        )
    )
    e = one([e for e in doc.events if e.acled_event_type])
    assert e.acled_sub_event_type == "Disrupted weapons use"
    assert "foiling" in e.sentence  # the body's telling, not the heading's


def test_the_hospital_the_wounded_were_taken_to_is_not_the_place(code):
    events = code(
        "A drone strike hit a car near Jurf al-Sakhar on Monday, killing three Kataib Hezbollah "
        "members, and a fourth passenger was wounded and taken to hospital in Hilla."
    )
    assert len([e for e in events if e.type == "violent"]) == 1


def test_a_hyphenated_place_name_is_kept_whole(code):
    e = one(
        code(
            "Kataib Hezbollah said its fighters had targeted the American base at Ain al-Asad in "
            "western Anbar with a swarm of drones at dawn on Tuesday."
        )
    )
    assert e.place_text and "al-Asad" in e.place_text


def test_an_event_told_through_another_verb_takes_that_verbs_date(ctx):
    text = (
        "A force from the Counter-Terrorism Service succeeded at dawn on Tuesday in foiling an "
        "attempt to launch rockets west of Baghdad."
    )
    e = one(_dated(ctx, text, "2024-04-23"))
    assert e.date_text and "Tuesday" in e.date_text


def test_it_was_struck_tells_the_attack_told_before(pipeline):
    doc = _coded(
        pipeline,
        "A drone strike hit a vehicle near Jurf al-Sakhar late on Monday, killing three members "
        "of Kataib Hezbollah. The car was travelling towards the town of Musayyib in Babil "
        "province when it was struck shortly before midnight, a source said.",
    )
    violent = [e for e in doc.events if e.type == "violent"]
    assert len(violent) == 1, [(e.trigger, e.sentence) for e in violent]
    assert violent[0].location and violent[0].location.name == "Jurf al-Sakhar"


def test_a_statement_telling_the_speakers_own_act_is_that_acts_claim(pipeline):
    doc = _coded(
        pipeline,
        "The Islamic Resistance in Iraq announced on Thursday that its fighters had targeted "
        "Ain al-Asad air base with drones at dawn.",
    )
    assert [e.type for e in doc.events] == ["violent"], [(e.type, e.trigger) for e in doc.events]
    attack = doc.events[0]
    assert attack.certainty == "claimed"
    assert attack.date == "2024-02-29"  # the statement's Thursday; "at dawn" gives no day
    assert attack.sentence.startswith("The Islamic Resistance in Iraq announced")
    # a statement about another's act stays a statement
    doc = _coded(
        pipeline,
        "The Islamic Resistance in Iraq said on Thursday that US forces had struck a convoy.",
    )
    assert sorted(e.type for e in doc.events) == ["statement", "violent"]


def test_a_town_the_ner_takes_for_a_person_is_taken_and_placed(pipeline):
    doc = _coded(pipeline, "Rebels captured Kidal on Sunday.")
    assert [
        (e.acled_sub_event_type, e.location.name if e.location else None) for e in doc.events
    ] == [("Non-state actor overtakes territory", "Kidal")]
    assert not _coded(pipeline, "Rebels captured Abu Ahmed on Sunday.").events  # a person


def test_a_few_strikes_on_one_day_are_that_days_event_not_a_count(code):
    events = code("The Iraqi Air Force carried out two airstrikes on Monday on ISIS hideouts.")
    assert [e.aggregate for e in events if e.type == "violent"] == [None]
    counted = code("In 2022, Kataib Hezbollah carried out 102 attacks against US forces.")
    assert all(e.aggregate for e in counted if e.type == "violent")


def test_urging_and_calling_on_are_demands(code):
    events = code(
        "Kataib Hezbollah urged restraint on Saturday and called on Baghdad to expel US forces."
    )
    demand = one([e for e in events if e.type == "statement"])
    assert demand.plover == "DEMAND" and "kh" in roles(demand, "agent")


def test_a_timeline_line_is_dated_by_its_prefix_and_placed_by_what_was_hit(pipeline):
    doc = _coded(
        pipeline,
        "Timeline\n\n18 October 2023: Drones target al-Asad air base in Anbar province.\n\n"
        "28 January 2024: A drone strikes Tower 22, a small US outpost in north-eastern Jordan, "
        "killing three US soldiers.\n\nNovember 2023: US aircraft strike KH facilities in Jurf "
        "al-Sakhar.\n",
    )
    got = [(e.date, e.location.name if e.location else None) for e in doc.events]
    assert got == [
        ("2023-10-18", "Ain al-Asad Air Base"),
        ("2024-01-28", "Tower 22"),
        ("2023-11", "Jurf al-Sakhar"),
    ]


def test_a_statements_past_tense_the_tagger_misreads_keeps_its_doer_and_not_its_name_place(
    pipeline,
):
    doc = _coded(
        pipeline,
        "The mujahideen of the Islamic Resistance in Iraq targeted, this afternoon, the "
        "occupation base at al-Shaddadi in Syria with a drone.",
    )
    attack = one([e for e in doc.events if e.type == "violent"])
    assert roles(attack, "agent") == {"islamic-resistance-in-iraq"}
    assert attack.location is not None and attack.location.name == "al-Shaddadi"


def test_each_item_of_a_released_target_list_is_a_strike(pipeline):
    doc = _coded(
        pipeline,
        "On Jan. 24, U.S. Central Command forces conducted strikes against three facilities "
        "used by Kata'ib Hezbollah in Iraq. The targets were:\n\n"
        "- At 12:15 a.m., a KH command-and-control headquarters in Jurf al-Sakhar, Babil "
        "province, Iraq.\n"
        "- At 12:24 a.m., a drone storage facility near Al Qaim, Anbar province, Iraq.\n\n"
        "The strikes destroyed their intended targets.",
    )
    strikes = [e for e in doc.events if e.type == "violent" and e.location]
    places = {e.location.name: e for e in strikes}
    assert {"Jurf al-Sakhar", "Al-Qa'im"} <= set(places), [e.location for e in strikes]
    item = places["Al-Qa'im"]
    assert item.date == "2024-01-24" and item.acled_sub_event_type == "Air/drone strike"
    assert item.sentence.startswith("At 12:24 a.m.")
    # a list that no strike introduces is not coded
    listed = _coded(pipeline, "Our offices are in:\n\n- Baghdad, Iraq\n- Erbil, Iraq\n")
    assert not listed.events


def test_the_doer_of_a_nested_verb_and_the_target_of_a_performed_strike(code):
    killed = one(code("Two soldiers were killed on Monday when Kataib Hezbollah fighters attacked "
                      "their checkpoint."))  # fmt: skip
    assert roles(killed, "agent") == {"kh"}
    strikes = one(code("The US carried out two airstrikes on Monday on Kataib Hezbollah hideouts."))
    assert roles(strikes, "target") == {"kh"}


def test_deaths_in_a_clash_are_the_battles(code):
    tribes = one(code("One person was killed on Sunday night in a clash between members of two "
                      "tribes in Maysan."))  # fmt: skip
    assert (tribes.acled_event_type, tribes.acled_sub_event_type) == ("Battles", "Armed clash")
    crowd = one(code("Two protesters were killed in clashes with security forces on Friday."))
    assert crowd.acled_event_type == "Protests"


def test_a_statements_subject_the_parser_lost_and_a_place_it_fights_for(pipeline):
    doc = _coded(
        pipeline,
        "In continuation of our approach of resisting the occupation, in support of our people "
        "in Gaza and Lebanon, the mujahideen of the Islamic Resistance in Iraq at dawn today, "
        "Tuesday, attacked a vital target in occupied Umm al-Rashrash with drones.",
    )
    attack = one([e for e in doc.events if e.type == "violent"])
    assert roles(attack, "agent") == {"islamic-resistance-in-iraq"}
    assert attack.location is None or attack.location.name not in ("Gaza", "Lebanon")


def test_a_named_base_hit_is_the_place_before_the_region_around_it(pipeline):
    doc = _coded(
        pipeline,
        "Two drones targeted Ain al-Asad air base in western Anbar on Monday. A drone attack "
        "targeted Harir base, which hosts US forces in Erbil province's Shaqlawa district, on "
        "Sunday.",
    )
    got = [e.location.name for e in doc.events if e.location]
    assert got == ["Ain al-Asad Air Base", "Harir Air Base"], got


def test_the_day_between_the_event_and_who_said_it_dates_the_event(pipeline):
    doc = _coded(
        pipeline,
        "Drones struck the al-Tanf garrison, where US troops are based, on Wednesday, US "
        "officials said. Gunmen killed two policemen in Kirkuk, officials said on Thursday.",
    )
    dates = {e.trigger: e.date for e in doc.events if e.type == "violent"}
    assert dates["struck"] == "2024-02-28"  # the Wednesday before publication (Sunday 3 March)
    assert dates["killed"] is None  # "said on Thursday" dates the saying
    assert not [e for e in _coded(pipeline, "Drones bombed a base used by the PMF near Amerli "
                                            "on Friday.").events if e.type == "strategic"]  # fmt: skip


def test_a_crowds_violence_is_a_riot_and_a_named_civilian_shot_is_an_attack(pipeline):
    stormed = one(_coded(pipeline, "Hundreds of supporters of the Popular Mobilization Forces "
                                   "stormed a party headquarters in Baghdad on Saturday.").events)  # fmt: skip
    assert (stormed.acled_event_type, stormed.acled_sub_event_type) == (
        "Riots",
        "Violent demonstration",
    )
    shot = one(_coded(pipeline, "Security expert Hisham al-Hashimi was shot dead outside his "
                                "home in Baghdad on Monday by gunmen.").events)  # fmt: skip
    assert shot.acled_event_type == "Violence against civilians"


@pytest.mark.parametrize(
    ("text", "acled"),
    [
        ("Gunmen seized a shopkeeper from his house in Kirkuk on Monday.",
         ("Violence against civilians", "Abduction/forced disappearance")),
        ("Police seized weapons from a house in Mosul on Monday.",
         ("Strategic developments", "Disrupted weapons use")),
        ("Militants stormed a school in Diyala on Monday and kidnapped 12 pupils.",
         ("Violence against civilians", "Abduction/forced disappearance")),
        ("Gunmen stormed a village in Diyala on Monday, killing six people.",
         ("Violence against civilians", "Attack")),
        ("Angry residents set fire to the police station in Kirkuk on Monday.",
         ("Riots", "Violent demonstration")),
        ("Shopkeepers furious over new taxes set tyres ablaze outside the governorate building "
         "in Basra on Monday.", ("Riots", "Violent demonstration")),
        ("Islamic State militants set fire to wheat fields near Kirkuk on Monday.",
         ("Strategic developments", "Looting/property destruction")),
        ("Students forced their way into the ministry building in Baghdad on Monday, smashing "
         "windows.", ("Riots", "Violent demonstration")),
        ("Police fired rubber bullets and live rounds at students in Basra on Monday.",
         ("Protests", "Excessive force against protesters")),
        ("Police used pepper spray to disperse protesters in Basra on Monday.",
         ("Protests", "Protest with intervention")),
    ],
)  # fmt: skip
def test_abductions_storming_riots_and_force_on_crowds(pipeline, text, acled):
    coded = [e for e in _coded(pipeline, text).events if e.acled_event_type]
    assert coded and (coded[0].acled_event_type, coded[0].acled_sub_event_type) == acled, [
        (e.trigger, e.acled_event_type, e.acled_sub_event_type) for e in coded
    ]


def test_a_riot_is_a_protest_in_plover_too(pipeline):
    e = one(_coded(pipeline, "Angry residents set fire to the police station in Kirkuk on "
                             "Monday.").events)  # fmt: skip
    assert (e.type, e.plover) == ("protest", "PROTEST")


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # published Sunday 3 March 2024
        ("Parents of the students who disappeared in 2014 marched in Basra on Tuesday.",
         "2024-02-27"),
        ("Traders angry over taxes frozen since 2019 smashed shop windows in Basra on Tuesday.",
         "2024-02-27"),
        ("Gunmen abducted a doctor from his clinic in Kirkuk overnight on Wednesday.",
         "2024-02-28"),
    ],
)  # fmt: skip
def test_the_events_own_date_not_a_clause_about_its_people(pipeline, text, date):
    coded = [e for e in _coded(pipeline, text).events if e.acled_event_type]
    assert coded and coded[0].date == date, [(e.trigger, e.date, e.date_text) for e in coded]


@pytest.mark.parametrize(
    ("text", "acled"),
    [
        ("Armed settlers attacked shepherds grazing their flocks near Hebron on Monday.",
         ("Violence against civilians", "Attack")),
        ("Police opened fire with live rounds on demonstrators marching through Basra on Monday.",
         ("Protests", "Excessive force against protesters")),
        ("A rocket fired at the embassy in Baghdad was intercepted by air defences on Monday.",
         ("Strategic developments", "Disrupted weapons use")),
        ("Police detained a dozen students who had gathered outside the ministry in Baghdad on "
         "Monday to protest against fees.", ("Protests", "Protest with intervention")),
        ("Security forces detained 20 protesters in Basra on Monday.",
         ("Strategic developments", "Arrests")),
    ],
)  # fmt: skip
def test_misparsed_objects_crowds_under_fire_stopped_launches_and_arrests_at_a_protest(
    pipeline, text, acled
):
    coded = [e for e in _coded(pipeline, text).events if e.acled_event_type]
    assert coded and (coded[0].acled_event_type, coded[0].acled_sub_event_type) == acled, [
        (e.trigger, e.acled_event_type, e.acled_sub_event_type) for e in coded
    ]
    assert len(coded) == 1


def test_a_month_a_year_before_publication_is_history(ctx):
    text = (
        "The war, which ended with a truce signed in March 2023, displaced thousands of families."
    )
    assert not [e for e in _dated(ctx, text, "2024-03-20") if e.acled_event_type]
    recent = "A truce was signed in Doha in March 2024 between the two groups."
    assert [e.acled_sub_event_type for e in _dated(ctx, recent, "2024-03-20")] == ["Agreement"]


def test_a_fuel_named_as_a_commodity_is_not_a_chemical_weapon(code):
    e = one(code("A drone struck the Bai Hassan oil field on Friday, halting gas supplies."))
    assert e.acled_sub_event_type == "Air/drone strike"
    e = one(code("Militants fired chlorine gas shells at army positions near Baiji on Monday."))
    assert e.acled_sub_event_type == "Chemical weapon"


def test_a_handed_over_camp_or_base_is_a_transfer_of_territory(code):
    e = one(code("French troops handed over their camp near Gao to the Malian army on Monday."))
    assert e.acled_sub_event_type == "Non-violent transfer of territory"
    # people handed over are not territory
    events = code("The suspects were handed over to the police on Monday.")
    assert not [e for e in events if e.acled_sub_event_type == "Non-violent transfer of territory"]


def test_a_gerund_subject_is_the_event_noun(code):
    e = one(code("Fighting between two rival brigades erupted in southern Tripoli on Monday."))
    assert (e.acled_event_type, e.acled_sub_event_type) == ("Battles", "Armed clash")
    assert e.date_text == "Monday"


def test_an_irregular_past_the_tagger_reads_as_a_base_form_is_a_past(ctx):
    events = _dated(
        ctx,
        "The army, which is supported by allied militias, retook the desert town of Tessalit "
        "on Tuesday, ending months of rebel control, officials announced.",
        "2023-11-16",
    )
    e = [e for e in events if e.acled_event_type][0]
    assert e.acled_event_type == "Battles"
    assert e.date_text == "Tuesday"  # the NER's "Tuesday, ending months" is cut at the verb
    assert e.place_text == "in Tessalit"  # "the town of X" names a town, whatever the NER says


def test_a_rape_documented_by_a_monitor_is_coded_with_the_date_it_gives(code):
    e = one(code("A rights group documented the rape of four women by militiamen in May."))
    assert e.acled_sub_event_type == "Sexual violence"
    assert e.date_text == "May"


def test_a_when_clause_event_takes_the_main_clause_date(code):
    e = one(code("Three travellers died on Friday when a roadside bomb tore through their bus."))
    assert e.acled_sub_event_type == "Remote explosive/landmine/IED"
    assert e.date_text == "Friday"


def test_an_act_done_in_protest_is_the_protest_and_its_cause_is_not_force(code):
    e = one(code("Traders closed their shops in protest on Monday after the killing of a trader."))
    assert (e.acled_event_type, e.acled_sub_event_type) == ("Protests", "Peaceful protest")
    assert not [
        e for e in code("The minister resigned in protest on Monday.") if e.acled_event_type
    ]


def test_forming_a_new_coalition_is_a_change_to_group(code):
    e = one(code("Five armed factions in Daraa formed a new coalition on Monday."))
    assert e.acled_sub_event_type == "Change to group/activity"
    assert not code("The government formed a committee on Monday.")


def test_a_tossed_grenade_or_stone(code):
    e = one(code("Unknown attackers tossed a grenade into a bar on Friday, wounding six people."))
    assert e.acled_sub_event_type == "Grenade"
    e = one(code("Protesters tossed stones at police in Nairobi on Monday."))
    assert (e.acled_event_type, e.acled_sub_event_type) == ("Riots", "Violent demonstration")


def test_live_rounds_fired_at_demonstrators_are_excessive_force(code):
    e = one(
        code("Police fired live rounds at demonstrators in Kisumu on Tuesday, killing two people.")
    )
    assert (e.acled_event_type, e.acled_sub_event_type) == (
        "Protests",
        "Excessive force against protesters",
    )


def test_shots_fired_into_the_air_are_not_a_strike(code):
    events = code("Gunmen fired shots into the air at a wedding on Monday.")
    assert not [e for e in events if e.acled_sub_event_type == "Air/drone strike"]


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        # what aircraft fire is an air strike, whatever it fires
        (
            "Israeli jets fired several missiles at positions near Qusayr on Wednesday.",
            "Air/drone strike",
        ),
        ("A drone fired two rockets at a car near Qaim on Wednesday.", "Air/drone strike"),
        (
            "Militants fired rockets at a base near Balad on Wednesday.",
            "Shelling/artillery/missile attack",
        ),
        # a chemical weapon stays one, whoever drops it
        (
            "Helicopters dropped a barrel bomb containing chlorine on Douma on Saturday.",
            "Chemical weapon",
        ),
    ],
)
def test_aircraft_firing_a_weapon_is_an_air_strike(pipeline, text, sub):
    assert _first_violent(pipeline, text).acled_sub_event_type == sub


def test_a_weapon_word_that_describes_the_site_struck_is_not_the_weapon(pipeline):
    e = _first_violent(
        pipeline, "The army said it had struck missile storage sites near Hodeidah on Saturday."
    )
    assert e.acled_sub_event_type != "Shelling/artillery/missile attack"
    e = _first_violent(pipeline, "A drone struck a rocket launcher near Hit on Saturday.")
    assert e.acled_sub_event_type == "Air/drone strike"


def test_a_clause_whose_subject_is_no_one_reports_no_event(pipeline):
    assert _coded(pipeline, "No one was killed in Beni on Monday.").events == []
    assert _coded(pipeline, "No soldiers were wounded near Goma on Monday.").events == []
    doc = _coded(pipeline, "No fewer than 20 people were killed in Goma on Monday.")
    assert len(doc.events) == 1  # "no" bounding a number is no negation


def test_burnt_down_villages_are_property_destruction_placed_by_their_lga(pipeline):
    doc = _coded(
        pipeline,
        "Insurgents burnt down dozens of houses in Kirawa, Gwoza LGA, on Saturday.",
    )
    e = one(doc.events)
    assert e.acled_sub_event_type == "Looting/property destruction"
    # the village the gazetteer lacks is the place, on the map by its LGA (ACLED precision 2)
    assert (e.location.name, e.location.country, e.location.precision) == ("Kirawa", "Nigeria", 2)
    assert not any("lga" in a.id for a in doc.actors)  # an LGA is a place, not an actor


def test_bombs_that_fall_on_a_place_are_shelling_not_a_planted_bomb(pipeline):
    e = _first_violent(pipeline, "Bombs fell on a market in Beni on Friday, killing five people.")
    assert e.acled_sub_event_type == "Shelling/artillery/missile attack"
    e = _first_violent(pipeline, "A bomb went off in a market in Beni on Friday, killing five.")
    assert e.acled_sub_event_type == "Remote explosive/landmine/IED"


def test_an_exchange_of_prisoners_is_an_agreement_and_of_fire_a_clash(pipeline):
    doc = _coded(pipeline, "The army and the rebels exchanged 30 prisoners near Marib on Sunday.")
    assert one(doc.events).acled_sub_event_type == "Agreement"
    doc = _coded(pipeline, "The army and the rebels exchanged fire near Marib on Sunday.")
    assert one(doc.events).acled_sub_event_type == "Armed clash"


def test_a_town_entered_without_a_fight_is_a_non_violent_transfer(pipeline):
    doc = _coded(
        pipeline, "Rebel fighters entered the town of Tal Abyad on Friday without a fight."
    )
    assert one(doc.events).acled_sub_event_type == "Non-violent transfer of territory"


def test_force_that_killed_protesters_is_the_crowds_second_actor(pipeline):
    # ACLED codes every demonstration event with the crowd first, excessive force included
    doc = _coded(
        pipeline, "Security forces killed 18 protesters on a bridge in Nasiriyah on Thursday."
    )
    event = one(doc.events)
    assert event.acled_sub_event_type == "Excessive force against protesters"
    assert roles(event, "agent") == {"protesters-iraq"}
    assert roles(event, "target") == {"iraqi-security-forces"}


def test_a_groups_short_name_in_a_persons_title_makes_the_group_a_party(pipeline):
    doc = _coded(
        pipeline,
        "Kataib Hezbollah (KH) is an armed faction in Iraq.\n\n"
        "A US drone killed KH commander Abu Baqir al-Saadi in Baghdad on Wednesday.",
    )
    strike = one(doc.events)
    assert roles(strike, "target") == {"kataib-hezbollah", "abu-baqir-al-saadi"}
    assert roles(strike, "agent") == {"united-states"}


def test_a_timeline_lines_day_number_stays_with_its_month(code):
    # the NER leaves the "2" of a line opening "2 February 2024:" outside the date
    e = one(code("2 February 2024: US bombers hit more than 85 targets at seven sites."))
    assert e.date_text == "2 February 2024"
    e = one(code("The US struck 85 targets on 2 February 2024."))
    assert e.date_text == "2 February 2024"


@pytest.mark.parametrize(
    ("text", "agent"),
    [
        ("Three soldiers were killed in an al-Shabaab attack in Mandera.", "al-shabaab"),
        ("Three soldiers were killed in an ambush by al-Shabaab in Mandera.", "al-shabaab"),
        ("Two fighters were killed in a Turkish drone strike in Sinjar.", "turkey"),
    ],
)
def test_killed_in_an_attack_names_the_attacks_doer(pipeline, text, agent):
    assert agent in roles(one(_coded(pipeline, text).events), "agent")


def test_its_fighters_killed_are_the_speakers_and_a_downed_drone_its_owners(pipeline):
    doc = _coded(
        pipeline,
        "Kataib Hezbollah said two of its fighters had been killed in a US strike in Baghdad.",
    )
    strike = one([e for e in doc.events if e.type == "violent"])
    assert roles(strike, "target") == {"kataib-hezbollah"}
    assert roles(strike, "agent") == {"united-states"}
    doc = _coded(pipeline, "The Houthis said they had shot down an American drone over Marib.")
    downed = one([e for e in doc.events if e.acled_event_type == "Strategic developments"])
    assert roles(downed, "agent") == {"houthis"}
    assert roles(downed, "target") == {"united-states"}


def test_killed_when_a_drone_struck_a_named_site_is_placed_at_the_site(pipeline):
    doc = _coded(
        pipeline,
        "Three soldiers were killed and dozens wounded when a drone struck Tower 22, a small "
        "outpost in northeast Jordan near the Syrian border, on Sunday.",
    )
    assert one(doc.events).place_text == "at Tower 22"


def test_an_unplaced_act_happened_where_the_act_before_it_in_its_paragraph_did(pipeline):
    doc = _coded(
        pipeline,
        "Militants fired rockets at Ain al-Asad air base on Saturday. Most were intercepted by "
        "the base's air defences.\n\nPolice arrested two men on Sunday.",
    )
    fired, intercepted, arrested = sorted(doc.events, key=lambda e: e.start)
    assert intercepted.acled_sub_event_type == "Disrupted weapons use"
    assert intercepted.location and intercepted.location.name == fired.location.name
    assert arrested.place_text is None  # a new paragraph is a new scene


def test_a_dateline_abroad_does_not_place_the_storys_events(pipeline):
    doc = _coded(
        pipeline,
        "TAMPA, Fla. - U.S. forces struck a militia headquarters in Jurf al-Sakhar, Iraq, on "
        "Tuesday.\n\nA drone attack targeted U.S. troops on Wednesday.",
    )
    struck, drone = sorted(doc.events, key=lambda e: e.start)
    assert struck.location and struck.location.name == "Jurf al-Sakhar"
    assert drone.place_text is None  # Tampa is where the release was issued
    doc = _coded(pipeline, "BASRA, July 20 (Agency) - Riot police fired tear gas at a crowd.")
    assert one(doc.events).place_text == "in Basra"


def test_a_takeover_after_an_attack_elsewhere_is_its_own_event(pipeline):
    # "the locality of X" names the place taken even when the gazetteer does not know X; "the
    # rebels" is the group the story called rebels, not the other armed group of the sentence;
    # "by the evening" is the day of the attack told before.
    doc = _coded(
        pipeline,
        "Rebels of the March 23 Movement (M23) attacked positions held by the army and Wazalendo "
        "fighters around Alimbongo on Friday morning, residents said. By the evening, the rebels "
        "had taken the nearby locality of Qwarizu, residents said.",
    )
    taken = [
        e for e in doc.events if e.acled_sub_event_type == "Non-state actor overtakes territory"
    ]
    assert len(doc.events) == 2 and len(taken) == 1, [e.sentence for e in doc.events]
    assert taken[0].place_text == "in Qwarizu"
    assert roles(taken[0], "agent") == {"m23"}
    assert taken[0].date == "2024-03-01"


def test_two_attacks_on_one_party_in_two_towns_are_two_events(pipeline):
    text = (
        "Islamic State gunmen attacked a Peshmerga checkpoint near Makhmour, killing two "
        "fighters. Separately, three Peshmerga fighters were wounded when a roadside bomb "
        "exploded beside their vehicle in Tuz Khurmatu, officials said."
    )
    doc = _coded(pipeline, text)
    assert len(doc.events) == 2, [(e.sentence, e.place_text) for e in doc.events]
    # a region holds any of its towns: the second telling is the same attack
    same = text.replace("in Tuz Khurmatu", "in Nineveh province")
    assert len(_coded(pipeline, same).events) == 1


def test_overrunning_a_military_post_is_an_attack_not_a_drone_strike_the_headline_tells(pipeline):
    doc = _coded(
        pipeline,
        "Militants overrun army post; drones hit fleeing fighters\n\n"
        "Fighters of Islamic State overran a military detachment on the outskirts of Tal Afar on "
        "Sunday, killing 12 soldiers, residents said. On Monday, drones struck a column of "
        "fighters near Sinjar, the army said.",
    )
    post = [e for e in doc.events if "overran" in e.sentence]
    assert len(post) == 1 and post[0].acled_event_type == "Battles", [
        (e.sentence[:40], e.acled_sub_event_type) for e in doc.events
    ]
    assert post[0].place_text == "near Tal Afar"


def test_fighting_that_spread_across_fronts_sums_many_events(pipeline):
    doc = _coded(
        pipeline,
        "Fighting between M23 rebels and the army spread across two fronts in North Kivu this week.",
    )
    assert doc.events == []
    doc = _coded(pipeline, "The killing of a commander in Goma intensified the crisis on Monday.")
    assert len(doc.events) == 1  # an event named as the cause of a trend is still one


def test_it_said_names_the_one_group_told_before(pipeline):
    doc = _coded(
        pipeline,
        "Kataib Hezbollah fighters paraded in Baghdad on Monday. On Tuesday, it said the attack "
        "would be answered.",
    )
    verbal = [e for e in doc.events if "it said" in e.sentence]
    assert len(verbal) == 1 and roles(verbal[0], "agent") == {"kataib-hezbollah"}
    # two groups named just before: "it" is left unresolved, no statement is coded
    doc = _coded(
        pipeline,
        "Kataib Hezbollah and Asaib Ahl al-Haq paraded on Monday. On Tuesday, it said the attack "
        "would be answered.",
    )
    assert not [e for e in doc.events if "it said" in e.sentence]


def test_a_few_raids_on_one_place_are_one_event_and_many_or_spread_ones_a_count(pipeline):
    one_site = "US forces carried out four raids on the port of Ras Isa, the Houthis said."
    doc = _coded(pipeline, one_site)
    assert len(doc.events) == 1 and not doc.claims
    spread = "US forces carried out four raids on Ras Isa and Hodeidah, the Houthis said."
    doc = _coded(pipeline, spread)
    assert doc.events == [] and len(doc.claims) == 1


def test_a_dated_rally_compared_with_a_weekly_habit_is_still_one_event(pipeline):
    doc = _coded(
        pipeline,
        "On Friday, tens of thousands of supporters rallied in Basra's Tahrir Square, as they do "
        "every week, chanting against the government.",
    )
    assert len(doc.events) == 1 and doc.events[0].type == "protest"
    doc = _coded(pipeline, "Supporters rallied in Tahrir Square every week, chanting slogans.")
    assert doc.events == []


def test_the_named_sub_district_is_the_place_not_the_district_it_belongs_to(pipeline):
    # the tokenizer keeps "sub-district" whole, so the name before it is the place
    e = _first_violent(
        pipeline, "A drone struck a car in the Qaraj sub-district of Makhmur on Monday."
    )
    assert (e.location.name, e.location.country, e.location.precision) == ("Qaraj", "Iraq", 2)


def test_a_village_said_beside_its_district_or_region_is_the_place_on_their_map(pipeline):
    e = _first_violent(
        pipeline, "Soldiers clashed with rebels in the hills above Bantolo, in Northern Samar."
    )
    assert (e.location.name, e.location.country) == ("Bantolo", "Philippines")
    e = _first_violent(
        pipeline, "Gunmen killed two farmers in Kharbat Dilli sub-district, south of Kirkuk."
    )
    assert (e.location.name, e.location.country, e.location.precision) == (
        "Kharbat Dilli", "Iraq", 2,
    )  # fmt: skip


def test_a_verb_joined_to_entering_a_village_takes_its_date_and_its_village(pipeline):
    doc = _coded(
        pipeline,
        "On 1 March, armed men entered Namuno Sede, in Chiure district, and set fire to at least "
        "20 houses.",
    )
    e = one([e for e in doc.events if e.acled_event_type])
    assert (e.date, e.date_precision) == ("2024-03-01", "day")
    assert (e.location.name, e.location.country) == ("Namuno Sede", "Mozambique")


def test_victims_wounded_beside_the_killed_leave_the_doer_to_the_when_clause(pipeline):
    e = _first_violent(
        pipeline,
        "Two soldiers were killed and four others wounded on Monday when Islamic State militants "
        "attacked their checkpoint near Tarmiyah.",
    )
    assert any(a.role == "agent" and "islamic" in a.actor_id for a in e.actors), e.actors
    assert "attacked" in e.trigger


def test_armed_youths_raiding_a_camp_are_a_militia_not_a_riot(pipeline):
    e = _first_violent(
        pipeline,
        "Twelve people were killed when armed youths raided a cattle camp near Pibor on Monday.",
    )
    assert e.acled_event_type == "Violence against civilians"
    e = _first_violent(pipeline, "Youths burned tyres and clashed with police in Juba on Monday.")
    assert e.acled_event_type == "Riots"


def _agent_names(doc: Document, e: Event) -> set[str]:
    names = {a.id: a.name for a in doc.actors}
    return {names[a.actor_id] for a in e.actors if a.role == "agent"}


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen shot dead a trader in Kismayo on Monday.",
        "On Monday, unidentified armed men abducted two aid workers near Kismayo.",
        "A roadside bomb hit a minibus near Kismayo on Monday, killing four passengers.",
    ],
)
def test_a_doer_the_story_does_not_name_is_an_unidentified_armed_group(pipeline, text):
    doc = _coded(pipeline, text)
    e = next(e for e in doc.events if e.acled_event_type)
    assert _agent_names(doc, e) == {"Unidentified Armed Group (Somalia)"}


def test_an_air_strike_with_no_doer_is_left_without_one(pipeline):
    doc = _coded(pipeline, "A drone struck a car near Kismayo on Monday, killing two men.")
    e = next(e for e in doc.events if e.acled_event_type)
    assert e.acled_sub_event_type == "Air/drone strike"
    assert _agent_names(doc, e) == set()


def test_the_attackers_are_the_doers_of_the_attack_told_before(pipeline):
    doc = _coded(
        pipeline,
        "Al-Shabaab fighters stormed a police station in Afgoye on Monday, killing three "
        "officers. Before leaving, the attackers set fire to two vehicles.",
    )
    first, second = [e for e in doc.events if e.acled_event_type][:2]
    assert "set" in second.trigger
    assert _agent_names(doc, second) == _agent_names(doc, first) != set()


def test_insurgents_are_the_armed_group_the_story_is_about_when_one_dominates(pipeline):
    story = (
        "Boko Haram has fought the Nigerian state since 2009. Boko Haram fighters often raid "
        "farms in the area. On Sunday, insurgents abducted six farmers near Gwoza."
    )
    doc = _coded(pipeline, story)
    e = next(e for e in doc.events if e.acled_sub_event_type == "Abduction/forced disappearance")
    assert _agent_names(doc, e) == {"Boko Haram"}
    doc = _coded(pipeline, story.replace("Boko Haram fighters", "ISWAP fighters"))
    e = next(e for e in doc.events if e.acled_sub_event_type == "Abduction/forced disappearance")
    assert _agent_names(doc, e) == {"Unidentified Armed Group (Nigeria)"}  # no one group leads


def test_a_province_after_the_town_decides_its_country(pipeline):
    e = _first_violent(
        pipeline, "Gunmen shot dead a village chief in Dolores, Eastern Samar, on Monday."
    )
    assert (e.location.name, e.location.country) == ("Dolores", "Philippines")


@pytest.mark.parametrize(
    ("text", "force"),
    [
        ("The air force struck a gathering of fighters near Lashio, Myanmar, on Monday.",
         "Myanmar Armed Forces"),
        ("Junta aircraft dropped bombs on Lashio, Myanmar, on Thursday, wounding five civilians.",
         "Myanmar Armed Forces"),
        ("In Nioro du Sahel, Mali, an army drone struck a column of militants on Monday.",
         "Malian Armed Forces"),
        ("On Monday, soldiers of the 803rd Infantry Brigade clashed with guerrillas near "
         "Catarman, Philippines.", "Armed Forces of the Philippines"),
    ],
)  # fmt: skip
def test_unnamed_air_assets_and_formations_are_the_states_military(pipeline, text, force):
    doc = _coded(pipeline, text)
    e = next(e for e in doc.events if e.acled_event_type)
    assert _agent_names(doc, e) == {force}


def test_soldiers_of_a_named_group_are_not_the_states(pipeline):
    doc = _coded(pipeline, "Soldiers of the SDF clashed with gunmen near Raqqa, Syria, on Monday.")
    e = next(e for e in doc.events if e.acled_event_type)
    assert "Military Forces of Syria" not in _agent_names(doc, e)
    assert not any("syria" in a.actor_id and "forces" in a.actor_id for a in e.actors)


def _target_names(doc: Document, e: Event) -> set[str]:
    names = {a.id: a.name for a in doc.actors}
    return {names[a.actor_id] for a in e.actors if a.role == "target"}


def test_unnamed_militants_hit_by_a_state_are_the_storys_armed_group(pipeline):
    story = (
        "Boko Haram has fought the Nigerian state since 2009. Boko Haram fighters often raid "
        "farms in the area. On Sunday, troops killed eight militants near Gwoza."
    )
    doc = _coded(pipeline, story)
    e = next(e for e in doc.events if "killed" in e.trigger)
    assert _target_names(doc, e) == {"Boko Haram"}
    doc = _coded(pipeline, story.replace("Boko Haram fighters", "ISWAP fighters"))
    e = next(e for e in doc.events if "killed" in e.trigger)
    assert _target_names(doc, e) == {"Unidentified Armed Group (Nigeria)"}  # no one group leads


def test_a_state_strikes_back_at_the_group_that_attacked_it(pipeline):
    doc = _coded(
        pipeline,
        "JNIM fighters attacked an army post near Djibo on Sunday, killing ten soldiers. "
        "Islamic State fighters were also active in the area. The army said drones had "
        "struck a column of fighters fleeing with stolen equipment on Monday near Djibo.",
    )
    e = next(e for e in doc.events if e.acled_sub_event_type == "Air/drone strike")
    assert _agent_names(doc, e) == {"Burkina Faso Armed Forces"}  # the force that reports it
    assert _target_names(doc, e) == {"Jama'at Nusrat al-Islam wal-Muslimin"}


def test_an_unnamed_party_word_in_one_groups_name_is_that_group(pipeline):
    doc = _coded(
        pipeline,
        "The ELN said on Friday it wanted talks. FARC dissidents attacked a police station in "
        "Cauca on Saturday. The army said troops killed four dissidents near Argelia on Sunday.",
    )
    e = next(e for e in doc.events if "killed" in e.trigger and "four" in e.sentence)
    assert _target_names(doc, e) == {"FARC dissidents"}


def test_rebels_fought_by_an_armed_group_are_left_unnamed(pipeline):
    doc = _coded(
        pipeline, "Al-Shabaab fighters clashed with rebels near Kismayo, Somalia, on Monday."
    )
    e = next(e for e in doc.events if e.acled_event_type)
    assert _target_names(doc, e) == set()


def test_a_group_of_gunmen_is_an_unidentified_doer(pipeline):
    doc = _coded(pipeline, "A group of gunmen abducted two aid workers near Kismayo on Monday.")
    e = next(e for e in doc.events if e.acled_event_type)
    assert _agent_names(doc, e) == {"Unidentified Armed Group (Somalia)"}


def test_a_drone_strike_by_unnamed_gunmen_is_not_the_reporting_polices(pipeline):
    doc = _coded(
        pipeline,
        "Gunmen dropped explosives from drones on a police station near Jamundi, Colombia, on "
        "Sunday, police said.",
    )
    e = next(e for e in doc.events if e.acled_event_type)
    assert not any("police" in a for a in _agent_names(doc, e))


def test_a_force_the_events_name_carries_its_registry_and_acled_names(pipeline):
    doc = _coded(pipeline, "About 30 militants attacked a police camp in Elwak, Kenya, on Monday.")
    e = next(e for e in doc.events if e.acled_event_type)
    police = next(a for a in doc.actors if a.id in roles(e, "target"))
    assert police.kind == "state_force"
    assert {"Kenya Police", "Police Forces of Kenya"} <= set(police.aliases)


def test_a_taking_of_a_place_the_other_side_took_is_against_that_side(pipeline):
    doc = _coded(
        pipeline,
        "On Thursday the Somali National Army retook the town of Mahaday, Somalia. Al-Shabaab "
        "fighters had overrun the town in late February.",
    )
    retook = next(e for e in doc.events if e.acled_sub_event_type == "Government regains territory")
    overran = next(
        e for e in doc.events if e.acled_sub_event_type == "Non-state actor overtakes territory"
    )
    assert _target_names(doc, retook) == {"al-Shabaab"}
    assert _target_names(doc, overran) == {"Somali National Army"}


def test_rebels_take_a_place_from_the_side_they_attacked_before(pipeline):
    doc = _coded(
        pipeline,
        "On Monday, M23 rebels attacked positions held by the FARDC near Kanyabayonga, in North "
        "Kivu. By the evening, the rebels had taken the nearby locality of Luofu.",
    )
    e = next(
        e for e in doc.events if e.acled_sub_event_type == "Non-state actor overtakes territory"
    )
    assert _target_names(doc, e) == {"Armed Forces of the Democratic Republic of the Congo"}


def test_an_armed_group_takes_a_place_from_the_countrys_military(pipeline):
    doc = _coded(pipeline, "On Monday, Fano fighters took control of Mota town, Ethiopia.")
    e = next(
        e for e in doc.events if e.acled_sub_event_type == "Non-state actor overtakes territory"
    )
    assert _target_names(doc, e) == {"Ethiopian National Defense Force"}


def test_a_military_base_is_the_armys_but_a_named_owners_base_is_not(pipeline):
    doc = _coded(
        pipeline, "Al-Shabaab fighters overran a military base in Sabiid, Somalia, on Monday."
    )
    e = next(e for e in doc.events if e.acled_event_type)
    assert _target_names(doc, e) == {"Somali National Army"}
    doc = _coded(
        pipeline,
        "Al-Shabaab fighters attacked a military base of the Kenyan Defence Forces near Kismayo.",
    )
    e = next(e for e in doc.events if e.acled_event_type)
    assert "Somali National Army" not in _target_names(doc, e)


def test_a_taking_of_ground_is_not_merged_with_a_bombing_of_the_same_side(pipeline):
    doc = _coded(
        pipeline,
        "On Tuesday a roadside bomb killed two soldiers of the Somali National Army near "
        "Mogadishu. Last week al-Shabaab fighters overran a Somali National Army base in Sabiid.",
    )
    subs = {e.acled_sub_event_type for e in doc.events}
    assert {"Remote explosive/landmine/IED", "Non-state actor overtakes territory"} <= subs


@pytest.mark.parametrize(
    "text",
    [
        "The Houthis said on Tuesday they had struck a Liberian-flagged bulk carrier in the Red Sea.",
        "On Monday the Houthis fired two missiles at a Greek-owned oil tanker in the Gulf of Aden.",
        "The Houthis fired missiles at a commercial ship in the Red Sea on Monday.",
    ],
)
def test_a_ship_of_trade_that_is_hit_carries_civilians(pipeline, text):
    e = next(e for e in _coded(pipeline, text).events if e.acled_event_type)
    assert "civilians-international" in roles(e, "target")


def test_a_warship_is_its_states_and_carries_no_civilians(pipeline):
    doc = _coded(
        pipeline,
        "The Houthis launched drones at an American aircraft carrier in the Red Sea on Tuesday.",
    )
    e = next(e for e in doc.events if e.acled_event_type)
    assert _target_names(doc, e) == {"United States"}


def test_a_verb_the_parser_hung_on_its_object_still_codes_its_event(pipeline):
    # the parser reads "fired" as a modifier of "missiles", the root of the sentence
    doc = _coded(pipeline, "The Houthis fired missiles at a commercial ship on Monday.")
    e = next(e for e in doc.events if e.acled_event_type)
    assert e.acled_sub_event_type == "Shelling/artillery/missile attack"
    assert _agent_names(doc, e) == {"Houthis"}


def test_men_a_strike_kills_are_no_armed_party(pipeline):
    doc = _coded(
        pipeline,
        "Late on Sunday, a Turkish drone struck a car on the road between Qamishli and Amuda, "
        "killing two men.",
    )
    e = next(e for e in doc.events if e.acled_event_type)
    assert not any("armed-group" in a for a in roles(e, "target"))


def test_a_road_between_two_towns_is_placed_near_the_first(pipeline):
    e = _first_violent(
        pipeline,
        "On Sunday, a drone struck a car on the road between Qamishli and Amuda in Syria.",
    )
    assert (e.location.name, e.location.precision) == ("Qamishli", 2)


def test_engaging_armed_men_is_a_clash_but_engaging_elders_is_not(pipeline):
    e = _first_violent(
        pipeline, "Soldiers engaged the militants near Kulachi, Pakistan, on Tuesday."
    )
    assert e.acled_sub_event_type == "Armed clash"
    doc = _coded(pipeline, "The minister engaged the tribal elders in talks on Monday.")
    assert not [e for e in doc.events if e.acled_event_type]


_BLIND6 = sorted(
    (Path(__file__).resolve().parent / "data" / "gold" / "blind6" / "corpus").glob("*.txt")
)


@pytest.mark.parametrize("path", _BLIND6, ids=lambda p: p.name)
def test_no_actor_is_both_a_side_of_an_act_and_its_target(pipeline, path):
    doc = pipeline(Document(source=path.name, raw=path.read_text(encoding="utf-8")))
    for e in doc.events:
        assert not roles(e, "agent") & roles(e, "target"), e.sentence


def test_unnamed_armed_men_a_force_kills_make_a_battle(pipeline):
    doc = _coded(
        pipeline,
        "The Fitna al Khwarij has stepped up its attacks in the province. On Wednesday, in "
        "the Jani Khel area of Bannu District, Pakistan, troops killed three more khwarij.",
    )
    e = next(e for e in doc.events if "killed" in e.trigger)
    assert _target_names(doc, e) == {"Tehrik-i-Taliban Pakistan"}
    assert (e.acled_event_type, e.acled_sub_event_type) == ("Battles", "Armed clash")


def test_sent_to_hell_is_a_killing_told_in_the_sources_words(pipeline):
    doc = _coded(
        pipeline,
        "On Wednesday, in Datta Khel, Pakistan, eight militants were sent to hell by troops, "
        "the military said.",
    )
    e = next(e for e in doc.events if e.acled_event_type)
    assert e.type == "violent" and "sent to hell" in " ".join(e.framing).lower()


def test_a_homonym_town_in_a_country_the_story_never_names_does_not_set_the_victims_country(
    pipeline,
):
    doc = _coded(
        pipeline,
        "Myanmar's military has stepped up air strikes in Sagaing Region. Yangon and Mandalay "
        "were calm. On Monday an airstrike on a school near Kani killed seven people.",
    )
    e = next(e for e in doc.events if e.acled_sub_event_type == "Air/drone strike")
    assert "civilians-japan" not in roles(e, "target")
    assert "civilians-myanmar" in roles(e, "target")


def test_a_states_army_by_its_possessive_is_that_states_military(pipeline):
    doc = _coded(pipeline, "Cameroon's army killed six separatist fighters near Kumbo on Monday.")
    e = next(e for e in doc.events if e.acled_event_type)
    assert _agent_names(doc, e) == {"Cameroon Armed Forces"}
    doc = _coded(
        pipeline, "The rebels' soldiers killed six villagers near Kumbo, Cameroon, on Monday."
    )
    e = next(e for e in doc.events if e.acled_event_type)
    assert "Cameroon Armed Forces" not in _agent_names(doc, e)


def test_an_attack_named_by_its_day_is_the_one_told_before(pipeline):
    doc = _coded(
        pipeline,
        "Gunmen attacked a police station in Afgoye, Somalia, on Sunday, killing three "
        "officers. Sunday's attack was the deadliest in the district this year.",
    )
    violent = [e for e in doc.events if e.type == "violent"]
    assert len(violent) == 1 and violent[0].fatalities == 3


def test_an_act_told_after_two_days_after_is_two_days_before_the_act_it_is_told_from(pipeline):
    doc = _coded(
        pipeline,
        "JNIM fighters overran an army post near Arbinda on Sunday, killing 20 soldiers. "
        "Sunday's attack came two days after seven VDP members were killed in an ambush near "
        "Markoye.",
    )
    attack, ambush = sorted((e for e in doc.events if e.type == "violent"), key=lambda e: e.start)
    assert attack.date == "2024-03-03" and ambush.date == "2024-03-01"
    doc = _coded(
        pipeline,
        "JNIM fighters overran an army post near Arbinda on Sunday, killing 20 soldiers. Two "
        "days after the attack, militants burned a school near Djibo.",
    )
    burned = next(e for e in doc.events if "burned" in e.trigger)
    assert burned.date == "2024-03-05"


def test_our_units_are_the_party_the_statement_speaks_for(pipeline):
    doc = _coded(
        pipeline,
        "MINISTRY OF NATIONAL DEFENCE\n\nThe following activities were carried out by the "
        "Turkish Armed Forces in the north of Iraq. On 13 June 2024, four PKK terrorists "
        "were neutralized by air-supported fire of our units in the Metina region.",
    )
    e = next(e for e in doc.events if "neutralized" in e.trigger)
    assert _agent_names(doc, e) == {"Turkish Armed Forces"}


def test_our_forces_in_a_quote_are_the_speakers(pipeline):
    doc = _coded(
        pipeline,
        "Myanmar's military has lost ground in Rakhine State this year. \"Our forces have "
        'taken complete control of the town of Ann," the Arakan Army said on Friday.',
    )
    e = next(e for e in doc.events if e.type == "violent")
    assert _agent_names(doc, e) == {"Arakan Army"}


def test_the_rebel_militia_is_the_storys_armed_group_not_the_army_told_before(pipeline):
    doc = _coded(
        pipeline,
        "The army retook Wad Madani from the Rapid Support Forces on Saturday. Soldiers "
        "killed five civilians east of the city on Saturday, activists said. At dawn on "
        "Monday, the rebel militia launched a wave of drones at the Merowe dam in Sudan.",
    )
    e = next(e for e in doc.events if e.acled_sub_event_type == "Air/drone strike")
    assert _agent_names(doc, e) == {"Rapid Support Forces"}


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Police used excessive force against protesters in Baghdad on Friday.",
         "Protest with intervention"),
        ("Security forces used lethal force against demonstrators in Nasiriyah on Friday.",
         "Excessive force against protesters"),
    ],
)  # fmt: skip
def test_undue_force_used_on_a_crowd_codes_the_protest(pipeline, text, sub):
    doc = _coded(pipeline, text)
    e = next(e for e in doc.events if e.acled_event_type)
    assert (e.acled_event_type, e.acled_sub_event_type) == ("Protests", sub)


def test_force_used_to_clear_a_road_is_no_protest(pipeline):
    doc = _coded(pipeline, "The army used force to clear the road near Basra on Friday.")
    assert not [e for e in doc.events if e.acled_event_type == "Protests"]


def test_an_opening_near_the_parser_read_as_a_name_still_places_the_event(pipeline):
    e = _first_violent(
        pipeline, "Near Nioro du Sahel, Mali, an army drone struck a column of militants on Monday."
    )
    assert e.location is not None and e.location.country == "Mali"
    assert e.location.precision == 2


@pytest.mark.parametrize(
    "text",
    [
        "On 2 March, armed men looted medical supplies from the health centre in Kobo, Ethiopia.",
        "Suspected rebels set fire to two backhoes at a road project near Catubig, Philippines, "
        "on Monday.",
    ],
)
def test_looted_or_burned_civilian_property_is_done_to_civilians(pipeline, text):
    doc = _coded(pipeline, text)
    e = next(e for e in doc.events if e.acled_sub_event_type == "Looting/property destruction")
    assert any(a.startswith("civilians-") for a in roles(e, "target"))


def test_the_dead_of_lethal_force_on_a_crowd_are_the_protests_toll(pipeline):
    doc = _coded(
        pipeline,
        "Security forces used lethal force against demonstrators in Nasiriyah on Friday, "
        "killing three.",
    )
    coded = [e for e in doc.events if e.acled_event_type]
    assert len(coded) == 1
    assert coded[0].acled_sub_event_type == "Excessive force against protesters"
    assert coded[0].fatalities == 3


def test_a_countrys_possessive_on_a_strike_is_its_doer(pipeline):
    doc = _coded(pipeline, "Israel's strike on the port on Monday killed six people.")
    e = next(e for e in doc.events if e.type == "violent")
    assert _agent_names(doc, e) == {"Israel"}


def test_a_killing_told_in_a_named_blast_is_placed_by_the_blasts_city(pipeline):
    e = _first_violent(pipeline, "Six people were killed in the Baghdad blast on Monday.")
    assert e.location is not None and e.location.name == "Baghdad"
