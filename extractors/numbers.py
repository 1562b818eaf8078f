"""Find percentages and quantified targets, with their qualifiers and what they measure.

Percentages: every `N%` with its value read the Vietnamese way (`95,5%`),
its qualifier (`ít nhất 27%`, `27% trở lên`, `≥ 90%`, `không quá 30%`, `dưới
5%`), both ends of a range (`từ 61% đến 80%`, `60-70%`: one `Percentage` each,
qualifier None, the upper end kept in the first's `upper`) and the subject it
measures (`100% thủ tục hành chính đủ điều kiện`).

Targets: counts that a plan sets out to reach (`18/18 Công an các phường`,
`07 Công an phường`, `500 nghìn tài khoản`, `ít nhất 01 mô hình`), with their
unit, due date and the body responsible.

The qualifier and target words live in `extractors/data/quantities.yml`. As
in `extractors.dates`, the patterns run over the lower-cased text, and a
percentage is found by its `%` sign, a literal the regex engine jumps to, its
number read backwards from there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from extractors.date_roles import is_normative
from extractors.dates import lower, settle
from extractors.reference import load
from extractors.spans import BodyMention, DateMention, Percentage, Span, Target
from extractors.vnumbers import NUMBER, SCALE, parse_number, scale_of
from pipeline.model import Document

QUANTITIES = load("quantities")


def _words(phrases: Iterable[str]) -> str:
    """Return an alternation of `phrases`, longest first, each space matching any run of blanks."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"[ \t]+") for p in ordered)


_Q = QUANTITIES["qualifiers"]
_T = QUANTITIES["targets"]

# --- percentages ----------------------------------------------------------------

# `95,5%`, `100 %`: the number right before a `%` sign (the scan stops at the
# sign, this reads back). `$` with an end position anchors it at the sign.
NUMBER_BEFORE = re.compile(rf"(?P<num>{NUMBER})[ \t]?$")
# `ít nhất 27%`, `tối thiểu là 90%`, `≥ 90%`, `không vượt quá 30%`, `dưới 5%`.
# Anchored at the number; the leftmost match is the longest phrase, so
# `không quá` wins over `quá` and `không thấp hơn` over `thấp hơn`.
QUALIFIER_BEFORE = re.compile(
    rf"(?<!\w)(?:(?P<at_least>{_words(_Q['at_least'])})|(?P<at_most>{_words(_Q['at_most'])}))"
    rf"(?:[ \t]+(?:{_words(_Q['fillers'])}))*[ \t]*$"
)
# `27% trở lên`, `5% trở xuống`, right after the sign. Not `người từ 65 tuổi trở
# lên đạt khoảng 12%`: there `trở lên` belongs to the age, before the number.
QUALIFIER_AFTER = re.compile(
    rf"[ \t]*(?:(?P<at_least>{_words(_Q['after']['at_least'])})|(?P<at_most>{_words(_Q['after']['at_most'])}))(?!\w)"
)
# `60-70%`, `từ 61 đến 80%`, `20 - 25 %`, `từ 30% đến dưới 50%`: the lower end
# of a range, right before the upper end's number. Its own `%` is optional;
# `đến dưới`, `đến không quá` still close a range, whose ends take no qualifier.
RANGE_LOW_BEFORE = re.compile(
    rf"(?P<lo>{NUMBER})[ \t]?(?P<sign>%)?[ \t]*(?:-|–|—|đến|tới)[ \t]*(?:(?:{_words(_Q['at_most'])})[ \t]*)?$"
)
# `30% - 40%`, `từ 61% đến 80%`: the upper end of a range after a percentage.
RANGE_HIGH_AFTER = re.compile(
    rf"[ \t]*(?:-|–|—|đến|tới)[ \t]*(?:(?:{_words(_Q['at_most'])})[ \t]*)?(?P<hi>{NUMBER})[ \t]?%"
)
# `100% thủ tục hành chính đủ điều kiện theo quy định`: what follows the sign,
# up to punctuation or figures (a table's next cell); SUBJECT_END cuts it at
# the verb.
SUBJECT_AFTER = re.compile(r"[ \t]*(?P<s>[^\W\d_][^,;:.()\[\]\n%“”\"0-9]{0,120})")
# Where a subject ends: its verb or a linking word (`100% hồ sơ ... được tạo`).
SUBJECT_END = re.compile(
    r"[ \t]+(?:được|đạt|trở|so với|là|có|phải|sẽ|đã|đang|hoàn thành|thực hiện|trong năm|năm|đến|vào|tới)(?!\w)"
)
# `tỷ lệ hộ nghèo giảm còn 2%`, `tốc độ tăng trưởng đạt 8%`: a subject before the
# number, from a measuring word to the verb.
SUBJECT_BEFORE = re.compile(
    r"(?<!\w)(?P<s>(?:tỷ lệ|tỉ lệ|tỷ trọng|tốc độ|mức|chỉ số)[^,;:.()\n%]{0,80}?)[ \t]+"
    r"(?:đạt|là|bằng|chiếm|tăng|giảm|còn|ở mức|khoảng|từ|trên|dưới|ít nhất|tối thiểu|tối đa|không quá)(?!\w)"
)
# A subject that is only a linking word or a unit is none (`% so với`, `%/năm`).
NOT_A_SUBJECT = re.compile(r"(?:so|và|hoặc|của|trong|trên|dưới|đến|tới|từ|vào|cho|với|năm|tháng|trở|thì)(?!\w)")


