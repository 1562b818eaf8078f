"""Rejoin lines that a PDF, a gazette text or a portal page broke mid-sentence.

Vietnamese never hyphenates inside a word, so a hard line break inside a
sentence is a plain space. What must stay apart: numbered and bulleted items,
headings in capitals, the national motto, the place-and-date line and the
signature block.
"""

from __future__ import annotations

import re

# A line that starts a block of its own (never glued to the line before).
BLOCK_START = re.compile(
    r"""^(?:
        [IVXLC]{1,6}[.)](?:\s|$)                       # I.  II)
      | \d{1,3}(?:\.\d{1,3})*[.)](?:\s|$)              # 1.  1.1.  2)
      | \d{1,2}\.\d{1,2}(?:\.\d{1,2})*\s               # 1.1 Mục tiêu
      | [a-zđ][)](?:\s|$) | [a-zđ]\.\s                 # a)  b.
      | [-–—+•·●○■□▪►✓*](?:\s|$)                        # bullets
      | (?:Điều|Chương|Mục|Phần|Phụ\s+lục|PHỤ\s+LỤC|CHƯƠNG|PHẦN|MỤC)\s+[\dIVXLC]+\b
      | (?:Căn\s+cứ|Theo\s+đề\s+nghị|Xét\s+đề\s+nghị|Nơi\s+nhận|Kính\s+gửi)\b
      | (?:TM|KT|TL|TUQ|Q|T/M|K/T)\.\s?[A-ZĐÀ-Ỹ]
      | Số\s*:
      | (?:ỦY|UỶ)\s+BAN\s+NHÂN\s+DÂN\b | HỘI\s+ĐỒNG\s+NHÂN\s+DÂN\b          # enacting authority
      | (?:PHÓ\s+)?THỦ\s+TƯỚNG\s+CHÍNH\s+PHỦ\b | BỘ\s+TRƯỞNG\b | CHỦ\s+TỊCH\s+(?:ỦY|UỶ)\s+BAN\b
      | (?:KẾ\s+HOẠCH|QUYẾT\s+ĐỊNH|NGHỊ\s+QUYẾT|CHỈ\s+THỊ|KẾT\s+LUẬN|THÔNG\s+TƯ|NGHỊ\s+ĐỊNH   # type heading
         |THÔNG\s+BÁO|HƯỚNG\s+DẪN|BÁO\s+CÁO|TỜ\s+TRÌNH|CHƯƠNG\s+TRÌNH|CÔNG\s+ĐIỆN|QUY\s+ĐỊNH
         |QUY\s+CHẾ|ĐỀ\s+ÁN|PHƯƠNG\s+ÁN|LUẬT|PHỤ\s+LỤC)\s*:?$
    )""",
    re.X,
)
# Lines that stand alone whatever follows them: a signature placeholder, the
# motto, the number line, the place-and-date line ("Hà Nội, ngày 18 tháng 11").
SIGNED = re.compile(r"^[\[(]?(?:daky|đã ký|Ký|ký tên|Ký, đóng dấu|Ký và ghi rõ họ tên)[\])]?$", re.I)
MOTTO = re.compile(r"Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc", re.I)
NUMBER_LINE = re.compile(r"^Số\s*:")
DATED = re.compile(r",\s*ngày\s+(?:\d{1,2}|\.{2,}|…)\s+tháng", re.I)

# What a SIGNED match can start with: "[", "(" and d, đ, k in any case (re.I
# also matches the Kelvin sign to "k").
_SIGNED_INITIALS = frozenset("[(dDđĐkK\u212a")


def _stands_alone(head: str) -> bool:
    # Cheap literal tests first: most lines are none of these.
    if len(head) < 40 and head[0] in _SIGNED_INITIALS and SIGNED.match(head):
        return True
    if head.startswith("Số") and NUMBER_LINE.match(head):
        return True
    # "độc lập" and "ngày" in any case hold "ộ" or "gà" in some case: only
    # Ộ lowers to ộ, G to g and À to à. Most lines hold neither, and skip
    # lowering the line.
    if not ("ộ" in head or "Ộ" in head or "gà" in head or "Gà" in head or "gÀ" in head or "GÀ" in head):
        return False
    low = head.lower()
    return ("độc lập" in low and bool(MOTTO.search(head))) or ("ngày" in low and bool(DATED.search(head)))


# The place-and-date line opens a block: "Nghệ An, ngày 07 tháng 02 năm 2024".
# Not "TTg, ngày 08/02/2022 của ...", the tail of a citation broken after "QĐ-".
DATE_LINE = re.compile(
    r"^[A-ZĐÀ-Ỹ][\w .]{1,40},\s*ngày(?:(?:\s+\d{1,2}|\s*[.…]+)?\s+tháng\b|\s+\d{1,2}[/.-]\d{1,2}[/.-]\d{4}\s*$)"
)
# A short tail in capitals that closes an item: "ANTQ);" under "- Bộ Công an (qua Cục ... bảo vệ".
CAPS_TAIL = re.compile(r"[;)][\"”’]*$")
# A line closes its sentence when it ends in one of these, quotes and brackets aside ("./." too).
TERMINAL_MARKS = ".;:!?…"
CLOSING_MARKS = "\"”’)"
OPENING_MARKS = "“\"'‘("
GLUED_BREAK = re.compile(r"\S[-/]$")
# A word that cannot end a sentence: a page break after it cut the sentence
# ("... Hướng dẫn số 19/HD-CAT-PV05 ngày" / "21/10/2022 của Công an tỉnh").
DANGLING = re.compile(r"(?:^|\s)(?:ngày|số|của|và|tại|theo|về|các|những|với|cho|năm|tháng|là|được|đến|từ|trong)$", re.I)


