"""Read how a document stands to what it cites, from the words that lead to each citation.

"Căn cứ Nghị quyết ..." is a legal basis, "Thực hiện Kết luận ..." implements,
"tiếp tục thực hiện" continues, "thay thế Quyết định ..." replaces. The cue
phrases live in `extractors/data/relations.yml`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from extractors.reference import load
from extractors.spans import Citation, evolve
from pipeline.model import Document

COMMA = re.compile(r"\s*,\s*")
# Where matching lower-cased text differs from matching case-insensitively:
# "ı" and "ſ" match "i" and "s" only case-insensitively, and "İ" lowers to two
# characters (which would shift every offset after it).
CASE_FOLD_ODD = re.compile("[ıſİ]")
BY = re.compile(r"(?<!\w)(?:bởi|tại)(?!\w)")


@dataclass(frozen=True)
class Cue:
    """A relation cue found in a stretch of text."""

    relation: str
    start: int
    end: int


@dataclass(frozen=True)
class CueTable:
    pattern: re.Pattern[str]
    lowered: re.Pattern[str]
    """`pattern` without re.IGNORECASE, for lower-cased text (see `_cues_in`)."""
    relation_of: dict[str, str]
    order: tuple[str, ...]
    passive: re.Pattern[str]


def _phrase(p: str) -> str:
    # Spaces and commas in a cue match any run of spaces ("sửa đổi,  bổ sung").
    return r"\s*,\s*".join(r"\s+".join(map(re.escape, part.split())) for part in p.split(","))


@cache
def cue_table() -> CueTable:
    """Return the compiled cue phrases of `relations.yml` (compounds first)."""
    data = load("relations")
    relation_of: dict[str, str] = {}
    phrases: list[str] = []
    for group in ("compounds", "cues"):
        for relation, cues in data[group].items():
            for cue in cues:
                key = " ".join(cue.lower().split())
                relation_of.setdefault(key, relation)
                phrases.append(cue)
    # Longest first, so a compound wins over the single word it contains.
    phrases.sort(key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(%s)(?!\w)" % "|".join(_phrase(p) for p in phrases), re.I)
    lowered = re.compile(r"(?<!\w)(%s)(?!\w)" % "|".join(_phrase(p.lower()) for p in phrases))
    passive = re.compile(r"(?<!\w)(%s)(?!\w)" % "|".join(map(re.escape, data["passive"])), re.I)
    return CueTable(pattern, lowered, relation_of, tuple(data["order"]), passive)


def find_cues(text: str, offset: int = 0) -> list[Cue]:
    """Return the cues in `text` (offsets shifted by `offset`), leftmost-longest."""
    cues = _cues_in(text)
    if offset:
        return [Cue(c.relation, offset + c.start, offset + c.end) for c in cues]
    return list(cues)


@lru_cache(maxsize=1 << 14)
def _cues_in(text: str) -> tuple[Cue, ...]:
    """Return the cues in `text`, offsets into `text`.

    The cue pattern is tried at every word, and the same lead-ins come back in
    document after document ("Căn cứ Luật ...", "Thực hiện Kế hoạch số ..."):
    over the scale corpus more than half the texts read were read before."""
    out = []
    for m in cue_matches(text):
        relation = _relation_of_cue(m.group(0))
        if relation:
            out.append(Cue(relation, m.start(), m.end()))
    return tuple(out)


def cue_matches(text: str) -> Iterator[re.Match[str]]:
    """Yield the matches of the cue pattern in `text` (spans as `cue_table().pattern.finditer` gives them).

    Matched in a lower-cased copy without re.IGNORECASE where that finds the
    same (see CASE_FOLD_ODD): twice as fast, as `re` tries a case-insensitive
    literal at far greater cost than a plain one."""
    table = cue_table()
    if CASE_FOLD_ODD.search(text):
        return table.pattern.finditer(text)
    return table.lowered.finditer(text.lower())


@lru_cache(maxsize=1024)
def _relation_of_cue(printed: str) -> str | None:
    """Return the relation of a cue as printed ("Căn cứ", "sửa đổi,  bổ sung")."""
    table = cue_table()
    key = COMMA.sub(", ", " ".join(printed.lower().split()))
    relation = table.relation_of.get(key) or table.relation_of.get(key.replace(", ", " "))
    if relation is None:
        relation = _lookup_loose(key, table)
    return relation


def _lookup_loose(key: str, table: CueTable) -> str | None:
    bare = key.replace(",", "")
    for phrase, relation in table.relation_of.items():
        if phrase.replace(",", "") == bare:
            return relation
    return None


def strongest(relations: list[str]) -> str:
    """Return the relation that wins among `relations` (the first in the table's order)."""
    order = cue_table().order
    ranked = sorted(order.index(r) for r in relations if r in order)
    return order[ranked[0]] if ranked else "mentions"


def relation_in(text: str) -> str | None:
    """Return the relation the cues in `text` state, or None when `text` states none."""
    cues = find_cues(text)
    return strongest([c.relation for c in cues]) if cues else None


def is_passive(text: str) -> bool:
    """Tell whether a description is passive ("được sửa đổi, bổ sung bởi"), flipping its edge."""
    return bool(cue_table().passive.search(text)) and bool(BY.search(text))


# --- assigning relations to citations ---------------------------------------

@dataclass(frozen=True)
class Found:
    """A citation being read, with where its parts end."""

    citation: Citation
    core_end: int
    """End of number, date and issuer: where a description may start."""
    clause_end: int
    """End of the clause holding it (';', a sentence end, a line end)."""
    described: bool
    """Whether a description ("về ...", "sửa đổi ...") follows the core."""


# A coordinated clause of the citing document itself: "... và tổ chức đánh giá
# kết quả 14 năm thực hiện Chỉ thị 13/CT-UBND" starts a new lead-in.
COORDINATED_CLAUSE = re.compile(
    r"\s+(?:và|đồng\s+thời)\s+(?=(?:tổ\s+chức|triển\s+khai|thực\s+hiện|đánh\s+giá|tiếp\s+tục|xây\s+dựng|"
    r"quán\s+triệt|sơ\s+kết|tổng\s+kết|thay\s+thế|bãi\s+bỏ|căn\s+cứ)\b)"
)
# A citation coordinated with the one before it, after that one's description:
# "Nghị định số 06/2013/NĐ-CP ... quy định về bảo vệ cơ quan, doanh nghiệp và Thông tư số 46/2014".
ENDS_COORDINATED = re.compile(r"(?:\s+(?:và|hoặc)|,)\s*(?:các\s+)?$")
GLUE = re.compile(r"^[\s,;:]*(?:(?:và|hoặc|cùng|các|số|;|,)\s*)*[:.]?\s*$", re.I)
LIST_MARKER = re.compile(r"^\s*(?:[-–+•*]|[a-zđ]\)|\d+(?:\.\d+)*[.)]|[IVX]+\.)?\s*")
# Tables of administrative procedures list their legal grounds under this column.
LEGAL_GROUNDS = re.compile(r"^(?:Căn\s+cứ\s+pháp\s+lý|CĂN\s+CỨ\s+PHÁP\s+LÝ)\b")
# The look-behind comes after the full stop so that every branch opens with a
# literal: the engine then skips to ";", "." or a line end instead of trying
# the pattern at every character (same matches as r";|(?<!\d)\.\s|\n").
CLAUSE_START = re.compile(r";|\.(?<!\d\.)\s|\n")


def _lead_in_start(text: str, pos: int, floor: int) -> int:
    """Return where the clause holding `pos` starts (a sentence end, ';' or the line start)."""
    best = floor
    for m in CLAUSE_START.finditer(text, floor, pos):
        best = m.end()
    return best


@lru_cache(maxsize=1 << 14)
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


def _paragraph_cue(doc: Document, start: int, memo: dict[int, str | None]) -> str | None:
    """Return the relation an introducing line states for the list item holding `start`.

    "..., trọng tâm là:" followed by "- Kết luận ..." items; the "Căn cứ pháp lý"
    column of a table of administrative procedures."""
    para = doc.paragraph_at(start)
    if para is None or para.index == 0:
        return None
    if para.index in memo:
        return memo[para.index]
    result = None
    for prev in reversed(doc.paragraphs[max(0, para.index - 120) : para.index]):
        line = doc.text[prev.start : prev.end].strip()
        if LEGAL_GROUNDS.match(line):
            result = "basis"
            break
        if prev.kind in ("item", "recipients") and prev.label in ("-", "+", "•") and para.label in ("-", "+", "•"):
            continue
        if line.endswith(":") and para.kind in ("item", "recipients"):
            result = relation_of_lead(line[:400])
            break
        if para.kind not in ("item", "recipients"):
            break
    memo[para.index] = result
    return result


def _is_glue(text: str) -> bool:
    return bool(GLUE.match(text))


def assign_relations(doc: Document, found: list[Found]) -> list[Citation]:
    """Set each citation's relation to the document and, for one named inside
    another's description, its parent and the parent's relation to it."""
    text = doc.text
    out: list[Citation] = []
    chain: list[tuple[Found, Citation]] = []  # citations of the current clause, in order
    last_top: Citation | None = None  # last top-level citation of the paragraph
    para_index = -1
    memo: dict[int, str | None] = {}
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
            # The last coordinated clause in between, if any, starts the lead-in.
            coordinated = None
            for coordinated in COORDINATED_CLAUSE.finditer(between):  # noqa: B007
                pass
            if _is_glue(between) or (ENDS_COORDINATED.search(between) and not coordinated):
                sibling = last_c  # same level as the citation before
            elif coordinated:
                lead_from = last_f.core_end + coordinated.end()
            elif last_f.described or find_cues(between):
                parent = last_c
                # The description's verb decides: "được sửa đổi, bổ sung tại" amends, not refers.
                parent_rel = relation_in(between) or "mentions"
                if is_passive(between):
                    parent_rel = "passive:" + parent_rel
        if sibling is not None and sibling.parent is not None:
            c = evolve(c, relation="mentions", parent=sibling.parent, parent_relation=sibling.parent_relation)
        elif parent is not None:
            c = evolve(c, relation="mentions", parent=parent.key, parent_relation=parent_rel)
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
                rel = _paragraph_cue(doc, c.start, memo) or "mentions"
            if rel != c.relation:  # most stay "mentions": no copy
                c = evolve(c, relation=rel)
            last_top = c
        if doc.annex_start is not None and c.start >= doc.annex_start and c.relation != "mentions":
            c = evolve(c, relation="mentions")
        chain.append((f, c))
        out.append(c)
    return _consolidated(doc, out)


def _consolidated(doc: Document, cites: list[Citation]) -> list[Citation]:
    """In a consolidated text, the documents its preamble lists are what it consolidates."""
    if doc.identity.doc_type != "Văn bản hợp nhất":
        return cites
    preamble = re.search(r"(?m)^(?:Căn\s+cứ|Theo\s+đề\s+nghị)", doc.text[doc.body_start :])
    end = doc.body_start + preamble.start() if preamble else doc.body_start
    return [evolve(c, relation="consolidates") if doc.body_start <= c.start < end and c.parent is None else c
            for c in cites]


def trim_titles(cites: list[Citation]) -> list[Citation]:
    """End a title where the next citation of the same clause begins ("... và Quyết định số 04")."""
    out = []
    for i, c in enumerate(cites):
        if c.title and c.form == "full" and i + 1 < len(cites):
            nxt = cites[i + 1]
            cut = c.title.find(nxt.text[:20]) if nxt.parent is None else -1
            if cut > 0:
                c = evolve(c, title=re.sub(r"\s*(?:,|và|;)?\s*$", "", c.title[:cut]).strip(" “”\"") or None)
        out.append(c)
    return out
