"""Find documents cited without a number: laws by name, and plans or programmes by issuer and subject.

"Luật Cư trú năm 2020", "Bộ luật Hình sự", "Hiến pháp năm 2013",
"Chương trình của Bộ Công an về công tác trọng tâm ... năm 2024",
"Kế hoạch dự trữ hàng hóa phòng, chống thiên tai năm 2025 của Sở Công Thương",
"Nghị quyết Hội nghị Trung ương 9 khóa XI". Each finder starts from literals that
one scan of the text finds for all of them (`literal_matches`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from functools import cache, lru_cache

from extractors.datetext import DATE_AFTER, YEAR_AFTER, iso
from extractors.reference import doc_types, load
from extractors.spans import Citation, Spans
from pipeline.model import Document
from pipeline.normalize import fold, fold_tones

# "Luật ..." but not "Luật sư" (a lawyer), "Luật này" (a law citing itself),
# "Luật số 97/2025/QH15" (numbered: a full citation) or "pháp luật" (law in general).
LAW = re.compile(
    r"(?<![\w])(?P<type>Bộ\s+luật|Luật|Hiến\s+pháp|Pháp\s+lệnh)"
    r"(?!\s+(?:số|sư|gia|này|định|hiện\s+hành|và\s+các)\b)(?=\s|$)"
)
LAW_ANCHORS = ("Luật", "Bộ luật", "Hiến pháp", "Pháp lệnh")
# Where an unknown law's name stops: a word that cannot belong to a name, a
# date, punctuation. A comma ends it too unless a known name says otherwise.
LAW_END = re.compile(
    r"\s+(?:(?:năm|ngày|số|được|đã|đang|quy\s+định|hiện\s+hành|thì|để|nhằm|theo|tại|trong|đối\s+với|"
    r"có\s+hiệu\s+lực|và\s+các|hướng\s+dẫn|về|của|cũng|là|như|khi|bao\s+gồm|gồm|trước|sau|nếu|mà|"
    r"có|không|phải|sẽ|với|đến|từ|cho|do|bởi|này|đó|thuộc|nêu|trên|dưới)(?!\w)"
    r"|(?:và|hoặc)\s+(?=(?:Luật|Bộ\s+luật|Nghị|Thông|Quyết|Chỉ|Pháp|Hiến|văn|các)\b|[a-zđà-ỹ]))"
    r"|,|[;:.()“”\"\n]|\s+-\s"
)
# "Luật sửa đổi, bổ sung một số điều của Luật A và Luật B": the name runs through both.
AMENDING_LAW = re.compile(r"\s+sửa\s+đổi,?\s+bổ\s+sung\b", re.I)
LONGER_NAME = re.compile(r"\s+và\s+(?!(?:Luật|Bộ|Nghị|Thông|Quyết|Chỉ|Pháp|Hiến)\b)[A-ZĐ]")
AMENDING_END = re.compile(r"\s+(?:năm|ngày)\b|\s+số\s+\d|[;:.()\n]")

NAMED_TYPES = ("Chỉ thị", "Nghị quyết", "Kết luận", "Kế hoạch", "Chương trình", "Đề án", "Quyết định",
               "Hướng dẫn", "Quy định", "Quy chế", "Chiến lược", "Quy hoạch", "Phương án", "Công điện",
               "Thông báo")
# "<Type> [title] [năm YYYY] của <Body> [về <subject>]": a specific document
# named by its issuer. The body must start with a kind of body in capitals.
NAMED_OF = re.compile(
    r"(?P<type>%s)(?!\s+này\b)(?P<title>\s+[a-zđà-ỹ][^;:.()\n]{3,120}?)?(?:\s+năm\s+(?P<year>(?:19|20)\d{2}))?"
    r"\s+của\s+(?P<issuer>(?:Bộ|Ban|Sở|Ủy\s+ban|UBND|Thủ\s+tướng|Chính\s+phủ|Tỉnh\s+ủy|Thành\s+ủy|"
    r"Công\s+an|Cục|Tổng\s+cục|Văn\s+phòng|Hội\s+đồng|HĐND|Quốc\s+hội)[^;:.()\n]{0,80}?)"
    r"(?:\s+về\s+(?P<subject>[^;\n]{3,300}?))?"
    r"(?=[;.\n]|\s+(?:nhằm|để|với\s+mục\s+tiêu|trên\s+cơ\s+sở)\s|,\s+(?:đồng\s+thời|nhằm|để)\s"
    r"|\s+và\s+(?:các\s+)?[A-ZĐ]|$)" % "|".join(t.replace(" ", r"\s+") for t in NAMED_TYPES)
)
# "Nghị quyết Hội nghị Trung ương 9 khóa XI về “...”", "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII".
NAMED_MEETING = re.compile(
    r"(?P<type>Nghị\s+quyết|Kết\s+luận)\s+(?P<name>(?:Hội\s+nghị|Đại\s+hội)[^;:,.()\n“”]{2,90}?)"
    r"(?=\s+về\b|[;:,.()\n“”]|$)(?:\s+về\s+[“\"](?P<subject>[^”\"\n]{3,300})[”\"])?"
)
MEETING_ANCHORS = ("Nghị quyết Hội nghị", "Nghị quyết Đại hội", "Kết luận Hội nghị")
# The document speaking of itself ("Trên đây là Kế hoạch ...") or of one to be written.
NOT_CITED_BEFORE = re.compile(r"(?i)(?:trên\s+đây\s+là|ban\s+hành|xây\s+dựng|kèm\s+theo)\s*$")


# --- where the finders start ---------------------------------------------------
#
# Every finder of citations starts from literals: the law and meeting anchors,
# the types above and, for short forms (`extractors.citations`), any type name
# as printed or in capitals. A scan of a long text costs more than all the
# matching around what it finds, so one scan finds every place where any of
# them starts, and each finder keeps from it the matches its own alternation
# would have given.


@cache
def _start_literals() -> frozenset[str]:
    """Return every literal a finder starts from."""
    names = set(doc_types().names.values())
    return frozenset(LAW_ANCHORS + NAMED_TYPES + MEETING_ANCHORS) | {v for n in names for v in (n, n.upper())}


@cache
def _start_pattern() -> re.Pattern[str]:
    """Return a regex that matches the longest start literal at a place.

    Written as a trie ("Qu(?:y(?:ết định| (?:chế(?: phối hợp)?|định|hoạch))...)"),
    so the engine follows one branch per place instead of trying ~100
    alternatives; a literal that ends where a longer one goes on is optional
    and greedy, so the longer wins."""
    trie: dict[str, dict] = {}
    for literal in _start_literals():
        node = trie
        for ch in literal:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict[str, dict]) -> str:
        parts = [re.escape(ch) + walk(node[ch]) for ch in sorted(k for k in node if k)]
        if not parts:
            return ""
        ends = "" in node
        body = parts[0] if len(parts) == 1 and not ends else "(?:%s)" % "|".join(parts)
        return body + ("?" if ends else "")

    return re.compile(walk(trie))


@lru_cache(maxsize=1)
def _starts(text: str) -> tuple[tuple[int, str], ...]:
    """Return (place, longest start literal there) for every place a start literal begins in `text`.

    Overlaps included: each search resumes one character after the last
    place. Kept for the last text, which the finders of one document share."""
    search = _start_pattern().search
    found = []
    m = search(text)
    while m:
        found.append((m.start(), m.group()))
        m = search(text, m.start() + 1)
    return tuple(found)


@lru_cache(maxsize=4096)
def _longest_of(literals: Collection[str], found: str) -> int:
    """Return the length of the longest of `literals` that `found` starts with, 0 if none."""
    return max((len(x) for x in literals if found.startswith(x)), default=0)


@cache
def _alternation(literals: Collection[str]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(literals, key=lambda x: (-len(x), x)))))


def literal_matches(text: str, literals: tuple[str, ...] | frozenset[str]) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of the matches of the alternation of `literals`, longest first, as `finditer` gives them.

    At each place a start literal begins, the literals of `literals` that match
    there are those the longest start literal there begins with (none is
    longer): the alternation takes the longest of them and goes on after it."""
    if not _start_literals().issuperset(literals):
        # A literal the shared scan does not look for: scan for these alone.
        for m in _alternation(literals).finditer(text):
            yield m.start(), m.end()
        return
    end = 0
    for start, found in _starts(text):
        if start < end:
            continue
        n = _longest_of(literals, found)
        if n:
            end = start + n
            yield start, end


