"""Read PDF files: pdfplumber for the page layout, pypdfium2 when its text does not decode.

What a plain `extract_text` gets wrong on official documents, and what this
reader does instead (the geometry is in `pipeline.ingest.pdf_layout`):

- running heads and page numbers (`CÔNG BÁO/Số 286/Ngày 27-05-2026  44`) sit
  in the text flow: the gazette head, bare page numbers and lines repeated in
  the margins of most pages are dropped;
- the header and signature blocks are two columns printed side by side:
  each is read left column first, then right column;
- fake bold prints each glyph twice (`CCỘỘNNGG`): the second print is dropped;
- footnotes sit at the page foot, cutting the running text in two: they move
  to the end as `¹ text`, and their references read `⁽¹⁾`;
- ruled tables are read cell by cell; rotated text (a landscape table on a
  portrait page) in its own direction;
- a font without a Unicode map yields `(cid:N)`: the file is read again with
  pypdfium2, and `RawText.notes` says why;
- a scan has no text layer: NoTextLayer, unless `read(path, ocr=True)`, which
  has ocrmypdf OCR the pages without text (every page, when the text layer
  does not decode) and reads the result like any PDF; the reader is then
  "pdf/ocrmypdf" and the first note says which pages were OCR'd.

Cost: one pdfminer pass per page (what `extract_text` pays), a table search
on the page's ruling lines, then one pass over the glyphs; pypdfium2 runs
only when pdfplumber's text does not decode.
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfdocument import PDFEncryptionError
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.errors import CorruptFile, EncryptedFile, NoTextLayer, OcrFailed
from pipeline.ingest import ocr as ocr_tools
from pipeline.ingest import pdf_layout as layout
from pipeline.ingest.docx import footnote_label
from pipeline.ingest.pdf_layout import Line, Table, render
from pipeline.model import RawText

PLUMBER, PDFIUM = "pdf/pdfplumber", "pdf/pypdfium2"
# Text from pages OCR'd by ocrmypdf + tesseract, then read by this reader.
OCR = "pdf/ocrmypdf"
OCR_HINT = " (`directives ingest --ocr` runs OCR; it needs ocrmypdf and tesseract-ocr-vie)"

# "CÔNG BÁO/Số 849 + 850/Ngày 12-10-2021 44", or "45 CÔNG BÁO/..." on even pages.
GAZETTE_HEAD = re.compile(r"^(?:\d{1,4}\s+)?CÔNG BÁO\s*/\s*Số\b.{0,30}/\s*Ngày\s*[\d\s./-]+$")
# A line that is only a page number: "7", "- 7 -", "Trang 7", "7/12".
PAGE_NUMBER = re.compile(r"^(?:Trang\s+)?[-–(\s]*\d{1,4}(?:\s*/\s*\d{1,4})?[-–)\s]*$", re.I)
# Glyphs that mean the text layer does not decode: "(cid:52)" from pdfminer,
# U+FFFD, private-use code points, C0 controls.
BAD_GLYPH = re.compile(r"\(cid:\d+\)|[\ufffd\ue000-\uf8ff\x00-\x08\x0e-\x1f]")
# Letters of Vietnamese and English; a letter outside this set (Cyrillic "ӌ"
# for "Ỉ") in pypdfium2's output means the font's code points are guesses.
VIETNAMESE_LETTERS = frozenset(
    "abcdefghijklmnopqrstuvwxyzđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
)
# Some fonts map "ư" to "ƣ" (U+01A3, LATIN SMALL LETTER OI), which Vietnamese never uses.
OI_FOR_U_HORN = str.maketrans("ƣƢ", "ưƯ")

# A PDF ends with "%%EOF" (Acrobat looks for it in the last 1024 bytes); a file
# that starts as a PDF and lacks it was cut short, and the pages read from it
# would be a document with its end missing.
EOF_WINDOW = 1024

GARBLED_SHARE = 0.01  # more than 1% undecodable glyphs: try the other extractor
MARGIN_BAND = 0.12  # running heads and page numbers sit in the top and bottom 12% of a page


@dataclass
class Page:
    number: int
    height: float
    lines: list[Line]
    turned: list[Line]
    """Rotated text outside tables, read after `lines`."""
    tables: list[Table] = field(default_factory=list)
    images: int = 0
    glyphs: int = 0
    bad: int = 0
    """Glyphs that did not decode (see BAD_GLYPH)."""
    notes: list[tuple[int, list[Line]]] = field(default_factory=list)


def _letters(text: str) -> str:
    """Return the letters of `text`, case-folded: the key that finds a running head whatever its page number."""
    return re.sub(r"[\W\d_]+", "", text).casefold()


def _furniture(pages: list[list[tuple[int, str]]]) -> list[set[int]]:
    """Return, per page, which margin lines to drop: gazette heads, page numbers, lines on most pages.

    Each page lists (index, text) of its first two and last two lines inside the margins."""
    counts = Counter(key for page in pages for key in {_letters(text) for _, text in page})
    repeated = {k for k, n in counts.items() if k and n >= 3 and n >= 0.5 * len(pages)}
    return [
        {k for k, text in page if GAZETTE_HEAD.match(text) or PAGE_NUMBER.match(text) or _letters(text) in repeated}
        for page in pages
    ]


def _margin_lines(page: Page) -> list[tuple[int, str]]:
    """Return (index, text) of the page's first two and last two lines that sit in its margins."""
    n = len(page.lines)
    out = []
    for k in sorted({0, 1, n - 2, n - 1}):
        if 0 <= k < n:
            line = page.lines[k]
            if line.v1 < MARGIN_BAND * page.height or line.v0 > (1 - MARGIN_BAND) * page.height:
                out.append((k, line.plain()))
    return out


