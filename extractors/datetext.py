"""Issue dates printed right after a cited document's number or name.

"..., ngày 01/12/2011", " ngày 20 tháng 01 năm 2023", " ban hành ngày 22-01-2019",
" năm 2020". The dates extractor (`extractors.dates`) finds every date of the
text; these patterns only read the one that belongs to a citation.
"""

from __future__ import annotations

import re

DATE = (r"(?:(?P<d>\d{1,2})\s?[/.-]\s?(?P<m>\d{1,2})\s?[/.-]\s?(?P<y>(?:19|20)\d{2})"
        r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s*,?\s+năm\s+(?P<y2>(?:19|20)\d{2}))")
DATE_AFTER = re.compile(r"\s*,?\s*(?:được\s+)?(?:ban\s+hành\s+|ký\s+)?ngày\s+" + DATE, re.I)
YEAR_AFTER = re.compile(r"\s*,?\s*(?:năm|Năm)\s+(?P<year>(?:19|20)\d{2})(?!\d)")


def iso(m: re.Match[str]) -> str | None:
    """Return the ISO date of a DATE match, or None when day or month is impossible."""
    if m.group("y"):
        d, mo, y = m.group("d"), m.group("m"), m.group("y")
    else:
        d, mo, y = m.group("d2"), m.group("m2"), m.group("y2")
    day, month, year = int(d), int(mo), int(y)
    if 1 <= day <= 31 and 1 <= month <= 12:
        return "%04d-%02d-%02d" % (year, month, day)
    return None
