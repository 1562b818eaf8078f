"""Turn what a reader recovered into a `Document`: normalised text, identity, structure.

Normalisation happens here, once: NFC and invisible characters, Markdown
noise, portal chrome, page furniture, then broken lines rejoined. Every
offset the extractors report points into the result.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline import ingest
from pipeline.errors import EmptyDocument
from pipeline.furniture import strip_furniture
from pipeline.layout import parse_header
from pipeline.lines import rejoin_lines
from pipeline.markup import strip_markup
from pipeline.model import Document, RawText
from pipeline.normalize import nfc
from pipeline.portal import strip_portal
from pipeline.structure import quoted_annex_start, split_paragraphs


def clean_text(raw: str) -> tuple[str, dict[str, str]]:
    """Return the normalised body text of `raw` and the portal attributes found around it."""
    text = strip_markup(nfc(raw))
    text, attributes = strip_portal(text)
    text = rejoin_lines(strip_furniture(text))
    return text, attributes


def content_id(data: bytes) -> str:
    """Return the id of a file's content (the same bytes always give the same id)."""
    return hashlib.sha256(data).hexdigest()[:16]


def build(raw: RawText, source: str, doc_id: str) -> Document:
    """Return the `Document` for text `raw` read from `source`."""
    text, attributes = clean_text(raw.text)
    if not text.strip():
        raise EmptyDocument("no text left once markup, chrome and whitespace are removed")
    metadata = {**raw.metadata, **attributes}
    header = parse_header(text, metadata)
    paragraphs = split_paragraphs(text, header.body_start)
    return Document(
        id=doc_id,
        source=source,
        text=text,
        identity=header.identity,
        paragraphs=paragraphs,
        reader=raw.reader,
        encoding=raw.encoding,
        raw_text=raw.text,
        notes=raw.notes,
        metadata=metadata,
        body_start=header.body_start,
        annex_start=quoted_annex_start(text, paragraphs),
    )


def load(path: Path, source: str | None = None, ocr: bool = False) -> Document:
    """Read and parse the file at `path` (with `ocr`, a scanned PDF is OCR'd first)."""
    raw = ingest.read(path, ocr=ocr)
    return build(raw, source or str(path), content_id(path.read_bytes()))


def from_text(text: str, source: str = "<text>") -> Document:
    """Parse `text` as if read from a `.txt` file (for tests and the REPL)."""
    raw = RawText(text=text, reader="txt", encoding="utf-8")
    return build(raw, source, content_id(nfc(text).encode("utf-8")))
