"""Read DOCX files with python-docx: body paragraphs and tables in document order.

python-docx opens the package; the text is read from the XML directly,
because `Paragraph.text` skips runs inside smart tags, content controls and
insertions, and `row.cells` repeats a merged cell once per grid column. What
this reader does instead:

- walks the body's `w:p`, `w:tbl` (nested tables too) and content controls in
  order, one line per paragraph and a blank line between paragraphs (a Word
  paragraph is a block: `pipeline.lines` must not glue it to the next one);
- emits each table cell once, its paragraphs on lines of their own and a
  blank line after the cell (the header block is usually a two-column
  borderless table);
- reads a text box once: `mc:AlternateContent` holds the same box twice, a
  DrawingML choice and a VML fallback, and only the choice is read;
- takes only `w:t` text, so drawing-anchor offsets (`wp:posOffset`), field
  codes, deleted and hidden runs never reach the text;
- appends footnotes (python-docx has no footnote API: the part is read from
  its relationship) at the end, numbered as in the text.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.parser import parse_xml
from lxml import etree

from pipeline.errors import CorruptFile, EncryptedFile, SuspiciousArchive, WrongFormat
from pipeline.ingest import doc, sniff
from pipeline.model import RawText

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

# A password-protected .docx is not a ZIP but an OLE compound file whose
# directory names (UTF-16) include "EncryptedPackage" and "EncryptionInfo".
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAM = sniff.ENCRYPTED_STREAM

# python-docx reads every part of the package into memory when it opens it,
# and zipfile never inflates a member past its declared size (a member that
# would is a CRC error): the declared sizes bound the memory, so they are
# checked first. The limits are far above a directive: its XML is a few MB and
# packs ~10:1; images, the bulk of big files, hardly pack at all.
MAX_UNPACKED = 200 * 1024 * 1024
MAX_RATIO = 100  # for members over BIG_MEMBER: a 300 MB run of spaces packs ~1000:1
BIG_MEMBER = 16 * 1024 * 1024
MAX_MEMBERS = 10_000
# OOXML parts never declare a DTD (Word refuses files that do); one that does
# is an XML entity bomb or an external-entity probe. python-docx parses with
# resolve_entities=False, so this is a clear message, not the only defence.
DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)
COMMENT = re.compile(rb"<!--.*?-->", re.S)
ROOT_START = re.compile(rb"<[A-Za-z_]")
PROLOG_BYTES = 64 * 1024

# Raised digits as Word prints them (`m²`, a reference typed as "(1)").
SUPERSCRIPT = str.maketrans("0123456789+-=()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾")
SUPERSCRIPTABLE = frozenset("0123456789+-=()")
# Empty paragraphs and cells leave runs of blank lines: one is enough.
BLANK_RUN = re.compile(r"\n{3,}")

# Elements whose text is not part of the reading text: deleted runs, field
# instructions, run and paragraph properties, and the VML copy of a drawing.
SKIPPED = frozenset(
    {W + "del", W + "moveFrom", W + "instrText", W + "delText", W + "rPr", W + "pPr", MC + "Fallback"}
)


def superscript_mark(number: int) -> str:
    """Return a footnote reference as our text corpus prints it: `⁽¹⁾` for 1.

    The parentheses keep the mark from fusing with the word before it
    (`12-NQ/TW¹` would read as one token)."""
    return ("(%d)" % number).translate(SUPERSCRIPT)


def footnote_label(number: int) -> str:
    """Return the label that opens a footnote at the end of the text: `¹` for 1."""
    return str(number).translate(SUPERSCRIPT)


@dataclass
class _State:
    """What the walk needs to remember: footnotes in order of first reference."""

    notes: dict[str, int] = field(default_factory=dict)
    """Footnote id -> number printed in the text."""


def _is_legacy_word(path: Path) -> bool:
    """Tell whether `path` is an OLE file (a binary .doc); raise for anything but a readable package."""
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head == OLE_MAGIC:
        if ENCRYPTED_STREAM in path.read_bytes():
            raise EncryptedFile("password-protected .docx (an OLE-encrypted package): save it without a password")
        return True
    if not zipfile.is_zipfile(path):
        if head.startswith(b"PK"):
            raise CorruptFile("damaged .docx: the ZIP container has no central directory (truncated download?)")
        found = sniff.kind(head)
        what = "; it is %s" % found[1] if found else ""
        raise CorruptFile("not a .docx: the file is not a ZIP container%s (starts with %r)" % (what, head[:4]))
    _check_package(path)
    return False


def _prolog_unfinished(prolog: bytes) -> bool:
    """Tell whether the first PROLOG_BYTES of an XML part end before its root element (or inside a comment)."""
    rest = COMMENT.sub(b"", prolog)
    return b"<!--" in rest or ROOT_START.search(rest) is None


# What a ZIP holds when it is an Office file but not a Word document.
OTHER_PACKAGES = (("xl/", "an Excel workbook (.xlsx)"), ("ppt/", "a PowerPoint presentation (.pptx)"))


def _check_package(path: Path) -> None:
    """Raise for a ZIP that is no Word package, would unpack to too much, or declares XML entities."""
    try:
        with zipfile.ZipFile(path) as zf:
            members = zf.infolist()
            if len(members) > MAX_MEMBERS:
                raise SuspiciousArchive("the DOCX holds %d files, more than any document: a zip bomb?" % len(members))
            names = {m.filename for m in members}
            if "word/document.xml" not in names:
                what = next((w for prefix, w in OTHER_PACKAGES if any(n.startswith(prefix) for n in names)), None)
                if what is not None:
                    raise WrongFormat("%s named %s, not a Word document" % (what, path.suffix))
                return  # python-docx names what is missing
            total = sum(m.file_size for m in members)
            if total > MAX_UNPACKED:
                raise SuspiciousArchive(
                    "the DOCX would unpack to %.0f MB (over the %.0f MB limit) from a %.1f MB file: a zip bomb?"
                    % (total / 1e6, MAX_UNPACKED / 1e6, path.stat().st_size / 1e6))
            for m in members:
                if m.file_size > BIG_MEMBER and m.file_size > MAX_RATIO * max(m.compress_size, 1):
                    raise SuspiciousArchive(
                        "%s in the DOCX packs %.0f MB into %.2f MB (ratio %.0f:1, over %d:1): a zip bomb?"
                        % (m.filename, m.file_size / 1e6, m.compress_size / 1e6,
                           m.file_size / max(m.compress_size, 1), MAX_RATIO))
            for m in members:
                if m.filename.endswith((".xml", ".rels")):
                    with zf.open(m) as fh:
                        prolog = fh.read(PROLOG_BYTES)
                    if DOCTYPE.search(prolog):
                        raise SuspiciousArchive(
                            "%s in the DOCX declares a DOCTYPE or XML entities, which Word never writes: "
                            "an XML entity bomb?" % m.filename)
                    if len(prolog) == PROLOG_BYTES and _prolog_unfinished(prolog):
                        raise SuspiciousArchive(
                            "%s in the DOCX has no element in its first %d KB, which Word never writes: "
                            "a DOCTYPE (an XML entity bomb?) hidden behind comments?" % (m.filename, PROLOG_BYTES // 1024))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, zlib.error) as err:
        raise CorruptFile("damaged .docx: %s: %s" % (type(err).__name__, err)) from err


def _is_hidden(run: etree._Element) -> bool:
    """Tell whether `run` is hidden text (`w:vanish`), which Word does not print."""
    rpr = run.find(W + "rPr")
    if rpr is None:
        return False
    vanish = rpr.find(W + "vanish")
    return vanish is not None and vanish.get(W + "val", "true") not in ("0", "false")


def _is_raised(run: etree._Element) -> bool:
    """Tell whether `run` is set as a superscript."""
    align = run.find(W + "rPr/" + W + "vertAlign")
    return align is not None and align.get(W + "val") == "superscript"


def _run_text(run: etree._Element, state: _State) -> str:
    """Return the text of one `w:r`."""
    if _is_hidden(run):
        return ""
    parts: list[str] = []
    for el in run:
        tag = el.tag
        if tag == W + "t":
            parts.append(el.text or "")
        elif tag == W + "tab":
            parts.append("\t")
        elif tag in (W + "br", W + "cr"):
            parts.append("\n")
        elif tag == W + "noBreakHyphen":
            parts.append("-")
        elif tag == W + "footnoteReference":
            number = state.notes.setdefault(el.get(W + "id", ""), len(state.notes) + 1)
            if el.get(W + "customMarkFollows") not in ("1", "true"):  # else the mark is the next run's text
                parts.append(superscript_mark(number))
    text = "".join(parts)
    if _is_raised(run) and text and set(text) <= SUPERSCRIPTABLE:
        text = text.translate(SUPERSCRIPT)
    return text


def _text_boxes(run: etree._Element) -> Iterator[etree._Element]:
    """Yield the text boxes drawn in `run`, outermost only and never a VML fallback copy."""
    for box in run.iter(W + "txbxContent"):
        ancestors = []
        for a in box.iterancestors():
            if a is run:
                break
            ancestors.append(a.tag)
        if MC + "Fallback" not in ancestors and W + "txbxContent" not in ancestors:
            yield box


def _inline(el: etree._Element, parts: list[str], boxes: list[etree._Element], state: _State) -> None:
    """Collect the text under `el` in order; text boxes go to `boxes`, to be read as blocks."""
    for child in el:
        tag = child.tag
        if tag in SKIPPED:
            continue
        if tag == W + "r":
            parts.append(_run_text(child, state))
            boxes.extend(_text_boxes(child))
        elif tag == W + "txbxContent":
            boxes.append(child)
        else:  # hyperlinks, smart tags, insertions, content controls, fields
            _inline(child, parts, boxes, state)


def _paragraph(p: etree._Element, state: _State, in_cell: bool) -> Iterator[str]:
    """Yield the lines of one `w:p` (a blank line after it outside tables), then its text boxes."""
    parts: list[str] = []
    boxes: list[etree._Element] = []
    _inline(p, parts, boxes, state)
    text = "".join(parts)
    if text.strip():
        yield from text.split("\n")
        if not in_cell:
            yield ""
    for box in boxes:
        yield from _blocks(box, state)


def _cells(row: etree._Element) -> Iterator[etree._Element]:
    """Yield the cells of a table row that start a cell: a vertically merged continuation is skipped."""
    for child in row:
        if child.tag == W + "tc":
            merge = child.find(W + "tcPr/" + W + "vMerge")
            if merge is not None and merge.get(W + "val", "continue") == "continue":
                continue
            yield child
        elif child.tag in (W + "sdt", W + "customXml"):
            content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if content is not None:
                yield from _cells(content)


def _table(tbl: etree._Element, state: _State) -> Iterator[str]:
    """Yield each cell's paragraphs, one a line, and a blank line after each cell.

    Inside a cell the lines stay together, as the layout parser reads
    "Nơi nhận:" and its list; across cells the blank line keeps
    `pipeline.lines` from gluing one cell's text to the next."""
    for row in tbl.iter(W + "tr"):
        if next(row.iterancestors(W + "tbl")) is not tbl:
            continue  # a nested table's row: read where its cell is
        for cell in _cells(row):
            lines = list(_blocks(cell, state, in_cell=True))
            if any(ln.strip() for ln in lines):
                yield from lines
                yield ""