def _is_caps(line: str) -> bool:
    # Headings are short; the first 80 characters decide for long lines.
    head = line[:80]
    lower = sum(map(str.islower, head))
    if 5 * lower > len(head):
        # More than a fifth in lower case outnumbers a quarter of whatever
        # upper case is left: running text is done with one count, not two.
        return False
    upper = sum(map(str.isupper, head))
    return upper >= 2 and lower <= 0.25 * upper


def _starts_lower(line: str) -> bool:
    first = line.lstrip("“\"'‘(").lstrip()
    return bool(first) and first[0].islower()


def _joins(prev: str, prev_caps: bool | None, line: str, blank_between: bool) -> tuple[bool, bool | None, bool | None]:
    """Tell whether `line` reads as the rest of the sentence `prev` leaves open, by case and wording.

    Lines that stand alone or open a block are the caller's to rule out.
    Return the answer with the capitals tests that deciding it computed, for
    `prev` and for `line` (None for one it did not need), so each line's
    test runs at most once."""
    first = line[0]
    lower = first.islower() or (first in OPENING_MARKS and _starts_lower(line))
    if blank_between:
        # Across a blank line (a page break), only a lower-case start or a
        # dangling word proves continuity.
        if not (lower or DANGLING.search(prev[-12:])):
            return False, prev_caps, None
        if prev_caps is None:
            prev_caps = _is_caps(prev)
        return not prev_caps, prev_caps, None
    if lower:
        return True, prev_caps, None
    if prev_caps is None:
        prev_caps = _is_caps(prev)
    caps = _is_caps(line)
    if caps and not prev_caps and CAPS_TAIL.search(line):
        return True, prev_caps, caps
    # A heading in capitals does not run on into mixed-case text, nor the reverse.
    return prev_caps == caps, prev_caps, caps


# Runs of spaces (a single space is left alone: most of the text). Tabs
# become spaces first, with str.replace: a pattern that starts with a literal
# lets the regex engine skip from space to space, where `[ \t]{2,}|\t` had to
# try every character (a second of CPU over the scale corpus). The literal is
# two spaces, not one with `{2,}` after it: the engine tried a match at every
# single space between words, 0.4 s more over the scale corpus.
_SPACES = re.compile(r"  +")


def rejoin_lines(text: str) -> str:
    """Return `text` with one line per block: soft-wrapped lines joined, blank runs collapsed."""
    # This loop runs once per line of the corpus (800,000 lines in the scale
    # corpus), so the last line's facts live in local variables, each test
    # computed at most once and only when a decision needs it: most lines are
    # decided by whether the line before is closed, and by their first
    # character. `None` is a test not run yet.
    out: list[list[str]] = []  # blocks, each the lines joined into it
    last = ""  # the last line joined, on which the next decision rests
    last_closed = True  # nothing to continue before the first line
    last_alone: bool | None = None
    last_caps: bool | None = None
    blank = False
    for raw in _SPACES.sub(" ", text.replace("\t", " ")).split("\n"):
        stripped = raw.strip()
        if not stripped:
            blank = bool(out)
            continue
        alone: bool | None = None
        caps: bool | None = None
        join = False
        # Joined when the last line is open, this one does not open a block
        # and the two read as one sentence. The cheaper tests go first: the
        # tests for a line standing alone say yes to one line in two hundred,
        # so they run last, on the lines everything else would join.
        # A line in lower case not followed by ")" or "." ("a)", "b.") opens no
        # block: BLOCK_START's other openings are capitals, digits and bullets.
        first = stripped[0]
        if not last_closed and (
            (first.islower() and stripped[1:2] not in ").") or not BLOCK_START.match(stripped)
        ):
            join, last_caps, caps = _joins(last, last_caps, stripped, blank)
            if join:
                alone = _stands_alone(stripped[:120])
                if last_alone is None:
                    last_alone = _stands_alone(last[:120])
                # DATE_LINE needs a "ngày": a substring test rules most lines out without a regex call.
                join = not (alone or last_alone or ("ngày" in stripped and DATE_LINE.match(stripped)))
        if join:
            if last[-1] in "-/" and GLUED_BREAK.search(last[-2:]) and first.isalnum() and not first.islower():
                # A symbol broken after its separator ("QĐ-" / "TTg"): glued,
                # and the glued line's tests are to be run afresh.
                stripped = last + stripped
                out[-1][-1] = stripped
                alone = caps = None
            else:
                out[-1].append(stripped)
        else:
            if blank and out:
                out.append([])
            out.append([stripped])
        # Closed when it ends in a terminal mark, closing marks aside; a line
        # of closing marks only counts as closed too ("" is in every string).
        last_closed = stripped.rstrip(CLOSING_MARKS)[-1:] in TERMINAL_MARKS
        last, last_alone, last_caps = stripped, alone, caps
        blank = False
    return "\n".join(" ".join(block) for block in out)
