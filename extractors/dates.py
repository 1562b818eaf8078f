"""Find the dates a document states, each with its ISO value, granularity and role.

Every form these documents use: `20/01/2023`, `20-01-2023`, `ngày 01 tháng 4
năm 2021` (also in capitals and broken across lines), `tháng 10/2024`, `Quý
II/2024`, `quý I năm 2024`, `Quí IV-2025`, `năm 2025`, `giai đoạn 2023 -
2030`, `đến năm 2030`, lists and ranges (`Tháng 11, 12/2013`, `từ tháng 3 đến
tháng 10 năm 2026`, `ngày 16-22/11/2025`), days without a year (`(19/8)`,
`trước ngày 14/6`) and recurring periods (`định kỳ 06 tháng`, `P6M`).

A list or range gives one `DateMention` per date it names, each pointing at
its own words; a part without its own year takes the year of the phrase
(`tháng 3` in `từ tháng 3 đến tháng 10 năm 2026` is 2026-03). A day the text
gives without a year keeps ISO 8601's yearless form as its value (`--06-14`)
and, in `resolved`, the date it stands for, the year taken from the
document's own date: nothing claims the text said more than it did.

Speed (issue 7): the patterns run over the lower-cased text (same offsets),
each led by a literal (`ngày`, `tháng`, the `/` before a year) so that the
regex engine jumps from one occurrence to the next instead of trying every
position; the word boundary before a literal is a lookbehind placed after it
(`ngày(?<!\\wngày)`), which keeps that fast path, and figures before the
literal are read backwards from it. Each pattern owns one form, and a reader
turns a form already owned by a longer pattern down at once (the `tháng 4
năm 2021` of `ngày 01 tháng 4 năm 2021`), so few overlaps are left for
`filter_spans`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from extractors.date_roles import Roles
from extractors.spans import DateMention, S, Span, filter_spans
from pipeline.model import Document

# --- building blocks ------------------------------------------------------------

# Space between the words of a date, with at most two line breaks: PDF text
# breaks `ngày 17⏎tháng 11 năm 2025` and even leaves a blank line inside it.
_S = r"[ \t]*(?:\n[ \t]*){0,2}"
DAY = r"(?:3[01]|[12][0-9]|0?[1-9])"
MONTH = r"(?:1[0-2]|0?[1-9])"
# Years of the documents and of what they cite; 18xx and 21xx are not seen.
YEAR = r"(?:19|20)[0-9][0-9]"
# `Quý II`, `quý 2` (lower-cased); the lookahead keeps `quý i` out of a word.
QUARTER = r"(?:iv|i{1,3}|[1-4])(?!\w)"
# Between the items of a list or range: `16-22/11`, `20 và 21/11`, `11, 12/2013`,
# `từ tháng 3 đến tháng 10`.
_LIST = r"[ \t]*(?:,|và|-|–|—|đến|tới)[ \t]*"
# After a year: not a longer number, not a symbol (`124/2021/TT-BCA`), not a
# decimal (`2025,5`).
_YEAR_END = r"(?![\w/]|[.,][0-9])"
# Before a year in words: `tháng 10 năm 2024`, `ngày 15 tháng 5, năm 2024`.
_NAM = rf"(?:{_S},)?{_S}năm{_S}"
# The keywords, each with the word boundary before it as a lookbehind after it.
NGAY = r"ngày(?<!\wngày)"
THANG = r"tháng(?<!\wtháng)"
NAM = r"năm(?<!\wnăm)"
QUY = r"qu[ýí](?<!\wqu[ýí])"

# --- the patterns (over lower-cased text) -------------------------------------------

# `ngày 20/01/2023`, `ngày 20-01-2023`, `ngày 30.11.2025`, `ngày 16-22/11/2025`,
# `ngày 20 và 21/11/2025`, `ngày 01 tháng 4 năm 2021`, `NGÀY 18 THÁNG 12 NĂM
# 2019`, `ngày 08 và 09 tháng 11 năm 2025`, `ngày 15 tháng 5, năm 2024`; without
# a year `trước ngày 14/6`, `ngày 15.01 của năm sau`, `ngày 27 tháng 7`; and
# `ngày /11/2025`, a day left blank to be filled in at signing, which still
# states its month. Everything after `ngày` is one pattern, so that the text
# is scanned once for it. A yearless day in figures must be followed by
# neither a separator and figures (a symbol, `36/2023/NĐ-CP`) nor be written
# with a hyphen (`ngày 1-2` is a count of days).
DAY_PHRASE = re.compile(
    rf"{NGAY}(?:{_S}(?P<days>{DAY}(?:{_LIST}(?:ngày{_S})?{DAY})*)"
    rf"(?:[ \t]?(?P<sep>[/.-])[ \t]?(?P<m>{MONTH})(?:[ \t]?(?P=sep)[ \t]?(?P<y>{YEAR}){_YEAR_END})?"
    rf"(?![0-9]|[ \t]?(?P=sep)[ \t]?[0-9])(?:(?<=[0-9])[ \t]+năm[ \t]+(?P<ny>{YEAR}){_YEAR_END})?"
    rf"|{_S}tháng{_S}(?P<wm>{MONTH})(?:(?:{_NAM}|[ \t]?[/-][ \t]?)(?P<wy>{YEAR}){_YEAR_END})?(?![0-9]))"
    rf"|[ \t_.…]*/[ \t]?(?P<bm>{MONTH})[ \t]?/[ \t]?(?P<by>{YEAR}){_YEAR_END})"
)
# `20/01/2023` in a table, `(19/12/1946-19/12/2025)`, `từ 01/7/2025`: a full day
# in figures without `ngày` (DAY_PHRASE reads it with `ngày`). Found by its
# second separator and year, a literal the engine jumps to (a pattern led by
# figures tries every digit of the text); DAY_MONTH_BEFORE reads the day and
# month back from there, and the reader turns down figures inside a longer
# token (`66.16/2026/NQ-CP`, `/QĐ/20.11.2025`).
DAY_FIGURES = tuple(re.compile(rf"(?P<sep>{re.escape(sep)})[ \t]?(?P<y>{YEAR}){_YEAR_END}") for sep in "/-.")
DAY_MONTH_BEFORE = re.compile(r"(?P<d>[0-9][0-9]?)[ \t]?(?P<sep>[/.-])[ \t]?(?P<m>[0-9][0-9]?)[ \t]?$")
# `“Ngày hội toàn dân bảo vệ ANTQ” (19/8)`: a named day with its date in
# brackets. `một phần hai (1/2)` is a fraction and `(24/24)` a clock: the
# reader checks the words before, and the calendar.
DAY_IN_BRACKETS = re.compile(rf"\((?P<d>{DAY})/(?P<m>{MONTH})\)(?![0-9])")
# `tháng 10/2024`, `tháng 6-2024`, `tháng 10 năm 2024`, `Tháng 11, 12/2013`,
# `tháng 3 đến tháng 10 năm 2026`, and without a year `trước tháng 10`.
# `tháng` must come first: `06 tháng` is six months, not June. The month of
# `ngày 01 tháng 4 năm 2021` is DAY_PHRASE's: the lookbehinds skip the usual
# spacing at once, the reader the rest.
MONTHS = re.compile(
    rf"{THANG}(?<!ngày [0-9][0-9] tháng)(?<!ngày [0-9] tháng){_S}(?P<ms>{MONTH}(?:{_LIST}(?:tháng{_S})?{MONTH})*)"
    rf"(?:(?:[ \t]?[/.-][ \t]?|{_NAM})(?P<y>{YEAR}){_YEAR_END})?(?![0-9]|[ \t]?[/.-][ \t]?[0-9])"
)
# `Quý II/2024`, `quý I năm 2024`, `Quí IV-2025`, `quý III và IV/2024`, and
# without a year `từ Quý IV` (kept only if a range lends it a year: a table
# header `Quý I Quý II` states no date).
QUARTERS = re.compile(
    rf"{QUY}{_S}(?P<qs>{QUARTER}(?:{_LIST}(?:qu[ýí]{_S})?{QUARTER})*)"
    rf"(?:(?:[ \t]?[/-][ \t]?|{_NAM})(?P<y>{YEAR}){_YEAR_END})?"
)
# `năm 2025`, `NĂM 2019`, `năm 2021 - 2025`, `từ năm 2021 đến năm 2025`: a year
# named as one, or a span of years. The year of `tháng 4 năm 2021` is the
# month's: the lookbehinds skip the usual spacing at once, the reader the rest.
YEAR_WORD = re.compile(
    rf"{NAM}(?<![0-9] năm)(?<![0-9], năm){_S}(?P<y1>{YEAR})(?:{_S}(?:-|–|—|(?:đến|tới)(?:{_S}(?:hết{_S})?năm)?){_S}(?P<y2>{YEAR}))?{_YEAR_END}"
)
# `giai đoạn 2023 - 2030`, `2021-2025`, `nhiệm kỳ 2020-2025`, `2021 đến 2025`:
# a span of years, found by the word or dash before its last year (a literal
# the engine jumps to); YEAR_BEFORE reads the first year back. And `đến 2030`:
# a bare year after `đến`, a point in time (a bare year elsewhere is too
# often part of a number or symbol). `năm 2021 - 2025` is YEAR_WORD's.
YEAR_SPANS = tuple(
    re.compile(rf"{word}{_S}(?:(?:hết{_S})?năm{_S})?(?P<y2>{YEAR}){_YEAR_END}")
    for word in ("-", "–", "—", r"đến(?<!\wđến)", r"tới(?<!\wtới)")
)
YEAR_BEFORE = re.compile(rf"(?P<y1>{YEAR}){_S}$")
# `tầm nhìn 2045`: a bare year a vision aims at.
VISION_YEAR = re.compile(rf"tầm nhìn(?<!\wtầm nhìn){_S}(?P<y2>{YEAR}){_YEAR_END}")
# `định kỳ 06 tháng`, `định kỳ hằng quý`: a recurring period (ISO 8601 duration).
RECURRING = re.compile(
    rf"định kỳ(?<!\wđịnh kỳ){_S}(?:(?P<n>[0-9][0-9]?){_S}(?P<unit>tháng|năm|quý|tuần|ngày)"
    rf"|(?:hằng|hàng|mỗi){_S}(?P<each>tháng|quý|năm|tuần|ngày))(?!\w)"
)

# --- context (over lower-cased text) ---------------------------------------------------

# `ngày` right before a date in figures: part of its words.
NGAY_BEFORE = re.compile(rf"{NGAY}[ \t]*$")
# `ngày 01 ` before `tháng 4 năm 2021`: the month belongs to a day (DAY_PHRASE).
NGAY_DAY_BEFORE = re.compile(rf"{NGAY}{_S}{DAY}(?:{_LIST}(?:ngày{_S})?{DAY})*{_S}$")
# `Hà Nội, 03 tháng 12 năm 2024`, `đến 31 tháng 12 năm 2006`: a day in words
# without `ngày`, before a month with its year; `06 tháng` with no year after
# is six months.
DAY_BEFORE = re.compile(rf"(?<![\w.,/])(?P<d>{DAY})[ \t]+$")
# A figure then space right before `tháng` or `năm`: `06 tháng 12` (a
# duration), `tháng 4 năm 2021` (the month's year), `ngày 15 tháng 5, năm`.
FIGURE_BEFORE = re.compile(r"[0-9][ \t\n]*,?[ \t\n]*$")
# `năm ` before a bare span of years: taken into its words by YEAR_WORD.
NAM_BEFORE = re.compile(rf"{NAM}[ \t]*$")
# `1946-` before `19/12/2025` in `(19/12/1946-19/12/2025)`: the other end of a range.
YEAR_DASH = re.compile(rf"{YEAR}[-–]")
# Page furniture the furniture filter left in a line: `38 CÔNG BÁO/Số 347 +
# 348/Ngày 25-02-2025` (a page number before the gazette's running head kept
# it from seeing the whole line) is the gazette's issue; `Ngày ký: 12.10.2021`
# alone on its line is a signing stamp. Neither is a date of the text.
FURNITURE_BEFORE = re.compile(
    r"(?:công báo\s*/\s*số[^/\n]{0,30}/\s*(?:ngày\s*)?|(?:ngày|thời gian|ngày giờ)\s+ký\s*:\s*|ký ngày\s*:\s*)$"
)
# `một phần hai (1/2)`, `nửa (1/2) năm`: a fraction in brackets.
FRACTION_BEFORE = re.compile(r"(?:phần\s+\w+|nửa)\s*\($")
# Between the two ends of a range: `tháng 3 đến tháng 10 năm 2026`, `ngày
# 29/5 đến ngày 28/7/2021`, `Quý IV - Quý II/2027`, `19/12/1946-19/12/2025`.
RANGE_GAP = re.compile(r"[ \t]*(?:đến|tới|-|–|—|cho đến)[ \t]*(?:hết[ \t]+|cuối[ \t]+)?$")
# Between the items of a list: `tháng 12/2014 và tháng 01, 02/2015`.
LIST_GAP = re.compile(r"[ \t]*(?:và|,)[ \t]*$")
# `trong tháng 10`, `trước tháng 10`, `từ tháng 3`: the words that make a
# month without a year a point in time of the document's year; elsewhere
# (`lương tháng 1`, a table's `Tháng 1`) it is not kept.
MONTH_CUE_BEFORE = re.compile(
    r"(?<!\w)(?:trước|trong|vào|từ|đến|hết|cuối|đầu|giữa|chậm nhất|hoàn thành)[ \t]*$"
)
# One item of a list, with its own keyword if it repeats it: `16` in `16-22`,
# `tháng 10` in `tháng 3 đến tháng 10`, `iv` in `quý iii và iv`.
DAY_ITEM = re.compile(r"(?:ngày[ \t]*)?(?P<n>[0-9]+)")
MONTH_ITEM = re.compile(r"(?:tháng[ \t]*)?(?P<n>[0-9]+)")
QUARTER_ITEM = re.compile(r"(?:qu[ýí][ \t]*)?(?P<n>iv|i{1,3}|[1-4])")
# A list whose items are joined by one of these is a range: only its ends are named.
RANGE_WORD = re.compile(r"-|–|—|đến|tới")

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
DURATION = {"ngày": (1, "D"), "tuần": (1, "W"), "tháng": (1, "M"), "quý": (3, "M"), "năm": (1, "Y")}
DAYS_IN_MONTH = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


# --- what the patterns give -------------------------------------------------------------


@dataclass(frozen=True)
class _Part:
    """One date a phrase names; `year` is None until a range or the document lends one."""

    start: int
    end: int
    granularity: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    quarter: int | None = None
    end_year: int | None = None
    duration: str | None = None


@dataclass(frozen=True)
class _Phrase(Span):
    """A matched date expression and the dates it names (several for a list or range)."""

    parts: tuple[_Part, ...] = ()
    ranged: bool = False
    """The parts are the ends of a range (`16-22/11`, `từ tháng 3 đến tháng 10`)."""


Reader = Callable[[re.Match[str]], "_Phrase | None"]


def _free_before(low: str, i: int) -> bool:
    """Tell whether figures at `i` start a token of their own (not `66.16/2026`, `/QĐ/20.11.2025`)."""
    if i == 0:
        return True
    prev = low[i - 1]
    if prev in "-–":
        return YEAR_DASH.match(low, max(0, i - 5), i) is not None
    return not (prev.isalnum() or prev in "/.,_")


def _valid(year: int | None, month: int, day: int) -> bool:
    if not 1 <= month <= 12 or not 1 <= day <= DAYS_IN_MONTH[month]:
        return False
    # 29/2 without a year is valid; with one, only in a leap year.
    return not (month == 2 and day == 29 and year is not None
                and not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)))


def _list(m: re.Match[str], group: str, item: re.Pattern[str]) -> tuple[list[tuple[str, int, int]], bool]:
    """Return (number, start, end) of each item of a list group, the first stretched back
    to the phrase's start and the last to its end, and whether the list is a range."""
    base, text = m.start(group), m.group(group)
    items = [(x.group("n"), base + x.start(), base + x.end()) for x in item.finditer(text)]
    last = len(items) - 1
    spread = [(n, m.start() if i == 0 else s, m.end() if i == last else e) for i, (n, s, e) in enumerate(items)]
    return spread, last > 0 and RANGE_WORD.search(text) is not None


