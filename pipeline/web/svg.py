"""Draw a lineage `Graph` as an SVG picture, laid out in layers, on the server.

What a directive cites sits above it, what cites it below; each arrow goes
from the citing document to the cited one and carries the relation's name.
No JavaScript: every box is a link, so the picture works as a page of links.
"""

from __future__ import annotations

from collections.abc import Callable
from xml.sax.saxutils import escape

from pipeline.web.graph import Graph, Node
from pipeline.web.graph_layout import GAP_Y, Box, H, Layout, W, layout, more_id
from pipeline.web.vocab import both, vi

# Characters that fit a line of the box at each font size (DejaVu Sans, measured on screenshots).
FIT_HEADING, FIT_DETAIL, FIT_TITLE = 27, 34, 34

# Relations that change the law are drawn red; those carrying authority down, blue.
STRONG = {"replaces", "repeals", "amends", "corrects", "consolidates"}
AUTHORITY = {"guides", "basis", "implements", "continues"}


def render(graph: Graph, row_href: Callable[[Node], str], lineage_href: Callable[[Node], str],
           more_href: Callable[[int], str]) -> str:
    """Return the SVG of `graph`: boxes linking to their rows, arrows named by relation."""
    placed = layout(graph)
    boxes = placed.boxes
    same_row = any(boxes[e.source].layer == boxes[e.target].layer for e in graph.edges)
    height = placed.height + (GAP_Y * 0.6 if same_row else 0)  # room for arcs under the last row
    out = [
        '<svg xmlns="http://www.w3.org/2000/svg" class="lineage-graph" role="img" '
        'width="%d" height="%d" viewBox="0 0 %d %d" font-family="DejaVu Sans, Arial, sans-serif">'
        % (placed.width, height, placed.width, height),
        "<title>Phả hệ / lineage: %s</title>" % _x(graph.nodes[graph.focus].heading),
        _markers(),
    ]
    ends = _attachments(graph, boxes)
    labels: list[tuple[float, float, float]] = []  # x, y, half-width of the labels drawn so far
    for i, e in enumerate(graph.edges):
        out.append(_edge(ends[i, e.source], ends[i, e.target], boxes[e.source], boxes[e.target],
                         placed, e.relation, labels))
    for node in graph.nodes.values():
        out.append(_node(node, boxes[node.id], node.id == graph.focus, row_href(node),
                         lineage_href(node)))
    for layer, count in graph.hidden.items():
        out.append(_more(boxes[more_id(layer)], count, layer in graph.unbounded, more_href(layer)))
    out.append("</svg>")
    return "\n".join(out)


def _attachments(graph: Graph, boxes: dict[str, Box]) -> dict[tuple[int, str], tuple[float, float]]:
    """Spread the ends of the edges along each box's side, in the order of the boxes they lead to.

    Without this every arrow into a box meets at one point and their labels pile up."""
    sides: dict[tuple[str, str], list[tuple[float, int]]] = {}
    for i, e in enumerate(graph.edges):
        for here, there in ((e.source, e.target), (e.target, e.source)):
            a, b = boxes[here], boxes[there]
            side = "top" if b.layer < a.layer else "bottom"  # a same-layer arc runs underneath
            sides.setdefault((here, side), []).append((b.x, i))
    ends = {}
    for (node, side), uses in sides.items():
        box = boxes[node]
        uses.sort()
        for k, (_, i) in enumerate(uses):
            x = box.x + W * (k + 1) / (len(uses) + 1)
            ends[i, node] = (x, box.y if side == "top" else box.y + H)
    return ends


def edge_class(relation: str) -> str:
    """Return the CSS class (and marker colour) of an edge with `relation`."""
    if relation in STRONG:
        return "strong"
    if relation in AUTHORITY:
        return "authority"
    return "weak"


def _markers() -> str:
    colours = {"strong": "#b3261e", "authority": "#1f5fa8", "weak": "#8a8a8a"}
    return "<defs>%s</defs>" % "".join(
        '<marker id="arrow-%s" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" '
        'markerHeight="8" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="%s"/></marker>'
        % (name, colour) for name, colour in colours.items())


