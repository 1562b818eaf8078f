"""Find the documents a directive cites, and how it stands to each.

Four forms, all resolved to one key per cited document within the text:

- full: a number and symbol with what surrounds it (`Nghị quyết số 36-NQ/TU
  ngày 20/01/2023 của Ban Thường vụ Tỉnh ủy về “...”`), found by
  `extractors.symbols`;
- short: `Nghị quyết số 36`, resolved to the full citation it abbreviates;
- alias: `Đề án 06` for the decision approving it, or a name the text defines
  (`(gọi tắt là ...)`);
- named: documents without a number (`Luật Cư trú năm 2020`), found by
  `extractors.named`.

The document's own number (in its annex: `Kèm theo Quyết định số 254/QĐ-UBND`)
and self-references (`Kế hoạch này`) are not citations. Relations to the
citing document come from `extractors.relations`.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from extractors.datetext import DATE_AFTER, iso
from extractors.named import canonical_type, literal_matches, named_citations
from extractors.reference import expand_abbreviations
from extractors.relations import Found, assign_relations, trim_titles
from extractors.spans import Citation, Span, Spans, evolve
from extractors.symbols import clean_number, find_symbols, type_before
from pipeline.directives import number_key
from pipeline.layout import type_from_symbol
from pipeline.model import Document
from pipeline.normalize import fold

# Form codes in annexes ("Mẫu số 01/TB-ĐKKD") and appendix numbers are not documents.
NOT_A_DOCUMENT = re.compile(r"(?:Mẫu|mẫu|MẪU|Phụ lục|PHỤ LỤC|Biểu|biểu)\s*(?:số)?\s*[:.]?\s*$")
# "của Ban Thường vụ Tỉnh ủy", "do Thủ tướng Chính phủ", "giữa Bộ Công an và ...".
ISSUER_AFTER = re.compile(r"\s*,?\s*(?:của|do|giữa|Của)\s+(?=[A-ZĐÀ-Ỹ])")
# Abbreviations an issuer is written out from: "của UBND tỉnh" -> "Ủy ban nhân dân tỉnh".
ABBREVIATED = re.compile(r"\b(?:UBND|HĐND|BTV|BCH|MTTQ)\b")
SUBJECT_LEAD = re.compile(r"^\(?\s*(?:về\s+việc|về|V/v|v/v)\s+")
AND_GLUE = re.compile(r"\s*(?:và|hoặc)\s*(?:số\s*)?")
WORD = re.compile(r"\w+")
# Where an issuer's name stops: the subject, a verb of the description, punctuation.
ISSUER_END = re.compile(
    r"\s+(?:về|ban\s+hành|quy\s+định|phê\s+duyệt|hướng\s+dẫn|sửa\s+đổi|bổ\s+sung|v/v|V/v|"
    r"triển\s+khai|thực\s+hiện|tại|trong|đối\s+với|theo|đã|được|khóa|khoá|Khóa|nhằm|để|"
    r"ngày|năm|thì|cho|với|trên|tổ\s+chức|công\s+bố|thông\s+qua|ký|về\s+việc)(?!\w)"
    r"|\s*[,;:.()“”\"\n]|\s+và\s+(?=(?:các\s+)?[a-zđ])"
)
# "của Bộ Chính trị (khóa XII)", "của Ban Chấp hành Trung ương khóa XI".
TERM_AFTER = re.compile(r"\s*\(?\s*(?:khóa|khoá|Khóa|Khoá|KHÓA)\s+(?P<term>[IVXLivxl]{1,6})\b\s*\)?")
# The subject of a cited document: "về “...”", "về việc ...", "ban hành ...",
# "được sửa đổi, bổ sung bởi ..." (passive: the next citation amends this one).
DESCRIPTION = re.compile(
    r"\s*,?\s*\(?\s*(?P<lead>về\s+việc|về|V/v|v/v|ban\s+hành|quy\s+định|phê\s+duyệt|hướng\s+dẫn|sửa\s+đổi|"
    r"bổ\s+sung|thông\s+qua|triển\s+khai|thực\s+hiện|được\s+(?:sửa\s+đổi|bổ\s+sung|thay\s+thế|bãi\s+bỏ|"
    r"hướng\s+dẫn|quy\s+định|hợp\s+nhất))(?!\w)"
)
CLAUSE_END = re.compile(r";|\.(?=\s|$)(?<!\d\.)|\n|\(\s*(?:sau\s+đây\s+)?(?:gọi|viết)\s+tắt")
# "(gọi tắt là Nghị quyết số 36-NQ/TU)", "(sau đây gọi tắt là Đề án 06)".
ALIAS_DEF = re.compile(r"\(\s*(?:sau\s+đây\s+)?(?:gọi|viết)\s+tắt\s+(?:là\s+)?(?P<alias>[^()\n]{2,80}?)\s*\)")
# Words that only join list items: "Nghị quyết số 36-NQ/TU và 48-NQ/TU", "; số 328/TB-VPCP".
LIST_GLUE = re.compile(r"^[\s,;:]*(?:(?:và|hoặc|cùng|các|số|;|,)\s*)*[:.]?\s*$", re.I)
# A law named before its number: "Luật Đấu thầu số 22/2023/QH15".
LAW_BEFORE = re.compile(r"(?<!\w)(?:Bộ\s+luật|Luật|Pháp\s+lệnh)\s+")
SO_AT_END = re.compile(r"(?:số|Số|SỐ)\s*[:.]?\s*$")
NUMBER_WORD_END = re.compile(r"\s*(?:số|Số)\s*[:.]?\s*$")
AMENDING_START = re.compile(r"sửa\s+đổi", re.I)
NUMBERISH = re.compile(r"\d|\bsố\b")
# Other types inside a would-be law name mean two documents ("Luật Đất đai và Nghị định số ...").
OTHER_TYPE = re.compile(r"(?<!\w)(?:Nghị\s+định|Thông\s+tư|Quyết\s+định|Nghị\s+quyết|Chỉ\s+thị)(?!\w)")


# The same symbols come back document after document ("36-NQ/TU",
# "05/2025/NĐ-CP"): over the scale corpus one symbol in six is new, and each
# lookup runs regular expressions over it, so both are memoised.
_symbol_key = lru_cache(maxsize=1 << 14)(number_key)
_implied_type = lru_cache(maxsize=1 << 14)(type_from_symbol)


def _issuer(text: str, start: int) -> tuple[str | None, int]:
    """Return the issuer named from `start` and where it ends."""
    end_m = ISSUER_END.search(text, start, min(len(text), start + 160))
    end = end_m.start() if end_m else min(len(text), start + 120)
    name = text[start:end].strip()
    words = name.split()
    if not words or len(words) > 16:
        return None, start
    if ABBREVIATED.search(name):
        name = expand_abbreviations(name)
    return name, end


def _code_names_type(number: str) -> bool:
    """Tell whether a symbol's code is a type code of the tables ("KL" in 44-KL/TW), not a guess."""
    implied = _implied_type(number)
    return implied is not None and implied != "Công văn"