def _free(low: str, i: int) -> bool:
    """Tell whether the number at `i` stands on its own (not `%C4%90` in a URL, not `04:01 %`)."""
    return i == 0 or not (low[i - 1].isalnum() or low[i - 1] in "%:/_.@#=&")


def _last(pattern: re.Pattern[str], low: str, start: int, end: int) -> re.Match[str] | None:
    """Return the last match of `pattern` in low[start:end], the one nearest the number after it."""
    last = None
    for last in pattern.finditer(low, start, end):  # noqa: B007 - the loop keeps the last one
        pass
    return last


def _qualifier(m: re.Match[str] | None) -> str | None:
    if m is None:
        return None
    return "at_least" if m.group("at_least") else "at_most"


def _subject(text: str, low: str, start: int, end: int) -> str | None:
    """Return what the percentage at [start, end) measures, from the words after or before it."""
    after = SUBJECT_AFTER.match(low, end, end + 140)
    if after and not NOT_A_SUBJECT.match(after.group("s")):
        s, e = after.start("s"), after.end("s")
        cut = SUBJECT_END.search(low, s, e)
        e = cut.start() if cut else e
        return " ".join(text[s:e].split()[:14]) or None
    before = _last(SUBJECT_BEFORE, low, max(low.rfind("\n", 0, start) + 1, start - 120), start)
    if before:
        return " ".join(text[before.start("s"):before.end("s")].split()) or None
    return None


def percentages(doc: Document, found: Mapping[str, Sequence[Span]]) -> list[Span]:
    """Return every `N%` of `doc`, each end of a range on its own, in text order."""
    text = doc.text
    low = lower(text)
    out: list[Percentage] = []
    i = low.find("%")
    while i >= 0:
        out.extend(_percentages_at(text, low, i))
        i = low.find("%", i + 1)
    return list(settle(out))


