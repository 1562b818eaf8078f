"""The document model every reader and extractor agrees on.

Data flows one way: a reader turns a file into `RawText`; `pipeline.document`
turns that into a `Document` whose `text` is normalised once (NFC, page
furniture and site chrome removed, broken lines rejoined). Every offset in the
project points into `Document.text`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields


@dataclass(frozen=True)
class RawText:
    """Text recovered from one file by a reader, before normalisation."""

    text: str
    reader: str
    """Which extractor produced the text: "txt", "md", "html", "docx",
    "pdf/pdfplumber" or "pdf/pypdfium2"."""
    encoding: str | None = None
    metadata: Mapping[str, str] = field(default_factory=dict)
    """Attributes the container states outside the body (a portal's
    "Số hiệu" table, DOCX core properties), keyed by their Vietnamese label."""
    notes: tuple[str, ...] = ()
    """Things an operator should know, e.g. why a fallback extractor was used."""


@dataclass(frozen=True)
class Paragraph:
    """One block of the body with its numbering path (`II.3.a`)."""

    index: int
    start: int
    end: int
    path: str
    """Numbering path of the innermost numbered item this block belongs to."""
    label: str
    """The numbering token as printed ("II.", "3.", "a)", "-", "Điều 5."), or ""."""
    kind: str
    """One of "header", "title", "heading", "item", "text", "recipients",
    "signature", "footnote", "annex"."""


_PARAGRAPH_FIELDS = ("index", "start", "end", "path", "label", "kind")
# paragraph() below sets exactly these: a field added to Paragraph must be added there too.
assert tuple(f.name for f in fields(Paragraph)) == _PARAGRAPH_FIELDS
_new_object = object.__new__


def paragraph(index: int, start: int, end: int, path: str, label: str, kind: str) -> Paragraph:
    """Return `Paragraph(index, start, end, path, label, kind)`, built three times as fast.

    A frozen dataclass's `__init__` sets each field through
    `object.__setattr__`, and splitting the scale corpus builds 300,000
    paragraphs (0.7 s of CPU). This fills the instance's `__dict__` directly:
    the same fields, equality, hash and repr, still frozen to its users."""
    para = _new_object(Paragraph)
    attrs = para.__dict__
    attrs["index"] = index
    attrs["start"] = start
    attrs["end"] = end
    attrs["path"] = path
    attrs["label"] = label
    attrs["kind"] = kind
    return para


@dataclass(frozen=True)
class Identity:
    """Who issued the document, when, under which number, and who signed it.

    A field the text does not state is None, never guessed."""

    doc_type: str | None = None
    number: str | None = None
    issuer: str | None = None
    place: str | None = None
    issued_date: str | None = None
    title: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    recipients: tuple[str, ...] = ()
    province: str | None = None
    """Jurisdiction of the issuer (a province or centrally-run city), used to
    scope local symbols like `/KH-UBND` and bare bodies like `Công an tỉnh`."""


@dataclass(frozen=True)
class Document:
    """A parsed document: normalised text, identity and structure."""

    id: str
    source: str
    text: str
    identity: Identity
    paragraphs: tuple[Paragraph, ...] = ()
    reader: str = "txt"
    encoding: str | None = None
    raw_text: str = ""
    notes: tuple[str, ...] = ()
    metadata: Mapping[str, str] = field(default_factory=dict)
    body_start: int = 0
    """Offset where the body proper starts (after the header block)."""
    annex_start: int | None = None
    """Offset of a trailing annex that quotes other documents (e.g. "TÀI LIỆU
    HỌC TẬP"), whose wording speaks for them rather than for this document."""

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """Return the paragraph that holds `offset`, if any."""
        lo, hi = 0, len(self.paragraphs) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            para = self.paragraphs[mid]
            if offset < para.start:
                hi = mid - 1
            elif offset >= para.end:
                lo = mid + 1
            else:
                return para
        return None
