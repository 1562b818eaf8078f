"""Rebuild the corpus-wide directive graph from the citation rows.

Per-document ingestion gives each numbered citation a provisional key
(`number@scope`). This pass, run after every batch, decides which cited
mentions are the same real document: reused numbers (administrative numbers
restart each year, Party numbers each term) are split by their dates; dates
that disagree inside one directive are recorded as conflicts, not merged
silently. It then links directives to the documents in the corpus and
writes the lineage edges.

Tables written: `directives`, `directive_aliases`, `citation_conflicts`,
`lineage_edges`; `citations.directive_id` and `documents.directive_id` are
updated to the final ids.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import sqlite_utils

from extractors.relations import strongest
from pipeline.directives import TERM_YEARS, is_national, scheme, term_of
from pipeline.normalize import fold
from pipeline.store import insert_rows, set_graph_current

# "XI" -> the period `term_of` gives a date of that term.
TERM_INDEX = {roman: "t%d" % (i + 1) for i, roman in enumerate(TERM_YEARS)}

# The tables this pass writes, with their columns in order and primary keys:
# made afresh by every rebuild.
GRAPH_SCHEMA: dict[str, tuple[dict[str, type], str | tuple[str, ...]]] = {
    "directives": ({"id": str, "number": str, "doc_type": str, "scope": str, "issuer": str,
                    "date": str, "year": int, "title": str, "document_id": str,
                    "in_corpus": int, "n_citing_documents": int}, "id"),
    "citation_conflicts": ({"id": str, "directive_id": str, "field": str, "values": str,
                            "citations": str, "documents": str}, "id"),
    "lineage_edges": ({"source_id": str, "target_id": str, "relation": str, "via": str,
                       "documents": str, "citation_id": str}, ("source_id", "target_id")),
    "directive_aliases": ({"alias": str, "directive_id": str, "document_id": str, "form": str,
                           "citation_id": str}, "citation_id"),
}


@dataclass
class _Mention:
    """A dated or undated sighting of a provisional key, from a citation or a document."""

    ident: str
    kind: str  # "citation" or "document"
    date: str | None
    doc_type: str | None
    issuer: str | None
    number: str
    document_id: str
    title: str | None = None
    term: str | None = None


@dataclass
class _Group:
    mentions: list[_Mention] = field(default_factory=list)

    @property
    def dates(self) -> set[str]:
        return {m.date for m in self.mentions if m.date}


def _same_document(a: str, b: str, national: bool, party: bool) -> bool:
    """Tell whether two issue dates of one number can be the same document."""
    if a == b:
        return True
    da, db = date.fromisoformat(a[:10]), date.fromisoformat(b[:10])
    if abs((da - db).days) <= 3:
        return True  # a day's slip between two citing documents
    if (da.month, da.day) == (db.month, db.day):
        return True  # the year mistyped: "30/9/2001" for "30/9/2021"
    if party:
        return term_of(a, national) == term_of(b, national)
    return da.year == db.year  # administrative numbers restart every year


def _split(mentions: list[_Mention]) -> list[_Group]:
    """Group mentions of one key into documents by their dates (undated ones join a lone group)."""
    number = mentions[0].number
    party = scheme(number) == "party"
    national = is_national(number)
    normative = scheme(number) == "normative"
    dated = sorted({m.date for m in mentions if m.date})
    parent = {d: d for d in dated}

    def find(d: str) -> str:
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    if normative:
        for d in dated[1:]:
            parent[find(d)] = find(dated[0])
    else:
        for i, a in enumerate(dated):
            for b in dated[i + 1 :]:
                if _same_document(a, b, national, party):
                    parent[find(b)] = find(a)
    groups: dict[str, _Group] = {}
    for d in dated:
        groups.setdefault(find(d), _Group())
    undated: list[_Mention] = []
    for m in mentions:
        if m.date:
            groups[find(m.date)].mentions.append(m)
        else:
            undated.append(m)
    ordered = [groups[k] for k in sorted(groups)]
    # An undated mention that names its Party term ("Ban Bí thư khóa XI") joins
    # the group of that term.
    if party:
        by_term = {term_of(min(g.dates), national): g for g in ordered}
        rest: list[_Mention] = []
        for m in undated:
            group = by_term.get(TERM_INDEX.get(m.term or "", ""))
            (group.mentions if group else rest).append(m)
        undated = rest
    if not ordered:
        return [_Group(undated)] if undated else []
    # An undated mention cannot choose between two documents; with one candidate it joins it.
    if len(ordered) == 1:
        ordered[0].mentions.extend(undated)
    elif undated:
        ordered.append(_Group(undated))
    return ordered


def rebuild(db: sqlite_utils.Database) -> None:
    """Recompute directives, aliases, conflicts and lineage edges from the stored rows."""
    by_key: dict[str, list[_Mention]] = defaultdict(list)
    for r in db.query(
        "SELECT id, directive_id, local_key, date, doc_type, issuer, number, document_id, title, term "
        "FROM citations WHERE number IS NOT NULL AND local_key IS NOT NULL"
    ):
        key = _provisional(r["id"], r["directive_id"])
        if key:
            by_key[key].append(_Mention(r["id"], "citation", r["date"], r["doc_type"], r["issuer"],
                                        r["number"], r["document_id"], r["title"], r["term"]))
    for r in db.query("SELECT id, number, issued_date, doc_type, issuer, title, directive_id "
                      "FROM documents WHERE number IS NOT NULL"):
        key = _provisional(r["id"], r["directive_id"])
        if key:
            by_key[key].append(_Mention(r["id"], "document", r["issued_date"], r["doc_type"],
                                        r["issuer"], r["number"], r["id"], r["title"]))

    directives, conflicts = [], []
    citation_ids: dict[str, str] = {}
    document_ids: dict[str, str] = {}
    for key, mentions in by_key.items():
        groups = _split(mentions)
        if len(groups) > 1:
            # Kept apart because the dates say two documents; shown, so that a
            # reader can overrule a typo ("48-CT/TW ngày 01/12/2011" for 22/10/2010).
            merged = _Group([m for g in groups for m in g.mentions])
            conflicts.append(_conflict(key, "split", merged, lambda m: m.date or "undated"))
        for group in groups:
            years = sorted({d[:4] for d in group.dates})
            did = key if len(groups) == 1 else "%s#%s" % (key, years[0] if years else "undated")
            docs_in_corpus = [m.document_id for m in group.mentions if m.kind == "document"]
            dates = sorted(group.dates)
            types = [m.doc_type for m in group.mentions if m.doc_type]
            issuers = [m.issuer for m in group.mentions if m.issuer]
            titles = [m.title for m in group.mentions if m.title]
            cited_by = {m.document_id for m in group.mentions if m.kind == "citation"}
            directives.append({
                "id": did, "number": group.mentions[0].number,
                "doc_type": _most_common(types), "scope": key.split("@", 1)[1],
                "issuer": _most_common(issuers), "date": _most_common([m.date for m in group.mentions if m.date]),
                "year": int(dates[0][:4]) if dates else None,
                "title": titles[0] if titles else None,
                "document_id": docs_in_corpus[0] if docs_in_corpus else None,
                "in_corpus": 1 if docs_in_corpus else 0,
                "n_citing_documents": len(cited_by),
            })
            for m in group.mentions:
                (citation_ids if m.kind == "citation" else document_ids)[m.ident] = did
            if len(dates) > 1:
                conflicts.append(_conflict(did, "date", group, lambda m: m.date))
            distinct_issuers = {fold(i) for i in issuers}
            if len(distinct_issuers) > 1 and not _issuers_agree(distinct_issuers):
                conflicts.append(_conflict(did, "issuer", group, lambda m: m.issuer))

    with db.atomic():
        _replace_table(db, "directives", directives)
        _replace_table(db, "citation_conflicts", conflicts)
        # Only rows whose id changed: an UPDATE rewrites the whole record, and a
        # document's record holds its text.
        db.conn.executemany("UPDATE citations SET directive_id = ? WHERE id = ? AND directive_id IS NOT ?",
                            [(did, cid, did) for cid, did in citation_ids.items()])
        db.conn.executemany("UPDATE documents SET directive_id = ? WHERE id = ? AND directive_id IS NOT ?",
                            [(did, doc, did) for doc, did in document_ids.items()])
        _write_edges(db)
        _write_aliases(db)
        set_graph_current(db, True)
    for name, cols in (("directives", ["number"]),
                       # The lineage walks read only these columns: covering indexes
                       # answer them without a table lookup per edge, and skip a busy
                       # law's thousands of "mentions" edges in the index itself.
                       ("lineage_edges", ["source_id", "relation", "target_id"]),
                       ("lineage_edges", ["target_id", "relation", "source_id"]),
                       ("citation_conflicts", ["directive_id"]),
                       # most_cited / missing_directives walk these and stop at 100 rows
                       ("directives", ["n_citing_documents"]),
                       ("directives", ["doc_type", "n_citing_documents"])):
        if db[name].exists():
            db.table(name).create_index(cols, if_not_exists=True)


def _provisional(row_id: str, directive_id: str | None) -> str | None:
    """Strip a date suffix a previous rebuild added, giving back the ingest-time key."""
    if not directive_id:
        return None
    return directive_id.split("#", 1)[0]


def _most_common(values: list) -> object:
    if not values:
        return None
    counts: dict[object, int] = defaultdict(int)
    for v in values:
        counts[v] += 1
    return max(counts, key=lambda v: (counts[v], -values.index(v)))


def _issuers_agree(folded: set[str]) -> bool:
    """Tell whether issuer names only differ in how much they say ("Ban Bí thư" vs "Ban Bí thư Trung ương Đảng")."""
    names = sorted(folded, key=len)
    return all(any(short in long or long in short for long in names[i + 1 :]) or i == len(names) - 1
               for i, short in enumerate(names))


def _conflict(did: str, field_name: str, group: _Group, attr) -> dict:  # type: ignore[no-untyped-def]
    values: dict[str, list[str]] = defaultdict(list)
    docs: dict[str, set[str]] = defaultdict(set)
    for m in group.mentions:
        v = attr(m)
        if v:
            values[v].append(m.ident)
            docs[v].add(m.document_id)
    return {
        "id": "%s|%s" % (did, field_name), "directive_id": did, "field": field_name,
        "values": json.dumps(sorted(values), ensure_ascii=False),
        "citations": json.dumps(dict(sorted(values.items())), ensure_ascii=False),
        "documents": json.dumps({v: sorted(d) for v, d in sorted(docs.items())}, ensure_ascii=False),
    }


def _write_edges(db: sqlite_utils.Database) -> None:
    """Lineage edges: citing document -> cited directive, and parent citation -> nested one."""
    edges: dict[tuple[str, str], dict] = {}

    def add(source: str, target: str, relation: str, document_id: str, citation_id: str, via: str) -> None:
        if source == target:
            return
        k = (source, target)
        if k in edges:
            edges[k]["relation"] = strongest([edges[k]["relation"], relation])
            edges[k]["documents"].add(document_id)
            return
        edges[k] = {"source_id": source, "target_id": target, "relation": relation,
                    "via": via, "documents": {document_id}, "citation_id": citation_id}

    cites = list(db.query(
        "SELECT c.id, c.document_id, c.directive_id, c.relation, c.parent_directive_id, "
        "c.parent_relation, d.directive_id AS doc_directive, c.local_key, c.form, c.start "
        "FROM citations c JOIN documents d ON d.id = c.document_id WHERE c.directive_id IS NOT NULL"
    ))
    # Each document's citations in reading order, to find the one a nested citation sits in.
    in_order: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for r in cites:
        in_order[r["document_id"]].append((r["start"], r["directive_id"]))
    for positions in in_order.values():
        positions.sort()
    for r in cites:
        source = r["doc_directive"] or "document:" + r["document_id"]
        add(source, r["directive_id"], r["relation"] or "mentions", r["document_id"], r["id"], "document")
        if r["parent_directive_id"]:
            parent = _final_parent(in_order[r["document_id"]], r["parent_directive_id"])
            add(parent, r["directive_id"], r["parent_relation"] or "mentions", r["document_id"],
                r["id"], "citation")
    for edge in edges.values():
        edge["documents"] = json.dumps(sorted(edge["documents"]))
    _replace_table(db, "lineage_edges", list(edges.values()))


def _final_parent(in_order: list[tuple[int, str]], parent_id: str) -> str:
    """Return the final id of the citation a nested one was named inside.

    The parent was given its provisional id at ingest; the rebuild may have
    split it by date (`id#2010`), so the first citation of the document whose
    final id starts with the provisional one is it."""
    provisional = parent_id.split("#", 1)[0]
    return next((did for _, did in in_order if did.startswith(provisional)), parent_id)


def _replace_table(db: sqlite_utils.Database, name: str, rows: list[dict]) -> None:
    """Drop and recreate one of the graph tables with `rows`."""
    columns, pk = GRAPH_SCHEMA[name]
    if db[name].exists():
        db[name].drop()
    db.create_table(name, columns, pk=pk)
    if rows:
        insert_rows(db, name, rows)


def _write_aliases(db: sqlite_utils.Database) -> None:
    """Short forms and aliases ("Nghị quyết số 36", "Đề án 06") with the directive they stand for."""
    rows = [
        {"alias": r["text"], "directive_id": r["directive_id"], "document_id": r["document_id"],
         "form": r["form"], "citation_id": r["id"]}
        for r in db.query("SELECT id, text, directive_id, document_id, form FROM citations "
                          "WHERE form IN ('short', 'alias') AND directive_id IS NOT NULL")
    ]
    _replace_table(db, "directive_aliases", rows)