def _blocks(parent: etree._Element, state: _State, in_cell: bool = False) -> Iterator[str]:
    """Yield the lines of the block-level content of `parent` (body, cell, text box)."""
    for child in parent:
        tag = child.tag
        if tag == W + "p":
            yield from _paragraph(child, state, in_cell)
        elif tag == W + "tbl":
            yield from _table(child, state)
        elif tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                yield from _blocks(content, state, in_cell)
        elif tag in (W + "customXml", W + "ins", W + "moveTo"):
            yield from _blocks(child, state, in_cell)
        elif tag == MC + "AlternateContent":
            choice = child.find(MC + "Choice")
            if choice is not None:
                yield from _blocks(choice, state, in_cell)


def _footnotes(document: DocxDocument, state: _State) -> list[str]:
    """Return the referenced footnotes as lines `¹ text`, in the order of their numbers."""
    if not state.notes:
        return []
    part = next((r.target_part for r in document.part.rels.values() if r.reltype == RT.FOOTNOTES), None)
    if part is None:
        return []
    root = parse_xml(part.blob)  # python-docx's parser: entities are not expanded
    texts: dict[str, str] = {}
    for note in root.iter(W + "footnote"):
        lines = [ln.strip() for ln in _blocks(note, _State(notes=dict(state.notes)))]
        texts[note.get(W + "id", "")] = " ".join(ln for ln in lines if ln)
    out = []
    for note_id, number in sorted(state.notes.items(), key=lambda kv: kv[1]):
        if texts.get(note_id):
            out.append("%s %s" % (footnote_label(number), texts[note_id]))
    return out


def read(path: Path) -> RawText:
    """Read a `.docx` file."""
    if _is_legacy_word(path):
        raw = doc.read(path)
        return RawText(text=raw.text, reader=raw.reader, encoding=raw.encoding,
                       notes=(*raw.notes, "a binary Word (.doc) file named .docx: read through LibreOffice"))
    try:
        document = docx.Document(str(path))
        body = document.element.body
        state = _State()
        lines = list(_blocks(body, state))
        notes = _footnotes(document, state)
    except (zipfile.BadZipFile, KeyError, PackageNotFoundError, etree.XMLSyntaxError, ValueError, EOFError,
            zlib.error) as err:
        raise CorruptFile("damaged .docx: %s: %s" % (type(err).__name__, err)) from err
    for note in notes:  # each its own paragraph: never glued to the one before
        lines += ["", note]
    text = BLANK_RUN.sub("\n\n", "\n".join(lines)).strip("\n")
    return RawText(text=text, reader="docx")
