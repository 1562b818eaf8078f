"""Syllables: the tokens the body pipeline reads, and a cheap view of them.

Vietnamese writes one syllable per space-separated word; a body's name is a
run of syllables ("Sở | Giáo | dục | và | Đào | tạo"). `SyllableTokenizer`
replaces `spacy.blank("vi")`'s tokenizer (which needs pyvi) and keeps each
token's offset in the text it read; `Toks` gives the chunker the few token
attributes it needs without building spaCy `Token` objects.
"""

from __future__ import annotations

import re
from itertools import accumulate

import spacy
from spacy.tokens import Doc

# One token per syllable, compound abbreviation or punctuation mark:
# "Sở TT&TT," -> ["Sở", "TT&TT", ","]; "TT.HĐND" and "TP.HCM" stay whole
# (recipient lists print them so); "36-NQ/TU" -> ["36", "-", "NQ", "/", "TU"].
# Possessive (`++`, `*+`): a word never gives back a character (the mark
# after it is not a word character), so `re` need not keep backtracking
# points: the same tokens, split a third faster.
TOKEN = re.compile(r"\w++(?:[&.'’]\w++)*+|[^\w\s]")
# TOKEN as a separator: `split` returns [gap, token, gap, token, ..., gap], the
# gaps being whitespace only (every other character starts a token).
SPLIT = re.compile("(%s)" % TOKEN.pattern)


class Orths(dict[str, int]):
    """The hash of each word seen, added to the vocabulary's strings on first sight."""

    def __init__(self, vocab: spacy.Vocab) -> None:
        super().__init__()
        self.strings = vocab.strings

    def __missing__(self, word: str) -> int:
        orth = self[word] = self.strings.add(word)
        return orth


class SyllableTokenizer:
    """Split text into syllables and punctuation, keeping offsets (no pyvi needed)."""

    def __init__(self, vocab: spacy.Vocab) -> None:
        self.vocab = vocab
        self.orths = Orths(vocab)

    def __call__(self, text: str) -> Doc:
        # One C-level split and slices, not a Python loop over match objects:
        # a third of the time `finditer` and four list comprehensions took.
        pieces = SPLIT.split(text)
        words = pieces[1::2]
        spaces = list(map(bool, pieces[2::2]))
        # Words as their hashes: `Doc` then finds each lexeme by its hash, not
        # by encoding and hashing the string again (a third of `Doc`'s time).
        # (spaCy takes "strings or hash values"; its stubs know only strings.)
        doc = Doc(self.vocab, words=list(map(self.orths.__getitem__, words)), spaces=spaces)  # type: ignore[arg-type]
        # A Doc keeps one space between tokens; runs of spaces in the input would
        # shift its character offsets, so each token's offset in `text` is kept:
        # where the gap before it ends.
        doc.user_data["starts"] = list(accumulate(map(len, pieces)))[0:-1:2]
        doc.user_data["words"] = (words, spaces)
        return doc


def char_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Return the offsets of tokens start:end of `doc` in the text the Doc was made from."""
    starts = doc.user_data["starts"]
    words = doc.user_data["words"][0]
    return starts[start], starts[end - 1] + len(words[end - 1])


class Tok:
    """A token's text and the few attributes the chunker reads, computed once.

    spaCy's `doc[i]` builds a Token object on every access; the chunker reads
    tokens many times over, so it works on these instead."""

    __slots__ = ("text", "lower_", "is_lower", "is_punct")

    def __init__(self, text: str) -> None:
        self.text = text
        self.lower_ = text.lower()
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


class SharedToks(dict[str, Tok]):
    """The `Tok` of each word seen, made on first sight.

    A Tok depends on its word alone and is never changed: one per distinct
    syllable for the process (a few thousand), looked up rather than made for
    each token of each Doc."""

    size = 50_000  # syllables, and numbers and codes: cleared past this

    def __missing__(self, word: str) -> Tok:
        if len(self) >= self.size:
            self.clear()
        tok = self[word] = Tok(word)
        return tok


SHARED = SharedToks()


class Toks(list[Tok]):
    """The tokens of a Doc as `Tok`s, in a list; `text(a, b)` joins a run of them as printed.

    A list, so that `doc[i]` and `len(doc)`, the chunker's commonest calls,
    are C-level; filled by a C-level `map` over the words."""

    def __init__(self, words: list[str], spaces: list[bool]) -> None:
        super().__init__(map(SHARED.__getitem__, words))
        self.words = words
        self.spaces = spaces

    def text(self, start: int, end: int) -> str:
        """Return tokens start:end as printed (one space where the text had any)."""
        return "".join(w + " " if s else w for w, s in zip(self.words[start:end], self.spaces[start:end],
                                                            strict=True)).strip()
