"""The `directives` command line: ingest, extract, lineage, export, serve."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from pipeline.errors import IngestError

DEFAULT_DB = "output/directives.db"


def db_option(f):  # type: ignore[no-untyped-def]
    """Shared `--db` flag."""
    return click.option(
        "--db", "db_path", default=DEFAULT_DB, show_default=True,
        type=click.Path(dir_okay=False), help="SQLite database file.",
    )(f)


@click.group()
@click.version_option(package_name="directives")
def cli() -> None:
    """Read Vietnamese government directives: ingest, extract, trace lineage, publish."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@db_option
@click.option("--workers", "-w", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes for parsing and extraction.")
@click.option("--force", is_flag=True, help="Re-extract files whose content has not changed.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--time-limit", default=120.0, show_default=True, type=click.FloatRange(0.1),
              help="Seconds one file may take before it is stopped and reported.")
@click.option("--ocr", is_flag=True,
              help="OCR scanned PDFs (ocrmypdf and tesseract, language vie: "
                   "apt-get install ocrmypdf tesseract-ocr-vie); about 5 s a page.")
def ingest(paths: tuple[str, ...], db_path: str, workers: int, force: bool, quiet: bool, time_limit: float,
           ocr: bool) -> None:
    """Ingest files or folders into the database (unchanged files are skipped).

    Exits with status 1 when any file could not be ingested (each is listed,
    and recorded in the ingest_errors table); the other files are ingested.
    With --ocr, a PDF without a text layer is OCR'd and its document's reader
    is "pdf/ocrmypdf"; when OCR is not installed each such file is reported
    as ocr_unavailable."""
    from pipeline.batch import iter_files, run

    os.makedirs(os.path.dirname(db_path) or ".", exist_ok=True)
    total = len(iter_files(paths))
    show = not quiet and sys.stderr.isatty() and total > 1
    with click.progressbar(length=total, label="Ingesting", file=sys.stderr,
                           hidden=not show) as bar:
        summary = run(paths, db_path, workers=workers, force=force,
                      on_outcome=lambda _o: bar.update(1), time_limit=time_limit, ocr=ocr)
    for outcome in summary.errors:
        click.echo("error: %s: %s (%s, at %s)" % (outcome.source, outcome.message, outcome.error,
                                                  outcome.stage or "read"), err=True)
    counts = ", ".join("%d %s" % (n, status) for status, n in sorted(summary.counts.items()))
    click.echo("%s -> %s" % (counts or "nothing to do", db_path), err=True)
    if summary.errors:
        sys.exit(1)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per file (the default).")
@click.option("--only", multiple=True, help="Run only these extractors (repeatable).")
@click.option("--ocr", is_flag=True, help="OCR scanned PDFs first (as `directives ingest --ocr`).")
def extract(files: tuple[str, ...], as_json: bool, only: tuple[str, ...], ocr: bool) -> None:
    """Print what each file says, one JSON object per line, in the shape of gold/SCHEMA.md."""
    from extractors.registry import extract_all
    from pipeline.document import load
    from pipeline.output import extraction_json

    failed = 0
    for name in files:
        try:
            doc = load(Path(name), source=name, ocr=ocr)
        except IngestError as err:
            failed += 1
            click.echo("error: %s: %s (%s)" % (name, err, err.code), err=True)
            click.echo(json.dumps({"source": name, "error": err.code, "message": str(err)},
                                  ensure_ascii=False))
            continue
        found = extract_all(doc, only=list(only) or None)
        click.echo(json.dumps(extraction_json(doc, found), ensure_ascii=False))
    if failed == len(files):
        raise click.ClickException("no file could be read")


@cli.command()
@click.argument("number")
@db_option
@click.option("--depth", default=6, show_default=True, help="How many links to follow each way.")
def lineage(number: str, db_path: str, depth: int) -> None:
    """Print what the directive NUMBER implements (up) and what implements it (down)."""
    from pipeline.lineage import render_lineage

    if not Path(db_path).exists():
        raise click.ClickException("no database at %s: run `directives ingest` first" % db_path)
    click.echo(render_lineage(db_path, number, depth))


@cli.command()
@db_option
@click.option("--graphml", "graphml", type=click.Path(dir_okay=False), required=True,
              help="Write the citation graph as GraphML (for Gephi or networkx).")
def export(db_path: str, graphml: str) -> None:
    """Export the citation graph."""
    from pipeline.lineage import write_graphml

    n_nodes, n_edges = write_graphml(db_path, graphml)
    click.echo("%d directives, %d edges -> %s" % (n_nodes, n_edges, graphml), err=True)


@cli.command()
@db_option
@click.option("--port", "-p", default=8001, show_default=True, type=int)
@click.option("--host", default="127.0.0.1", show_default=True)
def serve(db_path: str, port: int, host: str) -> None:
    """Serve the database with Datasette, read-only (immutable, SQL time limit)."""
    from pipeline.web.serve import datasette_command

    if not Path(db_path).exists():
        raise click.ClickException("no database at %s: run `directives ingest` first" % db_path)
    args = datasette_command(db_path, host=host, port=port)
    os.execvp(args[0], args)


if __name__ == "__main__":
    cli()
