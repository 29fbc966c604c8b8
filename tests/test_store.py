import duckdb
import pytest

from factionlens.cluster import sketch
from factionlens.model import Actor, Document, Event, EventActor, Location, Mention, document_id
from factionlens.store import SCHEMA_VERSION, Store, StoreError, index_terms

FILLER = (
    " Officials gave no further details, and the claim could not be independently verified by "
    "reporters who visited the district on the following morning after the curfew was lifted."
)


def make_doc(source: str, text: str, *, outlet: str, fatalities: int | None, date="2024-02-07"):
    d = Document(source=source, raw=text, text=text, outlet=outlet, published="2024-02-09")
    d.id = document_id(text)
    start = text.index("strike")
    d.mentions = [Mention(0, 7, text[0:7], "grp-a"), Mention(20, 25, text[20:25], "state-b")]
    d.actors = [
        Actor("grp-a", "Group A", "armed_group", [text[0:7]]),
        Actor("state-b", "State B", "state", [text[20:25]]),
    ]
    d.events = [
        Event(
            id=f"e-{source}",
            type="violent",
            start=start,
            end=start + 6,
            sentence=text[:80],
            acled_event_type="Explosions/Remote violence",
            acled_sub_event_type="Air/drone strike",
            date=date,
            date_precision="day",
            location=Location("Baghdad", "Baghdad", "Iraq", 33.3, 44.4, 1),
            actors=[EventActor("state-b", "agent"), EventActor("grp-a", "target")],
            fatalities=fatalities,
        )
    ]
    return d


OTHER_FILLER = (
    " The ministry's spokesman declined to comment when reached by telephone, while a local "
    "council member said families had left two villages nearby since the start of the month."
)
TEXT_A = (
    "Group A said that State B carried out a strike in Baghdad on Wednesday night." + FILLER * 3
)
TEXT_B = (
    "Group A reports: State B launched a drone strike that hit a car in Baghdad." + OTHER_FILLER
)


def count(store, table):
    return store.con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]


def test_write_is_idempotent(tmp_path):
    db = tmp_path / "kb.duckdb"
    with Store(db) as s:
        r1 = s.write_batch([make_doc("a.txt", TEXT_A, outlet="Outlet 1", fatalities=1)])
        r2 = s.write_batch([make_doc("a-copy.txt", TEXT_A, outlet="Outlet 1", fatalities=1)])
        assert (r1.written, r2.written, r2.already_present) == (1, 0, 1)
        assert count(s, "documents") == 1
        assert count(s, "mentions") == 2
        assert count(s, "document_sources") == 2  # both files point at the one document


def test_an_alias_is_marked_as_the_document_s_or_the_registry_s(tmp_path):
    doc = make_doc("a.txt", TEXT_A, outlet="Outlet 1", fatalities=1)
    doc.actors[0].aliases += ["Group", "Group A Brigades"]  # a word the text uses; a registry name
    doc.mentions.append(Mention(0, 5, "Group", "grp-a"))
    with Store(tmp_path / "kb.duckdb") as s:
        s.write_batch([doc])
        rows = s.con.execute(
            "SELECT alias, origin FROM aliases WHERE actor_id = 'grp-a' ORDER BY alias"
        ).fetchall()
    assert set(rows) == {
        ("Group A", "canonical"),
        ("Group", "document"),
        ("Group A Brigades", "registry"),
    }


def test_same_event_from_two_outlets_is_one_event_with_two_reports(tmp_path):
    with Store(tmp_path / "kb.duckdb") as s:
        s.write_batch([make_doc("a.txt", TEXT_A, outlet="Outlet 1", fatalities=1)])
        s.write_batch([make_doc("b.txt", TEXT_B, outlet="Outlet 2", fatalities=3)])
        assert count(s, "events") == 1
        assert count(s, "event_sources") == 2
        row = s.con.execute(
            "SELECT n_reports, n_outlets, fatalities_min, fatalities_max FROM events"
        ).fetchall()[0]
        assert row == (2, 2, 1, 3)


