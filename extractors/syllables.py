"""Syllables: the tokens the body pipeline reads, and a cheap view of them.

Vietnamese writes one syllable per space-separated word; a body's name is a
run of syllables ("Sở | Giáo | dục | và | Đào | tạo"). `SyllableTokenizer`
replaces `spacy.blank("vi")`'s tokenizer (which needs pyvi) and keeps each
token's offset in the text it read; `Toks` gives the chunker the few token
attributes it needs without building spaCy `Token` objects.
"""

from __future__ import annotations

import re

import spacy
from spacy.tokens import Doc, Span

# One token per syllable, compound abbreviation or punctuation mark:
# "Sở TT&TT," -> ["Sở", "TT&TT", ","]; "TT.HĐND" and "TP.HCM" stay whole
# (recipient lists print them so); "36-NQ/TU" -> ["36", "-", "NQ", "/", "TU"].
TOKEN = re.compile(r"\w+(?:[&.'’]\w+)*|[^\w\s]")


class SyllableTokenizer:
    """Split text into syllables and punctuation, keeping offsets (no pyvi needed)."""

    def __init__(self, vocab: spacy.Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        matches = list(TOKEN.finditer(text))
        words = [m.group() for m in matches]
        starts = [m.start() for m in matches]
        ends = [m.end() for m in matches]
        spaces = [e < s for e, s in zip(ends, starts[1:], strict=False)] + ([ends[-1] < len(text)] if ends else [])
        doc = Doc(self.vocab, words=words, spaces=spaces)
        # A Doc keeps one space between tokens; runs of spaces in the input would
        # shift its character offsets, so each token's offset in `text` is kept.
        doc.user_data["starts"] = starts
        doc.user_data["words"] = (words, spaces)
        return doc


def char_span(span: Span) -> tuple[int, int]:
    """Return the offsets of `span` in the text its Doc was made from."""
    starts = span.doc.user_data["starts"]
    words = span.doc.user_data["words"][0]
    return starts[span.start], starts[span.end - 1] + len(words[span.end - 1])


class Tok:
    """A token's text and the few attributes the chunker reads, computed once.

    spaCy's `doc[i]` builds a Token object on every access; the chunker reads
    tokens many times over, so it works on these instead."""

    __slots__ = ("text", "lower_", "whitespace_", "is_lower", "is_punct")

    def __init__(self, text: str, whitespace: str) -> None:
        self.text = text
        self.lower_ = text.lower()
        self.whitespace_ = whitespace
        self.is_lower = text.islower()
        # Tokens are words or single marks (`TOKEN`): a mark is not alphanumeric.
        self.is_punct = not text[0].isalnum()

    @property
    def is_upper(self) -> bool:
        return self.text.isupper()

    @property
    def is_title(self) -> bool:
        return self.text.istitle()

    @property
    def is_alpha(self) -> bool:
        return self.text.isalpha()

    @property
    def is_digit(self) -> bool:
        return self.text.isdigit()

    def __len__(self) -> int:
        return len(self.text)


class Toks:
    """The tokens of a Doc as `Tok`s, made on first use: indexable, sliceable (a slice has `.text`)."""

    def __init__(self, words: list[str], spaces: list[bool]) -> None:
        self.words = words
        self.spaces = spaces
        self.toks: list[Tok | None] = [None] * len(words)

    def __len__(self) -> int:
        return len(self.words)

    def tok(self, i: int) -> Tok:
        t = self.toks[i]
        if t is None:
            t = self.toks[i] = Tok(self.words[i], " " if self.spaces[i] else "")
        return t

    def __getitem__(self, i: int | slice):  # type: ignore[no-untyped-def]
        if isinstance(i, slice):
            return TokSlice(self.tok(j) for j in range(*i.indices(len(self.words))))
        if i < 0:
            i += len(self.words)
        return self.tok(i)


class TokSlice(list):
    """A run of tokens; `.text` joins them as printed."""

    @property
    def text(self) -> str:
        return "".join(t.text + t.whitespace_ for t in self).strip()