def _law_before(text: str, start: int, floor: int) -> tuple[str, str, int] | None:
    """Return (type, title, start) for a law named before its number: "Luật Đấu thầu số 22/2023/QH15"."""
    window_start = max(floor, start - 180)
    window = text[window_start:start]
    # Most symbols have no law before them: the words LAW_BEFORE needs
    # ("Luật", "luật", "lệnh") are looked for first, at C speed.
    if ("uật" not in window and "lệnh" not in window) or not _ends_with_number_word(window):
        return None
    for m in reversed(list(LAW_BEFORE.finditer(window))):
        name = NUMBER_WORD_END.sub("", window[m.end() :]).strip()
        words = name.split()
        limit = 30 if AMENDING_START.match(name) else 14
        if not words or len(words) > limit or NUMBERISH.search(name):
            return None
        if OTHER_TYPE.search(name):
            return None
        kind = " ".join(m.group(0).split())
        return kind, "%s %s" % (kind, name), window_start + m.start()
    return None


def _ends_with_number_word(window: str) -> bool:
    """Tell whether NUMBER_WORD_END matches in `window`: "số" or "Số", then spaces and one ":" or "."

    Stripped from the end rather than searched: the pattern starts with
    spaces and ends with $, so a search tries it at each of the 180 places."""
    j = len(window.rstrip())
    if j and window[j - 1] in ":.":
        j = len(window[: j - 1].rstrip())
    return j >= 2 and window[j - 2 : j] in ("số", "Số")


