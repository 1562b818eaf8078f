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
# Lines that stand alone whatever follows them.
STANDALONE = re.compile(
    r"^[\[(]?(?:daky|đã ký|Đã ký|ĐÃ KÝ|Ký|ký tên|Ký, đóng dấu|Ký và ghi rõ họ tên)[\])]?$|Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc|^Số\s*:|,\s*ngày\s+(?:\d{1,2}|\.{2,}|…)\s+tháng",
    re.I,
)
# The place-and-date line opens a block: "Nghệ An, ngày 07 tháng 02 năm 2024".
DATE_LINE = re.compile(r"^[A-ZĐÀ-Ỹ][\w .]{1,40},\s*ngày\b")
TERMINAL = re.compile(r"(?:[.;:!?…]|\./\.)[\"”’)]*$")
GLUED_BREAK = re.compile(r"\S[-/]$")
# A word that cannot end a sentence: a page break after it cut the sentence
# ("... Hướng dẫn số 19/HD-CAT-PV05 ngày" / "21/10/2022 của Công an tỉnh").
DANGLING = re.compile(r"(?:^|\s)(?:ngày|số|của|và|tại|theo|về|các|những|với|cho|năm|tháng|là|được|đến|từ|trong)$", re.I)


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _starts_lower(line: str) -> bool:
    first = line.lstrip("“\"'‘(").lstrip()
    return bool(first) and first[0].islower()


def _continues(prev: str, line: str, blank_between: bool) -> bool:
    """Tell whether `line` continues the sentence that `prev` leaves open."""
    if STANDALONE.search(prev) or STANDALONE.search(line) or DATE_LINE.match(line):
        return False
    if BLOCK_START.match(line) or TERMINAL.search(prev):
        return False
    if blank_between:
        # Across a blank line (a page break), only a lower-case start or a
        # dangling word proves continuity.
        return (_starts_lower(line) or bool(DANGLING.search(prev))) and not _is_caps(prev)
    if _starts_lower(line):
        return True
    # A heading in capitals does not run on into mixed-case text, nor the reverse.
    return _is_caps(prev) == _is_caps(line)


_SPACES = re.compile(r"[ \t]+")


def rejoin_lines(text: str) -> str:
    """Return `text` with one line per block: soft-wrapped lines joined, blank runs collapsed."""
    out: list[str] = []
    blank = False
    for raw in text.split("\n"):
        line = _SPACES.sub(" ", raw).strip()
        if not line:
            blank = bool(out)
            continue
        if out and out[-1] and _continues(out[-1], line, blank):
            prev = out[-1]
            glue = "" if GLUED_BREAK.search(prev) and line[0].isalnum() and not line[0].islower() else " "
            out[-1] = prev + glue + line
        else:
            if blank and out:
                out.append("")
            out.append(line)
        blank = False
    return "\n".join(out)
