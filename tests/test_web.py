"""The Datasette publication: metadata, canned queries, search and pages, over HTTP on the seed database.

A real `datasette` process serves a database the real CLI built from
corpus/ (see web_fixtures.py). Tests that need rows an extractor has not
produced yet skip, naming the table that is empty.
"""

from __future__ import annotations

import re
import sqlite3
import urllib.error
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

from pipeline.web import graph, serve
from pipeline.web.graph_layout import PER_ROW, W, layout
from pipeline.web.highlight import Highlight, annotate
from pipeline.web.sqlfunctions import directive_key, fold, fts_query, register
from pipeline.web.svg import render

if TYPE_CHECKING:
    from web_fixtures import Server

pytest_plugins = ["web_fixtures"]

DB = serve.DATABASE
SEED_000 = "000_e28ace9101c1670a.txt"  # the Kiên Giang plan based on Kế hoạch 168-KH/TU
SEED_001 = "001_f62151131d3ca04f.txt"  # Nghệ An's 104/KH-UBND: Công an tỉnh leads tasks
QUERIES = {
    "ancestors": ["directive", "max_depth"],
    "descendants": ["directive", "max_depth"],
    "body_tasks": ["body", "province"],
    "targets_due": ["year", "province"],
    "most_cited": ["doc_type"],
    "conflicts": ["field"],
    "missing_directives": ["directive"],
    "search": ["q"],
}


def metadata() -> dict:
    with open(serve.METADATA, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def needs_rows(server: Server, *tables: str) -> None:
    """Skip the test while any of `tables` is empty (its extractor has not landed yet)."""
    for table in tables:
        if server.count(table) == 0:
            pytest.skip("table %s is empty in the seed database: its extractor has not landed" % table)


def document_id(server: Server, seed_file: str) -> str:
    rows = server.json("/%s/documents.json" % DB, source__endswith=seed_file, _shape="array",
                       _col="id")
    assert len(rows) == 1, rows
    return rows[0]["id"]


# --- metadata ---------------------------------------------------------------------------


def described(text: object) -> bool:
    """Tell whether a description gives Vietnamese and English, as `vi — en`."""
    parts = str(text or "").split(" — ")
    return len(parts) >= 2 and all(p.strip() for p in parts)


def test_metadata_describes_every_table_and_column_in_both_languages(seed_db: Path) -> None:
    tables = metadata()["databases"][DB]["tables"]
    conn = sqlite3.connect(seed_db)
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE '%VIRTUAL TABLE%'"
        " AND name NOT LIKE '%fts%'")]
    assert "documents" in names and "lineage_edges" in names
    for name in names:
        meta = tables.get(name)
        assert meta, "no metadata for table %s" % name
        assert described(meta.get("description")), name
        columns = [r[1] for r in conn.execute("PRAGMA table_info([%s])" % name)]
        described_columns = meta.get("columns", {})
        missing = [c for c in columns if not described(described_columns.get(c))]
        assert not missing, "%s: columns without a vi — en description: %s" % (name, missing)
        stale = sorted(set(described_columns) - set(columns))
        assert not stale, "%s: descriptions of columns that do not exist: %s" % (name, stale)
        for column in [*meta.get("facets", []), meta.get("label_column"), meta.get("sort"),
                       meta.get("sort_desc")]:
            assert column is None or column in columns, "%s: no column %s" % (name, column)
    stale = sorted(t for t, meta in tables.items() if t not in names and not meta.get("hidden"))
    assert not stale, "metadata describes tables that do not exist: %s" % stale


def test_metadata_sets_the_facets_the_issue_asks_for() -> None:
    tables = metadata()["databases"][DB]["tables"]
    assert tables["documents"]["facets"] == ["doc_type", "issuer", "province", "year"]
    assert "relation" in tables["lineage_edges"]["facets"]
    assert "body_id" in tables["body_mentions"]["facets"]
    assert tables["bodies"]["label_column"] == "name"
    assert tables["documents"]["label_column"] == "title"
    assert tables["paragraphs"]["fts_table"] == "paragraphs_folded_fts"


def test_metadata_is_renamed_for_a_database_file_with_another_name(tmp_path: Path) -> None:
    assert serve.metadata_path(str(tmp_path / "directives.db")) == serve.METADATA
    other = serve.metadata_path(str(tmp_path / "vn_2025.db"))
    renamed = yaml.safe_load(other.read_text(encoding="utf-8"))
    assert list(renamed["databases"]) == ["vn_2025"]
    assert set(renamed["databases"]["vn_2025"]["queries"]) == set(QUERIES)


