"""Build a database of N documents from a real one, for measuring query speed at scale.

How the copies are made: copy k (k = 1, 2, ...) of every document gets ids
suffixed `~k`, a source under `scaled/k/`, and its own number renumbered by
adding k × 100000 to the number's leading digits (`471/QĐ-UBND` ->
`100471/QĐ-UBND` in copy 1), so each copy is a distinct directive with its
own lineage edges. What the copies cite is left as it is: a hundred thousand
plans citing the same laws and resolutions is what a national corpus looks
like, and it is what makes the lineage queries heavy. Paragraphs, citations,
dates, targets, bodies and assignments are copied with their document; the
full-text index (which holds no text to rebuild from) is filled as each copy
is made; the other indexes are dropped while copying and made again at the end (building an
index over 36 million rows at once is far cheaper than growing it row by row).
"""

from __future__ import annotations

import math
import re
import sqlite3
from pathlib import Path

from pipeline.store import FOLD_FOR_INDEX_SQL

COPIED = {
    # table: columns whose value carries a document id (suffixed per copy)
    "paragraphs": ("id", "document_id"),
    "citations": ("id", "document_id", "paragraph_id"),
    "dates": ("id", "document_id", "paragraph_id"),
    "percentages": ("id", "document_id", "paragraph_id"),
    "targets": ("id", "document_id", "paragraph_id"),
    "body_mentions": ("id", "document_id", "paragraph_id"),
    "assignments": ("id", "document_id", "paragraph_id"),
    "assignment_partners": ("assignment_id", "document_id"),
}
LEADING_NUMBER = re.compile(r"^(\d+)")


def renumber(value: str | None, k: int) -> str | None:
    """Return a number or directive id with its leading number shifted for copy k."""
    if value is None or k == 0:
        return value
    if value.startswith("document:"):
        return value + "~%d" % k
    return LEADING_NUMBER.sub(lambda m: str(int(m.group(1)) + 100000 * k), value, count=1)


def _suffix(value: str | None, k: int) -> str | None:
    if value is None:
        return None
    # Row ids are "<document id>:<kind>:<n>" or "<document id>:<n>": suffix the document part.
    head, sep, tail = value.partition(":")
    return "%s~%d%s%s" % (head, k, sep, tail)


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute("PRAGMA table_info([%s])" % table)]


