"""Find document numbers and symbols (`36-NQ/TU`, `06/QĐ-TTg`, `124/2021/TT-BCA`) fast.

Every symbol holds a slash followed by a unit or a year, so the scan jumps
from such slash to slash (`SYMBOL_SLASH`, a search that skips to the next
"/" at C speed) and runs the full pattern only around each one: most of a
directive's text never meets the full pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache

from extractors.reference import doc_types
from pipeline.normalize import fold

# One part of a symbol: mostly capitals, digits and &, with at most a short
# lower-case run ("TTg", "CtrPH", "QyĐ", "QĐi"), so "12/ Quyết" is not a symbol.
UNIT = r"[A-ZĐ][A-ZĐ0-9&]*(?:[a-zđ]{1,3}[A-ZĐ0-9&]*)?"
SEP = r"\s?[-–]\s?"
SLASH = r"\s?/\s?"
# The number and symbol, in the three schemes: Party "36-NQ/TU" (and "37- CT/TW",
# a stray space), normative "124/2021/TT-BCA" and "03/2021/UBTVQH15",
# administrative "06/QĐ-TTg", "5764/QĐ-BCA-V05", công văn "3090/UBND-NC", and
# the old "118/TTg". Not "36/2023" (a year is no symbol), "18/18", "24/7", dates.
SYMBOL = re.compile(
    r"(?<![\w/.\-–])(?P<num>\d{1,5}[a-zđ]?)"
    r"(?:(?P<party>\s?[-–]\s?" + UNIT + r"(?:" + SLASH + UNIT + r")+)"
    r"|(?P<norm>" + SLASH + r"(?:19|20)\d{2}" + SLASH + UNIT + r"(?:" + SEP + UNIT + r")*)"
    r"|(?P<admin>" + SLASH + UNIT + r"(?:" + SEP + UNIT + r")*))"
    r"(?![\w/&%])"
)
# "QCVN 01:2019/BCT", "TCCS 661: 2018/BVTV": a standard's year and agency, not a document.
STANDARD_BEFORE = re.compile(r":\s?$")
# How far a symbol's number can stand before its first slash ("12345-QĐ/" is 9 characters).
BACK = 16
# A slash of a symbol is followed by a unit ("/TU", "/QĐ-TTg") or by a year and
# the next slash ("/2021/TT-BCA"), as SLASH, UNIT and the normative scheme say.
# The other slashes, half of them (dates "20/01/2023", "18/18", "và/hoặc"),
# cannot be inside a symbol, and are passed over without running SYMBOL.
SYMBOL_SLASH = re.compile(r"/(?=\s?(?:[A-ZĐ]|(?:19|20)\d{2}\s?/))")


def find_symbols(text: str) -> Iterator[re.Match[str]]:
    """Yield every symbol in `text`, in order, jumping from slash to slash."""
    end = 0
    search = SYMBOL_SLASH.search
    slash = search(text)
    while slash:
        pos = slash.start()
        if pos >= end:
            m = SYMBOL.search(text, max(end, pos - BACK), pos + 80)
            if m and m.start() <= pos < m.end():
                if not STANDARD_BEFORE.search(text[max(0, m.start() - 2) : m.start()]):
                    yield m
                end = m.end()
        slash = search(text, pos + 1)


STRAY_SPACE = re.compile(r"\s*([/\-–])\s*")


def clean_number(m: re.Match[str]) -> str:
    """Return a symbol as printed without stray spaces ("37- CT/TW" -> "37-CT/TW")."""
    printed = m.group(0)
    if " " not in printed and "–" not in printed:
        return printed  # nearly every symbol is printed tight
    return STRAY_SPACE.sub(lambda g: "-" if g.group(1) == "–" else g.group(1), printed)


# Words a text puts between a type and its number: "số", "số:", "Số".
# The specification of `_number_word_start`, which finds the same place.
NUMBER_WORD = re.compile(r"(?:\s*:)?\s*(?:(?:số|Số|SỐ)\s*[:.]?\s*)?$")
GENERIC_TYPES = {"văn bản": "Văn bản", "văn bản quy phạm pháp luật": "Văn bản quy phạm pháp luật"}


@cache
def _type_names() -> dict[str, str]:
    names = dict(doc_types().names)
    names.update(GENERIC_TYPES)
    return names


def type_before(text: str, start: int, floor: int) -> tuple[str, int] | None:
    """Return (printed type, where it starts) when a type name stands right before `start`.

    "Nghị quyết số 36-NQ/TU", "Quyết định số: 254/QĐ-UBND", "Các Công điện: số 007/CĐ-UBND"."""
    window = text[max(floor, start - 60) : start]
    found = _type_at_end(window)
    if found is None:
        return None
    printed, offset = found
    return printed, start - len(window) + offset


@lru_cache(maxsize=1 << 14)
def _type_at_end(window: str) -> tuple[str, int] | None:
    """Return (printed type, offset in `window`) for a type name ending `window`, before "số".

    What stands before a symbol repeats ("Căn cứ Nghị quyết số ", "Thực hiện
    Kế hoạch số "): over the scale corpus half the windows were read before."""
    head = window[: _number_word_start(window)]
    words = head.split()
    names = _type_names()
    for n in (5, 4, 3, 2, 1):
        if len(words) < n:
            continue
        candidate = " ".join(words[-n:]).rstrip(":")
        if fold(candidate) in names:
            return candidate, head.rfind(words[-n])
    return None


def _number_word_start(window: str) -> int:
    """Return where NUMBER_WORD matches in `window` (`NUMBER_WORD.search(window).start()`).

    The search tries the pattern at every place of the window, each try
    running to the end: eight microseconds a window, a fortieth of the time
    of citations over the scale corpus. The pattern is a tail of spaces with at most one colon,
    optionally ended by "số" with spaces and one ":" or "." after it, so the
    earliest place it matches from is found by stripping from the end."""
    j = len(window.rstrip())
    k = j
    if j and window[j - 1] in ":.":
        k = len(window[: j - 1].rstrip())
    if k >= 2 and window[k - 2 : k] in ("số", "Số", "SỐ"):
        j = len(window[: k - 2].rstrip())  # "số" and what follows it: the spaces before it go too
    # The spaces and one colon before what is taken so far.
    return len(window[: j - 1].rstrip()) if j and window[j - 1] == ":" else j
