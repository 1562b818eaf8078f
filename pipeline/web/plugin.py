"""Datasette plugin of the project, registered through the `datasette` entry point.

It adds the lineage, document and search pages (`register_routes`), the SQL
functions canned queries fold searches with (`prepare_connection`), folded
full-text search on the paragraphs table page (`filters_from_request`),
links from table cells to those pages (`render_cell`), its stylesheet, and
a guard that turns away every request that is not a read (`asgi_wrapper`).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from datasette import hookimpl
from datasette.filters import FilterArguments
from datasette.utils.asgi import Response
from jinja2 import ChoiceLoader, Environment, FileSystemLoader

from pipeline.normalize import nfc, strip_diacritics
from pipeline.web import cells, pages, sqlfunctions

TEMPLATES = Path(__file__).parent / "templates"
PLUGIN = "directives"  # the distribution name, as Datasette names plugin static folders
# The full-text index built over `paragraphs.text_folded` (pipeline/store.py).
FOLDED_FTS = "paragraphs_folded_fts"
READ_METHODS = {"GET", "HEAD", "OPTIONS"}


@hookimpl
def asgi_wrapper() -> Any:
    """Answer 405 to any POST, PUT or DELETE: the publication has no write route at all.

    Immutable mode already refuses writes to the file; this also closes
    Datasette's own POST endpoints (log-in token, messages, canned-query
    forms, which answer a POST with a server error in 0.65)."""
    def wrap(app: Any) -> Any:
        async def read_only(scope: dict, receive: Any, send: Any) -> None:
            if scope["type"] == "http" and scope["method"] not in READ_METHODS:
                response = Response.text("Chỉ đọc / read-only: %s is not allowed\n" % scope["method"],
                                         status=405, headers={"allow": "GET, HEAD, OPTIONS"})
                await response.asgi_send(send)
                return
            await app(scope, receive, send)
        return read_only
    return wrap


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    """Register vn_fold(), vn_directive_key() and vn_fts() for canned queries and pages."""
    sqlfunctions.register(conn)


@hookimpl
def prepare_jinja2_environment(env: Environment) -> None:
    """Let Datasette find the plugin's templates (a module plugin gets no templates/ folder)."""
    loaders = [FileSystemLoader(str(TEMPLATES))] + ([env.loader] if env.loader else [])
    env.loader = ChoiceLoader(loaders)


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    """Add the lineage, document and search pages, their shortcuts and the stylesheet."""
    return [
        (r"^/-/static-plugins/%s/(?P<path>[^/]+)$" % PLUGIN, pages.static_file),
        (r"^/-/(?P<page>search|lineage)$", pages.shortcut),
        (r"^/(?P<database>[^/]+)/-/lineage$", pages.lineage_page),
        (r"^/(?P<database>[^/]+)/-/document/(?P<document_id>[^/]+)$", pages.document_page),
        (r"^/(?P<database>[^/]+)/-/search$", pages.search_page),
    ]


@hookimpl
def extra_css_urls(datasette: Any) -> list[str]:
    """Style every page: highlights, graph, and the links this plugin puts in table cells."""
    return [datasette.urls.static_plugins(PLUGIN, "directives.css")]


@hookimpl
def menu_links(datasette: Any) -> list[dict[str, str]]:
    """Put search and lineage in the menu of every page."""
    return [
        {"href": datasette.urls.path("/-/search"), "label": "Tìm kiếm / Search"},
        {"href": datasette.urls.path("/-/lineage"), "label": "Phả hệ / Lineage"},
    ]


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str,
                datasette: Any) -> Any:
    """Link ids in table cells and query results to the lineage and document pages."""
    return cells.render(datasette, database, table, column, row, value)


@hookimpl(trylast=True)
def filters_from_request(request: Any, database: str, table: str, datasette: Any) -> Any:
    """Fold a table-page search (`_search=Đảng`) before it meets the diacritic-free index.

    Datasette's own search filter binds what the user typed to `:search`
    (`:search_0`... for column searches); running last, this hook rebinds
    those to the folded words. The index's tokenizer already drops tone
    marks, but not the bar of đ, which has no Unicode decomposition, so
    without this `Đảng` would never find `dang`. Case is kept so that raw
    mode's AND/OR/NOT stay operators."""
    args = {k: request.args[k] for k in request.args if k.startswith("_search") and k != "_searchmode"}
    if not args or not table:
        return None
    fts = request.args.get("_fts_table") or datasette.table_metadata(database, table).get("fts_table")
    if fts != FOLDED_FTS:
        return None
    if "_search" in args:
        params = {"search": _fold_query(args["_search"])}
    else:
        params = {"search_%d" % i: _fold_query(v) for i, v in enumerate(args.values())}
    original = args.get("_search") or next(iter(args.values()))
    return FilterArguments([], params, extra_context={"search": original})


def _fold_query(text: str) -> str:
    return strip_diacritics(nfc(text))
