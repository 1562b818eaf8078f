"""Find the documents a directive cites, and how it stands to each.

Four forms, all resolved to one key per cited document within the text:

- full: a number and symbol, with what surrounds it (`Nghị quyết số 36-NQ/TU
  ngày 20/01/2023 của Ban Thường vụ Tỉnh ủy về “...”`), in the three numbering
  schemes: normative `n/yyyy/TYPE-ISSUER`, administrative `n/TYPE-ISSUER` (and
  công văn `n/ISSUER-UNIT`), Party `n-TYPE/ISSUER`;
- short: `Nghị quyết số 36`, resolved to the full citation it abbreviates;
- alias: `Đề án 06` for the decision approving it, or a name the text defines
  (`(gọi tắt là ...)`);
- named: documents without a number (`Luật Cư trú năm 2020`, `Chương trình của
  Bộ Công an về ...`).

The document's own number (in its annex: `Kèm theo Quyết định số 254/QĐ-UBND`)
and self-references (`Kế hoạch này`) are not citations.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache

from extractors.reference import code_key, doc_types, expand_abbreviations
from extractors.relations import find_cues, is_passive, nearest_relation, strongest
from extractors.spans import Citation, Span
from pipeline.directives import number_key
from pipeline.layout import type_from_symbol
from pipeline.model import Document
from pipeline.normalize import fold

# One part of a symbol: mostly capitals, digits and &, with at most a short
# lower-case run ("TTg", "CtrPH", "QyĐ", "QĐi"), so "12/ Quyết" is not a symbol.
UNIT = r"[A-ZĐ][A-ZĐ0-9&]*(?:[a-zđ]{1,3}[A-ZĐ0-9&]*)?"
SEP = r"\s?[-–]\s?"
SLASH = r"\s?/\s?"
# The number and symbol: "36-NQ/TU", "37- CT/TW" (stray space), "124/2021/TT-BCA",
# "03/2021/UBTVQH15", "06/QĐ-TTg", "5764/QĐ-BCA-V05", "3090/UBND-NC", "118/TTg".
# Not "36/2023" (a year is no symbol), "18/18", "24/7" or "COVID-19".
SYMBOL = re.compile(
    r"(?<![\w/.\-–])(?P<num>\d{1,5}[a-zđ]?)"
    r"(?:(?P<party>\s?[-–]\s?" + UNIT + r"(?:" + SLASH + UNIT + r")+)"
    r"|(?P<norm>" + SLASH + r"(?:19|20)\d{2}" + SLASH + UNIT + r"(?:" + SEP + UNIT + r")*)"
    r"|(?P<admin>" + SLASH + UNIT + r"(?:" + SEP + UNIT + r")*))"
    r"(?![\w/&])"
)
# Form codes in annexes ("Mẫu số 01/TB-ĐKKD") and appendix numbers are not documents.
NOT_A_DOCUMENT = re.compile(r"(?:Mẫu|mẫu|MẪU|Phụ lục|PHỤ LỤC|Biểu|biểu)\s*(?:số)?\s*[:.]?\s*$")

DATE = (r"(?:(?P<d>\d{1,2})\s?[/.-]\s?(?P<m>\d{1,2})\s?[/.-]\s?(?P<y>(?:19|20)\d{2})"
        r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s*,?\s+năm\s+(?P<y2>(?:19|20)\d{2}))")
# ", ngày 01/12/2011", " ban hành ngày 20 tháng 01 năm 2023".
DATE_AFTER = re.compile(r"\s*,?\s*(?:được\s+)?(?:ban\s+hành\s+|ký\s+)?(?:ngày|Ngày|NGÀY)\s+" + DATE, re.I)
YEAR_AFTER = re.compile(r"\s*,?\s*(?:năm|Năm)\s+(?P<year>(?:19|20)\d{2})(?!\d)")
# "của Ban Thường vụ Tỉnh ủy", "do Thủ tướng Chính phủ", "giữa Bộ Công an và ...".
ISSUER_AFTER = re.compile(r"\s*,?\s*(?:của|do|giữa|Của)\s+(?=[A-ZĐÀ-Ỹ])")
# Where an issuer's name stops: the subject, a verb of the description, punctuation.
ISSUER_END = re.compile(
    r"\s+(?:về|ban\s+hành|quy\s+định|phê\s+duyệt|hướng\s+dẫn|sửa\s+đổi|bổ\s+sung|v/v|V/v|"
    r"triển\s+khai|thực\s+hiện|tại|trong|đối\s+với|theo|đã|được|khóa|khoá|Khóa|nhằm|để|"
    r"ngày|năm|thì|cho|với|trên|tổ\s+chức|công\s+bố|thông\s+qua|ký|về\s+việc)(?!\w)"
    r"|\s*[,;:.()“”\"\n]|\s+và\s+(?=(?:các\s+)?[a-zđ])"
)
# The subject of a cited document: "về “...”", "về việc ...", "ban hành ...".
DESCRIPTION = re.compile(
    r"\s*,?\s*(?P<lead>về\s+việc|về|V/v|v/v|ban\s+hành|quy\s+định|phê\s+duyệt|hướng\s+dẫn|sửa\s+đổi|"
    r"bổ\s+sung|thông\s+qua|triển\s+khai|thực\s+hiện)(?!\w)"
)
CLAUSE_END = re.compile(r";|\.(?=\s|$)(?<!\d\.)|\n|\(\s*(?:sau\s+đây\s+)?(?:gọi|viết)\s+tắt")
# "(gọi tắt là Nghị quyết số 36-NQ/TU)", "(sau đây gọi tắt là Đề án 06)".
ALIAS_DEF = re.compile(r"\(\s*(?:sau\s+đây\s+)?(?:gọi|viết)\s+tắt\s+(?:là\s+)?(?P<alias>[^()\n]{2,80}?)\s*\)")
# Words that only join list items: "Nghị quyết số 36-NQ/TU và 48-NQ/TU", "; số 328/TB-VPCP".
LIST_GLUE = re.compile(r"^[\s,;:]*(?:(?:và|hoặc|cùng|các|số|;|,)\s*)*[:.]?\s*$", re.I)
# Self-references: "Kế hoạch này", "Chỉ thị này".
SELF = re.compile(r"\s+này\b")


@cache
def _types_pattern() -> str:
    names = sorted({n for n in doc_types().names}, key=len, reverse=True)
    names += ["văn bản", "văn bản quy phạm pháp luật"]
    return "|".join(r"\s+".join(map(re.escape, n.split())) for n in sorted(set(names), key=len, reverse=True))


@cache
def _type_before() -> re.Pattern[str]:
    # "Nghị quyết số ", "Quyết định số: ", "Nghị định ", "Các Công điện: số ".
    return re.compile(r"(?<!\w)(?P<type>%s)\s*:?\s*(?:(?:số|Số|SỐ)\s*[:.]?\s*)?$" % _types_pattern(), re.I)


@cache
def _named_law_before() -> re.Pattern[str]:
    # "Luật Đấu thầu số ", "Luật Tổ chức chính quyền địa phương số ".
    return re.compile(r"(?<!\w)(?P<type>Bộ\s+luật|Luật|Pháp\s+lệnh)\s+(?P<name>[^\n;:()“”]{2,100}?)\s+(?:số|Số)\s*[:.]?\s*$")


@cache
def _short_form() -> re.Pattern[str]:
    # "Nghị quyết số 36", "Chỉ thị 09", "Đề án 06": a type and a bare number.
    return re.compile(r"(?<!\w)(?P<type>%s)\s+(?:số\s+)?(?P<n>\d{1,5})(?![\d/\-–\w])" % _types_pattern(), re.I)


def canonical_type(printed: str | None) -> str | None:
    """Return the canonical, filed type for a type name as printed."""
    if not printed:
        return None
    name = doc_types().names.get(fold(printed))
    return doc_types().filed_as(name)


@dataclass(frozen=True)
class _Found:
    """A full citation being parsed: the Citation plus where its parts end."""

    citation: Citation
    core_end: int
    """End of number, date and issuer: where a description may start."""
    clause_end: int
    typed: str
    """How the type was known: "printed", "list", "symbol"."""


def _iso(m: re.Match[str]) -> str | None:
    d, mo, y = (m.group("d"), m.group("m"), m.group("y")) if m.group("y") else (m.group("d2"), m.group("m2"), m.group("y2"))
    day, month, year = int(d), int(mo), int(y)
    if 1 <= day <= 31 and 1 <= month <= 12:
        return "%04d-%02d-%02d" % (year, month, day)
    return None


def clean_number(m: re.Match[str]) -> str:
    """Return a symbol as printed without stray spaces ("37- CT/TW" -> "37-CT/TW")."""
    return re.sub(r"\s*([/\-–])\s*", lambda g: "-" if g.group(1) == "–" else g.group(1), m.group(0))


def _issuer(text: str, start: int) -> tuple[str | None, int]:
    """Return the issuer named from `start` and where it ends."""
    end_m = ISSUER_END.search(text, start, min(len(text), start + 160))
    end = end_m.start() if end_m else min(len(text), start + 120)
    name = text[start:end].strip()
    words = name.split()
    if not words or len(words) > 16:
        return None, start
    return expand_abbreviations(name) if re.search(r"\b(?:UBND|HĐND|BTV|BCH|MTTQ)\b", name) else name, end


def _parse_full(doc: Document, m: re.Match[str], prev: _Found | None) -> _Found | None:
    text = doc.text
    number = clean_number(m)
    line_start = text.rfind("\n", 0, m.start()) + 1
    window = text[max(line_start, m.start() - 160) : m.start()]
    if NOT_A_DOCUMENT.search(window):
        return None
    printed: str | None = None
    title: str | None = None
    start = m.start()
    typed = "symbol"
    law = _named_law_before().search(window)
    direct = _type_before().search(window)
    if direct:
        printed = direct.group("type")
        start = m.start() - (len(window) - direct.start())
        typed = "printed"
    elif law and len(law.group("name").split()) <= 14:
        printed = law.group("type")
        title = "%s %s" % (law.group("type"), law.group("name").strip())
        start = m.start() - (len(window) - law.start())
        typed = "printed"
    elif prev is not None and prev.clause_end >= m.start() - 1 or (
        prev is not None and LIST_GLUE.match(text[prev.core_end : m.start()])
    ):
        typed = "list"
    doc_type = canonical_type(printed)
    implied = type_from_symbol(number)
    if doc_type in (None, "Văn bản", "Văn bản quy phạm pháp luật"):
        doc_type = implied if typed != "list" or prev is None else prev.citation.doc_type
        if typed == "list" and prev is not None and implied and implied != prev.citation.doc_type:
            doc_type = implied  # the list moved on to another type: the code says which
    if doc_type is None and typed == "list" and prev is not None:
        doc_type = prev.citation.doc_type

    pos = m.end()
    date = issuer = None
    year = None
    for _ in range(2):  # the date may come before or after the issuer
        dm = DATE_AFTER.match(text, pos)
        if dm and date is None:
            date = _iso(dm)
            pos = dm.end()
            continue
        im = ISSUER_AFTER.match(text, pos)
        if im and issuer is None:
            issuer, end = _issuer(text, im.end())
            if issuer:
                pos = end
                continue
        break
    if date:
        year = int(date[:4])
    core_end = pos
    clause = CLAUSE_END.search(text, core_end)
    clause_end = clause.start() if clause else len(text)
    dm = DESCRIPTION.match(text, core_end)
    if dm and title is None:
        body = text[dm.start() : clause_end].strip(" ,")
        body = re.sub(r"^(?:về\s+việc|về|V/v|v/v)\s+", "", body)
        title = body.strip(" “”\"") [:300] or None
    elif title is None and law is None:
        title = None
    citation = Citation(
        start=start, end=m.end(), text=text[start : m.end()], doc_type=doc_type, number=number,
        date=date, issuer=issuer, title=title, year=year, relation="mentions", form="full",
        key="n:" + number_key(number),
    )
    return _Found(citation, core_end, clause_end, typed)


def _share_within_lists(found: list[_Found], text: str) -> list[_Found]:
    """Give list siblings the date and issuer printed once after them ("số 008 và số 009 ngày 19/11/2025")."""
    out = list(found)
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        glue = text[a.core_end : b.citation.start]
        if not LIST_GLUE.match(glue):
            continue
        ca, cb = a.citation, b.citation
        if ca.issuer is None and cb.issuer:
            ca = replace(ca, issuer=cb.issuer)
        if ca.date is None and cb.date and re.fullmatch(r"\s*(?:và|hoặc)\s*(?:số\s*)?", glue):
            ca = replace(ca, date=cb.date, year=cb.year)
        out[i] = _Found(ca, a.core_end, a.clause_end, a.typed)
    return out


def _own_key(doc: Document) -> str | None:
    return "n:" + number_key(doc.identity.number) if doc.identity.number else None


def _full_citations(doc: Document) -> list[_Found]:
    found: list[_Found] = []
    own = _own_key(doc)
    prev: _Found | None = None
    # "(gọi tắt là Nghị quyết số 36-NQ/TU)" names the citation before it; it cites nothing new.
    defining = [(m.start(), m.end()) for m in ALIAS_DEF.finditer(doc.text)]
    for m in SYMBOL.finditer(doc.text):
        parsed = _parse_full(doc, m, prev)
        if parsed is None:
            continue
        if own and parsed.citation.key == own:
            continue  # the document's own number ("Kèm theo Quyết định số 254/QĐ-UBND")
        if any(a <= m.start() < b for a, b in defining):
            c = replace(parsed.citation, form="alias")
            parsed = _Found(c, parsed.core_end, parsed.clause_end, parsed.typed)
        found.append(parsed)
        prev = parsed
    return _share_within_lists(found, doc.text)


# --- named documents ---------------------------------------------------------

# "Luật Cư trú năm 2020", "Bộ luật Hình sự", "Hiến pháp năm 2013"; not "Luật sư",
# "Luật này" (a law citing itself) or "pháp luật" (lower-case: law in general).
LAW = re.compile(r"(?<![\w])(?P<type>Bộ\s+luật|Luật|Hiến\s+pháp|Pháp\s+lệnh)(?!\s+(?:số|sư|gia|này|định|hiện\s+hành|và\s+các)\b)(?=\s|$)")
# Where a law's name stops. A comma only continues it in names like
# "Luật Phòng, chống tham nhũng" and "Luật Phòng cháy, chữa cháy".
LAW_END = re.compile(
    r"\s+(?:(?:năm|ngày|số|được|đã|đang|quy\s+định|hiện\s+hành|thì|để|nhằm|theo|tại|trong|đối\s+với|"
    r"có\s+hiệu\s+lực|và\s+các|hướng\s+dẫn|về|của\s+(?:Quốc\s+hội|Chính\s+phủ)|cũng|là|như|khi)(?!\w)"
    r"|(?:và|hoặc)\s+(?=(?:Luật|Bộ\s+luật|Nghị|Thông|Quyết|Chỉ|Pháp|Hiến|văn|các)\b))"
    r"|,(?!\s*(?:chống|chữa|an\s+toàn)\b)|[;:.()“”\"\n]|\s+-\s"
)
AMENDING_LAW = re.compile(r"\s+sửa\s+đổi,?\s+bổ\s+sung\s+(?:một\s+số\s+điều\s+)?của\s+")
# "Chương trình của Bộ Công an về ...", "Chỉ thị của Ban Thường vụ Tỉnh ủy về “...”".
NAMED_OF = re.compile(
    r"(?<!\w)(?P<type>Chỉ\s+thị|Nghị\s+quyết|Kết\s+luận|Kế\s+hoạch|Chương\s+trình|Đề\s+án|Quyết\s+định|"
    r"Hướng\s+dẫn|Quy\s+định|Quy\s+chế|Chiến\s+lược|Quy\s+hoạch|Phương\s+án|Công\s+điện|Thông\s+báo)"
    r"(?!\s+này\b)(?P<title>\s+[a-zđà-ỹ][^;:.()\n]{3,120}?)?(?:\s+năm\s+(?P<year>(?:19|20)\d{2}))?"
    r"\s+của\s+(?P<issuer>(?:Bộ|Ban|Sở|Ủy\s+ban|UBND|Thủ\s+tướng|Chính\s+phủ|Tỉnh\s+ủy|Thành\s+ủy|"
    r"Công\s+an|Cục|Tổng\s+cục|Văn\s+phòng|Hội\s+đồng|HĐND|Quốc\s+hội)[^;:.()\n]{0,80}?)"
    r"(?:\s+về\s+(?P<subject>[^;\n]{3,300}?))?"
    r"(?=[;.\n]|\s+(?:nhằm|để|với\s+mục\s+tiêu|trên\s+cơ\s+sở)\s|,\s+(?:đồng\s+thời|nhằm|để)\s|\s+và\s+(?:các\s+)?[A-ZĐ]|$)"
)
# "Nghị quyết Hội nghị Trung ương 9 khóa XI", "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII".
NAMED_MEETING = re.compile(
    r"(?<!\w)(?P<type>Nghị\s+quyết|Kết\s+luận)\s+(?P<name>(?:Hội\s+nghị|Đại\s+hội)[^;:,.()\n“”]{2,90}?)"
    r"(?=\s+về\b|[;:,.()\n“”]|$)(?:\s+về\s+[“\"](?P<subject>[^”\"\n]{3,300})[”\"])?"
)


def _law_name(text: str, start: int) -> tuple[str, int]:
    end_m = LAW_END.search(text, start, min(len(text), start + 200))
    end = end_m.start() if end_m else min(len(text), start + 120)
    amending = AMENDING_LAW.match(text, start)
    if amending:
        # "Luật sửa đổi, bổ sung một số điều của Luật A và Luật B": the name runs through both.
        tail = re.compile(r"\s+(?:năm|ngày)\b|\s+số\s+\d|[;:.()\n]")
        t = tail.search(text, start, min(len(text), start + 300))
        end = t.start() if t else end
    return text[start:end], end


def _named_citations(doc: Document, taken: list[tuple[int, int]]) -> list[Citation]:
    text = doc.text
    out: list[Citation] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in LAW.finditer(text):
        name, end = _law_name(text, m.end())
        words = name.split()
        kind = re.sub(r"\s+", " ", m.group("type"))
        if kind != "Hiến pháp" and not words:
            continue
        if len(words) > 25:
            continue
        title = (kind + " " + " ".join(words)).strip()
        date = year = None
        dm = DATE_AFTER.match(text, end)
        if dm:
            date = _iso(dm)
            year = int(date[:4]) if date else None
            end_all = dm.end()
        else:
            ym = YEAR_AFTER.match(text, end)
            year = int(ym.group("year")) if ym else None
            end_all = ym.end() if ym else end
        if kind == "Hiến pháp" and year is None and not words:
            continue
        if not free(m.start(), end_all):
            continue
        out.append(Citation(
            start=m.start(), end=end_all, text=text[m.start() : end_all], doc_type=canonical_type(kind),
            number=None, date=date, issuer=None, title=title, year=year, relation="mentions",
            form="named", key="t:" + fold(title),
        ))
        taken.append((m.start(), end_all))
    for m in NAMED_OF.finditer(text):
        if not free(m.start(), m.end()) or SYMBOL.search(m.group(0)):
            continue
        before = text[max(0, m.start() - 20) : m.start()]
        if re.search(r"(?i)trên\s+đây\s+là\s*$|ban\s+hành\s*$|xây\s+dựng\s*$", before):
            continue  # the document speaking of itself, or one yet to be written
        kind = canonical_type(m.group("type"))
        if kind == doc.identity.doc_type and fold(m.group("issuer") or "") in fold(doc.identity.issuer or "~"):
            continue
        subject = (m.group("subject") or "").strip()
        if m.group("title"):
            # "Kế hoạch dự trữ hàng hóa ... năm 2025 của Sở Công Thương": the name is type and title.
            title = re.sub(r"\s+", " ", text[m.start() : m.end("year") if m.group("year") else m.end("title")])
        elif subject.startswith(("“", '"')) and subject.rstrip(".").endswith(("”", '"')):
            title = subject.strip(" “”\".")
        else:
            title = re.sub(r"\s+", " ", m.group(0)).strip()
        year = int(m.group("year")) if m.group("year") else None
        if year is None:
            ym = re.search(r"năm\s+((?:19|20)\d{2})", title)
            year = int(ym.group(1)) if ym else None
        out.append(Citation(
            start=m.start(), end=m.end(), text=m.group(0), doc_type=kind, number=None, date=None,
            issuer=m.group("issuer").strip(), title=title, year=year, relation="mentions", form="named",
            key="t:" + fold(title),
        ))
        taken.append((m.start(), m.end()))
    for m in NAMED_MEETING.finditer(text):
        if not free(m.start(), m.end()):
            continue
        name = re.sub(r"\s+", " ", "%s %s" % (m.group("type"), m.group("name"))).strip()
        out.append(Citation(
            start=m.start(), end=m.end(), text=m.group(0), doc_type=canonical_type(m.group("type")),
            number=None, date=None, issuer=None, title=m.group("subject") or name, year=None,
            relation="mentions", form="named", key="t:" + fold(m.group("subject") or name),
        ))
        taken.append((m.start(), m.end()))
    return out


# --- short forms and aliases -------------------------------------------------

def _words(text: str | None) -> set[str]:
    return set(re.findall(r"\w+", fold(text or "")))


def _resolve_named(named: list[Citation], full: list[Citation]) -> list[Citation]:
    """A named citation that repeats a numbered one's name or title is that document."""
    out = []
    for c in named:
        target = None
        for f in full:
            if f.title and c.title and (fold(f.title) == fold(c.title) or (
                len(_words(c.title)) >= 5 and _jaccard(_words(c.title), _words(f.title)) >= 0.7)):
                target = f
                break
        out.append(replace(c, key=target.key, form="alias") if target else c)
    return out


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _short_forms(doc: Document, full: list[Citation], taken: list[tuple[int, int]]) -> list[Citation]:
    """Return short forms ("Nghị quyết số 36") and number aliases ("Đề án 06") that resolve."""
    text = doc.text
    out = []
    for m in _short_form().finditer(text):
        if not all(m.end() <= s or m.start() >= e for s, e in taken):
            continue
        kind = canonical_type(m.group("type"))
        n = m.group("n")
        candidates = [f for f in full if f.number and re.match(r"^0*%s[-/]" % re.escape(n.lstrip("0") or "0"), f.number)]
        same = [f for f in candidates if f.doc_type == kind]
        form = "short"
        if not same:
            # "Đề án 06" after "Quyết định số 06/QĐ-TTg ... phê duyệt “Đề án ...”".
            same = [f for f in candidates if f.title and kind and fold(kind) in fold(f.title)]
            form = "alias"
        if not same:
            continue
        before = [f for f in same if f.start < m.start()]
        target = before[-1] if before else same[0]
        out.append(Citation(
            start=m.start(), end=m.end(), text=m.group(0), doc_type=target.doc_type, number=target.number,
            date=None, issuer=None, title=None, year=None, relation="mentions", form=form, key=target.key,
        ))
        taken.append((m.start(), m.end()))
    return out