def _split_notes(page: Page) -> None:
    """Move the footnotes at the foot of `page` to `page.notes`.

    A footnote is small print at the page foot that opens with a number
    printed raised somewhere above it on the page."""
    lines = page.lines
    if len(lines) < 2:
        return
    weight: Counter[float] = Counter()
    for line in lines:
        weight[line.size] += len(line.words)
    body_size = weight.most_common(1)[0][0]
    k = len(lines)
    while k > 1 and lines[k - 1].size < 0.9 * body_size:
        k -= 1
    above = lines[:k] + [line for table in page.tables for line in table.lines]
    refs = {int(w.text) for line in above for w in line.words if w.raised and w.text.isdigit()}
    start = next((j for j in range(k, len(lines)) if _note_number(lines[j], refs) is not None), None)
    if start is None:
        return
    for line in lines[start:]:
        number = _note_number(line, refs)
        if number is not None:
            rest = line.words[1:]
            page.notes.append((number, [Line(rest, line.size, line.v0, line.v1)] if rest else []))
        else:
            page.notes[-1][1].append(line)
    page.lines = lines[:start]


def _note_number(line: Line, refs: set[int]) -> int | None:
    """Return the number that opens `line` when it opens a footnote referenced in `refs`."""
    first = line.words[0]
    if first.text.isdigit() and int(first.text) in refs and (first.raised or len(line.words) > 1):
        return int(first.text)
    return None


def _undecoded(text: str) -> bool:
    """Tell whether a glyph's text is one of BAD_GLYPH (checked cheaply first: most are plain letters)."""
    return (len(text) != 1 or not ("\x20" <= text < "\ue000")) and BAD_GLYPH.match(text) is not None


def _named(err: Exception) -> Exception:
    """Return the named error for an exception pdfminer raised while opening or parsing."""
    inner = err.args[0] if isinstance(err, PdfminerException) and err.args else err
    if isinstance(inner, PDFEncryptionError):
        return EncryptedFile("password-protected PDF (%s): it cannot be read without the password"
                             % type(inner).__name__)
    return CorruptFile("damaged PDF: %s %s" % (type(inner).__name__, inner))


def _read_plumber(path: Path) -> list[Page]:
    """Return each page's lines, rotated lines and tables, as pdfplumber's glyphs give them."""
    pages: list[Page] = []
    try:
        with pdfplumber.open(path) as pdf:
            for number, page in enumerate(pdf.pages, 1):
                width, height = float(page.width), float(page.height)
                tables = layout.outermost([(t.bbox, [row.cells for row in t.rows]) for t in page.find_tables()])
                chars, images = page.chars, len(page.images)
                upright, turned = layout.glyphs(chars, width, height, tables)
                for table in tables:
                    layout.table_lines(table, width, height)
                n = len(upright) + len(turned) + sum(len(g) for t in tables for g in t.glyphs)
                bad = sum(1 for c in chars if _undecoded(c["text"]))
                pages.append(Page(number, height, layout.lines(upright), layout.lines(turned),
                                  [t for t in tables if t.lines], images, n, bad))
                page.close()  # free the page's layout cache: only the glyphs are needed
    except (PdfminerException, PSException) as err:
        raise _named(err) from err
    return pages


