"""Remove page furniture: gazette running heads, page numbers and signing stamps.

These carry dates and numbers that are not the document's own
(`CÔNG BÁO/Số 286/Ngày 27-05-2026` is the gazette issue, `Thời gian ký:
12.10.2021` the digital stamp), so they must not reach the extractors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import compress

# "CÔNG BÁO/Số 849 + 850/Ngày 12-10-2021": the Official Gazette's running head.
# The page number sometimes shares the line: "38 CÔNG BÁO/Số 347 + 348/Ngày 25-02-2025".
GAZETTE_HEAD = re.compile(r"^[ \t]*(?:\d{1,4}[ \t]+)?CÔNG BÁO\s*/\s*Số[^/\n]{1,30}/\s*Ngày[ \t\d./-]+[ \t]*$", re.M)
PAGE_NUMBER = re.compile(r"^[ \t]*\d{1,4}[ \t]*$")
# The gazette's section labels above the header block.
GAZETTE_SECTION = re.compile(
    r"^[ \t]*(?:VĂN BẢN QUY PHẠM PHÁP LUẬT|VĂN BẢN HỢP NHẤT|VĂN BẢN KHÁC|PHẦN VĂN BẢN KHÁC)[ \t]*$", re.M
)
# A digital-signature stamp: "Ký bởi: ... / Cơ quan: ... / Ngày ký: 2026-06-02 08:06:33 +07:00".
# Searched for over the whole text, from the newline before the line (see
# _stamp_lines): the engine jumps from newline to newline.
STAMP_LINE = re.compile(
    r"\n[ \t]*(?:Người ký|Ký bởi|Email|E-mail|Cơ quan|Thời gian ký|Ngày ký|Ngày giờ ký|Ký ngày)[ \t]*:.*$", re.M
)
STAMP_WORDS = ("Thời gian ký", "Ngày ký", "Ký bởi", "Ngày giờ ký", "Ký ngày", "THỜI GIAN KÝ")
STAMP_TIME = re.compile(r"^[ \t]*(?:Thời gian ký|Ngày ký|Ngày giờ ký|Ký ngày|Ký bởi)[ \t]*:", re.I)


def _without(lines: list[str], drop: set[int]) -> list[str]:
    """Return `lines` without the lines numbered in `drop`: `lines` itself when there are none."""
    if not drop:
        return lines
    # A mask and compress filter in C: a gazette issue has tens of thousands of lines.
    keep = [True] * len(lines)
    for i in drop:
        keep[i] = False
    return list(compress(lines, keep))


def _line_numbers(text: str, starts: Iterable[int]) -> list[int]:
    """Return the number of the line of `text` holding each offset of `starts` (ascending), once each."""
    numbers: list[int] = []
    line = counted = 0
    for start in starts:
        # Count only the newlines since the last offset: one pass over the text in all.
        line += text.count("\n", counted, start)
        counted = start
        if not numbers or numbers[-1] != line:
            numbers.append(line)
    return numbers


def _stamp_lines(text: str) -> list[int]:
    """Return the numbers of the lines of `text` that `STAMP_LINE` matches."""
    # The newline before the first line is prefixed, so match i starts at line i's start in `text`.
    return _line_numbers(text, (m.start() for m in STAMP_LINE.finditer("\n" + text)))


def _drop_stamps(lines: list[str], stamp_lines: list[int]) -> list[str]:
    """Drop the stamp runs among `stamp_lines`, the lines that read as a stamp's "label: value"."""
    drop: set[int] = set()
    run: list[int] = []
    for i in [*stamp_lines, -1]:  # -1 closes the last run
        if run and i == run[-1] + 1:
            run.append(i)
            continue
        # Only a run with a signing time or "Ký bởi" is a stamp; a lone "Cơ
        # quan: ..." line can be the document's own words.
        if len(run) >= 2 and any(STAMP_TIME.match(lines[k]) for k in run):
            drop.update(run)
        run = [i]
    return _without(lines, drop)


def _word_offsets(text: str, word: str) -> Iterator[int]:
    start = text.find(word)
    while start != -1:
        yield start
        start = text.find(word, start + 1)


def _drop_page_numbers(lines: list[str], text: str) -> list[str]:
    """Drop a bare number next to a gazette running head (the page number)."""
    drop: set[int] = set()
    # Only a line holding "CÔNG BÁO" can be a running head: find those in the
    # whole text rather than trying the pattern on every line.
    for i in _line_numbers(text, _word_offsets(text, "CÔNG BÁO")):
        line = lines[i]
        if not GAZETTE_HEAD.match(line):
            continue
        drop.add(i)
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(lines) and not lines[j].strip():
                j += step
            if 0 <= j < len(lines) and PAGE_NUMBER.match(lines[j]) and abs(j - i) <= 3:
                drop.add(j)
    return _without(lines, drop)


def strip_furniture(text: str) -> str:
    """Return `text` without gazette heads, their page numbers and signing stamps."""
    # Most texts have neither: look for their words before walking the lines.
    gazette = "CÔNG BÁO" in text
    stamped = any(w in text for w in STAMP_WORDS)
    if gazette or stamped:
        lines = text.split("\n")
        # Joined again only when a line went (`_without` returns the same list otherwise).
        if gazette:
            kept = _drop_page_numbers(lines, text)
            if kept is not lines:
                lines, text = kept, "\n".join(kept)
        if stamped:
            kept = _drop_stamps(lines, _stamp_lines(text))
            if kept is not lines:
                lines, text = kept, "\n".join(kept)
    # Section labels only count above the header block, where the gazette prints them.
    head, rest = text[:2000], text[2000:]
    return GAZETTE_SECTION.sub("", head) + rest
