"""Give a scanned PDF a text layer: ocrmypdf with tesseract's Vietnamese model (`-l vie`).

Why ocrmypdf rather than tesseract on page images: it writes the recognised
words back into a PDF at the place each stood on the page, so the ordinary
PDF reader (`pipeline.ingest.pdf`) reads the scan like any other PDF, the
two-column header, page furniture and footnotes included; tesseract's plain
text would lose that geometry. It also rasterises each page at the image's
own resolution and OCRs only the pages without text (`--skip-text`).

Both are optional system tools (`apt-get install ocrmypdf tesseract-ocr-vie`).
`missing()` says which part is absent, checked once per process.

Bounded in time: ocrmypdf runs in its own process group, with a timeout
taken from what is left of the batch's per-file alarm (SIGALRM, see
`pipeline.batch`); whatever stops the wait (that alarm, the timeout, an
interrupt) kills the whole group, tesseract workers included.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import signal
import subprocess
from pathlib import Path

from pipeline.errors import OcrFailed, OcrUnavailable, ParseTimeout

LANGUAGE = "vie"
INSTALL = "apt-get install ocrmypdf tesseract-ocr-vie"
# Without a per-file alarm (`directives extract`, a thread), OCR still stops:
# a page takes about 5 s here, so this is some 100 pages.
DEFAULT_TIMEOUT_S = 600.0
# One OpenMP thread per tesseract: its threads spin-wait for each other, and on
# a busy two-core machine one page took 30 s with ocrmypdf's default (2) and
# 5.5 s with 1. ocrmypdf still OCRs several pages at once (--jobs).
ENV_OVERRIDES = {"OMP_THREAD_LIMIT": "1"}
# ocrmypdf's exit code for a missing dependency (ocrmypdf.ExitCode.missing_dependency).
MISSING_DEPENDENCY = 3


@functools.cache
def missing() -> str | None:
    """Return what OCR lacks on this machine, in words, or None when it can run."""
    lacking = [tool for tool in ("ocrmypdf", "tesseract") if shutil.which(tool) is None]
    if lacking:
        return "%s not found on PATH" % " and ".join(lacking)
    try:
        listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as err:
        return "tesseract does not run (%s)" % err
    # The first line is a heading ("List of available languages in ..."); the rest are codes.
    if LANGUAGE not in listed.stdout.split("\n")[1:]:
        return "tesseract has no Vietnamese language data (%s.traineddata)" % LANGUAGE
    return None


@functools.cache
def version() -> str:
    """Return "ocrmypdf X, tesseract Y", for the note a document carries."""
    def first_line(*cmd: str) -> str:
        try:
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.SubprocessError):
            return "?"
        return ((out.stdout or out.stderr).strip().split("\n") or ["?"])[0]
    return "ocrmypdf %s, %s" % (first_line("ocrmypdf", "--version"), first_line("tesseract", "--version"))


def _budget() -> float:
    """Return the seconds OCR may take: what is left of the per-file alarm, else DEFAULT_TIMEOUT_S."""
    left = signal.getitimer(signal.ITIMER_REAL)[0] if hasattr(signal, "getitimer") else 0.0
    return left if left > 0 else DEFAULT_TIMEOUT_S


def ocr_pdf(source: Path, target: Path, force: bool = False) -> None:
    """Write to `target` a copy of the PDF `source` whose pages without text carry OCR'd text.

    With `force`, every page is rasterised and OCR'd (for a text layer that
    does not decode). Raises OcrUnavailable, OcrFailed or ParseTimeout."""
    lacking = missing()
    if lacking:
        raise OcrUnavailable("OCR is unavailable: %s; install it with `%s`" % (lacking, INSTALL))
    command = ["ocrmypdf", "-l", LANGUAGE, "--force-ocr" if force else "--skip-text",
               "--output-type", "pdf",  # no PDF/A conversion: the file is only read back
               "--optimize", "0", "--quiet", str(source), str(target)]
    timeout = _budget()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, **ENV_OVERRIDES},
                            start_new_session=True)  # its own group, so tesseract dies with it
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        raise ParseTimeout("OCR still not done after %.0f s; stopped" % timeout) from None
    finally:
        if proc.returncode is None:
            _kill_group(proc)
    if proc.returncode != 0:
        said = err.decode("utf-8", "replace").strip().split("\n")[-1][:300]
        if proc.returncode == MISSING_DEPENDENCY:
            raise OcrUnavailable("OCR is unavailable: ocrmypdf lacks a dependency (%s); install it with `%s`"
                                 % (said, INSTALL))
        raise OcrFailed("ocrmypdf failed (exit %d): %s" % (proc.returncode, said))


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Kill `proc` and every process it started, and reap it."""
    with contextlib.suppress(ProcessLookupError):  # the group is already gone
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    if proc.stderr is not None:
        proc.stderr.close()
