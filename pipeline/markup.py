"""Strip the Markdown noise that portal pages carry once turned into text.

The scale corpus's `.md` files (and some `.txt` seeds) hold `**bold**` markers
split across lines and inside numbers (`1**.**000`), lone `|` lines left by
flattened tables, `-----` rules under the header block and `#` headings.
"""

from __future__ import annotations

import re

# "[text](https://...)" -> "text"; images are dropped.
IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
LINK = re.compile(r"\[([^\]\n]+)\]\((?:https?:|/|#)[^)\n]*\)")
# Emphasis markers anywhere, also inside words and numbers ("28/11**/2025**").
# "(*)" is a footnote mark in legal text and is kept.
EMPHASIS = re.compile(r"(?<!\()\*+(?!\))|__+")
# A line that is only table pipes, a rule, or a bare heading hash.
NOISE_LINE = re.compile(r"^[ \t]*(?:\|[ \t|]*|[-_=*~ ]{3,}|#+|\\)[ \t]*$", re.M)
HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+", re.M)
ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
# Table cells from a rendered "a | b |" row: each cell goes on its own line,
# as the header block's two columns do in a PDF or DOCX.
EDGE_PIPE = re.compile(r"[ \t]+\|[ \t]*$|^[ \t]*\|[ \t]+", re.M)
INNER_PIPE = re.compile(r"[ \t]+\|[ \t]+")


def strip_markup(text: str) -> str:
    """Return `text` without Markdown markup, lone table pipes becoming paragraph breaks."""
    text = IMAGE.sub("", text)
    text = LINK.sub(r"\1", text)
    text = ESCAPE.sub(r"\1", text)
    text = EMPHASIS.sub("", text)
    text = HEADING.sub("", text)
    text = EDGE_PIPE.sub("", text)
    text = INNER_PIPE.sub("\n", text)
    # A lone pipe or rule separates table cells or blocks: keep it as a break.
    return NOISE_LINE.sub("", text)
