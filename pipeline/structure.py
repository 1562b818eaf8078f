"""Split a document's text into paragraphs that keep their numbering path.

Plans number their parts `I.` > `1.` > `1.1.` > `a)` > `-`; legal documents
`Phần` > `Chương` > `Mục` > `Điều` > `1.` > `a)`. A paragraph's path joins
the labels of the items it sits in (`II.3.a`), so every extracted item can
say where it stands.
"""

from __future__ import annotations

import re

from pipeline.model import Paragraph, paragraph

# Each label kind with its rank: a new label closes every open item of the same or lower rank.
LABELS: list[tuple[str, float, re.Pattern[str]]] = [
    ("part", 0, re.compile(r"^(?:Phần|PHẦN)\s+(?P<v>[IVXLC]+|\d+|thứ\s+\w+)\b", re.I)),
    ("chapter", 1, re.compile(r"^(?:Chương|CHƯƠNG)\s+(?P<v>[IVXLC]+|\d+)\b")),
    ("section", 2, re.compile(r"^(?:Mục|MỤC)\s+(?P<v>\d+|[IVXLC]+)\b[.:]?")),
    ("article", 3, re.compile(r"^(?:Điều|ĐIỀU)\s+(?P<v>\d+[a-z]?)\s*[.:]")),
    ("roman", 4, re.compile(r"^(?P<v>[IVXLC]{1,6})[.)]\s")),
    ("decimal", 5, re.compile(r"^(?P<v>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s")),
    ("arabic", 5, re.compile(r"^(?P<v>\d{1,2})[.)]\s")),
    ("letter", 7, re.compile(r"^(?P<v>[a-zđ])\)\s|^(?P<v2>[a-zđ])\.\s(?=[A-ZĐÀ-Ỹ])")),
]
BULLET = re.compile(r"^[-–—+•·●○■□▪►✓*]\s")
RECIPIENTS = re.compile(r"^(?:Nơi\s+nhận|Kính\s+gửi)\b", re.I)
SIGNATURE = re.compile(r"^(?:TM|KT|TL|TUQ|Q)\.\s")
FOOTNOTE = re.compile(r"^(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\(\d{1,2}\)|\[\d{1,2}\])\s")
# Annexes that summarise other documents (study material, talking points):
# what they say is those documents' wording, not this document's.
QUOTED_ANNEX = re.compile(
    r"^(?:TÀI\s+LIỆU|ĐỀ\s+CƯƠNG|NỘI\s+DUNG\s+(?:CHÍNH|CƠ\s+BẢN|CHỦ\s+YẾU)|TÓM\s+TẮT)\b"
)


# Which label kinds a line can open with, by its first character: most lines
# start with a letter that begins no label, and are done with one lookup.
_BY_FIRST: dict[str, list[tuple[str, float, re.Pattern[str]]]] = {}
for _label_def in LABELS:
    _starts = {"part": "PpP", "chapter": "CC", "section": "MM", "article": "ĐĐ", "roman": "IVXLC",
               "decimal": "0123456789", "arabic": "0123456789",
               "letter": "abcdefghijklmnopqrstuvwxyzđ"}[_label_def[0]]
    for _ch in set(_starts):
        _BY_FIRST.setdefault(_ch, []).append(_label_def)


# The same for the unnumbered kinds, in the order they are tried: bullets,
# recipients (re.I: "n", "k" and the Kelvin sign "K" in any case), capacities
# of a signature, footnote marks.
_OTHER_BY_FIRST: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
for _kind, _pattern, _starts in (
    ("item", BULLET, "-–—+•·●○■□▪►✓*"),
    ("recipients", RECIPIENTS, "nNkK\u212a"),
    ("signature", SIGNATURE, "TKQ"),
    ("footnote", FOOTNOTE, "¹²³⁴⁵⁶⁷⁸⁹⁰(["),
):
    for _ch in _starts:
        _OTHER_BY_FIRST.setdefault(_ch, []).append((_kind, _pattern))


def _label(line: str) -> tuple[str, float, str] | None:
    for kind, rank, pattern in _BY_FIRST.get(line[:1], ()):
        m = pattern.match(line)
        if m:
            value = m.group("v") or (m.groupdict().get("v2") or "")
            return kind, rank, value
    return None


def split_paragraphs(text: str, body_start: int = 0) -> tuple[Paragraph, ...]:
    """Return the paragraphs of `text` (one per line) with their numbering paths."""
    paragraphs: list[Paragraph] = []
    # The open numbered items, outermost first: their ranks, and their parts
    # of the path ("II", "3", "Điều 5"), which is rebuilt only when they change.
    ranks: list[float] = []
    parts: list[str] = []
    path = ""
    pos = 0
    after_recipients = False
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line or line.isspace():
            continue
        label_text = ""
        if start < body_start:
            kind = "header"
        else:
            kind = "text"
            found = _label(line)
            if found:
                lkind, rank, value = found
                if lkind == "decimal":
                    # "3.1." is a child of "3.": keep the roman/arabic above it, drop a
                    # stale "3" so the path reads "II.3.1", not "II.3.3.1".
                    rank += 0.1 * value.count(".")
                    while ranks and ranks[-1] >= 5:
                        ranks.pop()
                        parts.pop()
                else:
                    while ranks and ranks[-1] >= rank:
                        ranks.pop()
                        parts.pop()
                ranks.append(rank)
                parts.append(_component(lkind, value))
                path = ".".join(parts)
                # The label is the first word or two: split no further (lines run to thousands of characters).
                if lkind in ("article", "chapter", "section", "part"):
                    label_text = " ".join(line.split(None, 2)[:2])
                else:
                    label_text = line.split(None, 1)[0]
                kind = "heading" if lkind in ("part", "chapter", "section", "roman") else "item"
            else:
                # Bullets, recipients, a signature or a footnote, tried only
                # for a line whose first character can open one.
                for other, pattern in _OTHER_BY_FIRST.get(line[0], ()):
                    if pattern.match(line):
                        kind = other
                        if other == "item":
                            label_text = line[0]
                        elif other == "recipients":
                            after_recipients = True
                        break
            if after_recipients and kind == "item" and label_text in "-+•":
                kind = "recipients"
            elif kind != "recipients":
                after_recipients = False  # the list ends at the first line that is not an item
        paragraphs.append(paragraph(len(paragraphs), start, end, path, label_text, kind))
    return tuple(paragraphs)


def _component(kind: str, value: str) -> str:
    if kind == "article":
        return "Điều " + value
    if kind == "chapter":
        return "Chương " + value
    if kind == "section":
        return "Mục " + value
    if kind == "part":
        return "Phần " + value
    return value


def quoted_annex_start(text: str, paragraphs: tuple[Paragraph, ...]) -> int | None:
    """Return where an annex quoting other documents starts, after the signature."""
    seen_close = False
    for para in paragraphs:
        if para.kind in ("recipients", "signature"):
            seen_close = True
        elif seen_close and QUOTED_ANNEX.match(text[para.start : para.end]):
            return para.start
    return None