def test_a_report_a_day_later_with_one_shared_actor_joins_the_event(tmp_path):
    with Store(tmp_path / "kb.duckdb") as s:
        s.write_batch([make_doc("a.txt", TEXT_A, outlet="Outlet 1", fatalities=1)])
        later = make_doc("b.txt", TEXT_B, outlet="Outlet 2", fatalities=2, date="2024-02-08")
        later.events[0].actors = later.events[0].actors[:1]
        later.events[0].location = None
        s.write_batch([later])
        assert count(s, "events") == 1
        assert s.con.execute("SELECT n_outlets FROM events").fetchall()[0][0] == 2


def test_same_day_other_city_is_another_event(tmp_path):
    with Store(tmp_path / "kb.duckdb") as s:
        s.write_batch([make_doc("a.txt", TEXT_A, outlet="Outlet 1", fatalities=1)])
        other = make_doc("b.txt", TEXT_B, outlet="Outlet 2", fatalities=1)
        other.events[0].location = Location("Erbil", "Erbil", "Iraq", 36.2, 44.0, 1)
        s.write_batch([other])
        assert count(s, "events") == 2


def test_no_merge_keeps_reports_apart(tmp_path):
    with Store(tmp_path / "kb.duckdb") as s:
        s.write_batch([make_doc("a.txt", TEXT_A, outlet="O1", fatalities=1)], merge_events=False)
        s.write_batch([make_doc("b.txt", TEXT_B, outlet="O2", fatalities=1)], merge_events=False)
        assert count(s, "events") == 2


def test_vague_dates_are_never_merged():
    d = make_doc("a.txt", TEXT_A, outlet="O", fatalities=None, date="2024-02")
    d.events[0].date_precision = "month"
    assert sketch(d.events[0]) is None


def test_near_duplicate_is_linked_and_not_counted_twice(tmp_path):
    with Store(tmp_path / "kb.duckdb") as s:
        s.write_batch([make_doc("a.txt", TEXT_A, outlet="Outlet 1", fatalities=1)])
        copy = TEXT_A.replace("Wednesday night", "Wednesday evening")
        res = s.write_batch([make_doc("syndicated.txt", copy, outlet="Outlet 1", fatalities=1)])
        assert res.near_duplicates == 1
        dup_of = s.con.execute(
            "SELECT duplicate_of FROM documents WHERE source = 'syndicated.txt'"
        ).fetchall()[0][0]
        assert dup_of == document_id(TEXT_A)
        assert s.con.execute("SELECT n_reports FROM events").fetchall()[0][0] == 1


def test_failed_batch_leaves_nothing_behind(tmp_path):
    with Store(tmp_path / "kb.duckdb") as s:
        bad = make_doc("a.txt", TEXT_A, outlet="O", fatalities=1)
        bad.events[0].date = "not a date"
        with pytest.raises(duckdb.Error):
            s.write_batch([bad])
        assert count(s, "documents") == 0 and count(s, "mentions") == 0


def test_newer_schema_is_refused_with_advice(tmp_path):
    db = tmp_path / "kb.duckdb"
    Store(db).close()
    con = duckdb.connect(str(db))
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    con.close()
    with pytest.raises(StoreError, match="newer than this factionlens"):
        Store(db)


def test_bad_db_path_says_what_to_do(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "missing-folder" / "kb.duckdb")
    with pytest.raises(StoreError, match="no database"):
        Store(tmp_path / "absent.duckdb", read_only=True)


def test_foreign_duckdb_file_is_refused(tmp_path):
    db = tmp_path / "other.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE t (x INT)")
    con.close()
    with pytest.raises(StoreError, match="not a factionlens database"):
        Store(db)


