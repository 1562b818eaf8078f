"""Walk the lineage graph: what a directive implements (up) and what implements it (down)."""

from __future__ import annotations

import sqlite3
from xml.sax.saxutils import escape

from pipeline.directives import number_key

# Relations that carry authority downwards; `mentions` is shown but not followed.
FOLLOWED = ("replaces", "repeals", "amends", "corrects", "consolidates", "guides", "basis",
            "implements", "continues", "refers")


def _connect(db_path: str) -> sqlite3.Connection:
    conn = sqlite3.connect("file:%s?mode=ro" % db_path, uri=True)
    conn.row_factory = sqlite3.Row
    return conn


def find_directives(conn: sqlite3.Connection, number: str) -> list[sqlite3.Row]:
    """Return the directives whose number folds to `number`'s key."""
    key = number_key(number)
    rows = conn.execute("SELECT * FROM directives").fetchall()
    return [r for r in rows if number_key(r["number"] or "") == key]


def label(conn: sqlite3.Connection, node: str) -> str:
    """Return a readable label for a directive id or a `document:` node."""
    if node.startswith("document:"):
        doc = conn.execute("SELECT source, doc_type, title FROM documents WHERE id = ?",
                           [node.split(":", 1)[1]]).fetchone()
        if doc:
            return "%s (unnumbered, %s)" % (doc["doc_type"] or "document", doc["source"])
        return node
    row = conn.execute("SELECT * FROM directives WHERE id = ?", [node]).fetchone()
    if not row:
        return node
    parts = [row["doc_type"] or "", row["number"] or ""]
    if row["date"]:
        parts.append("ngày " + "/".join(reversed(row["date"].split("-"))))
    if row["issuer"]:
        parts.append("của " + row["issuer"])
    text = " ".join(p for p in parts if p)
    if row["document_id"]:
        src = conn.execute("SELECT source FROM documents WHERE id = ?", [row["document_id"]]).fetchone()
        text += "  [in corpus: %s]" % (src["source"] if src else row["document_id"])
    return text


def _walk(conn: sqlite3.Connection, node: str, up: bool, depth: int, seen: set[str], indent: str,
          out: list[str]) -> None:
    if depth == 0:
        return
    if up:
        edges = conn.execute("SELECT target_id AS other, relation FROM lineage_edges WHERE source_id = ? "
                             "ORDER BY relation, target_id", [node]).fetchall()
    else:
        edges = conn.execute("SELECT source_id AS other, relation FROM lineage_edges WHERE target_id = ? "
                             "ORDER BY relation, source_id", [node]).fetchall()
    edges = [e for e in edges if e["relation"] in FOLLOWED]
    for i, e in enumerate(edges):
        last = i == len(edges) - 1
        out.append("%s%s %s %s" % (indent, "└─" if last else "├─", e["relation"], label(conn, e["other"])))
        if e["other"] not in seen:
            seen.add(e["other"])
            _walk(conn, e["other"], up, depth - 1, seen, indent + ("   " if last else "│  "), out)


def render_lineage(db_path: str, number: str, depth: int = 6) -> str:
    """Return the ancestors and descendants of directive `number` as a text tree."""
    conn = _connect(db_path)
    found = find_directives(conn, number)
    if not found:
        return "No directive numbered %s in the database." % number
    out: list[str] = []
    for row in found:
        out.append(label(conn, row["id"]))
        out.append("  up (what it stands on):")
        before = len(out)
        _walk(conn, row["id"], True, depth, {row["id"]}, "    ", out)
        if len(out) == before:
            out.append("    (nothing)")
        out.append("  down (what implements it):")
        before = len(out)
        _walk(conn, row["id"], False, depth, {row["id"]}, "    ", out)
        if len(out) == before:
            out.append("    (nothing)")
    return "\n".join(out)


def write_graphml(db_path: str, path: str) -> tuple[int, int]:
    """Write the directive graph as GraphML; return (nodes, edges)."""
    conn = _connect(db_path)
    nodes = {r["id"]: r for r in conn.execute("SELECT * FROM directives")}
    edges = conn.execute("SELECT * FROM lineage_edges").fetchall()
    extra = {e[k] for e in edges for k in ("source_id", "target_id")} - set(nodes)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        fh.write('<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
        for key, target, kind in (("number", "node", "string"), ("doc_type", "node", "string"),
                                  ("date", "node", "string"), ("issuer", "node", "string"),
                                  ("in_corpus", "node", "int"), ("relation", "edge", "string")):
            fh.write('  <key id="%s" for="%s" attr.name="%s" attr.type="%s"/>\n' % (key, target, key, kind))
        fh.write('  <graph id="directives" edgedefault="directed">\n')
        for nid, r in nodes.items():
            fh.write('    <node id="%s">' % escape(nid, {'"': "&quot;"}))
            for k in ("number", "doc_type", "date", "issuer", "in_corpus"):
                if r[k] is not None:
                    fh.write('<data key="%s">%s</data>' % (k, escape(str(r[k]))))
            fh.write("</node>\n")
        for nid in sorted(extra):
            fh.write('    <node id="%s"/>\n' % escape(nid, {'"': "&quot;"}))
        for e in edges:
            fh.write('    <edge source="%s" target="%s"><data key="relation">%s</data></edge>\n' % (
                escape(e["source_id"], {'"': "&quot;"}), escape(e["target_id"], {'"': "&quot;"}),
                escape(e["relation"] or "")))
        fh.write("  </graph>\n</graphml>\n")
    return len(nodes) + len(extra), len(edges)
