"""Bad input: each file raises its named error with a message that says why,
and a batch records every bad file and goes on."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from pipeline import batch, ingest
from pipeline.document import load
from pipeline.errors import (
    CorruptFile,
    EmptyDocument,
    EncodingError,
    EncryptedFile,
    IngestError,
    NoTextLayer,
    UnsupportedFormat,
)
from pipeline.ingest import doc as doc_reader
from pipeline.ingest import txt

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ROOT = Path(__file__).resolve().parents[1]

# (fixture, error, words the message must hold)
BAD = [
    ("bad/download-error.pdf", CorruptFile, "damaged PDF"),  # a portal's 404 page saved as .pdf
    ("bad/empty.pdf", EmptyDocument, "empty"),
    ("bad/encrypted.pdf", EncryptedFile, "password"),
    ("bad/scanned.pdf", NoTextLayer, "OCR"),
    ("bad/no-unicode-map.pdf", NoTextLayer, "Unicode"),
    ("bad/truncated.docx", CorruptFile, "truncated"),
    ("bad/encrypted.docx", EncryptedFile, "password"),
    ("bad/mixed-encoding.txt", EncodingError, "Windows-1258"),
    # TCVN3 bytes decode as Windows-1258 to letters Vietnamese never uses ("Thùc hiÖn").
    ("bad/tcvn3.txt", EncodingError, "TCVN3"),
]


@pytest.mark.parametrize("name,error,words", BAD, ids=lambda v: v if isinstance(v, str) and "/" in v else None)
def test_bad_input_raises_named_error(name: str, error: type[IngestError], words: str) -> None:
    with pytest.raises(error) as raised:
        ingest.read(FIXTURES / name)
    assert type(raised.value) is error
    assert words in str(raised.value)


def test_docx_that_is_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.docx"
    path.write_bytes((FIXTURES / "bad/download-error.pdf").read_bytes())  # an error page, saved as .docx
    with pytest.raises(CorruptFile, match="not a ZIP container"):
        ingest.read(path)


def test_unknown_extension(tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach.odt"
    path.write_bytes(b"PK\x03\x04 not read")
    with pytest.raises(UnsupportedFormat, match=".odt"):
        ingest.read(path)


def test_empty_pdf_is_corrupt_for_the_reader_itself() -> None:
    # ingest.read stops a 0-byte file first; the PDF reader alone calls it damaged.
    from pipeline.ingest import pdf

    with pytest.raises(CorruptFile, match="damaged PDF"):
        pdf.read(FIXTURES / "bad/empty.pdf")


def seed_paragraph() -> str:
    """Return the paragraph of seed 003 that the encoding fixtures hold (quotes made straight)."""
    text = load(sorted((ROOT / "corpus").glob("*.txt"))[3]).text
    return text.split("\n")[3].replace("“", '"').replace("”", '"')


@pytest.mark.parametrize("name,encoding", [("good/utf16.txt", "utf-16"), ("good/cp1258.txt", "cp1258")])
def test_legacy_encodings_decode(name: str, encoding: str) -> None:
    raw = txt.read(FIXTURES / name)
    assert raw.encoding == encoding
    assert load(FIXTURES / name).text == seed_paragraph()


def test_legacy_doc_through_libreoffice(shared: Path) -> None:
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice is not installed")
    path = shared / "corpus/dev/skill-sct__TT-15-2026-BCT-text.doc"
    raw = doc_reader.read(path)
    assert raw.reader == "doc/libreoffice"
    assert "Thông tư" in raw.text or "THÔNG TƯ" in raw.text
    ident = load(path).identity
    assert ident.number == "15/2026/TT-BCT"
    assert ident.doc_type == "Thông tư"


GOOD = ["seeds/002_26c2e1b7f974e827.docx", "seeds/004_56db1945dd7872e2.pdf", "good/utf16.txt"]
EXPECTED_CODES = {
    "download-error.pdf": "corrupt_file",
    "encrypted.pdf": "encrypted_file",
    "scanned.pdf": "no_text_layer",
    "no-unicode-map.pdf": "no_text_layer",
    "truncated.docx": "corrupt_file",
    "encrypted.docx": "encrypted_file",
    "mixed-encoding.txt": "unknown_encoding",
    "empty.pdf": "empty_document",
    "ke-hoach.odt": "unsupported_format",
}


def test_batch_records_bad_files_and_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in GOOD + ["bad/" + n for n in EXPECTED_CODES if n != "ke-hoach.odt"]:
        shutil.copy(FIXTURES / name, folder / Path(name).name)
    (folder / "ke-hoach.odt").write_bytes(b"PK\x03\x04 not read")
    db_path = str(tmp_path / "directives.db")

    first = batch.run([folder], db_path)
    assert first.counts == {"ingested": len(GOOD), "error": len(EXPECTED_CODES)}

    def snapshot() -> tuple[list[tuple], list[tuple]]:
        with sqlite3.connect(db_path) as db:
            errors = db.execute("SELECT source, sha256, error, message FROM ingest_errors ORDER BY source").fetchall()
            docs = db.execute("SELECT id, source, sha256, reader, text FROM documents ORDER BY source").fetchall()
        return errors, docs

    errors, docs = snapshot()
    assert {Path(src).name: code for src, _, code, _ in errors} == EXPECTED_CODES
    assert all(message for *_, message in errors)
    assert sorted(Path(src).name for _, src, *_ in docs) == sorted(Path(n).name for n in GOOD)
    assert {reader for *_, reader, _ in docs} == {"docx", "pdf/pdfplumber", "txt"}

    second = batch.run([folder], db_path)
    assert second.counts == {"unchanged": len(GOOD), "error": len(EXPECTED_CODES)}
    assert snapshot() == (errors, docs)
