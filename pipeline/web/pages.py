"""The plugin's pages: lineage graph, annotated document, search across tables, static files."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from datasette.utils import tilde_decode, tilde_encode
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup

from pipeline.web import graph as lineage
from pipeline.web.highlight import Highlight, annotate, placeable
from pipeline.web.items import Item, load_items
from pipeline.web.search import search_all
from pipeline.web.svg import edge_class, render
from pipeline.web.vocab import kinds, relations

STATIC = Path(__file__).parent / "static"
MAX_DEPTH = 8


def project_database(datasette: Any) -> str:
    """Return the database the pages serve when the URL names none: the first one served."""
    names = [n for n in datasette.databases if not n.startswith("_")]
    if not names:
        raise NotFound("No database is served")
    return names[0]


async def _database(datasette: Any, request: Any) -> Any:
    """Return the database named in the URL, after checking the actor may see it."""
    name = tilde_decode(request.url_vars.get("database") or project_database(datasette))
    if name not in datasette.databases:
        raise NotFound("Database not found: %s" % name)
    await datasette.ensure_permissions(request.actor, [("view-database", name), "view-instance"])
    return datasette.get_database(name)


async def shortcut(datasette: Any, request: Any) -> Response:
    """Redirect `/-/search` (and the others) to the page of the served database."""
    page = request.url_vars["page"]
    path = "%s/-/%s" % (datasette.urls.database(project_database(datasette)), page)
    return Response.redirect(path + ("?" + request.query_string if request.query_string else ""))


def row_url(datasette: Any, database: str, table: str, pk: str) -> str:
    """Return the URL of one row's page."""
    return datasette.urls.row(database, table, tilde_encode(pk))


def document_url(datasette: Any, database: str, document_id: str) -> str:
    """Return the URL of a document's annotated page."""
    return page_url(datasette, database, "document/" + tilde_encode(document_id))


def page_url(datasette: Any, database: str, page: str, **args: Any) -> str:
    """Return the URL of one of the plugin's pages, with query arguments."""
    url = "%s/-/%s" % (datasette.urls.database(database), page)
    args = {k: v for k, v in args.items() if v not in (None, "")}
    return url + ("?" + urlencode(args) if args else "")


async def lineage_page(datasette: Any, request: Any) -> Response:
    """Draw what one directive implements and what implements it."""
    db = await _database(datasette, request)
    query = (request.args.get("directive") or "").strip()
    depth = _bounded(request.args.get("depth"), 4, 1, MAX_DEPTH)
    mentions = request.args.get("mentions") == "1"
    candidates = await db.execute_fn(lambda conn: lineage.resolve(conn, query)) if query else []
    context: dict[str, Any] = {
        "database": db.name, "query": query, "depth": depth, "mentions": mentions,
        "max_depth": MAX_DEPTH, "candidates": [], "graph": None, "svg": None,
        "relations": [{"code": c, "edge_class": edge_class(c), **w} for c, w in relations().items()],
    }
    if candidates:
        focus = candidates[0]
        g = await db.execute_fn(
            lambda conn: lineage.neighbourhood(conn, focus, depth=depth, mentions=mentions))

        def recentre(node: lineage.Node) -> str:
            return page_url(datasette, db.name, "lineage", directive=node.id, depth=depth,
                            mentions="1" if mentions else None)

        def more(layer: int) -> str:
            name = "ancestors" if layer < 0 else "descendants"
            return datasette.urls.query(db.name, name) + "?" + urlencode({"directive": focus})

        context.update(
            graph=g,
            svg=Markup(render(g, lambda n: _node_row(datasette, db.name, n), recentre, more)),
            nodes=[{
                "node": n, "row": _node_row(datasette, db.name, n), "lineage": recentre(n),
                "document": document_url(datasette, db.name, n.document_id)
                if n.document_id else None,
            } for n in sorted(g.nodes.values(), key=lambda n: (n.layer, n.heading))],
            candidates=[{"id": c, "url": recentre(lineage.Node(c, 0, c, "", "", False, c, None)),
                         "current": c == focus} for c in candidates],
            ancestors_url=datasette.urls.query(db.name, "ancestors") + "?" + urlencode({"directive": focus}),
            descendants_url=datasette.urls.query(db.name, "descendants") + "?" + urlencode({"directive": focus}),
        )
    return Response.html(await datasette.render_template(
        "directives_lineage.html", context, request=request, view_name="directives-lineage"))


def _node_row(datasette: Any, database: str, node: lineage.Node) -> str:
    if node.directive_id:
        return row_url(datasette, database, "directives", node.directive_id)
    if node.document_id:
        return row_url(datasette, database, "documents", node.document_id)
    return page_url(datasette, database, "lineage", directive=node.id)