def _order(p: _Part) -> tuple[int, int]:
    if p.granularity == "quarter":
        return ((p.quarter or 1) * 3 - 2, 0)
    return (p.month or 0, p.day or 0)


def _phrase(low: str, start: int, end: int, parts: list[_Part], ranged: bool = False) -> _Phrase:
    # A range over new year starts the year before: `tháng 10 đến tháng 3 năm 2026`.
    first = parts[0]
    if ranged and first.year is not None and _order(first) > _order(parts[-1]):
        parts[0] = _Part(first.start, first.end, first.granularity, first.year - 1, first.month,
                         first.day, first.quarter)
    return _Phrase(start, end, low[start:end], tuple(parts), ranged=ranged)


def _year_of(m: re.Match[str]) -> int | None:
    y = m.group("y")
    return int(y) if y else None


def _day_phrase(m: re.Match[str]) -> _Phrase | None:
    """Read DAY_PHRASE: one part per day named, or the month of a blank day."""
    low = m.string
    if m.group("bm"):
        part = _Part(m.start(), m.end(), "month", int(m.group("by")), int(m.group("bm")))
        return _phrase(low, m.start(), m.end(), [part])
    if m.group("wm"):
        month, y = int(m.group("wm")), m.group("wy")
    else:
        month, y = int(m.group("m")), m.group("y") or m.group("ny")
        if y is None and m.group("sep") == "-":
            return None
    year = int(y) if y else None
    items, ranged = _list(m, "days", DAY_ITEM)
    parts = []
    for number, s, e in items:
        if not _valid(year, month, int(number)):
            return None
        parts.append(_Part(s, e, "day", year, month, int(number)))
    return _phrase(low, m.start(), m.end(), parts, ranged)


