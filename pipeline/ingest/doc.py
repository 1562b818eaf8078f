"""Read legacy binary Word `.doc` files through LibreOffice, when it is installed.

python-docx reads only `.docx`; the old binary format needs a real converter.
Without `soffice` on the PATH the file is reported, not skipped silently.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from pipeline.errors import CorruptFile, UnsupportedFormat
from pipeline.ingest.txt import decode
from pipeline.model import RawText


def read(path: Path) -> RawText:
    """Convert a `.doc` file to text with LibreOffice and read it."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise UnsupportedFormat("legacy .doc needs LibreOffice (apt-get install libreoffice-writer-nogui)")
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [soffice, "--headless", "-env:UserInstallation=file://%s/profile" % tmp,
               "--convert-to", "txt:Text (encoded):UTF8", "--outdir", tmp, str(path.resolve())]
        try:
            subprocess.run(cmd, capture_output=True, timeout=120, check=True)
        except (subprocess.SubprocessError, OSError) as err:
            raise CorruptFile("LibreOffice could not convert the .doc file: %s" % err) from err
        out = Path(tmp) / (path.stem + ".txt")
        if not out.exists():
            raise CorruptFile("LibreOffice produced no text for this .doc file")
        text, _ = decode(out.read_bytes())
    return RawText(text=text, reader="doc/libreoffice", encoding="utf-8")