def _defined_aliases(doc: Document, cites: list[Citation], taken: list[tuple[int, int]]) -> list[Citation]:
    """Names a text defines for a citation ("(gọi tắt là Đề án 06)") and their later uses."""
    text = doc.text
    defined: dict[str, Citation] = {}
    for m in ALIAS_DEF.finditer(text):
        alias = m.group("alias").strip(" “”\"")
        before = [c for c in cites if c.end <= m.start()]
        if not before or not re.search(r"\d", alias) or SYMBOL.search(alias):
            continue
        defined[alias] = before[-1]
    out = []
    for alias, target in defined.items():
        for m in re.finditer(r"(?<!\w)%s(?!\w)" % re.escape(alias), text):
            if all(m.end() <= s or m.start() >= e for s, e in taken):
                out.append(Citation(
                    start=m.start(), end=m.end(), text=m.group(0), doc_type=target.doc_type,
                    number=target.number, date=None, issuer=None, title=None, year=None,
                    relation="mentions", form="alias", key=target.key,
                ))
                taken.append((m.start(), m.end()))
    return out


# --- relations ---------------------------------------------------------------

# A coordinated clause of the citing document itself: "... và tổ chức đánh giá
# kết quả 14 năm thực hiện Chỉ thị 13/CT-UBND" starts a new lead-in.
COORDINATED_CLAUSE = re.compile(
    r"\s+(?:và|đồng\s+thời)\s+(?=(?:tổ\s+chức|triển\s+khai|thực\s+hiện|đánh\s+giá|tiếp\s+tục|xây\s+dựng|"
    r"quán\s+triệt|sơ\s+kết|tổng\s+kết|thay\s+thế|bãi\s+bỏ|căn\s+cứ)\b)"
)
# A citation coordinated with the one before it, after that one's description:
# "Nghị định số 06/2013/NĐ-CP ... quy định về bảo vệ cơ quan, doanh nghiệp và Thông tư số 46/2014".
ENDS_COORDINATED = re.compile(r"(?:\s+(?:và|hoặc)|,)\s*(?:các\s+)?$")
LIST_MARKER = re.compile(r"^\s*(?:[-–+•*]|[a-zđ]\)|\d+(?:\.\d+)*[.)]|[IVX]+\.)?\s*")
# Tables of administrative procedures list their legal grounds under this column.
LEGAL_GROUNDS = re.compile(r"^(?:Căn\s+cứ\s+pháp\s+lý|CĂN\s+CỨ\s+PHÁP\s+LÝ)\b")


