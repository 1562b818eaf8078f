"""Tell what a file is from its first bytes, whatever its extension says.

Portals and mail attachments rename files freely: a PDF saved as `.txt`, a
`.xls` workbook saved as `.doc`. Read as their extension says, they give
mojibake or a spreadsheet's cells as a directive; named here, they give an
error that says what the file is.
"""

from __future__ import annotations

from pathlib import Path

HEAD_BYTES = 64 * 1024

PDF, ZIP, OLE2 = "PDF", "ZIP", "OLE2"
# Signatures at offset 0 -> (kind, how the error names it).
MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", PDF, "a PDF file"),
    (b"PK\x03\x04", ZIP, "a ZIP archive (DOCX, XLSX or other)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", OLE2, "a legacy Office (OLE2) file (.doc or .xls)"),
    (b"\x89PNG\r\n\x1a\n", "PNG", "a PNG image"),
    (b"\xff\xd8\xff", "JPEG", "a JPEG image"),
    (b"GIF87a", "GIF", "a GIF image"),
    (b"GIF89a", "GIF", "a GIF image"),
    (b"II*\x00", "TIFF", "a TIFF image"),
    (b"MM\x00*", "TIFF", "a TIFF image"),
    (b"Rar!\x1a\x07", "RAR", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "7Z", "a 7-Zip archive"),
    (b"\x1f\x8b", "GZIP", "a gzip archive"),
)

# Stream names of an OLE2 compound file are stored UTF-16LE in its directory.
# Reading the directory properly needs `olefile` (not installed) or a FAT
# walk; searching the whole file for the names is a heuristic: a Word file
# always has a "WordDocument" stream, so a file without that name anywhere
# and with a workbook stream is no Word document. A miss only means the file
# goes to LibreOffice as a .doc, as before.
WORD_STREAM = "WordDocument".encode("utf-16-le")
OTHER_STREAMS: tuple[tuple[bytes, str], ...] = (
    ("Workbook".encode("utf-16-le"), "an Excel spreadsheet (.xls)"),
    ("Book".encode("utf-16-le"), "an Excel 5 spreadsheet (.xls)"),
    ("PowerPoint Document".encode("utf-16-le"), "a PowerPoint presentation (.ppt)"),
)
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


def head(path: Path, n: int = HEAD_BYTES) -> bytes:
    """Return the first `n` bytes of `path`."""
    with open(path, "rb") as fh:
        return fh.read(n)


def kind(data: bytes) -> tuple[str, str] | None:
    """Return (kind, plain name) of the container `data` starts with, or None for text and unknown bytes."""
    for magic, name, words in MAGIC:
        if data.startswith(magic):
            return name, words
    return None


def ole_content(data: bytes) -> str | None:
    """Return what an OLE2 file holds when it is not a Word document ("an Excel spreadsheet (.xls)"), else None.

    `data` is the whole file: the directory can sit anywhere in it (see WORD_STREAM)."""
    if WORD_STREAM in data or ENCRYPTED_STREAM in data:
        return None
    for name, words in OTHER_STREAMS:
        if name in data:
            return words
    return None
