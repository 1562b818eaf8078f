"""`make bench`: throughput, memory and query speed, against the baselines, in one run.

Measures, over the real documents of `../shared/corpus/scale` (840) and
`../shared/corpus/pdf` (40 gazette PDFs):

- parsing (read, normalise, header, structure) and each extractor alone, on
  one core: documents/s and MB of normalised text/s (CPU time);
- the whole pipeline, `directives ingest` with 1 and with 2 workers (wall
  time), peak resident memory, database size, and that both give the same rows;
- underthesea's `ner` over the same text, as the baseline ratio;
- our PDF reading over pdfplumber's plain `extract_text` on the same files;
- query speed over HTTP on a database scaled to N documents (copies of the
  real ones with renumbered identities, see `pipeline.scaled`): the lineage
  canned queries and full-text search, median and p95.

Writes the report to output/bench/report.md (and .json) and prints it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

OUT = Path("output/bench")


def _mb(n_bytes: int) -> float:
    return n_bytes / 1e6


def _peak_rss_mb() -> tuple[float, float]:
    """Return peak RSS of this process and of its finished children, in MB (Linux reports KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def _files(folder: Path, limit: int | None) -> list[Path]:
    files = sorted(p for p in folder.iterdir() if p.suffix in (".md", ".txt", ".pdf"))
    return files[:limit] if limit else files


def bench_parse_and_extract(files: list[Path]) -> tuple[list[dict], list[Any]]:
    """Time parsing, then each extractor alone, on one core; return rows and the documents."""
    from extractors.registry import EXTRACTORS
    from pipeline.document import load

    rows = []
    t0 = time.process_time()
    docs = []
    for path in files:
        try:
            docs.append(load(path))
        except Exception:  # noqa: BLE001 - a bad file is the batch's business, not the benchmark's
            continue
    parse_s = time.process_time() - t0
    text_bytes = sum(len(d.text.encode("utf-8")) for d in docs)
    rows.append(_rate("parse (read, normalise, header, structure)", len(docs), text_bytes, parse_s))
    found: list[dict[str, list]] = [{} for _ in docs]
    for name, extractor in EXTRACTORS.items():
        t0 = time.process_time()
        for doc, f in zip(docs, found, strict=True):
            f[name] = list(extractor(doc, f))
        rows.append(_rate("extractor: " + name, len(docs), text_bytes, time.process_time() - t0))
    total = sum(r["seconds"] for r in rows)
    rows.append(_rate("parse + all extractors, one core", len(docs), text_bytes, total))
    return rows, docs


def _rate(name: str, n_docs: int, n_bytes: int, seconds: float) -> dict:
    seconds = max(seconds, 1e-9)
    return {"stage": name, "docs": n_docs, "mb": round(_mb(n_bytes), 2), "seconds": round(seconds, 2),
            "docs_per_s": round(n_docs / seconds, 1), "mb_per_s": round(_mb(n_bytes) / seconds, 2)}


def bench_baseline(docs: list[Any], budget_bytes: int) -> dict:
    """Time underthesea's `ner` over a sample of the same text (it is slow: a budget of bytes)."""
    from underthesea import ner

    paragraphs = [line for d in docs for line in d.text.split("\n") if len(line) > 20]
    sample, size = [], 0
    step = max(1, len(paragraphs) // 4000)
    for line in paragraphs[::step]:
        sample.append(line)
        size += len(line.encode("utf-8"))
        if size >= budget_bytes:
            break
    ner(sample[0])  # load the model outside the timing
    t0 = time.process_time()
    for line in sample:
        ner(line)
    return _rate("baseline: underthesea ner", len(sample), size, time.process_time() - t0)


def _table_digest(db_path: Path) -> str:
    """Return a digest of every extracted row and of the schema, to tell whether two runs wrote
    the same things (and whether a scaled database made from one is still current)."""
    import sqlite3

    conn = sqlite3.connect(db_path)
    h = hashlib.sha256()
    for (sql,) in conn.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name"):
        h.update(sql.encode("utf-8"))
    for table in ("documents", "paragraphs", "citations", "dates", "percentages", "targets",
                  "body_mentions", "assignments", "assignment_partners", "directives", "lineage_edges"):
        cols = [r[1] for r in conn.execute("PRAGMA table_info([%s])" % table)]
        order = ", ".join("[%s]" % c for c in cols)
        for row in conn.execute("SELECT %s FROM [%s] ORDER BY %s" % (order, table, order)):
            h.update(repr(row).encode("utf-8"))
    return h.hexdigest()[:16]


def bench_ingest(folder: Path, workers: int, db_path: Path, text_bytes: int, n_docs: int) -> dict:
    """Run the real batch ingest in a child process (so its memory is measured alone)."""
    import subprocess

    if db_path.exists():
        db_path.unlink()
    for suffix in ("-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    cmd = [sys.executable, "-c",
           "import resource,sys;from pipeline.batch import run;"
           "run([sys.argv[1]], sys.argv[2], workers=int(sys.argv[3]));"
           "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
           "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)",
           str(folder), str(db_path), str(workers)]
    t0 = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.split()
    wall = time.perf_counter() - t0
    row = _rate("ingest, %d worker%s (wall)" % (workers, "s" if workers > 1 else ""), n_docs, text_bytes, wall)
    row["peak_rss_mb"] = round(max(int(out[-2]), int(out[-1])) / 1024, 1)
    row["db_mb"] = round(db_path.stat().st_size / 1e6, 1)
    row["digest"] = _table_digest(db_path)
    return row


def bench_pdf(folder: Path) -> dict:
    """Time our PDF reading (reader + normalisation) against pdfplumber's plain extract_text."""
    import pdfplumber

    from pipeline.document import build, content_id
    from pipeline.ingest import pdf as pdf_reader

    files = sorted(folder.glob("*.pdf"))
    t0 = time.perf_counter()
    for path in files:
        with pdfplumber.open(path) as pdf:
            "\n".join(page.extract_text() or "" for page in pdf.pages)
    plain = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_bytes = 0
    for path in files:
        doc = build(pdf_reader.read(path), str(path), content_id(path.read_bytes()))
        n_bytes += len(doc.text.encode("utf-8"))
    ours = time.perf_counter() - t0
    row = _rate("PDF: our reader + normalisation (wall)", len(files), n_bytes, ours)
    row["pdfplumber_extract_text_s"] = round(plain, 2)
    row["ratio_to_pdfplumber"] = round(ours / max(plain, 1e-9), 2)
    return row


def bench_queries(db_path: Path, repeat: int) -> list[dict]:
    """Start Datasette on `db_path` and time the lineage and search queries over HTTP."""
    import socket
    import subprocess
    import urllib.request

    from pipeline.scaled import query_plan
    from pipeline.web.serve import datasette_command

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(datasette_command(str(db_path), port=port), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    base = "http://127.0.0.1:%d" % port
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        rows = []
        for name, paths in query_plan(db_path).items():
            times = []
            for i in range(repeat):
                url = base + paths[i % len(paths)]
                t0 = time.perf_counter()
                with urllib.request.urlopen(url, timeout=30) as resp:
                    resp.read()
                times.append((time.perf_counter() - t0) * 1000)
            times.sort()
            rows.append({"query": name, "n": len(times), "median_ms": round(statistics.median(times), 1),
                         "p95_ms": round(times[max(0, int(0.95 * len(times)) - 1)], 1)})
        return rows
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def scaled_database(source: Path, target: Path, n_documents: int, digest: str) -> dict:
    """Build the scaled database, or reuse one built from the same rows (about half an hour saved).

    The source's row digest and the size are kept in the target's
    `pipeline_state`; any change to what the pipeline extracts changes the
    digest and forces a new build."""
    import sqlite3

    from pipeline.scaled import build_scaled

    key = "%s:%d" % (digest, n_documents)
    if target.exists():
        conn = sqlite3.connect("file:%s?mode=ro" % target, uri=True)
        try:
            row = conn.execute("SELECT value FROM pipeline_state WHERE name = 'scaled'").fetchone()
        except sqlite3.Error:
            row = None
        conn.close()
        if row and json.loads(row[0]).get("key") == key:
            return {**json.loads(row[0])["info"], "reused": True}
    t0 = time.perf_counter()
    info = build_scaled(source, target, n_documents)
    info["build_s"] = round(time.perf_counter() - t0, 1)
    conn = sqlite3.connect(target)
    conn.execute("CREATE TABLE IF NOT EXISTS pipeline_state (name TEXT PRIMARY KEY, value TEXT)")
    conn.execute("INSERT OR REPLACE INTO pipeline_state (name, value) VALUES ('scaled', ?)",
                 [json.dumps({"key": key, "info": info})])
    conn.commit()
    conn.close()
    return {**info, "reused": False}


def _markdown(title: str, rows: list[dict]) -> str:
    if not rows:
        return ""
    cols = list(dict.fromkeys(k for r in rows for k in r))
    lines = ["### " + title, "", "| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    lines += ["| " + " | ".join(str(r.get(c, "")) for c in cols) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", default="../shared", type=Path)
    parser.add_argument("--limit", type=int, default=None, help="Only the first N documents (a quick run).")
    parser.add_argument("--scale", type=int, default=100_000, help="Documents in the scaled database (0: skip).")
    parser.add_argument("--baseline-kb", type=int, default=200, help="Text given to underthesea ner, in KB.")
    parser.add_argument("--repeat", type=int, default=60, help="Requests per query kind.")
    args = parser.parse_args(argv)
    scale_dir = args.shared / "corpus" / "scale"
    OUT.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]}}
    sections = []

    files = _files(scale_dir, args.limit)
    stages, docs = bench_parse_and_extract(files)
    text_bytes = sum(len(d.text.encode("utf-8")) for d in docs)
    baseline = bench_baseline(docs, args.baseline_kb * 1000)
    pipeline_rate = stages[-1]["mb_per_s"]
    baseline["ours_over_baseline"] = round(pipeline_rate / max(baseline["mb_per_s"], 1e-9), 1)
    stages.append(baseline)
    report["stages"] = stages
    sections.append(_markdown("One core, CPU time, %d documents" % len(docs), stages))
    del docs

    corpus = scale_dir
    if args.limit:
        corpus = OUT / "corpus"
        shutil.rmtree(corpus, ignore_errors=True)
        corpus.mkdir()
        for f in files:
            os.symlink(f.resolve(), corpus / f.name)
    ingests = [bench_ingest(corpus, w, OUT / ("ingest-%dw.db" % w), text_bytes, len(files)) for w in (1, 2)]
    ingests[1]["same_rows_as_1_worker"] = ingests[0]["digest"] == ingests[1]["digest"]
    report["ingest"] = ingests
    sections.append(_markdown("Whole pipeline (directives ingest), wall time", ingests))

    pdf = bench_pdf(args.shared / "corpus" / "pdf")
    report["pdf"] = pdf
    sections.append(_markdown("PDF", [pdf]))

    if args.scale:
        scaled = OUT / ("scaled-%d.db" % args.scale)
        info = scaled_database(OUT / "ingest-2w.db", scaled, args.scale, ingests[1]["digest"])
        report["scaled"] = info
        sections.append(_markdown("Scaled database", [info]))
        queries = bench_queries(scaled, args.repeat)
        report["queries"] = queries
        sections.append(_markdown("Queries over HTTP on the scaled database", queries))

    text = "## make bench\n\n" + "\n".join(sections)
    (OUT / "report.md").write_text(text, encoding="utf-8")
    (OUT / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