def _day_figures(m: re.Match[str]) -> _Phrase | None:
    low, sep = m.string, m.start()
    back = DAY_MONTH_BEFORE.search(low, max(0, sep - 9), sep)
    if back is None or back.group("sep") != m.group("sep"):
        return None
    start = back.start()
    if not _free_before(low, start) or NGAY_BEFORE.search(low, max(0, start - 6), start):
        return None  # inside a token, or DAY_PHRASE's `ngày 20/01/2023`
    year, month, day = int(m.group("y")), int(back.group("m")), int(back.group("d"))
    if not _valid(year, month, day):
        return None
    return _phrase(low, start, m.end(), [_Part(start, m.end(), "day", year, month, day)])


def _day_in_brackets(m: re.Match[str]) -> _Phrase | None:
    month, day = int(m.group("m")), int(m.group("d"))
    low = m.string
    if not _valid(None, month, day) or FRACTION_BEFORE.search(low, max(0, m.start() - 20), m.start() + 1):
        return None
    # The brackets are not part of the date's words.
    start, end = m.start() + 1, m.end() - 1
    return _phrase(low, start, end, [_Part(start, end, "day", None, month, day)])


def _months(m: re.Match[str]) -> _Phrase | None:
    low, start = m.string, m.start()
    year = _year_of(m)
    items, ranged = _list(m, "ms", MONTH_ITEM)
    if FIGURE_BEFORE.search(low, max(0, start - 6), start):
        if NGAY_DAY_BEFORE.search(low, max(0, start - 40), start):
            return None  # DAY_PHRASE reads `ngày 01 tháng 4 năm 2021`
        day = DAY_BEFORE.search(low, max(0, start - 4), start)
        if day and year and len(items) == 1 and "năm" in m.group():
            d, month = int(day.group("d")), int(items[0][0])
            if _valid(year, month, d):
                return _phrase(low, day.start(), m.end(), [_Part(day.start(), m.end(), "day", year, month, d)])
    parts = [_Part(s, e, "month", year, int(n)) for n, s, e in items]
    return _phrase(low, start, m.end(), parts, ranged)