async def document_page(datasette: Any, request: Any) -> Response:
    """Show a document's text with every extracted item highlighted and linked to its row."""
    db = await _database(datasette, request)
    doc_id = tilde_decode(request.url_vars["document_id"])
    doc = (await db.execute("SELECT * FROM documents WHERE id = ?", [doc_id])).first()
    if doc is None:
        raise NotFound("Document not found: %s" % doc_id)
    text = doc["text"] or ""
    found = await db.execute_fn(lambda conn: load_items(conn, doc_id))
    paragraphs = (await db.execute(
        "SELECT idx, start FROM paragraphs WHERE document_id = ? ORDER BY idx", [doc_id])).rows
    highlights: list[Highlight] = []
    groups = []
    for table, words in kinds().items():
        entries = []
        for item in found.get(table, []):
            mark = _highlight(datasette, db.name, item, text)
            if placeable(text, mark):
                highlights.append(mark)
            entries.append(_entry(datasette, db.name, item, mark, placeable(text, mark)))
        groups.append({"table": table, **words, "entries": entries,
                       "mismatches": sum(1 for e in entries if not e["matches"]),
                       "unplaced": sum(1 for e in entries if not e["placed"]),
                       "table_url": datasette.urls.table(db.name, table) + "?"
                       + urlencode({"document_id": doc_id})})
    body = annotate(text, highlights, {p["start"]: "p-%d" % p["idx"] for p in paragraphs},
                    order=list(kinds()))
    own = doc["directive_id"] or "document:" + doc_id
    context = {
        "database": db.name, "doc": dict(doc), "body": body, "groups": groups,
        "row_url": row_url(datasette, db.name, "documents", doc_id),
        "lineage_url": page_url(datasette, db.name, "lineage", directive=own),
        "n_items": len(highlights),
    }
    return Response.html(await datasette.render_template(
        "directives_document.html", context, request=request, view_name="directives-document"))


def _highlight(datasette: Any, database: str, item: Item, text: str) -> Highlight:
    matches = item.text is None or text[item.start:item.end] == item.text
    return Highlight(item.start, item.end, item.table, "%s-%s" % (item.table, item.id),
                     row_url(datasette, database, item.table, item.id), item.title, matches)


def _entry(datasette: Any, database: str, item: Item, mark: Highlight, placed: bool) -> dict:
    links = []
    if item.directive_id:
        links.append(("phả hệ / lineage",
                      page_url(datasette, database, "lineage", directive=item.directive_id)))
    if item.cited_document_id:
        links.append(("văn bản / text",
                      document_url(datasette, database, item.cited_document_id)))
    return {"item": item, "anchor": mark.anchor, "row": mark.href, "links": links,
            "matches": mark.matches, "placed": placed}


async def search_page(datasette: Any, request: Any) -> Response:
    """Search directives, bodies and paragraphs at once, with or without diacritics."""
    db = await _database(datasette, request)
    query = (request.args.get("q") or "").strip()
    results = await db.execute_fn(lambda conn: search_all(conn, query)) if query else None
    context: dict[str, Any] = {"database": db.name, "query": query, "results": results}
    if results:
        context.update(
            directive_links=[{
                "row": r, "url": row_url(datasette, db.name, "directives", r["id"]),
                "lineage": page_url(datasette, db.name, "lineage", directive=r["id"]),
            } for r in results.directives],
            body_links=[{
                "row": r, "url": row_url(datasette, db.name, "bodies", r["id"]),
                "tasks": datasette.urls.query(db.name, "body_tasks") + "?"
                + urlencode({"body": r["id"], "province": ""}),
            } for r in results.bodies],
            paragraph_links=[{
                "row": r, "url": document_url(datasette, db.name, r["document_id"]) + "#p-%d" % r["idx"],
            } for r in results.paragraphs],
            table_search_url=datasette.urls.table(db.name, "paragraphs") + "?"
            + urlencode({"_search": query}),
        )
    return Response.html(await datasette.render_template(
        "directives_search.html", context, request=request, view_name="directives-search"))


async def static_file(request: Any) -> Response:
    """Serve a file from the plugin's static folder (CSS), on every Python version."""
    name = request.url_vars["path"]
    path = STATIC / name
    if "/" in name or name.startswith(".") or not path.is_file():
        raise NotFound("No such file: %s" % name)
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return Response(path.read_bytes(), content_type=kind,
                    headers={"cache-control": "max-age=3600"})


def _bounded(value: str | None, default: int, low: int, high: int) -> int:
    try:
        return min(max(int(value or default), low), high)
    except ValueError:
        return default
