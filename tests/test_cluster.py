from datetime import date

from factionlens.cluster import (
    Sketch,
    compare_actors,
    compare_dates,
    compare_places,
    same_event,
    sketch,
)
from factionlens.model import Event, EventActor, Location


def ev(date_="2024-02-07", prec="day", place="Baghdad", actors=("us", "kh"), **kw) -> Event:
    return Event(
        id=kw.get("id", "e1"),
        type=kw.get("type", "violent"),
        start=0,
        end=1,
        sentence="",
        acled_event_type=kw.get("acled", "Explosions/Remote violence"),
        date=date_,
        date_precision=prec,
        location=Location(place, precision=1) if place else None,
        actors=[EventActor(a, "agent" if i == 0 else "target") for i, a in enumerate(actors)],
        aggregate=kw.get("aggregate"),
    )


def test_vague_or_aggregate_reports_have_no_sketch():
    assert sketch(ev(date_="2024-02", prec="month")) is None
    assert sketch(ev(date_=None, prec="unknown")) is None
    assert sketch(ev(aggregate={"count": 102})) is None


def test_compare_dates():
    assert compare_dates(date(2024, 2, 7), date(2024, 2, 7)) == 1.0
    assert compare_dates(date(2024, 2, 7), date(2024, 2, 8)) == 0.5
    assert compare_dates(date(2024, 2, 7), date(2024, 2, 10)) == 0.0


def test_compare_places_and_actors():
    assert compare_places("baghdad", "baghdad") == 1.0
    assert compare_places("baghdad", "erbil") == 0.0
    assert compare_places(None, "erbil") is None
    assert compare_actors(frozenset({"a"}), frozenset({"a", "b"})) == 1.0
    assert compare_actors(frozenset({"a"}), frozenset({"c"})) == 0.0
    assert compare_actors(frozenset(), frozenset({"c"})) is None


def test_two_outlets_one_strike():
    a = sketch(ev())
    b = sketch(ev(date_="2024-02-08", place=None, actors=("kh",), id="e2"))
    assert a and b and same_event(a, b)


def test_different_place_or_kind_or_actors_is_another_event():
    a = sketch(ev())
    assert not same_event(a, sketch(ev(place="Erbil", id="e2")))
    assert not same_event(a, sketch(ev(acled="Battles", id="e2")))
    assert not same_event(a, sketch(ev(place=None, actors=("isis",), id="e2")))


def test_no_positive_anchor_is_not_enough():
    a = Sketch("a", "violent", date(2024, 2, 7), None, frozenset())
    b = Sketch("b", "violent", date(2024, 2, 7), None, frozenset({"kh"}))
    assert not same_event(a, b)