def test_serve_command_is_immutable_and_time_limited() -> None:
    args = serve.datasette_command("output/directives.db", port=9001)
    assert args[args.index("--immutable") + 1] == "output/directives.db"
    assert args[args.index("--port") + 1] == "9001"
    assert args[args.index("--metadata") + 1] == str(serve.METADATA)
    settings = {args[i + 1]: args[i + 2] for i, a in enumerate(args) if a == "--setting"}
    assert settings["sql_time_limit_ms"] == str(serve.SETTINGS["sql_time_limit_ms"])
    assert settings["allow_download"] == "off"
    assert int(settings["max_returned_rows"]) <= 1000


# --- SQL functions and highlighting (no server) -------------------------------------------


@pytest.mark.parametrize(("typed", "key"), [
    ("24-CT/TW", "24-ct/tw"),
    ("Chỉ thị số 24-CT/TW", "24-ct/tw"),
    ("Quyết định 04/2022/QĐ-TTg", "04/2022/qd-ttg"),
    ("5764/QĐ-BCA-V05", "5764/qd-bca-v05"),
    ("  168-KH/TU ", "168-kh/tu"),
    ("", ""),
])
def test_directive_key_finds_the_number_in_what_was_typed(typed: str, key: str) -> None:
    assert directive_key(typed) == key


@pytest.mark.parametrize(("typed", "folded", "match"), [
    ("Đảng", "dang", '"dang"'),
    ("bảo vệ an ninh", "bao ve an ninh", '"bao" "ve" "an" "ninh"'),
    ('“an ninh trật tự”', '“an ninh trat tu”', '"an ninh trat tu"'),
    ("Hòa", "hoa", '"hoa"'),
])
def test_search_is_folded_like_the_index(typed: str, folded: str, match: str) -> None:
    assert fold(typed) == folded
    assert fts_query(typed) == match


def mark(start: int, end: int, kind: str, anchor: str) -> Highlight:
    return Highlight(start, end, kind, anchor, "/row/" + anchor, kind)


def test_annotate_nests_a_date_inside_its_citation_without_nesting_links() -> None:
    text = "Căn cứ Kế hoạch số 168-KH/TU ngày 10/10/2023 của Ban Thường vụ."
    cite = mark(7, 44, "citations", "c1")
    date = mark(29, 44, "dates", "d1")
    html = str(annotate(text, [date, cite], order=["citations", "dates"]))
    assert html.index('id="c1"') < html.index('id="d1"')  # citation outside, date inside
    assert "<a" not in re.sub(r"<a [^>]*>[^<]*</a>", "", html)  # every link holds text only
    assert re.sub(r"<[^>]+>", "", html).replace("&#39;", "'") == text
    assert '<a href="/row/d1">ngày 10/10/2023</a>' in html


def test_annotate_splits_crossing_items_and_keeps_ids_unique() -> None:
    text = "abcdefghij"
    html = str(annotate(text, [mark(0, 6, "citations", "a"), mark(4, 10, "bodies", "b")]))
    assert html.count('id="a"') == 1 and html.count('id="b"') == 1
    assert html.count("hl-bodies") == 2  # closed at the citation's end, reopened after it
    assert re.sub(r"<[^>]+>", "", html) == text


def test_annotate_skips_items_outside_the_text_and_places_paragraph_anchors() -> None:
    html = str(annotate("one\ntwo", [mark(5, 40, "dates", "x")], anchors={4: "p-1"}))
    assert 'id="x"' not in html
    assert '<span class="para-anchor" id="p-1"></span>two' in html


# --- the lineage graph, from the seed database (no server) --------------------------------


@pytest.fixture
def seed_conn(seed_db: Path) -> sqlite3.Connection:
    conn = sqlite3.connect("file:%s?mode=ro" % seed_db, uri=True)
    register(conn)
    if not conn.execute("SELECT count(*) FROM lineage_edges").fetchone()[0]:
        pytest.skip("lineage_edges is empty: the citation extractor has not landed")
    return conn