def _percentages_at(text: str, low: str, sign: int) -> list[Percentage]:
    """Read the percentage whose `%` is at `sign`, and the lower end of its range if that has no sign."""
    num = NUMBER_BEFORE.search(low, max(0, sign - 24), sign)
    if num is None or not _free(low, num.start()):
        return []
    start, end = num.start(), sign + 1
    value = parse_number(num.group("num"))
    out: list[Percentage] = []
    line_start = low.rfind("\n", max(0, start - 60), start) + 1
    low_end = RANGE_LOW_BEFORE.search(low, max(line_start, start - 30), start)
    high_end = RANGE_HIGH_AFTER.match(low, end, end + 30)
    if low_end and _free(low, low_end.start()):
        lo = parse_number(low_end.group("lo"))
        if not low_end.group("sign") and lo < 1000:
            # `60-70%`: the lower end is a percentage too, written once.
            s, e = low_end.start("lo"), low_end.end("lo")
            out.append(Percentage(start=s, end=e, text=text[s:e], value=lo, qualifier=None, upper=value,
                                  subject=_subject(text, low, s, end)))
        if low_end.group("sign") or lo < 1000:
            out.append(Percentage(start=start, end=end, text=text[start:end], value=value, qualifier=None,
                                  subject=_subject(text, low, start, end)))
            return out
    if high_end:
        upper = parse_number(high_end.group("hi"))
        out.append(Percentage(start=start, end=end, text=text[start:end], value=value, qualifier=None,
                              upper=upper, subject=_subject(text, low, start, high_end.end())))
        return out
    qualifier = _qualifier(QUALIFIER_BEFORE.search(low, max(line_start, start - 40), start)) or _qualifier(
        QUALIFIER_AFTER.match(low, end, end + 20))
    out.append(Percentage(start=start, end=end, text=text[start:end], value=value, qualifier=qualifier,
                          subject=_subject(text, low, start, end)))
    return out


# --- targets ----------------------------------------------------------------------

# `07 Công an phường`, `105 đơn vị cấp xã`, `18/18 Công an các phường`, `500
# nghìn tài khoản`, `1.000 tỷ đồng`: a count (or a ratio) and the words after
# it. The reader checks what comes before (TARGET_CUE, NOT_AFTER) and trims
# the unit (UNIT_END, NOT_UNITS).
COUNT = re.compile(
    rf"(?P<num>{NUMBER})(?:/(?P<total>[0-9]+))?(?:[ \t]+(?P<scale>{SCALE}))?[ \t]+"
    rf"(?P<unit>[^\W\d_][\w]*(?:[ \t]+[^\W\d_][\w]*){{0,11}})"
)
# The words of a plan that set a count as something to reach: `phấn đấu`,
# `xây dựng 07 Công an phường`, `lựa chọn 01 đơn vị` (data: targets.cues),
# in the count's clause. Not after `đã` (`đã xây dựng 16 ...` is work done).
TARGET_CUE = re.compile(
    rf"(?<!\w)(?P<past>(?:{_words(_T['past'])})[ \t]+)?(?:(?P<strong>{_words(_T['cues'])})|{_words(_T['weak_cues'])})(?!\w)"
)
# `phấn đấu đến năm 2030 đạt 18.000 tấn`: a clause that looks ahead, which a
# weak cue (`đạt`) needs to set a target.
AHEAD = re.compile(rf"(?<!\w)(?:{_words(_T['ahead'])})(?!\w)")
# Another count between a cue and a count takes the cue for itself (`năm 2024`
# is a year, not a count).
OTHER_COUNT = re.compile(r"(?<!năm )(?<![0-9])[0-9]+[ \t]+[^\W\d_]")
# `số 36`, `Điều 5`, `phường 5`, `quốc lộ 13`: a number that names, not counts.
NOT_AFTER = re.compile(rf"(?<!\w)(?:{_words(_T['not_after'])})[ \t]*$")
# A count of years, months, articles or ages is not a target (`02 năm`, `Điều 5`).
NOT_UNITS = re.compile(rf"(?:{_words(_T['not_units'])})(?!\w)")
# Where a unit ends: a linking word or a verb (`07 Công an phường đạt ...`,
# `105 đơn vị cấp xã và 06 ...`, `01 mô hình về phòng chống ...`).
UNIT_END = re.compile(
    r"[ \t]+(?:của|tại|trên|trong|thuộc|về|để|cho|với|và|hoặc|được|đạt|đã|theo|từ|đến|tới|là|có|trở|so"
    r"|làm|gồm|như|này|đó|nhằm|thì|mà|do|bởi|khi|sau|trước|qua|vào|ra|ở|sạch|tham gia|bảo đảm|đảm bảo"
    r"|thực hiện|hoàn thành|mỗi|hằng|hàng|đối với|kể cả|chưa|không|đề nghị)(?!\w)"
)
# A unit is a short noun phrase (`Công an phường`, `đơn vị cấp xã`); the
# words after it go to the subject.
WORD = re.compile(r"\S+")
UNIT_WORDS = 6
# `1 I`, `2 a)`: a numbered heading, not a unit.
SINGLE_LETTER = re.compile(r"(?:[a-zđ]|[ivx]+)(?![\w])")
# How far before a count its cue may stand (`phấn đấu trong năm 2024 có 105
# đơn vị cấp xã`), with no other figure between them.
CUE_REACH = 60
# `2. Chỉ tiêu`, `II. MỤC TIÊU`, `b) Mục tiêu cụ thể`: a section whose counts
# are all targets (`Từ năm 2023 đến năm 2030 ... 18/18 Công an các phường`).
GOAL_HEADING = re.compile(r"[ \t]*(?:mục tiêu|chỉ tiêu)(?!\w)")
# Between the items of a list of targets: `01 cơ quan, 01 doanh nghiệp, 02 cơ sở`.
LIST_GAP = re.compile(r"[ \t]*(?:,|và|hoặc)[ \t]*")
# The end of a clause, looking back from a count for its cue.
CLAUSE_START = re.compile(r"[.;:!?\n(](?=[^.;:!?\n(]*$)")
# Fractions are not targets: `1/2 chi phí`, `2/3 tổng số thành viên`.
SMALL_FRACTIONS = {(1, 2), (1, 3), (2, 3), (1, 4), (3, 4)}
# Words of the count's clause searched for a date and a body.
SENTENCE_END = re.compile(r"[.;!?\n]")


