"""Scoring rules of factionlens.evaluate, each on a small hand-made gold object and prediction."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from factionlens.evaluate import EvalReport, evaluate, fold_name, locate, render, score

TEXT = (
    "BAGHDAD, March 3 (NWR) -- A drone strike on a vehicle near Jurf al-Sakhar killed two\n"
    "members of Kata'ib Hezbollah on Tuesday, security sources said. Kataib Hizballah denied\n"
    "that any of its commanders was in the car.\n\n"
    "Separately, protesters gathered outside the   U.S. embassy in Baghdad."
)


def pred_doc(actors=(), mentions=(), events=(), published=None, text=TEXT) -> dict:
    return {
        "document": {"id": "d1", "source": "x.txt", "text": text, "published": published},
        "actors": list(actors),
        "mentions": list(mentions),
        "events": list(events),
    }


def actor(aid: str, name: str, *aliases: str, kind: str = "armed_group") -> dict:
    return {"id": aid, "name": name, "kind": kind, "aliases": list(aliases), "candidate": False}


def mention(surface: str, actor_id: str | None, nth: int = 0) -> dict:
    start = [i for i in range(len(TEXT)) if TEXT.startswith(surface, i)][nth]
    return {"start": start, "end": start + len(surface), "text": surface, "actor_id": actor_id}


def event(evidence: str, **fields) -> dict:
    start = TEXT.index(evidence)
    out = {
        "id": "e",
        "type": "violent",
        "start": start,
        "end": start + len(evidence),
        "sentence": evidence,
        "acled_event_type": None,
        "acled_sub_event_type": None,
        "date": None,
        "date_precision": "unknown",
        "location": None,
        "actors": [],
    }
    out.update(fields)
    return out


KH_GOLD = {"name": "Kata'ib Hezbollah", "kind": "armed_group", "mentions": ["Kataib Hizballah"]}
STRIKE_GOLD = {
    "id": "g1",
    "category": "violent",
    "acled": ["Explosions/Remote violence", "Air/drone strike"],
    "date": "2021-03-02",
    "date_precision": "day",
    "location": {"name": "Jurf al-Sakhar", "admin1": "Babil", "country": "Iraq"},
    "agents": [],
    "targets": [["Kata'ib Hezbollah"]],
    # Written on one line although the text breaks it: whitespace must not matter.
    "evidence": "killed two members of Kata'ib Hezbollah on Tuesday",
}


def gold_doc(**fields) -> dict:
    base = {"doc": "corpus/x.txt", "published": None, "actors": [], "events": []}
    base.update(fields)
    return base


def test_fold_name_folds_case_diacritics_apostrophes_hyphens_and_article():
    assert (
        fold_name("Kata\u2019ib Hezbollah") == fold_name("KATA'IB hezbollah") == "kataib hezbollah"
    )
    assert fold_name("Asa'ib Ahl al-Haq") == fold_name("Asaib Ahl al Haq") == "asaib ahl haq"
    assert fold_name("Al-Qa'im") == fold_name("al Qaim") == "qaim"
    assert fold_name("Abu Baqir Al-Sa\u0304adi") == "abu baqir saadi"
    # Words that merely start with "al" are not the article.
    assert fold_name("Alhashimi") == "alhashimi"
    assert fold_name("Kataib Hezbollah") != fold_name("Kataib Sayyid al-Shuhada")


def test_locate_ignores_whitespace_and_typographic_quotes():
    assert len(locate(TEXT, "gathered outside the U.S. embassy")) == 1
    assert len(locate("the Kata\u2019ib Hezbollah\nstatement", "Kata'ib Hezbollah statement")) == 1
    assert locate(TEXT, "not in the text") == []


def test_actor_found_by_alias_and_false_positive():
    gold = [gold_doc(actors=[KH_GOLD])]
    pred = pred_doc(
        actors=[
            actor("a1", "Kataeb Hezbollah", "Kataib Hizballah"),
            actor("a2", "Islamic State", kind="armed_group"),
        ]
    )
    report = score(gold, {"corpus/x.txt": pred})
    assert (report.actor_tp, report.actor_fp, report.actor_fn) == (1, 1, 0)
    assert report.actor_precision == 0.5
    assert report.actor_recall == 1.0
    assert report.documents[0].false_actors == ["Islamic State"]


def test_missing_actor_is_a_false_negative():
    gold = [gold_doc(actors=[KH_GOLD, {"name": "Jurf al-Sakhar", "kind": "state", "mentions": []}])]
    report = score(gold, {"corpus/x.txt": pred_doc(actors=[actor("a1", "Kataib Hizballah")])})
    assert (report.actor_tp, report.actor_fn) == (1, 1)
    assert report.documents[0].missed_actors == ["Jurf al-Sakhar"]


def test_two_predicted_actors_for_one_gold_actor_is_a_split():
    gold = [gold_doc(actors=[KH_GOLD])]
    pred = pred_doc(actors=[actor("a1", "Kata'ib Hezbollah"), actor("a2", "Kataib Hizballah")])
    report = score(gold, {"corpus/x.txt": pred})
    assert report.splits == 1
    assert report.merges == 0
    assert (report.actor_tp, report.actor_fp) == (1, 0)


def test_one_predicted_actor_for_two_gold_actors_is_a_merge():
    gold = [
        gold_doc(
            actors=[
                KH_GOLD,
                {"name": "Kataib Sayyid al-Shuhada", "kind": "armed_group", "mentions": ["KSS"]},
            ]
        )
    ]
    pred = pred_doc(actors=[actor("a1", "Kata'ib Hezbollah", "Kataib Sayyid al-Shuhada")])
    report = score(gold, {"corpus/x.txt": pred})
    assert report.merges == 1
    assert report.splits == 0
    assert report.actor_tp == 2


def test_mention_covered_by_text_or_by_span_and_only_when_resolved_to_the_matched_actor():
    gold = [
        gold_doc(
            actors=[{**KH_GOLD, "mentions": ["Kata'ib Hezbollah", "Kataib Hizballah"]}],
        )
    ]
    kh = actor("a1", "Kata'ib Hezbollah")
    # First mention: wider span ("members of Kata'ib Hezbollah") covers the gold mention.
    wide = mention("members of Kata'ib Hezbollah", "a1")
    right = pred_doc(actors=[kh], mentions=[wide, mention("Kataib Hizballah", "a1")])
    assert score(gold, {"corpus/x.txt": right}).mention_accuracy == 1.0
    # Resolved to no actor, or to another actor: not covered.
    wrong = pred_doc(
        actors=[kh, actor("a2", "Islamic State")],
        mentions=[mention("Kata'ib Hezbollah", None), mention("Kataib Hizballah", "a2")],
    )
    report = score(gold, {"corpus/x.txt": wrong})
    assert (report.mentions_covered, report.mentions_total) == (0, 2)


def test_event_matched_by_overlap_with_evidence_despite_whitespace():
    gold = [gold_doc(actors=[KH_GOLD], events=[STRIKE_GOLD])]
    pred = pred_doc(
        actors=[actor("a1", "Kataib Hezbollah")],
        events=[
            event(
                "A drone strike on a vehicle near Jurf al-Sakhar killed two",
                acled_event_type="Explosions/Remote violence",
                acled_sub_event_type="Air/drone strike",
                date="2021-03-02",
                date_precision="day",
                location={"name": "Jurf as-Sakhar"},
                actors=[{"actor_id": "a1", "role": "target"}],
            )
        ],
    )
    report = score(gold, {"corpus/x.txt": pred})
    assert (report.event_tp, report.event_fp, report.event_fn) == (1, 0, 0)
    assert report.event_f1 == 1.0
    acc = report.field_accuracy
    assert acc["acled_type"] == acc["acled_sub_type"] == acc["date"] == 1.0
    assert acc["targets"] == 1.0
    assert acc["agents"] == 1.0  # no gold agents, none predicted
    assert acc["location"] == 0.0  # "as-Sakhar" is a different spelling, not folded


def test_unmatched_event_is_a_false_positive_and_missing_one_a_false_negative():
    gold = [gold_doc(events=[STRIKE_GOLD])]
    pred = pred_doc(events=[event("protesters gathered outside the")])
    report = score(gold, {"corpus/x.txt": pred})
    assert (report.event_tp, report.event_fp, report.event_fn) == (0, 1, 1)
    assert report.event_precision == report.event_recall == 0.0
    assert report.documents[0].missed_events == ["g1"]


def test_optional_gold_event_is_neither_required_nor_an_error():
    protest = {
        "id": "g2",
        "category": "protest",
        "acled": ["Protests", "Peaceful protest"],
        "optional": True,
        "date": None,
        "date_precision": "unknown",
        "location": None,
        "agents": [],
        "targets": [],
        "evidence": "protesters gathered outside the U.S. embassy",
    }
    gold = [gold_doc(events=[protest])]
    found = score(gold, {"corpus/x.txt": pred_doc(events=[event("protesters gathered")])})
    assert (found.event_tp, found.event_fp, found.event_fn) == (0, 0, 0)
    assert found.event_pred_optional == 1
    missed = score(gold, {"corpus/x.txt": pred_doc()})
    assert (missed.event_tp, missed.event_fp, missed.event_fn) == (0, 0, 0)


@pytest.mark.parametrize(
    ("gold_date", "precision", "predicted", "ok"),
    [
        ("2020-06", "month", "2020-06-14", True),  # finer prediction inside the gold month
        ("2020-06", "month", "2020-07-01", False),
        ("2020-06", "month", "2020", False),  # coarser than the gold precision
        ("2022", "year", "2022-05", True),
        ("2024-02-07", "day", "2024-02-07", True),
        ("2024-02-07", "day", "2024-02-08", False),
        ("2024-02-07", "day", None, False),
        (None, "unknown", None, True),  # unknown gold date requires a null prediction
        (None, "unknown", "2024-02-07", False),
    ],
)
def test_event_date_compared_at_gold_precision(gold_date, precision, predicted, ok):
    gold_event = {**STRIKE_GOLD, "date": gold_date, "date_precision": precision}
    pred = pred_doc(events=[event("killed two", date=predicted)])
    report = score([gold_doc(events=[gold_event])], {"corpus/x.txt": pred})
    assert report.fields_total["date"] == 1
    assert report.fields_correct["date"] == int(ok)


def test_agent_slots_each_need_a_matching_actor_and_empty_slots_need_none():
    gold_event = {
        **STRIKE_GOLD,
        "agents": [["United States Armed Forces", "United States"]],
        "targets": [["Kata'ib Hezbollah"], ["Abu Fadak al-Muhammadawi"]],
    }
    us = actor("u", "United States", "US", kind="state")
    kh = actor("k", "Kataib Hezbollah")
    pred = pred_doc(
        actors=[us, kh],
        events=[
            event(
                "killed two",
                actors=[{"actor_id": "u", "role": "agent"}, {"actor_id": "k", "role": "target"}],
            )
        ],
    )
    report = score([gold_doc(events=[gold_event])], {"corpus/x.txt": pred})
    assert report.fields_correct["agents"] == 1
    assert report.fields_correct["targets"] == 0  # the second target slot is not satisfied

    no_agents = {**STRIKE_GOLD, "agents": []}
    report = score([gold_doc(events=[no_agents])], {"corpus/x.txt": pred})
    assert report.fields_correct["agents"] == 0  # an agent was predicted where gold has none


def test_verbal_gold_event_requires_no_acled_type():
    verbal = {**STRIKE_GOLD, "category": "verbal", "acled": None, "targets": []}
    plain = pred_doc(events=[event("denied")])
    typed = pred_doc(events=[event("denied", acled_event_type="Strategic developments")])
    gold = [gold_doc(events=[{**verbal, "evidence": "Kataib Hizballah denied"}])]
    assert score(gold, {"corpus/x.txt": plain}).fields_correct["acled_type"] == 1
    assert score(gold, {"corpus/x.txt": typed}).fields_correct["acled_type"] == 0


def test_published_date_and_missing_prediction():
    gold = [
        gold_doc(doc="a.txt", published="2024-02-09"),
        gold_doc(doc="b.txt", published=None),
        gold_doc(doc="c.txt", published="2021-12-31", actors=[KH_GOLD], events=[STRIKE_GOLD]),
    ]
    preds = {
        "a.txt": pred_doc(published="2024-02-09"),
        "b.txt": pred_doc(published="2024-01-01"),  # invented date: wrong
    }
    report = score(gold, preds)
    assert (report.published_correct, report.published_total) == (1, 3)
    missing = report.documents[2]
    assert missing.error == "no prediction for this document"
    assert (missing.actor_fn, missing.event_fn) == (1, 1)


def test_report_serialises_and_renders():
    gold = [gold_doc(actors=[KH_GOLD], events=[STRIKE_GOLD])]
    report = score(gold, {"corpus/x.txt": pred_doc(actors=[actor("a1", "Kataib Hizballah")])})
    data = json.loads(json.dumps(report.to_dict()))
    assert data["actors"]["tp"] == 1
    assert data["documents"][0]["doc"] == "corpus/x.txt"
    from rich.console import Console

    console = Console(width=120, record=True)
    console.print(render(report))
    assert "splits" in console.export_text()


@pytest.mark.slow
def test_evaluate_on_the_seed_gold(shared_dir: Path):
    report = evaluate(shared_dir / "gold" / "seeds.json")
    assert isinstance(report, EvalReport)
    gold = json.loads((shared_dir / "gold" / "seeds.json").read_text(encoding="utf-8"))
    assert len(report.documents) == len(gold)
    assert all(row.error is None for row in report.documents), [r.error for r in report.documents]
    assert report.actor_tp + report.actor_fn == sum(len(g["actors"]) for g in gold)
    required = sum(1 for g in gold for e in g["events"] if not e.get("optional"))
    assert report.event_tp + report.event_fn == required
    values = [
        report.actor_precision,
        report.actor_recall,
        report.actor_f1,
        report.mention_accuracy,
        report.event_precision,
        report.event_recall,
        report.event_f1,
        report.published_accuracy,
        *report.field_accuracy.values(),
    ]
    assert all(0.0 <= v <= 1.0 and not math.isnan(v) for v in values)
    json.dumps(report.to_dict())


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "floors"),
    [
        # Six documents written and annotated by someone who never read the rules (official
        # statements, wire copy, partisan outlets, a page with furniture, an analysis piece).
        # First run: actors F1 0.90, events F1 0.81, ACLED type 0.72, date 0.62, place 0.48.
        ("blind", {"actors": 0.85, "events": 0.78, "acled_type": 0.8, "date": 0.75}),
        # Six more (wire copy from Iraq and Syria, a Turkish ministry release, a militia Telegram
        # outlet with no date, a local page with furniture, Yemen and the Red Sea, a Kenyan
        # round-up with a day-first date). First run: actors F1 0.72 (the registry knew no actor
        # outside the region), events F1 0.80, ACLED type 0.86, date 0.78, place 0.36, agents
        # and targets 0.25.
        ("blind2", {"actors": 0.75, "events": 0.78, "acled_type": 0.8, "location": 0.55}),
        # Six Iraq and Syria documents (an Iraqi outlet's round-up, a CENTCOM release with a
        # bulleted target list, translated faction statements, a think-tank timeline, a wire
        # story on protests, a Kurdish outlet on Turkish strikes). First run: actors F1 0.81,
        # events P 0.94 R 0.59 F1 0.72, ACLED type 0.79, date 0.68, place 0.34, agents 0.37,
        # targets 0.24.
        ("blind3", {"actors": 0.8, "events": 0.82, "acled_type": 0.78, "date": 0.75}),
        # Six documents from outside the region the registry was built for (Burkina Faso, North
        # Kivu, Rakhine, north-east Syria, Colombia, the Red Sea). First run: actors F1 0.73,
        # events P 0.82 R 0.76 F1 0.79, ACLED type 0.73, date 0.75, place 0.68, agents 0.44,
        # targets 0.29.
        ("blind4", {"actors": 0.8, "events": 0.8, "acled_type": 0.78, "location": 0.65}),
        # Six more from Sudan, Cabo Delgado, Haiti, Mali and Somalia (wire copy, a partisan
        # outlet, an NGO update, a local page with furniture, a story told through statements, a
        # radio bulletin). First run: actors F1 0.67, events P 0.80 R 0.79 F1 0.79, ACLED type
        # 0.85, date 0.80, place 0.77, agents 0.41, targets 0.31.
        # Since 5722efd the unnamed victims are "Civilians (X)", as ACLED codes them: the gold
        # wants them in target slots but never lists them as actors, so actor F1 pays for it.
        (
            "blind5",
            {"actors": 0.7, "events": 0.8, "acled_type": 0.78, "location": 0.72, "targets": 0.45},
        ),
        # Six from Nigeria, south Lebanon, Khyber Pakhtunkhwa, Amhara, Samar and Anglophone
        # Cameroon (wire copy, a partisan outlet, a military press release, an NGO report, a
        # feature, a page with furniture and no date). First run: actors F1 0.70, events P 0.88
        # R 0.77 F1 0.82, ACLED type 0.88, date 0.77, place 0.70, agents 0.35, targets 0.49.
        (
            "blind6",
            {"actors": 0.75, "events": 0.84, "acled_type": 0.88, "date": 0.78, "targets": 0.6},
        ),
    ],
)
def test_the_blind_gold_sets_keep_their_floors(data_dir: Path, name: str, floors: dict):
    """Each set's floors hold the line reached after the round of work its first run prompted."""
    report = evaluate(data_dir / "gold" / name / "gold" / f"{name}.json")
    assert all(row.error is None for row in report.documents)
    assert report.actor_f1 >= floors.pop("actors"), report.to_dict()["actors"]
    assert report.event_f1 >= floors.pop("events"), report.to_dict()["events"]
    fields = report.field_accuracy
    assert all(fields[f] >= floor for f, floor in floors.items()), fields