def build_scaled(source: Path, target: Path, n_documents: int) -> dict:
    """Write a database of about `n_documents` documents to `target`; return what was built."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    # The backup API, not a file copy: what a WAL-mode source still holds in its
    # -wal file is part of the database.
    conn = sqlite3.connect(target)
    original = sqlite3.connect("file:%s?mode=ro" % source, uri=True)
    original.backup(conn)
    original.close()
    conn.create_function("renum", 2, renumber, deterministic=True)
    conn.create_function("sfx", 2, _suffix, deterministic=True)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-1048576")  # 1 GiB: the primary keys still grow row by row
    named = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").fetchall()
    indexes = [sql for _, sql in named]
    for name, _ in named:
        conn.execute("DROP INDEX [%s]" % name)
    n_source = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    copies = max(1, math.ceil(n_documents / max(n_source, 1)))
    # Triggers would update the full-text indexes row by row: rebuild them once instead.
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        conn.execute("DROP TRIGGER [%s]" % name)
    doc_cols = _columns(conn, "documents")
    # What each copy repeats: the originals' own directives and the edges from them.
    conn.execute("CREATE TEMP TABLE own_directives AS SELECT * FROM directives WHERE document_id IS NOT NULL")
    conn.execute("CREATE TEMP TABLE own_edges AS SELECT * FROM lineage_edges WHERE via = 'document'")
    # Each copy reads the originals from here, not by scanning the growing tables.
    for table in ("documents", *COPIED):
        conn.execute("CREATE TEMP TABLE [original_%s] AS SELECT * FROM [%s]" % (table, table))
    for k in range(1, copies):
        exprs = []
        for c in doc_cols:
            if c == "id":
                exprs.append("id || '~%d'" % k)
            elif c == "source":
                exprs.append("'scaled/%d/' || source" % k)
            elif c in ("number", "directive_id"):
                exprs.append("renum([%s], %d)" % (c, k))
            else:
                exprs.append("[%s]" % c)
        conn.execute("INSERT INTO documents (%s) SELECT %s FROM original_documents" % (
            ", ".join("[%s]" % c for c in doc_cols), ", ".join(exprs)))
        first = conn.execute("SELECT max(rowid) FROM paragraphs").fetchone()[0]
        for table, keyed in COPIED.items():
            cols = _columns(conn, table)
            exprs = ["sfx([%s], %d)" % (c, k) if c in keyed else "[%s]" % c for c in cols]
            conn.execute("INSERT INTO [%s] (%s) SELECT %s FROM [original_%s]" % (
                table, ", ".join("[%s]" % c for c in cols), ", ".join(exprs), table))
        dcols = _columns(conn, "directives")
        exprs = ["renum(id, %d)" % k if c == "id" else "document_id || '~%d'" % k if c == "document_id"
                 else "renum(number, %d)" % k if c == "number" else "[%s]" % c for c in dcols]
        # The folded index holds no text to rebuild from: index the new rows as they come.
        conn.execute("INSERT INTO paragraphs_folded_fts(rowid, text_folded) "
                     "SELECT rowid, %s FROM paragraphs WHERE rowid > ?" % FOLD_FOR_INDEX_SQL, [first])
        conn.execute("INSERT OR IGNORE INTO directives (%s) SELECT %s FROM own_directives" % (
            ", ".join("[%s]" % c for c in dcols), ", ".join(exprs)))
        ecols = _columns(conn, "lineage_edges")
        exprs = ["renum(source_id, %d)" % k if c == "source_id" else "[%s]" % c for c in ecols]
        conn.execute("INSERT OR IGNORE INTO lineage_edges (%s) SELECT %s FROM own_edges" % (
            ", ".join("[%s]" % c for c in ecols), ", ".join(exprs)))
        conn.commit()
    for sql in indexes:
        conn.execute(sql)
    conn.execute("UPDATE directives SET n_citing_documents = (SELECT count(DISTINCT document_id) "
                 "FROM citations WHERE citations.directive_id = directives.id)")
    conn.commit()
    conn.execute("ANALYZE")
    info = {"documents": conn.execute("SELECT count(*) FROM documents").fetchone()[0],
            "paragraphs": conn.execute("SELECT count(*) FROM paragraphs").fetchone()[0],
            "citations": conn.execute("SELECT count(*) FROM citations").fetchone()[0],
            "lineage_edges": conn.execute("SELECT count(*) FROM lineage_edges").fetchone()[0],
            "copies": copies}
    conn.close()
    info["db_mb"] = round(target.stat().st_size / 1e6, 1)
    return info


def query_plan(db_path: Path) -> dict[str, list[str]]:
    """Return, per kind of query, the request paths the benchmark sends (real directives and words)."""
    from urllib.parse import quote

    conn = sqlite3.connect("file:%s?mode=ro" % db_path, uri=True)
    name = Path(db_path).stem
    busy = [r[0] for r in conn.execute(
        "SELECT target_id FROM lineage_edges GROUP BY target_id ORDER BY count(*) DESC LIMIT 20")]
    leaves = [r[0] for r in conn.execute(
        "SELECT source_id FROM lineage_edges WHERE source_id NOT LIKE 'document:%' "
        "GROUP BY source_id ORDER BY count(*) DESC LIMIT 20")]
    conn.close()
    words = ["an ninh", "bảo vệ an ninh Tổ quốc", "chuyển đổi số", "ngân sách", "đấu thầu",
             "phòng cháy", "giáo dục", "thủ tục hành chính"]
    bare = ["an ninh", "bao ve an ninh to quoc", "chuyen doi so", "ngan sach", "dau thau",
            "phong chay", "giao duc", "thu tuc hanh chinh"]

    def q(path: str, **params: str) -> str:
        return "/%s/%s.json?%s&_shape=array" % (name, path, "&".join("%s=%s" % (k, quote(v)) for k, v in params.items()))

    return {
        "ancestors (canned, recursive)": [q("ancestors", directive=d, max_depth="6") for d in leaves],
        "descendants (canned, recursive)": [q("descendants", directive=d, max_depth="6") for d in busy],
        "search, exact words": [q("search", q=w) for w in words],
        "search, without diacritics": [q("search", q=w) for w in bare],
    }
