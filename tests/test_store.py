"""Storage: idempotent re-runs, atomic replacement, and search with and without diacritics."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils

from pipeline.batch import run
from pipeline.normalize import search_fold
from pipeline.store import graph_is_current

PLAN = ("ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\nSố: 104/KH-UBND\nNghệ An, ngày 07 tháng 02 năm 2024\nKẾ HOẠCH\n"
        "Xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n1. Nâng cao chất lượng phong trào toàn dân bảo vệ an ninh Tổ quốc.\n"
        "2. Tuyên truyền trên đường phố, chợ và khu dân cư; mà không để xảy ra ma túy.\n")


def counts(db: sqlite_utils.Database) -> dict[str, int]:
    return {t: db[t].count for t in ("documents", "paragraphs", "citations", "dates")}


def search(db: sqlite_utils.Database, query: str, where: str = "1") -> list[str]:
    """Paragraph texts the full-text index matches for `query`, filtered by SQL `where` on p."""
    return [r["text"] for r in db.query(
        "SELECT text FROM paragraphs p WHERE rowid IN (SELECT rowid FROM paragraphs_folded_fts "
        "WHERE paragraphs_folded_fts MATCH ?) AND %s ORDER BY rowid" % where, [query])]


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "plan.txt").write_text(PLAN, encoding="utf-8")
    return folder


def test_rerun_on_unchanged_files_changes_nothing(corpus: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "d.db"
    first = run([corpus], str(db_path))
    assert first.counts == {"ingested": 1}
    before = counts(sqlite_utils.Database(db_path))
    second = run([corpus], str(db_path))
    assert second.counts == {"unchanged": 1}
    assert counts(sqlite_utils.Database(db_path)) == before
    assert graph_is_current(sqlite_utils.Database(db_path))


def test_changed_file_replaces_its_rows(corpus: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "d.db"
    run([corpus], str(db_path))
    (corpus / "plan.txt").write_text(PLAN.replace("104/KH-UBND", "105/KH-UBND") + "3. Hoàn thành trước ngày 15/5/2024.\n",
                                     encoding="utf-8")
    assert run([corpus], str(db_path)).counts == {"ingested": 1}
    db = sqlite_utils.Database(db_path)
    assert [r["number"] for r in db["documents"].rows] == ["105/KH-UBND"]
    # The old document's paragraphs left with it, from the table and from the index.
    doc_id = next(db["documents"].rows)["id"]
    assert {r["document_id"] for r in db["paragraphs"].rows} == {doc_id}
    # The title and item 1 speak of the movement, and nothing else is indexed.
    assert len(search(db, "phong trao")) == 2
    assert db.execute("SELECT count(*) FROM paragraphs_folded_fts_docsize").fetchone()[0] == db["paragraphs"].count


def test_search_with_and_without_diacritics(corpus: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "d.db"
    run([corpus], str(db_path))
    db = sqlite_utils.Database(db_path)
    typed = search(db, '"bảo vệ an ninh"')
    assert [t[:9] for t in typed] == ["Xây dựng ", "1. Nâng c"]  # the title and item 1
    assert search(db, '"bao ve an ninh"') == search(db, '"BẢO VỆ AN NINH"') == typed
    # đ has no Unicode decomposition: folded explicitly, "duong" finds "đường".
    assert any("đường phố" in t for t in search(db, "duong"))
    # Marks are matched exactly by filtering the index's hits on the text.
    assert search_fold("mà") == search_fold("má")
    assert search(db, "ma", "p.text LIKE '%mà%'") and not search(db, "ma", "p.text LIKE '%má%'")


def test_a_database_with_the_old_exact_index_loses_it(corpus: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "d.db"
    run([corpus], str(db_path))
    sqlite_utils.Database(db_path)["paragraphs"].enable_fts(["text"], create_triggers=False)
    run([corpus], str(db_path))
    names = set(sqlite_utils.Database(db_path).table_names())
    assert "paragraphs_folded_fts" in names and not any(n.startswith("paragraphs_fts") for n in names)


def test_bad_input_is_recorded_and_a_good_file_clears_its_error(corpus: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "d.db"
    (corpus / "broken.docx").write_bytes(b"PK\x03\x04 this is not a zip archive")
    (corpus / "empty.txt").write_bytes(b"")
    summary = run([corpus], str(db_path))
    assert summary.counts == {"ingested": 1, "error": 2}
    db = sqlite_utils.Database(db_path)
    errors = {Path(r["source"]).name: r["error"] for r in db["ingest_errors"].rows}
    assert errors == {"broken.docx": "corrupt_file", "empty.txt": "empty_document"}
    (corpus / "empty.txt").write_text(PLAN.replace("104", "106"), encoding="utf-8")
    run([corpus], str(db_path))
    assert {Path(r["source"]).name for r in db["ingest_errors"].rows} == {"broken.docx"}
    assert db["documents"].count == 2


def test_workers_give_the_same_rows_as_one(corpus: Path, tmp_path: Path) -> None:
    for i in range(4):
        (corpus / ("copy%d.txt" % i)).write_text(PLAN.replace("104", str(200 + i)), encoding="utf-8")
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    run([corpus], str(one), workers=1)
    run([corpus], str(two), workers=2)
    for table in ("documents", "paragraphs", "citations", "dates", "directives"):
        rows_one = sorted(map(repr, sqlite_utils.Database(one)[table].rows))
        rows_two = sorted(map(repr, sqlite_utils.Database(two)[table].rows))
        assert rows_one == rows_two, table


def test_a_stopped_batch_keeps_whole_documents_and_a_rerun_does_the_rest(corpus: Path, tmp_path: Path) -> None:
    for i in range(4):
        (corpus / ("copy%d.txt" % i)).write_text(PLAN.replace("104", str(300 + i)), encoding="utf-8")
    db_path = tmp_path / "d.db"
    seen: list[str] = []

    def stop_after_two(outcome: object) -> None:
        seen.append(outcome.source)  # type: ignore[attr-defined]
        if len(seen) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run([corpus], str(db_path), on_outcome=stop_after_two)
    db = sqlite_utils.Database(db_path)
    # The two finished documents were committed with all their rows and indexed;
    # nothing of the others is there.
    assert sorted(r["source"] for r in db["documents"].rows) == sorted(seen)
    assert len(search(db, '"bao ve an ninh"')) == 4  # title and item 1, twice
    stopped = dict(db.execute("SELECT document_id, count(*) FROM paragraphs GROUP BY 1").fetchall())
    assert not graph_is_current(db)  # the stopped batch never reached its rebuild
    assert run([corpus], str(db_path)).counts == {"unchanged": 2, "ingested": 3}
    assert graph_is_current(db) and db["directives"].count == 5  # the plans' own numbers
    per_document = dict(db.execute("SELECT document_id, count(*) FROM paragraphs GROUP BY 1").fetchall())
    # The five plans differ only in their number: whole documents have as many paragraphs.
    assert len(per_document) == 5 and len(set(per_document.values())) == 1
    assert set(stopped.values()) == set(per_document.values())
