"""Fixtures for the publication's tests: the seed database built by the real CLI, served by a real Datasette.

Test modules load them with `pytest_plugins = ["web_fixtures"]`; the server
starts once per session and is stopped at the end.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from pipeline.web.serve import DATABASE, datasette_command

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
STARTUP_SECONDS = 60


@dataclass(frozen=True)
class Server:
    """A running Datasette: its base URL, the database file and its log."""

    url: str
    db: Path
    log: Path

    def get(self, path: str, **params: str) -> tuple[int, str]:
        """Return (status, body) of GET `path` with query `params`."""
        url = self.url + path + ("?" + urllib.parse.urlencode(params) if params else "")
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as err:
            return err.code, err.read().decode("utf-8", "replace")

    def json(self, path: str, **params: str) -> Any:
        """Return the parsed JSON of GET `path`, failing the test on an HTTP error."""
        status, body = self.get(path, **params)
        assert status == 200, "%s -> %d: %s" % (path, status, body[:500])
        return json.loads(body)

    def rows(self, query: str, **params: str) -> list[dict[str, Any]]:
        """Return the rows of canned query `query` (a list of objects)."""
        return self.json("/%s/%s.json" % (DATABASE, query), _shape="array", **params)

    def count(self, table: str) -> int:
        """Return how many rows `table` holds."""
        sql = "select count(*) as n from [%s]" % table
        return self.json("/%s.json" % DATABASE, sql=sql, _shape="array")[0]["n"]


def directives_cli() -> list[str]:
    """Return the argv of the project's `directives` command in this interpreter's venv."""
    script = Path(sys.executable).with_name("directives")
    return [str(script)] if script.exists() else [sys.executable, "-m", "pipeline.cli"]


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the seed corpus into a fresh database with the real CLI; return its path."""
    db = tmp_path_factory.mktemp("web") / ("%s.db" % DATABASE)
    # `corpus` relative to the clone, as `make ingest` names it: sources read `corpus/...`.
    done = subprocess.run([*directives_cli(), "ingest", CORPUS.name, "--db", str(db), "--quiet"],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return db


def free_port() -> int:
    """Return a TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(seed_db: Path) -> Iterator[Server]:
    """Start `datasette` on the seed database as `directives serve` would; stop it at the end."""
    port = free_port()
    log = seed_db.with_suffix(".log")
    with open(log, "w") as out:
        proc = subprocess.Popen(datasette_command(str(seed_db), port=port), cwd=ROOT,
                                stdout=out, stderr=subprocess.STDOUT)
    running = Server("http://127.0.0.1:%d" % port, seed_db, log)
    try:
        _wait_until_up(running, proc)
        yield running
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _wait_until_up(server: Server, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail("datasette exited with %s:\n%s" % (proc.returncode, server.log.read_text()))
        try:
            with urllib.request.urlopen(server.url + "/-/versions.json", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail("datasette did not answer within %ds:\n%s" % (STARTUP_SECONDS, server.log.read_text()))