def _quarters(m: re.Match[str]) -> _Phrase | None:
    items, ranged = _list(m, "qs", QUARTER_ITEM)
    parts = [_Part(s, e, "quarter", _year_of(m), quarter=ROMAN[n]) for n, s, e in items]
    return _phrase(m.string, m.start(), m.end(), parts, ranged)


def _span(low: str, start: int, m: re.Match[str]) -> _Phrase | None:
    y1, y2 = m.group("y1"), m.group("y2")
    if y2 is None:
        return _phrase(low, start, m.end(), [_Part(start, m.end(), "year", int(y1))])
    if not 0 < int(y2) - int(y1) <= 100:
        return None
    return _phrase(low, start, m.end(), [_Part(start, m.end(), "year", int(y1), end_year=int(y2))])


def _year_word(m: re.Match[str]) -> _Phrase | None:
    if FIGURE_BEFORE.search(m.string, max(0, m.start() - 6), m.start()):
        return None
    return _span(m.string, m.start(), m)


def _year_span(m: re.Match[str]) -> _Phrase | None:
    low, at = m.string, m.start()
    back = YEAR_BEFORE.search(low, max(0, at - 12), at)
    if back is None:
        # `đến 2030`: a bare year after `đến`; `đến năm 2030` is YEAR_WORD's.
        if low[at] in "-–—" or "năm" in m.group():
            return None
        start = m.start("y2")
        return _phrase(low, start, m.end(), [_Part(start, m.end(), "year", int(m.group("y2")))])
    start = back.start()
    if not _free_before(low, start) or NAM_BEFORE.search(low, max(0, start - 8), start):
        return None
    y1, y2 = int(back.group("y1")), int(m.group("y2"))
    if not 0 < y2 - y1 <= 100:
        return None
    return _phrase(low, start, m.end(), [_Part(start, m.end(), "year", y1, end_year=y2)])


