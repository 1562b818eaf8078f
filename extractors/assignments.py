"""Find who must do what: tasks handed to a leading body, with its partners and deadline.

Four ways a directive hands out a task (gold/SCHEMA.md, `assignments`):

- `X chủ trì, phối hợp với Y, Z ...` (`explicit`): X leads, Y and Z partner;
- `giao X ...` (`explicit`): X leads ("giao X chủ trì ..." is one hand-out);
- an item of a "Tổ chức thực hiện"-style section headed by a body (`items`):
  each `Chủ trì ...` bullet under it counts once, or the item once when it
  has none; in an article ("Điều 6. Tổ chức thực hiện") a clause that opens
  with a body counts too;
- a row of a task table with a `Cơ quan chủ trì` column (`extractors.task_tables`).

Several joint leads give one assignment each; a class of bodies may lead; a
generic group ("các sở, ban, ngành") names no body and gives nothing. A report
of work done ("đã chủ trì"), chairing a meeting ("chủ trì hội nghị") and the
issuers of cited documents give nothing.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace

from extractors.outline import Item, item_end, outline, task_sections
from extractors.recipients import covering, listed_at
from extractors.spans import Assignment, BodyMention, Citation, DateMention, Span
from extractors.task_tables import table_assignments
from pipeline.model import Document

# The verb of leading: "Sở Tài chính chủ trì", "Chủ trì, phối hợp với ...".
# (The look-behinds of CHU_TRI and GIAO follow the first letter, "[Cc](?<!\w[Cc])"
# for "(?<!\w)[Cc]": the same test, but a pattern opening with a letter class is
# scanned for at C speed, one opening with a look-behind is tried at every
# position. A fifth of the time over a document.)
CHU_TRI = re.compile(r"[Cc](?<!\w[Cc])hủ trì(?!\w)")
# Chairing a meeting is not leading a task: "chủ trì hội nghị", "Chủ trì cuộc họp: Đ/c ...".
MEETING = re.compile(r"\s*(?:các\s+|việc\s+)?(?:cuộc họp|hội nghị|họp|phiên họp|buổi|cuộc|hội thảo|đối thoại"
                     r"|tọa đàm|toạ đàm|lễ|kỳ họp|giao ban|tiếp công dân|hoặc tham gia)(?!\w)", re.I)
# Handing out: "giao Công an tỉnh ...", "Giao cho Sở Y tế ...". Not "được giao",
# "bàn giao", "chuyển giao", and not "đã giao" (a report of work done).
GIAO = re.compile(r"[Gg](?<!\w[Gg])(?<!được [Gg])(?<!bàn [Gg])(?<!chuyển [Gg])(?<!đã [Gg])(?<!Đã [Gg])iao"
                  r"(?:\s+cho)?\s+")
# "giao" of an allocation, not a task: "dự toán giao cho Sở Y tế hàng năm", "chỉ tiêu giao cho".
ALLOCATED = re.compile(r"(?:dự toán|kinh phí|chỉ tiêu|biên chế|ngân sách|vốn|đất|tài sản|số lượng)\s+(?:được\s+)?$")
# What may sit between a lead and its "chủ trì": "Công an tỉnh (Cơ quan thường
# trực ...) chủ trì", "Sở Công Thương có trách nhiệm chủ trì". Not "đã".
SUBJECT_GAP = re.compile(r"[ \t]*(?:\([^()\n]*\)[ \t]*)?,?[ \t]*(?:(?:có trách nhiệm|tiếp tục|là cơ quan(?: thường trực"
                         r"| đầu mối)?|trực tiếp|làm đầu mối)[ \t]*,?[ \t]*)?")
# Between the names of a list: "Sở Y tế, Sở Giáo dục và Đào tạo và Công an tỉnh".
LIST_GAP = re.compile(r"[ \t]*(?:[,;/]|và|,[ \t]*và|\(|\)|\)[ \t]*,|\)[ \t]*và)?[ \t]*")
# A generic group inside a list of partners: "phối hợp với các sở, ngành, UBND cấp huyện".
GENERIC_GAP = re.compile(
    r"(?:[ \t,;()]*(?:và\s+)?(?:các\s+|những\s+)?(?:sở|ban|ngành|bộ|cơ quan|đơn vị|địa phương|tổ chức|doanh nghiệp"
    r"|đoàn thể|lực lượng|chính quyền địa phương)(?:[ \t,]+(?:ngang bộ|thuộc Chính phủ|trung ương|chuyên môn"
    r"|chức năng|có liên quan|liên quan|cấp tỉnh|cấp huyện|cấp xã|thành viên|chính trị - xã hội))*"
    r"[ \t]*(?:,|[ \t]và[ \t]|;))+[ \t]*")
# A partner that begins a hand-out of its own: "phối hợp Sở Nội vụ, | UBND cấp huyện phối hợp ...".
OWN_CLAUSE = re.compile(r"[ \t]*(?:phối hợp|chủ trì)\b")
# Where partners begin: "chủ trì, phối hợp với", "phối hợp chặt chẽ với".
PARTNERS = re.compile(r"[^.;:\n]{0,60}?(?<!\w)[Pp]hối hợp(?:\s+chặt chẽ)?(?:\s+với)?\s+")
# What may precede the bodies of an item's heading: "Đề nghị các doanh nghiệp viễn thông (VNPT, ...):".
HEAD_OPENER = re.compile(r"(?:(?:các|những)\s+[^.;:()]{0,40}\(\s*)?")
# A passive or reported subject: "do Sở X chủ trì", "được Sở X chủ trì".
PASSIVE = re.compile(r"(?:\bdo|\bđược|\bđã)\s*$")
# "Chủ trì" opening a clause, its subject the body the item is about:
# "- Chủ trì, phối hợp ...", "a) Chủ trì triển khai ...", "...; chủ trì vận động ...".
IMPLICIT = re.compile(r"(?:^|[.;:]\s+|\n)\s*(?:(?:[-+•*–]|[a-zđ]\)|\d+(?:\.\d+)*[.)])\s*)?"
                      r"(?:(?:Tiếp tục|tiếp tục|Trực tiếp|trực tiếp|Là cơ quan[^,;.]{0,60},)\s*)?([Cc]hủ trì)(?!\w)")
# Words before the body list of an item's heading: "Đề nghị Ủy ban MTTQ ...:", "Trách nhiệm của Sở Nội vụ".
HEAD_PREFIX = re.compile(r"\s*(?:Đề nghị|đề nghị|Giao|giao|Trách nhiệm(?: của)?|Nhiệm vụ(?: của)?|Đối với)\s+")
# An execution clause: "... chịu trách nhiệm thi hành Quyết định này", "... căn cứ Quyết định thi hành".
EXECUTES = re.compile(r"(?:chịu trách nhiệm|có trách nhiệm|căn cứ [^.;]{0,30})\s*(?:tổ chức\s+)?thi hành\b")
# A generic group in an item's heading: then a class of bodies there is not its lead.
GENERIC = re.compile(r"(?<!\w)(?:[Cc]ác|[Cc]ơ quan|[Đđ]ơn vị)\s+(?:sở|Sở|ban|ngành|cơ quan|đơn vị|tổ chức|địa phương"
                     r"|doanh nghiệp|đoàn thể|bộ|Bộ)(?!\w)")
# How a deadline is printed after the task: "trước ngày 15/02/2024", "hoàn thành trong Quý II/2024".
DEADLINE = re.compile(r"(?:trước|chậm nhất|hoàn thành(?: trước| trong)?|trong)\s+(?:ngày\s+)?"
                      r"(?:(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})|tháng\s+(?P<mm>\d{1,2})[/.-](?P<my>\d{4})"
                      r"|[Qq]uý\s+(?P<q>IV|I{1,3})[/.-](?P<qy>\d{4}))")
QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4}
TASK_MAX = 400
# The end of a clause: a sentence's end, a semicolon, a line's end.
CLAUSE_END = re.compile(r"[.;](?:\s|$)|\n")


class _Text:
    """The document's text and its running-text body mentions, indexed for lookups."""

    def __init__(self, doc: Document, mentions: Sequence[BodyMention], citations: Sequence[Span]) -> None:
        self.doc = doc
        self.text = doc.text
        self.mentions = sorted((m for m in mentions if m.role != "recipient"), key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.ends = [m.end for m in self.mentions]
        self.citations = citations
        self.in_citation = covering((c.start, c.end) for c in citations)

    def at(self, pos: int) -> BodyMention | None:
        """Return the mention starting at `pos`."""
        i = bisect.bisect_left(self.starts, pos)
        return self.mentions[i] if i < len(self.mentions) and self.starts[i] == pos else None

    def starts_in(self, start: int, end: int) -> bool:
        """Return whether a mention starts in [start, end] (`end` included)."""
        i = bisect.bisect_left(self.starts, start)
        return i < len(self.starts) and self.starts[i] <= end

    def after(self, pos: int, limit: int) -> BodyMention | None:
        i = bisect.bisect_left(self.starts, pos)
        return self.mentions[i] if i < len(self.mentions) and self.starts[i] < limit else None

    def before(self, pos: int) -> BodyMention | None:
        """Return the last mention ending at or before `pos`."""
        i = bisect.bisect_right(self.ends, pos) - 1
        return self.mentions[i] if i >= 0 else None

    def within(self, start: int, end: int) -> list[BodyMention]:
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def quoted(self, pos: int) -> bool:
        """Whether `pos` lies in a cited document's title or the quoted annex."""
        if self.doc.annex_start is not None and pos >= self.doc.annex_start:
            return True
        return self.in_citation(pos)

    def leads_before(self, pos: int) -> list[BodyMention]:
        """Return the list of bodies printed right before `pos` ("Sở A và Sở B | chủ trì")."""
        last = self.before(pos)
        if last is None or SUBJECT_GAP.fullmatch(self.text, last.end, pos) is None:
            return []
        leads = [last]
        while True:
            prev = self.before(leads[0].start)
            if prev is None or prev is leads[0] or LIST_GAP.fullmatch(self.text, prev.end, leads[0].start) is None:
                break
            leads.insert(0, prev)
        if PASSIVE.search(self.text, max(0, leads[0].start - 8), leads[0].start):
            return []
        return [m for m in leads if m.role != "citation_issuer"]

    def list_at(self, pos: int, limit: int) -> list[BodyMention]:
        """Return the list of bodies starting at `pos` ("giao | Sở A, Sở B ...")."""
        first = self.at(pos)
        if first is None:
            return []
        out = [first]
        while True:
            nxt = self.after(out[-1].end, limit)
            if nxt is None or LIST_GAP.fullmatch(self.text, out[-1].end, nxt.start) is None:
                return out
            out.append(nxt)

    def partners_after(self, pos: int, limit: int) -> list[BodyMention]:
        """Return the partners named after `pos`: "..., phối hợp với Y, Z và các đơn vị liên quan"."""
        m = PARTNERS.match(self.text, pos, limit)
        if m is None:
            return []
        at = m.end()
        out: list[BodyMention] = []
        while True:
            nxt = self.after(at, limit)
            if nxt is None:
                return out
            gap_ok = LIST_GAP.fullmatch(self.text, at, nxt.start) or GENERIC_GAP.fullmatch(self.text, at, nxt.start)
            if not gap_ok or (out and OWN_CLAUSE.match(self.text, nxt.end)):
                return out
            out.append(nxt)
            at = nxt.end

    def clause_end(self, pos: int, limit: int | None = None) -> int:
        """Return where the clause starting at `pos` ends (sentence end, semicolon, line end)."""
        limit = len(self.text) if limit is None else limit
        m = CLAUSE_END.search(self.text, pos, limit)
        return m.start() if m else limit


def deadline(text: str, task: str, start: int, end: int, dates: Sequence[DateMention]) -> str | None:
    """Return the deadline stated for a task: a found date with role `deadline`, else one after "trước"."""
    for d in dates:
        if start <= d.start < end and d.role == "deadline":
            return d.value
    m = DEADLINE.search(task)
    if m is None:
        return None
    if m.group("y"):
        return "%s-%02d-%02d" % (m.group("y"), int(m.group("m")), int(m.group("d")))
    if m.group("my"):
        return "%s-%02d" % (m.group("my"), int(m.group("mm")))
    return "%s-Q%d" % (m.group("qy"), QUARTERS[m.group("q")])


def _assignment(t: _Text, lead: BodyMention, partners: Sequence[BodyMention], start: int, task_start: int,
                task_end: int, dates: Sequence[DateMention]) -> Assignment:
    task_end = min(task_end, task_start + TASK_MAX)
    task = " ".join(t.text[task_start:task_end].split()).strip(" ,:-./")
    named = {lead.name}
    unique = []
    for p in partners:
        if p.name not in named:
            named.add(p.name)
            unique.append(replace(p, role="partner"))
    return Assignment(
        start, task_end, t.text[start:task_end],
        lead=replace(lead, role="lead"),
        partners=tuple(unique),
        task=task, deadline=deadline(t.text, task, task_start, task_end, dates),
    )


def matches(pattern: re.Pattern[str], literal: str, text: str, start: int) -> Iterator[re.Match[str]]:
    """Yield the matches of `pattern` in text[start:], as its `finditer` would, found by `literal`.

    Every match of GIAO holds "iao" and every match of CHU_TRI "hủ trì", one
    character in: `str.find` goes from one to the next at C speed, where `re`
    tries the pattern at every "c" or "g", among the commonest letters of the
    language (two thirds of the time of `explicit`)."""
    pos = start  # matches do not overlap: the next begins at or after the last's end
    at = text.find(literal, start + 1)
    while at != -1:
        m = pattern.match(text, at - 1) if at - 1 >= pos else None
        if m is not None:
            yield m
            pos = m.end()
        at = text.find(literal, at + 1)


def explicit(t: _Text, dates: Sequence[DateMention]) -> tuple[list[Assignment], set[int]]:
    """Return the `giao X` and `X chủ trì` hand-outs, and the offsets of the "chủ trì" they used."""
    out: list[Assignment] = []
    used: set[int] = set()
    text = t.text
    for g in matches(GIAO, "iao", text, t.doc.body_start):
        if t.quoted(g.start()) or ALLOCATED.search(text, max(0, g.start() - 30), g.start()):
            continue
        end = t.clause_end(g.end())
        leads = [m for m in t.list_at(g.end(), end) if m.role != "citation_issuer"]
        if not leads:
            continue  # "giao các sở, ngành ...": a generic group
        after = leads[-1].end
        gap = SUBJECT_GAP.match(text, after)  # always matches: every part is optional
        c = CHU_TRI.match(text, gap.end() if gap else after)
        if c is not None:
            used.add(c.start())
            after = c.end()
        partners = t.partners_after(after, end)
        for lead in leads:
            out.append(_assignment(t, lead, partners, g.start(), after, end, dates))
    for c in matches(CHU_TRI, "hủ trì", text, t.doc.body_start):
        if c.start() in used or t.quoted(c.start()) or MEETING.match(text, c.end()):
            continue
        leads = t.leads_before(c.start())
        if not leads:
            continue
        used.add(c.start())
        end = t.clause_end(c.end())
        partners = t.partners_after(c.end(), end)
        for lead in leads:
            out.append(_assignment(t, lead, partners, lead.start, c.end(), end, dates))
    return out, used


def _heading_leads(t: _Text, item: Item, legal: bool) -> tuple[list[BodyMention], int]:
    """Return the bodies an item is about and where its heading ends.

    The bodies are its heading ("2. Sở Y tế:", "3. Đề nghị Ủy ban MTTQ Việt Nam
    thành phố") or, in an article, the subject of its first sentence."""
    text = t.text
    if item.depth == 9:
        return [], 0  # an unnumbered line: a signature, a table cell, running text
    if not t.starts_in(item.text_start, item.end):
        return [], 0  # no body named in it: most items, told by a bisect
    seg = item.text_start
    prefix = HEAD_PREFIX.match(text, seg, item.end)
    if prefix is not None:
        seg = prefix.end()
    colon = text.find(":", seg, min(item.end, seg + 250))
    short = item.end - seg <= 120 and len(text[seg:item.end].split()) <= 16
    if colon != -1 or short:
        head_end = colon if colon != -1 else item.end
        mentions = [m for m in t.within(seg, head_end) if m.role != "citation_issuer"]
        if mentions and HEAD_OPENER.fullmatch(text, seg, mentions[0].start):
            heading = text[seg:head_end]
            if GENERIC.search(heading):
                mentions = [m for m in mentions if m.kind == "body"]
            if not CHU_TRI.search(heading):
                # The task follows the colon, or the heading's line when it has none.
                return mentions, (head_end + 1 if colon != -1 else item.end)
    if legal and item.depth in (3, 4) and not EXECUTES.search(text, seg, item.end):
        leads = [m for m in t.list_at(seg, item.end) if m.role != "citation_issuer"]
        return leads, (leads[-1].end if leads else 0)
    return [], 0


def items(t: _Text, dates: Sequence[DateMention], done: list[Assignment], used: set[int]) -> list[Assignment]:
    """Return the hand-outs of items headed by a body: their `Chủ trì` bullets, else the item itself."""
    doc = t.doc
    outline_items = outline(doc)
    sections = task_sections(doc, outline_items)
    limit = doc.annex_start if doc.annex_start is not None else len(doc.text)
    # Recipient lists, even where the layout did not mark them ("- Chính phủ; ... - Lưu: HC.").
    listed = listed_at(doc)
    out: list[Assignment] = []
    for i, item in enumerate(outline_items):
        # Cheapest first: most items are unnumbered or name no body, and
        # `_heading_leads` gives them nothing (it tests both again).
        if item.depth == 9 or not t.starts_in(item.text_start, item.end):
            continue
        if item.start >= limit or item.kind in ("recipients", "signature") or listed(item.text_start):
            continue
        # The innermost section holding the item: "Điều 6. Tổ chức thực hiện" inside "Chương III".
        section = max((s for s in sections if s[0] < item.start < s[1]), default=None,
                      key=lambda s: s[0]) if sections else None
        leads, task_from = _heading_leads(t, item, bool(section and section[2]))
        if not leads:
            continue
        end = item_end(outline_items, i, min(limit, section[1]) if section else limit)
        bullets = []
        for m in IMPLICIT.finditer(t.text, item.text_start, end):
            c = m.start(1)
            if c in used or MEETING.match(t.text, m.end(1)) or t.leads_before(c):
                continue
            used.add(c)
            bullets.append(m)
        for m in bullets:
            clause_end = t.clause_end(m.end(1), end)
            partners = t.partners_after(m.end(1), clause_end)
            if not partners and len(bullets) == 1:
                partners = _item_partners(t, item.text_start, end)
            for lead in leads:
                out.append(_assignment(t, lead, partners, m.start(1), m.end(1), clause_end, dates))
        if bullets or section is None:
            continue
        # An item that hands out its task in its own words ("Sở A chủ trì, phối
        # hợp với Sở B") counts through those words only.
        if any(item.start <= a.start < end for a in done + out):
            continue
        for lead in leads:
            partners = _item_partners(t, item.text_start, end)
            out.append(_assignment(t, lead, partners, item.start, min(task_from, end), end, dates))
    return out


def _item_partners(t: _Text, start: int, end: int) -> list[BodyMention]:
    out: list[BodyMention] = []
    for m in re.finditer(r"(?<!\w)[Pp]hối hợp", t.text[start:end]):
        for p in t.partners_after(start + m.start(), end):
            if p not in out:
                out.append(p)
    return out


def extract(doc: Document, found: Mapping[str, Sequence[Span]]) -> list[Assignment]:
    """Return every hand-out of a task to a leading body in `doc`, in text order."""
    mentions = [b for b in found.get("bodies", []) if isinstance(b, BodyMention)]
    citations = [c for c in found.get("citations", []) if isinstance(c, Citation)]
    dates = [d for d in found.get("dates", []) if isinstance(d, DateMention)]
    t = _Text(doc, mentions, citations)
    out, used = explicit(t, dates)
    out += items(t, dates, out, used)
    out += table_assignments(doc, t.mentions, dates)
    return sorted(out, key=lambda a: (a.start, a.lead.start))