def _lead_in_start(text: str, pos: int, floor: int) -> int:
    """Return where the clause holding `pos` starts (a sentence end, ';' or the line start)."""
    best = floor
    for m in re.finditer(r";|(?<!\d)\.\s|\n", text[floor:pos]):
        best = floor + m.end()
    return best


def relation_of_lead(lead: str) -> str | None:
    """Return the relation a lead-in states: its opening cue or its nearest cue, the stronger.

    "Việc quản lý kinh phí thực hiện theo quy định của Luật Ngân sách" refers (the
    nearest cue); "Căn cứ quy định tại Điều 5 Nghị định ..." is a basis (the opening one)."""
    cues = find_cues(lead)
    if not cues:
        return None
    marker = LIST_MARKER.match(lead)
    opening_end = (marker.end() if marker else 0) + 3
    chosen = [cues[-1].relation]
    if cues[0].start <= opening_end:
        chosen.append(cues[0].relation)
    return strongest(chosen)


def _paragraph_cue(doc: Document, start: int) -> str | None:
    """Return the relation an introducing line states for the list item holding `start`.

    "..., trọng tâm là:" followed by "- Kết luận ..." items; the "Căn cứ pháp lý"
    column of a table of administrative procedures."""
    para = doc.paragraph_at(start)
    if para is None or para.index == 0:
        return None
    for prev in reversed(doc.paragraphs[max(0, para.index - 120) : para.index]):
        line = doc.text[prev.start : prev.end].strip()
        if LEGAL_GROUNDS.match(line):
            return "basis"
        if prev.kind == "item" and prev.label in ("-", "+", "•") and para.label in ("-", "+", "•"):
            continue
        if line.endswith(":") and para.kind == "item":
            return relation_of_lead(line[:400])
        if para.kind != "item":
            return None
    return None


