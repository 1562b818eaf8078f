"""Read what a date is for from the words before it, and the year of a date stated without one.

Roles: `issued` (the document's own date line), `cited` (the date of a cited
document), `deadline` (`trước ngày`, `hoàn thành trong`, `chậm nhất`),
`effective` (`có hiệu lực từ ngày`), `period` (`giai đoạn`, a range),
`target` (`đến năm`, `đến hết năm`), `event` (`kỷ niệm`, a named day's date in
brackets), or None where the wording says nothing.

Every pattern here runs over the lower-cased text (see `extractors.dates`),
anchored at the end of a short window before the date (`$` with `endpos`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from extractors.spans import Citation, Span
from pipeline.model import Document

# `Nghệ An, ngày 07 tháng 02 năm 2024`, `Lào Cai, ngày    tháng 6 năm 2026` (the
# day left blank until signing): the issuer's place-and-date line.
PLACE_BEFORE = re.compile(r"(?:^|\n)[ \t#*_>|]*[\w .'’-]{2,40},[ \t]*(?:ngày[ \t_.…]*)?$")
# `Quyết định số 146/QĐ-UBND ngày 16/3/2023`, `Chỉ thị số 09-CT/TW, ngày
# 01/12/2011`, `số 2194/QĐ- UBND ngày`, `Luật Cư trú ngày 13 tháng 11 năm
# 2020`, `Luật ... được Quốc hội thông qua ngày`: a cited document's symbol or
# name right before its date, for when the citation extractor did not find it.
# The law's name stops at punctuation, so a law named earlier in the
# sentence does not claim a later date.
CITED_BEFORE = re.compile(
    r"(?:[0-9]+[\w.]*(?:[/-][ \t]?[\w.&]*)+\w[”\"’)]?|(?<!\w)(?:luật|bộ luật|hiến pháp|pháp lệnh)(?!\w)[^,;.:\n()]{0,80}?)"
    r"[ \t]*,?[ \t]*(?:\(?(?:được[^,;.\n]{0,30}?)?(?:ban hành|ký|thông qua)(?:[ \t]+vào)?[ \t]*)?$"
)
# Between a cited document's symbol, as the citation extractor found it, and
# its date: `Nghị định số 31/2021/NĐ-CP ngày 26/3/2021`, `Chỉ thị số 09-CT/TW,
# ngày 01/12/2011`, `Quyết định số 12/QĐ-UBND (ban hành ngày ...)`.
CITED_GAP = re.compile(
    r"[ \t]*,?[ \t]*(?:\(?(?:được[^,;.\n]{0,30}?)?(?:ban hành|ký|thông qua)(?:[ \t]+vào)?[ \t]*)?$"
)
# `trước ngày 25/02/2024`, `chậm nhất là ngày`, `hoàn thành trong Quý II/2024`,
# `Thời hạn hoàn thành: Quý IV năm 2023`, `(hoàn thành trước tháng 10/2024)`.
DEADLINE_BEFORE = re.compile(
    r"(?<!\w)(?:trước|chậm nhất|muộn nhất|hạn chót|hạn cuối|thời hạn(?: hoàn thành| nộp| gửi)?"
    r"|thời gian hoàn thành|hoàn thành|xong)(?:[ \t]+(?:là|vào|trong|đến|hết))*[ \t]*[:(]?[ \t]*$"
)
# `có hiệu lực thi hành kể từ ngày 01/7/2024`: the day a text takes effect.
EFFECTIVE_BEFORE = re.compile(r"(?<!\w)hiệu lực(?:[ \t]+thi hành)?(?:[ \t]+(?:kể[ \t]+)?từ)?[ \t]*$")
# `giai đoạn`, `thời kỳ`, `nhiệm kỳ`: a named period.
PERIOD_BEFORE = re.compile(r"(?<!\w)(?:giai đoạn|thời kỳ|nhiệm kỳ|niên độ)[ \t:]*$")
# `đến năm 2030`, `đến hết năm 2025`, `tầm nhìn đến năm 2045`, `phấn đấu năm
# 2025`: a year the text aims at. Only for years: `đến ngày 30/6` is a cut-off.
TARGET_BEFORE = re.compile(
    r"(?<!\w)(?:(?:đến|tới)(?:[ \t]+(?:hết|cuối))?|tầm nhìn|phấn đấu(?:[ \t]+(?:đến|trong|vào))?)[ \t]*$"
)
# `Tính đến hết năm 2025, trên địa bàn tỉnh có ...`, `tính đến ngày 30/6`: a
# cut-off for figures, not a target.
CUTOFF_BEFORE = re.compile(r"(?<!\w)tính(?:[ \t]+từ)?[ \t]+(?:đến|tới)(?:[ \t]+hết)?[ \t]*$")
# `kỷ niệm ... ngày`, `nhân dịp`, `tổ chức vào ngày`, `diễn ra`: a day something happens.
EVENT_BEFORE = re.compile(
    r"(?<!\w)(?:kỷ niệm|nhân dịp|nhân ngày|diễn ra(?:[ \t]+(?:vào|từ|trong))?"
    r"|tổ chức(?:[ \t]+vào)?|khai mạc(?:[ \t]+vào)?)[ \t]*$"
)
# `ngày 15 tháng 12 hằng năm`, `ngày 31/12 năm N`, `(10/10) hằng năm`, `ngày
# 15.01 của năm sau`, `tháng 12 năm thực hiện`, `ngày 31 tháng 12 năm …`: a
# recurring day, or one of a year the text describes rather than states
# (`năm` not followed by figures), whose year the document's date does not give.
RELATIVE_YEAR_AFTER = re.compile(
    r"[ \t)/]*(?:,[ \t]*)?(?:của[ \t]+|trong[ \t]+)?(?:hằng|hàng|mỗi|các|năm(?![ \t]*[0-9]))"
)
# `Số liệu năm báo cáo (từ ngày 01 tháng 01 ...`, `hằng năm, trước ngày 15/12`:
# the same said before the date, within its clause.
RELATIVE_YEAR_BEFORE = re.compile(
    r"(?:(?:hằng|hàng|mỗi)[ \t]+(?:năm|tháng|quý)|(?<!\w)năm[ \t]+(?:báo cáo|n(?!\w)|trước|sau|kế|tiếp"
    r"|thực hiện|tài chính|ngân sách|học))(?!\w)[^.;\n]*$"
)
# `Hoàn thành xây dựng Đề án trong quý II/2026`, `hoàn thành việc ra mắt trong
# Quý I/2024`: a deadline whose verb stands a few words before the date.
DEADLINE_CLAUSE = re.compile(r"(?<!\w)(?:hoàn thành|xong)(?!\w)[^.;:()\n]{0,60}?(?:trong|trước|vào)[ \t]*$")
# `Luật này được Quốc hội ... thông qua ngày 16 tháng 6 năm 2025`, `kỳ họp
# thứ 28 thông qua ngày`: the document's own adoption, when it is its date.
ADOPTED_BEFORE = re.compile(r"(?<!\w)(?:thông qua|ký ban hành)(?:[ \t]+vào)?[ \t]*$")
# `28/2021/QĐ-TTg`: a year inside the symbol marks a legal normative document
# (see doc_types.yml), whose yearless days are rules of the calendar (`trước
# ngày 15/12`, every year), not days of the year it was issued.
NORMATIVE_NUMBER = re.compile(r"/(?:19|20)[0-9][0-9]/")
NORMATIVE_TYPES = frozenset({"Luật", "Bộ luật", "Pháp lệnh", "Nghị định", "Thông tư", "Thông tư liên tịch",
                             "Văn bản hợp nhất", "Hiến pháp"})


def is_normative(doc: Document) -> bool:
    """Tell whether `doc` is a legal normative text (a law, decree, circular, `28/2021/QĐ-TTg`)."""
    ident = doc.identity
    return ident.doc_type in NORMATIVE_TYPES or NORMATIVE_NUMBER.search(ident.number or "") is not None


# How far back role cues are looked for, within the line: a law's name
# before its date can be long.
WINDOW = 120


class Roles:
    """Read roles and resolve yearless dates for one document."""

    def __init__(self, doc: Document, low: str, citations: Sequence[Span]) -> None:
        self.doc = doc
        self.low = low
        self.cited = sorted((c for c in citations if isinstance(c, Citation)), key=lambda c: c.start)
        self.cited_starts = [c.start for c in self.cited]
        issued = doc.identity.issued_date or ""
        self.issued = issued
        self.year = int(issued[:4]) if issued[:4].isdigit() else None
        if is_normative(doc):
            self.year = None  # a normative text's yearless days recur

    def _of_citation(self, start: int, end: int) -> bool:
        """Tell whether [start, end) lies in a citation found in the text or right after its symbol."""
        i = bisect.bisect_right(self.cited_starts, start) - 1
        while i >= 0 and start - self.cited[i].start < 3000:
            c = self.cited[i]
            if end <= c.end or (c.end <= start and start - c.end <= 40
                                and CITED_GAP.match(self.low, c.end, start)):
                return True
            i -= 1
        return False

    def role(self, start: int, end: int, value: str, granularity: str, ranged: bool,
             yearless: bool) -> str | None:
        """Return the role the words before the date at [start, end) give it, or None."""
        low = self.low
        line_start = low.rfind("\n", max(0, start - WINDOW), start) + 1
        w = max(line_start, start - WINDOW)
        place = PLACE_BEFORE.search(low, max(0, start - 60), start)
        if value == self.issued and (start < self.doc.body_start or place
                                     or ADOPTED_BEFORE.search(low, max(0, start - 30), start)):
            return "issued"
        if not self.issued and place and start < self.doc.body_start:
            return "issued"  # a date line whose day is still blank
        if self.cited and self._of_citation(start, end):
            return "cited"
        if granularity == "day" and CITED_BEFORE.search(low, w, start):
            return "cited"
        if DEADLINE_BEFORE.search(low, max(w, start - 40), start) or (
                granularity != "day" and DEADLINE_CLAUSE.search(low, max(w, start - 90), start)):
            return "deadline"
        if EFFECTIVE_BEFORE.search(low, max(w, start - 40), start):
            return "effective"
        if ranged or granularity == "duration" or PERIOD_BEFORE.search(low, max(w, start - 20), start):
            return "period"
        if granularity == "year" and TARGET_BEFORE.search(low, max(w, start - 30), start):
            return None if CUTOFF_BEFORE.search(low, max(w, start - 30), start) else "target"
        if EVENT_BEFORE.search(low, max(w, start - 30), start):
            return "event"
        if yearless and granularity == "day" and low[start - 1:start] == "(":
            return "event"
        return None

    def resolve(self, start: int, end: int, month: int, day: int | None, role: str | None) -> str | None:
        """Return the full date a yearless day or month stands for, or None if the text does not fix it.

        The year is the document's, unless it is a normative text; a deadline
        falls after the document, so `trước ngày 10/01` in a plan of December
        is the next January."""
        year = self.year
        if year is None or RELATIVE_YEAR_AFTER.match(self.low, end, end + 40):
            return None
        line_start = self.low.rfind("\n", max(0, start - 80), start) + 1
        if RELATIVE_YEAR_BEFORE.search(self.low, max(line_start, start - 80), start):
            return None
        if role == "deadline" and "%02d-%02d" % (month, day or 31) < self.issued[5:10]:
            year += 1
        if day is None:
            return "%04d-%02d" % (year, month)
        if month == 2 and day == 29 and not (year % 4 == 0 and (year % 100 or year % 400 == 0)):
            return None
        return "%04d-%02d-%02d" % (year, month, day)
