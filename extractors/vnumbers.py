"""Read numbers written the Vietnamese way: decimal comma, thousands dot, scale words.

`95,5%` is ninety-five and a half, `1.000 tỷ đồng` a thousand billion dong,
`500 nghìn` five hundred thousand. Tables converted from spreadsheets also
carry the English decimal point (`99.4%`), which a dot followed by anything
but groups of three digits gives away.
"""

from __future__ import annotations

import re

# The text of a number as printed, for embedding in larger patterns:
# `1.000.000` and `1.000,5` (thousands dots, optional decimal comma) before
# `95,5`, `99.4` and `07` so that the longest reading wins.
NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"

# Scale words that multiply the number before them: `500 nghìn`, `1.000 tỷ`,
# `2 nghìn tỷ`. `ngàn` and `tỉ` are the southern and older spellings.
SCALES: dict[str, float] = {
    "trăm": 1e2,
    "nghìn": 1e3,
    "ngàn": 1e3,
    "triệu": 1e6,
    "tỷ": 1e9,
    "tỉ": 1e9,
}
# One or two scale words after a number (`nghìn tỷ` is 10^12), as a pattern.
SCALE = r"(?:nghìn|ngàn|triệu|tỷ|tỉ|trăm)(?:[ \t]+(?:tỷ|tỉ))?"

# Groups of exactly three digits after each dot: the dot separates thousands.
THOUSANDS_DOTS = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")


def parse_number(text: str) -> float:
    """Return the value of a number printed the Vietnamese way (`1.000,5` -> 1000.5).

    A single comma is a decimal comma (`95,5`); several commas separate
    thousands the English way (`1,000,000`). Dots before groups of three
    digits separate thousands (`1.000`); any other dot is a decimal point
    (`99.4`, `0.75`), as in tables exported from spreadsheets."""
    text = text.strip().replace(" ", "")
    if THOUSANDS_DOTS.match(text) and not text.startswith("0."):
        return float(text.replace(".", "").replace(",", "."))
    if text.count(",") > 1:
        return float(text.replace(",", ""))
    if "," in text and "." in text:
        # Both marks, not in the Vietnamese order: `1,000.5` is English.
        return float(text.replace(",", ""))
    return float(text.replace(",", "."))


def scale_of(words: str | None) -> float:
    """Return the multiplier of scale words such as `nghìn tỷ` (1 when there are none)."""
    factor = 1.0
    for word in (words or "").lower().split():
        factor *= SCALES.get(word, 1.0)
    return factor