def _parse_full(doc: Document, m: re.Match[str], prev: Found | None) -> Found | None:
    """Read the citation around symbol `m`: type before it; date, issuer and subject after."""
    text = doc.text
    number = clean_number(m)
    floor = text.rfind("\n", 0, m.start()) + 1
    if floor > 1 and SO_AT_END.search(text[max(0, floor - 12) : floor - 1]):
        floor = text.rfind("\n", 0, floor - 1) + 1  # "Nghị quyết số⏎973/2020/UBTVQH14"
    if NOT_A_DOCUMENT.search(text[max(floor, m.start() - 20) : m.start()]):
        return None
    start, title, printed, typed = m.start(), None, None, "symbol"
    law = _law_before(text, m.start(), floor)
    direct = type_before(text, m.start(), floor)
    if direct and law and law[2] < direct[1]:
        direct = None  # "Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15"
    if direct:
        printed, start, typed = direct[0], direct[1], "printed"
    elif law:
        printed, title, start = law[0], law[1], law[2]
        typed = "printed"
    elif prev is not None and LIST_GLUE.match(text[prev.core_end : m.start()]):
        typed = "list"
    doc_type = canonical_type(printed)
    implied = _implied_type(number)
    # A bare symbol with no type, no "số" and no code that names a type
    # ("507/PCTNXH-Sở" in a table of indicators, "01/TSMH" a form) is a
    # document only if a date or an issuer follows.
    bare = typed == "symbol" and not SO_AT_END.search(text[max(floor, m.start() - 6) : m.start()])
    if bare and not _code_names_type(number) and not (
        DATE_AFTER.match(text, m.end()) or ISSUER_AFTER.match(text, m.end())
    ):
        return None
    if doc_type in (None, "Văn bản", "Văn bản quy phạm pháp luật"):
        doc_type = implied
        if typed == "list" and prev is not None and (implied is None or implied == prev.citation.doc_type):
            doc_type = prev.citation.doc_type

    pos, date, issuer = m.end(), None, None
    for _ in range(2):  # the date may come before or after the issuer
        dm = DATE_AFTER.match(text, pos)
        if dm and date is None:
            date, pos = iso(dm), dm.end()
            continue
        im = ISSUER_AFTER.match(text, pos)
        if im and issuer is None:
            issuer, end = _issuer(text, im.end())
            if issuer:
                pos = end
                continue
        break
    term = None
    tm = TERM_AFTER.match(text, pos)
    if tm:
        term, pos = tm.group("term").upper(), tm.end()
    core_end = pos
    clause = CLAUSE_END.search(text, core_end)
    clause_end = clause.start() if clause else len(text)
    dm = DESCRIPTION.match(text, core_end)
    if dm and title is None:
        body = SUBJECT_LEAD.sub("", text[dm.start() : clause_end].strip(" ,"))
        title = body.strip(" “”\"")[:300] or None
    citation = Citation(
        start=start, end=m.end(), text=text[start : m.end()], doc_type=doc_type, number=number,
        date=date, issuer=issuer, title=title, year=int(date[:4]) if date else None,
        relation="mentions", form="full", key="n:" + _symbol_key(number), term=term,
    )
    return Found(citation, core_end, clause_end, bool(dm))


def _share_within_lists(found: list[Found], text: str) -> list[Found]:
    """Give list siblings the date and issuer printed once after them ("số 008 và số 009 ngày 19/11/2025")."""
    out = list(found)
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        glue = text[a.core_end : b.citation.start]
        # "," and "và" join items sharing what follows; ";" closes an item.
        if not LIST_GLUE.match(glue) or ";" in glue:
            continue
        ca, cb = a.citation, b.citation
        if ca.issuer is None and cb.issuer:
            ca = evolve(ca, issuer=cb.issuer)
        if ca.date is None and cb.date and AND_GLUE.fullmatch(glue):
            ca = evolve(ca, date=cb.date, year=cb.year)
        if ca is not a.citation:  # most items share nothing: no copy
            out[i] = evolve(a, citation=ca)
    return out


