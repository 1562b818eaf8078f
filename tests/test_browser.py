"""Drive headless Chromium (Debian's /usr/bin/chromium, no downloaded browser) through the pages.

Checks that the lineage graph is drawn and the document's highlights are
there and work, and saves screenshots under output/screenshots/ for a person
to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from web_fixtures import Server

pytest_plugins = ["web_fixtures"]
pytestmark = [pytest.mark.browser, pytest.mark.server]

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "output" / "screenshots"
# Without the background-networking flags Chromium dials out at start, and
# this machine's closed network refuses it; QUIC and sync likewise.
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SEED_000 = "000_e28ace9101c1670a.txt"


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Return a Chromium tab with a new, empty profile."""
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing: apt-get install chromium chromium-driver")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=str(CHROMIUM),
            headless=True, args=ARGS, viewport={"width": 1400, "height": 1000})
        try:
            yield context.new_page()
        finally:
            context.close()


def seed_document(server: Server) -> str:
    rows = server.json("/directives/documents.json", source__endswith=SEED_000, _shape="array")
    assert len(rows) == 1
    return rows[0]["id"]


def test_lineage_page_draws_the_chain_as_a_graph(server: Server, page: Any) -> None:
    if not server.rows("descendants", directive="24-CT/TW", max_depth=""):
        pytest.skip("24-CT/TW has no descendants yet: the citation extractor has not landed")
    page.goto(server.url + "/directives/-/lineage?directive=24-CT/TW")
    graph = page.locator("svg.lineage-graph")
    assert graph.is_visible()
    focus = graph.locator("g.node.focus")
    kh168 = graph.locator('g.node[data-node^="168-kh/tu@"]')
    plan = graph.locator('g.node[data-node="document:%s"]' % seed_document(server))
    assert "24-CT/TW" in focus.text_content()
    assert "168-KH/TU" in kh168.text_content()
    # What implements a directive is drawn below it: 24-CT/TW, then 168-KH/TU, then the plan.
    y = [n.bounding_box()["y"] for n in (focus, kh168, plan)]
    assert y[0] < y[1] < y[2], y
    edges = graph.locator("g.edge")
    relations = {edges.nth(i).get_attribute("data-relation") for i in range(edges.count())}
    assert {"implements", "basis"} <= relations
    # Arrows are named in Vietnamese (a label that would overlap another is left out).
    assert "thực hiện" in graph.locator("g.edge text").all_text_contents()
    page.screenshot(path=str(SHOTS / "lineage.png"), full_page=True)
    kh168.locator("a").first.click()
    page.wait_for_load_state()
    assert "/directives/directives/168-kh" in page.url
    assert "168-KH/TU" in page.content()


def test_document_page_highlights_and_links_what_was_extracted(server: Server, page: Any) -> None:
    doc = seed_document(server)
    page.goto(server.url + "/directives/-/document/" + doc)
    page.screenshot(path=str(SHOTS / "document.png"), full_page=False)
    marks = page.locator(".doc-text .hl")
    if marks.count() == 0:
        pytest.skip("nothing extracted from seed 000 yet: no highlight to check")
    citations = server.json("/directives/citations.json", document_id=doc, _shape="array",
                            _size="max")
    if citations:
        first = citations[0]
        mark = page.locator('[id="citations-%s"]' % first["id"])
        assert mark.is_visible()
        assert first["text"].split()[0] in mark.inner_text()
        colour = mark.evaluate("e => getComputedStyle(e).backgroundColor")
        assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
        # Unticking the kind in the legend hides its highlights (CSS only, no script).
        page.locator('label[for="show-citations"]').click()
        assert mark.evaluate("e => getComputedStyle(e).backgroundColor") == "rgba(0, 0, 0, 0)"
        page.locator('label[for="show-citations"]').click()
        # Each highlighted character links to the row it was extracted into.
        mark.locator("a").first.click()
        page.wait_for_load_state()
        assert "/directives/citations/" in page.url
        page.go_back()
    for kind in ("dates", "percentages", "body_mentions"):
        n = len(server.json("/directives/%s.json" % kind, document_id=doc, _shape="array",
                            _size="max"))
        assert page.locator(".doc-text .hl-%s[id]" % kind).count() == n, kind
    if citations:  # a link from the citations table lands on the highlight, outlined
        page.goto(server.url + "/directives/-/document/%s#citations-%s" % (doc, citations[-1]["id"]))
        assert page.locator('[id="citations-%s"]' % citations[-1]["id"]).is_visible()
        page.screenshot(path=str(SHOTS / "document-target.png"), full_page=False)


def test_search_page_finds_words_typed_without_diacritics(server: Server, page: Any) -> None:
    page.goto(server.url + "/directives/-/search")
    page.fill("#q", "bao ve an ninh to quoc")
    page.press("#q", "Enter")
    page.wait_for_load_state()
    marked = page.locator(".search-paragraphs mark").all_inner_texts()
    # The words typed together are marked together, with their diacritics back.
    assert "bảo vệ an ninh tổ quốc" in {m.lower() for m in marked}
    page.screenshot(path=str(SHOTS / "search.png"), full_page=False)
