"""The `directives extract --json` contract: one object per file, shaped as gold/SCHEMA.md.

Keys are stable: `source`, `document`, `citations`, `dates`, `percentages`,
`targets`, `bodies`, `assignments`; a list whose extractor is not built is
empty but present. Every item carries `start`/`end` offsets into the
document's normalised text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from extractors.registry import KINDS
from extractors.relations import strongest
from extractors.spans import (
    Assignment,
    BodyMention,
    Citation,
    DateMention,
    Percentage,
    Span,
    Target,
)
from pipeline.model import Document


def aggregate_citations(citations: Sequence[Citation]) -> list[dict[str, Any]]:
    """Return one entry per distinct cited document, with all its mentions."""
    groups: dict[str, list[Citation]] = {}
    for c in citations:
        groups.setdefault(c.key, []).append(c)
    out = []
    for key, mentions in groups.items():
        full = [m for m in mentions if m.form in ("full", "named")] or mentions
        first = full[0]

        def pick(attr: str, _full: list[Citation] = full, _all: list[Citation] = mentions) -> Any:
            for m in _full + _all:
                value = getattr(m, attr)
                if value:
                    return value
            return None

        numbers = list(dict.fromkeys(m.number for m in mentions if m.number))
        entry: dict[str, Any] = {
            "doc_type": pick("doc_type"),
            "number": numbers[0] if numbers else None,
            "date": pick("date"),
            "issuer": pick("issuer"),
            "title": pick("title"),
            "year": pick("year"),
            "relation": strongest([m.relation for m in mentions]),
            "key": key,
            "start": first.start,
            "end": first.end,
            "text": first.text,
            "mentions": [[m.start, m.end] for m in mentions],
        }
        if len(numbers) > 1:
            entry["number_variants"] = numbers[1:]
        out.append(entry)
    return out


def _item(span: Span) -> dict[str, Any]:
    if isinstance(span, DateMention):
        return {"value": span.value, "granularity": span.granularity, "end_value": span.end_value,
                "role": span.role, "resolved": span.resolved, "text": span.text,
                "start": span.start, "end": span.end}
    if isinstance(span, Percentage):
        return {"value": span.value, "qualifier": span.qualifier, "upper": span.upper,
                "subject": span.subject, "text": span.text, "start": span.start, "end": span.end}
    if isinstance(span, Target):
        return {"value": span.value, "total": span.total, "unit": span.unit,
                "qualifier": span.qualifier, "subject": span.subject, "due": span.due,
                "responsible": span.responsible, "text": span.text, "start": span.start,
                "end": span.end}
    if isinstance(span, BodyMention):
        return {"name": span.name, "province": span.province, "role": span.role,
                "kind": span.kind, "text": span.text, "start": span.start, "end": span.end}
    if isinstance(span, Assignment):
        return {"lead": span.lead.name, "partners": [p.name for p in span.partners],
                "task": span.task, "deadline": span.deadline, "text": span.text,
                "start": span.start, "end": span.end}
    return {"text": span.text, "start": span.start, "end": span.end}


def extraction_json(doc: Document, found: Mapping[str, Sequence[Span]]) -> dict[str, Any]:
    """Return the JSON object for one document and what was extracted from it."""
    ident = doc.identity
    out: dict[str, Any] = {
        "source": doc.source,
        "document": {
            "doc_type": ident.doc_type, "number": ident.number, "issued_date": ident.issued_date,
            "issuer": ident.issuer, "place": ident.place, "signer": ident.signer,
            "signer_title": ident.signer_title, "title": ident.title,
            "recipients": list(ident.recipients), "province": ident.province,
            "reader": doc.reader, "encoding": doc.encoding,
        },
    }
    for kind in KINDS:
        spans = found.get(kind, [])
        if kind == "citations":
            out[kind] = aggregate_citations([s for s in spans if isinstance(s, Citation)])
        elif kind == "bodies":
            # A class of bodies ("Ủy ban nhân dân các xã, phường") may lead a task but
            # is not a body (gold/SCHEMA.md); it stays in found["bodies"] for the database.
            out[kind] = [_item(s) for s in spans if not (isinstance(s, BodyMention) and s.kind == "class")]
        else:
            out[kind] = [_item(s) for s in spans]
    return out