def test_an_older_database_is_migrated_when_opened(tmp_path):
    from factionlens import store as store_module

    db = tmp_path / "kb.duckdb"
    first = store_module.MIGRATIONS[0]
    con = duckdb.connect(str(db))
    con.execute(first)
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.close()
    with Store(db) as s:
        assert s.schema_version() == SCHEMA_VERSION
        names = {r[0] for r in s.con.execute("SELECT index_name FROM duckdb_indexes()").fetchall()}
        assert "event_sources_doc" in names
    with pytest.raises(StoreError, match="needs migrating"):
        con = duckdb.connect(str(tmp_path / "old.duckdb"))
        con.execute(first)
        con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
        con.close()
        Store(tmp_path / "old.duckdb", read_only=True)


# -- summary tables: actor_stats and the search index ---------------------------------------------

ACTOR_STATS_FROM_SCRATCH = """
    WITH per_doc AS (
        SELECT m.actor_id, m.document_id, count(*) AS n FROM mentions m
        WHERE m.actor_id IS NOT NULL GROUP BY ALL
    ), m AS (
        SELECT p.actor_id, count(*) AS documents, sum(p.n) AS mentions,
               min(d.published) AS first_seen, max(d.published) AS last_seen
        FROM per_doc p JOIN documents d ON d.id = p.document_id GROUP BY 1
    ), ev AS (SELECT actor_id, count(DISTINCT event_id) AS events FROM event_actors GROUP BY 1)
    SELECT coalesce(m.actor_id, ev.actor_id), coalesce(m.documents, 0), coalesce(m.mentions, 0),
           coalesce(ev.events, 0), m.first_seen, m.last_seen
    FROM m FULL JOIN ev ON ev.actor_id = m.actor_id ORDER BY 1
"""


def assert_summaries_match_the_rows(s: Store) -> None:
    stored = s.con.execute(
        "SELECT actor_id, documents, mentions, events, first_seen, last_seen FROM actor_stats "
        "ORDER BY 1"
    ).fetchall()
    assert stored == s.con.execute(ACTOR_STATS_FROM_SCRATCH).fetchall()
    expected: set[tuple[str, str]] = set()
    for doc_id, title, text in s.con.execute("SELECT id, title, text FROM documents").fetchall():
        expected |= {(t, doc_id) for t in index_terms(text) | index_terms(title or "")}
    postings = s.con.execute("SELECT term, document_id FROM document_terms").fetchall()
    assert len(postings) == len(expected) and set(postings) == expected
    df = s.con.execute("SELECT term, documents FROM terms ORDER BY term").fetchall()
    assert (
        df
        == s.con.execute(
            "SELECT term, count(*) FROM document_terms GROUP BY 1 ORDER BY 1"
        ).fetchall()
    )


def varied_docs() -> list[Document]:
    """Documents on different days, a third actor in one, and a report joining a stored event."""
    a = make_doc("a.txt", TEXT_A, outlet="Outlet 1", fatalities=1)
    b = make_doc("b.txt", TEXT_B, outlet="Outlet 2", fatalities=3)
    b.published = "2024-03-01"
    text_c = "Group C claimed a rocket strike on a base near Erbil, Kurdish security forces said."
    c = make_doc("c.txt", text_c + OTHER_FILLER, outlet="Outlet 3", fatalities=None, date="2024-01")
    c.published = None
    c.events[0].date_precision = "month"
    c.mentions.append(Mention(0, 7, "Group C", "grp-c"))
    c.actors.append(Actor("grp-c", "Group C", "armed_group", ["Group C"]))
    c.events[0].actors.append(EventActor("grp-c", "agent"))
    c.title = "Rockets near Erbil"
    return [a, b, c]


