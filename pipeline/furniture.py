"""Remove page furniture: gazette running heads, page numbers and signing stamps.

These carry dates and numbers that are not the document's own
(`CÔNG BÁO/Số 286/Ngày 27-05-2026` is the gazette issue, `Thời gian ký:
12.10.2021` the digital stamp), so they must not reach the extractors.
"""

from __future__ import annotations

import re

# "CÔNG BÁO/Số 849 + 850/Ngày 12-10-2021": the Official Gazette's running head.
# The page number sometimes shares the line: "38 CÔNG BÁO/Số 347 + 348/Ngày 25-02-2025".
GAZETTE_HEAD = re.compile(r"^[ \t]*(?:\d{1,4}[ \t]+)?CÔNG BÁO\s*/\s*Số[^/\n]{1,30}/\s*Ngày[ \t\d./-]+[ \t]*$", re.M)
PAGE_NUMBER = re.compile(r"^[ \t]*\d{1,4}[ \t]*$")
# The gazette's section labels above the header block.
GAZETTE_SECTION = re.compile(
    r"^[ \t]*(?:VĂN BẢN QUY PHẠM PHÁP LUẬT|VĂN BẢN HỢP NHẤT|VĂN BẢN KHÁC|PHẦN VĂN BẢN KHÁC)[ \t]*$", re.M
)
# A digital-signature stamp: "Ký bởi: ... / Cơ quan: ... / Ngày ký: 2026-06-02 08:06:33 +07:00".
STAMP_LINE = re.compile(
    r"^[ \t]*(?:Người ký|Ký bởi|Email|E-mail|Cơ quan|Thời gian ký|Ngày ký|Ngày giờ ký|Ký ngày)[ \t]*:.*$"
)
STAMP_WORDS = ("Thời gian ký", "Ngày ký", "Ký bởi", "Ngày giờ ký", "Ký ngày", "THỜI GIAN KÝ")
STAMP_TIME = re.compile(r"^[ \t]*(?:Thời gian ký|Ngày ký|Ngày giờ ký|Ký ngày|Ký bởi)[ \t]*:", re.I)


def _drop_stamps(lines: list[str]) -> list[str]:
    keep = [True] * len(lines)
    i = 0
    while i < len(lines):
        if not STAMP_LINE.match(lines[i]):
            i += 1
            continue
        j = i
        while j < len(lines) and STAMP_LINE.match(lines[j]):
            j += 1
        # Only a run with a signing time or "Ký bởi" is a stamp; a lone "Cơ
        # quan: ..." line can be the document's own words.
        if j - i >= 2 and any(STAMP_TIME.match(ln) for ln in lines[i:j]):
            for k in range(i, j):
                keep[k] = False
        i = j
    return [ln for ln, k in zip(lines, keep, strict=True) if k]


def _drop_page_numbers(lines: list[str]) -> list[str]:
    """Drop a bare number next to a gazette running head (the page number)."""
    drop: set[int] = set()
    for i, line in enumerate(lines):
        if not GAZETTE_HEAD.match(line):
            continue
        drop.add(i)
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(lines) and not lines[j].strip():
                j += step
            if 0 <= j < len(lines) and PAGE_NUMBER.match(lines[j]) and abs(j - i) <= 3:
                drop.add(j)
    return [ln for i, ln in enumerate(lines) if i not in drop]


def strip_furniture(text: str) -> str:
    """Return `text` without gazette heads, their page numbers and signing stamps."""
    # Most texts have neither: look for their words before walking the lines.
    gazette = "CÔNG BÁO" in text
    stamped = any(w in text for w in STAMP_WORDS)
    if gazette or stamped:
        lines = text.split("\n")
        if gazette:
            lines = _drop_page_numbers(lines)
        if stamped:
            lines = _drop_stamps(lines)
        text = "\n".join(lines)
    # Section labels only count above the header block, where the gazette prints them.
    head, rest = text[:2000], text[2000:]
    return GAZETTE_SECTION.sub("", head) + rest
