"""One canonical directive per real document, conflicts kept, lineage across documents."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from pipeline.batch import run
from pipeline.cli import cli
from pipeline.directives import is_national, number_key, scheme, term_of


@pytest.mark.parametrize(
    "number, kind, national",
    [
        ("36-NQ/TU", "party", False),
        ("218-KH/BTGTU", "party", False),
        ("44-KL/TW", "party", True),
        ("05-QĐ/BCĐTW", "party", True),
        ("124/2021/TT-BCA", "normative", True),
        ("06/2013/NĐ-CP", "normative", True),
        ("06/QĐ-TTg", "administrative", True),
        ("5764/QĐ-BCA-V05", "administrative", True),
        ("07/CtrPH-BCA-MTTQ", "administrative", True),
        ("104/KH-UBND", "administrative", False),
        ("3090/UBND-NC", "administrative", False),
        ("19/HD-CAT-PV05", "administrative", False),
        ("664/BCĐ-NC", "administrative", False),
    ],
)
def test_numbering_scheme_and_scope(number: str, kind: str, national: bool) -> None:
    assert scheme(number) == kind
    assert is_national(number) is national


def test_number_key_folds_case_spaces_and_d_bar() -> None:
    assert number_key("06/QĐ-TTg") == number_key("06/qd-ttg") == number_key("06/QD–TTg")


def test_party_terms() -> None:
    # 09-CT/TW of 2011 (term XI) and of 2017 (term XII) are two documents.
    assert term_of("2011-12-01", True) != term_of("2017-01-05", True)
    assert term_of("2019-01-21", True) == term_of("2019-01-22", True)


def _write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture()
def small_corpus(tmp_path: Path) -> sqlite_utils.Database:
    """Five short real-shaped documents from two provinces, ingested by the real pipeline."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _write(corpus, "a_nghean.txt",
           "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
           "Số: 12/KH-UBND\nNghệ An, ngày 01 tháng 02 năm 2024\nKẾ HOẠCH\nThực hiện Chỉ thị số 24-CT/TW\n"
           "Thực hiện Chỉ thị số 24-CT/TW ngày 13/7/2023 của Bộ Chính trị về bảo đảm vững chắc an ninh quốc gia; "
           "Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ;\n"
           "Kết luận số 44-KL/TW ngày 22/01/2019 của Ban Bí thư về tiếp tục thực hiện Chỉ thị số 09-CT/TW ngày 01/12/2011 của Ban Bí thư.\n")
    _write(corpus, "b_nghean_district.txt",
           "ỦY BAN NHÂN DÂN\nHUYỆN NAM ĐÀN\nSố: 3/KH-UBND\nNam Đàn, ngày 10 tháng 3 năm 2024\nKẾ HOẠCH\nTriển khai\n"
           "Căn cứ Kế hoạch số 12/KH-UBND ngày 01/02/2024 của UBND tỉnh Nghệ An về thực hiện Chỉ thị số 24-CT/TW;\n")
    _write(corpus, "c_kiengiang.txt",
           "ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG\nSố: 40/KH-UBND\nKiên Giang, ngày 05 tháng 3 năm 2024\nKẾ HOẠCH\nTuyên truyền\n"
           "Căn cứ Kế hoạch số 12/KH-UBND ngày 20/01/2024 của UBND tỉnh về công tác tuyên truyền; "
           "Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ;\n"
           "Kết luận số 44-KL/TW ngày 21/01/2019 của Ban Bí thư.\n")
    _write(corpus, "d_party.txt",
           "TỈNH ỦY KIÊN GIANG\nSố: 20-KH/TU\nKiên Giang, ngày 15 tháng 02 năm 2017\nKẾ HOẠCH\nThực hiện\n"
           "Thực hiện Chỉ thị số 09-CT/TW, ngày 05/01/2017 của Ban Bí thư về tăng cường sự lãnh đạo của Đảng.\n")
    _write(corpus, "e_broken.pdf", "not a pdf at all")
    db_path = tmp_path / "test.db"
    run([corpus], str(db_path))
    return sqlite_utils.Database(db_path)


