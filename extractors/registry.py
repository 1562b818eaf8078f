"""The one registry of extractors, run in order over a document.

Each extractor is `extract(doc, found) -> list[Span]`, where `found` holds
what the extractors before it returned (assignments need bodies; targets need
dates). Overlaps within one kind are resolved by the extractor itself with
`extractors.spans.filter_spans`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from extractors import assignments, bodies, citations, dates, numbers
from extractors.spans import Span
from pipeline.model import Document

Extractor = Callable[[Document, Mapping[str, Sequence[Span]]], Sequence[Span]]

# In dependency order: each extractor may read what the ones above it found.
EXTRACTORS: dict[str, Extractor] = {
    "citations": citations.extract,
    "dates": dates.extract,
    "percentages": numbers.percentages,
    "bodies": bodies.extract,
    "targets": numbers.targets,
    "assignments": assignments.extract,
}

# Every kind the JSON contract carries, built or not yet.
KINDS = ("citations", "dates", "percentages", "targets", "bodies", "assignments")


def extract_all(doc: Document, only: Sequence[str] | None = None) -> dict[str, list[Span]]:
    """Run every registered extractor (or those in `only`, with what they need) over `doc`."""
    found: dict[str, list[Span]] = {}
    for name, extractor in EXTRACTORS.items():
        if only is not None and name not in only and not _needed_by(name, only):
            continue
        found[name] = list(extractor(doc, found))
    return found


# Which extractors another one reads from `found`.
NEEDS: dict[str, tuple[str, ...]] = {
    "targets": ("dates", "bodies", "percentages"),
    "assignments": ("bodies", "dates", "citations"),
    "bodies": ("citations",),
    "dates": ("citations",),
}


def _needed_by(name: str, wanted: Sequence[str]) -> bool:
    return any(name in NEEDS.get(w, ()) or _needed_by(name, NEEDS.get(w, ())) for w in wanted)
