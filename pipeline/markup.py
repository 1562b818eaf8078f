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
# "(*)" is a footnote mark in legal text and is kept (see _emphasis).
EMPHASIS = re.compile(r"\*+|__+")
# The same without underscores, for the many texts that have no "__": a
# pattern that starts with a literal lets the regex engine jump from star to
# star instead of trying both branches at every character.
STARS = re.compile(r"\*+")
# The two line patterns below start at the newline before the line rather
# than at "^" (see _sub_lines): the engine then jumps from newline to newline
# instead of trying every character, a few times faster.
# A line that is only table pipes, a rule, or a bare heading hash.
NOISE_LINE = re.compile(r"\n[ \t]*(?:\|[ \t|]*|[-_=*~ ]{3,}|#+|\\)[ \t]*$", re.M)
HEADING = re.compile(r"\n[ \t]*#{1,6}[ \t]+")
ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
# Table cells from a rendered "a | b |" row: each cell goes on its own line,
# as the header block's two columns do in a PDF or DOCX.
# The pattern starts at the pipe itself, so the scan jumps from pipe to pipe.
PIPE = re.compile(r"\|")


def _emphasis(m: re.Match[str]) -> str:
    s, e, text = m.start(), m.end(), m.string
    if m.group(0) == "*" and s and text[s - 1] == "(" and text[e : e + 1] == ")":
        return "*"  # "(*)": a footnote mark
    return ""


def _pipe(m: re.Match[str]) -> str:
    """A pipe between two cells on one line becomes a line break; at a line's edge it goes."""
    text, s, e = m.string, m.start(), m.end()
    before = text[text.rfind("\n", 0, s) + 1 : s]
    after_end = text.find("\n", e)
    after = text[e : after_end if after_end != -1 else len(text)]
    if before.strip() and after.strip() and before.endswith((" ", "\t")) and after.startswith((" ", "\t")):
        return "\n"
    return " " if before.strip() and after.strip() else ""


def _sub_lines(pattern: re.Pattern[str], text: str) -> str:
    """Replace what `pattern` (starting with the newline before a line) matches, first line included."""
    return pattern.sub("\n", "\n" + text)[1:]


def strip_markup(text: str) -> str:
    """Return `text` without Markdown markup, lone table pipes becoming paragraph breaks."""
    if "](" in text:
        text = IMAGE.sub("", text)
        text = LINK.sub(r"\1", text)
    if "\\" in text:
        text = ESCAPE.sub(r"\1", text)
    # Without a "(*)" every marker goes: a plain replacement, not a Python
    # call per marker (70,000 of them in the scale corpus). str.replace also
    # finds the stars several times faster than the regex engine does.
    plain = "(*)" not in text
    if "__" in text:
        text = EMPHASIS.sub("" if plain else _emphasis, text)
    elif "*" in text:
        text = text.replace("*", "") if plain else STARS.sub(_emphasis, text)
    if "#" in text:
        text = _sub_lines(HEADING, text)
    if "|" in text:
        text = PIPE.sub(_pipe, text)
    # A lone pipe or rule separates table cells or blocks: keep it as a break.
    return _sub_lines(NOISE_LINE, text)