def test_neighbourhood_caps_each_layer_and_counts_the_rest(seed_conn: sqlite3.Connection) -> None:
    [focus] = graph.resolve(seed_conn, "Chỉ thị số 24-CT/TW")
    full = graph.neighbourhood(seed_conn, focus, depth=3)
    below = [n for n in full.nodes.values() if n.layer > 0]
    assert {n.heading for n in below if n.layer == 1} == {"Kế hoạch 168-KH/TU"}
    assert any(n.id.startswith("document:") and n.layer == 2 for n in below)
    capped = graph.neighbourhood(seed_conn, focus, depth=3, per_layer=1)
    per_layer = {n.layer for n in capped.nodes.values()}
    assert all(sum(1 for n in capped.nodes.values() if n.layer == k) <= 1 for k in per_layer - {0})
    wide = sum(1 for n in full.nodes.values() if n.layer == 2)
    assert capped.hidden.get(2, 0) == wide - 1
    assert all(e.source in capped.nodes and e.target in capped.nodes for e in capped.edges)


def test_a_wide_layer_wraps_and_keeps_the_focus_on_screen() -> None:
    focus = graph.Node("24-ct/tw@vn", 0, "Chỉ thị 24-CT/TW", "", "", False, "24-ct/tw@vn", None)
    nodes = {focus.id: focus}
    edges = []
    for i in range(9):
        plan = graph.Node("p%d" % i, 1, "Kế hoạch %d" % i, "", "", True, None, "d%d" % i)
        nodes[plan.id] = plan
        edges.append(graph.Edge(plan.id, focus.id, "implements"))
    g = graph.Graph(focus.id, nodes, edges, hidden={1: 40})
    placed = layout(g)
    assert placed.width <= 2 * 16 + PER_ROW * (W + 20)
    assert placed.boxes["more:1"].y == max(b.y for b in placed.boxes.values())  # last row
    centre = placed.boxes[focus.id].x + W / 2
    assert abs(centre - placed.width / 2) < 1
    svg = render(g, lambda n: "/row/" + n.id, lambda n: "/lineage/" + n.id, lambda k: "/more")
    assert svg.count('data-relation="implements"') == 9
    assert "+ 40 văn bản khác" in svg
    labels = re.findall(r'<text x="([\d.]+)" y="([\d.]+)" text-anchor="middle">thực hiện</text>', svg)
    spots = [(float(x), float(y)) for x, y in labels]
    assert spots
    for i, (x1, y1) in enumerate(spots):  # "thực hiện" is some 60 pixels wide: no two overlap
        assert all(abs(x1 - x2) > 60 or abs(y1 - y2) > 14 for x2, y2 in spots[i + 1:])


# --- the server: read-only and safe -------------------------------------------------------


@pytest.mark.server
def test_server_is_immutable_without_download_and_time_limited(server: Server) -> None:
    [database] = server.json("/-/databases.json")
    assert database["name"] == DB and database["is_mutable"] is False
    settings = server.json("/-/settings.json")
    assert settings["sql_time_limit_ms"] == serve.SETTINGS["sql_time_limit_ms"]
    assert settings["allow_download"] is False
    assert server.get("/%s.db" % DB)[0] == 403
    endless = "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c"
    status, body = server.get("/%s.json" % DB, sql=endless)
    assert status == 400 and "too long" in body


@pytest.mark.server
def test_server_refuses_writes(server: Server) -> None:
    before = server.count("documents")
    status, body = server.get("/%s.json" % DB, sql="delete from documents")
    assert status == 400 and "must be a SELECT" in body
    for path in ("/%s/most_cited" % DB, "/-/messages", "/%s/documents" % DB):
        request = urllib.request.Request(server.url + path, data=b"x=1", method="POST")
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(request, timeout=10)
        assert err.value.code == 405, path
    assert server.count("documents") == before > 0


@pytest.mark.server
def test_plugin_is_loaded(server: Server) -> None:
    [plugin] = [p for p in server.json("/-/plugins.json") if p["name"] == "directives"]
    for hook in ("register_routes", "prepare_connection", "filters_from_request", "render_cell",
                 "extra_css_urls", "asgi_wrapper"):
        assert hook in plugin["hooks"]
    status, css = server.get("/-/static-plugins/directives/directives.css")
    assert status == 200 and ".hl-citations" in css


# --- canned queries ------------------------------------------------------------------------


@pytest.mark.server
def test_every_canned_query_is_listed_with_a_description_and_its_parameters(server: Server) -> None:
    listed = {q["name"]: q for q in server.json("/%s.json" % DB)["queries"]}
    assert set(listed) == set(QUERIES)
    for name, params in QUERIES.items():
        assert listed[name]["params"] == params, name
        assert not listed[name].get("write"), name
        meta = metadata()["databases"][DB]["queries"][name]
        assert described(meta["title"]) and described(meta["description"]), name


