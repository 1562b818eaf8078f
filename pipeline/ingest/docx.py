"""Read DOCX files with python-docx (first version: paragraphs only)."""

from __future__ import annotations

from pathlib import Path

import docx

from pipeline.model import RawText


def read(path: Path) -> RawText:
    """Read a `.docx` file."""
    document = docx.Document(str(path))
    return RawText(text="\n".join(p.text for p in document.paragraphs), reader="docx")
