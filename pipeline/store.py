"""Write documents and what was extracted from them into one SQLite database.

One transaction per document: a changed file's old rows go and its new rows
come in together, so the database is never left half written. An unchanged
file (same content hash) is skipped, which is how a re-run picks up where the
last one stopped.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from operator import itemgetter
from typing import Any

import sqlite_utils

# Tables that hold rows derived from one document, keyed by `document_id`.
DOCUMENT_TABLES = (
    "paragraphs", "citations", "dates", "percentages", "targets", "body_mentions",
    "assignments", "assignment_partners",
)

SCHEMA: dict[str, dict[str, Any]] = {
    "documents": {
        "columns": {
            "id": str, "source": str, "sha256": str, "doc_type": str, "number": str,
            "issuer": str, "place": str, "province": str, "issued_date": str, "year": int,
            "title": str, "signer": str, "signer_title": str, "recipients": str,
            "reader": str, "encoding": str, "notes": str, "n_chars": int, "directive_id": str,
            # Last: a record's columns after a long text are reached only by
            # walking the text's overflow pages.
            "text": str,
        },
        "pk": "id",
    },
    "paragraphs": {
        "columns": {"id": str, "document_id": str, "idx": int, "path": str, "label": str,
                    "kind": str, "start": int, "end": int, "text": str},
        "pk": "id",
        "foreign_keys": [("document_id", "documents", "id")],
    },
    "ingest_errors": {
        "columns": {"source": str, "sha256": str, "error": str, "stage": str, "message": str},
        "pk": "source",
    },
    # What the pipeline knows of the database itself: whether the directive
    # graph was rebuilt since the last document changed.
    "pipeline_state": {
        "columns": {"name": str, "value": str},
        "pk": "name",
    },
    "citations": {
        "columns": {"id": str, "document_id": str, "paragraph_id": str, "path": str,
                    "start": int, "end": int, "text": str, "doc_type": str, "number": str,
                    "date": str, "issuer": str, "title": str, "year": int, "relation": str,
                    "form": str, "local_key": str, "directive_id": str, "parent_directive_id": str,
                    "parent_relation": str, "term": str, "symbol_type": str},
        "pk": "id",
        "foreign_keys": [("document_id", "documents", "id"), ("paragraph_id", "paragraphs", "id")],
    },
    "dates": {
        "columns": {"id": str, "document_id": str, "paragraph_id": str, "path": str,
                    "start": int, "end": int, "text": str, "value": str, "end_value": str,
                    "resolved": str, "granularity": str, "role": str, "year": int},
        "pk": "id",
        "foreign_keys": [("document_id", "documents", "id"), ("paragraph_id", "paragraphs", "id")],
    },
    "percentages": {
        "columns": {"id": str, "document_id": str, "paragraph_id": str, "path": str,
                    "start": int, "end": int, "text": str, "value": float, "upper": float,
                    "qualifier": str, "subject": str},
        "pk": "id",
        "foreign_keys": [("document_id", "documents", "id"), ("paragraph_id", "paragraphs", "id")],
    },
    "targets": {
        "columns": {"id": str, "document_id": str, "paragraph_id": str, "path": str,
                    "start": int, "end": int, "text": str, "value": float, "total": float,
                    "unit": str, "qualifier": str, "subject": str, "due": str, "due_year": int,
                    "responsible": str, "province": str},
        "pk": "id",
        "foreign_keys": [("document_id", "documents", "id"), ("paragraph_id", "paragraphs", "id")],
    },
    "bodies": {
        "columns": {"id": str, "name": str, "name_folded": str, "province": str, "kind": str},
        "pk": "id",
    },
    "body_mentions": {
        "columns": {"id": str, "document_id": str, "body_id": str, "paragraph_id": str,
                    "path": str, "start": int, "end": int, "text": str, "role": str},
        "pk": "id",
        "foreign_keys": [("document_id", "documents", "id"), ("body_id", "bodies", "id"),
                         ("paragraph_id", "paragraphs", "id")],
    },
    "assignments": {
        "columns": {"id": str, "document_id": str, "paragraph_id": str, "path": str,
                    "start": int, "end": int, "lead_body_id": str, "lead": str, "task": str,
                    "deadline": str},
        "pk": "id",
        "foreign_keys": [("document_id", "documents", "id"), ("lead_body_id", "bodies", "id"),
                         ("paragraph_id", "paragraphs", "id")],
    },
    "assignment_partners": {
        "columns": {"assignment_id": str, "document_id": str, "body_id": str, "name": str},
        "pk": ("assignment_id", "body_id"),
        "foreign_keys": [("assignment_id", "assignments", "id"), ("body_id", "bodies", "id"),
                         ("document_id", "documents", "id")],
    },
}


def open_db(path: str) -> sqlite_utils.Database:
    """Open (creating if needed) the database at `path` with every table in place."""
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL never corrupts; it only skips an fsync per commit
    # (one commit per document), at the risk of the last documents of a crash.
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA foreign_keys=OFF")
    # 64 MiB of page cache instead of 2: the indexes of a corpus-sized database
    # are touched all over on every insert (about 10% of storage time).
    db.execute("PRAGMA cache_size=-65536")
    ensure_schema(db)
    return db


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create the tables, indexes and full-text indexes that do not exist yet."""
    for name, spec in SCHEMA.items():
        table = db[name]
        if not table.exists():
            db.create_table(name, spec["columns"], pk=spec["pk"],
                            foreign_keys=spec.get("foreign_keys"))
    # Columns added since a database was made.
    if "stage" not in db["ingest_errors"].columns_dict:
        db.table("ingest_errors").add_column("stage", str)
    for name in DOCUMENT_TABLES:
        if "document_id" in db[name].columns_dict:
            db.table(name).create_index(["document_id"], if_not_exists=True)
    db.table("documents").create_index(["source"], if_not_exists=True)
    db.table("body_mentions").create_index(["body_id"], if_not_exists=True)
    db.table("assignments").create_index(["lead_body_id"], if_not_exists=True)
    db.table("citations").create_index(["directive_id"], if_not_exists=True)
    db.table("dates").create_index(["value"], if_not_exists=True)
    # Canned queries: targets due in a year by province; the tasks a body partners
    # in; a body found by the start of its folded name.
    db.table("targets").create_index(["due_year", "province"], if_not_exists=True)
    db.table("assignment_partners").create_index(["body_id"], if_not_exists=True)
    db.table("bodies").create_index(["name_folded"], if_not_exists=True)
    ensure_fts(db)


