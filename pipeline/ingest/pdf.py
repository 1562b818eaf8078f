"""Read PDF files with pdfplumber (first version: plain page text)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from pipeline.errors import NoTextLayer
from pipeline.model import RawText


def read(path: Path) -> RawText:
    """Read a `.pdf` file."""
    with pdfplumber.open(path) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    text = "\n\n".join(pages)
    if not text.strip():
        raise NoTextLayer("no text layer on any of %d pages (a scan needs OCR)" % len(pages))
    return RawText(text=text, reader="pdf/pdfplumber")