def test_summaries_equal_a_fresh_aggregation_after_several_batches(tmp_path):
    a, b, c = varied_docs()
    with Store(tmp_path / "kb.duckdb") as s:
        s.write_batch([a])
        s.write_batch([b, c])  # b's report joins a's event: roles already stored are not new
        assert count(s, "events") == 2
        assert_summaries_match_the_rows(s)
        row = s.con.execute(
            "SELECT documents, mentions, events, first_seen::VARCHAR, last_seen::VARCHAR "
            "FROM actor_stats WHERE actor_id = 'grp-a'"
        ).fetchall()[0]
        assert row == (3, 3, 2, "2024-02-09", "2024-03-01")
        # re-ingesting a stored document (another file, same text) changes nothing
        again = make_doc("a-again.txt", TEXT_A, outlet="Outlet 1", fatalities=1)
        before = s.con.execute("SELECT * FROM actor_stats ORDER BY 1").fetchall()
        assert s.write_batch([again, again]).already_present == 2
        assert s.con.execute("SELECT * FROM actor_stats ORDER BY 1").fetchall() == before
        assert_summaries_match_the_rows(s)


def test_refresh_actor_stats_recounts_and_drops_actors_without_rows(tmp_path):
    from factionlens.store import refresh_actor_stats

    with Store(tmp_path / "kb.duckdb") as s:
        s.write_batch(varied_docs())
        s.con.execute("DELETE FROM mentions WHERE actor_id = 'grp-c'")
        s.con.execute("DELETE FROM event_actors WHERE actor_id = 'grp-c'")
        refresh_actor_stats(s.con, ["grp-c"])
        assert_summaries_match_the_rows(s)
        assert not s.con.execute("SELECT 1 FROM actor_stats WHERE actor_id = 'grp-c'").fetchall()


def test_a_version_2_database_gains_filled_summaries_when_opened(tmp_path):
    from factionlens import store as store_module

    db = tmp_path / "kb.duckdb"
    with Store(db) as s:
        s.write_batch(varied_docs())
        expected_stats = s.con.execute("SELECT * FROM actor_stats ORDER BY 1").fetchall()
        # back to version 2: the summary tables did not exist then
        s.con.execute("DROP TABLE actor_stats; DROP TABLE document_terms; DROP TABLE terms")
        s.con.execute("DROP TABLE claims")  # added by the step after, 3 -> 4
        s.con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    with Store(db) as s:
        assert s.schema_version() == store_module.SCHEMA_VERSION
        assert s.con.execute("SELECT * FROM actor_stats ORDER BY 1").fetchall() == expected_stats
        assert count(s, "document_terms") > 0
        assert_summaries_match_the_rows(s)


def test_index_terms_are_lowercased_words_in_any_script():
    terms = index_terms("Kata'ib Hezbollah and the PMF said: قصف الحشد الشعبي في 2024 Hezbollah")
    assert terms == {"kata", "hezbollah", "pmf", "قصف", "الحشد", "الشعبي", "2024"}
    # short words, stop words and punctuation are left out
    assert index_terms("It is on the way, and of a -- ?") == {"way"}
    assert index_terms("") == set()


def test_query_terms_are_pieces_of_the_indexed_words():
    from factionlens.store import query_terms

    assert query_terms("ezbollah near") == ["ezbollah", "near"]
    assert query_terms("of the") == []
    # "her" is inside "there" and "where", which are stop words and not indexed
    assert query_terms("her rocket") == ["rocket"]


def test_aggregate_claims_are_stored_apart_from_events(tmp_path):
    d = make_doc("a.txt", TEXT_A, outlet="Outlet 1", fatalities=1)
    claim = Event(
        id="c-1",
        type="violent",
        start=0,
        end=10,
        sentence="102 attacks in 2022",
        acled_event_type="Explosions/Remote violence",
        date="2022",
        date_precision="year",
        actors=[EventActor("grp-a", "agent")],
        aggregate={"count": 102, "unit": "attacks", "period": "in 2022"},
    )
    d.claims = [claim]
    with Store(tmp_path / "kb.duckdb") as s:
        s.write_batch([d])
        row = s.con.execute("SELECT count, unit, period, agents FROM claims").fetchall()
        assert row == [(102, "attacks", "in 2022", ["grp-a"])]
        assert count(s, "events") == 1  # the claim is not an event