def ensure_fts(db: sqlite_utils.Database) -> None:
    """One full-text index over paragraphs, diacritic-folded.

    `bao ve an ninh` and `bảo vệ an ninh` find the same paragraphs: the
    tokenizer (`remove_diacritics 2`) lowers case and drops the marks, and đ,
    which Unicode gives no decomposition, is folded to d as the text goes in.
    The index is contentless: it stores no second copy of the text. It is kept
    in step with the paragraphs by `replace_document`, one statement per
    document, not by triggers (a row-by-row trigger indexes seven times
    slower).

    There was a second index, of the exact words. No page or canned query
    used it, and it cost a quarter of the ingest's storage time and a tenth of
    the database; matching marks exactly is a filter on the folded index's
    hits (`AND p.text LIKE '%má%'`). A database made with it loses it here."""
    tables = set(db.table_names())
    if "paragraphs_fts" in tables:
        db["paragraphs_fts"].drop()
    if "paragraphs_folded_fts" not in tables:
        db.execute(
            "CREATE VIRTUAL TABLE paragraphs_folded_fts USING fts5("
            "text_folded, content='', tokenize='unicode61 remove_diacritics 2')"
        )


def fold_for_index(text: str) -> str:
    """Return `text` as the folded index takes it: đ and Đ barred no more.

    The index's tokenizer (`remove_diacritics 2`) lowers case and drops every
    other Vietnamese diacritic itself, as `search_fold` does for queries, so
    both give the same tokens; only đ, which has no Unicode decomposition, is
    left to us. `FOLD_FOR_INDEX_SQL` is the same fold in SQL."""
    return text.replace("đ", "d").replace("Đ", "D")


FOLD_FOR_INDEX_SQL = "replace(replace(text, 'đ', 'd'), 'Đ', 'D')"


def _unindex(db: sqlite_utils.Database, doc_id: str) -> None:
    """Take a document's paragraphs out of the full-text index."""
    # A contentless index forgets a row only when told what it held.
    db.execute("INSERT INTO paragraphs_folded_fts(paragraphs_folded_fts, rowid, text_folded) "
               "SELECT 'delete', rowid, %s FROM paragraphs WHERE document_id = ?" % FOLD_FOR_INDEX_SQL,
               [doc_id])


