"""Every installed runtime dependency carries a permissive licence, read from its own metadata.

The project ships under Apache-2.0; a GPL or AGPL dependency (PyMuPDF, LexNLP,
the `vietnam-provinces` package) would force its licence on the whole.
"""

from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError, distribution

from packaging.requirements import Requirement

PERMISSIVE = re.compile(
    r"\b(?:MIT|BSD|Apache|ISC|PSF|Python Software Foundation|MPL|Mozilla|Public Domain|Unlicense|Zlib|0BSD|CMU|HPND)\b",
    re.I,
)
COPYLEFT = re.compile(r"\b(?:A?GPL|GNU (?:Affero )?General Public)\b", re.I)


def _licence(dist) -> str:  # type: ignore[no-untyped-def]
    meta = dist.metadata
    parts = [meta.get("License-Expression") or "", meta.get("License") or ""]
    parts += [c.split("::")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License")]
    return " ".join(p for p in parts if p and p != "UNKNOWN")[:300]


def runtime_closure(root: str = "directives") -> dict[str, str]:
    """Return name -> licence text for `root` and every package it requires to run (no extras)."""
    seen: dict[str, str] = {}
    todo = [root]
    while todo:
        name = todo.pop()
        try:
            dist = distribution(name)
        except PackageNotFoundError:
            continue  # a marker excluded it on this platform
        key = dist.metadata["Name"].lower()
        if key in seen:
            continue
        seen[key] = _licence(dist)
        for spec in dist.requires or []:
            req = Requirement(spec)
            if req.marker is not None and not req.marker.evaluate({"extra": ""}):
                continue
            todo.append(req.name)
    return seen


def test_runtime_dependencies_are_permissive() -> None:
    closure = runtime_closure()
    assert {"spacy", "underthesea", "datasette", "sqlite-utils", "pdfplumber"} <= set(closure)
    copyleft = {name: lic for name, lic in closure.items() if COPYLEFT.search(lic) and not PERMISSIVE.search(lic)}
    assert copyleft == {}
    unknown = {name: lic for name, lic in closure.items() if name != "directives" and not PERMISSIVE.search(lic)}
    assert unknown == {}, "licence not stated in the installed metadata: check by hand and allow-list"


def test_no_agpl_pdf_library() -> None:
    closure = runtime_closure()
    assert not {"pymupdf", "fitz", "lexnlp", "vietnam-provinces"} & set(closure)
