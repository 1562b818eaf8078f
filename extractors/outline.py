"""The numbered outline of a document, as assignments need it: items, levels, sections.

`pipeline.structure` gives paragraphs with numbering paths; gazette and
portal text often prints a label on a line of its own ("1." then "Sở Công
Thương:"), so this module reads labels from the text again, joins a bare
label to the paragraph after it, and ranks labels by depth. It also finds
the sections that hand out tasks ("Tổ chức thực hiện", "Phân công nhiệm vụ").
"""

from __future__ import annotations

import re
from typing import NamedTuple

from pipeline.model import Document
from pipeline.normalize import fold

# A numbering label at the start of a paragraph, and its depth. "Chương IV",
# "III.", "Điều 6.", "2.", "2.1.", "a)", "-", "+". A number needs its dot or
# parenthesis ("1.012507" is a procedure code, "12" a table cell), except a
# dotted one followed by a capital ("1.1 Sở Y tế").
LABEL = re.compile(
    r"^\s*(?:(?P<part>(?:Chương|Phần|CHƯƠNG|PHẦN)\s+[IVXLC\d]+\.?)"
    r"|(?P<article>Điều\s+\d+[a-zđ]?\.?)"
    r"|(?P<roman>[IVXLC]+)[.)]"
    r"|(?P<dotted>\d+(?:\.\d+)+)(?:[.)]|(?=\s+[A-ZĐ]))"
    r"|(?P<number>\d+)[.)]"
    r"|(?P<letter>[a-zđ])\)"
    r"|(?P<dash>[-–•*])"
    r"|(?P<plus>\+))"
    r"(?=\s|$)\s*"
)
# LABEL for `match(text, start, end)`: "^" matches only at the text's very
# start, and `match` is anchored at `start` anyway.
LABEL_AT = re.compile(LABEL.pattern.removeprefix("^"))
DEPTH = {"part": 0, "roman": 1, "article": 2, "number": 3, "letter": 6, "dash": 7, "plus": 8}

# Titles of sections whose items hand out tasks. Compared folded. Not "Trách
# nhiệm thi hành": its clause names who executes the decision ("Chánh Văn
# phòng ..., Giám đốc các Sở ... chịu trách nhiệm thi hành Quyết định này").
TASK_SECTION = re.compile(
    r"^(?:tổ chức thực hiện|phân công (?:nhiệm vụ|trách nhiệm|thực hiện)|trách nhiệm (?:thực hiện"
    r"|tổ chức thực hiện)|trách nhiệm của các (?:cơ quan|sở|bộ|đơn vị|cấp|ngành)|nhiệm vụ (?:cụ thể )?của các"
    r"|giải pháp và tổ chức thực hiện|tổ chức thực hiện và|điều khoản thi hành và tổ chức thực hiện"
    r"|phân công tổ chức thực hiện)"
)

# The first syllables of the titles `TASK_SECTION` matches, and their letters.
TASK_OPENINGS = ("tổ", "phân", "trách", "nhiệm", "giải", "điều")
TASK_INITIALS = frozenset(w[0] for w in TASK_OPENINGS)


class Item(NamedTuple):
    """One paragraph of the outline with its label, read again from the text.

    A NamedTuple, not a frozen dataclass: one is made per paragraph (~150 a
    document), and a frozen dataclass's `__init__` costs four times as much."""

    start: int
    """Offset of the paragraph (or of its bare label, when printed on its own line)."""
    text_start: int
    """Offset where the text after the label begins."""
    end: int
    label: str
    depth: int
    """0 for Chương/Phần, 1 for roman, 2 for Điều, 3 for "1.", 4+ for "1.1.", 6 for "a)", 7-8 for bullets, 9 unlabelled."""
    kind: str
    """The paragraph kind from `pipeline.structure` ("text", "item", "recipients", ...)."""


def outline(doc: Document) -> list[Item]:
    """Return the body's paragraphs as outline items, bare labels joined to what follows."""
    items: list[Item] = []
    pending: tuple[int, str, int] | None = None
    for para in doc.paragraphs:
        if para.end <= doc.body_start or para.kind == "header":
            continue
        # Matched in place (`LABEL_AT`), not on a copy of the paragraph.
        m = LABEL_AT.match(doc.text, para.start, para.end)
        if m is None:
            label, depth, text_start = "", 9, para.start
        else:
            kind = m.lastgroup or "dash"
            label = m.group(kind) or m.group(0).strip()
            depth = DEPTH.get(kind, 4 if kind == "dotted" and label.count(".") == 1 else 5)
            text_start = m.end()
        if text_start >= para.end and label:
            pending = (para.start, label, depth)  # "1." on a line of its own
            continue
        if pending is not None and not label:
            start, label, depth = pending
        else:
            start = para.start
        pending = None
        items.append(Item(start, text_start, para.end, label, depth, para.kind))
    return items


def item_end(items: list[Item], i: int, limit: int) -> int:
    """Return where item i ends: before the next item at its depth or above, or at `limit`."""
    depth = items[i].depth
    for later in items[i + 1:]:
        if later.start >= limit:
            break
        if later.depth <= depth or later.kind in ("recipients", "signature"):
            return later.start
    return limit


def task_sections(doc: Document, items: list[Item]) -> list[tuple[int, int, bool]]:
    """Return (start, end, legal) of each section that hands out tasks.

    `legal` is True for an article ("Điều 6. Tổ chức thực hiện"), whose clauses
    hand out tasks in running sentences ("3. Bảo hiểm xã hội Việt Nam tuyên
    truyền ..."); in a plan's section only items headed by a body do."""
    out = []
    text = doc.text
    for i, item in enumerate(items):
        if 3 < item.depth < 9:
            continue
        # Every title of `TASK_SECTION` opens with one of `TASK_OPENINGS`, which
        # folding keeps (it lowers case and moves tones only in "oa", "oe",
        # "uy"): most paragraphs are not folded at all (a sixth of the time of
        # assignments went to folding them), and most are told by their first
        # letter, before the title is cut out.
        first = text[item.text_start:item.text_start + 1]
        if first and not first.isspace() and first.lower() not in TASK_INITIALS:
            continue
        # "Điều 6. Tổ chức thực hiện 1. Bộ ..." may run the title into its first clause.
        title = text[item.text_start:min(item.end, item.text_start + 90)].strip().rstrip(":.")
        if not title[:6].lower().startswith(TASK_OPENINGS) or not TASK_SECTION.match(fold(title)):
            continue
        depth = item.depth if item.depth < 9 else 1
        end = len(doc.text)
        for later in items[i + 1:]:
            if later.depth <= depth or later.kind in ("recipients", "signature"):
                end = later.start
                break
        out.append((item.start, end, item.label.startswith("Điều")))
    return out
