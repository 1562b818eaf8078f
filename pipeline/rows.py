"""Turn a document and its extracted items into database rows (table -> rows)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from functools import lru_cache

from extractors.spans import (
    Assignment,
    BodyMention,
    Citation,
    DateMention,
    Percentage,
    Span,
    Target,
)
from pipeline.layout import type_from_symbol
from pipeline.model import Document
from pipeline.normalize import fold, search_fold
from pipeline.store import as_json, paragraph_rows

# The same symbols recur across a corpus ("QĐ-TTg", "NQ/TU"): look each up once.
_symbol_type = lru_cache(maxsize=1 << 14)(type_from_symbol)


@lru_cache(maxsize=1 << 16)
def body_id(name: str, province: str | None) -> str:
    """Return the id of a canonical body: its folded name within its province."""
    key = "%s|%s" % (fold(name), fold(province or ""))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _body_row(bid: str, b: BodyMention) -> dict:
    # The folded name lets a search by the start of a name ("cong an tinh") use an index.
    return {"id": bid, "name": b.name, "name_folded": search_fold(b.name), "province": b.province, "kind": b.kind}


def _located(doc: Document, span: Span, n: int, kind: str) -> dict:
    para = doc.paragraph_at(span.start)
    return {
        "id": "%s:%s:%d" % (doc.id, kind, n),
        "document_id": doc.id,
        "paragraph_id": "%s:%d" % (doc.id, para.index) if para else None,
        "path": para.path if para else None,
        "start": span.start,
        "end": span.end,
    }


def document_row(doc: Document, sha256: str, directive_id: str | None = None) -> dict:
    """Return the `documents` row of `doc`."""
    ident = doc.identity
    return {
        "id": doc.id, "source": doc.source, "sha256": sha256, "doc_type": ident.doc_type,
        "number": ident.number, "issuer": ident.issuer, "place": ident.place,
        "province": ident.province, "issued_date": ident.issued_date,
        "year": int(ident.issued_date[:4]) if ident.issued_date else None,
        "title": ident.title, "signer": ident.signer, "signer_title": ident.signer_title,
        "recipients": as_json(list(ident.recipients)), "reader": doc.reader,
        "encoding": doc.encoding, "notes": as_json(list(doc.notes)) if doc.notes else None,
        "n_chars": len(doc.text), "text": doc.text, "directive_id": directive_id,
    }


def rows_for(doc: Document, sha256: str, found: Mapping[str, Sequence[Span]]) -> dict[str, list[dict]]:
    """Return every row `doc` contributes, table by table."""
    from pipeline.directives import citation_directive_id, document_directive_id

    rows: dict[str, list[dict]] = {
        "documents": [document_row(doc, sha256, document_directive_id(doc))],
        "paragraphs": paragraph_rows(doc.id, doc.text, doc.paragraphs),
    }
    citations = [c for c in found.get("citations", []) if isinstance(c, Citation)]
    keys = {c.key: c for c in citations if c.form == "full"}
    rows["citations"] = []
    for n, c in enumerate(citations):
        row = _located(doc, c, n, "c")
        parent = keys.get(c.parent) if c.parent else None
        row.update({
            "text": c.text, "doc_type": c.doc_type, "number": c.number, "date": c.date,
            "issuer": c.issuer, "title": c.title, "year": c.year, "relation": c.relation,
            "form": c.form, "local_key": c.key,
            "directive_id": citation_directive_id(doc, c),
            "parent_directive_id": citation_directive_id(doc, parent) if parent else None,
            "parent_relation": c.parent_relation, "term": c.term,
            # The type the symbol's code implies, beside the printed one: a
            # mismatch ("Công văn số 3129/TTr-SNV") is worth a reader's look.
            "symbol_type": _symbol_type(c.number),
        })
        rows["citations"].append(row)
    rows["dates"] = []
    for n, d in enumerate(x for x in found.get("dates", []) if isinstance(x, DateMention)):
        row = _located(doc, d, n, "d")
        full = getattr(d, "resolved", None) or d.value
        row.update({"text": d.text, "value": d.value, "end_value": d.end_value,
                    "resolved": getattr(d, "resolved", None), "granularity": d.granularity,
                    "role": d.role, "year": int(full[:4]) if full[:4].isdigit() else None})
        rows["dates"].append(row)
    rows["percentages"] = []
    for n, p in enumerate(x for x in found.get("percentages", []) if isinstance(x, Percentage)):
        row = _located(doc, p, n, "p")
        row.update({"text": p.text, "value": p.value, "upper": p.upper,
                    "qualifier": p.qualifier, "subject": p.subject})
        rows["percentages"].append(row)
    rows["targets"] = []
    for n, t in enumerate(x for x in found.get("targets", []) if isinstance(x, Target)):
        row = _located(doc, t, n, "t")
        row.update({"text": t.text, "value": t.value, "total": t.total, "unit": t.unit,
                    "qualifier": t.qualifier, "subject": t.subject, "due": t.due,
                    "due_year": int(t.due[:4]) if t.due else None,
                    "responsible": t.responsible, "province": doc.identity.province})
        rows["targets"].append(row)
    bodies: dict[str, dict] = {}
    rows["body_mentions"] = []
    for n, b in enumerate(x for x in found.get("bodies", []) if isinstance(x, BodyMention)):
        bid = body_id(b.name, b.province)
        if bid not in bodies:
            bodies[bid] = _body_row(bid, b)
        row = _located(doc, b, n, "b")
        row.update({"body_id": bid, "text": b.text, "role": b.role})
        rows["body_mentions"].append(row)
    rows["assignments"], rows["assignment_partners"] = [], []
    for n, a in enumerate(x for x in found.get("assignments", []) if isinstance(x, Assignment)):
        row = _located(doc, a, n, "a")
        lead_id = body_id(a.lead.name, a.lead.province)
        if lead_id not in bodies:
            bodies[lead_id] = _body_row(lead_id, a.lead)
        row.update({"lead_body_id": lead_id, "lead": a.lead.name, "task": a.task,
                    "deadline": a.deadline})
        rows["assignments"].append(row)
        for partner in a.partners:
            pid = body_id(partner.name, partner.province)
            if pid not in bodies:
                bodies[pid] = _body_row(pid, partner)
            rows["assignment_partners"].append({
                "assignment_id": row["id"], "document_id": doc.id, "body_id": pid,
                "name": partner.name,
            })
    rows["bodies"] = list(bodies.values())
    return rows