def _clause_start(low: str, i: int) -> int:
    m = CLAUSE_START.search(low, max(0, i - 120), i)
    return m.end() if m else max(0, i - 120)


def _sentence(low: str, i: int) -> tuple[int, int]:
    start = max(low.rfind(".", max(0, i - 300), i), low.rfind("\n", max(0, i - 300), i),
                low.rfind(";", max(0, i - 300), i)) + 1
    end = SENTENCE_END.search(low, i, i + 300)
    return start, end.start() if end else min(len(low), i + 300)


def _due(dates: Sequence[DateMention], at: int) -> str | None:
    """Return the full value of the date of the count's sentence nearest to it, if any.

    A cited document's date, the document's own, an effective date and a
    named day (`(19/8)`) say nothing of when the count is due."""
    best: tuple[int, str] | None = None
    for d in dates:
        if d.role in ("cited", "issued", "effective", "event"):
            continue
        value = d.end_value if d.end_value else (d.resolved or d.value)
        if not value[:4].isdigit():
            continue
        distance = abs(d.start - at)
        if best is None or distance < best[0]:
            best = (distance, value)
    return best[1] if best else None


def _responsible(bodies: Sequence[BodyMention], low: str, s: int, at: int) -> str | None:
    """Return the body the count's sentence gives it to: after `giao`, else the sentence's first body."""
    before = [b for b in bodies if s <= b.start and b.end <= at]
    if not before:
        return None
    giao = low.rfind("giao ", s, at)
    if giao >= 0:
        after_giao = [b for b in before if b.start >= giao]
        if after_giao:
            return after_giao[0].name
    return before[0].name


