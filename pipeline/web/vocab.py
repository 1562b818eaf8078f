"""Bilingual words for stored codes (relations, item kinds, roles), read from labels.yml."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

LABELS = Path(__file__).parent / "labels.yml"


@cache
def _labels() -> dict[str, dict[str, dict[str, str]]]:
    with open(LABELS, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def vi(group: str, code: str | None) -> str:
    """Return the Vietnamese word for `code` in `group` (the code itself when unknown)."""
    if not code:
        return ""
    return _labels()[group].get(code, {}).get("vi", code)


def both(group: str, code: str | None) -> str:
    """Return "Vietnamese (English)" for `code` in `group`."""
    if not code:
        return ""
    entry = _labels()[group].get(code)
    if not entry:
        return code
    return "%s (%s)" % (entry["vi"], entry["en"])


def kinds() -> dict[str, dict[str, str]]:
    """Return the highlighted item kinds, table name -> {vi, en}, in legend order."""
    return dict(_labels()["kinds"])


def relations() -> dict[str, dict[str, str]]:
    """Return every relation code with its words, strongest first."""
    return dict(_labels()["relations"])
