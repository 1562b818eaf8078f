"""Rows of task tables with a `Cơ quan chủ trì` column, flattened or not.

Gazette text and Markdown converted from Word print a table one cell per
line: "TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian",
then "1", "Phối hợp rà soát ...", "Sở Tài chính", "Các sở, ngành, UBND xã,
phường", "Quý IV/2025" ... Cells may be missing (merged cells print once), so
a row is read by what its cells hold, in the order the header gives: a task,
then the cell of bodies that leads it, then the cell of bodies that partner.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from extractors.spans import Assignment, BodyMention, DateMention
from pipeline.model import Document
from pipeline.normalize import fold

# Header cells, folded: "Cơ quan chủ trì", "Đơn vị chủ trì thực hiện", "Chủ trì".
LEAD_HEADER = re.compile(r"^(?:cơ quan|đơn vị|cơ quan, đơn vị|cơ quan/đơn vị)?\s*chủ trì(?: thực hiện| xây dựng)?$")
PARTNER_HEADER = re.compile(r"phối hợp")
# What every lead header holds, lower-cased ("Chủ trì", "CHỦ TRÌ").
LEAD_WORDS = "hủ trì"
TASK_HEADER = re.compile(r"nhiệm vụ|nội dung|công việc|hoạt động|đề án|giải pháp|tên")
# A row number: "1", "2.3", "II", "a".
INDEX = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[IVXLC]+\.?|[a-zđ][.)]?)$")
ROMAN = re.compile(r"^[IVXLC]+\.?$")
# A time cell: "Quý IV/2025", "Năm 2025 - 2026", "Tháng 12/2025", "Thường xuyên".
WHEN = re.compile(r"^(?:[Qq]uý|[Nn]ăm|[Tt]háng|[Tt]rước|[Hh]ằng|[Hh]àng|[Tt]hường xuyên|[Đđ]ịnh kỳ|\d{1,2}/\d{1,2}/\d{4}"
                  r"|\d{1,2}/\d{4}|\d{4}|[Gg]iai đoạn|[Từ]ừ)")
WHEN_VALUE = re.compile(r"(?:(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})|[Tt]háng\s+(?P<mm>\d{1,2})/(?P<my>\d{4})"
                        r"|[Qq]uý\s+(?P<q>IV|I{1,3})/(?P<qy>\d{4})|[Nn]ăm\s+(?P<yy>\d{4})(?!\s*[-–]))")
QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4}
# Where a table stops: a numbered heading, "Nơi nhận", a signature.
TABLE_END = re.compile(r"^(?:Nơi nhận|Điều \d+|Chương [IVXLC]+|[IVXLC]+\.\s+[A-ZĐ]|TM\.|KT\.)")


@dataclass(frozen=True)
class Cell:
    """One cell of a flattened table."""

    start: int
    end: int
    text: str


def cells(doc: Document) -> list[Cell]:
    """Return the body's short paragraphs as cells; a "a | b | c" line gives one cell each."""
    out = []
    for para in doc.paragraphs:
        if para.end <= doc.body_start:
            continue
        text = doc.text[para.start:para.end]
        if text.count("|") >= 2:
            pos = para.start
            for piece in text.split("|"):
                stripped = piece.strip(" *")
                if stripped:
                    offset = doc.text.index(stripped, pos)
                    out.append(Cell(offset, offset + len(stripped), stripped))
                pos += len(piece) + 1
        else:
            stripped = text.strip(" *")
            if stripped:
                offset = doc.text.index(stripped, para.start)
                out.append(Cell(offset, offset + len(stripped), stripped))
    return out


def _covered(cell: Cell, mentions: Sequence[BodyMention], starts: list[int]) -> list[BodyMention]:
    i = bisect.bisect_left(starts, cell.start)
    out = []
    while i < len(mentions) and mentions[i].start < cell.end:
        out.append(mentions[i])
        i += 1
    return out


def _when(text: str) -> str | None:
    m = WHEN_VALUE.search(text)
    if m is None:
        return None
    if m.group("y"):
        return "%s-%02d-%02d" % (m.group("y"), int(m.group("m")), int(m.group("d")))
    if m.group("my"):
        return "%s-%02d" % (m.group("my"), int(m.group("mm")))
    if m.group("qy"):
        return "%s-Q%d" % (m.group("qy"), QUARTERS[m.group("q")])
    return m.group("yy")


def _is_lead_header(text: str) -> bool:
    return len(text) < 50 and LEAD_WORDS in text.lower() and LEAD_HEADER.match(fold(text)) is not None