@cache
def _known_laws() -> re.Pattern[str]:
    """Return the pattern of known law names (`law_names.yml`), folded, longest first."""
    data = load("law_names")
    names = sorted(set(data["laws"]) | set(data["codes"]) | set(data.get("ordinances", [])), key=len, reverse=True)
    alternation = "|".join(r"\s+".join(map(re.escape, fold(n).split())) for n in names)
    return re.compile(r"\s+(?:%s)(?!\w)" % alternation)


def law_name(text: str, start: int) -> tuple[str, int]:
    """Return a law's name from `start` (just after "Luật") and where it ends."""
    window = fold_tones(text[start : start + 160]).lower()
    known = _known_laws().match(window)
    # A known name followed by "và Công nghệ" is a longer, unknown one
    # (but "và Luật ..." starts the next law).
    if known and not LONGER_NAME.match(text, start + known.end()):
        return text[start : start + known.end()], start + known.end()
    if AMENDING_LAW.match(text, start):
        tail = AMENDING_END.search(text, start, min(len(text), start + 300))
        end = tail.start() if tail else min(len(text), start + 120)
        return text[start:end], end
    end_m = LAW_END.search(text, start, min(len(text), start + 200))
    end = end_m.start() if end_m else min(len(text), start + 120)
    return text[start:end], end


