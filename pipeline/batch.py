"""Ingest a batch of files into the database: parse, extract, store, one file at a time.

A file that cannot be read is recorded in `ingest_errors` (which file, why)
and the batch goes on. Parsing and extraction run in worker processes when
asked; only the parent writes, so results do not depend on the worker count.
"""

from __future__ import annotations

import hashlib
import os
import resource
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from extractors.registry import extract_all
from pipeline import ingest
from pipeline.document import build
from pipeline.errors import IngestError, OutOfMemory, ParseTimeout, UnsupportedFormat
from pipeline.model import RawText
from pipeline.rows import rows_for
from pipeline.store import graph_is_current, open_db, record_error, replace_document


@dataclass(frozen=True)
class Outcome:
    """What happened to one file."""

    source: str
    sha256: str | None
    status: str
    """`ingested`, `unchanged`, `duplicate` or `error`."""
    error: str | None = None
    message: str | None = None
    stage: str | None = None
    rows: dict[str, list[dict]] | None = field(default=None, compare=False, repr=False)


@dataclass
class Summary:
    """Counts of a batch, by outcome."""

    counts: dict[str, int] = field(default_factory=dict)
    errors: list[Outcome] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        self.counts[outcome.status] = self.counts.get(outcome.status, 0) + 1
        if outcome.status == "error":
            self.errors.append(outcome)


def iter_files(paths: Iterable[str | Path]) -> list[Path]:
    """Return the files named by `paths`, folders expanded recursively, in a stable order."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith(".")))
        else:
            files.append(p)
    return files


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# Per-file bounds: the slowest real document (a 1.2 MB gazette decree) takes
# about 2 s, a large PDF some 10 s; a parser still busy after this is stuck.
TIME_LIMIT_S = 120.0
# Address space a worker process may use; a normal worker stays near 400 MB.
WORKER_MEMORY_LIMIT = 3 * 1024**3


def process(path: Path, source: str, known: str | None = None, time_limit: float | None = TIME_LIMIT_S,
            ocr: bool = False) -> Outcome:
    """Parse and extract one file; never raises for bad input.

    A failure says at which stage it happened: `read` (the file and its
    format), `parse` (text, header, structure), `extract` or `rows`. With
    `ocr`, a scanned PDF is OCR'd inside the same time limit."""
    try:
        sha = sha256_of(path)
    except OSError as err:
        return Outcome(source, None, "error", "unreadable_file", str(err), stage="read")
    if known == sha:
        return Outcome(source, sha, "unchanged")
    stage = "read"
    try:
        with _time_limit(time_limit):
            if path.suffix.lower() not in ingest.READERS:
                raise UnsupportedFormat("no reader for %r files" % (path.suffix or path.name))
            raw = ingest.read(path, ocr=ocr)
            stage = "parse"
            doc = build(raw, source, sha[:16])
            stage = "extract"
            found = extract_all(doc)
            stage = "rows"
            rows = rows_for(doc, sha, found)
    except IngestError as err:
        return Outcome(source, sha, "error", err.code, str(err), stage=stage)
    except _Expired:
        late = ParseTimeout("still not done after %g s (the per-file limit); stopped" % (time_limit or 0))
        return Outcome(source, sha, "error", late.code, str(late), stage=stage)
    except MemoryError:
        full = OutOfMemory("needed more than the %.1f GiB a worker may use" % (WORKER_MEMORY_LIMIT / 1024**3))
        return Outcome(source, sha, "error", full.code, str(full), stage=stage)
    except Exception as err:  # a bug on one file must not stop the batch
        return Outcome(source, sha, "error", "internal_error", "%s: %s" % (type(err).__name__, err), stage=stage)
    return Outcome(source, sha, "ingested", rows=rows)