def _is_glue(text: str) -> bool:
    return bool(LIST_GLUE.match(text)) or bool(re.fullmatch(r"[\s,;:]*(?:và|hoặc)?\s*(?:các\s+)?(?:số\s*)?", text))


def _assign_relations(doc: Document, found: list[_Found]) -> list[Citation]:
    """Set each citation's relation to the document and, for one named inside
    another's description, its parent and the parent's relation to it."""
    text = doc.text
    out: list[Citation] = []
    chain: list[tuple[_Found, Citation]] = []  # citations of the current clause, in order
    last_top: Citation | None = None  # last top-level citation of the paragraph
    para_index = -1
    for f in found:
        c = f.citation
        if c.form == "alias":
            out.append(c)  # a defined short name: the citation it names carries the relation
            continue
        para = doc.paragraph_at(c.start)
        index = para.index if para else -1
        if index != para_index:
            chain, last_top, para_index = [], None, index
        chain = [(g, gc) for g, gc in chain if g.clause_end >= c.start]
        parent: Citation | None = None
        parent_rel: str | None = None
        lead_from: int | None = None
        sibling: Citation | None = None
        if chain:
            last_f, last_c = chain[-1]
            between = text[last_f.core_end : c.start]
            coordinated = None
            for coordinated in COORDINATED_CLAUSE.finditer(between):
                pass
            if _is_glue(between) or (ENDS_COORDINATED.search(between) and not coordinated):
                sibling = last_c  # same level as the citation before
            elif coordinated:
                lead_from = last_f.core_end + coordinated.end()
            else:
                parent = last_c
                parent_rel = nearest_relation(between) or "mentions"
                if is_passive(between):
                    parent_rel = "passive:" + parent_rel
        if sibling is not None and sibling.parent is not None:
            c = replace(c, relation="mentions", parent=sibling.parent, parent_relation=sibling.parent_relation)
        elif parent is not None:
            c = replace(c, relation="mentions", parent=parent.key, parent_relation=parent_rel)
        else:
            floor = text.rfind("\n", 0, c.start) + 1
            start = lead_from if lead_from is not None else _lead_in_start(text, c.start, floor)
            lead = text[start : c.start]
            rel = relation_of_lead(lead)
            if rel is None and sibling is not None:
                rel = sibling.relation
            if rel is None and last_top is not None and _is_glue(lead):
                rel = last_top.relation  # "...; Nghị quyết số 10-NQ/TU": the list goes on
            if rel is None:
                rel = _paragraph_cue(doc, c.start) or "mentions"
            c = replace(c, relation=rel)
            last_top = c
        if doc.annex_start is not None and c.start >= doc.annex_start:
            c = replace(c, relation="mentions")
        chain.append((f, c))
        out.append(c)
    return _consolidated(doc, out)