def canonical_type(printed: str | None) -> str | None:
    """Return the canonical, filed type for a type name as printed."""
    if not printed:
        return None
    name = doc_types().names.get(fold(printed))
    return doc_types().filed_as(name)


def _laws(text: str, free) -> Iterator[Citation]:  # type: ignore[no-untyped-def]
    for pos, _ in literal_matches(text, LAW_ANCHORS):
        m = LAW.match(text, pos)
        if not m:
            continue
        name, end = law_name(text, m.end())
        words = name.split()
        kind = " ".join(m.group("type").split())
        if not words and kind != "Hiến pháp" or len(words) > 25:
            continue
        title = (kind + " " + " ".join(words)).strip()
        date = year = None
        dm = DATE_AFTER.match(text, end)
        if dm:
            date = iso(dm)
            year = int(date[:4]) if date else None
            end_all = dm.end()
        else:
            ym = YEAR_AFTER.match(text, end)
            year = int(ym.group("year")) if ym else None
            end_all = ym.end() if ym else end
        if kind == "Hiến pháp":
            if year is None:
                continue  # "tuân thủ Hiến pháp và pháp luật": the constitution in general
            title = "Hiến pháp"
        if not free(m.start(), end_all):
            continue
        yield Citation(
            start=m.start(), end=end_all, text=text[m.start() : end_all], doc_type=canonical_type(kind),
            number=None, date=date, issuer=None, title=title, year=year, relation="mentions",
            form="named", key="t:" + fold(title),
        )


def _by_issuer(doc: Document, free) -> Iterator[Citation]:  # type: ignore[no-untyped-def]
    text = doc.text
    for pos, _ in literal_matches(text, NAMED_TYPES):
        m = NAMED_OF.match(text, pos)
        if not m or (pos and text[pos - 1].isalnum()) or not free(m.start(), m.end()):
            continue
        if "/" in m.group(0) or NOT_CITED_BEFORE.search(text[max(0, pos - 20) : pos]):
            continue
        kind = canonical_type(m.group("type"))
        issuer = m.group("issuer").strip()
        if kind == doc.identity.doc_type and fold(issuer) in fold(doc.identity.issuer or "~"):
            continue  # the document's own kind and issuer: itself
        subject = (m.group("subject") or "").strip()
        if m.group("title") and not m.group("year") and "“" not in m.group("title"):
            continue  # "Chương trình công tác năm của ...": a kind of document, not one document
        if m.group("title"):
            # "Kế hoạch dự trữ hàng hóa ... năm 2025 của Sở Công Thương": type, title and year.
            title = " ".join(text[m.start() : m.end("year") if m.group("year") else m.end("title")].split())
        elif subject.startswith(("“", '"')) and subject.rstrip(".").endswith(("”", '"')):
            title = subject.strip(" “”\".")
        else:
            title = " ".join(m.group(0).split())
        year = int(m.group("year")) if m.group("year") else None
        if year is None:
            ym = re.search(r"năm\s+((?:19|20)\d{2})", title)
            year = int(ym.group(1)) if ym else None
        yield Citation(
            start=m.start(), end=m.end(), text=m.group(0), doc_type=kind, number=None, date=None,
            issuer=issuer, title=title, year=year, relation="mentions", form="named", key="t:" + fold(title),
        )


def _meetings(text: str, free) -> Iterator[Citation]:  # type: ignore[no-untyped-def]
    for pos, _ in literal_matches(text, MEETING_ANCHORS):
        m = NAMED_MEETING.match(text, pos)
        if not m or not free(m.start(), m.end()):
            continue
        name = " ".join(("%s %s" % (m.group("type"), m.group("name"))).split())
        title = m.group("subject") or name
        yield Citation(
            start=m.start(), end=m.end(), text=m.group(0), doc_type=canonical_type(m.group("type")),
            number=None, date=None, issuer=None, title=title, year=None, relation="mentions",
            form="named", key="t:" + fold(title),
        )


def named_citations(doc: Document, taken: list[tuple[int, int]]) -> list[Citation]:
    """Return the citations without a number in `doc`, outside the spans already `taken`."""
    out: list[Citation] = []
    spans = Spans(taken)
    free = spans.free
    for finder in (lambda: _laws(doc.text, free), lambda: _by_issuer(doc, free),
                   lambda: _meetings(doc.text, free)):
        for c in finder():
            if free(c.start, c.end):
                out.append(c)
                spans.add(c.start, c.end)
                taken.append((c.start, c.end))
    return sorted(out, key=lambda c: c.start)