def _full_citations(doc: Document) -> list[Found]:
    found: list[Found] = []
    own = "n:" + _symbol_key(doc.identity.number) if doc.identity.number else None
    prev: Found | None = None
    # "(gọi tắt là Nghị quyết số 36-NQ/TU)" names the citation before it; it cites nothing new.
    defining = [(m.start(), m.end()) for m in ALIAS_DEF.finditer(doc.text)] if "tắt" in doc.text else []
    # finditer's matches do not overlap, so they are in order by start and by end.
    defining_starts = [a for a, _ in defining]
    for m in find_symbols(doc.text):
        parsed = _parse_full(doc, m, prev)
        if parsed is None:
            continue
        if own and parsed.citation.key == own:
            continue  # the document's own number ("Kèm theo Quyết định số 254/QĐ-UBND")
        i = bisect_right(defining_starts, m.start()) - 1
        if i >= 0 and m.start() < defining[i][1]:
            parsed = evolve(parsed, citation=evolve(parsed.citation, form="alias"))
        found.append(parsed)
        prev = parsed
    return _share_within_lists(found, doc.text)


# --- short forms and aliases -------------------------------------------------

# Types whose short form may stand for a decision that approved it ("Đề án 06").
ALIAS_TYPES = ("Đề án", "Chương trình", "Kế hoạch", "Dự án", "Chiến lược", "Quy hoạch")


SHORT_TAIL = re.compile(r"\s+(?:số\s+)?(?P<n>\d{1,5})(?![\d/\-–\w])")


def _short_forms(doc: Document, full: list[Citation], taken: list[tuple[int, int]]) -> list[Citation]:
    """Return short forms ("Nghị quyết số 36", "Chỉ thị 09") and number aliases ("Đề án 06") that resolve.

    Only the types the text cites in full can resolve, so only their names are
    looked for, in the three ways a text writes them (Chỉ thị, chỉ thị, CHỈ THỊ)."""
    text = doc.text
    if not full:
        return []
    kinds = {c.doc_type for c in full if c.doc_type} | set(ALIAS_TYPES)
    spans = Spans(taken)
    # Full citations by their number without leading zeros ("36" for "036-NQ/TU"),
    # in text order: a short form looks up its own, not every citation, which
    # kept a long text's time quadratic.
    by_number: dict[str, list[Citation]] = {}
    for f in full:
        if f.number:
            stripped = f.number.lstrip("0")
            by_number.setdefault(stripped[: len(stripped) - len(stripped.lstrip("0123456789"))], []).append(f)
    # What a number and a type resolve to, kept: a long text repeats its
    # short forms, and looking again scanned all the citations with that number.
    resolved: dict[tuple[str, str], tuple[list[Citation], list[int], str] | None] = {}
    out = []
    for pos, end in literal_matches(text, frozenset(v for k in kinds for v in (k, k.upper()))):
        printed = text[pos:end]
        tail = SHORT_TAIL.match(text, end)
        if tail and not (pos and text[pos - 1].isalnum()) and spans.free(pos, tail.end()):
            n = tail.group("n").lstrip("0") or "0"
            kind = canonical_type(printed) or printed
            if (n, kind) not in resolved:
                resolved[n, kind] = _short_targets(n, kind, by_number)
            found = resolved[n, kind]
            if found is not None:
                same, starts, form = found
                # The last one before the short form, else the first after it:
                # `full` is in text order, so the ones before are a prefix.
                i = bisect_left(starts, pos)
                target = same[i - 1] if i else same[0]
                out.append(Citation(
                    start=pos, end=tail.end(), text=text[pos : tail.end()], doc_type=target.doc_type,
                    number=target.number, date=None, issuer=None, title=None, year=None, relation="mentions",
                    form=form, key=target.key,
                ))
                spans.add(pos, tail.end())
    taken.extend((c.start, c.end) for c in out)
    return sorted(out, key=lambda c: c.start)


def _short_targets(n: str, kind: str, by_number: dict[str, list[Citation]]
                   ) -> tuple[list[Citation], list[int], str] | None:
    """Return the full citations a short form of number `n` and type `kind` may stand for, their starts and form."""
    candidates = [f for f in by_number.get(n, ()) if (f.number or "").lstrip("0")[len(n) : len(n) + 1] in ("/", "-")]
    same = [f for f in candidates if f.doc_type == kind]
    form = "short"
    if not same:
        # "Đề án 06" after "Quyết định số 06/QĐ-TTg ... phê duyệt “Đề án ...”".
        folded = fold(kind)
        same = [f for f in candidates if f.title and folded in _title_key(f.title)[0]]
        form = "alias"
    if not same:
        return None
    return same, [f.start for f in same], form


