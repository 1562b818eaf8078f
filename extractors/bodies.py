"""Find the government and Party bodies a document names, under canonical names.

One pass per document: a compiled regex finds the stretches of text where a
name may begin (`extractors.gazetteer.anchor`), the spaCy pipeline of
`extractors.body_nlp` reads them (those not read before, as one Doc:
`extractors.name_cache`), and each name found is written
out in full (`extractors.body_names.compose`). The `Nơi nhận` list is read
with its own abbreviations (`extractors.recipients`). Bodies named as the
issuers of cited documents get the role `citation_issuer`, never `lead`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import cache

from extractors.body_names import Context, context, find_names, mention, unify
from extractors.gazetteer import anchors
from extractors.name_cache import read
from extractors.recipients import Covers, listed_at, recipients
from extractors.reference import load
from extractors.spans import BodyMention, Citation, Span
from pipeline.model import Document
from pipeline.normalize import fold

__all__ = ["Context", "context", "extract", "find_names"]

# A document reference before a body: "Nghị quyết số 36-NQ/TU ngày 20/01/2023
# của | Ban Thường vụ Tỉnh ủy", "Thông tư 02/2024/TT-BKHĐT ... của | Bộ Kế hoạch
# và Đầu tư". Used while found["citations"] is empty; its issuer is not an assignee.
CITED_BEFORE = re.compile(
    r"(?:Nghị quyết|Quyết định|Chỉ thị|Kết luận|Kế hoạch|Thông tư|Nghị định|Công văn|Công điện"
    r"|Hướng dẫn|Chương trình|Thông báo|Quy định|Quy chế|Luật|Pháp lệnh|Phương án|Đề án|Tờ trình"
    r"|Báo cáo|Văn bản|Lệnh|Thông tri)\b[^.;\n]{0,160}?\bcủa\s+"
    r"(?:(?:Bộ trưởng|Thủ tướng|Chủ tịch|Giám đốc|Trưởng ban|Thủ trưởng|Cục trưởng|Tổng cục trưởng"
    r"|Chánh [Vv]ăn phòng|Bí thư)(?:,\s*\w+(?:\s\w+)?)?\s+)?$"
)


# How far a name may run past the place it begins: descriptive names ("Ban
# Chỉ đạo phòng, chống tội phạm, tệ nạn xã hội ... tỉnh") run to ~130
# characters, the others to ~70.
TAIL = {"Ban": 170, "BAN": 170}
DEFAULT_TAIL = 80
SHORT_TAIL = 30
PUNCT = re.compile(r"[.;:()\[\]]")


def _windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return the stretches of text[start:end] worth reading: from each place a name may begin."""
    out: list[tuple[int, int]] = []
    # The line of the previous anchor, carried over: an anchor's line is found
    # by scanning only the text since the previous one (a paragraph holds
    # several anchors; `rfind` from each went back over the same line again).
    line_start = 0  # as `rfind(...) + 1` gives with no newline before
    line_end = -1  # the first newline at or after the previous anchor's end, or `end`
    last = start
    find, rfind, punct = text.find, text.rfind, PUNCT.search
    for m in anchors(text, start, end):
        a, z = m.span()
        if z > line_end:
            line_end = find("\n", z, end)
            line_end = end if line_end == -1 else line_end
        if out and out[-1][1] >= line_end:
            # The window already runs to the end of this anchor's line, past
            # anything the anchor could add (a stop never passes its line end).
            continue
        nl = rfind("\n", last, a)
        if nl != -1:
            line_start = nl + 1
        last = a
        reach = TAIL.get(text[a:min(a + 3, z)], DEFAULT_TAIL)
        # Stop at the first mark that ends every name (". ; : ( )") past a short
        # reach, so a window is seldom longer than the name it holds.
        far = min(line_end, z + reach)
        mark = punct(text, min(line_end, z + SHORT_TAIL), far)
        if mark is not None:
            stop = mark.start()
        else:
            # Read two words past the reach, so stop phrases ("thực hiện") are seen whole.
            nxt = find(" ", far + 1, line_end)
            stop = line_end if nxt == -1 else nxt
            nxt = find(" ", stop + 1, line_end)
            stop = line_end if nxt == -1 else nxt
        if out and a <= out[-1][1]:
            # Its window begins no later than the anchor: it joins the last one.
            if stop > out[-1][1]:
                out[-1] = (out[-1][0], stop)
            continue
        # Begin a word early: "KH-UBND" is a symbol only if "KH-" is read too.
        begin = max(line_start, rfind(" ", line_start, max(line_start, a - 1)) + 1)
        if out and begin <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], stop))
        else:
            out.append((begin, stop))
    return out