@pytest.mark.server
@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_canned_query_runs_with_blank_parameters(server: Server, name: str) -> None:
    data = server.json("/%s/%s.json" % (DB, name), **dict.fromkeys(QUERIES[name], ""))
    assert data["ok"] is True
    assert data["columns"], name


@pytest.mark.server
def test_lineage_chain_24_ct_tw_to_168_kh_tu_to_the_kien_giang_plan(server: Server) -> None:
    needs_rows(server, "citations")
    plan = "document:" + document_id(server, SEED_000)
    down = server.rows("descendants", directive="24-CT/TW", max_depth="")
    by_node = {r["node"]: r for r in down}
    [kh168] = [r for r in down if r["number"] == "168-KH/TU"]
    assert kh168["depth"] == 1 and kh168["relation"] == "implements"
    assert kh168["cites"].startswith("24-ct/tw@")
    assert plan in by_node, "the Kiên Giang plan is not a descendant of 24-CT/TW: %s" % down
    assert by_node[plan]["depth"] == 2 and by_node[plan]["cites"] == kh168["node"]
    assert by_node[plan]["relation"] == "basis"


@pytest.mark.server
def test_lineage_chain_read_upwards_from_the_kien_giang_plan(server: Server) -> None:
    needs_rows(server, "citations")
    up = server.rows("ancestors", directive=document_id(server, SEED_000), max_depth="")
    depth = {r["number"]: r["depth"] for r in up if r["number"]}
    assert depth.get("168-KH/TU") == 1, up
    assert depth.get("24-CT/TW") == 2, up
    assert server.rows("ancestors", directive=document_id(server, SEED_000), max_depth="1") \
        == [r for r in up if r["depth"] == 1]


@pytest.mark.server
def test_a_directive_is_found_however_its_number_is_typed(server: Server) -> None:
    needs_rows(server, "citations")
    plain = server.rows("descendants", directive="24-CT/TW", max_depth="")
    assert plain
    for typed in ("Chỉ thị số 24-CT/TW", "24-ct/tw", " 24-CT/TW "):
        assert server.rows("descendants", directive=typed, max_depth="") == plain, typed


@pytest.mark.server
def test_most_cited_is_sorted_and_filters_by_type_without_diacritics(server: Server) -> None:
    rows = server.rows("most_cited", doc_type="")
    counts = [r["n_citing_documents"] for r in rows]
    assert counts == sorted(counts, reverse=True)
    assert len(rows) == min(100, server.count("directives"))
    needs_rows(server, "citations")
    directives = server.rows("most_cited", doc_type="chi thi")
    assert directives and {r["doc_type"] for r in directives} == {"Chỉ thị"}


@pytest.mark.server
def test_missing_directives_are_cited_and_not_in_the_corpus(server: Server) -> None:
    needs_rows(server, "citations")
    rows = server.rows("missing_directives", directive="")
    assert rows
    in_corpus = {r["id"] for r in server.json(
        "/%s/directives.json" % DB, in_corpus="1", _shape="array", _col="id", _size="max")}
    assert not {r["directive_id"] for r in rows} & in_corpus
    one = rows[0]
    cites = server.json("/%s/citations.json" % DB, directive_id=one["directive_id"],
                        document_id=one["document_id"], _shape="array")
    assert cites, one
    only = server.rows("missing_directives", directive=one["number"])
    assert only and {r["number"] for r in only} == {one["number"]}


@pytest.mark.server
def test_conflicts_filter_by_field(server: Server) -> None:
    everything = server.rows("conflicts", field="")
    assert len(everything) == server.count("citation_conflicts")
    for field in ("date", "issuer"):
        assert {r["field"] for r in server.rows("conflicts", field=field)} <= {field}


@pytest.mark.server
def test_body_tasks_gathers_a_body_across_documents(server: Server) -> None:
    needs_rows(server, "assignments")
    rows = server.rows("body_tasks", body="cong an tinh", province="Nghệ An")
    assert rows, "Công an tỉnh leads tasks in Nghệ An's 104/KH-UBND"
    assert {r["province"] for r in rows} == {"Nghệ An"}
    assert all((fold(r["body"]) or "").startswith("cong an tinh") for r in rows)
    assert document_id(server, SEED_001) in {r["document_id"] for r in rows}
    assert any(r["role"] == "chủ trì / lead" for r in rows)
    assert server.rows("body_tasks", body="Công an tỉnh", province="tinh nghe an") == rows
    everywhere = server.rows("body_tasks", body="Công an tỉnh", province="")
    assert len({r["province"] for r in everywhere}) > 1 and len(everywhere) > len(rows)
    [body] = {r["body"] for r in rows}
    assert server.rows("body_tasks", body=body, province="") == rows  # the exact name