def _vision_year(m: re.Match[str]) -> _Phrase | None:
    start = m.start("y2")
    return _phrase(m.string, start, m.end(), [_Part(start, m.end(), "year", int(m.group("y2")))])


def _recurring(m: re.Match[str]) -> _Phrase | None:
    n = int(m.group("n")) if m.group("n") else 1
    factor, unit = DURATION[m.group("unit") or m.group("each")]
    part = _Part(m.start(), m.end(), "duration", duration="P%d%s" % (n * factor, unit))
    return _phrase(m.string, m.start(), m.end(), [part])


# Every pattern with the function that reads its match and the literal it
# starts with: a text without the literal is not scanned at all, one with it
# from its first occurrence (`str.find` is much faster than a regex scan).
# The overlaps left between patterns are settled once, by `filter_spans`
# (the longest phrase wins).
PATTERNS: tuple[tuple[re.Pattern[str], Reader, str], ...] = (
    (DAY_PHRASE, _day_phrase, "ngày"),
    *((pattern, _day_figures, sep) for pattern, sep in zip(DAY_FIGURES, "/-.", strict=True)),
    (DAY_IN_BRACKETS, _day_in_brackets, "("),
    (MONTHS, _months, "tháng"),
    (QUARTERS, _quarters, "qu"),
    (YEAR_WORD, _year_word, "năm"),
    *((pattern, _year_span, word) for pattern, word in zip(YEAR_SPANS, ("-", "–", "—", "đến", "tới"), strict=True)),
    (VISION_YEAR, _vision_year, "tầm nhìn"),
    (RECURRING, _recurring, "định kỳ"),
)


