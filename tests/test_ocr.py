"""OCR of scanned PDFs (`directives ingest --ocr`): a real scan made in tmp_path, the real tools.

The scan is page 1 of seed 001's PDF, rendered at 200 dpi and saved as an
image-only PDF, so what OCR must give back is known: the header of
Kế hoạch 104/KH-UBND. Tests that run tesseract skip when it, ocrmypdf or the
Vietnamese data is not installed; the test of that message removes the tools
honestly, by running the command line with a PATH that does not hold them.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner

from pipeline import batch
from pipeline.cli import cli
from pipeline.ingest import ocr

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests/fixtures/seeds/001_f62151131d3ca04f.pdf"
GOOD = ROOT / "tests/fixtures/seeds/004_56db1945dd7872e2.pdf"
DPI = 200

LACKING = ocr.missing()
needs_ocr = pytest.mark.skipif(
    LACKING is not None, reason="OCR is not installed (%s): apt-get install ocrmypdf tesseract-ocr-vie" % LACKING)


def make_scan(path: Path) -> Path:
    """Write to `path` page 1 of seed 001 as an image-only PDF (what a scanner gives)."""
    pdf = pdfium.PdfDocument(str(SEED))
    try:
        image = pdf[0].render(scale=DPI / 72, grayscale=True).to_pil()
    finally:
        pdf.close()
    image.save(path, "PDF", resolution=DPI)
    return path


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_scan(tmp_path_factory.mktemp("scan") / "ke-hoach-104-scan.pdf")


@pytest.fixture(scope="module")
def ocr_run(scan: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[object, dict]:
    """Run `directives ingest --ocr` once on the scan; return the result and the document's row."""
    db_path = tmp_path_factory.mktemp("db") / "directives.db"
    started = time.monotonic()
    result = CliRunner().invoke(cli, ["ingest", str(scan), "--db", str(db_path), "--ocr", "--quiet"])
    print("ingest --ocr of one page: %.1f s" % (time.monotonic() - started))
    with sqlite3.connect(db_path) as db:
        db.row_factory = sqlite3.Row
        rows = [dict(r) for r in db.execute("SELECT * FROM documents")]
    return result, rows[0] if rows else {}


@needs_ocr
def test_ocr_reads_the_scan(ocr_run: tuple) -> None:
    result, doc = ocr_run
    assert result.exit_code == 0, result.output
    assert "1 ingested" in result.output
    text = doc["text"]
    assert unicodedata.is_normalized("NFC", text)
    for words in ["ỦY BAN NHÂN DÂN", "KẾ HOẠCH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                  "Xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc", "Kết luận số 44-KL/TW"]:
        assert words in text


@needs_ocr
def test_ocr_text_parses_as_the_seed(ocr_run: tuple) -> None:
    _, doc = ocr_run
    assert doc["number"] == "104/KH-UBND"
    assert doc["doc_type"] == "Kế hoạch"
    assert doc["issued_date"] == "2024-02-07"


@needs_ocr
def test_ocr_is_recorded_on_the_document(ocr_run: tuple) -> None:
    _, doc = ocr_run
    assert doc["reader"] == "pdf/ocrmypdf"
    notes = json.loads(doc["notes"])
    assert notes[0].startswith("OCR: page 1 of 1 had no text layer (a scan) and was OCR'd")
    assert "tesseract" in notes[0] and "language vie" in notes[0]


def test_without_ocr_a_scan_is_no_text_layer_and_points_to_the_option(scan: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["ingest", str(scan), "--db", str(tmp_path / "d.db"), "--quiet"])
    assert result.exit_code == 1
    assert "(no_text_layer, at read)" in result.output
    assert "directives ingest --ocr" in result.output


def test_ocr_unavailable_is_reported_once_and_the_batch_goes_on(scan: Path, tmp_path: Path) -> None:
    # A PATH without ocrmypdf or tesseract: the command line itself is found by its absolute path.
    empty = tmp_path / "bin"
    empty.mkdir()
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / scan.name).write_bytes(scan.read_bytes())
    (folder / GOOD.name).write_bytes(GOOD.read_bytes())
    db_path = tmp_path / "d.db"
    env = {**os.environ, "PATH": str(empty)}
    done = subprocess.run([sys.executable, "-m", "pipeline.cli", "ingest", str(folder), "--db", str(db_path),
                           "--ocr", "--quiet"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1
    assert scan.name in errors[0]
    assert "(ocr_unavailable, at read)" in errors[0]
    assert "ocrmypdf and tesseract not found on PATH" in errors[0]
    assert errors[0].count("apt-get install ocrmypdf tesseract-ocr-vie") == 1
    assert "1 error, 1 ingested" in done.stderr
    with sqlite3.connect(db_path) as db:
        assert db.execute("SELECT error FROM ingest_errors").fetchall() == [("ocr_unavailable",)]


def _carrying(marker: str) -> list[int]:
    """Return the pids of running processes whose environment holds `marker` (children inherit it)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                environ = (entry / "environ").read_bytes()
            except OSError:
                continue
            if marker.encode() in environ:
                pids.append(int(entry.name))
    return pids


@needs_ocr
def test_time_limit_stops_ocr_and_its_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # ocrmypdf and everything it starts (tesseract, ghostscript) inherit this variable.
    marker = "DIRECTIVES_OCR_TEST=%s" % tmp_path.name
    monkeypatch.setenv("DIRECTIVES_OCR_TEST", tmp_path.name)
    scan = make_scan(tmp_path / "slow-scan.pdf")
    started = time.monotonic()
    outcome = batch.process(scan, str(scan), time_limit=3.0, ocr=True)
    elapsed = time.monotonic() - started
    assert outcome.error == "timeout", outcome
    assert elapsed < 10
    assert _carrying(marker) == []


@needs_ocr
def test_extract_ocr_gives_the_scans_identity_and_citations(scan: Path) -> None:
    def record(output: str) -> dict:  # the JSON line (the runner mixes in stderr)
        return json.loads(next(line for line in output.splitlines() if line.startswith("{")))

    plain = CliRunner().invoke(cli, ["extract", "--json", str(scan)])
    assert record(plain.output)["error"] == "no_text_layer"
    result = CliRunner().invoke(cli, ["extract", "--json", "--ocr", str(scan)])
    assert result.exit_code == 0, result.output
    found = record(result.output)
    assert found["document"]["number"] == "104/KH-UBND"
    assert "44-KL/TW" in {c.get("number") for c in found["citations"]}
