"""Read the names of bodies in short texts, each distinct text once per process.

The body pipeline (`extractors.body_nlp`) reads the windows of a document
(`extractors.bodies`) and the entries of its recipient lists
(`extractors.recipients`). Boilerplate repeats across documents ("Ủy ban
nhân dân tỉnh", "Giám đốc Sở Tài chính", "Thường trực Tỉnh ủy"): over the
scale corpus, a fifth to a quarter of these texts are exact repeats of one
read before. What the pipeline finds in a text depends on that
text alone (the canonical name, which depends on the document, is composed
after, by `extractors.body_names`), so `read` keeps it in a bounded LRU keyed
on the text, and reads the texts it has not seen in one Doc.
"""

from __future__ import annotations

import bisect
from collections import OrderedDict
from collections.abc import Sequence

from extractors.body_nlp import BodyParse, Found, names, nlp

# Joins the texts read as one Doc: a hard stop for the chunker and a token no
# pattern holds, so no name runs from one text into the next and each text
# gives what it gives read alone (tests/test_bodies.py checks it).
SEPARATOR = " ¶ "
# Texts kept: a document has ~60 windows and recipient entries, so the last
# ~250 documents' texts; ~9 MB when full.
SIZE = 16384


def _rebase(p: BodyParse, shift: int) -> BodyParse:
    """Return `p` with `shift` taken from its token offsets (and its parent's).

    Parses are stored with offsets counted from the name's first token: what
    is cached does not depend on the Doc that read it, and one name gives one
    parse wherever it is printed (`body_names.compose` is memoised on it)."""
    parent = _rebase(p.parent, shift) if p.parent is not None else None
    return p._replace(start=p.start - shift, end=p.end - shift, parent=parent)


class NameCache:
    """A bounded LRU of text -> the names found in it."""

    def __init__(self, size: int = SIZE) -> None:
        self.size = size
        self.entries: OrderedDict[str, tuple[Found, ...]] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def clear(self) -> None:
        """Forget every text (for measurements that must start cold)."""
        self.entries.clear()
        self.hits = self.misses = 0

    def read(self, texts: Sequence[str]) -> list[tuple[Found, ...]]:
        """Return the names found in each of `texts`, offsets into that text."""
        entries = self.entries
        got: dict[str, tuple[Found, ...]] = {}
        todo: list[str] = []  # texts not seen, once each, in order
        for text in texts:
            if text in got:
                continue
            found = entries.get(text)
            if found is None:
                todo.append(text)
                got[text] = ()
            else:
                entries.move_to_end(text)
                got[text] = found
        self.hits += len(got) - len(todo)
        self.misses += len(todo)
        if todo:
            got.update(self._parse(todo))
        return [got[text] for text in texts]

    def _parse(self, texts: list[str]) -> dict[str, tuple[Found, ...]]:
        """Read `texts` in one Doc (a Doc per text costs a sixth more), store and return what each gives."""
        at = []  # offset of each text in the joined text
        pos = 0
        for text in texts:
            at.append(pos)
            pos += len(text) + len(SEPARATOR)
        doc = nlp()(SEPARATOR.join(texts))
        found: list[list[Found]] = [[] for _ in texts]
        for f in names(doc):
            k = bisect.bisect_right(at, f.start) - 1
            found[k].append(Found(f.start - at[k], f.end - at[k], _rebase(f.parse, f.parse.start)))
        got = {text: tuple(names_in) for text, names_in in zip(texts, found, strict=True)}
        entries = self.entries
        entries.update(got)
        while len(entries) > self.size:
            entries.popitem(last=False)
        return got


CACHE = NameCache()


def read(texts: Sequence[str]) -> list[tuple[Found, ...]]:
    """Return the names found in each of `texts` (see `NameCache.read`)."""
    return CACHE.read(texts)