@pytest.mark.server
def test_targets_due_in_a_year_grouped_by_province(server: Server) -> None:
    needs_rows(server, "targets")
    years = server.json("/%s.json" % DB, _shape="array",
                        sql="select due_year, count(*) n from targets where due_year is not null "
                            "group by due_year order by n desc limit 1")
    if not years:
        pytest.skip("no target in the seed database has a due year yet")
    year, n = years[0]["due_year"], years[0]["n"]
    rows = server.rows("targets_due", year=str(year), province="")
    assert len(rows) == n
    provinces = [r["province"] or "" for r in rows]
    assert provinces == sorted(provinces)


# --- full-text search without diacritics ------------------------------------------------------


@pytest.mark.server
@pytest.mark.parametrize(("with_marks", "without"), [
    ("Đảng", "dang"),
    ("bảo vệ an ninh Tổ quốc", "bao ve an ninh to quoc"),
    ("đảm bảo", "dam bao"),
])
def test_table_page_search_works_with_or_without_diacritics(
        server: Server, with_marks: str, without: str) -> None:
    def found(query: str) -> int:
        data = server.json("/%s/paragraphs.json" % DB, _search=query, _size="0")
        return data["filtered_table_rows_count"]
    assert found(with_marks) > 0
    assert found(with_marks) == found(without) == found(with_marks.upper())
    status, html = server.get("/%s/paragraphs" % DB, _search=with_marks)
    assert status == 200 and 'value="%s"' % with_marks in html  # the box keeps what was typed
    assert "/%s/-/search?q=" % DB in html  # and points to the search page


@pytest.mark.server
def test_search_query_matches_the_table_page(server: Server) -> None:
    rows = server.rows("search", q="đảm bảo")
    assert rows and rows == server.rows("search", q="dam bao")
    for r in rows:  # every paragraph holds both words, whatever their marks
        words = set(re.findall(r"\w+", fold(r["text"]) or ""))
        assert {"dam", "bao"} <= words, r["text"]
    ids = {r["paragraph_id"] for r in rows}
    table = server.json("/%s/paragraphs.json" % DB, _search="dam bao", _shape="array",
                        _col="id", _size="max")
    assert ids <= {r["id"] for r in table}


@pytest.mark.server
def test_search_query_puts_the_words_together_first(server: Server) -> None:
    rows = server.rows("search", q="bảo vệ an ninh")
    kinds = [r["matched"] for r in rows]
    assert "cụm từ / phrase" in kinds and kinds == sorted(kinds)  # "cụm từ" sorts before "mọi từ"
    for r in rows:
        holds_phrase = re.search(r"\bbao\W+ve\W+an\W+ninh\b", fold(r["text"]) or "") is not None
        assert holds_phrase == (r["matched"] == "cụm từ / phrase"), r["text"]


