"""The spaCy pipeline that finds names of bodies: a tokenizer, a SpanRuler and a chunker.

`spacy.blank("vi")` wants pyvi for word segmentation; we replace its
tokenizer with a syllable tokenizer (one token per syllable or punctuation
mark), which is what the gazetteer's names are made of. A `SpanRuler` fed by
`extractors/data/bodies.yml` tags the pieces of names (heads, full names,
fields, levels, office titles, place names) as (start, end, label, id) tuples
(`PartRuler`); the `body_chunker` component assembles them into names,
following the grammar described at the top of bodies.yml, and stores their
parses in `doc.user_data["bodies"]`; `names` gives them with character offsets.
The pipeline reads short texts (a document's windows, a recipient entry);
`extractors.name_cache` reads each distinct text once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import NamedTuple

import spacy
from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc

from extractors.gazetteer import (
    COMMITTEE,
    FIELD,
    LOCAL,
    NAMED,
    OPEN,
    UNIT,
    Gazetteer,
    Head,
    gazetteer,
    ruler_patterns,
)
from extractors.syllables import SyllableTokenizer, Toks, char_span

__all__ = ["BodyParse", "Found", "names", "nlp"]

class Part(NamedTuple):
    """A piece tagged by the SpanRuler: token offsets, label, id and text.

    A NamedTuple, not a frozen dataclass: the chunker makes one per piece
    (~250 per document), and a frozen dataclass's `__init__` costs three times
    as much."""

    start: int
    end: int
    label_: str
    id_: str
    text: str


# Makes a Part from a 5-tuple without NamedTuple's generated `__new__` (`Chunker`).
new_part = tuple.__new__
# The labels a name may begin with (`Chunker.parse_at`).
NAME_STARTS = frozenset({"OFFICE", "NAMED", "HEAD"})


class BodyParse(NamedTuple):
    """How a name found in the text is built, token offsets within its Doc.

    (`extractors.name_cache` keeps them counted from the name's first token.)

    A NamedTuple rather than a dataclass: the chunker copies parses often, and
    `_replace` costs a tenth of `dataclasses.replace`."""

    start: int
    end: int
    head: str
    """Canonical head ("Ủy ban nhân dân"), or the canonical full name for NAMED."""
    kind: str
    field: str | None = None
    """Canonical field ("Tài chính") or the printed open field ("Quản lý đấu thầu")."""
    level: str | None = None
    """Canonical level ("tỉnh") for a jurisdiction, or a class's printed scope ("các xã, phường")."""
    place: str | None = None
    parent: BodyParse | None = None
    office: str | None = None
    is_class: bool = False
    upper: bool = False
    """Printed in capitals (headers and headings)."""


# Punctuation that may join the parts of one name: "Thi đua - Khen thưởng",
# "Văn hóa, Thể thao và Du lịch".
JOINERS = {"-", "–", ",", "và", "&"}
# A unit's code: "Phòng PV01", "Cục V05", "Phòng PC06".
OCR_LEVELS = {"tính"}
# Legal forms that open a company's name without naming it.
LEGAL_FORMS = {"cổ", "phần", "tnhh", "cp", "mtv", "một", "thành", "viên", "liên", "doanh", "danh", "hữu", "hạn",
               "trách", "nhiệm"}
# A number ends an open field ("Phòng Studio 2,7 190"); spaCy's like_num would
# also stop at the syllable "tư" of "Đầu tư".
NUMBER = re.compile(r"^\d+(?:[.,]\d+)*$")
CODE = re.compile(r"^[A-ZĐ]{1,4}\d{1,3}$")
# Words that stop a name however it is spelled.
HARD_STOPS = {".", ";", ":", "(", ")", "[", "]", "\"", "“", "”", "/", "?", "!", "…", "*", "¶"}
# Heads whose lower-case field runs to the level word that ends it: "Ban Chỉ
# đạo phòng, chống tội phạm, ... an ninh Tổ quốc tỉnh" (bodies.yml `lower`).
DESCRIPTIVE_REACH = 28
# Words that cannot belong to a descriptive name: its sentence's verb has begun.
DESCRIPTIVE_STOPS = {"chủ trì", "phối hợp", "có", "là", "được", "đã", "sẽ", "tham mưu", "ban hành",
                     "báo cáo", "chỉ đạo", "hướng dẫn", "đề nghị", "của", "tại", "theo", "giao",
                     "thành lập", "gồm", "kiểm tra", "đôn đốc", "thì", "để", "nhằm"}
OPEN_REACH = 10
# Parents that a unit's name includes ("Ban Tuyên giáo Tỉnh ủy", "Phòng
# Tham mưu Công an tỉnh"); a central parent of a Cục or Vụ is a body of its own.
LOCAL_PARENTS = {LOCAL, COMMITTEE, UNIT}
# Heads that take a parent printed after a comma in recipient lists:
# "Phòng Tham mưu, Công an tỉnh".
COMMA_PARENT_HEADS = {"Phòng"}


def _is_cap(text: str) -> bool:
    return text[:1].isupper() or text[:1].isdigit()


class Chunker:
    """Assemble the pieces tagged by the SpanRuler into names (`BodyParse`)."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz

    def __call__(self, doc: Doc) -> Doc:
        words, spaces = doc.user_data["words"]
        toks = Toks(words, spaces)
        parts: dict[int, list[Part]] = {}
        # Only a title, a full name or a head can begin a name (`parse_at` reads
        # nothing else at its token): the levels, fields and places, most of
        # the pieces, get no call.
        candidates: list[int] = []
        # The ruler's tuples come sorted by start, then longest first: no sort here.
        for a, b, label, id_ in doc.user_data["body_parts"]:
            # Most pieces are one syllable, most others spaced syllables: C-level
            # joins for them, the general join (a generator) for "Thi đua-Khen".
            if b == a + 1:
                text = words[a]
            elif all(spaces[a:b - 1]):
                text = " ".join(words[a:b])
            else:
                text = "".join(words[i] + (" " if spaces[i] and i < b - 1 else "") for i in range(a, b))
            # `tuple.__new__` straight: NamedTuple's generated `__new__` is a Python
            # frame per piece, a third of the cost of making one.
            part = new_part(Part, (a, b, label, id_, text))
            if a in parts:
                parts[a].append(part)
            else:
                parts[a] = [part]
            if label in NAME_STARTS and (not candidates or candidates[-1] != a):
                candidates.append(a)
        found: list[BodyParse] = []
        i = 0
        for start in candidates:
            if start < i:
                continue
            parses = self.parse_at(toks, parts, start)
            if parses:
                found.extend(parses)
                i = max(p.end for p in parses)
        doc.user_data["bodies"] = found
        return doc

    # -- helpers over the tagged pieces ------------------------------------
    @staticmethod
    def _longest(parts: dict[int, list[Part]], i: int, label: str) -> Part | None:
        for span in parts.get(i, ()):
            if span.label_ == label:
                return span
        return None

    @staticmethod
    def _all(parts: dict[int, list[Part]], i: int, label: str) -> list[Part]:
        return [s for s in parts.get(i, ()) if s.label_ == label]

    def _starts_name(self, parts: dict[int, list[Part]], i: int) -> bool:
        spans = parts.get(i)
        return bool(spans) and _is_cap(spans[0].text) and any(  # type: ignore[index]
            s.label_ in ("HEAD", "NAMED", "OFFICE") for s in spans)  # type: ignore[union-attr]

    def _level_at(self, doc: Toks, parts: dict[int, list[Part]], i: int, slips: bool = False) -> Part | None:
        """Return the level word at token i if it is one here ("xã" in "xã hội" is not).

        OCR slips ("tính" for "tỉnh") count only with `slips`, right after a head:
        "máy tính" is a computer."""
        level = self._longest(parts, i, "LEVEL")
        if level is None or (not slips and level.text.lower() in OCR_LEVELS):
            return None
        nxt = doc[level.end] if level.end < len(doc) else None
        if nxt is None or not nxt.is_lower:
            return level
        if self.gaz.levels[level.id_] in ("tỉnh", "thành phố", "huyện", "quận", "thị xã") \
                and nxt.lower_ not in ("ủy", "uỷ", "đoàn", "lộ", "hội", "đội"):
            return level
        return None

    @staticmethod
    def _in_symbol(doc: Toks, i: int) -> bool:
        """Whether token i is glued to a document symbol: "QĐ-UBND", "NQ/TU"."""
        if i == 0:
            return False
        # Read from the words and spaces: no `Tok` for a token read only here.
        return doc.words[i - 1] in "-/" and not doc.spaces[i - 1] and i >= 2 and not doc.spaces[i - 2]

    # -- the grammar -------------------------------------------------------
    def parse_at(self, doc: Toks, parts: dict[int, list[Part]], i: int) -> list[BodyParse]:
        """Return the names starting at token i (several for a shared-head list), or []."""
        office = None
        j = i
        title = self._longest(parts, i, "OFFICE")
        if title is not None and title.end < len(doc):
            office, j = title.text, title.end
            # "Giám đốc các sở: ...", "Chủ tịch UBND các huyện": the title is
            # followed by the body or by "các" and a head.
            if doc[j].lower_ == "các" and j + 1 < len(doc) and j + 1 in parts:
                j += 1
        # The rare ":" first, so the token before is seldom read.
        listed = j + 1 < len(doc) and doc.words[j + 1] == ":" and j > 0 and doc[j - 1].lower_ == "các"
        # "Chánh thanh tra Bộ": after a title the head may be printed in lower case.
        if not (_is_cap(doc.words[j]) or listed or office) or self._in_symbol(doc, j):
            return []
        best = self._best(self._cores(doc, parts, j))
        if not best:
            return []
        if office:
            best[0] = best[0]._replace(start=i, office=office)
        return best

    @staticmethod
    def _best(cands: list[list[BodyParse]]) -> list[BodyParse]:
        """Return the longest reading; a full name from the gazetteer beats an open-ended one.

        "Bộ Chính trị | khóa XI" is the Politburo, not a ministry of "Chính trị khóa XI"."""
        if len(cands) < 2:
            return cands[0] if cands else []  # one reading (most often): the loop below keeps it
        named = [c for c in cands if c and c[0].kind == NAMED]
        closed_end = max((c[0].end for c in cands if c and c[0].kind != OPEN), default=-1)
        best: list[BodyParse] = []
        for cand in cands:
            if not cand:
                continue
            if cand[0].kind == OPEN and (named or (closed_end >= 0 and not any(
                    _is_cap(w) for w in (cand[0].field or "").split()[1:]))):
                continue  # "Cục Hải quan | cấp Chứng chỉ": the closed name, not a run-on
            if not best or cand[0].end > best[0].end:
                best = cand
        return best

    def _cores(self, doc: Toks, parts: dict[int, list[Part]], j: int) -> list[list[BodyParse]]:
        out: list[list[BodyParse]] = []
        upper = doc[j].is_upper and len(doc[j]) > 1
        named = self._longest(parts, j, "NAMED")
        if named is not None:
            p = BodyParse(j, named.end, self.gaz.named[named.id_], NAMED, upper=upper)
            out.append([self._extend(doc, parts, p)])
        for head_span in self._all(parts, j, "HEAD"):
            for head in self.gaz.heads.get(head_span.id_, ()):
                parsed = self._after_head(doc, parts, head, j, head_span.end, upper)
                if parsed:
                    out.append(parsed)
        return out

    def _after_head(self, doc: Toks, parts: dict[int, list[Part]], head: Head, start: int,
                    k: int, upper: bool) -> list[BodyParse]:
        kind = head.kind
        base = BodyParse(start, k, head.canonical, kind, upper=upper)
        if kind == FIELD:
            return self._field(doc, parts, base, k)
        if kind == LOCAL:
            p = self._jurisdiction(doc, parts, base, k, local=True)
            if p is None:
                return []
            out = [p]
            # One head, several places: "UBND thành phố Vinh, thị xã Cửa Lò và thị xã Thái Hòa".
            m = p.end
            while p.place and p.level and m + 2 < len(doc) and doc[m].text in (",", "và") \
                    and self._level_at(doc, parts, m + 1) is not None:
                nxt = self._jurisdiction(doc, parts, base._replace(start=m + 1), m + 1, local=True)
                if nxt is None or nxt.place is None or nxt.is_class:
                    break
                out.append(nxt)
                m = nxt.end
            return out
        if kind == COMMITTEE:
            if head.canonical == "Đảng ủy":
                p = self._jurisdiction(doc, parts, base, k, local=False)
                return [p] if p and (p.place or p.parent) else []
            if head.canonical in ("Tỉnh ủy", "Thành ủy"):
                place_span = self._longest(parts, k, "PLACE")
                if place_span is not None:
                    return [base._replace(end=place_span.end,
                                    place=self.gaz.places[place_span.id_])]
                return [base]
            place, end = self._place(doc, parts, k)
            return [base._replace(end=end, place=place)] if place is not None else []
        if kind == UNIT:
            parent = self._parent(doc, parts, k, unit=True)
            if parent is None:
                return []
            return [base._replace(end=parent.end, parent=parent)]
        if kind == OPEN:
            # In capitals ("TRUNG TÂM ... TẠI CÁC CƠ QUAN") nothing shows where an
            # open-ended field ends: only the gazetteer's closed names are read.
            if upper:
                return []
            p = self._open(doc, parts, base, head, k)
            return [p] if p else []
        return []

    def _field(self, doc: Toks, parts: dict[int, list[Part]], base: BodyParse, k: int) -> list[BodyParse]:
        """Parse "Sở Tài chính", "các Sở: Xây dựng, Tài chính, Y tế", "Ban Tuyên giáo Tỉnh ủy"."""
        table = self.gaz.fields.get(base.head, {})
        listed = k < len(doc) and doc[k].text == ":"
        at = k + 1 if listed else k
        found = self._field_at(parts, table, at)
        if found is None:
            if listed or base.head != "Sở" or base.upper:
                return []
            # A field missing from the gazetteer ("Sở Giao dịch Chứng khoán"): two
            # words at least ("Sở Thượng" is a river).
            p = self._open(doc, parts, base, Head(base.head, OPEN), k)
            return [p] if p and p.field and len(p.field.split()) >= 2 else []
        field, end = found
        first = self._extend(doc, parts, base._replace(end=end, field=field))
        out = [first]
        # Shared head: "các Sở: Xây dựng, Tài chính và Y tế", "Sở Tài chính, Xây dựng".
        m = first.end if first.end == end else end
        while m + 1 < len(doc) and doc[m].text in (",", ";", "và") and first.end == end:
            nxt = self._field_at(parts, table, m + 1)
            if nxt is None or self._longest(parts, m + 1, "HEAD") is not None and not listed:
                break
            out.append(BodyParse(m + 1, nxt[1], base.head, FIELD, field=nxt[0], upper=base.upper))
            m = nxt[1]
        return out

    def _field_at(self, parts: dict[int, list[Part]], table: dict[str, str], i: int) -> tuple[str, int] | None:
        for span in self._all(parts, i, "FIELD"):
            field = table.get(span.id_)
            if field:
                return field, span.end
        return None

    def _jurisdiction(self, doc: Toks, parts: dict[int, list[Part]], base: BodyParse, k: int,
                      local: bool) -> BodyParse | None:
        """Parse what follows a local head: a level and place, a class, or nothing."""
        n = len(doc)
        if k >= n:
            return base if local else None
        word = doc[k].lower_
        # "Ủy ban nhân dân các huyện, thành phố, thị xã", "Công an các cấp".
        if word == "các" or word == "cấp" or (word == "cùng" and k + 1 < n and doc[k + 1].lower_ == "cấp"):
            if word == "cùng":
                return None
            m = k + 1
            last = m
            while m < n:
                lv = self._longest(parts, m, "LEVEL")
                if lv is not None:
                    m = last = lv.end
                elif doc[m].lower_ == "cấp" and m + 1 < n:
                    m = last = m + 1
                elif doc[m].text in (",", "và") and m + 1 < n and self._longest(parts, m + 1, "LEVEL"):
                    m += 1
                elif doc[m].lower_ in ("trực", "thuộc", "trung", "ương") and m + 1 <= n:
                    # "các tỉnh, thành phố trực thuộc Trung ương"
                    m += 1
                    if doc[m - 1].lower_ == "ương":
                        last = m
                else:
                    break
            if last == k + 1:
                return None
            scope = doc.text(k, last)
            if word == "cấp" and not local:
                return base._replace(end=last, level=scope)
            return base._replace(end=last, level=scope, is_class=True)
        level = self._longest(parts, k, "LEVEL")
        if level is not None and level.text.lower() in OCR_LEVELS and not local:
            level = None
        if level is not None and level.end < n and doc[level.end].text == "/":
            return None  # a form to fill in: "Bảo hiểm xã hội tỉnh/huyện..."
        if level is not None:
            canonical = self.gaz.levels[level.id_]
            end = level.end
            # "Ủy ban nhân dân xã, phường": two levels and no place is a class.
            if end + 1 < n and doc[end].text in (",", "và") and self._longest(parts, end + 1, "LEVEL") \
                    and not (end + 2 < n and _is_cap(doc[end + 2].text)):
                m = end
                while m + 1 < n and doc[m].text in (",", "và") and self._longest(parts, m + 1, "LEVEL"):
                    m = self._longest(parts, m + 1, "LEVEL").end  # type: ignore[union-attr]
                return base._replace(end=m, level=doc.text(k, m), is_class=True)
            # After "tỉnh" only a province's name is a place: "Chủ tịch UBND tỉnh
            # Nguyễn Thành Sinh" names the chairman.
            place, end = self._place(doc, parts, end, provinces_only=canonical == "tỉnh")
            if place is None and canonical not in ("tỉnh", "thành phố") and local:
                return None  # "Công an xã", "UBND huyện" alone: one of many
            return base._replace(end=end, level=canonical, place=place)
        place_span = self._longest(parts, k, "PLACE")
        if place_span is not None:
            return base._replace(end=place_span.end, place=self.gaz.places[place_span.id_])
        if doc[k].lower_ == "việt" and k + 1 < n and doc[k + 1].lower_ == "nam":
            return base._replace(end=k + 2, place="Việt Nam")
        if local:
            return base
        # A committee's parent: "Đảng ủy Công an tỉnh", "Đảng ủy Khối các cơ quan tỉnh".
        parent = self._parent(doc, parts, k, unit=True)
        if parent is not None:
            return base._replace(end=parent.end, parent=parent)
        return None

    def _place(self, doc: Toks, parts: dict[int, list[Part]], k: int,
               provinces_only: bool = False) -> tuple[str | None, int]:
        """Read a place name after a level: "Nghệ An", "Cửa Lò", "Phú Hòa 1", "Bà Rịa - Vũng Tàu"."""
        span = self._longest(parts, k, "PLACE")
        if span is not None:
            return self.gaz.places[span.id_], span.end
        if provinces_only:
            return None, k
        n = len(doc)
        m = k
        while m < n and m - k < 5:
            tok = doc[m]
            if tok.lower_ in self.gaz.stop_words:
                break  # "thành phố | Chỉ đạo ...": a sentence goes on, not a place
            name_word = (tok.text[:1].isupper() or (tok.is_digit and m > k)) and not self._starts_name(parts, m)
            dash = tok.text in ("-", "–") and m > k and m + 1 < n and doc[m + 1].text[:1].isupper()
            if not (name_word or dash):
                break
            m += 1
        if m == k or (m == k + 1 and len(doc[k].text) == 1):
            return None, k  # "tỉnh A" in a form to fill in
        return doc.text(k, m), m

    def _parent(self, doc: Toks, parts: dict[int, list[Part]], k: int, unit: bool) -> BodyParse | None:
        """Parse the body that a unit belongs to, printed right after it."""
        n = len(doc)
        if k >= n:
            return None
        if doc[k].text in ("-", "–") and k + 1 < n:
            k += 1
        if not _is_cap(doc[k].text):
            return None
        if doc[k].lower_ in ("trung", "tw") :
            if doc[k].lower_ == "tw":
                return BodyParse(k, k + 1, "Trung ương", NAMED)
            if k + 1 < n and doc[k + 1].lower_ == "ương":
                return BodyParse(k, k + 2, "Trung ương", NAMED)
        if doc[k].lower_ == "bộ" and (k + 1 >= n or not _is_cap(doc[k + 1].text)):
            # "Thanh tra Bộ": the issuing ministry.
            return BodyParse(k, k + 1, "Bộ", FIELD)
        cands = [c for c in self._cores(doc, parts, k) if c and c[0].kind != OPEN and not c[0].is_class]
        best = self._best(cands)
        return best[0] if best else None

    def _open(self, doc: Toks, parts: dict[int, list[Part]], base: BodyParse, head: Head,
              k: int) -> BodyParse | None:
        """Parse an open-ended field: "Cục Quản lý đấu thầu", "Phòng PV01", "Báo Kiên Giang"."""
        n = len(doc)
        if k >= n:
            return None
        tok = doc[k]
        if tok.text in HARD_STOPS or tok.is_punct or self._starts_name(parts, k):
            return None
        if (tok.lower_ == "cấp" or self._level_at(doc, parts, k) is not None) and not head.first:
            # "Ban Vận động cấp tỉnh", "Ban Chỉ đạo tỉnh": no field, a level.
            extended = self._extend(doc, parts, base)
            return extended if extended.end > base.end else None
        if head.known:
            for span in self._all(parts, k, "FIELD"):
                if span.id_ in head.known:
                    return self._extend(doc, parts, base._replace(end=span.end, field=head.known[span.id_]))
        if head.lower:
            end = self._descriptive_end(doc, parts, k)
            if end is not None:
                return self._extend(doc, parts, base._replace(end=end, field=doc.text(k, end)))
        if head.lower and not _is_cap(tok.text):
            return None  # a description with no level to end it: "Ban quản lý khu công nghiệp, ..."
        code = CODE.match(tok.text) is not None
        first_words = 0
        if head.first:
            # The most of the next four words that make one of the head's first
            # words (a set lookup per length, not a scan of the list per call).
            lowers = [t.lower_ for t in doc[k:k + 4]]
            first_words = next((n for n in range(len(lowers), 0, -1)
                                if " ".join(lowers[:n]) in head.first_set), 0)
            if not first_words or not tok.text[:1].isupper():
                return None  # "Trường Sơn", "trường trung cấp": a place, a kind of school
        elif not (code or (tok.is_alpha and (tok.is_title or tok.is_upper) and len(tok) > 1)
                  or (head.lower and tok.is_lower)):
            return None  # "Bộ 16 hộp màu", "Công ty A": not a name
        m = self._open_end(doc, parts, head, k)
        if head.canonical in ("Công ty", "Tổng công ty", "Tập đoàn"):
            # "Công ty Cổ phần", "Công ty TNHH khai thác": a legal form, then no name.
            words = [t.text for t in doc[k:m]]
            while words and words[0].lower() in LEGAL_FORMS:
                words.pop(0)
            if not any(_is_cap(w) for w in words):
                return None
        level_end = m if m < n and (self._level_at(doc, parts, m) is not None or doc[m].lower_ in ("cấp", "các")) \
            else None
        end = m
        while end > k and (doc[end - 1].is_punct or doc[end - 1].lower_ == "và"):
            end -= 1
        if end <= k:
            return None
        p = base._replace(end=end, field=doc.text(k, end))
        extended = self._extend(doc, parts, p)
        bare = len(doc.text(k, end).split()) <= first_words
        if (bare or (head.strict and not code)) and extended.end == p.end and level_end is None:
            return None  # "Trường Đại học" alone, "Phòng Studio": one of many, or a room
        return extended

    def _open_end(self, doc: Toks, parts: dict[int, list[Part]], head: Head, k: int) -> int:
        """Return where an open-ended field stops: a stop word, a level, a place, another name."""
        n = len(doc)
        gaz = self.gaz
        m = k
        while m < n and m - k < OPEN_REACH:
            tok = doc[m]
            low = tok.lower_
            if tok.text in HARD_STOPS:
                break
            # "Công ty Cổ phần khoáng sản 3 - Vimico" goes on; "Phòng Studio 2,7 190" stops.
            if m > k and NUMBER.match(tok.text) and not (
                    tok.text.isdigit() and m + 2 < n and doc[m + 1].text in ("-", "–")
                    and doc[m + 2].text[:1].isupper()):
                break
            if m > k and self._level_at(doc, parts, m) is not None and (
                    tok.is_lower or tok.text in ("TP", "TP.")):
                break
            if m > k and ((low == "cấp" and m + 1 < n and self._level_at(doc, parts, m + 1))
                          or (low == "các" and m + 1 < n and doc[m + 1].lower_ == "cấp")):
                break
            if tok.is_punct:
                # "Thi đua - Khen thưởng", "Kiểm tra văn bản và Quản lý ...": a joiner
                # before a capital; commas only in descriptive names.
                if tok.text in JOINERS and m + 1 < n and (tok.text != "," or head.lower) and (
                        _is_cap(doc[m + 1].text) or (head.lower and doc[m + 1].is_lower)) \
                        and not self._starts_name(parts, m + 1):
                    m += 1
                    continue
                break
            if m > k and self._starts_name(parts, m):
                break
            place = self._longest(parts, m, "PLACE") if m > k else None
            if place is not None:
                return place.end
            if tok.is_lower or low == "và":
                nxt = doc[m + 1].lower_ if m + 1 < n else ""
                kept = m > k and (doc[m - 1].lower_ + " " + low) in gaz.keep_phrases
                if m > k and not kept and (low in gaz.stop_words or (low + " " + nxt) in gaz.stop_phrases):
                    break
                if low == "về" and not (m + 1 < n and _is_cap(doc[m + 1].text)) and not head.lower:
                    break
                if low == "và" and not (m + 1 < n and (_is_cap(doc[m + 1].text) or head.lower)):
                    break
            m += 1
        return m

    def _descriptive_end(self, doc: Toks, parts: dict[int, list[Part]], k: int) -> int | None:
        """Return where a descriptive name ends: before the level word that closes it.

        "Ban Chỉ đạo phòng, chống tội phạm, tệ nạn xã hội và xây dựng phong trào
        toàn dân bảo vệ ANTQ | tỉnh": commas and lower-case words run on, and
        only a level ("tỉnh", "các cấp", "cấp huyện", "Trung ương") closes it."""
        n = len(doc)
        for m in range(k + 1, min(n, k + DESCRIPTIVE_REACH)):
            tok = doc[m]
            if tok.text in HARD_STOPS or (tok.is_punct and tok.text not in JOINERS):
                return None
            low = tok.lower_
            if low in DESCRIPTIVE_STOPS or (low + " " + (doc[m + 1].lower_ if m + 1 < n else "")) in DESCRIPTIVE_STOPS:
                return None
            if self._starts_name(parts, m):
                return m if low == "trung" else None
            if self._level_at(doc, parts, m) is not None and (tok.is_lower or tok.text in ("TP", "TP.")):
                return m
            if low == "cấp" and m + 1 < n and self._level_at(doc, parts, m + 1):
                return m
            if low == "các" and m + 1 < n and doc[m + 1].lower_ == "cấp":
                return m
            if low == "trung" and m + 1 < n and doc[m + 1].lower_ == "ương":
                return m
        return None

    def _extend(self, doc: Toks, parts: dict[int, list[Part]], p: BodyParse) -> BodyParse:
        """Add what may follow a complete name: a jurisdiction or the parent body."""
        n = len(doc)
        k = p.end
        if k >= n or p.kind in (LOCAL, COMMITTEE, UNIT):
            return p
        level = self._level_at(doc, parts, k)
        if level is not None and (doc[k].is_lower or doc[k].text in ("TP", "TP.")):
            j = self._jurisdiction(doc, parts, p, k, local=False)
            if j is not None:
                return j
        if doc[k].lower_ == "cấp" and k + 1 < n and self._level_at(doc, parts, k + 1):
            lv = self._level_at(doc, parts, k + 1)
            assert lv is not None
            scope = self.gaz.levels[lv.id_]
            # "Ban Vận động cấp tỉnh" is the province's; "Trung tâm Văn hóa - Thể thao
            # cấp xã" is every commune's, a class.
            return p._replace(end=lv.end, level="cấp " + scope, is_class=scope not in ("tỉnh", "thành phố"))
        if p.kind == NAMED or (p.kind == FIELD and p.head in ("Bộ", "Sở")):
            return p  # a ministry or department belongs to no parent printed after it
        if doc[k].lower_ == "trung" and k + 1 < n and doc[k + 1].lower_ == "ương":
            return p._replace(end=k + 2, place="Trung ương")
        if doc[k].lower_ == "các" and k + 1 < n and doc[k + 1].lower_ == "cấp":
            return p._replace(end=k + 2, level="các cấp", is_class=True)
        place = self._longest(parts, k, "PLACE")
        if place is not None:
            return p._replace(end=place.end, place=self.gaz.places[place.id_])
        sep = doc[k].text
        if sep == "," and p.head not in COMMA_PARENT_HEADS:
            return p
        at = k + 1 if sep in ("-", "–", ",") else k
        if at >= n or not _is_cap(doc[at].text):
            return p
        parent = self._parent(doc, parts, at, unit=False)
        if parent is None:
            return p
        bare_ministry = parent.head == "Bộ" and parent.field is None  # "Thanh tra Bộ"
        if parent.kind in LOCAL_PARENTS or parent.head == "Trung ương" or bare_ministry or (
                p.kind == FIELD and p.head == "Ban"):
            if sep == "," and parent.head != "Công an":
                return p
            return p._replace(end=parent.end, parent=parent)
        return p


class PartRuler(SpanRuler):
    """A SpanRuler that leaves its matches as tuples, in `doc.user_data["body_parts"]`.

    The stock SpanRuler makes a `Span` per match and sorts them; a Doc of a
    few hundred syllables has ~200 pieces of names, and making and sorting
    their Spans cost the ruler nine tenths of its time. Same patterns, same
    PhraseMatcher, same matches: (start, end, label, id), sorted by start,
    longest first (then as the SpanRuler orders equal spans: by label and id
    hash), which is the order the chunker reads them in."""

    def __init__(self, nlp: Language, name: str) -> None:
        super().__init__(nlp, name, spans_key=None, phrase_matcher_attr="LOWER")
        self._keys: dict[int, tuple[int, int, str, str]] = {}

    def _key(self, match_id: int) -> tuple[int, int, str, str]:
        """Return a match id's label and id hashes (the SpanRuler's sort key), then label and id."""
        label, id_ = self._match_label_id_map[match_id]["label"], self._match_label_id_map[match_id]["id"]
        strings = self.nlp.vocab.strings
        key = self._keys[match_id] = (strings.add(label), strings.add(id_), label, id_)
        return key

    def __call__(self, doc: Doc) -> Doc:
        matches = self.phrase_matcher(doc)
        if len(self.matcher):
            matches = list(matches) + list(self.matcher(doc))
        keys = self._keys
        # Deduplicated as (match id, start, end), one to one with the SpanRuler's
        # (start, end, label, id); one sort, on the tuples the chunker reads.
        ranked = sorted([(start, -end, *(keys.get(match_id) or self._key(match_id)))
                         for match_id, start, end in set(matches) if start != end])
        doc.user_data["body_parts"] = [(a, -b, label, id_) for a, b, _, _, label, id_ in ranked]
        return doc


@Language.factory("body_part_ruler")
def make_part_ruler(nlp: Language, name: str) -> PartRuler:
    """Return the SpanRuler that tags pieces of names, as tuples (see `PartRuler`)."""
    return PartRuler(nlp, name)


@Language.factory("body_chunker")
def make_body_chunker(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Return the component that assembles tagged pieces into names (see `Chunker`)."""
    return Chunker(gazetteer())


@cache
def nlp() -> Language:
    """Return the body-finding pipeline, built once per process."""
    pipeline = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "spacy.Tokenizer.v1"}}})
    pipeline.tokenizer = SyllableTokenizer(pipeline.vocab)
    ruler = pipeline.add_pipe("body_part_ruler")
    ruler.add_patterns(ruler_patterns(gazetteer()))  # type: ignore[attr-defined]
    pipeline.add_pipe("body_chunker")
    return pipeline


class Found(NamedTuple):
    """A name found in a text: character offsets into that text, and its parse."""

    start: int
    end: int
    parse: BodyParse


def names(doc: Doc) -> list[Found]:
    """Return the names the pipeline found in `doc`, with offsets into the text it read."""
    return [Found(*char_span(doc, p.start, p.end), p) for p in doc.user_data["bodies"]]
