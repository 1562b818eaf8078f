"""Read how a document stands to what it cites, from the words that lead to each citation.

"Căn cứ Nghị quyết ..." is a legal basis, "Thực hiện Kết luận ..." implements,
"tiếp tục thực hiện" continues, "thay thế Quyết định ..." replaces. The cue
phrases live in `extractors/data/relations.yml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extractors.reference import load


@dataclass(frozen=True)
class Cue:
    """A relation cue found in a stretch of text."""

    relation: str
    start: int
    end: int


@dataclass(frozen=True)
class CueTable:
    pattern: re.Pattern[str]
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
    passive = re.compile(r"(?<!\w)(%s)(?!\w)" % "|".join(map(re.escape, data["passive"])), re.I)
    return CueTable(pattern, relation_of, tuple(data["order"]), passive)


def find_cues(text: str, offset: int = 0) -> list[Cue]:
    """Return the cues in `text` (offsets shifted by `offset`), leftmost-longest."""
    table = cue_table()
    out = []
    for m in table.pattern.finditer(text):
        key = re.sub(r"\s*,\s*", ", ", " ".join(m.group(0).lower().split()))
        relation = table.relation_of.get(key) or table.relation_of.get(key.replace(", ", " "))
        if relation is None:
            relation = _lookup_loose(key, table)
        if relation:
            out.append(Cue(relation, offset + m.start(), offset + m.end()))
    return out


def _lookup_loose(key: str, table: CueTable) -> str | None:
    bare = key.replace(",", "")
    for phrase, relation in table.relation_of.items():
        if phrase.replace(",", "") == bare:
            return relation
    return None


def strongest(relations: list[str]) -> str:
    """Return the relation that wins among `relations` (the first in the table's order)."""
    order = cue_table().order
    ranked = sorted((order.index(r) for r in relations if r in order))
    return order[ranked[0]] if ranked else "mentions"


def relation_in(text: str) -> str | None:
    """Return the relation the cues in `text` state, or None when `text` states none."""
    cues = find_cues(text)
    return strongest([c.relation for c in cues]) if cues else None


def nearest_relation(text: str) -> str | None:
    """Return the relation of the cue nearest the end of `text` (for a nested citation)."""
    cues = find_cues(text)
    return cues[-1].relation if cues else None


def is_passive(text: str) -> bool:
    """Tell whether a description is passive ("được sửa đổi, bổ sung bởi"), flipping its edge."""
    return bool(cue_table().passive.search(text)) and bool(re.search(r"(?<!\w)(?:bởi|tại)(?!\w)", text))