def _index(db: sqlite_utils.Database, doc_id: str, text: str, spans: Mapping[str, tuple[int, int]]) -> None:
    """Put a document's paragraphs into the full-text index.

    `text` is the document's text and `spans` each paragraph's offsets in it:
    the text is folded once and cut (folding keeps the length), and only the
    rowids are read back. (An INSERT ... SELECT that folds the stored rows in
    SQL took half as long again; folding paragraph by paragraph, a fifth.)"""
    folded = fold_for_index(text)
    rows = db.execute("SELECT rowid, id FROM paragraphs WHERE document_id = ?", [doc_id]).fetchall()
    db.conn.executemany("INSERT INTO paragraphs_folded_fts(rowid, text_folded) VALUES (?, ?)",
                        [(rowid, folded[slice(*spans[pid])]) for rowid, pid in rows])


def replace_document(db: sqlite_utils.Database, source: str, rows: Mapping[str, Iterable[dict]]) -> None:
    """Replace everything stored for `source` with `rows` (table -> rows), in one transaction."""
    tables = {table: list(table_rows) for table, table_rows in rows.items()}
    with db.atomic():
        new_ids = [r["id"] for r in tables.get("documents", [])]
        # What this source held before, and any document with a new one's id
        # (the same text under another name). A document is stored whole or not
        # at all, so one with no `documents` row has no other rows to delete.
        stored = db.execute("SELECT id FROM documents WHERE source = ? OR id IN (%s)" % ", ".join("?" * len(new_ids)),
                            [source, *new_ids]).fetchall()
        for (doc_id,) in stored:
            _delete_document(db, doc_id)
        db.execute("DELETE FROM ingest_errors WHERE source = ?", [source])
        for table, table_rows in tables.items():
            if table_rows:
                # Bodies are shared by documents: the first document to name one adds it.
                insert_rows(db, table, table_rows, ignore=(table == "bodies"))
        spans = {r["id"]: (r["start"], r["end"]) for r in tables.get("paragraphs", [])}
        for doc in tables.get("documents", []):
            _index(db, doc["id"], doc["text"], spans)
        set_graph_current(db, False)


def graph_is_current(db: sqlite_utils.Database) -> bool:
    """Tell whether the directive graph was rebuilt after the last document changed."""
    row = db.execute("SELECT value FROM pipeline_state WHERE name = 'graph'").fetchone()
    return row is not None and row[0] == "current"


def set_graph_current(db: sqlite_utils.Database, current: bool) -> None:
    db.execute("INSERT OR REPLACE INTO pipeline_state (name, value) VALUES ('graph', ?)",
               ["current" if current else "stale"])


def insert_rows(db: sqlite_utils.Database, table: str, rows: list[dict], ignore: bool = False) -> None:
    """Insert rows whose keys are the table's columns, in one prepared statement.

    sqlite-utils creates the tables; the rows of a document go in through
    `executemany`, which skips the per-row type sniffing of `insert_all`."""
    columns = list(rows[0])
    sql = "INSERT %sINTO [%s] (%s) VALUES (%s)" % (
        "OR IGNORE " if ignore else "", table, ", ".join("[%s]" % c for c in columns),
        ", ".join("?" for _ in columns))
    values = itemgetter(*columns) if len(columns) > 1 else (lambda row: (row[columns[0]],))
    db.conn.executemany(sql, map(values, rows))


def _delete_document(db: sqlite_utils.Database, doc_id: str) -> None:
    _unindex(db, doc_id)
    for table in DOCUMENT_TABLES:
        db.execute("DELETE FROM [%s] WHERE document_id = ?" % table, [doc_id])
    db.execute("DELETE FROM documents WHERE id = ?", [doc_id])


def record_error(db: sqlite_utils.Database, source: str, sha256: str | None, error: str, message: str,
                 stage: str | None = None) -> None:
    """Record why `source` could not be ingested, and at which stage (replacing an older record)."""
    with db.atomic():
        db.table("ingest_errors").upsert(
            {"source": source, "sha256": sha256, "error": error, "stage": stage, "message": message}, pk="source"
        )


def paragraph_rows(doc_id: str, text: str, paragraphs: Iterable[Any]) -> list[dict]:
    """Return the `paragraphs` rows of a document."""
    rows = []
    for p in paragraphs:
        body = text[p.start : p.end]
        rows.append({
            "id": "%s:%d" % (doc_id, p.index), "document_id": doc_id, "idx": p.index,
            "path": p.path, "label": p.label, "kind": p.kind, "start": p.start, "end": p.end,
            "text": body,
        })
    return rows


def as_json(value: Any) -> str:
    """Serialise a list or mapping for a TEXT column."""
    return json.dumps(value, ensure_ascii=False)
