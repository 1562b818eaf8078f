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


def _stands_alone(head: str) -> bool:
    # Cheap literal tests first: most lines are none of these.
    if len(head) < 40 and SIGNED.match(head):
        return True
    low = head.lower()
    return ("độc lập" in low and bool(MOTTO.search(head))) or bool(NUMBER_LINE.match(head)) or (
        "ngày" in low and bool(DATED.search(head)))
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
    upper = sum(map(str.isupper, head))
    return upper >= 2 and sum(map(str.islower, head)) <= 0.25 * upper


def _starts_lower(line: str) -> bool:
    first = line.lstrip("“\"'‘(").lstrip()
    return bool(first) and first[0].islower()


class _Line:
    """A line with what the joining decision needs, each computed at most once.

    Most lines are short table cells or sentence tails decided by their first
    and last characters, so the costlier tests run only when a decision needs
    them (a corpus has a hundred thousand lines per ten megabytes)."""

    __slots__ = ("text", "lower", "closed", "_alone", "_opens", "_caps")

    def __init__(self, text: str) -> None:
        self.text = text
        first = text[0]
        self.lower = first.islower() or (first in OPENING_MARKS and _starts_lower(text))
        self.closed = text.rstrip(CLOSING_MARKS)[-1:] in TERMINAL_MARKS
        self._alone: bool | None = None
        self._opens: bool | None = None
        self._caps: bool | None = None

    @property
    def alone(self) -> bool:
        # The motto, the number line and the place-and-date line say so early.
        if self._alone is None:
            self._alone = _stands_alone(self.text[:120])
        return self._alone

    @property
    def opens(self) -> bool:
        if self._opens is None:
            self._opens = self.alone or bool(BLOCK_START.match(self.text)) or bool(DATE_LINE.match(self.text))
        return self._opens

    @property
    def caps(self) -> bool:
        if self._caps is None:
            self._caps = _is_caps(self.text)
        return self._caps

    @property
    def dangling(self) -> bool:
        return bool(DANGLING.search(self.text[-12:]))


def _continues(prev: _Line, line: _Line, blank_between: bool) -> bool:
    """Tell whether `line` continues the sentence that `prev` leaves open."""
    if prev.closed or line.opens or prev.alone:
        return False
    if blank_between:
        # Across a blank line (a page break), only a lower-case start or a
        # dangling word proves continuity.
        return (line.lower or prev.dangling) and not prev.caps
    if line.lower:
        return True
    if line.caps and not prev.caps and CAPS_TAIL.search(line.text):
        return True
    # A heading in capitals does not run on into mixed-case text, nor the reverse.
    return prev.caps == line.caps


# Runs of spaces (a single space is left alone: most of the text). Tabs
# become spaces first, with str.replace: a pattern that starts with a literal
# lets the regex engine skip from space to space, where `[ \t]{2,}|\t` had to
# try every character (a second of CPU over the scale corpus).
_SPACES = re.compile(r" {2,}")


def rejoin_lines(text: str) -> str:
    """Return `text` with one line per block: soft-wrapped lines joined, blank runs collapsed."""
    out: list[list[str]] = []  # blocks, each the lines joined into it
    last: _Line | None = None  # the last line joined, on which the next decision rests
    blank = False
    for raw in _SPACES.sub(" ", text.replace("\t", " ")).split("\n"):
        stripped = raw.strip()
        if not stripped:
            blank = last is not None
            continue
        line = _Line(stripped)
        if last is not None and _continues(last, line, blank):
            prev = out[-1][-1]
            if GLUED_BREAK.search(prev[-2:]) and stripped[0].isalnum() and not stripped[0].islower():
                out[-1][-1] = prev + stripped
                line = _Line(out[-1][-1])
            else:
                out[-1].append(stripped)
        else:
            if blank and out:
                out.append([])
            out.append([stripped])
        last = line
        blank = False
    return "\n".join(" ".join(block) for block in out)