class _Expired(BaseException):
    """The per-file time limit expired. A BaseException, so that no reader's
    `except Exception` fallback can swallow it; `process` reports it as ParseTimeout."""


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ParseTimeout in the block after `seconds` (SIGALRM: main thread, POSIX only).

    Pure-Python parsing is interrupted at the next bytecode; a C call that
    never returns is not, which is why untrusted archives are also checked
    before they are opened (see pipeline/ingest)."""
    if not seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise _Expired

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


Task = tuple[str, str, str | None, float | None, bool]
"""What a worker needs for one file: path, source, known sha256, time limit, OCR."""


def _process_task(task: Task) -> Outcome:
    path, source, known, time_limit, ocr = task
    return process(Path(path), source, known, time_limit, ocr)


def _limit_worker_memory(limit: int) -> None:
    """Pool initializer: cap the worker's address space, so a file that balloons
    raises MemoryError in its worker (reported as out_of_memory) instead of
    taking the machine down."""
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard == resource.RLIM_INFINITY or hard > limit:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):  # not permitted here: run without the cap
        pass


def run(
    paths: Iterable[str | Path],
    db_path: str,
    workers: int = 1,
    force: bool = False,
    on_outcome: Callable[[Outcome], None] | None = None,
    time_limit: float | None = TIME_LIMIT_S,
    ocr: bool = False,
) -> Summary:
    """Ingest `paths` into the database at `db_path` and rebuild the directive graph.

    With `ocr`, scanned PDFs are OCR'd (see `pipeline.ingest.ocr`)."""
    from pipeline.directives_graph import rebuild

    db = open_db(db_path)
    files = iter_files(paths)
    known = {r["source"]: r["sha256"] for r in db.query("SELECT source, sha256 FROM documents")}
    by_sha = {sha: src for src, sha in known.items()}
    tasks: list[Task] = [(str(f), str(f), None if force else known.get(str(f)), time_limit, ocr) for f in files]
    summary = Summary()
    with _GroupCommit(db) as group:
        for outcome in _outcomes(tasks, workers):
            if outcome.status == "ingested" and outcome.sha256 in by_sha and by_sha[outcome.sha256] != outcome.source:
                other = by_sha[outcome.sha256]
                if other in known and os.path.exists(other):
                    outcome = Outcome(outcome.source, outcome.sha256, "duplicate", "duplicate",
                                      "same content as %s" % other)
            if outcome.status == "ingested" and outcome.rows is not None:
                replace_document(db, outcome.source, outcome.rows)
                by_sha[outcome.sha256 or ""] = outcome.source
                known[outcome.source] = outcome.sha256 or ""
            elif outcome.status in ("error", "duplicate"):
                record_error(db, outcome.source, outcome.sha256, outcome.error or "", outcome.message or "",
                             outcome.stage)
            group.done()
            summary.add(outcome)
            if on_outcome:
                on_outcome(outcome)
    # The graph is corpus-wide, so a rebuild costs as much for one new document as
    # for all; a re-run that changed nothing (and followed a finished one) skips it.
    if not graph_is_current(db):
        rebuild(db)
    return summary


class _GroupCommit:
    """Commit documents in groups, each document still all or nothing.

    `replace_document` writes a document inside a savepoint of the open
    transaction; committing once per group instead of once per document saves
    most of the commit's cost (SQLite flushes the full-text indexes' pending
    terms at each commit). Whatever stops the batch, the documents finished so
    far are committed and a failed document's savepoint is rolled back, so the
    database holds whole documents only and a re-run skips those."""

    def __init__(self, db: sqlite_utils.Database, max_docs: int = 64, max_seconds: float = 2.0) -> None:
        self.db, self.max_docs, self.max_seconds = db, max_docs, max_seconds
        self.pending, self.since = 0, time.monotonic()

    def __enter__(self) -> _GroupCommit:
        self._begin()
        return self

    def _begin(self) -> None:
        self.db.execute("BEGIN")
        self.pending, self.since = 0, time.monotonic()

    def done(self) -> None:
        """Count one finished document; commit the group when it is full or old enough."""
        self.pending += 1
        if self.pending >= self.max_docs or time.monotonic() - self.since >= self.max_seconds:
            self.db.conn.commit()
            self._begin()

    def __exit__(self, *exc: object) -> None:
        if self.db.conn.in_transaction:
            self.db.conn.commit()


# A few lines in the shape of the corpus, enough to touch every extractor.
_WARM_UP_TEXT = """ỦY BAN NHÂN DÂN TỈNH NGHỆ AN
Số: 1/KH-UBND
Nghệ An, ngày 07 tháng 02 năm 2024
KẾ HOẠCH
Thực hiện Nghị quyết số 36-NQ/TU ngày 20/01/2023 của Ban Thường vụ Tỉnh ủy
1. Công an tỉnh chủ trì, phối hợp với Sở Giáo dục và Đào tạo, UBND các huyện hoàn thành trước ngày 30/6/2024; phấn đấu đến năm 2025 có ít nhất 95,5% hồ sơ được số hóa.
"""


def _warm_up() -> None:
    """Load the extractors' models and tables once in the parent, before the pool starts.

    Forked workers inherit them instead of each building its own (the spaCy
    pipeline, gazetteer and symbol tables take about half a second)."""
    extract_all(build(RawText(_WARM_UP_TEXT, "txt"), "warm-up", "warm-up"))


def _outcomes(tasks: list[Task], workers: int) -> Iterator[Outcome]:
    if workers <= 1 or len(tasks) <= 1:
        for task in tasks:
            yield _process_task(task)
        return
    _warm_up()
    with ProcessPoolExecutor(max_workers=workers, initializer=_limit_worker_memory,
                             initargs=(WORKER_MEMORY_LIMIT,)) as pool:
        yield from pool.map(_process_task, tasks, chunksize=4)
