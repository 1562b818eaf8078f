"""Mark extracted items in a document's text as nested, linked highlights (HTML).

Items overlap: a citation holds its date and its issuer. The text is cut at
every item boundary; each piece is wrapped in the items covering it,
outermost first, and its characters link to the innermost one. Anchors are
never nested, which HTML forbids, and an item that crosses another's end is
closed and reopened rather than dropped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Highlight:
    """One extracted item placed on the text."""

    start: int
    end: int
    kind: str
    """Table the item comes from (`citations`, `dates` ...), also its CSS class."""
    anchor: str
    """Element id, so other pages can link to `#anchor`."""
    href: str
    """Where the item's characters link to (its row)."""
    title: str
    """Tooltip: what was extracted."""
    matches: bool = True
    """False when the text stored with the row differs from the text at its offsets."""


def placeable(text: str, item: Highlight) -> bool:
    """Tell whether `item`'s offsets fall inside `text`."""
    return 0 <= item.start < item.end <= len(text)


def annotate(text: str, items: Sequence[Highlight], anchors: Mapping[int, str] | None = None,
             order: Sequence[str] = ()) -> Markup:
    """Return `text` as HTML with `items` highlighted and `anchors` (offset -> id) as empty targets.

    `order` ranks kinds for items with the same extent (earlier is outer)."""
    anchors = anchors or {}
    rank = {kind: i for i, kind in enumerate(order)}
    placed = sorted((i for i in items if placeable(text, i)),
                    key=lambda i: (i.start, -i.end, rank.get(i.kind, len(rank))))
    key = {id(item): n for n, item in enumerate(placed)}
    starts: dict[int, list[Highlight]] = {}
    for item in placed:
        starts.setdefault(item.start, []).append(item)
    bounds = sorted({0, len(text), *anchors, *(i.start for i in placed), *(i.end for i in placed)})
    out: list[str] = []
    active: list[Highlight] = []
    open_: list[Highlight] = []
    seen: set[int] = set()
    for a, b in zip(bounds, bounds[1:], strict=False):
        if a in anchors:
            out.append('<span class="para-anchor" id="%s"></span>' % escape(anchors[a]))
        active = [i for i in active if i.end > a] + starts.get(a, [])
        active.sort(key=lambda i: key[id(i)])
        common = 0
        while common < min(len(open_), len(active)) and open_[common] is active[common]:
            common += 1
        out.extend("</span>" for _ in open_[common:])
        del open_[common:]
        for item in active[common:]:
            out.append(_open(item, first=key[id(item)] not in seen))
            seen.add(key[id(item)])
            open_.append(item)
        piece = escape(text[a:b])
        if active:
            out.append('<a href="%s">%s</a>' % (escape(active[-1].href), piece))
        else:
            out.append(str(piece))
    out.extend("</span>" for _ in open_)
    return Markup("".join(out))


def _open(item: Highlight, first: bool) -> str:
    classes = "hl hl-%s%s" % (item.kind, "" if item.matches else " hl-mismatch")
    ident = ' id="%s"' % escape(item.anchor) if first else ""
    return '<span class="%s"%s title="%s">' % (classes, ident, escape(item.title))