def _tables(all_cells: list[Cell]) -> Iterator[tuple[list[str], int, int]]:
    """Yield (header labels, first row cell index, end cell index) of each task table."""
    i = 0
    n = len(all_cells)
    while i < n:
        if not _is_lead_header(all_cells[i].text):
            i += 1
            continue
        first = i
        while first > 0 and i - first < 6 and len(all_cells[first - 1].text) < 40 \
                and not INDEX.match(all_cells[first - 1].text):
            first -= 1
        last = i + 1
        while last < n and last - i < 8 and len(all_cells[last].text) < 60 and not INDEX.match(all_cells[last].text):
            last += 1
        header = [fold(c.text) for c in all_cells[first:last]]
        end = last
        while end < n and not TABLE_END.match(all_cells[end].text) and not _is_lead_header(all_cells[end].text):
            end += 1
        yield header, last, end
        i = end


def _may_have_table(doc: Document) -> bool:
    """Return whether a cell of `doc` may be a lead header: short, with "chủ trì" in it.

    The first two tests of `_is_lead_header`, made on the few places the
    words are printed rather than on every cell: most documents have no task
    table, and cutting every paragraph into cells took a fifth of the time of
    assignments."""
    text = doc.text
    lowered = text.lower()
    if len(lowered) != len(text):
        return True  # a character lowered to two: offsets differ, read every cell
    hits = []
    at = lowered.find(LEAD_WORDS)
    while at != -1:
        hits.append(at)
        at = lowered.find(LEAD_WORDS, at + 1)
    if not hits:
        return False
    for para in doc.paragraphs:
        i = bisect.bisect_left(hits, para.start)
        while i < len(hits) and hits[i] + len(LEAD_WORDS) <= para.end:
            at = hits[i]
            start, end = para.start, para.end
            if text.count("|", start, end) >= 2:
                # A "a | b | c" line: the cell is the piece between bars (`cells`).
                bar = text.rfind("|", start, at)
                start = start if bar == -1 else bar + 1
                bar = text.find("|", at, end)
                end = end if bar == -1 else bar
            if len(text[start:end].strip(" *")) < 50:
                return True
            i += 1
    return False


def table_assignments(doc: Document, mentions: Sequence[BodyMention],
                      dates: Sequence[DateMention]) -> list[Assignment]:
    """Return one assignment per lead of each row of each task table in `doc`."""
    if not _may_have_table(doc):
        return []
    all_cells = cells(doc)
    mentions = sorted(mentions, key=lambda m: m.start)
    starts = [m.start for m in mentions]
    out: list[Assignment] = []
    for header, first, end in _tables(all_cells):
        lead_col = next(k for k, h in enumerate(header) if LEAD_HEADER.match(h))
        task_col = next((k for k, h in enumerate(header) if TASK_HEADER.search(h) and k != lead_col), 0)
        lead_first = lead_col < task_col
        kinds = []
        for cell in all_cells[first:end]:
            found = _covered(cell, mentions, starts)
            # Letters counted by `map` (C), not a generator (a Python step per character).
            letters = sum(map(str.isalpha, cell.text)) or 1
            covered = sum(sum(map(str.isalpha, m.text)) for m in found)
            if INDEX.match(cell.text):
                kinds.append(("I", cell, found))
            elif found and covered / letters >= 0.5:
                kinds.append(("B", cell, found))
            elif WHEN.match(cell.text) and len(cell.text) < 60:
                kinds.append(("D", cell, found))
            elif re.match(r"(?i)^(?:các|sở|ban|ngành|cơ quan|đơn vị)\b", cell.text) and len(cell.text) < 120:
                kinds.append(("G", cell, found))  # a generic group: "Các sở, ngành liên quan"
            else:
                kinds.append(("T", cell, found))
        for k, (kind, cell, _found) in enumerate(kinds):
            if kind != "T" or (k > 0 and kinds[k - 1][0] == "I" and ROMAN.match(kinds[k - 1][1].text)):
                continue  # a roman row is a group title, not a task
            lead_at = k - 1 if lead_first else k + 1
            if not 0 <= lead_at < len(kinds) or kinds[lead_at][0] != "B":
                continue
            leads = kinds[lead_at][2]
            partner_at = lead_at + 1
            partners: list[BodyMention] = []
            if partner_at < len(kinds) and partner_at != k and kinds[partner_at][0] in ("B", "G"):
                partners = list(kinds[partner_at][2])
            when = next((c for kd, c, _ in kinds[k + 1:k + 5] if kd == "D"), None)
            deadline = None
            if when is not None:
                deadline = next((d.value for d in dates if when.start <= d.start < when.end), None) or _when(when.text)
            task = " ".join(cell.text.split())
            for lead in leads:
                out.append(Assignment(
                    cell.start, cell.end, cell.text, lead=replace(lead, role="lead"),
                    partners=tuple(replace(p, role="partner") for p in partners if p.name != lead.name),
                    task=task, deadline=deadline))
    return out