def _with_tables(lines: list[Line], tables: list[Table]) -> list[Line]:
    """Return `lines` with each table's lines put where the table stands on the page."""
    out: list[Line] = []
    pending = sorted(tables, key=lambda t: t.v0)
    for line in lines:
        while pending and pending[0].v0 <= line.v0:
            out += pending.pop(0).lines
        out.append(line)
    for table in pending:
        out += table.lines
    return out


def _plumber_text(pages: list[Page]) -> str:
    """Return the text of `pages`: furniture dropped, blocks in reading order, footnotes at the end."""
    for page, drop in zip(pages, _furniture([_margin_lines(p) for p in pages]), strict=True):
        page.lines = [line for k, line in enumerate(page.lines) if k not in drop]
        _split_notes(page)
        layout.mark_paragraphs(page.lines)
        page.lines = layout.two_columns(page.lines)
    numbers = frozenset(n for page in pages for n, _ in page.notes)
    out: list[str] = []
    for page in pages:
        if out:
            out.append("")
        upright = _with_tables(page.lines, [t for t in page.tables if t.turned * 2 <= _size(t)])
        turned = _with_tables(page.turned, [t for t in page.tables if t.turned * 2 > _size(t)])
        for line in upright + turned:
            if line.blank_before and out and out[-1]:
                out.append("")
            out.append(render(line.words, numbers))
    for page in pages:
        for number, lines in page.notes:
            texts = [render(line.words, numbers) for line in lines]
            out += ["", " ".join([footnote_label(number), *texts[:1]]), *texts[1:]]
    return "\n".join(out)


def _size(table: Table) -> int:
    """Return how many glyphs `table` holds."""
    return sum(len(g) for g in table.glyphs)


