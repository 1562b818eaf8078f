"""Place the boxes of a lineage graph: one band per layer, wide layers wrapped into rows.

A national directive may have hundreds of citing plans in one layer. Drawing
them side by side puts the focus off screen; so a layer wraps after
`PER_ROW` boxes, and each band is centred under the widest.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.web.graph import Graph

W, H = 236, 72  # node box
GAP_X = 20  # between boxes of a row
GAP_ROW = 22  # between the rows of one wrapped layer
GAP_Y = 84  # between layers: edge labels sit here
MARGIN = 16
PER_ROW = 5  # five boxes fit a 1,300-pixel page


@dataclass(frozen=True)
class Box:
    """Where one node (or a layer's "N more" box) is drawn."""

    id: str
    x: float
    y: float
    layer: int


@dataclass
class Layout:
    """Boxes, the vertical extent of each layer, and the picture's size."""

    boxes: dict[str, Box] = field(default_factory=dict)
    top: dict[int, float] = field(default_factory=dict)
    bottom: dict[int, float] = field(default_factory=dict)
    width: float = 0
    height: float = 0


def more_id(layer: int) -> str:
    """Return the id of the box standing for what a layer leaves out."""
    return "more:%d" % layer


def layout(graph: Graph) -> Layout:
    """Place every node; within a layer, order by where its neighbours sit (barycentre heuristic)."""
    rows = _ordered_layers(graph)
    columns = min(PER_ROW, max(len(r) for r in rows.values()))
    placed = Layout(width=2 * MARGIN + columns * (W + GAP_X) - GAP_X)
    y = MARGIN
    for layer in sorted(rows):
        chunks = [rows[layer][i:i + PER_ROW] for i in range(0, len(rows[layer]), PER_ROW)]
        placed.top[layer] = y
        for chunk in chunks:
            offset = (placed.width - (len(chunk) * (W + GAP_X) - GAP_X)) / 2
            for i, node in enumerate(chunk):
                placed.boxes[node] = Box(node, offset + i * (W + GAP_X), y, layer)
            y += H + GAP_ROW
        placed.bottom[layer] = y - GAP_ROW
        y += GAP_Y - GAP_ROW
    placed.height = y - GAP_Y + MARGIN
    return placed


def _ordered_layers(graph: Graph) -> dict[int, list[str]]:
    rows: dict[int, list[str]] = {}
    for n in graph.nodes.values():
        rows.setdefault(n.layer, []).append(n.id)
    for layer in graph.hidden:
        rows.setdefault(layer, []).append(more_id(layer))
    neighbours: dict[str, set[str]] = {n: set() for n in graph.nodes}
    for e in graph.edges:
        neighbours[e.source].add(e.target)
        neighbours[e.target].add(e.source)
    index: dict[str, float] = {graph.focus: 0.0}
    # Outwards from the focus, so each layer is ordered by the one nearer the focus.
    for layer in sorted(rows, key=lambda n: (abs(n), n)):
        def barycentre(node: str) -> float:
            near = [index[m] for m in neighbours.get(node, ()) if m in index]
            return sum(near) / len(near) if near else float("inf")
        rows[layer].sort(key=lambda n: (n.startswith("more:"), barycentre(n), n))
        for i, node in enumerate(rows[layer]):
            index[node] = i - (len(rows[layer]) - 1) / 2
    return rows
