"""Read saved HTML pages: block elements become lines, table rows `a | b` lines.

Menus, scripts and forms are dropped here; the portal's own furniture (login
prompts, related documents) is cut later by `pipeline.portal`, which works on
the text whatever format it came in.
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
from lxml import etree

from pipeline.errors import CorruptFile
from pipeline.ingest.txt import decode
from pipeline.model import RawText

DROP = ("script", "style", "noscript", "nav", "header", "footer", "form", "button", "select",
        "iframe", "svg", "template", "head")
BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
          "article", "blockquote", "pre", "ul", "ol", "dd", "dt", "title"}


def _text(node: etree._Element, out: list[str]) -> None:
    tag = node.tag if isinstance(node.tag, str) else ""
    if tag in BLOCKS:
        out.append("\n")
    if tag in ("td", "th"):
        out.append(" | ")
    if node.text:
        out.append(node.text)
    for child in node:
        _text(child, out)
        if child.tail:
            out.append(child.tail)
    if tag in BLOCKS:
        out.append("\n")


def html_to_text(markup: str) -> str:
    """Return the visible text of an HTML page, one block per line."""
    try:
        root = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError) as err:
        raise CorruptFile("HTML could not be parsed: %s" % err) from err
    for bad in root.xpath("//" + " | //".join(DROP)):
        bad.drop_tree()
    out: list[str] = []
    _text(root, out)
    return "".join(out)


def read(path: Path) -> RawText:
    """Read an `.html` or `.htm` file."""
    markup, encoding = decode(path.read_bytes())
    return RawText(text=html_to_text(markup), reader="html", encoding=encoding)
