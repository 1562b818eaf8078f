"""Extractor module under construction (see the issue tracker); returns nothing yet."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from extractors.spans import Span
from pipeline.model import Document


def extract(doc: Document, found: Mapping[str, Sequence[Span]]) -> list[Span]:
    """Return nothing until this extractor is built."""
    return []
