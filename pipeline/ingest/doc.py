"""Read legacy binary Word `.doc` files through LibreOffice, when it is installed.

python-docx reads only `.docx`; the old binary format needs a real converter.
Without `soffice` on the PATH the file is reported, not skipped silently.
LibreOffice converts whatever it is given, a spreadsheet included, so the
file is checked first: an OLE2 file without a Word stream is reported, and a
`.docx` renamed `.doc` is read as the DOCX it is.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from pipeline.errors import CorruptFile, UnsupportedFormat, WrongFormat
from pipeline.ingest import sniff
from pipeline.ingest.txt import decode
from pipeline.model import RawText


def read(path: Path) -> RawText:
    """Convert a `.doc` file to text with LibreOffice and read it."""
    found = sniff.kind(sniff.head(path, 16))
    if found is not None and found[0] == sniff.ZIP and path.suffix.lower() == ".doc":
        from pipeline.ingest import docx  # docx imports this module: imported here, not at the top

        raw = docx.read(path)
        return RawText(text=raw.text, reader=raw.reader, encoding=raw.encoding,
                       notes=(*raw.notes, "a DOCX file named .doc: read as DOCX"))
    if found is not None and found[0] == sniff.OLE2:
        other = sniff.ole_content(path.read_bytes())
        if other is not None:
            raise WrongFormat("%s named %s, not a Word document: LibreOffice would read it as one"
                              % (other, path.suffix))
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