def read_with_pdfium(path: Path) -> RawText:
    """Read `path` with pypdfium2 (text in content order), page furniture dropped.

    No column, table or footnote handling: this is the fallback for fonts that
    pdfminer cannot decode."""
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as err:
        message = str(err)
        if "password" in message.lower():
            raise EncryptedFile("password-protected PDF (%s)" % message) from err
        raise CorruptFile("damaged PDF (pypdfium2: %s)" % message) from err
    try:
        pages = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            textpage.close()
            page.close()
            pages.append([ln.strip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")])
    finally:
        pdf.close()
    margins = [[(k, lines[k]) for k in sorted({0, 1, len(lines) - 2, len(lines) - 1}) if 0 <= k < len(lines)]
               for lines in pages]
    drops = _furniture(margins)
    kept = ["\n".join(ln for k, ln in enumerate(lines) if k not in drop) for lines, drop in zip(pages, drops, strict=True)]
    return RawText(text="\n\n".join(kept), reader=PDFIUM)


def _foreign_share(text: str) -> float:
    """Return the share of letters in `text` that are neither Vietnamese nor English, as decoded."""
    letters = [ch for ch in text.casefold() if ch.isalpha() or BAD_GLYPH.match(ch)]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if ch not in VIETNAMESE_LETTERS) / len(letters)


def _check_complete(path: Path) -> None:
    """Raise CorruptFile when `path` starts as a PDF but has no end marker (a truncated download)."""
    size = path.stat().st_size
    with open(path, "rb") as fh:
        head = fh.read(EOF_WINDOW)
        fh.seek(max(0, size - EOF_WINDOW))
        tail = fh.read()
    if b"%PDF-" in head and b"%%EOF" not in tail:
        raise CorruptFile("damaged PDF: truncated, the file ends without the %%EOF marker of a complete PDF "
                          "(an interrupted download?): download it again")


def read(path: Path, ocr: bool = False) -> RawText:
    """Read a `.pdf` file; with `ocr`, pages without a usable text layer are OCR'd first."""
    _check_complete(path)
    pages = _read_plumber(path)
    if ocr:
        imaged = [p.number for p in pages if p.images and p.glyphs < 20]
        if imaged or sum(page.glyphs for page in pages) < 20:
            return _read_ocr(path, len(pages), imaged)
        try:
            return _read_text(path, pages)
        except NoTextLayer as err:  # a text layer that does not decode: OCR every page instead
            return _read_ocr(path, len(pages), [], reason=str(err))
    return _read_text(path, pages)


def _read_ocr(path: Path, n_pages: int, imaged: list[int], reason: str | None = None) -> RawText:
    """Read `path` after OCR gave its pages a text layer (`pipeline.ingest.ocr`).

    `imaged` lists the pages that carry images and no text; with a `reason`
    (the text layer does not decode), every page is OCR'd."""
    with tempfile.TemporaryDirectory(prefix="directives-ocr-") as tmp:
        target = Path(tmp) / "ocr.pdf"
        ocr_tools.ocr_pdf(path, target, force=reason is not None)
        try:
            raw = read(target)
        except NoTextLayer as err:
            raise OcrFailed("OCR (tesseract, language %s) found no text: %s" % (ocr_tools.LANGUAGE, err)) from err
    if reason is not None:
        which = "all %d pages were OCR'd, because %s" % (n_pages, reason.split(":")[0])
    elif imaged:
        which = "page%s %s of %d had no text layer (a scan) and %s OCR'd" % (
            "s" if len(imaged) > 1 else "", ", ".join(map(str, imaged)), n_pages, "were" if len(imaged) > 1 else "was")
    else:
        which = "no page had text and all %d were OCR'd" % n_pages
    note = "OCR: %s (%s, language %s): expect recognition slips (\"II\" for \"11\", lost diacritics, " \
        "handwritten numbers and dates misread)" % (which, ocr_tools.version(), ocr_tools.LANGUAGE)
    return RawText(text=raw.text, reader=OCR, notes=(note, *raw.notes))


def _read_text(path: Path, pages: list[Page]) -> RawText:
    """Return the text of `path` from its text layer, read as `pages`; NoTextLayer when there is none."""
    n_glyphs = sum(page.glyphs for page in pages)
    if n_glyphs < 20:
        scanned = sum(1 for page in pages if page.images)
        if scanned:
            raise NoTextLayer("no text layer: %d of %d pages carry only images (a scan): it needs OCR%s"
                              % (scanned, len(pages), OCR_HINT))
        raise NoTextLayer("no text on any of %d pages (text drawn as outlines, blank pages, or damaged page "
                          "content): OCR may read it%s" % (len(pages), OCR_HINT))
    notes: list[str] = []
    blank = [str(p.number) for p in pages if p.images and p.glyphs < 20]
    if blank:
        notes.append("pages %s carry images but no text (scanned?): their content is missing%s"
                     % (", ".join(blank), OCR_HINT))
    bad = sum(page.bad for page in pages)
    if bad > GARBLED_SHARE * n_glyphs:
        raw = read_with_pdfium(path)
        share = _foreign_share(raw.text)
        if share > 0.02:
            raise NoTextLayer(
                "text layer unreadable: %d of %d glyphs have no Unicode mapping in pdfplumber ((cid:N)) and "
                "%.0f%% of pypdfium2's letters are not Vietnamese: the fonts are embedded without a usable "
                "map; it needs OCR%s" % (bad, n_glyphs, 100 * share, OCR_HINT))
        text, reader = raw.text, PDFIUM
        notes.append("pdfplumber could not decode %d of %d glyphs ((cid:N): a font without a Unicode map); "
                     "text read with pypdfium2, in content order" % (bad, n_glyphs))
    else:
        text, reader = _plumber_text(pages), PLUMBER
        if bad:
            notes.append("%d glyphs have no Unicode mapping ((cid:N), symbols?): printed as U+FFFD" % bad)
    if "ƣ" in text or "Ƣ" in text:
        text = text.translate(OI_FOR_U_HORN)
        notes.append("a font maps ư to ƣ (U+01A3): corrected")
    return RawText(text=text, reader=reader, notes=tuple(notes))