def _running_text(doc: Document, ctx: Context, stop: int,
                  listed: Covers | None = None) -> list[BodyMention]:
    """Return the bodies named in doc.text[:stop], reading only the windows that may hold one.

    `listed(start, end)` tells the stretches whose names are not wanted (the
    recipient lists, read with their own abbreviations): their windows are
    not read. A recipient list is a name a line, a seventh of the mentions."""
    text = doc.text
    windows = _windows(text, 0, stop)
    if listed is not None:
        windows = [w for w in windows if not listed(*w)]
    out: list[BodyMention] = []
    header_end = doc.body_start
    # Each window's names come from the cache when its text was read before
    # (boilerplate: a quarter of window text at 300 documents, more at scale).
    for (shift, _), found in zip(windows, read([text[a:b] for a, b in windows]), strict=True):
        for a, b, parse in found:
            start, end = a + shift, b + shift
            if _placed(text, start):
                continue
            role = "issuer" if start < header_end else "mention"
            # Headers and signatures print the issuer in capitals: "TM. ỦY BAN NHÂN DÂN".
            bare_issuer = start < header_end or text[start:end].isupper()
            m = mention(parse, start, end, text[start:end], ctx, role, bare_issuer)
            if m is not None:
                out.append(m)
    return out


@cache
def _place_before() -> re.Pattern[str]:
    words = sorted(load("bodies")["place_words_before"], key=len, reverse=True)
    return re.compile(r"(?:^|\W)(?:%s)\s+$" % "|".join(map(re.escape, words)))


@cache
def _place_words() -> tuple[str, ...]:
    return tuple(load("bodies")["place_words_before"])


def _placed(text: str, start: int) -> bool:
    """Return whether the name at `start` locates something ("Quảng trường Trung tâm Văn hóa ...")."""
    before = text[max(0, start - 20):start]
    stripped = before.rstrip()
    # `_place_before` ends with a place word and spaces: without them (nearly
    # always) no search, which tries every one of the 20 positions.
    if len(stripped) == len(before) or not stripped.endswith(_place_words()):
        return False
    return _place_before().search(text, max(0, start - 20), start) is not None


def cited_by(m: BodyMention, citations: Sequence[Citation], starts: list[int], text: str) -> bool:
    """Return whether a body is named as the issuer of a cited document.

    A citation found by `extractors.citations` covers "Nghị quyết số 36-NQ/TU"
    and names its issuer; the issuer is printed after it ("ngày ... của Ban
    Thường vụ Tỉnh ủy"). Without citations, a document reference before "của"
    tells (`CITED_BEFORE`). `starts` are the citations' start offsets, sorted."""
    i = bisect.bisect_right(starts, m.start)
    name = None
    for c in citations[max(0, i - 3):i]:
        if c.start <= m.start < c.end:
            return True
        if c.issuer and c.end <= m.start <= c.end + 160:
            name = fold(m.text) if name is None else name  # folded only when a citation is near
            if fold(c.issuer) in name or name in fold(c.issuer):
                return True
    line_start = max(0, text.rfind("\n", 0, m.start), m.start - 240)
    # `CITED_BEFORE` ends with "của": without one in reach (most mentions), no search.
    if text.find("của", line_start, m.start) == -1:
        return False
    return CITED_BEFORE.search(text, line_start, m.start) is not None


# A body handed a task by the words around it: "giao | Công an tỉnh", "Sở Y tế | chủ trì".
LEAD_BEFORE = re.compile(r"(?:[Gg]iao(?: cho)?|Đề nghị)\s*$")
LEAD_AFTER = re.compile(r"^\s*(?:\([^()]*\)\s*)?(?:có trách nhiệm\s+|tiếp tục\s+|là cơ quan\s+)?chủ trì")
PARTNER_BEFORE = re.compile(r"[Pp]hối hợp(?: với)?\s*(?:[^.;:()]{0,120},\s*|[^.;:()]{0,120}\svà\s+)?$")


# What the text before a body must end with, or hold, for LEAD_BEFORE and
# PARTNER_BEFORE to match there: tested first (C-level string methods), so
# that most mentions are not searched for either.
LEAD_BEFORE_ENDS = ("iao", "cho", "Đề nghị")
PARTNER_WORDS = "hối hợp"


def _role(m: BodyMention, text: str) -> str:
    before = text[max(0, m.start - 140):m.start]
    if (before.rstrip().endswith(LEAD_BEFORE_ENDS) and LEAD_BEFORE.search(before)) \
            or LEAD_AFTER.match(text, m.end, m.end + 60):
        return "lead"
    if PARTNER_WORDS in before and PARTNER_BEFORE.search(before):
        return "partner"
    return m.role


def extract(doc: Document, found: Mapping[str, Sequence[Span]]) -> list[BodyMention]:
    """Return every mention of a body in `doc`, with its canonical name, jurisdiction and role."""
    ctx = context(doc)
    citations = sorted((c for c in found.get("citations", []) if isinstance(c, Citation)), key=lambda c: c.start)
    starts = [c.start for c in citations]
    listed = listed_at(doc)
    mentions = []
    for m in _running_text(doc, ctx, len(doc.text), listed):
        if listed(m.start):
            continue  # read with the recipient list's own abbreviations below
        if m.role == "mention":
            role = "citation_issuer" if cited_by(m, citations, starts, doc.text) else _role(m, doc.text)
            if role != m.role:  # `replace` makes a new frozen dataclass: a third of the mentions need one
                m = replace(m, role=role)
        mentions.append(m)
    mentions.extend(recipients(doc, ctx))
    mentions.sort(key=lambda m: (m.start, m.end))
    return unify(mentions, ctx)
