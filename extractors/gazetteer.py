"""The gazetteer of state and Party bodies (`extractors/data/bodies.yml`), loaded once.

It turns the YAML a domain expert edits into lookup tables keyed by folded
text (`pipeline.normalize.fold`: lower case, new-style tone placement) and
into the phrase patterns of the spaCy `SpanRuler` in `extractors.body_nlp`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property

from extractors.reference import load, provinces
from pipeline.normalize import fold

# Kinds of head, by what completes the name after it.
NAMED = "named"  # complete as written: "Bộ Chính trị"
FIELD = "field"  # a field from a closed list: "Sở Tài chính"
OPEN = "open"  # an open-ended capitalised field: "Cục Quản lý đấu thầu"
LOCAL = "local"  # a jurisdiction: "Công an tỉnh", "Ủy ban nhân dân thành phố Vinh"
COMMITTEE = "committee"  # a Party committee named after its level: "Tỉnh ủy"
UNIT = "unit"  # a unit of the body that follows: "Thường trực Hội đồng nhân dân tỉnh"

# New-style tone on the open syllables oa, oe, uy, and its old-style spelling:
# "hòa" is printed "hoà", "thủy" "thuỷ" in older documents (pipeline.normalize).
_NEW_TONE = re.compile(r"(?<![qQ])([òóỏõọÒÓỎÕỌùúủũụÙÚỦŨỤ])([aAeEyY])(?!\w)")
_TONE_OF = {c: i for s in ("òóỏõọ", "ÒÓỎÕỌ", "ùúủũụ", "ÙÚỦŨỤ") for i, c in enumerate(s)}
_TONED = {"a": "àáảãạ", "e": "èéẻẽẹ", "y": "ỳýỷỹỵ", "A": "ÀÁẢÃẠ", "E": "ÈÉẺẼẸ", "Y": "ỲÝỶỸỴ"}
_BARE = {**dict.fromkeys("òóỏõọ", "o"), **dict.fromkeys("ÒÓỎÕỌ", "O"),
         **dict.fromkeys("ùúủũụ", "u"), **dict.fromkeys("ÙÚỦŨỤ", "U")}


def old_tones(text: str) -> str:
    """Return `text` with old-style tone placement ("Ủy ban" -> "Uỷ ban", "Hòa" -> "Hoà")."""
    return _NEW_TONE.sub(lambda m: _BARE[m.group(1)] + _TONED[m.group(2)][_TONE_OF[m.group(1)]], text)


def spellings(text: str) -> set[str]:
    """Return the printed variants of a name: both tone placements, hyphen or en dash."""
    out = {text, old_tones(text)}
    out |= {s.replace(" - ", " – ") for s in out if " - " in s}
    return out


@dataclass(frozen=True)
class Head:
    """A kind of body as printed at the start of its name."""

    canonical: str
    kind: str
    lower: bool = False
    """Whether an open-ended field may start in lower case ("Ban Chỉ đạo phòng, ...")."""
    first: tuple[str, ...] = ()
    """Folded words one of which must follow an open head ("Trường" + "Đại học")."""
    strict: bool = False
    """Whether a field must be known, a code, or followed by a jurisdiction or parent."""
    known_fields: tuple[tuple[str, str], ...] = ()
    """Complete fields of an open head that its stop words would cut short, folded -> canonical."""

    # Cached: the chunker reads both for every open head it tries. (A cached
    # property writes the instance's __dict__, which a frozen dataclass allows.)
    @cached_property
    def known(self) -> dict[str, str]:
        """Return `known_fields` as a dict."""
        return dict(self.known_fields)

    @cached_property
    def first_set(self) -> frozenset[str]:
        """Return `first` as a set."""
        return frozenset(self.first)


@dataclass(frozen=True)
class Gazetteer:
    """Lookup tables built from bodies.yml; every key is folded."""

    heads: dict[str, tuple[Head, ...]]
    """Printed head -> its readings (one surface may be open and a unit: "Văn phòng")."""
    named: dict[str, str]
    """Printed full name -> canonical name."""
    fields: dict[str, dict[str, str]]
    """Canonical head of a FIELD kind -> printed field -> canonical field."""
    field_short: dict[str, dict[str, str]]
    """Canonical head -> short form usable in lists ("TC", "YT") -> canonical field."""
    levels: dict[str, str]
    """Printed administrative level -> canonical level ("tính" -> "tỉnh")."""
    offices: frozenset[str]
    stop_words: frozenset[str]
    stop_phrases: frozenset[str]
    keep_phrases: frozenset[str]
    """Two-word phrases of names whose second word is a stop word elsewhere ("trợ giúp")."""
    generic_heads: frozenset[str]
    name_abbreviations: dict[str, str]
    """Case-sensitive abbreviation -> expansion, used inside names."""
    recipient_abbreviations: dict[str, str]
    places: dict[str, str]
    """Folded province or city name -> canonical name (extractors/data/provinces.yml)."""

    def readings(self, surface: str) -> tuple[Head, ...]:
        """Return the heads that `surface` may stand for."""
        return self.heads.get(fold(surface), ())


def _pairs(section: dict | None) -> Iterator[tuple[str, list[str]]]:
    for name, aliases in (section or {}).items():
        yield name, list(aliases or [])


@cache
def gazetteer() -> Gazetteer:
    """Return the gazetteer of bodies.yml."""
    data = load("bodies")
    heads: dict[str, list[Head]] = {}

    def add_head(surface: str, head: Head) -> None:
        for form in spellings(surface):
            readings = heads.setdefault(fold(form), [])
            if head not in readings:
                readings.append(head)

    named: dict[str, str] = {}
    for name, aliases in _pairs(data["named"]):
        for form in [name, *aliases]:
            for spelled in spellings(form):
                named[fold(spelled)] = name
    fields: dict[str, dict[str, str]] = {}
    field_short: dict[str, dict[str, str]] = {}
    for head, table in data["fields"].items():
        add_head(head, Head(head, FIELD))
        fields[head] = {}
        field_short[head] = {}
        for field, shorts in _pairs(table):
            for spelled in spellings(field):
                fields[head][fold(spelled)] = field
            for short in shorts:
                field_short[head][short] = field
                # Compound short forms ("TT&TT", "NN&MT") are safe after the head in prose too.
                if len(short) > 3 or "&" in short:
                    fields[head][fold(short)] = field
    for head, options in (data["open_heads"] or {}).items():
        opts = options or {}
        first = tuple(sorted({fold(w) for f in opts.get("first", []) for w in spellings(f)}))
        known = tuple(sorted({(fold(w), f) for f in opts.get("known", []) for w in spellings(f)}))
        add_head(head, Head(head, OPEN, bool(opts.get("lower")), first, bool(opts.get("strict")), known))
    for head, aliases in _pairs(data["local_heads"]):
        for form in [head, *aliases]:
            add_head(form, Head(head, LOCAL))
    for head, aliases in _pairs(data["committees"]):
        for form in [head, *aliases]:
            if len(form) > 2:  # "TU" is read in recipient lists only
                add_head(form, Head(head, COMMITTEE))
    for head, aliases in _pairs(data["units"]):
        for form in [head, *aliases]:
            if len(form) > 3:  # "TT", "VP" are read in recipient lists only
                add_head(form, Head(head, UNIT))
    levels = {}
    for level, variants in _pairs(data["levels"]):
        for form in [level, *variants]:
            levels[fold(form)] = level
    stops = [fold(w) for w in data["stop_words"]]
    places = dict(provinces().canonical)
    return Gazetteer(
        heads={k: tuple(v) for k, v in heads.items()},
        named=named,
        fields=fields,
        field_short=field_short,
        levels=levels,
        offices=frozenset(fold(o) for o in data["offices"]),
        stop_words=frozenset(w for w in stops if " " not in w),
        stop_phrases=frozenset(w for w in stops if " " in w),
        keep_phrases=frozenset(fold(w) for w in data.get("keep_phrases", [])),
        generic_heads=frozenset(fold(g) for g in data["generic_heads"]),
        name_abbreviations=dict(data["name_abbreviations"]),
        recipient_abbreviations=dict(data["recipient_abbreviations"]),
        places=places,
    )


def ruler_patterns(gaz: Gazetteer) -> list[dict[str, str]]:
    """Return the SpanRuler phrase patterns that tag heads, names, fields, levels, titles and places.

    Labels: NAMED (id: canonical name), HEAD (id: printed head, folded), FIELD
    (id: printed field, folded), LEVEL, OFFICE, PLACE. The chunker in
    `extractors.body_nlp` assembles them into names."""
    data = load("bodies")
    patterns: list[dict[str, str]] = []

    def add(label: str, texts: Iterable[str]) -> None:
        for text in texts:
            for spelled in spellings(text):
                patterns.append({"label": label, "pattern": spelled, "id": fold(spelled)})

    add("NAMED", [n for name, aliases in _pairs(data["named"]) for n in [name, *aliases]])
    heads: set[str] = set()
    for section in ("fields", "open_heads", "local_heads", "committees", "units"):
        for head, aliases in _pairs(data[section]):
            forms = [head] if section in ("fields", "open_heads") else [head, *aliases]
            heads.update(f for f in forms if fold(f) in gaz.heads)
    add("HEAD", heads)
    fields = {f for table in data["fields"].values() for f, _ in _pairs(table)}
    fields |= {f for opts in data["open_heads"].values() for f in (opts or {}).get("known", [])}
    fields |= {s for table in gaz.fields.values() for s in table}
    add("FIELD", fields)
    add("LEVEL", gaz.levels)
    add("OFFICE", data["offices"])
    add("PLACE", gaz.places)
    # The PhraseMatcher matches on LOWER: patterns are folded to lower case
    # once here (old-style tones were added by `spellings`).
    seen = set()
    unique = []
    for p in patterns:
        key = (p["label"], p["pattern"].lower())
        if key not in seen:
            seen.add(key)
            unique.append({**p, "pattern": p["pattern"].lower()})
    return unique


# Not inside a word or a compound abbreviation ("UBND" in "HĐND&UBND" is).
ANCHOR_GUARD = r"(?<![\w&])"


@cache
def anchor() -> re.Pattern[str]:
    """Return the regex of the places a name may begin: the first two words of every head, name and title.

    Two words, not one: "Công" starts "Công an" and "Công ty" but also "Công tác";
    matching "Công an|Công ty" keeps the text spaCy reads short. (The
    extractors scan with `anchors`, which finds the same matches faster.)"""
    return re.compile(ANCHOR_GUARD + _anchor_body())


@cache
def _anchor_body() -> str:
    """Return the pattern of `anchor()` after its look-behind."""
    data = load("bodies")
    forms: set[str] = set()
    for section in ("named", "local_heads", "committees", "units", "fields", "open_heads"):
        for head, aliases in (data[section] or {}).items():
            forms.add(head)
            if section not in ("fields", "open_heads"):
                forms.update(aliases or [])
    forms.update(data["offices"])
    starts: set[str] = set()
    for form in forms:
        first = " ".join(form.split()[:2])
        for spelled in spellings(first):
            for cased in (spelled, spelled[:1].upper() + spelled[1:], spelled.upper()):
                starts.add(cased)
    # "Giám đốc các sở: Nội vụ, Tư pháp", "Chánh thanh tra Bộ": lower-case heads after a title.
    starts |= {"các sở", "các bộ"}
    return r"(?:%s)(?![\w&])" % _trie_regex(starts)


@cache
def _anchor_unguarded() -> re.Pattern[str]:
    """Return `anchor()` without its leading look-behind (compiled alone: a regex of ~3,000 characters).

    A pattern that opens with a look-behind is tried at every position of the
    text; one that opens with the trie's alternatives gets a first-character
    set from `re`'s compiler and skips to the next B, C, Đ ... at C speed:
    twice as fast over a document."""
    return re.compile(_anchor_body())


def anchors(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    r"""Yield the matches of `anchor()` in text[start:end], as `finditer` would, found faster.

    The look-behind `(?<![\w&])` is checked here: a candidate preceded by a
    word character is dropped and the search goes on from the next position,
    so the matches are exactly those of `anchor().finditer(text, start, end)`
    (`\w` is `str.isalnum()` or "_")."""
    search = _anchor_unguarded().search
    pos = start
    while True:
        m = search(text, pos, end)
        if m is None:
            return
        a = m.start()
        if a and (text[a - 1].isalnum() or text[a - 1] in "_&"):
            pos = a + 1
            continue
        yield m
        pos = max(m.end(), a + 1)


def _trie_regex(words: set[str]) -> str:
    """Return a regex matching any of `words`, factored by common prefixes.

    Python's `re` tries alternatives one by one; "Ban|Báo|Bộ|..." as a trie
    ("B(?:an|áo|ộ)") is tried once per position, which keeps the scan fast."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict) -> str:
        ends = "" in node
        parts = [(r"\s+" if ch == " " else re.escape(ch)) + walk(node[ch]) for ch in sorted(k for k in node if k)]
        if not parts:
            return ""
        body = parts[0] if len(parts) == 1 and not ends else "(?:%s)" % "|".join(parts)
        return body + ("?" if ends and parts else "")

    return walk(trie)
