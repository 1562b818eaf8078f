"""A batch under stress: the exit status and stage of failures, per-file time and
memory bounds, and an ingest killed with SIGKILL then completed by a re-run."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline import batch
from pipeline.bench import _table_digest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "corpus").glob("*.txt"))
CLI = [sys.executable, "-m", "pipeline.cli"]


def directives(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], cwd=cwd, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def copies(folder: Path, n: int) -> list[Path]:
    """Write `n` distinct plans (seed texts, each with its own closing line) into `folder`."""
    folder.mkdir(exist_ok=True)
    out = []
    for i in range(n):
        seed = SEEDS[i % len(SEEDS)]
        path = folder / ("%03d_%s" % (i, seed.name))
        path.write_text(seed.read_text(encoding="utf-8") + "\nBản sao số %d.\n" % i, encoding="utf-8")
        out.append(path)
    return out


def test_exit_status_and_the_stage_of_each_failure(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    copies(folder, 1)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not a zip at all")
    db = tmp_path / "d.db"
    done = directives("ingest", str(folder), "--db", str(db), "--quiet", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    # One clear line per bad file: which file, why, the code and the stage.
    lines = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
    assert len(lines) == 2 and any("empty.txt" in x for x in lines) and any("broken.docx" in x for x in lines)
    assert all(x.endswith(("at read)", "at parse)")) for x in lines), lines
    conn = sqlite3.connect(db)
    rows = dict(conn.execute("SELECT error, stage FROM ingest_errors").fetchall())
    assert rows.keys() == {"empty_document", "corrupt_file"} and all(rows.values())
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    # Without bad files the status is 0.
    good = tmp_path / "good"
    copies(good, 1)
    assert directives("ingest", str(good), "--db", str(tmp_path / "g.db"), "--quiet", cwd=tmp_path).returncode == 0


def test_a_file_over_the_time_limit_is_stopped_and_reported(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("\n".join(SEEDS[0].read_text(encoding="utf-8") for _ in range(40)), encoding="utf-8")
    slow = batch.process(big, str(big), time_limit=0.05)
    assert (slow.status, slow.error) == ("error", "timeout")
    assert "0.05 s" in (slow.message or "") and slow.stage in ("read", "parse", "extract", "rows")
    assert batch.process(big, str(big)).status == "ingested"  # the default limit is ample


def test_a_worker_that_runs_out_of_memory_reports_it(tmp_path: Path) -> None:
    """In a worker capped to 40 MB above what it holds, an 8 MB text (under the
    size limit) cannot be read; the plan beside it can."""
    folder = tmp_path / "in"
    copies(folder, 1)
    seed = SEEDS[0].read_text(encoding="utf-8")
    (folder / "huge.txt").write_text(seed * (8_000_000 // len(seed.encode("utf-8"))), encoding="utf-8")
    script = (
        "import re, sys\n"
        "from pipeline import batch\n"
        "batch._warm_up()  # what the workers inherit, before measuring what they hold\n"
        "size = int(re.search(r'VmSize:\\s+(\\d+)', open('/proc/self/status').read()).group(1)) * 1024\n"
        "batch.WORKER_MEMORY_LIMIT = size + 40 * 1024**2\n"
        "s = batch.run([sys.argv[1]], sys.argv[2], workers=2)\n"
        "print(sorted((o.source.rsplit('/', 1)[-1], o.error, o.stage) for o in s.errors), s.counts)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(folder), str(tmp_path / "d.db")], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "('huge.txt', 'out_of_memory'" in done.stdout and "'ingested': 1" in done.stdout, done.stdout


def test_an_ingest_killed_midway_is_completed_by_a_rerun(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    files = copies(folder, 150)
    whole = tmp_path / "whole.db"
    assert directives("ingest", str(folder), "--db", str(whole), "--quiet", cwd=tmp_path).returncode == 0

    killed = tmp_path / "killed.db"
    proc = subprocess.Popen([*CLI, "ingest", str(folder), "--db", str(killed), "--quiet"], cwd=tmp_path,
                            env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored = 0
    deadline = time.monotonic() + 300
    while proc.poll() is None and time.monotonic() < deadline:
        if killed.exists():
            try:
                with sqlite3.connect("file:%s?mode=ro" % killed, uri=True, timeout=1) as conn:
                    stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
            except sqlite3.Error:
                stored = 0
            if stored:
                break
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    if not 0 < stored < len(files):
        pytest.fail("the ingest was not caught midway (%d of %d stored)" % (stored, len(files)))

    # The killed database opens, is consistent, and holds whole documents only.
    conn = sqlite3.connect(killed)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with sqlite3.connect(whole) as ref:
        expected = dict(ref.execute("SELECT source, (SELECT count(*) FROM paragraphs p WHERE p.document_id = d.id) "
                                    "FROM documents d").fetchall())
    got = dict(conn.execute("SELECT source, (SELECT count(*) FROM paragraphs p WHERE p.document_id = d.id) "
                            "FROM documents d").fetchall())
    assert 0 < len(got) < len(files)
    assert all(expected[source] == n for source, n in got.items())
    conn.close()

    # The same command completes it: the result equals the uninterrupted run's,
    # and running it once more changes nothing.
    assert directives("ingest", str(folder), "--db", str(killed), "--quiet", cwd=tmp_path).returncode == 0
    assert _table_digest(killed) == _table_digest(whole)
    again = directives("ingest", str(folder), "--db", str(killed), "--quiet", cwd=tmp_path)
    assert "%d unchanged" % len(files) in again.stderr
    assert _table_digest(killed) == _table_digest(whole)