@lru_cache(maxsize=4)
def lower(text: str) -> str:
    """Return `text` lower-cased with the same length, so offsets carry over.

    Cached: the dates, percentages and targets of one document share it."""
    low = text.lower()
    if len(low) == len(text):
        return low
    # A few letters (`İ`) lower to two characters; keep those as they are.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def settle(spans: Iterable[S]) -> list[S]:
    """Return `filter_spans(spans)`, run on each cluster of overlapping spans.

    Spans that overlap nothing are independent, so the result is that of one
    call over all of them; this keeps `filter_spans`, quadratic in the number
    of spans, fast on a long text with thousands of them."""
    out: list[S] = []
    cluster: list[S] = []
    reach = -1
    for span in sorted(spans, key=lambda s: s.start):
        if span.start >= reach and cluster:
            out.extend(cluster if len(cluster) == 1 else filter_spans(cluster))
            cluster = []
        cluster.append(span)
        reach = max(reach, span.end)
    if cluster:
        out.extend(cluster if len(cluster) == 1 else filter_spans(cluster))
    return out


def _phrases(low: str) -> Iterator[_Phrase]:
    for pattern, read, lead in PATTERNS:
        first = low.find(lead)
        if first < 0:
            continue
        for m in pattern.finditer(low, first):
            phrase = read(m)
            if phrase is not None and not FURNITURE_BEFORE.search(low, max(0, phrase.start - 50), phrase.start):
                yield phrase


