"""SQL functions the publication's queries call: folding a search and keying a directive number.

Registered on every Datasette connection by the plugin, so canned queries can
fold what a user typed the same way the ingest folded the text.
"""

from __future__ import annotations

import re
import sqlite3
from functools import cache

from datasette.utils import escape_fts

from extractors.reference import doc_types, provinces
from pipeline.directives import number_key
from pipeline.normalize import search_fold

# A number and symbol inside whatever the user typed: `24-CT/TW` in "Chỉ thị
# số 24-CT/TW", `04/2022/QĐ-TTg`, `5764/QĐ-BCA-V05`. Needs a digit first and
# at least one `/` or `-` part, so "năm 2023" is not taken for a number.
NUMBER_TOKEN = re.compile(r"\d+[\w.]*(?:[/\-–][\w.]+)+")


def fold(text: str | None) -> str | None:
    """Return `text` without diacritics, lower case, đ as d (as `paragraphs.text_folded`)."""
    if text is None:
        return None
    return search_fold(str(text))


def directive_key(text: str | None) -> str:
    """Return the key a directive id starts with (`24-ct/tw`) for a typed number or citation."""
    if not text:
        return ""
    found = NUMBER_TOKEN.findall(str(text))
    return number_key(found[-1] if found else str(text).strip())


def fts_query(text: str | None) -> str:
    """Return an FTS5 query for the folded index: folded, each word quoted (quoted phrases kept)."""
    if not text or not text.strip():
        return ""
    return escape_fts(search_fold(text).replace("“", '"').replace("”", '"'))


def fts_phrase(text: str | None) -> str:
    """Return an FTS5 query for the folded words of `text` as one phrase, in the order typed."""
    words = re.findall(r"\w+", search_fold(text or ""))
    return '"%s"' % " ".join(words)  # '""' (no words) matches nothing, without a syntax error


@cache
def _doc_type_names() -> dict[str, str]:
    return {search_fold(name): canonical for name, canonical in doc_types().names.items()}


@cache
def _province_names() -> dict[str, str]:
    return {search_fold(name): canonical for name, canonical in provinces().canonical.items()}


def canonical_doc_type(text: str | None) -> str | None:
    """Return the type name as stored ("Chỉ thị") for one typed any way ("chi thi"), else `text`."""
    if not text:
        return text
    return _doc_type_names().get(search_fold(text).strip(), text.strip())


def canonical_province(text: str | None) -> str | None:
    """Return the province as stored ("Nghệ An") for one typed any way ("tinh nghe an"), else `text`."""
    if not text:
        return text
    key = re.sub(r"^(?:tinh|thanh pho|tp\.?)\s+", "", search_fold(text).strip())
    return _province_names().get(key, text.strip())


def register(conn: sqlite3.Connection) -> None:
    """Add the `vn_*` functions to `conn`: fold, directive key, FTS queries, canonical names.

    All are deterministic, so SQLite computes `vn_province(:province)` once per
    query and compares stored values directly, with no Python call per row."""
    for name, fn in (("vn_fold", fold), ("vn_directive_key", directive_key),
                     ("vn_fts", fts_query), ("vn_fts_phrase", fts_phrase),
                     ("vn_doc_type", canonical_doc_type), ("vn_province", canonical_province)):
        conn.create_function(name, 1, fn, deterministic=True)
