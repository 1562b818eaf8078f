"""Vietnamese text normalisation: NFC, folding for matching and search.

Normalising happens once, at ingest (`clean_text`); folding (`fold`,
`search_fold`) only builds keys for matching and never replaces the text a
reader sees.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Characters that carry no text: zero-width spaces and joiners, a BOM left in
# the middle of pasted text, soft hyphens from Word, and C0 controls (gazette
# text uses NUL for an empty check box).
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_INVISIBLE.update({c: " " for c in range(32) if chr(c) not in "\n\t\f\r"})
_INVISIBLE[0x7F] = None
# Spaces that are spaces: no-break and the typographic widths PDFs emit.
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"), " ")

_ODD = re.compile("[%s]" % re.escape("".join(map(chr, list(_INVISIBLE) + list(_SPACES)))))
# What each of them becomes (the two tables have no key in common).
_PLAIN = {chr(c): to or "" for c, to in {**_INVISIBLE, **_SPACES}.items()}


def _plain(m: re.Match[str]) -> str:
    return _PLAIN[m.group()]

# Spacing forms of the tone marks that PDF text layers emit after a vowel
# ("a´" for "á"); they become combining marks so NFC can recompose them.
_SPACING_TONES = {
    "\u0060": "\u0300", "\u02cb": "\u0300",  # grave
    "\u00b4": "\u0301", "\u02ca": "\u0301",  # acute
    "\u02dc": "\u0303",                      # tilde
}
_VOWELS = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
SPACING_TONE = re.compile("([%s])([%s])" % (_VOWELS, "".join(_SPACING_TONES)))


def nfc(text: str) -> str:
    """Return `text` in NFC with spacing tone marks recomposed and invisible characters dropped.

    Line ends become "\\n"; a form feed (a page break) becomes a blank line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    # These characters are rare: replace them where the pattern finds them
    # (str.translate would look every character of the text up in a dict).
    text = _ODD.sub(_plain, text)
    if "\u00b4" in text or "\u0060" in text or "\u02ca" in text or "\u02cb" in text or "\u02dc" in text:
        text = SPACING_TONE.sub(lambda m: m.group(1) + _SPACING_TONES[m.group(2)], text)
    return unicodedata.normalize("NFC", text)


# Old ("hoà", "thuỷ") and new ("hòa", "thủy") tone placement on the open
# syllables oa, oe, uy. Only at a syllable's end: in "hoàn" the mark sits on
# "a" in both styles, and in "quý" the "u" belongs to "qu".
_TONED = {"a": "àáảãạ", "e": "èéẻẽẹ", "y": "ỳýỷỹỵ"}
_BASE = {"a": "o", "e": "o", "y": "u"}
_ON_BASE = {"o": "òóỏõọ", "u": "ùúủũụ"}
OLD_TONE = re.compile(r"(?<![qQ])([oOuU])([àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ])(?!\w)")


def _move_tone(m: re.Match[str]) -> str:
    base, toned = m.group(1), m.group(2)
    lower = toned.lower()
    for plain, marks in _TONED.items():
        if lower in marks and base.lower() == _BASE[plain]:
            tone = marks.index(lower)
            new_base = _ON_BASE[base.lower()][tone]
            new_base = new_base.upper() if base.isupper() else new_base
            return new_base + (plain.upper() if toned.isupper() else plain)
    return m.group(0)


def fold_tones(text: str) -> str:
    """Rewrite old-style tone placement to the new style, keeping case ("Hoà" -> "Hòa")."""
    return OLD_TONE.sub(_move_tone, text)


# Vietnamese diacritics decompose into these combining marks (NFD).
_COMBINING = re.compile("[\u0300-\u036f]+")


def strip_diacritics(text: str) -> str:
    """Drop every diacritic, including the bar of đ, which has no decomposition."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return _COMBINING.sub("", unicodedata.normalize("NFD", text))


_WS = re.compile(r"\s+")


def fold(text: str) -> str:
    """Return a matching key: new-style tones, lower case, single spaces.

    `text` is expected in NFC already (all document text is); pass raw input
    through `nfc` first. Short keys repeat (type names, body names), so they
    are cached."""
    if len(text) <= 80:
        return _fold_short(text)
    return _WS.sub(" ", fold_tones(text).lower()).strip()


@lru_cache(maxsize=1 << 16)
def _fold_short(text: str) -> str:
    return _WS.sub(" ", fold_tones(text).lower()).strip()


def search_fold(text: str) -> str:
    """Return the diacritic-free form used by the folded full-text index.

    `text` is expected in NFC already, as all document text is."""
    return strip_diacritics(text.lower())