def test_search_page_looks_for_the_phrase_as_far_back_as_its_window(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.batch import run
    from pipeline.web import search

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    # The phrase in the first paragraph ingested; after it, more paragraphs than a
    # page shows with the same words apart.
    apart = "".join("%d. An ninh trật tự được giữ, nhà trường bảo vệ học sinh.\n" % i
                    for i in range(1, search.PARAGRAPH_LIMIT + 10))
    (corpus / "a.txt").write_text("KẾ HOẠCH\nBảo vệ an ninh Tổ quốc\n" + apart, encoding="utf-8")
    db_path = tmp_path / "d.db"
    run([corpus], str(db_path))
    conn = sqlite3.connect(db_path)
    found = search.search_all(conn, "bao ve an ninh")
    assert found.paragraphs[0]["phrase"] and "Bảo vệ an ninh Tổ quốc" in found.paragraphs[0]["text"]
    assert len(found.paragraphs) == search.PARAGRAPH_LIMIT
    assert [p["phrase"] for p in found.paragraphs[1:]] == [False] * (search.PARAGRAPH_LIMIT - 1)
    # With no window, the phrase is looked for only among the newest paragraphs
    # holding every word, and the old paragraph drops out of the page.
    monkeypatch.setattr(search, "PHRASE_WINDOW", 0)
    found = search.search_all(conn, "bao ve an ninh")
    assert not any(p["phrase"] for p in found.paragraphs)
    # Typed in quotes, the phrase is what every paragraph must hold, wherever it is.
    found = search.search_all(conn, '"bao ve an ninh"')
    assert [p["text"] for p in found.paragraphs] == ["Bảo vệ an ninh Tổ quốc"]


@pytest.mark.server
def test_search_page_looks_across_tables(server: Server) -> None:
    status, html = server.get("/%s/-/search" % DB, q="cong an tinh")
    assert status == 200
    assert "<mark>Công</mark>" in html and "<mark>tỉnh</mark>" in html
    assert "/%s/-/document/" % DB in html
    if server.count("bodies"):
        assert "/%s/bodies/" % DB in html  # bodies named "Công an tỉnh" are listed
    status, redirected = server.get("/-/search", q="cong an tinh")
    assert status == 200 and redirected == html


# --- pages ------------------------------------------------------------------------------------


@pytest.mark.server
def test_lineage_page_draws_a_picture_linking_each_node_to_its_row(server: Server) -> None:
    needs_rows(server, "directives")
    focus = server.json("/%s/directives.json" % DB, _shape="array", _size="1",
                        _sort_desc="n_citing_documents")[0]
    status, html = server.get("/%s/-/lineage" % DB, directive=focus["id"])
    assert status == 200
    start = html.index('class="lineage-graph"')  # not the menu icon's <svg>
    svg = html[start:html.index("</svg>", start)]
    nodes = re.findall(r'<g class="node[^"]*" data-node="([^"]+)"><a href="([^"]+)"', svg)
    assert nodes and 'class="node focus' in svg
    for node, href in nodes:
        if not node.startswith("document:"):
            status, _ = server.get(href.replace("&amp;", "&"))
            assert status == 200, href


@pytest.mark.server
def test_lineage_page_draws_the_chain(server: Server) -> None:
    needs_rows(server, "citations")
    status, html = server.get("/%s/-/lineage" % DB, directive="24-CT/TW")
    assert status == 200
    plan = "document:" + document_id(server, SEED_000)
    assert 'data-node="%s"' % plan in html
    assert re.search(r'data-node="168-kh/tu@[^"]*"', html)
    assert 'data-relation="implements"' in html and 'data-relation="basis"' in html


@pytest.mark.server
def test_lineage_page_says_when_nothing_matches(server: Server) -> None:
    status, html = server.get("/%s/-/lineage" % DB, directive="999-XX/YY")
    assert status == 200 and "lineage-graph" not in html and "999-XX/YY" in html


@pytest.mark.server
def test_document_page_highlights_every_extracted_item(server: Server) -> None:
    doc = document_id(server, SEED_000)
    status, html = server.get("/%s/-/document/%s" % (DB, doc))
    assert status == 200
    text = re.sub(r"<[^>]+>", "", html)  # the page's words, highlights or not
    assert "Kế hoạch số 168-KH/TU ngày 10/10/2023 của Ban Thường vụ Tỉnh ủy" in text
    for table in ("citations", "dates", "percentages", "body_mentions"):
        rows = server.json("/%s/%s.json" % (DB, table), document_id=doc, _shape="array",
                           _size="max")
        marked = re.findall(r'class="hl hl-%s[^"]*" id="%s-([^"]+)"' % (table, table), html)
        assert sorted(marked) == sorted(r["id"] for r in rows), table
    assert server.get("/%s/-/document/nope" % DB)[0] == 404


@pytest.mark.server
def test_table_cells_link_to_the_pages(server: Server) -> None:
    doc = document_id(server, SEED_000)
    status, html = server.get("/%s/documents" % DB)
    assert status == 200 and 'href="/%s/-/document/%s"' % (DB, doc) in html
    status, html = server.get("/%s/paragraphs" % DB, document_id=doc)
    assert 'href="/%s/-/document/%s#p-0"' % (DB, doc) in html
    status, html = server.get("/%s/lineage_edges" % DB, source_id="document:" + doc)
    if server.count("lineage_edges"):  # an unnumbered document is named, not shown as a hash
        assert "(không số)" in html and 'title="document:%s"' % doc in html
    if server.count("citations"):
        status, html = server.get("/%s/citations" % DB, document_id=doc)
        first = server.json("/%s/citations.json" % DB, document_id=doc, _shape="array")[0]
        assert 'href="/%s/-/document/%s#citations-%s"' % (DB, doc, first["id"]) in html