def targets(doc: Document, found: Mapping[str, Sequence[Span]]) -> list[Span]:
    """Return the quantified targets of `doc`: counts a plan sets out to reach, in text order.

    A legal normative text (law, decree, circular) sets rules and limits, not
    targets: it gives none."""
    if is_normative(doc):
        return []
    text = doc.text
    low = lower(text)
    dates = sorted((d for d in found.get("dates", ()) if isinstance(d, DateMention)), key=lambda d: d.start)
    bodies = sorted((b for b in found.get("bodies", ()) if isinstance(b, BodyMention)), key=lambda b: b.start)
    goals = _goal_sections(doc, low)
    out: list[Target] = []
    previous: Target | None = None
    for m in COUNT.finditer(low):
        listed = previous is not None and LIST_GAP.fullmatch(low, previous.end, m.start()) is not None
        para = doc.paragraph_at(m.start()) if goals else None
        in_goals = para is not None and any(para.path == g or para.path.startswith(g + ".") for g in goals)
        target = _target(text, low, m, context_aims=listed or in_goals)
        if target is None:
            continue
        previous = target
        s, e = _sentence(low, target.start)
        near_dates = [d for d in dates if s <= d.start < e]
        near_bodies = [b for b in bodies if s <= b.start < e and not (target.start <= b.start < target.end)]
        out.append(replace(target, due=_due(near_dates, target.start),
                           responsible=_responsible(near_bodies, low, s, target.start)))
    return list(settle(out))


def _goal_sections(doc: Document, low: str) -> list[str]:
    """Return the numbering paths of the sections headed `Mục tiêu` or `Chỉ tiêu`."""
    return [p.path for p in doc.paragraphs
            if p.path and p.kind in ("heading", "item") and GOAL_HEADING.match(low, p.start + len(p.label))]


def _target(text: str, low: str, m: re.Match[str], context_aims: bool) -> Target | None:
    """Read COUNT's match as a target, or None if the count names, measures time or is not aimed at.

    `context_aims`: the count needs no cue of its own, following a target in a
    list (`ít nhất 01 cơ quan, 01 doanh nghiệp`), whose cue it shares, or
    standing in a `Chỉ tiêu` section."""
    start = m.start()
    if not _free(low, start) or (start and low[start - 1] in ",-–"):
        return None
    if NOT_AFTER.search(low, max(0, start - 12), start):
        return None
    unit_start = m.start("unit")
    if NOT_UNITS.match(low, unit_start) or UNIT_END.match(low, unit_start - 1):
        return None
    value = round(parse_number(m.group("num")) * scale_of(m.group("scale")), 6)
    total = float(m.group("total")) if m.group("total") else None
    if total is not None and (total < value or not 0 < total < 1900 or (int(value), int(total)) in SMALL_FRACTIONS):
        return None  # not a ratio of counts: `1/2`, `02/2026` (a month)
    if total is None and 1900 <= value <= 2100 and not m.group("num").startswith("0"):
        return None  # a year (`trong năm 2024 có ...` is read by the dates)
    clause = max(_clause_start(low, start), start - CUE_REACH)
    qualifier = _qualifier(QUALIFIER_BEFORE.search(low, clause, start))
    cue = _last(TARGET_CUE, low, clause, start)
    aimed = cue is not None and not cue.group("past") and not OTHER_COUNT.search(low, cue.end(), start)
    if aimed and cue is not None and not cue.group("strong"):
        aimed = AHEAD.search(low, _clause_start(low, start), start) is not None
    if aimed and cue is not None and text[unit_start].isupper() and (
            start - cue.end() > 12 or not m.group("num").startswith("0")) and qualifier is None:
        aimed = False  # `phát triển đô thị 105 Phát triển hạ tầng số`: a table's row number
    if SINGLE_LETTER.match(low, unit_start):
        return None
    if not (aimed or context_aims or (total is not None and total == value)):
        return None
    cut = UNIT_END.search(low, unit_start, m.end())
    unit_end = cut.start() if cut else m.end()
    words = list(WORD.finditer(text, unit_start, unit_end))[:UNIT_WORDS]
    end = words[-1].end() if words else unit_end
    unit = " ".join(text[unit_start:end].split())
    subject_end = SENTENCE_END.search(low, unit_start, unit_start + 200)
    subject = " ".join(text[unit_start:subject_end.start() if subject_end else unit_start + 200].split()[:15])
    return Target(start=start, end=end, text=text[start:end], value=value, unit=unit, qualifier=qualifier,
                  total=total, subject=subject)