def _join_ranges(low: str, phrases: list[_Phrase]) -> list[_Phrase]:
    """Join the two ends of a range, the first taking the year of the second if it has none.

    `tháng 3` in `từ tháng 3 đến tháng 10 năm 2026` is 2026-03; a list lends its
    year the same way (`tháng 5 và tháng 6/2024`) but is not a range."""
    out = list(phrases)
    for i in range(len(out) - 1, 0, -1):
        left, right = out[i - 1], out[i]
        anchor = right.parts[0]
        if anchor.year is None or left.parts[0].granularity != anchor.granularity or anchor.granularity == "year":
            continue
        ranged = RANGE_GAP.match(low, left.end, right.start) is not None
        if not ranged and (LIST_GAP.match(low, left.end, right.start) is None
                           or all(p.year is not None for p in left.parts)):
            continue
        parts = []
        for p in left.parts:
            year = p.year
            if year is None:
                year = anchor.year - (1 if ranged and _order(p) > _order(anchor) else 0)
            parts.append(_Part(p.start, p.end, p.granularity, year, p.month, p.day, p.quarter))
        out[i - 1] = _Phrase(left.start, left.end, left.text, tuple(parts), ranged=ranged or left.ranged)
        out[i] = _Phrase(right.start, right.end, right.text, right.parts, ranged=ranged or right.ranged)
    return out


def _kept(low: str, phrase: _Phrase) -> bool:
    """Drop a quarter that no range gave a year, and a yearless month no word anchors."""
    first = phrase.parts[0]
    if first.year is not None or first.granularity in ("day", "duration"):
        return True
    if first.granularity != "month":
        return False
    line_start = low.rfind("\n", max(0, phrase.start - 30), phrase.start) + 1
    return MONTH_CUE_BEFORE.search(low, max(line_start, phrase.start - 30), phrase.start) is not None


def _value(p: _Part) -> str:
    if p.granularity == "duration":
        return p.duration or ""
    if p.granularity == "year":
        return "%04d" % (p.year or 0)
    if p.granularity == "quarter":
        return "%04d-Q%d" % (p.year or 0, p.quarter or 0)
    year = "%04d" % p.year if p.year is not None else "-"
    if p.granularity == "month":
        return "%s-%02d" % (year, p.month or 0)
    return "%s-%02d-%02d" % (year, p.month or 0, p.day or 0)


def extract(doc: Document, found: Mapping[str, Sequence[Span]]) -> list[Span]:
    """Return every date `doc` states, one `DateMention` per date, in text order."""
    text = doc.text
    low = lower(text)
    phrases = _join_ranges(low, settle(_phrases(low)))
    roles = Roles(doc, low, found.get("citations", ()))
    out: list[Span] = []
    for phrase in phrases:
        if not _kept(low, phrase):
            continue
        first = phrase.parts[0]
        role = roles.role(phrase.start, phrase.end, _value(first), first.granularity,
                          phrase.ranged or first.end_year is not None, first.year is None)
        for p in phrase.parts:
            resolved = None
            if p.year is None and p.month:
                resolved = roles.resolve(phrase.start, phrase.end, p.month, p.day, role)
            out.append(DateMention(
                start=p.start, end=p.end, text=text[p.start:p.end], value=_value(p),
                granularity=p.granularity, end_value="%04d" % p.end_year if p.end_year else None,
                role=role, resolved=resolved,
            ))
    return out