def _defined_aliases(doc: Document, cites: list[Citation], taken: list[tuple[int, int]]) -> list[Citation]:
    """Names a text defines for a citation ("(gọi tắt là Đề án 06)") and their later uses."""
    text = doc.text
    if "tắt" not in text:
        return []
    # A definition names the last citation of `cites` (in list order) that
    # ends before it. The minimum of the ends from each index on rises with
    # the index, so the citations ending before a place are counted by
    # bisection, whatever the order of `cites`: a long text no longer
    # scans every citation for each definition.
    ends_after = [c.end for c in cites]
    for i in range(len(ends_after) - 2, -1, -1):
        ends_after[i] = min(ends_after[i], ends_after[i + 1])
    defined: dict[str, Citation] = {}
    for m in ALIAS_DEF.finditer(text):
        alias = m.group("alias").strip(" “”\"")
        n_before = bisect_right(ends_after, m.start())
        if n_before and re.search(r"\d", alias) and "/" not in alias:
            defined[alias] = cites[n_before - 1]
    if not defined:
        return []
    out = []
    free = _Free(taken)
    for alias, target in defined.items():
        for m in re.finditer(r"(?<!\w)%s(?!\w)" % re.escape(alias), text):
            if free(m.start(), m.end()):
                out.append(Citation(
                    start=m.start(), end=m.end(), text=m.group(0), doc_type=target.doc_type,
                    number=target.number, date=None, issuer=None, title=None, year=None,
                    relation="mentions", form="alias", key=target.key,
                ))
                taken.append((m.start(), m.end()))
                free.add(m.start(), m.end())
    return out


class _Free:
    """Tell exactly whether a stretch overlaps none of the taken spans, in logarithmic time.

    `extractors.spans.Spans` looks at the nearest few spans only, which is
    exact for spans that do not overlap; the spans taken before the aliases
    come from several finders, so here nothing is assumed of them: sorted by
    start with the running maximum of their ends, the spans starting before a
    stretch's end overlap it if and only if that maximum passes its start.
    The alias uses added are free of everything before them, so of each
    other: among them only the last one starting before the end can reach
    into the stretch."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._reach: list[int] = []
        reach = -1
        for _, e in ordered:
            reach = max(reach, e)
            self._reach.append(reach)
        self._added_starts: list[int] = []
        self._added_ends: list[int] = []

    def __call__(self, start: int, end: int) -> bool:
        i = bisect_left(self._starts, end)
        if i and self._reach[i - 1] > start:
            return False
        j = bisect_left(self._added_starts, end)
        return not (j and self._added_ends[j - 1] > start)

    def add(self, start: int, end: int) -> None:
        j = bisect_left(self._added_starts, start)
        self._added_starts.insert(j, start)
        self._added_ends.insert(j, end)


@lru_cache(maxsize=1 << 14)
def _title_key(title: str) -> tuple[str, frozenset[str]]:
    """Return a title folded and its set of words.

    The same laws and resolutions are cited by title in document after
    document (a fifth of the titles over the scale corpus are distinct), and
    folding a long title runs three regular expressions over it."""
    key = fold(title)
    return key, frozenset(WORD.findall(key))


def _recut_law_names(named: list[Citation], full: list[Citation]) -> list[Citation]:
    """Cut a named law to the longest name the text states cleanly elsewhere.

    "Luật Trí tuệ nhân tạo bao gồm ..." -> "Luật Trí tuệ nhân tạo", when the text
    also prints "Luật Trí tuệ nhân tạo số 134/2025/QH15" or "... ngày 10/12/2025"."""
    known = {fold(c.title): c.title for c in full if c.title and c.title.startswith(("Luật", "Bộ luật"))}
    known.update({fold(c.title): c.title for c in named if c.title and (c.date or c.year)})
    out = []
    for c in named:
        if c.doc_type in ("Luật", "Bộ luật") and c.title:
            key = fold(c.title)
            best = max((k for k in known if key.startswith(k + " ") and len(k.split()) >= 2), key=len, default=None)
            if best:
                c = evolve(c, title=known[best], key="t:" + best)
        out.append(c)
    return out


def _resolve_named(named: list[Citation], full: list[Citation]) -> list[Citation]:
    """A named citation that repeats a numbered one's name or title is that document."""
    if not any(c.title for c in named):
        return list(named)  # nothing to look up: no full title need be folded
    titles = _Titles(full)
    out = []
    for c in named:
        target = titles.match(c.title) if c.title else None
        out.append(evolve(c, key=target.key, form="alias", number=target.number) if target else c)
    return out


