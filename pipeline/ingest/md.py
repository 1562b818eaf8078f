"""Read portal pages saved as Markdown (most of the scale corpus).

The Markdown noise itself is stripped for every text format in
`pipeline.markup`; this reader only decodes the bytes.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.ingest.txt import decode
from pipeline.model import RawText


def read(path: Path) -> RawText:
    """Read a `.md` file."""
    text, encoding = decode(path.read_bytes())
    return RawText(text=text, reader="md", encoding=encoding)
