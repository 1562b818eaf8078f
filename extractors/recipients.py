"""Recipient lists (`Nơi nhận`, `Kính gửi`), read with their own abbreviations.

"TT.TU, TT.HĐNDTP" in a Cần Thơ decision is the Standing Committees of the city
Party committee and People's Council; "Các Sở: NN&MT, TC, YT" is three
departments; "Lãnh đạo VP" is the issuer's Office. Each entry is written out
(`rewrite_recipient`) and read by the same pipeline as running text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import cache, lru_cache
from typing import Protocol

from extractors.body_names import Context, mention
from extractors.gazetteer import anchors, gazetteer
from extractors.name_cache import read
from extractors.spans import BodyMention
from pipeline.model import Document

# Recipient lines that name no body: "- Như Điều 3;", "- Lưu: VT, TH."
NOT_A_RECIPIENT = re.compile(r"^(?:Như\b|Lưu\b|Các thành viên|Đại biểu|Website|Trang)", re.I)
# A recipient line with a shared head: "Các Sở: NN&MT, TC, YT", "Văn phòng: Tỉnh ủy, UBND tỉnh".
SHARED_HEAD = re.compile(r"^(?:[Cc]ác\s+)?(Sở|Bộ|Ban|Văn phòng|VP|Phòng)\s*:\s*(.+)$")
# A trailing jurisdiction shared by a recipient line's items: "Tỉnh ủy, HĐND, UBND, UBMTTQVN tỉnh".
SHARED_LEVEL = re.compile(r"\s(tỉnh|Tỉnh|TP\.?|Tp\.?|thành phố|Thành phố|các xã, phường(?:, đặc khu)?)\s*$")
# Bare local heads that a shared trailing jurisdiction completes.
BARE_ITEM = re.compile(r"^(?:Thường trực\s+|TT\.?\s*)?(?:UBND|HĐND|UBMTTQ(?:VN)?|UB\s?MTTQ(?:VN)?|MTTQ(?:VN)?"
                       r"|Đoàn ĐBQH|UBMT TQ VN|Ủy ban nhân dân|Hội đồng nhân dân)$")

# A recipient list run into one line, its header lost: "- Chính phủ; - Ban Tổ chức
# Trung ương; ...; - Lưu: HC, PLTP."
RUN_ON_LIST = re.compile(r"(?m)^[ \t]*-[^\n]*;[ \t]*-[ \t]*Lưu[ \t]*:[^\n]*$")
# The heading of a recipient list, at the start of its line: "Nơi nhận:", "Kính gửi:".
LIST_HEADING = re.compile(r"(?m)^[ \t]*(?:Nơi nhận|Kính gửi)\s*:?")
# Both patterns open with `^` and are tried at every position of a document.
# These open with a literal, which `re` finds at C speed; the start of the
# line is checked after (`_find_lines`). Same matches, a tenth of the time.
# (One pattern per heading: `re` finds one literal fast, not an alternation.)
RUN_ON_TAIL = re.compile(r";[ \t]*-[ \t]*Lưu[ \t]*:")
HEADING_WORDS = (re.compile(r"Nơi nhận\s*:?"), re.compile(r"Kính gửi\s*:?"))
BULLET_START = re.compile(r"[ \t]*-")


def recipient_lines(doc: Document) -> tuple[tuple[int, int], ...]:
    """Return (start, end) of each entry of the document's recipient lists (`Nơi nhận`, `Kính gửi`)."""
    return _recipient_lines(doc.text)


class Covers(Protocol):
    """A test of whether an offset, or all of a stretch pos:end, lies in one of a set of spans."""

    def __call__(self, pos: int, end: int | None = None) -> bool: ...


def listed_at(doc: Document) -> Covers:
    """Return a test of whether an offset (or a stretch) lies in an entry of the document's recipient lists."""
    return covering(recipient_lines(doc))


def covering(spans: Iterable[tuple[int, int]]) -> Covers:
    """Return a test `inside(pos, end=None)`: whether `pos`, or all of pos:end, lies in one of `spans`.

    The spans merged and bisected: bodies test each of ~100 mentions against
    the recipient entries, assignments each of ~150 outline items, and a scan
    of every span for each cost more than the test is worth."""
    merged: list[list[int]] = []
    for a, b in sorted(spans):
        if a >= b:
            continue  # an empty span holds no offset
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    starts = [a for a, _ in merged]

    def inside(pos: int, end: int | None = None) -> bool:
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and pos < merged[i][1] and (end is None or end <= merged[i][1])

    return inside


