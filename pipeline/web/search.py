"""Search across tables without diacritics: directives by number, bodies by name, paragraphs by words.

The user's words are folded with `pipeline.normalize.search_fold`, as the
ingest folded `paragraphs.text_folded`; the folded index is then matched, and
the words are marked back in the original text, which folding leaves the same
length for Vietnamese letters.

Paragraphs holding the words together, as typed, come before those holding
them apart (looked for among the last million paragraphs ingested, and among
the newest holding every word); within each, the most recently ingested
first. Not bm25: ranking
reads every match of a common word, which takes seconds at 100,000
documents, while taking matches in rowid order stops after the first fifty.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from pipeline.normalize import search_fold
from pipeline.web.graph import resolve
from pipeline.web.sqlfunctions import NUMBER_TOKEN, fts_phrase, fts_query

PARAGRAPH_LIMIT = 50
# How far back paragraphs with the words together are looked for, beyond the
# newest that hold them all: a phrase of common syllables found a few times per
# thousand documents is otherwise matched against millions of rows. A phrase
# typed in quotes is looked for everywhere (it is then what `every` matches).
PHRASE_WINDOW = 1_000_000
SIDE_LIMIT = 20  # directives and bodies
SNIPPET = 260  # characters of a paragraph shown around its first match


@dataclass
class Results:
    """What one query found, table by table."""

    query: str
    folded: str
    directives: list[sqlite3.Row] = field(default_factory=list)
    bodies: list[sqlite3.Row] = field(default_factory=list)
    paragraphs: list[dict] = field(default_factory=list)


def search_all(conn: sqlite3.Connection, query: str) -> Results:
    """Return the directives, bodies and paragraphs matching `query`, with or without diacritics."""
    folded = search_fold(query).strip()
    results = Results(query, folded)
    if not folded:
        return results
    cur = conn.cursor()
    cur.row_factory = sqlite3.Row
    if NUMBER_TOKEN.search(query):
        ids = [i for i in resolve(conn, query, limit=SIDE_LIMIT) if not i.startswith("document:")]
        results.directives = cur.execute(
            "SELECT id, doc_type, number, date, issuer, in_corpus, document_id, n_citing_documents "
            "FROM directives WHERE id IN (%s) ORDER BY n_citing_documents DESC"
            % ", ".join("?" * len(ids)), ids).fetchall() if ids else []
    ids = [i for i, name in folded_bodies(conn) if folded in name][:SIDE_LIMIT]
    results.bodies = cur.execute(
        "SELECT id, name, province, (SELECT count(*) FROM body_mentions m WHERE m.body_id = b.id) AS n "
        "FROM bodies b WHERE id IN (%s) ORDER BY n DESC, name" % ", ".join("?" * len(ids)),
        ids).fetchall() if ids else []
    every = [r for (r,) in conn.execute(
        "SELECT rowid FROM paragraphs_folded_fts WHERE paragraphs_folded_fts MATCH ? "
        "ORDER BY rowid DESC LIMIT ?", [fts_query(query), PARAGRAPH_LIMIT])]
    # The words as typed, as far back as `every` reaches and at least through the
    # last PHRASE_WINDOW paragraphs (as the canned query `search` does).
    newest = conn.execute("SELECT max(rowid) FROM paragraphs").fetchone()[0] or 0
    together = [r for (r,) in conn.execute(
        "SELECT rowid FROM paragraphs_folded_fts WHERE paragraphs_folded_fts MATCH ? AND rowid >= ? "
        "ORDER BY rowid DESC LIMIT ?", [fts_phrase(query), min(every[-1] if every else 0, newest - PHRASE_WINDOW),
                                        PARAGRAPH_LIMIT])] if every else []
    rowids = dict.fromkeys(together, True)  # rowid -> the words stand together as typed
    for rowid in every:
        rowids.setdefault(rowid, False)
    chosen = list(rowids)[:PARAGRAPH_LIMIT]
    found = {r["rowid"]: r for r in cur.execute(
        "SELECT p.rowid, p.id, p.document_id, p.path, p.idx, p.text, d.doc_type, d.number, d.title, "
        "d.province FROM paragraphs p JOIN documents d ON d.id = p.document_id "
        "WHERE p.rowid IN (%s)" % ", ".join("?" * len(chosen)), chosen)} if chosen else {}
    rows = [dict(found[r], phrase=rowids[r]) for r in chosen if r in found]
    words = _words(folded)
    results.paragraphs = [dict(r, snippet=snippet(r["text"], words)) for r in rows]
    return results


# (file, size, mtime) -> (id, folded name) of every body, shortest names first.
_BODIES: dict[tuple[str, int, int], list[tuple[str, str]]] = {}


def folded_bodies(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """Return each body's id and folded name, read once per database file.

    Folding tens of thousands of names in SQL costs a Python call each, every
    search; the served file is immutable, so they are folded once and kept."""
    path = conn.execute("PRAGMA database_list").fetchone()[2]
    stat = os.stat(path) if path else None
    key = (path, stat.st_size, stat.st_mtime_ns) if stat else ("", 0, 0)
    if key not in _BODIES or not path:
        names = conn.execute("SELECT id, name FROM bodies").fetchall()
        _BODIES.clear()
        _BODIES[key] = sorted(((i, search_fold(n or "")) for i, n in names),
                              key=lambda b: (len(b[1]), b[1]))
    return _BODIES[key]


def _words(folded: str) -> list[str]:
    return [w for w in re.findall(r"\w+", folded) if w]


def snippet(text: str, words: list[str], size: int = SNIPPET) -> Markup:
    """Return a window of `text` around the first of `words`, each found word in <mark>."""
    folded = search_fold(text)
    if len(folded) != len(text) or not words:
        # Folding changed the length (a rare letter): show the start, unmarked.
        return Markup(escape(_clip(text, 0, size)))
    # Folded, "ve" is both "vệ" and "về": where the words occur together as typed,
    # mark only those runs, so stray short words do not light up the snippet.
    phrase = re.compile(r"(?<!\w)%s(?!\w)" % r"\W+".join(re.escape(w) for w in words))
    spans = [(m.start(), m.end()) for m in phrase.finditer(folded)]
    if not spans:
        each = re.compile(r"(?<!\w)(?:%s)(?!\w)" % "|".join(re.escape(w) for w in words))
        spans = [(m.start(), m.end()) for m in each.finditer(folded)]
    first = spans[0][0] if spans else 0
    start = max(0, first - size // 3)
    end = min(len(text), start + size)
    out, pos = [], start
    for a, b in spans:
        if a < start or b > end:
            continue
        out.append(str(escape(text[pos:a])))
        out.append("<mark>%s</mark>" % escape(text[a:b]))
        pos = b
    out.append(str(escape(text[pos:end])))
    return Markup(("…" if start else "") + "".join(out) + ("…" if end < len(text) else ""))


def _clip(text: str, start: int, size: int) -> str:
    return text[start:start + size] + ("…" if len(text) > start + size else "")