def directive(db: sqlite_utils.Database, number: str) -> list[dict]:
    key = number_key(number)
    return [r for r in db.query("SELECT * FROM directives") if number_key(r["number"]) == key]


def test_local_symbol_belongs_to_the_citing_province(small_corpus: sqlite_utils.Database) -> None:
    # "12/KH-UBND" of Nghệ An and of Kiên Giang are two documents.
    rows = directive(small_corpus, "12/KH-UBND")
    assert sorted(r["scope"] for r in rows) == ["kiên giang", "nghệ an"]


def test_local_directive_links_to_its_document(small_corpus: sqlite_utils.Database) -> None:
    nghe_an = next(r for r in directive(small_corpus, "12/KH-UBND") if r["scope"] == "nghệ an")
    doc = small_corpus["documents"].get(nghe_an["document_id"])
    assert doc["source"].endswith("a_nghean.txt")


def test_national_symbol_is_one_directive_everywhere(small_corpus: sqlite_utils.Database) -> None:
    rows = directive(small_corpus, "06/QĐ-TTg")
    assert len(rows) == 1 and rows[0]["scope"] == "vn" and rows[0]["n_citing_documents"] == 2


def test_party_number_reused_in_another_term_is_two_directives(small_corpus: sqlite_utils.Database) -> None:
    rows = directive(small_corpus, "09-CT/TW")
    assert sorted(r["date"] for r in rows) == ["2011-12-01", "2017-01-05"]
    split = [c for c in small_corpus["citation_conflicts"].rows if c["field"] == "split"]
    assert any("09-ct/tw" in c["directive_id"] for c in split)


def test_conflicting_dates_are_recorded_not_merged_silently(small_corpus: sqlite_utils.Database) -> None:
    rows = directive(small_corpus, "44-KL/TW")
    assert len(rows) == 1
    conflict = small_corpus["citation_conflicts"].get(rows[0]["id"] + "|date")
    assert json.loads(conflict["values"]) == ["2019-01-21", "2019-01-22"]


def test_lineage_crosses_documents(small_corpus: sqlite_utils.Database) -> None:
    edges = {(e["source_id"], e["target_id"]): e["relation"] for e in small_corpus["lineage_edges"].rows}
    nghe_an = next(r["id"] for r in directive(small_corpus, "12/KH-UBND") if r["scope"] == "nghệ an")
    district = directive(small_corpus, "3/KH-UBND")[0]["id"]
    directive_24 = directive(small_corpus, "24-CT/TW")[0]["id"]
    assert edges[(district, nghe_an)] == "basis"  # the district plan stands on the province's
    assert edges[(nghe_an, directive_24)] == "implements"  # which implements the Politburo's


def test_bad_file_is_recorded_and_the_batch_goes_on(small_corpus: sqlite_utils.Database) -> None:
    errors = list(small_corpus["ingest_errors"].rows)
    assert [e["source"].endswith("e_broken.pdf") for e in errors] == [True]
    assert small_corpus["documents"].count == 4


def test_lineage_command_on_the_seeds(tmp_path: Path) -> None:
    db = tmp_path / "seeds.db"
    corpus = Path(__file__).resolve().parent.parent / "corpus"
    run([corpus], str(db))
    result = CliRunner().invoke(cli, ["lineage", "168-KH/TU", "--db", str(db)])
    assert result.exit_code == 0, result.output
    up, down = result.output.split("down (what implements it):")
    assert "implements Chỉ thị 24-CT/TW" in up
    assert "000_e28ace9101c1670a" in down
    out = tmp_path / "graph.graphml"
    result = CliRunner().invoke(cli, ["export", "--graphml", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    graph = ET.parse(out).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    edges = graph.findall(".//g:edge", ns)
    assert any(e.get("source", "").startswith("168-kh/tu") and e.get("target") == "24-ct/tw@vn" for e in edges)