# Bodies, recipients and assignments each ask for a document's lists: scan it once.
@lru_cache(maxsize=4)
def _recipient_lines(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(_find_lines(text))


def _run_on_lists(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each line `RUN_ON_LIST` matches, as its `finditer` would."""
    pos = 0
    while (m := RUN_ON_TAIL.search(text, pos)) is not None:
        # The whole line is the match when it opens with a dash.
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        end = len(text) if end == -1 else end
        if BULLET_START.match(text, start):
            yield start, end
        pos = end


def _first_heading(text: str, pos: int, ahead: list[re.Match[str] | None]) -> re.Match[str] | None:
    """Return the first match of a `HEADING_WORDS` pattern at or after `pos`.

    `ahead` keeps each pattern's next match from an earlier call, so each
    pattern scans the text once."""
    for k, pattern in enumerate(HEADING_WORDS):
        m = ahead[k]
        if m is not None and m.start() < pos:
            ahead[k] = pattern.search(text, pos)
    found = [m for m in ahead if m is not None]
    return min(found, key=lambda m: m.start()) if found else None


def _list_headings(text: str) -> Iterator[int]:
    """Yield the end of each match of `LIST_HEADING`, as its `finditer` would."""
    pos = 0
    ahead = [pattern.search(text) for pattern in HEADING_WORDS]
    while (m := _first_heading(text, pos, ahead)) is not None:
        line_start = text.rfind("\n", 0, m.start()) + 1
        # Not at the start of its line, or its line began inside the previous
        # match ("Nơi nhận:\n  Kính gửi": `\s*` ate the newline): no `^` there.
        if line_start < pos or text[line_start:m.start()].strip(" \t"):
            pos = m.start() + 1
            continue
        yield m.end()
        pos = m.end()


def _find_lines(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each recipient entry in `text`."""
    for start, end in _run_on_lists(text):
        for entry in re.finditer(r"-\s*([^;\n]+)", text[start:end]):
            yield start + entry.start(1), start + entry.end(1)
    for pos in _list_headings(text):
        # Entries follow on the same line ("Kính gửi: Sở Y tế") or on bullet lines.
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end == -1 else line_end
        if text[pos:line_end].strip(" |"):
            yield pos, line_end
        pos = line_end + 1
        while pos < len(text):
            end = text.find("\n", pos)
            end = len(text) if end == -1 else end
            line = text[pos:end].strip()
            if not line:
                pos = end + 1
                continue
            if not line.startswith(("-", "+", "•", "*")):
                break
            yield pos, end
            pos = end + 1


def _split_items(entry: str) -> list[str]:
    """Split a recipient entry on commas and semicolons, keeping "VH,TT&DL" whole."""
    protected = re.sub(r"(?<=[A-ZĐ]),(?=[A-ZĐ]{2})", "\u0000", entry)
    return [p.replace("\u0000", ",").strip() for p in re.split(r"\s*[;,]\s*", protected) if p.strip()]


# Glued forms in recipient lists: "TT.HĐNDTP" -> "TT HĐND TP", "VP. UBND" -> "VP UBND".
GLUED_DOT = re.compile(r"(?<![\w&])(TT|VP|CT|PCT|P|UB)\.\s*")
GLUED_TP = re.compile(r"(?<=[A-ZĐ]{2})(TP|TU)(?![\w&])")
# A parenthesis in a recipient line: a note to drop, or names ("(Cục V05)", "(Ban Tôn giáo)").
PAREN = re.compile(r"\(([^()]*)\)")


def _parenthesis(m: re.Match[str]) -> str:
    inner = m.group(1).strip()
    if next(anchors(inner, 0, len(inner)), None) is not None or re.search(r"(?:Thành phố|Tỉnh|tỉnh|thành phố)\s+[A-ZĐ]", inner):
        return "; " + inner + "; "
    return " "


# Abbreviations of the issuer's Office in recipient lists: "Lãnh đạo VP", "CVP, các PCVP".
OFFICE_KEYS = ("LĐVP", "Lãnh đạo VP", "Lãnh đạo Văn phòng", "CVP", "PCVP", "Các PCVP", "các PCVP")


@cache
def _abbreviations() -> re.Pattern[str]:
    """Return the regex of every recipient-list abbreviation, longest first.

    Built once: building it for each entry (escaping ~100 keys, joining them,
    looking the pattern up in `re`'s cache) took a tenth of `bodies.extract`."""
    abbreviations = gazetteer().recipient_abbreviations
    # In the order `rewrite_recipient`'s table has them, so equal lengths sort alike.
    keys = [*abbreviations, *(k for k in OFFICE_KEYS if k not in abbreviations)]
    keys.sort(key=len, reverse=True)
    return re.compile(r"(?<![\w&])(%s)(?![\w&])" % "|".join(map(re.escape, keys)))


# Memoised: entries repeat across documents ("Sở Tài chính;", "TT. HĐND tỉnh;"),
# and writing one out takes a dozen regex passes.
@lru_cache(maxsize=4096)
def rewrite_recipient(entry: str, ctx: Context) -> str:
    """Return a recipient entry with its list abbreviations written out, names split by `;`.

    "Các Sở: NN&MT, TC, YT" -> "Sở: NN&MT, Tài chính, Y tế"; "TT.TU, TT.HĐND
    tỉnh" -> "Thường trực Tỉnh ủy, Thường trực HĐND tỉnh"; "Lãnh đạo VP" -> the
    issuer's Office; "Ban Thi đua - Khen thưởng (Thành phố Hà Nội, Thành phố Hồ
    Chí Minh)" -> one name per city."""
    gaz = gazetteer()
    entry = entry.strip(" -+•*;.:")
    # "X (Thành phố A, Thành phố B)": X in each place.
    pm = re.match(r"^(.+?)\s*\(((?:\s*(?:Thành phố|Tỉnh|tỉnh|thành phố)\s+[^,;()]+,?)+)\)\s*$", entry)
    if pm:
        entry = "; ".join(pm.group(1) + " " + place.strip() for place in pm.group(2).split(",") if place.strip())
    entry = PAREN.sub(_parenthesis, entry)
    entry = GLUED_DOT.sub(lambda m: m.group(1) + " ", entry)
    entry = GLUED_TP.sub(lambda m: " " + m.group(1), entry)
    office = "Văn phòng UBND" if ctx.issuer_level else "Văn phòng " + ctx.committee
    table = dict(gaz.recipient_abbreviations)
    for key in OFFICE_KEYS:
        table[key] = office
    # "CVP, các PCVP UBND tỉnh": the Office, named once.
    entry = re.sub(r"\b(?:CVP|PCVP)\b[^;]*?\bUBND\b", "VP UBND", entry)
    m = SHARED_HEAD.match(entry)
    head = None
    if m:
        head = "Văn phòng" if m.group(1) == "VP" else m.group(1)
        entry = m.group(2)
    level_match = SHARED_LEVEL.search(entry)
    items = _split_items(entry)
    short_items = all(len(i.split()) <= 4 for i in items)
    bare = any(BARE_ITEM.match(i) for i in items[:-1])
    if head is None and not (level_match and short_items and bare and len(items) > 1):
        items = [entry]
    pattern = _abbreviations()
    out = []
    for item in items:
        if head is not None:
            short = gaz.field_short.get(head, {})
            item = short.get(item, item)
        item = pattern.sub(lambda x: table[x.group(1)], item)
        item = re.sub(r"(?<![\w&])TU(?![\w&])", ctx.committee, item)
        if head is not None and not item.lower().startswith(head.lower()):
            item = head + " " + item
        if level_match is not None and BARE_ITEM.match(item.strip()):
            item = item + " " + level_match.group(1)
        out.append(item)
    return "; ".join(out)


def recipients(doc: Document, ctx: Context) -> list[BodyMention]:
    """Return the bodies of the document's recipient lists, read with their abbreviations.

    Each entry is written out (`rewrite_recipient`) and read on its own:
    entries repeat across documents ("Thường trực Tỉnh ủy", "Sở Tài chính"),
    and `extractors.name_cache` reads each distinct one once."""
    entries = []
    for start, end in recipient_lines(doc):
        raw = doc.text[start:end]
        entry = raw.strip().lstrip("-+•* ").strip()
        if entry and not NOT_A_RECIPIENT.match(entry):
            # The mention is the entry without the spaces around it, offsets
            # included: an entry on its heading's line ("Kính gửi: Sở Y tế")
            # starts at the space after the colon.
            start += len(raw) - len(raw.lstrip())
            entries.append((start, start + len(raw.strip()), raw.strip(), rewrite_recipient(entry, ctx)))
    out = []
    for (start, end, raw, text), found in zip(entries, read([e[3] for e in entries]), strict=True):
        for a, b, parse in found:
            m = mention(parse, a, b, text[a:b], ctx, "mention", bare_issuer=True)
            if m is not None:
                out.append(replace(m, start=start, end=end, text=raw, role="recipient"))
    return out
