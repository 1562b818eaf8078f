"""What extractors return: frozen dataclasses with character offsets.

Every item carries `start`/`end` into `Document.text` and the matched `text`,
so a reader can always go back to the sentence it came from.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar


@dataclass(frozen=True)
class Span:
    """A stretch of the document's normalised text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Citation(Span):
    """One mention of another document ("Nghị quyết số 36-NQ/TU ngày 20/01/2023 ...")."""

    doc_type: str | None
    number: str | None
    """Number and symbol as printed, stray spaces removed (`36-NQ/TU`)."""
    date: str | None
    """Issue date of the cited document, ISO."""
    issuer: str | None
    title: str | None
    year: int | None
    relation: str
    """How the citing document stands to the cited one, from its wording
    (`basis`, `implements`, `continues`, `amends`, ... `mentions`)."""
    form: str
    """`full` (number), `short` ("Nghị quyết số 36"), `alias` ("Đề án 06"),
    or `named` (no number: "Luật Cư trú năm 2020")."""
    key: str
    """Identity of the cited document within this text: mentions with the same
    key are the same document (a short form carries the key of its full form)."""
    parent: str | None = None
    """Key of the citation this one is named inside (`Kết luận 44-KL/TW ... về
    tiếp tục thực hiện Chỉ thị 09-CT/TW`: 09-CT/TW's parent is 44-KL/TW)."""
    parent_relation: str | None = None
    """How the parent stands to this one, from the wording between them."""
    term: str | None = None
    """The Party term printed with the issuer ("Bộ Chính trị khóa XI": "XI"),
    which tells apart Party documents whose numbers restart each term."""


@dataclass(frozen=True)
class DateMention(Span):
    """A calendar expression with its normalised value."""

    value: str
    """ISO: `2023-01-20`, `2024-10`, `2024-Q2`, `2025`; yearless `--06-14`; duration `P6M`."""
    granularity: str
    """`day`, `month`, `quarter`, `year`, `duration`."""
    end_value: str | None = None
    """For a range (`giai đoạn 2023 - 2030`), its last value."""
    role: str | None = None
    """`issued`, `cited`, `deadline`, `effective`, `target`, `period`, `event`, or None."""
    resolved: str | None = None
    """For a day or month the text gives without a year (`value` `--06-14`),
    the full date it stands for, the year taken from the document's date
    (`2024-06-14`); None when the value is complete or the day recurs."""


@dataclass(frozen=True)
class Percentage(Span):
    """A percentage (`ít nhất 27%`), with its qualifier and what it measures."""

    value: float
    qualifier: str | None
    """`at_least`, `at_most` or None."""
    upper: float | None = None
    """Upper end of a range (`từ 61% đến 80%`); `value` is then the lower end."""
    subject: str | None = None


@dataclass(frozen=True)
class Target(Span):
    """A quantified target: `18/18 Công an các phường`, `500 nghìn tài khoản`."""

    value: float
    unit: str
    qualifier: str | None = None
    total: float | None = None
    """Denominator of a ratio target (`18/18`)."""
    subject: str | None = None
    due: str | None = None
    responsible: str | None = None


@dataclass(frozen=True)
class BodyMention(Span):
    """A government or Party body named in the text."""

    name: str
    """Canonical name: abbreviations expanded, OCR slips fixed (`Công an tỉnh`)."""
    province: str | None = None
    """Jurisdiction the name resolves to (`Công an tỉnh` in a Nghệ An plan)."""
    role: str = "mention"
    """`issuer`, `lead`, `partner`, `recipient`, `citation_issuer` or `mention`."""
    kind: str = "body"
    """`body`, or `class` for a class of bodies that may lead a task
    (`Ủy ban nhân dân các xã, phường`)."""


@dataclass(frozen=True)
class Assignment(Span):
    """A task handed to a leading body, with its partners."""

    lead: BodyMention
    partners: tuple[BodyMention, ...] = ()
    task: str = ""
    deadline: str | None = None


S = TypeVar("S", bound=Span)


def filter_spans(spans: Iterable[S]) -> list[S]:
    """Drop spans overlapping a longer one; ties go to the earlier (spaCy's rule)."""
    ordered = sorted(spans, key=lambda s: (-(s.end - s.start), s.start))
    taken: list[S] = []
    occupied: list[tuple[int, int]] = []
    for span in ordered:
        if all(span.end <= a or span.start >= b for a, b in occupied):
            taken.append(span)
            occupied.append((span.start, span.end))
    return sorted(taken, key=lambda s: s.start)


class Spans:
    """Taken stretches of text, for telling quickly whether a new one overlaps them."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for a, b in spans:
            self.add(a, b)

    def add(self, start: int, end: int) -> None:
        """Mark [start, end) as taken."""
        i = bisect.bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)

    def free(self, start: int, end: int) -> bool:
        """Tell whether [start, end) overlaps nothing taken."""
        i = bisect.bisect_left(self._starts, end)
        # Only spans starting before `end` can overlap; the nearest few decide.
        return all(self._ends[j] <= start for j in range(max(0, i - 8), i))


def covering(spans: Sequence[Span], start: int, end: int) -> Span | None:
    """Return the span in `spans` that contains [start, end), if any."""
    for span in spans:
        if span.start <= start and end <= span.end:
            return span
    return None


T = TypeVar("T")


def evolve(item: T, **changes: object) -> T:
    """Return a copy of a frozen span (or other frozen dataclass) with `changes`, as `dataclasses.replace`.

    Five times faster where citations are rebuilt by the thousand: a frozen
    dataclass's __init__ sets each field through `object.__setattr__`, and
    `replace` walks the fields first. Our frozen dataclasses have no
    __post_init__ and no field outside __init__, so copying the attributes
    gives the object __init__ would."""
    unknown = changes.keys() - item.__dict__.keys()
    if unknown:
        raise TypeError("%s has no field %s" % (type(item).__name__, ", ".join(sorted(unknown))))
    copy = object.__new__(type(item))
    copy.__dict__.update(item.__dict__, **changes)
    return copy
