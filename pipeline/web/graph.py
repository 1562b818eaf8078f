"""Collect the neighbourhood of one directive in the lineage graph, for the lineage page.

Plain functions over a `sqlite3.Connection` (the page runs them through
Datasette's `execute_fn`), so they can be tested and reused without a server.
Upwards are the directives a node cites (what it implements, stands on);
downwards the documents citing it. Each layer is capped so that a national
directive cited by thousands of plans still draws in a few milliseconds.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from pipeline.lineage import FOLLOWED
from pipeline.web.sqlfunctions import directive_key
from pipeline.web.vocab import relations as relation_words

# Edges read per layer: enough to count what is left out, bounded for speed.
EDGE_LIMIT = 500
DOCUMENT_PREFIX = "document:"


@dataclass(frozen=True)
class Node:
    """One document or directive on the page, with what its box shows."""

    id: str
    layer: int
    """0 for the focus, -n for n steps up (cited), +n for n steps down (citing)."""
    heading: str
    detail: str
    title: str
    in_corpus: bool
    directive_id: str | None
    document_id: str | None


@dataclass(frozen=True)
class Edge:
    """`source` cites `target` with `relation`."""

    source: str
    target: str
    relation: str


@dataclass
class Graph:
    """The focus, the nodes around it, the edges between them, and what was left out."""

    focus: str
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    hidden: dict[int, int] = field(default_factory=dict)
    """Layer -> how many more nodes it has than are drawn."""
    unbounded: set[int] = field(default_factory=set)
    """Layers whose `hidden` count is a lower bound (more edges than were read)."""


def resolve(conn: sqlite3.Connection, query: str, limit: int = 50) -> list[str]:
    """Return the graph nodes `query` may name: a directive id, a document id, or a number."""
    q = query.strip()
    if not q:
        return []
    if q.startswith(DOCUMENT_PREFIX):
        q = q[len(DOCUMENT_PREFIX):]
    if conn.execute("SELECT 1 FROM directives WHERE id = ?", [q]).fetchone():
        return [q]
    doc = conn.execute("SELECT id, directive_id FROM documents WHERE id = ?", [q]).fetchone()
    if doc:
        return [doc[1] or DOCUMENT_PREFIX + doc[0]]
    key = directive_key(q)
    # Ids are `number_key@scope[#year]`: a range over the primary key finds every
    # scope and year of one number without scanning the table.
    rows = conn.execute(
        "SELECT id FROM directives WHERE id >= ? AND id < ? ORDER BY n_citing_documents DESC, id LIMIT ?",
        [key + "@", key + "A", limit],
    ).fetchall()
    return [r[0] for r in rows]


def neighbourhood(conn: sqlite3.Connection, focus: str, depth: int = 4, per_layer: int = 9,
                  mentions: bool = False) -> Graph:
    """Return `focus` with what it cites (up) and what cites it (down), `depth` steps each way."""
    relations = list(FOLLOWED) + (["mentions"] if mentions else [])
    graph = Graph(focus)
    layers: dict[str, int] = {focus: 0}
    for up in (True, False):
        frontier = [focus]
        for step in range(1, depth + 1):
            if not frontier:
                break
            layer = -step if up else step
            found, complete = _next_layer(conn, frontier, up, relations)
            fresh = [n for n in found if n not in layers]
            for node in fresh[:per_layer]:
                layers[node] = layer
            if len(fresh) > per_layer:
                graph.hidden[layer] = len(fresh) - per_layer
                if not complete:
                    graph.unbounded.add(layer)
            frontier = fresh[:per_layer]
    graph.nodes = _describe(conn, layers)
    graph.edges = _edges_between(conn, list(layers), relations)
    return graph


def _next_layer(conn: sqlite3.Connection, frontier: list[str], up: bool,
                relations: list[str]) -> tuple[list[str], bool]:
    """Return the nodes one step from `frontier` (strongest relation first), and whether that is all.

    A national directive may have tens of thousands of citing documents: only
    EDGE_LIMIT edges are read, and counting the rest would cost more than the page."""
    near, far = ("source_id", "target_id") if up else ("target_id", "source_id")
    where = "%s IN (%s) AND relation IN (%s)" % (near, _marks(frontier), _marks(relations))
    rows = conn.execute("SELECT %s AS other, relation FROM lineage_edges WHERE %s LIMIT ?"
                        % (far, where), [*frontier, *relations, EDGE_LIMIT]).fetchall()
    rank = {r: i for i, r in enumerate(relation_words())}  # labels.yml lists them strongest first
    best: dict[str, int] = {}
    for other, relation in rows:
        best[other] = min(best.get(other, 99), rank.get(relation, 99))
    return sorted(best, key=lambda n: (best[n], n)), len(rows) < EDGE_LIMIT


def _edges_between(conn: sqlite3.Connection, nodes: list[str], relations: list[str]) -> list[Edge]:
    marks = _marks(nodes)
    rows = conn.execute(
        "SELECT source_id, target_id, relation FROM lineage_edges "
        "WHERE source_id IN (%s) AND target_id IN (%s) AND relation IN (%s) "
        "ORDER BY source_id, target_id" % (marks, marks, _marks(relations)),
        [*nodes, *nodes, *relations],
    ).fetchall()
    return [Edge(r[0], r[1], r[2]) for r in rows]


def _describe(conn: sqlite3.Connection, layers: dict[str, int]) -> dict[str, Node]:
    """Return a `Node` for every id, from the directives and documents tables."""
    ids = list(layers)
    cur = conn.cursor()
    cur.row_factory = sqlite3.Row  # by name, whatever factory the caller's connection uses
    directives = {r["id"]: r for r in cur.execute(
        "SELECT id, doc_type, number, date, issuer, title, in_corpus, document_id "
        "FROM directives WHERE id IN (%s)" % _marks(ids), ids)}
    doc_ids = [i[len(DOCUMENT_PREFIX):] for i in ids if i.startswith(DOCUMENT_PREFIX)]
    documents = {r["id"]: r for r in cur.execute(
        "SELECT id, doc_type, number, issued_date, issuer, province, title, source "
        "FROM documents WHERE id IN (%s)" % _marks(doc_ids), doc_ids)}
    nodes = {}
    for node, layer in layers.items():
        d = directives.get(node)
        doc = documents.get(node[len(DOCUMENT_PREFIX):]) if node.startswith(DOCUMENT_PREFIX) else None
        if d is not None:
            nodes[node] = Node(
                node, layer, _join(d["doc_type"], d["number"]) or node,
                _join(_dmy(d["date"]), d["issuer"], sep=" · "), d["title"] or "",
                bool(d["in_corpus"]), node, d["document_id"])
        elif doc is not None:
            nodes[node] = Node(
                node, layer, _join(doc["doc_type"] or "Văn bản", doc["number"] or "(không số)"),
                _join(_dmy(doc["issued_date"]), doc["issuer"], doc["province"], sep=" · ")
                or doc["source"].rsplit("/", 1)[-1],
                doc["title"] or doc["source"], True, None, doc["id"])
        else:
            nodes[node] = Node(node, layer, node, "", "", False, None, None)
    return nodes


def _marks(values: list[str]) -> str:
    return ", ".join("?" * len(values)) or "NULL"


def _join(*parts: str | None, sep: str = " ") -> str:
    return sep.join(p for p in parts if p)


def _dmy(iso: str | None) -> str | None:
    """Return an ISO date as Vietnamese write it (13/07/2023), keeping partial dates as they are."""
    if not iso or len(iso) != 10:
        return iso
    return "%s/%s/%s" % (iso[8:10], iso[5:7], iso[0:4])
