"""Run Datasette on the database, read-only and safe to expose.

Immutable mode (the file is opened read-only and never written, so there is
no write route to protect), a time limit on every query, bounded pages and
facets, no database download, and the project's metadata and plugin.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import yaml

METADATA = Path(__file__).parent / "metadata.yml"
# The database name metadata.yml describes (Datasette names a database after its file).
DATABASE = "directives"

# Settings passed with --setting, each with why.
SETTINGS: dict[str, int | str] = {
    # A query that runs longer than this is cut off (Datasette's default is 1000 ms).
    "sql_time_limit_ms": 1500,
    # The whole database is a few GB at national scale: no download link.
    "allow_download": "off",
    # Rows per page, and the most any query (JSON or HTML) returns.
    "default_page_size": 50,
    "max_returned_rows": 1000,
    # Facet suggestions run a query per column on every table page: too slow at scale.
    "suggest_facets": "off",
    "facet_time_limit_ms": 200,
    # Document texts are tens of thousands of characters; table pages show the start.
    "truncate_cells_html": 300,
}


def metadata_path(db_path: str) -> Path:
    """Return metadata for `db_path`: metadata.yml itself, or a copy keyed by the file's name."""
    name = Path(db_path).stem
    if name == DATABASE:
        return METADATA
    with open(METADATA, encoding="utf-8") as fh:
        meta = yaml.safe_load(fh)
    meta["databases"] = {name: meta["databases"][DATABASE]}
    out = Path(tempfile.gettempdir()) / ("directives-metadata-%s.json" % name)
    out.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return out


def datasette_command(db_path: str, host: str = "127.0.0.1", port: int = 8001) -> list[str]:
    """Return the argv that serves `db_path` immutably with the project's metadata."""
    # `python -m datasette` from this interpreter: the venv's Datasette, which loads our plugin.
    args = [sys.executable, "-m", "datasette", "serve", "--immutable", db_path,
            "--host", host, "--port", str(port), "--metadata", str(metadata_path(db_path))]
    for name, value in SETTINGS.items():
        args += ["--setting", name, str(value)]
    return args
