"""Does word segmentation help the rules? A measurement, kept so it can be re-run.

The rules read syllables (`extractors.body_nlp.SyllableTokenizer`). Vietnamese
words are one or more syllables, so a name found on syllables may end inside
a word ("... hành chính công | tỉnh" if a segmenter reads "công tỉnh" as one
word). `snap_to_words` trims every name that ends inside a word of
underthesea's `word_tokenize` back to the word's start; `main` scores bodies
on the gold sets with and without it and times both.

    .venv/bin/python -m extractors.segmentation --shared ../shared
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

from extractors.spans import BodyMention
from pipeline.model import Document


def word_ends(text: str) -> set[int]:
    """Return the offsets in `text` where a word of underthesea's `word_tokenize` ends."""
    from underthesea import word_tokenize

    ends = set()
    pos = 0
    for word in word_tokenize(text):
        at = text.find(word, pos)
        if at == -1:
            continue
        pos = at + len(word)
        ends.add(pos)
    return ends


def snap_to_words(doc: Document, mentions: list[BodyMention]) -> list[BodyMention]:
    """Return `mentions` with each name cut back to the last word boundary underthesea sees in it."""
    out = []
    lines: dict[int, tuple[int, set[int]]] = {}
    for m in mentions:
        if m.role == "recipient":
            out.append(m)
            continue
        line_start = doc.text.rfind("\n", 0, m.start) + 1
        if line_start not in lines:
            line_end = doc.text.find("\n", m.end)
            line_end = len(doc.text) if line_end == -1 else line_end
            lines[line_start] = (line_start, word_ends(doc.text[line_start:line_end]))
        base, ends = lines[line_start]
        if m.end - base in ends:
            out.append(m)
            continue
        cut = max((e for e in ends if m.start - base < e < m.end - base), default=None)
        if cut is None:
            continue
        words = doc.text[m.start:base + cut].split()
        out.append(replace(m, end=base + cut, text=doc.text[m.start:base + cut],
                           name=" ".join(m.name.split()[:len(words)])))
    return out


def main(argv: list[str] | None = None) -> int:
    from extractors import bodies
    from pipeline.document import load

    sys.path.insert(0, str(Path(argv[argv.index("--shared") + 1] if argv and "--shared" in argv else "../shared")
                           / "tools"))
    import score  # the project's scorer: ../shared/tools/score.py

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", default="../shared", type=Path)
    args = parser.parse_args(argv)
    for name in ("seeds", "dev"):
        totals = {"syllables": [0, 0, 0], "words": [0, 0, 0]}
        spent = {"syllables": 0.0, "words": 0.0}
        for gold_file in sorted((args.shared / "gold" / name).glob("*.json")):
            gold = json.loads(gold_file.read_text(encoding="utf-8"))
            doc = load(args.shared / gold["source"], source=gold["source"])
            t0 = time.perf_counter()
            found = bodies.extract(doc, {})
            t1 = time.perf_counter()
            snapped = snap_to_words(doc, found)
            t2 = time.perf_counter()
            spent["syllables"] += t1 - t0
            spent["words"] += t2 - t0
            for kind, ms in (("syllables", found), ("words", snapped)):
                names = list(dict.fromkeys(m.name for m in ms if m.kind == "body"))
                for i, v in enumerate(score.match_bodies(names, gold["bodies"], distinct=True)):
                    totals[kind][i] += v
        for kind, (tp, fp, fn) in totals.items():
            p, r, f = score.prf(tp, fp, fn)
            print("== %s %-9s bodies P=%.3f R=%.3f F1=%.3f  %.2fs" % (name, kind, p, r, f, spent[kind]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
