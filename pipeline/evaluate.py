"""`make eval`: score extraction against the gold annotations and list what changed.

Runs the extractors over every document a gold file names, writes the
predictions as JSONL, scores them with the project's scorer
(`../shared/tools/score.py`) and, like eyecite's regression benchmark,
compares with the previous run: for each document, the items gained and lost.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from extractors.registry import extract_all
from pipeline.document import load
from pipeline.errors import IngestError
from pipeline.output import extraction_json

OUT = Path("output/eval")


def predict(shared: Path, gold_dir: Path) -> list[dict[str, Any]]:
    """Return the extraction JSON of every document named by a gold file in `gold_dir`."""
    preds = []
    for gold_file in sorted(gold_dir.glob("*.json")):
        source = json.loads(gold_file.read_text(encoding="utf-8"))["source"]
        path = shared / source
        try:
            doc = load(path, source=source)
        except IngestError as err:
            preds.append({"source": source, "error": err.code, "message": str(err)})
            continue
        preds.append(extraction_json(doc, extract_all(doc)))
    return preds


def items(pred: dict[str, Any]) -> dict[str, Counter]:
    """Return the comparable items of one prediction, by kind."""
    out: dict[str, Counter] = {}
    out["citations"] = Counter(
        "%s | %s | %s | %s" % (c.get("number") or c.get("title"), c.get("doc_type"), c.get("date"),
                               c.get("relation"))
        for c in pred.get("citations", [])
    )
    out["dates"] = Counter(d["value"] for d in pred.get("dates", []))
    out["percentages"] = Counter("%s %s" % (p["value"], p.get("qualifier")) for p in pred.get("percentages", []))
    out["bodies"] = Counter({b["name"]: 1 for b in pred.get("bodies", [])})
    out["assignments"] = Counter(
        "%s <- %s" % (a["lead"], ", ".join(a.get("partners", []))) for a in pred.get("assignments", [])
    )
    out["document"] = Counter("%s=%s" % kv for kv in sorted((pred.get("document") or {}).items())
                              if kv[0] in ("doc_type", "number", "issued_date", "signer"))
    return out


def diff(previous: list[dict], current: list[dict]) -> list[str]:
    """Return lines listing, per document, what the current run gained and lost."""
    before = {p["source"]: items(p) for p in previous}
    lines = []
    for pred in current:
        now = items(pred)
        old = before.get(pred["source"])
        if old is None:
            continue
        for kind in now:
            gained = now[kind] - old.get(kind, Counter())
            lost = old.get(kind, Counter()) - now[kind]
            for item in sorted(gained.elements()):
                lines.append("  + %s %-11s %s" % (Path(pred["source"]).stem[:28], kind, item))
            for item in sorted(lost.elements()):
                lines.append("  - %s %-11s %s" % (Path(pred["source"]).stem[:28], kind, item))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", default="../shared", type=Path)
    parser.add_argument("--sets", nargs="*", default=["seeds", "dev"])
    parser.add_argument("--baseline", action="store_true",
                        help="also score underthesea's ner (ORG entities) as bodies, the baseline of issue 5")
    args = parser.parse_args(argv)
    shared: Path = args.shared
    scorer = shared / "tools" / "score.py"
    OUT.mkdir(parents=True, exist_ok=True)
    status = 0
    for name in args.sets:
        gold_dir = shared / "gold" / name
        if not gold_dir.is_dir():
            print("no gold set %s" % gold_dir, file=sys.stderr)
            continue
        preds = predict(shared, gold_dir)
        current = OUT / ("%s.jsonl" % name)
        previous = OUT / ("%s.previous.jsonl" % name)
        if current.exists():
            current.replace(previous)
        current.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds), encoding="utf-8")
        print("== %s (%d documents)" % (name, len(preds)))
        result = subprocess.run([sys.executable, str(scorer), str(gold_dir), str(current)],
                                capture_output=True, text=True)
        print(result.stdout.rstrip())
        if args.baseline:
            from extractors import baseline

            r = baseline.score(shared, name)["bodies"]
            print("%-22s P=%.3f R=%.3f F1=%.3f  (tp=%d fp=%d fn=%d)" % (
                "bodies, baseline ner", r["precision"], r["recall"], r["f1"], r["tp"], r["fp"], r["fn"]))
        if result.returncode:
            print(result.stderr, file=sys.stderr)
            status = result.returncode
        if previous.exists():
            old = [json.loads(line) for line in previous.read_text(encoding="utf-8").splitlines() if line]
            changes = diff(old, preds)
            print("changes since the previous run: %s" % ("none" if not changes else len(changes)))
            for line in changes:
                print(line)
    return status


if __name__ == "__main__":
    sys.exit(main())