class _Titles:
    """The titles of a text's full citations, for finding the first one like a given title.

    Like means the same folded title or, for five words or more, 70% of the
    words in common (`_alike`). Checking every title for each named citation
    made a long text's time quadratic; instead:

    - titles with the same folded key have the same words, so each key is
      checked once, and the first citation with it stands for all;
    - the answer for a title is kept, as named citations repeat;
    - past `scan_limit` keys (a text has ten on average, so the scan is
      cheaper there than building an index), two word sets with 70% in
      common share a word among the first n - ceil(0.7 n) + 1 words of
      each (n its size), once both are sorted in one order (the rarest
      first): the first common word in that order comes after at most
      n - ceil(0.7 n) words not in common. Each key is indexed by those
      first words only, so a title is compared with the keys that share one
      (the "prefix filter" of similarity joins)."""

    def __init__(self, full: list[Citation], scan_limit: int = 64) -> None:
        self.first: dict[str, Citation] = {}
        for f in full:
            if f.title:
                self.first.setdefault(_title_key(f.title)[0], f)
        self.keys = list(self.first)  # in order of first citation: the rank to beat
        self.words = [_title_key(self.first[k].title or "")[1] for k in self.keys]
        self.scan_limit = scan_limit
        self.rank: dict[str, int] = {}
        self.frequency: dict[str, int] = {}
        self.postings: dict[str, list[int]] | None = None
        self.found: dict[str, Citation | None] = {}

    def _index(self) -> dict[str, list[int]]:
        self.rank = {k: r for r, k in enumerate(self.keys)}
        for words in self.words:
            for w in words:
                self.frequency[w] = self.frequency.get(w, 0) + 1
        postings: dict[str, list[int]] = {}
        for rank, words in enumerate(self.words):
            for w in self._prefix(words):
                postings.setdefault(w, []).append(rank)
        return postings

    def _prefix(self, words: frozenset[str]) -> list[str]:
        # `_alike` asks for at least 0.7 * (all the words) in common, so at
        # least ceil(0.7 * n) of each set's n: the same float product, so
        # rounding cannot make the prefix too short.
        n = len(words)
        ordered = sorted(words, key=lambda w: (self.frequency.get(w, 0), w))
        return ordered[: n - math.ceil(0.7 * n) + 1]

    def match(self, title: str) -> Citation | None:
        """Return the first full citation whose title is like `title`, or None."""
        key, words = _title_key(title)
        if key in self.found:
            return self.found[key]
        if len(words) < 5:
            target = self.first.get(key)  # too short to be like another: the same title only
        else:
            if len(self.keys) <= self.scan_limit:
                ranks: Iterable[int] = range(len(self.keys))
            else:
                if self.postings is None:
                    self.postings = self._index()
                found = {r for w in self._prefix(words) for r in self.postings.get(w, ())}
                if key in self.rank:
                    found.add(self.rank[key])
                ranks = sorted(found)
            best = next((r for r in ranks if self.keys[r] == key or _alike(words, self.words[r])), None)
            target = self.first[self.keys[best]] if best is not None else None
        self.found[key] = target
        return target


def _alike(a: frozenset[str], b: frozenset[str]) -> bool:
    """Tell whether two titles share 70% of their words."""
    # The sizes alone rule out most pairs: the common words are at most the
    # smaller set, all the words at least the larger.
    if min(len(a), len(b)) < 0.7 * max(len(a), len(b)):
        return False
    return len(a & b) >= 0.7 * len(a | b)


def extract(doc: Document, found: Mapping[str, Sequence[Span]] | None = None) -> list[Citation]:
    """Return every citation in `doc`, in text order, each with its key and relation."""
    full_found = _full_citations(doc)
    taken = [(f.citation.start, f.citation.end) for f in full_found]
    text = doc.text
    named = []
    for c in named_citations(doc, taken):
        clause = CLAUSE_END.search(text, c.end)
        named.append(Found(c, c.end, clause.start() if clause else len(text), False))
    both = sorted(full_found + named, key=lambda f: f.citation.start)
    related = trim_titles(assign_relations(doc, both))
    numbered = [c for c in related if c.number]
    unnumbered = _recut_law_names([c for c in related if not c.number], numbered)
    related = numbered + _resolve_named(unnumbered, numbered)
    short = _short_forms(doc, numbered, taken)
    aliases = _defined_aliases(doc, related, taken)
    return sorted(related + short + aliases, key=lambda c: c.start)

