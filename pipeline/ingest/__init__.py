"""Readers, one module per input format, all behind one table.

Each reader is `read(path) -> RawText` and never returns None: a file it
cannot read raises one of the errors in `pipeline.errors`. Before the reader
runs, the file's first bytes are checked against its extension
(`pipeline.ingest.sniff`): a PDF named `.txt` is reported as such, not read
as mojibake.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

from pipeline.errors import EmptyDocument, FileTooLarge, UnsupportedFormat, WrongFormat
from pipeline.ingest import doc, docx, html, md, pdf, sniff, txt
from pipeline.model import RawText

READERS: dict[str, Callable[[Path], RawText]] = {
    ".txt": txt.read,
    ".md": md.read,
    ".markdown": md.read,
    ".html": html.read,
    ".htm": html.read,
    ".pdf": pdf.read,
    ".docx": docx.read,
    ".doc": doc.read,
}

# Containers each extension may hold; text formats hold none. A .doc may be a
# ZIP (a .docx renamed) and its reader sorts that out; the .docx reader names
# whatever it finds that is not a ZIP itself (an old .doc renamed, a
# password-protected package, a PDF).
CONTAINERS: dict[str, frozenset[str] | None] = {
    ".pdf": frozenset({sniff.PDF}),
    ".docx": None,
    ".doc": frozenset({sniff.ZIP, sniff.OLE2}),
}
# What to do with a file that is another format than its extension says.
ADVICE = {
    sniff.PDF: "rename it .pdf",
    sniff.ZIP: "if it is a Word document, rename it .docx",
    sniff.OLE2: "if it is a Word document, rename it .doc",
    "PNG": "an image has no text layer: it needs OCR",
    "JPEG": "an image has no text layer: it needs OCR",
    "GIF": "an image has no text layer: it needs OCR",
    "TIFF": "an image has no text layer: it needs OCR",
}

# Larger than any directive we have seen (the biggest gazette issue is ~12 MB
# of text); beyond it a file is more likely a data dump than a document.
# It holds for PDF and Word files, whose size is mostly images.
MAX_BYTES = 64 * 1024 * 1024
# Text formats are all text, and parsing and extraction grow faster than the
# size: a file of copies of seed 000 took 3.4 s for 2 MB, 57 s for 8 MB, and
# 50 MB was still in extraction after 140 s (the batch stops a file at 120 s).
# The largest real text document we hold is 1.4 MB; a gazette issue as text
# holds many documents, and the message says to split it.
MAX_TEXT_BYTES = 8 * 1024 * 1024
TEXT_FORMATS = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})


def _size(n: int) -> str:
    """Return a byte count in words: "52.4 MB", "900 bytes"."""
    return "%.1f MB" % (n / 1e6) if n >= 1_000_000 else "%d bytes" % n


def read(path: Path, max_bytes: int | None = None, ocr: bool = False) -> RawText:
    """Read `path` with the reader for its extension.

    A file over `max_bytes` (default: the limit for its format) is refused.
    With `ocr`, a scanned PDF is OCR'd (`pipeline.ingest.ocr`) instead of refused."""
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if ocr and reader is pdf.read:
        reader = functools.partial(pdf.read, ocr=True)
    if reader is None:
        raise UnsupportedFormat("no reader for %r files" % (path.suffix or path.name))
    size = path.stat().st_size
    if size == 0:
        raise EmptyDocument("the file is empty (0 bytes)")
    if max_bytes is None:
        max_bytes = MAX_TEXT_BYTES if suffix in TEXT_FORMATS else MAX_BYTES
    if size > max_bytes:
        raise FileTooLarge(
            "the file is %s, over the %s limit for one %s document: a file this large is usually "
            "many documents or a data dump; split it into one file per document"
            % (_size(size), _size(max_bytes), suffix[1:].upper()))
    found = sniff.kind(sniff.head(path, 16))
    allowed = CONTAINERS.get(suffix, frozenset())
    if found is not None and allowed is not None and found[0] not in allowed:
        name, words = found
        raise WrongFormat("%s named %s, not %s: %s" % (
            words, path.suffix, "a text file" if suffix not in CONTAINERS else "a %s file" % suffix[1:].upper(),
            ADVICE.get(name, "unpack it first")))
    return reader(path)
