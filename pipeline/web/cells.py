"""Links in table cells and query results: ids lead to the lineage page, items to their place in the text.

Called for every cell Datasette renders, so it decides from the column name
alone; the one lookup it makes (the name of an unnumbered document standing
as a lineage node) is a primary-key read.
"""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any

from datasette.utils import tilde_encode
from markupsafe import Markup, escape

from pipeline.web.pages import document_url, page_url

# Columns holding a lineage node (a directive id or `document:<id>`).
NODE_COLUMNS = {
    ("directives", "number"), ("documents", "directive_id"), ("citations", "directive_id"),
    ("citations", "parent_directive_id"), ("lineage_edges", "source_id"),
    ("lineage_edges", "target_id"), ("citation_conflicts", "directive_id"),
    ("directive_aliases", "directive_id"),
}
# The same, in canned query results (where `table` is None).
QUERY_NODE_COLUMNS = {"node", "cites", "cited_by", "directive_id"}
# Tables whose rows sit at offsets in a document: their text links to that place.
PLACED = {"citations", "dates", "percentages", "targets", "body_mentions", "assignments"}
DOCUMENT = "document:"
LONGEST = 300  # characters of a long cell shown (Datasette does not truncate plugin cells)


def render(datasette: Any, database: str, table: str | None, column: str, row: Any,
           value: Any) -> Markup | Coroutine[Any, Any, Markup] | None:
    """Return the HTML for one cell (or a coroutine giving it), or None to let Datasette render it."""
    if isinstance(value, dict) and column == "document_id":
        return _document_reference(datasette, database, value)
    if value is None or value == "" or isinstance(value, (bytes, dict)):
        return None  # empty, binary, or a foreign key Datasette labels itself
    value = str(value)
    keys = set(row.keys()) if hasattr(row, "keys") else set()
    if (table, column) in NODE_COLUMNS or (table is None and column in QUERY_NODE_COLUMNS):
        node = _raw(row["id"]) if (table, column) == ("directives", "number") else value
        href = page_url(datasette, database, "lineage", directive=node)
        if table == "lineage_edges" and node.startswith(DOCUMENT):
            return _document_node(datasette, database, node, href)
        return _link(href, value, "Xem phả hệ / lineage")
    if table is None and column == "document_id":
        return _link(document_url(datasette, database, value), value,
                     "Xem văn bản / read the text")
    if table == "documents" and column == "source" and "id" in keys:
        return _link(document_url(datasette, database, _raw(row["id"])), value,
                     "Xem văn bản đã tô màu / read the annotated text")
    if table in PLACED and column in ("text", "task") and {"id", "document_id"} <= keys:
        anchor = "#%s-%s" % (table, _raw(row["id"]))
        return _link(document_url(datasette, database, _raw(row["document_id"])) + anchor,
                     value, "Xem trong văn bản / see it in the text")
    if table == "paragraphs" and column == "idx" and "document_id" in keys:
        return _link(document_url(datasette, database, _raw(row["document_id"]))
                     + "#p-%s" % value, value, "Xem trong văn bản / see it in the text")
    return None


def _document_reference(datasette: Any, database: str, fk: dict) -> Markup:
    """Show a document foreign key by its title (its id when it has none) and link its text too.

    Datasette would print "None" for a document without a title."""
    doc = str(fk["value"])
    label = fk.get("label")
    shown = str(label) if label not in (None, "", "None") else doc
    row = datasette.urls.row(database, "documents", tilde_encode(doc))
    text = document_url(datasette, database, doc)
    return Markup('<a href="%s">%s</a><a class="directives-doc-page" href="%s" title="%s">¶</a>'
                  % (escape(row), escape(shown[:LONGEST]), escape(text),
                     "Xem văn bản / read the text"))


async def _document_node(datasette: Any, database: str, node: str, href: str) -> Markup:
    """Name an unnumbered document (`document:<id>`) by its type and title, not its hash."""
    doc = (await datasette.get_database(database).execute(
        "SELECT doc_type, title, source FROM documents WHERE id = ?", [node[len(DOCUMENT):]])).first()
    if doc is None:
        return _link(href, node, "Xem phả hệ / lineage")
    name = "%s (không số): %s" % (doc["doc_type"] or "Văn bản", doc["title"] or doc["source"])
    return _link(href, name[:120], node)


def _raw(value: Any) -> str:
    """Return a cell's stored value: Datasette hands expanded foreign keys over as {value, label}."""
    return str(value["value"] if isinstance(value, dict) else value)


def _link(href: str, text: str, title: str) -> Markup:
    shown = text if len(text) <= LONGEST else text[: LONGEST - 1] + "…"
    return Markup('<a class="directives-link" href="%s" title="%s">%s</a>'
                  % (escape(href), escape(title), escape(shown)))
