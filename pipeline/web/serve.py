"""Run Datasette on the database, read-only and safe to expose."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

METADATA = Path(__file__).parent / "metadata.yml"
# A query that runs longer than this is cut off (Datasette's default is 1000 ms).
SQL_TIME_LIMIT_MS = 1500


def datasette_command(db_path: str, host: str = "127.0.0.1", port: int = 8001) -> list[str]:
    """Return the argv that serves `db_path` immutably with the project's metadata."""
    exe = shutil.which("datasette") or str(Path(sys.executable).with_name("datasette"))
    args = [exe, "serve", "--immutable", db_path, "--host", host, "--port", str(port),
            "--setting", "sql_time_limit_ms", str(SQL_TIME_LIMIT_MS),
            "--setting", "allow_download", "off"]
    if METADATA.exists():
        args += ["--metadata", str(METADATA)]
    return args
