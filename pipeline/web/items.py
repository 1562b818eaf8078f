"""Read what was extracted from one document, ready to be highlighted on its page.

Every table whose rows carry `document_id`, `start` and `end` gives items;
each item says what was extracted in a short label and a tooltip, in
Vietnamese with the English code beside it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.web.vocab import both, vi


@dataclass(frozen=True)
class Item:
    """One extracted row, placed on the document's text."""

    table: str
    id: str
    start: int
    end: int
    text: str | None
    """The text stored with the row (None where the table keeps none)."""
    label: str
    title: str
    directive_id: str | None = None
    """For a citation: the cited directive, to link its lineage."""
    cited_document_id: str | None = None
    """For a citation of a document in the corpus: that document."""


# One query per kind; `?` is the document id. Kept in the legend's order.
QUERIES: dict[str, str] = {
    "citations": (
        "SELECT c.id, c.start, c.\"end\", c.text, c.doc_type, c.number, c.date, c.issuer, c.title,"
        " c.relation, c.form, c.directive_id, d.document_id AS cited_document_id"
        " FROM citations c LEFT JOIN directives d ON d.id = c.directive_id"
        " WHERE c.document_id = ? ORDER BY c.start"),
    "dates": (
        "SELECT *"  # `resolved` is newer than some databases: read whatever columns there are
        " FROM dates WHERE document_id = ? ORDER BY start"),
    "percentages": (
        "SELECT id, start, \"end\", text, value, upper, qualifier, subject"
        " FROM percentages WHERE document_id = ? ORDER BY start"),
    "body_mentions": (
        "SELECT m.id, m.start, m.\"end\", m.text, m.role, m.body_id, b.name, b.province"
        " FROM body_mentions m LEFT JOIN bodies b ON b.id = m.body_id"
        " WHERE m.document_id = ? ORDER BY m.start"),
    "targets": (
        "SELECT id, start, \"end\", text, value, total, unit, qualifier, subject, due"
        " FROM targets WHERE document_id = ? ORDER BY start"),
    "assignments": (
        "SELECT a.id, a.start, a.\"end\", NULL AS text, a.lead, a.task, a.deadline,"
        " (SELECT group_concat(p.name, '; ') FROM assignment_partners p"
        "   WHERE p.assignment_id = a.id) AS partners"
        " FROM assignments a WHERE a.document_id = ? ORDER BY a.start"),
}
# Tables a query reads besides its own (a missing one means the graph is not built yet).
NEEDS = {"citations": ("directives",), "body_mentions": ("bodies",),
         "assignments": ("assignment_partners",)}


def load_items(conn: sqlite3.Connection, document_id: str) -> dict[str, list[Item]]:
    """Return the document's extracted items, table by table (tables not built yet give none)."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    cur = conn.cursor()
    cur.row_factory = sqlite3.Row
    found: dict[str, list[Item]] = {}
    for table, sql in QUERIES.items():
        if table not in tables or not set(NEEDS.get(table, ())) <= tables:
            found[table] = []
            continue
        describe = DESCRIBE[table]
        found[table] = [describe(r) for r in cur.execute(sql, [document_id])]
    return found


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return ("%g" % value).replace(".", ",")  # Vietnamese decimal comma


def _parts(*parts: str | None, sep: str = " · ") -> str:
    return sep.join(p for p in parts if p)


def _citation(r: sqlite3.Row) -> Item:
    cited = _parts(r["doc_type"], r["number"] or r["title"], sep=" ")
    title = _parts(
        "Trích dẫn / citation: %s" % (cited or r["text"]),
        "ngày %s" % r["date"] if r["date"] else None, r["issuer"],
        "quan hệ / relation: %s" % both("relations", r["relation"]),
        "dạng / form: %s" % r["form"] if r["form"] else None,
    )
    return Item("citations", r["id"], r["start"], r["end"], r["text"],
                _parts(cited or r["text"], vi("relations", r["relation"]), sep=" — "),
                title, r["directive_id"], r["cited_document_id"])


def _date(r: sqlite3.Row) -> Item:
    # `in` on a sqlite3.Row looks at values, not column names: keys() is needed.
    resolved = r["resolved"] if "resolved" in r.keys() else None  # noqa: SIM118
    value = (resolved or r["value"]) + ("–" + r["end_value"] if r["end_value"] else "")
    title = _parts("Ngày / date: %s" % value, r["granularity"],
                   "vai trò / role: %s" % both("roles", r["role"]) if r["role"] else None)
    return Item("dates", r["id"], r["start"], r["end"], r["text"],
                _parts(value, vi("roles", r["role"]), sep=" — "), title)


def _percentage(r: sqlite3.Row) -> Item:
    value = _num(r["value"]) + ("–" + _num(r["upper"]) if r["upper"] is not None else "") + "%"
    label = _parts(vi("roles", r["qualifier"]), value, sep=" ")
    title = _parts("Tỷ lệ / percentage: %s" % label, r["subject"])
    return Item("percentages", r["id"], r["start"], r["end"], r["text"],
                _parts(label, r["subject"], sep=" — "), title)


def _body(r: sqlite3.Row) -> Item:
    name = _parts(r["name"] or r["text"], r["province"], sep=", ")
    title = _parts("Cơ quan / body: %s" % name,
                   "vai trò / role: %s" % both("roles", r["role"]) if r["role"] else None)
    return Item("body_mentions", r["id"], r["start"], r["end"], r["text"],
                _parts(name, vi("roles", r["role"]), sep=" — "), title)


def _target(r: sqlite3.Row) -> Item:
    value = _num(r["value"]) + ("/" + _num(r["total"]) if r["total"] is not None else "")
    label = _parts(vi("roles", r["qualifier"]), value, r["unit"], sep=" ")
    title = _parts("Chỉ tiêu / target: %s" % label, r["subject"],
                   "hạn / due: %s" % r["due"] if r["due"] else None)
    return Item("targets", r["id"], r["start"], r["end"], r["text"],
                _parts(label, "hạn " + r["due"] if r["due"] else None, sep=" — "), title)


def _assignment(r: sqlite3.Row) -> Item:
    title = _parts("Giao nhiệm vụ / assignment: chủ trì / lead %s" % r["lead"],
                   "phối hợp / partners: %s" % r["partners"] if r["partners"] else None,
                   "hạn / deadline: %s" % r["deadline"] if r["deadline"] else None)
    return Item("assignments", r["id"], r["start"], r["end"], None,
                _parts(r["lead"], (r["task"] or "")[:80], sep=" — "), title)


DESCRIBE: dict[str, Callable[[sqlite3.Row], Item]] = {
    "citations": _citation, "dates": _date, "percentages": _percentage,
    "body_mentions": _body, "targets": _target, "assignments": _assignment,
}