def _edge(start: tuple[float, float], end: tuple[float, float], source: Box, target: Box,
          placed: Layout, relation: str, labels: list[tuple[float, float, float]]) -> str:
    """Draw an arrow from the citing box to the cited one, named by `relation`.

    It bends in the gap beside the target's layer, where its label goes: a box
    in a wrapped layer's second row first rises straight, behind the first row.
    A label that would overlap one already drawn is left out (the colour and
    the tooltip still say the relation)."""
    (sx, sy), (tx, ty) = start, end
    if source.layer == target.layer:
        # Two boxes of one layer: an arc underneath, clear of the edges between layers.
        low = sy + GAP_Y * 0.55
        d = "M%.1f,%.1f C%.1f,%.1f %.1f,%.1f %.1f,%.1f" % (sx, sy, sx, low, tx, low, tx, ty)
        mx, my = (sx + tx) / 2, sy + GAP_Y * 0.42
    else:
        up = source.layer > target.layer
        if up:  # the gap below the target's layer
            near, far = placed.bottom[target.layer], placed.top[target.layer + 1]
        else:  # the gap above it
            near, far = placed.top[target.layer], placed.bottom[target.layer - 1]
        my = (near + far) / 2
        rise = "" if (sy <= far if up else sy >= far) else " L%.1f,%.1f" % (sx, far)
        d = "M%.1f,%.1f%s C%.1f,%.1f %.1f,%.1f %.1f,%.1f" % (sx, sy, rise, sx, my, tx, my, tx, ty)
        mx = (sx + tx) / 2
    kind = edge_class(relation)
    word = vi("relations", relation)
    half = len(word) * 3.4 + 6  # 11px DejaVu Sans is about 6.8px a character
    free = all(abs(mx - x) > half + h or abs(my - y) > 14 for x, y, h in labels)
    text = ""
    if free:
        labels.append((mx, my, half))
        text = '<text x="%.1f" y="%.1f" text-anchor="middle">%s</text>' % (mx, my + 4, _x(word))
    return (
        '<g class="edge edge-%s" data-relation="%s"><title>%s</title>'
        '<path d="%s" marker-end="url(#arrow-%s)"/>%s</g>'
        % (kind, _x(relation), _x(both("relations", relation)), d, kind, text)
    )


def _node(node: Node, box: Box, focus: bool, href: str, recentre: str) -> str:
    classes = ["node"]
    if focus:
        classes.append("focus")
    classes.append("in-corpus" if node.in_corpus else "missing")
    if node.id.startswith("document:"):
        classes.append("unnumbered")
    status = "trong kho / in corpus" if node.in_corpus else "chưa có trong kho / not in corpus"
    tooltip = "\n".join(p for p in (node.heading, node.detail, node.title, status, node.id) if p)
    lines = [
        '<g class="%s" data-node="%s">' % (" ".join(classes), _x(node.id)),
        '<a href="%s"><title>%s</title>' % (_x(href), _x(tooltip)),
        '<rect x="%.1f" y="%.1f" width="%d" height="%d" rx="6"/>' % (box.x, box.y, W, H),
        '<text class="heading" x="%.1f" y="%.1f">%s</text>'
        % (box.x + 10, box.y + 21, _x(_fit(node.heading, FIT_HEADING))),
        '<text class="detail" x="%.1f" y="%.1f">%s</text>'
        % (box.x + 10, box.y + 40, _x(_fit(node.detail or node.id, FIT_DETAIL))),
        '<text class="title" x="%.1f" y="%.1f">%s</text>'
        % (box.x + 10, box.y + 58, _x(_fit(node.title or status, FIT_TITLE))),
        "</a>",
    ]
    if not focus:
        lines.append(
            '<a class="recentre" href="%s"><title>Xem phả hệ của văn bản này / centre the graph here</title>'
            '<text x="%.1f" y="%.1f" text-anchor="end">⊕</text></a>'
            % (_x(recentre), box.x + W - 8, box.y + 20))
    lines.append("</g>")
    return "".join(lines)


def _more(box: Box, count: int, at_least: bool, href: str) -> str:
    vi_count, en_count = ("hơn %d" % count, "over %d" % count) if at_least else (str(count), str(count))
    return (
        '<g class="node more"><a href="%s"><title>Xem danh sách đầy đủ / full list</title>'
        '<rect x="%.1f" y="%.1f" width="%d" height="%d" rx="6"/>'
        '<text class="heading" x="%.1f" y="%.1f" text-anchor="middle">+ %s văn bản khác</text>'
        '<text class="detail" x="%.1f" y="%.1f" text-anchor="middle">%s more: full list</text>'
        "</a></g>"
        % (_x(href), box.x, box.y, W, H, box.x + W / 2, box.y + 31, vi_count,
           box.x + W / 2, box.y + 50, en_count)
    )


def _fit(text: str, chars: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


def _x(text: str) -> str:
    return escape(text, {'"': "&quot;"})
