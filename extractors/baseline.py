"""A baseline for bodies: underthesea's statistical `ner`, keeping its ORG entities.

Scored on the same gold as the rules (`make eval`), to show what the gazetteer
and the grammar of names add. underthesea's models ship with the package and
run offline; its `ner` reads one sentence at a time, so this is slow
(a few KB/s): it is an evaluation aid, not part of the pipeline.

    .venv/bin/python -m extractors.baseline --shared ../shared
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from extractors.spans import BodyMention
from pipeline.model import Document


def sentences(doc: Document) -> Iterator[tuple[int, str]]:
    """Yield (offset, sentence) over the document's paragraphs, split by underthesea."""
    from underthesea import sent_tokenize

    for para in doc.paragraphs:
        text = doc.text[para.start:para.end]
        pos = 0
        for sentence in sent_tokenize(text):
            at = text.find(sentence, pos)
            if at == -1:
                continue
            pos = at + len(sentence)
            yield para.start + at, sentence


def ner_bodies(doc: Document, labels: tuple[str, ...] = ("ORG",)) -> list[BodyMention]:
    """Return underthesea's entities of `labels` in `doc` as body mentions, named as printed.

    ORG is the baseline; ("ORG", "LOC") shows how much the model files as places
    ("Ban Tôn giáo", "Ủy ban MTTQ" come out as LOC)."""
    from underthesea import ner

    out: list[BodyMention] = []
    for offset, sentence in sentences(doc):
        pos = 0
        current: list[tuple[int, int]] = []
        for word, _pos, _chunk, tag in [*ner(sentence), ("", "", "", "O")]:
            at = sentence.find(word, pos) if word else len(sentence)
            if word and at != -1:
                pos = at + len(word)
            label = tag[2:]
            if label in labels and tag.startswith("I-") and current:
                current.append((at, pos))
                continue
            if current:
                start, end = current[0][0], current[-1][1]
                text = sentence[start:end]
                out.append(BodyMention(offset + start, offset + end, text, text, None, "mention", "body"))
                current = []
            if tag.startswith("B-") and label in labels and at != -1:
                current = [(at, pos)]
    return out


def predict(shared: Path, gold_dir: Path, labels: tuple[str, ...] = ("ORG",)) -> list[dict[str, Any]]:
    """Return, for each document a gold file names, the baseline's `bodies` in the JSON contract's shape."""
    from pipeline.document import load

    preds = []
    for gold_file in sorted(gold_dir.glob("*.json")):
        source = json.loads(gold_file.read_text(encoding="utf-8"))["source"]
        doc = load(shared / source, source=source)
        bodies = [{"name": b.name, "text": b.text, "start": b.start, "end": b.end} for b in ner_bodies(doc, labels)]
        preds.append({"source": source, "bodies": bodies})
    return preds


def score(shared: Path, gold_set: str, labels: tuple[str, ...] = ("ORG",)) -> dict[str, Any]:
    """Score the baseline on `../shared/gold/<gold_set>` with the project's scorer; return its JSON result."""
    gold_dir = shared / "gold" / gold_set
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for pred in predict(shared, gold_dir, labels):
            fh.write(json.dumps(pred, ensure_ascii=False) + "\n")
    result = subprocess.run([sys.executable, str(shared / "tools" / "score.py"), str(gold_dir), fh.name, "--json"],
                            capture_output=True, text=True, check=True)
    Path(fh.name).unlink()
    return json.loads(result.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", default="../shared", type=Path)
    parser.add_argument("--sets", nargs="*", default=["seeds", "dev"])
    parser.add_argument("--labels", nargs="*", default=["ORG"], help="entity labels to keep (ORG, LOC)")
    args = parser.parse_args(argv)
    labels = tuple(args.labels)
    for name in args.sets:
        r = score(args.shared, name, labels)["bodies"]
        print("== %s underthesea ner (%s) bodies P=%.3f R=%.3f F1=%.3f  (tp=%d fp=%d fn=%d)" % (
            name, "+".join(labels), r["precision"], r["recall"], r["f1"], r["tp"], r["fp"], r["fn"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
