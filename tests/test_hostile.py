"""Hostile input: files that lie about their format, bombs, junk and legacy encodings.

Each file is made here, in `tmp_path`, so what it holds is visible in the
test: each must raise its named error with a message that says, in plain
words, what the file is; none may hang, exhaust memory or end as an
`internal_error`.
"""

from __future__ import annotations

import io
import random
import shutil
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

import docx
import pytest

from pipeline import batch, ingest
from pipeline.errors import (
    CorruptFile,
    EmptyDocument,
    EncodingError,
    FileTooLarge,
    IngestError,
    NoTextLayer,
    SuspiciousArchive,
    WrongFormat,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ROOT = Path(__file__).resolve().parents[1]
SEED_PDF = FIXTURES / "seeds/004_56db1945dd7872e2.pdf"
SEED_DOCX = FIXTURES / "seeds/002_26c2e1b7f974e827.docx"
SEED_TXT = sorted((ROOT / "corpus").glob("*.txt"))[3]
MB = 1024 * 1024

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_DECL = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
BODY_OPEN = ('<w:document xmlns:w="%s"><w:body><w:p><w:r><w:t>Điều 1. Thử nghiệm.</w:t></w:r></w:p>'
             % W_NS).encode()
BODY_CLOSE = b"</w:body></w:document>"
# Billion laughs: lol9 expands to 10^9 "lol"s.
ENTITIES = '<!ENTITY lol0 "lol">' + "".join(
    '<!ENTITY lol%d "%s">' % (i, "&lol%d;" % (i - 1) * 10) for i in range(1, 10))
ENTITY_BOMB = ('<!DOCTYPE w:document [%s]><w:document xmlns:w="%s"><w:body><w:p><w:r><w:t>&lol9;</w:t>'
               "</w:r></w:p></w:body></w:document>" % (ENTITIES, W_NS)).encode()

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# "Nghị quyết của Chính phủ về việc thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2024."
# in VNI-Windows: each mark a byte after its letter.
VNI_SENTENCE = ("Nghò quyeát cuûa Chính phuû veà vieäc thöïc hieän nhieäm vuï phaùt trieån kinh teá - "
                "xaõ hoäi naêm 2024.\n").encode("latin-1")


def docx_bytes(document_xml: Callable[[IO[bytes]], None] | bytes | None = None,
               extra: dict[str, bytes] | None = None) -> Callable[[Path], None]:
    """Return a writer of a valid minimal DOCX whose `word/document.xml` is replaced (streamed when a function)."""

    def write(path: Path) -> None:
        buf = io.BytesIO()
        made = docx.Document()
        made.add_paragraph("Điều 1. Thử nghiệm.")
        made.save(buf)
        with zipfile.ZipFile(buf) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
            for item in src.infolist():
                replaced = item.filename in (extra or {}) or (item.filename == "word/document.xml" and document_xml is not None)
                if not replaced:
                    out.writestr(item, src.read(item))
            for name, data in (extra or {}).items():
                out.writestr(name, data)
            if document_xml is not None:
                with out.open("word/document.xml", "w") as fh:
                    if callable(document_xml):
                        document_xml(fh)
                    else:
                        fh.write(document_xml)

    return write


def spaces(n_mb: int) -> Callable[[IO[bytes]], None]:
    """Return a writer of a valid document.xml padded with `n_mb` MiB of spaces, streamed."""

    def write(fh: IO[bytes]) -> None:
        fh.write(XML_DECL + BODY_OPEN)
        chunk = b" " * MB
        for _ in range(n_mb):
            fh.write(chunk)
        fh.write(BODY_CLOSE)

    return write


def data(content: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(content)


def copy_of(source: Path, cut: slice = slice(None)) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(source.read_bytes()[cut])


def junk_middle(source: Path) -> Callable[[Path], None]:
    """Return a writer of `source` with all but its first and last 2000 bytes overwritten by random bytes."""
    blob = source.read_bytes()
    junk = random.Random(1).randbytes(len(blob) - 4000)
    return lambda path: path.write_bytes(blob[:2000] + junk + blob[-2000:])


def ole_file(stream: str) -> bytes:
    """Return the head of an OLE2 compound file whose directory names `stream` (enough for the sniff)."""
    entry = (stream.encode("utf-16-le") + b"\x00\x00").ljust(128, b"\x00")
    root = ("Root Entry".encode("utf-16-le") + b"\x00\x00").ljust(128, b"\x00")
    return (OLE_MAGIC + b"\x00" * 504 + root + entry).ljust(4096, b"\x00")


def xlsx_writer(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as out:
        out.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        out.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook/>')


# (file name, how to make it, error, code, words the message must hold)
HOSTILE = [
    ("empty.txt", data(b""), EmptyDocument, "empty_document", "empty"),
    ("random.txt", data(random.Random(0).randbytes(8192)), WrongFormat, "wrong_format", "binary data"),
    ("nul-padded.txt", data(b"Dieu 1.\n" + b"\x00" * 4000), WrongFormat, "wrong_format", "binary data"),
    ("pdf-renamed.txt", copy_of(SEED_PDF), WrongFormat, "wrong_format", "a PDF file named .txt"),
    ("docx-renamed.txt", copy_of(SEED_DOCX), WrongFormat, "wrong_format", "a ZIP archive"),
    ("doc-renamed.md", data(ole_file("WordDocument")), WrongFormat, "wrong_format", "legacy Office (OLE2)"),
    ("scan.txt", data(b"\x89PNG\r\n\x1a\n" + bytes(512)), WrongFormat, "wrong_format", "needs OCR"),
    ("photo.html", data(b"\xff\xd8\xff\xe0" + bytes(512)), WrongFormat, "wrong_format", "a JPEG image"),
    ("pdf-renamed.docx", copy_of(SEED_PDF), CorruptFile, "corrupt_file", "not a ZIP container; it is a PDF file"),
    ("docx-renamed.pdf", copy_of(SEED_DOCX), WrongFormat, "wrong_format", "rename it .docx"),
    ("spreadsheet.doc", data(ole_file("Workbook")), WrongFormat, "wrong_format", "Excel spreadsheet"),
    ("spreadsheet.docx", data(ole_file("Workbook")), WrongFormat, "wrong_format", "Excel spreadsheet"),
    ("workbook.docx", xlsx_writer, WrongFormat, "wrong_format", "Excel workbook"),
    ("truncated.pdf", copy_of(SEED_PDF, slice(None, -3000)), CorruptFile, "corrupt_file", "truncated"),
    ("corrupt.pdf", junk_middle(SEED_PDF), NoTextLayer, "no_text_layer", "damaged page content"),
    ("corrupt.docx", docx_bytes(b"<w:document>not xml"), CorruptFile, "corrupt_file", "damaged .docx"),
    ("zip-bomb.docx", docx_bytes(spaces(300)), SuspiciousArchive, "suspicious_archive", "zip bomb"),
    ("ratio-bomb.docx", docx_bytes(spaces(40)), SuspiciousArchive, "suspicious_archive", "ratio"),
    ("entity-bomb.docx", docx_bytes(XML_DECL + ENTITY_BOMB), SuspiciousArchive, "suspicious_archive",
     "entity bomb"),
    # The DOCTYPE pushed past the bytes that are scanned, behind a long comment.
    ("hidden-entity-bomb.docx", docx_bytes(XML_DECL + b"<!--" + b"x" * 70_000 + b"-->" + ENTITY_BOMB),
     SuspiciousArchive, "suspicious_archive", "hidden behind comments"),
    ("entity-bomb-footnotes.docx", docx_bytes(extra={"word/footnotes.xml": XML_DECL + ENTITY_BOMB}),
     SuspiciousArchive, "suspicious_archive", "word/footnotes.xml"),
    ("vni.txt", data(VNI_SENTENCE * 5), EncodingError, "unknown_encoding", "VNI"),
]


@pytest.mark.parametrize("name,make,error,code,words", HOSTILE, ids=[row[0] for row in HOSTILE])
def test_hostile_input_raises_named_error(tmp_path: Path, name: str, make: Callable[[Path], None],
                                          error: type[IngestError], code: str, words: str) -> None:
    path = tmp_path / name
    make(path)
    with pytest.raises(error) as raised:
        ingest.read(path)
    assert type(raised.value) is error
    assert raised.value.code == code
    assert words in str(raised.value)


def test_tcvn3_is_named_and_not_taken_for_vni() -> None:
    with pytest.raises(EncodingError) as raised:
        ingest.read(FIXTURES / "bad/tcvn3.txt")
    assert "TCVN3 (ABC" in str(raised.value)
    assert "VNI" not in str(raised.value)


def test_docx_renamed_doc_is_read_as_docx(tmp_path: Path) -> None:
    path = tmp_path / "quyet-dinh.doc"
    shutil.copy(SEED_DOCX, path)
    raw = ingest.read(path)
    assert raw.reader == "docx"
    assert raw.text == ingest.read(SEED_DOCX).text
    assert "a DOCX file named .doc: read as DOCX" in raw.notes


def test_size_limit_says_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    path.write_bytes(SEED_TXT.read_bytes())
    with pytest.raises(FileTooLarge) as raised:
        ingest.read(path, max_bytes=1000)
    assert raised.value.code == "file_too_large"
    assert "over the 1000 bytes limit for one TXT document" in str(raised.value)
    assert "split it" in str(raised.value)
    assert ingest.read(path, max_bytes=path.stat().st_size).text  # at the limit: read


def test_batch_records_hostile_files_beside_a_good_one(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED_TXT, folder / "good.txt")
    picked = {"random.txt", "pdf-renamed.txt", "spreadsheet.doc", "ratio-bomb.docx", "entity-bomb.docx", "vni.txt"}
    for name, make, _, _, _ in HOSTILE:
        if name in picked:
            make(folder / name)
    db_path = str(tmp_path / "directives.db")

    summary = batch.run([folder], db_path)

    assert summary.counts == {"ingested": 1, "error": len(picked)}
    expected = {name: code for name, _, _, code, _ in HOSTILE if name in picked}
    with sqlite3.connect(db_path) as db:
        errors = db.execute("SELECT source, error, message FROM ingest_errors").fetchall()
        docs = [Path(src).name for (src,) in db.execute("SELECT source FROM documents")]
    assert {Path(src).name: code for src, code, _ in errors} == expected
    assert all(message and "\n" not in message for *_, message in errors)
    assert docs == ["good.txt"]


def test_50_mb_text_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    # Parsing and extraction grow faster than the size (see MAX_TEXT_BYTES):
    # a 50 MB text is refused at once, with what to do, and a PDF is not held
    # to the text limit.
    path = tmp_path / "cong-bao.txt"
    seed = SEED_TXT.read_bytes()
    with open(path, "wb") as fh:
        for _ in range(50_000_000 // len(seed) + 1):
            fh.write(seed)
    with pytest.raises(FileTooLarge) as raised:
        ingest.read(path)
    assert "the file is 50.0 MB, over the 8.4 MB limit for one TXT document" in str(raised.value)
    assert "split it into one file per document" in str(raised.value)
    assert ingest.MAX_TEXT_BYTES < path.stat().st_size < ingest.MAX_BYTES
