"""Recipient lists (`Nơi nhận`, `Kính gửi`), read with their own abbreviations.

"TT.TU, TT.HĐNDTP" in a Cần Thơ decision is the Standing Committees of the city
Party committee and People's Council; "Các Sở: NN&MT, TC, YT" is three
departments; "Lãnh đạo VP" is the issuer's Office. Each entry is written out
(`rewrite_recipient`) and read by the same pipeline as running text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import replace

from extractors.body_names import SEPARATOR, Context, find_names
from extractors.gazetteer import anchor, gazetteer
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


def recipient_lines(doc: Document) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each entry of the document's recipient lists (`Nơi nhận`, `Kính gửi`)."""
    text = doc.text
    for m in RUN_ON_LIST.finditer(text):
        for entry in re.finditer(r"-\s*([^;\n]+)", m.group(0)):
            yield m.start() + entry.start(1), m.start() + entry.end(1)
    for m in re.finditer(r"(?m)^[ \t]*(?:Nơi nhận|Kính gửi)\s*:?", text):
        pos = m.end()
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
    if anchor().search(inner) or re.search(r"(?:Thành phố|Tỉnh|tỉnh|thành phố)\s+[A-ZĐ]", inner):
        return "; " + inner + "; "
    return " "


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
    for key in ("LĐVP", "Lãnh đạo VP", "Lãnh đạo Văn phòng", "CVP", "PCVP", "Các PCVP", "các PCVP"):
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
    keys = sorted(table, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w&])(%s)(?![\w&])" % "|".join(map(re.escape, keys)))
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

    Each entry is written out (`rewrite_recipient`) and all are read in one Doc."""
    entries = []
    for start, end in recipient_lines(doc):
        raw = doc.text[start:end]
        entry = raw.strip().lstrip("-+•* ").strip()
        if entry and not NOT_A_RECIPIENT.match(entry):
            entries.append((start, end, raw.strip(), rewrite_recipient(entry, ctx)))
    if not entries:
        return []
    joined_at = []
    pos = 0
    for *_, text in entries:
        joined_at.append(pos)
        pos += len(text) + len(SEPARATOR)
    out = []
    for found in find_names(SEPARATOR.join(e[3] for e in entries), ctx, bare_issuer=True):
        start, end, raw, _ = entries[bisect.bisect_right(joined_at, found.start) - 1]
        out.append(replace(found, start=start, end=end, text=raw, role="recipient"))
    return out
