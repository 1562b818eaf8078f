"""Readers, one module per input format, all behind one table.

Each reader is `read(path) -> RawText` and never returns None: a file it
cannot read raises one of the errors in `pipeline.errors`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pipeline.errors import EmptyDocument, FileTooLarge, UnsupportedFormat
from pipeline.ingest import doc, docx, html, md, pdf, txt
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

# Larger than any directive we have seen (the biggest gazette issue is ~12 MB
# of text); beyond it a file is more likely a data dump than a document.
MAX_BYTES = 64 * 1024 * 1024


def read(path: Path, max_bytes: int = MAX_BYTES) -> RawText:
    """Read `path` with the reader for its extension."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise UnsupportedFormat("no reader for %r files" % (path.suffix or path.name))
    size = path.stat().st_size
    if size == 0:
        raise EmptyDocument("the file is empty (0 bytes)")
    if size > max_bytes:
        raise FileTooLarge("%d bytes, over the %d-byte limit" % (size, max_bytes))
    return reader(path)
