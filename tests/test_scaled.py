"""The scaled database `make bench` queries: copies of real documents with renumbered identities."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pipeline.batch import run
from pipeline.scaled import build_scaled, renumber


def test_renumber_shifts_the_leading_number_only() -> None:
    assert renumber("471/QĐ-UBND", 1) == "100471/QĐ-UBND"
    assert renumber("36-NQ/TU@nghe-an", 2) == "200036-NQ/TU@nghe-an"
    assert renumber("document:ab12", 3) == "document:ab12~3"
    assert renumber("471/QĐ-UBND", 0) == "471/QĐ-UBND"


def test_copies_are_distinct_documents_with_their_rows_and_search(seed_paths: list[Path], tmp_path: Path) -> None:
    source = tmp_path / "seeds.db"
    run(seed_paths, str(source))
    scaled = tmp_path / "scaled.db"
    info = build_scaled(source, scaled, 3 * len(seed_paths))
    assert info["copies"] == 3 and info["documents"] == 3 * len(seed_paths)
    conn = sqlite3.connect(scaled)

    def one(sql: str, *args: object) -> object:
        return conn.execute(sql, args).fetchone()[0]

    # Every table of a document is copied with it; each copy's own number is new.
    for table in ("paragraphs", "citations", "dates", "body_mentions", "assignments"):
        assert one("SELECT count(*) FROM [%s]" % table) == 3 * one(
            "SELECT count(*) FROM [%s] WHERE document_id NOT LIKE '%%~%%'" % table), table
    numbers = [r[0] for r in conn.execute("SELECT number FROM documents WHERE number IS NOT NULL")]
    assert len(numbers) == len(set(numbers)) == 3 * one(
        "SELECT count(*) FROM documents WHERE number IS NOT NULL AND id NOT LIKE '%~%'")
    # The full-text index holds the copies: as many hits as a scan of the text finds.
    folded = one("SELECT count(*) FROM paragraphs_folded_fts WHERE paragraphs_folded_fts MATCH ?", '"an ninh"')
    scanned = one("SELECT count(*) FROM paragraphs WHERE text LIKE '%an ninh%'")
    assert folded == scanned > 0 and folded % 3 == 0
    assert one("SELECT count(*) FROM paragraphs_folded_fts WHERE paragraphs_folded_fts MATCH 'duong'") % 3 == 0
    # The copies keep citing what the originals cite: the cited directives gain citers.
    assert one("SELECT max(n_citing_documents) FROM directives") >= 3
    # The indexes dropped while copying are back.
    assert one("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'idx_paragraphs_document_id'") == 1
