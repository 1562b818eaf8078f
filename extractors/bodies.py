"""Find the government and Party bodies a document names, under canonical names.

One pass per document: a compiled regex finds the stretches of text where a
name may begin (`extractors.gazetteer.anchor`), the spaCy pipeline of
`extractors.body_nlp` reads them as one Doc, and each name found is written
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

from extractors.body_names import SEPARATOR, Context, context, find_names, mention, unify
from extractors.body_nlp import char_span, nlp
from extractors.gazetteer import anchor
from extractors.recipients import recipient_lines, recipients
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
    for m in anchor().finditer(text, start, end):
        line_start = text.rfind("\n", start, m.start()) + 1
        line_end = text.find("\n", m.end(), end)
        line_end = end if line_end == -1 else line_end
        # Begin a word early: "KH-UBND" is a symbol only if "KH-" is read too.
        begin = max(line_start, text.rfind(" ", line_start, max(line_start, m.start() - 1)) + 1)
        reach = TAIL.get(m.group()[:3], DEFAULT_TAIL)
        # Stop at the first mark that ends every name (". ; : ( )") past a short
        # reach, so a window is seldom longer than the name it holds.
        mark = PUNCT.search(text, min(line_end, m.end() + SHORT_TAIL), min(line_end, m.end() + reach))
        stop = mark.start() if mark else min(line_end, m.end() + reach)
        if mark is None:
            # Read two words past the reach, so stop phrases ("thực hiện") are seen whole.
            for _ in range(2):
                nxt = text.find(" ", stop + 1, line_end)
                stop = line_end if nxt == -1 else nxt
        if out and begin <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], stop))
        else:
            out.append((begin, stop))
    return out


def _running_text(doc: Document, ctx: Context, stop: int) -> list[BodyMention]:
    """Return the bodies named in doc.text[:stop], reading only the windows that may hold one.

    The windows are joined into one text, so spaCy makes one Doc per document."""
    text = doc.text
    windows = _windows(text, 0, stop)
    if not windows:
        return []
    pieces = []
    joined_at = []  # offset of each window in the joined text
    pos = 0
    for a, b in windows:
        joined_at.append(pos)
        pieces.append(text[a:b])
        pos += b - a + len(SEPARATOR)
    parsed = nlp()(SEPARATOR.join(pieces))
    out: list[BodyMention] = []
    header_end = doc.body_start
    for span in parsed.spans["bodies"]:
        a, b = char_span(span)
        w = bisect.bisect_right(joined_at, a) - 1
        shift = windows[w][0] - joined_at[w]
        start, end = a + shift, b + shift
        if _placed(text, start):
            continue
        role = "issuer" if start < header_end else "mention"
        # Headers and signatures print the issuer in capitals: "TM. ỦY BAN NHÂN DÂN".
        bare_issuer = start < header_end or text[start:end].isupper()
        m = mention(span._.body, start, end, text[start:end], ctx, role, bare_issuer)
        if m is not None:
            out.append(m)
    return out


@cache
def _place_before() -> re.Pattern[str]:
    words = sorted(load("bodies")["place_words_before"], key=len, reverse=True)
    return re.compile(r"(?:^|\W)(?:%s)\s+$" % "|".join(map(re.escape, words)))


def _placed(text: str, start: int) -> bool:
    """Return whether the name at `start` locates something ("Quảng trường Trung tâm Văn hóa ...")."""
    return _place_before().search(text, max(0, start - 20), start) is not None


def cited_by(m: BodyMention, citations: Sequence[Citation], starts: list[int], text: str) -> bool:
    """Return whether a body is named as the issuer of a cited document.

    A citation found by `extractors.citations` covers "Nghị quyết số 36-NQ/TU"
    and names its issuer; the issuer is printed after it ("ngày ... của Ban
    Thường vụ Tỉnh ủy"). Without citations, a document reference before "của"
    tells (`CITED_BEFORE`). `starts` are the citations' start offsets, sorted."""
    name = fold(m.text)
    i = bisect.bisect_right(starts, m.start)
    for c in citations[max(0, i - 3):i]:
        if c.start <= m.start < c.end:
            return True
        if c.issuer and c.end <= m.start <= c.end + 160 and (fold(c.issuer) in name or name in fold(c.issuer)):
            return True
    line_start = max(text.rfind("\n", 0, m.start), m.start - 240)
    return CITED_BEFORE.search(text, max(0, line_start), m.start) is not None


# A body handed a task by the words around it: "giao | Công an tỉnh", "Sở Y tế | chủ trì".
LEAD_BEFORE = re.compile(r"(?:[Gg]iao(?: cho)?|Đề nghị)\s*$")
LEAD_AFTER = re.compile(r"^\s*(?:\([^()]*\)\s*)?(?:có trách nhiệm\s+|tiếp tục\s+|là cơ quan\s+)?chủ trì")
PARTNER_BEFORE = re.compile(r"[Pp]hối hợp(?: với)?\s*(?:[^.;:()]{0,120},\s*|[^.;:()]{0,120}\svà\s+)?$")


def _role(m: BodyMention, text: str) -> str:
    before = text[max(0, m.start - 140):m.start]
    if LEAD_BEFORE.search(before) or LEAD_AFTER.match(text, m.end, m.end + 60):
        return "lead"
    if PARTNER_BEFORE.search(before):
        return "partner"
    return m.role


def extract(doc: Document, found: Mapping[str, Sequence[Span]]) -> list[BodyMention]:
    """Return every mention of a body in `doc`, with its canonical name, jurisdiction and role."""
    ctx = context(doc)
    citations = sorted((c for c in found.get("citations", []) if isinstance(c, Citation)), key=lambda c: c.start)
    starts = [c.start for c in citations]
    listed = list(recipient_lines(doc))
    mentions = []
    for m in _running_text(doc, ctx, len(doc.text)):
        if any(a <= m.start < b for a, b in listed):
            continue  # read with the recipient list's own abbreviations below
        if m.role == "mention":
            role = "citation_issuer" if cited_by(m, citations, starts, doc.text) else _role(m, doc.text)
            m = replace(m, role=role)
        mentions.append(m)
    mentions.extend(recipients(doc, ctx))
    mentions.sort(key=lambda m: (m.start, m.end))
    return unify(mentions, ctx)
