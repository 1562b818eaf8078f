"""Read plain-text files, identifying their encoding instead of guessing it.

Accepted: UTF-8 (with or without BOM), UTF-16 (BOM, or NUL-interleaved
without one) and Windows-1258, the legacy Vietnamese code page. A file that
decodes as none of them with Vietnamese-looking text is an `EncodingError`.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from pipeline.errors import EncodingError
from pipeline.model import RawText

# Non-ASCII letters Vietnamese never uses, which Windows-1258 decoding yields
# from the legacy code pages: TCVN3 "Thùc hiÖn" (Thực hiện), VISCII "Thñc hi®n".
FOREIGN_LETTER = re.compile(
    r"(?![ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ])[^\W\d_\x00-\x7f]", re.I
)
# Letters that only Vietnamese text produces in quantity once decoded.
VIETNAMESE = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ]|[\u0300\u0301\u0303\u0309\u0323]")


def _utf16_without_bom(data: bytes) -> str | None:
    """Return UTF-16 text when every other byte is NUL on one side (ASCII-heavy text)."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for zeros, codec in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) >= 0.3 * len(zeros):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def decode(data: bytes) -> tuple[str, str]:
    """Return the text of `data` and the name of the encoding it was in."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = _utf16_without_bom(data)
    if text is not None:
        return text, "utf-16"
    # Windows-1258 maps almost every byte, so decoding alone proves nothing:
    # demand Vietnamese letters and no C1 control characters.
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError as err:
        raise EncodingError("neither UTF-8, UTF-16 nor Windows-1258: %s" % err) from err
    letters = sum(ch.isalpha() for ch in text)
    foreign = FOREIGN_LETTER.findall(unicodedata.normalize("NFC", text))
    if (letters and len(VIETNAMESE.findall(text)) >= 0.02 * letters and not re.search(r"[\x80-\x9f]", text)
            and len(foreign) <= 0.005 * letters):
        return text, "cp1258"
    if foreign:
        raise EncodingError("not UTF-8 or UTF-16, and as Windows-1258 it holds letters Vietnamese never uses "
                            "(%s): a legacy code page such as TCVN3 or VISCII?" % "".join(sorted(set(foreign))[:8]))
    raise EncodingError(
        "not valid UTF-8 or UTF-16, and as Windows-1258 it does not read as Vietnamese"
    )


def read(path: Path) -> RawText:
    """Read a `.txt` file."""
    text, encoding = decode(path.read_bytes())
    return RawText(text=text, reader="txt", encoding=encoding)
