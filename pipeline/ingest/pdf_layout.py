"""Turn a PDF page's glyphs into lines in reading order (the geometry behind `pdf.read`).

Works on pdfplumber's character dicts, in one pass:

- a glyph printed twice within a point (fake bold, `CCỘỘNNGG`) is kept once;
- rotated glyphs (a landscape table on a portrait page) are read in their
  own direction, in "reading coordinates": `u` along the line, `v` across;
- glyphs inside a ruled table's cell are read cell by cell, row by row;
- the rest are grouped into lines, and a two-column block (header: issuer
  and number | motto and date; closing: recipients | signature) is read
  left column first, then right column.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pipeline.ingest.docx import SUPERSCRIPT, superscript_mark

# What opens the right-hand column of a two-column block: the motto (spelt
# "HÒA", old-style "HOÀ" or mistyped "HÕA"), the place-and-date line
# ("Hà Nội, ngày 20 tháng 5 năm 2026") or a signing capacity ("KT. BỘ TRƯỞNG").
RIGHT_COLUMN = re.compile(
    r"^(?:CỘNG\s+H\w{1,3}\s+XÃ\s+HỘI|ĐẢNG\s+CỘNG\s+SẢN|Độc\s+lập\s*[-–]"
    r"|[A-ZĐÀ-Ỹ][\w .]{1,40},\s*ngày\b|(?:TM|KT|TL|TUQ|Q)\.\s*[A-ZĐÀ-Ỹ])"
)
# "Nơi nhận:" opens the recipients list, the left column of the closing block.
RECIPIENTS = re.compile(r"^Nơi\s+nhận\b")

THIN = 8.0  # points: a table cell narrower than this holds no text of its own

Box = tuple[float, float, float, float]
"""x0, top, x1, bottom in page coordinates (pdfplumber's)."""


@dataclass(slots=True)
class Glyph:
    """One character in reading coordinates: `u` along its line, `v` across lines."""

    text: str
    u0: float
    u1: float
    v0: float
    v1: float
    size: float


@dataclass(slots=True)
class Word:
    """A run of glyphs with no space between them, in reading coordinates."""

    text: str
    u0: float
    u1: float
    raised: bool = False
    glued: bool = False
    """Printed against the word before it (a superscript after its word)."""


@dataclass(slots=True)
class Line:
    """One printed line (or one column's part of it), its words in reading order."""

    words: list[Word]
    size: float
    v0: float
    v1: float
    u0: float = 0.0
    u1: float = 0.0
    blank_before: bool = False
    """The line opens a paragraph (or a table cell): `pipeline.lines` must not glue it to the line above."""

    def __post_init__(self) -> None:
        self.u0, self.u1 = self.words[0].u0, self.words[-1].u1

    def plain(self) -> str:
        """Return the line's text, superscripts as printed."""
        return render(self.words, frozenset())


@dataclass
class Table:
    """A ruled table: its cells' glyphs, then their lines in reading order."""

    box: Box
    cells: list[Box]
    rows: list[tuple[float, list[int]]]
    """(row top, indexes of the cells that start in the row), by top."""
    glyphs: list[list[Glyph]] = field(default_factory=list)
    turned: int = 0
    """How many of its glyphs are rotated: a majority means a landscape table."""
    lines: list[Line] = field(default_factory=list)
    v0: float = 0.0
    tops: list[float] = field(init=False)

    def __post_init__(self) -> None:
        self.tops = [top for top, _ in self.rows]

    def cell_at(self, x: float, y: float) -> int | None:
        """Return the index of the cell holding point (x, y), or of the nearest cell.

        Cells thinner than a glyph are left out: a double rule or a shaded
        cell's inner edge makes them, and they would steal the first letter
        of every line in the cell beside them."""
        k = bisect.bisect_right(self.tops, y) - 1
        candidates = self.rows[k][1] if k >= 0 else []
        for group in (candidates, range(len(self.cells))):  # a merged cell may start in a row above
            for i in group:
                x0, top, x1, bottom = self.cells[i]
                if x0 <= x <= x1 and top <= y <= bottom and x1 - x0 >= THIN and bottom - top >= THIN:
                    return i
        best = min(((max(c[0] - x, 0, x - c[2]) + max(c[1] - y, 0, y - c[3]), i)
                    for i, c in enumerate(self.cells) if c[2] - c[0] >= THIN and c[3] - c[1] >= THIN),
                   default=None)
        return best[1] if best else None


def outermost(found: list[tuple[Box, Sequence[Sequence[Box | None]]]]) -> list[Table]:
    """Return the tables of `found` (pdfplumber's bbox and rows) worth reading cell by cell.

    Left out: a table inside a larger one (shaded cells draw rectangles of
    their own, which the table finder reports as tables), and a single
    column of boxes (the gazette fills a white box behind some lines)."""

    def area(box: Box) -> float:
        return (box[2] - box[0]) * (box[3] - box[1])

    def inside(a: Box, b: Box) -> bool:
        return a[0] >= b[0] - 1 and a[1] >= b[1] - 1 and a[2] <= b[2] + 1 and a[3] <= b[3] + 1

    found = [(box, rows) for box, rows in found if any(sum(c is not None for c in row) > 1 for row in rows)]
    boxes = [box for box, _ in found]
    return [make_table(box, rows) for box, rows in found
            if not any(other is not box and area(other) > area(box) and inside(box, other) for other in boxes)]


def make_table(box: Box, rows: Sequence[Sequence[Box | None]]) -> Table:
    """Return a `Table` from pdfplumber's table bbox and its rows of cell boxes (None where merged)."""
    cells: list[Box] = []
    index: list[tuple[float, list[int]]] = []
    for row in rows:
        present = [c for c in row if c is not None]
        if present:
            index.append((min(c[1] for c in present), list(range(len(cells), len(cells) + len(present)))))
            cells.extend(present)
    index.sort(key=lambda r: r[0])
    return Table(box, cells, index, [[] for _ in cells])


def render(words: Iterable[Word], note_numbers: frozenset[int]) -> str:
    """Return the text of `words`; raised digits become `⁽N⁾` when note N exists, else superscripts."""
    out: list[str] = []
    for w in words:
        text = w.text
        if w.raised and text.isdigit():
            text = superscript_mark(int(text)) if int(text) in note_numbers else text.translate(SUPERSCRIPT)
        out.append(text if (w.glued or not out) else " " + text)
    return "".join(out)


def _reading(x0: float, top: float, x1: float, bottom: float, turn: int, width: float, height: float) -> Glyph:
    """Return a box in reading coordinates for text upright (0), turned anticlockwise (1) or clockwise (-1)."""
    if turn == 0:
        return Glyph("", x0, x1, top, bottom, 0.0)
    if turn > 0:  # read bottom to top, lines left to right
        return Glyph("", height - bottom, height - top, x0, x1, 0.0)
    return Glyph("", top, bottom, width - x1, width - x0, 0.0)  # top to bottom, lines right to left


def glyphs(chars: list[dict[str, Any]], width: float, height: float,
           tables: Sequence[Table] = ()) -> tuple[list[Glyph], list[Glyph]]:
    """Return the page's upright and rotated glyphs outside `tables`; glyphs inside go to their cell.

    A glyph printed twice within a point (fake bold) is kept once."""
    upright: list[Glyph] = []
    turned: list[Glyph] = []
    seen: dict[tuple[str, int, int], list[tuple[float, float]]] = {}
    for c in chars:
        text, x0, top = c["text"], c["x0"], c["top"]
        if len(text) > 1 and text.startswith("(cid:"):
            text = "\ufffd"  # a glyph without a Unicode map (a check box in a symbol font): say so, once
        if not text.isspace():
            # pdfplumber's dedupe_chars sorts its result with list.index, quadratic
            # in the glyphs on a page; a grid of 1-point cells does it in one pass.
            ix, iy = int(x0), int(top)
            if _printed_before(seen, text, ix, iy, x0, top):
                continue
            seen.setdefault((text, ix, iy), []).append((x0, top))
        x1, bottom = c["x1"], c["bottom"]
        turn = 0 if c["upright"] else (1 if c["matrix"][1] > 0 else -1)
        g = _reading(x0, top, x1, bottom, turn, width, height)
        g.text, g.size = text, c["size"]
        cx, cy = (x0 + x1) / 2, (top + bottom) / 2
        for table in tables:
            bx0, btop, bx1, bbottom = table.box
            if bx0 <= cx <= bx1 and btop <= cy <= bbottom:
                k = table.cell_at(cx, cy)
                if k is not None:
                    table.glyphs[k].append(g)
                    table.turned += turn != 0
                    break
        else:
            (upright if turn == 0 else turned).append(g)
    return upright, turned


def _printed_before(seen: dict[tuple[str, int, int], list[tuple[float, float]]], text: str,
                    ix: int, iy: int, x0: float, top: float) -> bool:
    """Tell whether the same glyph was already printed within a point of (x0, top)."""
    for dx in (0, -1, 1):
        for dy in (0, -1, 1):
            for px, pt in seen.get((text, ix + dx, iy + dy), ()):
                if abs(px - x0) <= 1 and abs(pt - top) <= 1:
                    return True
    return False


def table_lines(table: Table, width: float, height: float) -> None:
    """Read `table` cell by cell in reading order; each cell's first line opens a paragraph."""
    n = sum(len(g) for g in table.glyphs)
    turn = _turn_of(table, width, height) if table.turned * 2 > n else 0
    boxes = [_reading(*cell, turn, width, height) for cell in table.cells]
    order = sorted(range(len(boxes)), key=lambda k: (round(boxes[k].v0), boxes[k].u0))
    for k in order:
        cell_lines = lines(table.glyphs[k])
        if cell_lines:
            cell_lines[0].blank_before = True
            table.lines += cell_lines
    table.v0 = min((b.v0 for b in boxes), default=0.0)


def _turn_of(table: Table, width: float, height: float) -> int:
    """Return the rotation (1 or -1) whose mapping puts the cells' glyphs inside the cells."""
    for k, cell in enumerate(table.cells):
        if table.glyphs[k]:
            g = table.glyphs[k][0]
            box = _reading(*cell, 1, width, height)
            return 1 if box.u0 - 1 <= g.u0 <= box.u1 + 1 and box.v0 - 1 <= g.v0 <= box.v1 + 1 else -1
    return 1


def lines(items: list[Glyph]) -> list[Line]:
    """Group glyphs into lines: a glyph joins a line when it overlaps half the height of its first glyph.

    The first glyph stays the reference: letting a taller glyph take over
    would let a line of the right column (set larger, half a line lower)
    bridge two lines of the left column."""
    items.sort(key=lambda g: g.v0 + g.v1)
    groups: list[list[Glyph]] = []
    ref: Glyph | None = None
    for g in items:
        if ref is not None:
            overlap = min(g.v1, ref.v1) - max(g.v0, ref.v0)
            if overlap >= 0.5 * min(g.v1 - g.v0, ref.v1 - ref.v0):
                groups[-1].append(g)
                continue
        groups.append([g])
        ref = g
    return [line for line in map(_line, groups) if line is not None]


def _line(group: list[Glyph]) -> Line | None:
    """Build one line's words; a small glyph above the baseline is raised (a superscript)."""
    group.sort(key=lambda g: g.u0)
    sizes = Counter(round(g.size, 1) for g in group if not g.text.isspace())
    if not sizes:
        return None
    size = sizes.most_common(1)[0][0]
    main = [g for g in group if round(g.size, 1) == size]
    base = max(g.v1 for g in main)
    words: list[Word] = []
    prev: Glyph | None = None
    space = False
    for g in group:
        if g.text.isspace():
            space = True
            continue
        raised = g.size < 0.8 * size and g.v1 < base - 0.2 * size
        gap = g.u0 - prev.u1 if prev else 0.0
        if prev is not None and not space and gap <= 0.2 * size and words[-1].raised == raised:
            words[-1].text += g.text
            words[-1].u1 = max(words[-1].u1, g.u1)
        else:
            glued = bool(words) and not space and gap <= 0.2 * size
            words.append(Word(g.text, g.u0, g.u1, raised, glued))
        prev, space = g, False
    return Line(words, size, min(g.v0 for g in main), base)


def mark_paragraphs(page_lines: list[Line]) -> None:
    """Mark lines that open a paragraph: after a line that stopped short, indented or after extra space.

    Centred lines (a title over several lines) are left alone."""
    if len(page_lines) < 3:
        return
    left = Counter(round(line.u0) for line in page_lines).most_common(1)[0][0]
    right = sorted(line.u1 for line in page_lines)[int(0.9 * (len(page_lines) - 1))]
    centre = (left + right) / 2
    pitches = sorted(b.v0 - a.v0 for a, b in zip(page_lines, page_lines[1:], strict=False) if b.v0 > a.v0)
    pitch = pitches[len(pitches) // 2] if pitches else 0.0

    def centred(line: Line) -> bool:
        return line.u0 > left + 2 * line.size and abs((line.u0 + line.u1) / 2 - centre) < line.size

    for a, b in zip(page_lines, page_lines[1:], strict=False):
        short = a.u1 < right - 2 * a.size
        indented = left + 0.6 * b.size <= b.u0 <= left + 4 * b.size
        spaced = b.v0 - a.v0 > pitch + 0.4 * b.size
        b.blank_before = short and (indented or spaced) and not (centred(a) and centred(b))


def _segments(line: Line) -> list[list[Word]]:
    """Split a line where the gap between words is wider than a plain space (0.6 em).

    A justified line can stretch a space that far; `_fit` then demands a
    gutter wider still, so a body line is never mistaken for two columns."""
    out: list[list[Word]] = [[line.words[0]]]
    for w in line.words[1:]:
        if w.u0 - out[-1][-1].u1 > 0.6 * line.size:
            out.append([w])
        else:
            out[-1].append(w)
    return out


def two_columns(page_lines: list[Line]) -> list[Line]:
    """Return `page_lines` with each two-column block read left column first, then right column."""
    out: list[Line] = []
    i = 0
    while i < len(page_lines):
        gutter = _anchor(page_lines[i]) or _recipients_gutter(page_lines, i)
        if gutter is None:
            out.append(page_lines[i])
            i += 1
            continue
        # The block runs down from its anchor only: lines above it are the body
        # (or the left column's first lines, which read the same either way).
        lo, hi = gutter
        end = i + 1
        while end < len(page_lines) and (found := _fit(page_lines[end], page_lines[end - 1], lo, hi)):
            lo, hi = found
            end += 1
        left: list[Line] = []
        right: list[Line] = []
        for line in page_lines[i:end]:
            segments = _segments(line)
            left += _part(line, [w for seg in segments if seg[-1].u1 <= lo for w in seg])
            right += _part(line, [w for seg in segments if seg[-1].u1 > lo for w in seg])
        for column in (left, right):  # each column is a block of its own
            if column:
                column[0].blank_before = True
        out += left + right
        i = end
    return out


def _anchor(line: Line) -> tuple[float, float] | None:
    """Return the gutter (left column's end, right column's start) when `line` opens a right column."""
    segments = _segments(line)
    for k in range(1, len(segments)):
        right = render((w for seg in segments[k:] for w in seg), frozenset())
        if RIGHT_COLUMN.match(right):
            return segments[k - 1][-1].u1, segments[k][0].u0
    return None


def _recipients_gutter(page_lines: list[Line], i: int) -> tuple[float, float] | None:
    """Return the gutter of a closing block that opens with "Nơi nhận:" alone on its line.

    The signature beside the list may have no capacity line (a bare name,
    printed lower): the gutter is the first wide gap in the lines below."""
    if not RECIPIENTS.match(page_lines[i].plain()):
        return None
    for k, line in enumerate(page_lines[i : i + 16]):
        segments = _segments(line)
        # Below "Nơi nhận:" itself, a list item is wider than the words "Nơi nhận:".
        if len(segments) >= 2 and (k == 0 or segments[0][-1].u1 - segments[0][0].u0 > 3 * line.size):
            lo, hi = segments[0][-1].u1, segments[1][0].u0
            if hi - lo >= 3 * line.size:
                return lo, hi
    return None


def _fit(line: Line, neighbour: Line, lo: float, hi: float) -> tuple[float, float] | None:
    """Return the gutter narrowed to fit `line`, or None when `line` does not continue the block.

    It must sit close to `neighbour`, each stretch of words on one side of the
    gutter, and the gutter must stay wider than a space in a justified line.
    (The gazette sets its header columns only one em apart.)"""
    size = max(line.size, neighbour.size)
    if max(line.v0, neighbour.v0) - min(line.v1, neighbour.v1) > 2 * size:  # a blank line at most
        return None
    for seg in _segments(line):
        u0, u1 = seg[0].u0, seg[-1].u1
        if u1 <= hi and (u0 < lo or u0 < (lo + hi) / 2):
            lo = max(lo, u1)
        elif u0 >= lo:
            hi = min(hi, u0)
        else:
            return None
    return (lo, hi) if hi - lo >= 0.8 * size else None


def _part(line: Line, words: list[Word]) -> list[Line]:
    """Return one column's share of `line` as a line of its own (none when it has no words)."""
    if not words:
        return []
    words[0] = Word(words[0].text, words[0].u0, words[0].u1, words[0].raised, False)
    return [Line(words, line.size, line.v0, line.v1)]
