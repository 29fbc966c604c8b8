"""Runs over many documents: workers, interruption and resumption."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from factionlens.runner import analyze, extract

PLACES = ["Basra", "Mosul", "Kirkuk", "Najaf", "Karbala", "Samarra", "Tikrit", "Ramadi"]


def write_corpus(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        place = PLACES[i % len(PLACES)]
        (folder / f"report_{i:04d}.txt").write_text(
            f"Report {i} from {place}\n\n2023-05-{1 + i % 28:02d} 09:00:00\n\n"
            f"Police in {place} said a roadside bomb hit a patrol on the edge of the city on "
            f"Tuesday, wounding {i % 5 + 1} officers. Asa'ib Ahl al-Haq denied any role in the "
            f"attack, number {i}, and the provincial council called for calm.\n",
            encoding="utf-8",
        )


def test_workers_give_the_same_documents_as_one_process(tmp_path: Path):
    write_corpus(tmp_path / "c", 12)
    one: list[dict] = []
    two: list[dict] = []
    extract([tmp_path / "c"], one.append, workers=1, batch_size=4)
    extract([tmp_path / "c"], two.append, workers=2, batch_size=4)
    assert [d["document"]["id"] for d in one] == [d["document"]["id"] for d in two]
    assert [len(d["mentions"]) for d in one] == [len(d["mentions"]) for d in two]


def _consistent(db: Path) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        for table in ("mentions", "event_sources"):
            orphans = con.execute(
                f"SELECT count(*) FROM {table} t LEFT JOIN documents d ON d.id = t.document_id "
                "WHERE d.id IS NULL"
            ).fetchall()[0][0]
            assert orphans == 0, table
        dup = con.execute(
            'SELECT count(*) FROM (SELECT document_id, start, "end", count(*) c FROM mentions '
            "GROUP BY ALL HAVING c > 1)"
        ).fetchall()[0][0]
        assert dup == 0
        return con.execute("SELECT count(*) FROM documents").fetchall()[0][0]
    finally:
        con.close()


# The run is interrupted from inside, once some batches are committed, so the test does not
# depend on how fast the machine is: a fixed sleep before the kill let a fast CI machine finish
# the whole corpus first. The signal comes from a timer thread a moment after the second commit,
# so it lands while the next batch is being analysed or written.
_INTERRUPT = """
import os, sys, threading
from pathlib import Path
from factionlens.runner import analyze

sig = int(sys.argv[3])
fired = []

def progress(done, _total):
    if done >= 16 and not fired:
        fired.append(done)
        threading.Timer(0.2, os.kill, (os.getpid(), sig)).start()

analyze([Path(sys.argv[1])], Path(sys.argv[2]), batch_size=8, progress=progress)
"""


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_interrupted_run_is_consistent_and_resumes(tmp_path: Path, sig: int):
    n = 240
    write_corpus(tmp_path / "c", n)
    db = tmp_path / "kb.duckdb"
    cmd = [sys.executable, "-c", _INTERRUPT, str(tmp_path / "c"), str(db), str(int(sig))]
    proc = subprocess.run(cmd, capture_output=True, timeout=600)
    if sig == signal.SIGKILL:
        assert proc.returncode == -signal.SIGKILL
    partial = _consistent(db)
    assert 16 <= partial < n
    summary = analyze([tmp_path / "c"], db)
    assert summary.already_present == partial
    assert _consistent(db) == n


def test_a_dask_cluster_gives_the_same_documents(tmp_path: Path):
    distributed = pytest.importorskip("distributed")
    write_corpus(tmp_path / "c", 6)
    here: list[dict] = []
    extract([tmp_path / "c"], here.append, batch_size=2)
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        there: list[dict] = []
        summary = extract(
            [tmp_path / "c"], there.append, batch_size=2, scheduler=cluster.scheduler_address
        )
        db_summary = analyze(
            [tmp_path / "c"],
            tmp_path / "kb.duckdb",
            batch_size=2,
            scheduler=cluster.scheduler_address,
        )
    assert summary.written == 6 and db_summary.written == 6
    assert [d["document"]["id"] for d in here] == [d["document"]["id"] for d in there]
    assert [d["events"] for d in here] == [d["events"] for d in there]