def _consolidated(doc: Document, cites: list[Citation]) -> list[Citation]:
    """In a consolidated text, the documents its preamble lists are what it consolidates."""
    if doc.identity.doc_type != "Văn bản hợp nhất":
        return cites
    preamble = re.search(r"(?m)^(?:Căn\s+cứ|Theo\s+đề\s+nghị)", doc.text[doc.body_start :])
    end = doc.body_start + preamble.start() if preamble else doc.body_start
    return [replace(c, relation="consolidates") if doc.body_start <= c.start < end and c.parent is None else c
            for c in cites]


def _trim_titles(cites: list[Citation]) -> list[Citation]:
    """End a title where the next citation of the same clause begins ("... và Quyết định số 04")."""
    out = []
    for i, c in enumerate(cites):
        if c.title and c.form == "full" and i + 1 < len(cites):
            nxt = cites[i + 1]
            cut = c.title.find(nxt.text[:20]) if nxt.parent is None else -1
            if cut > 0:
                c = replace(c, title=re.sub(r"\s*(?:,|và|;)?\s*$", "", c.title[:cut]).strip(" “”\"") or None)
        out.append(c)
    return out


def extract(doc: Document, found: Mapping[str, Sequence[Span]] | None = None) -> list[Citation]:
    """Return every citation in `doc`, in text order, each with its key and relation."""
    full_found = _full_citations(doc)
    taken = [(f.citation.start, f.citation.end) for f in full_found]
    full = [f.citation for f in full_found]
    named = _named_citations(doc, taken)
    both = sorted(full_found + [_as_found(doc.text, c) for c in named], key=lambda f: f.citation.start)
    related = _trim_titles(_assign_relations(doc, both))
    full = [c for c in related if c.form in ("full", "alias") and c.number]
    related = [c for c in related if c.number] + _resolve_named([c for c in related if not c.number], full)
    short = _short_forms(doc, full, taken)
    aliases = _defined_aliases(doc, related, taken)
    return sorted(related + short + aliases, key=lambda c: c.start)


def _as_found(text: str, c: Citation) -> _Found:
    clause = CLAUSE_END.search(text, c.end)
    return _Found(c, c.end, clause.start() if clause else len(text), "named")
