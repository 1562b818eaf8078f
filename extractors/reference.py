"""Reference data (document types, provinces, abbreviations, bodies), loaded once.

The data lives in YAML files under `extractors/data/` so that a domain expert
can edit it without reading Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from pipeline.normalize import fold

DATA = Path(__file__).parent / "data"


@cache
def load(name: str) -> Any:
    """Return the parsed content of `extractors/data/<name>.yml`."""
    with open(DATA / (name + ".yml"), encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@dataclass(frozen=True)
class DocTypes:
    """Type names and the codes their symbols carry, in both numbering schemes."""

    names: dict[str, str]
    """Folded printed name -> canonical name."""
    state_codes: dict[str, str]
    """Folded code in a State symbol (`QĐ` in `06/QĐ-TTg`) -> canonical name."""
    party_codes: dict[str, str]
    """Folded code in a Party symbol (`NQ` in `36-NQ/TU`) -> canonical name."""
    normative: frozenset[str]
    base: dict[str, str]
    """Compound type -> the base type it is filed under (Quy chế phối hợp -> Quy chế)."""

    def filed_as(self, name: str | None) -> str | None:
        """Return the type a document of type `name` is filed under."""
        return self.base.get(name, name) if name else None


def code_key(code: str) -> str:
    """Fold a symbol code for lookup: case, and Đ/D, both vary in print."""
    return fold(code).replace("đ", "d")


@cache
def doc_types() -> DocTypes:
    """Return the document-type table of `doc_types.yml`."""
    data = load("doc_types")
    names: dict[str, str] = {}
    state: dict[str, str] = {}
    party: dict[str, str] = {}
    for name, codes in data["types"].items():
        names[fold(name)] = name
        for code in (codes or {}).get("state", []):
            state.setdefault(code_key(code), name)
        for code in (codes or {}).get("party", []):
            party.setdefault(code_key(code), name)
    for name, aliases in data.get("aliases", {}).items():
        for alias in aliases:
            names.setdefault(fold(alias), name)
    return DocTypes(names, state, party, frozenset(data.get("normative", [])), dict(data.get("base", {})))


@dataclass(frozen=True)
class Provinces:
    """Province names before and after the 2025 rearrangement."""

    canonical: dict[str, str]
    """Folded name or alias -> canonical name (as the unit was named then)."""
    successor: dict[str, str]
    """Canonical name -> the unit that holds its territory since July 2025."""
    cities: frozenset[str]

    def find(self, name: str) -> str | None:
        """Return the canonical province for `name` ("tỉnh Nghệ An", "TP. Hồ Chí Minh")."""
        key = fold(name)
        key = re.sub(r"^(?:tỉnh|thành phố|tp\.?)\s+", "", key)
        return self.canonical.get(key)


@cache
def provinces() -> Provinces:
    """Return the province table of `provinces.yml`."""
    data = load("provinces")
    current = data["current"]
    canonical: dict[str, str] = {}
    successor: dict[str, str] = {}
    for name in current["cities"] + current["provinces"]:
        canonical[fold(name)] = name
        successor[name] = name
    for old, new in data["merged_into"].items():
        canonical[fold(old)] = old
        successor[old] = new
    for name, aliases in data.get("aliases", {}).items():
        for alias in aliases:
            canonical[fold(alias)] = name
    return Provinces(canonical, successor, frozenset(current["cities"]))


@cache
def abbreviations() -> dict[str, str]:
    """Return abbreviation -> expansion from `abbreviations.yml`."""
    return dict(load("abbreviations")["expansions"])


@cache
def _abbreviation_pattern() -> re.Pattern[str]:
    keys = sorted(abbreviations(), key=len, reverse=True)
    return re.compile(r"(?<![\w&.])(%s)(?![\w&])" % "|".join(map(re.escape, keys)))


def expand_abbreviations(text: str) -> str:
    """Return `text` with each known abbreviation written out (for matching only)."""
    table = abbreviations()
    return _abbreviation_pattern().sub(lambda m: table[m.group(1)], text)
