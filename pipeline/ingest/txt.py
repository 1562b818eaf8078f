"""Read plain-text files, identifying their encoding instead of guessing it.

Accepted: UTF-8 (with or without BOM), UTF-16 (BOM, or NUL-interleaved
without one) and Windows-1258, the legacy Vietnamese code page. Binary data
is a `WrongFormat`; text in the legacy font encodings TCVN3 (ABC) and VNI is
named in an `EncodingError`, and any other bytes that decode as none of the
accepted encodings with Vietnamese-looking text are an `EncodingError` too.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from pipeline.errors import EncodingError, WrongFormat
from pipeline.model import RawText

# Non-ASCII letters Vietnamese never uses, which Windows-1258 decoding yields
# from the legacy code pages: TCVN3 "Thùc hiÖn" (Thực hiện), VISCII "Thñc hi®n".
FOREIGN_LETTER = re.compile(
    r"(?![ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ])[^\W\d_\x00-\x7f]", re.I
)
# Letters that only Vietnamese text produces in quantity once decoded.
VIETNAMESE = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ]|[\u0300\u0301\u0303\u0309\u0323]")

# C0 control bytes no text file holds: random bytes are 1 in 10 of them. Tab,
# line breaks, form feed, the DOS end-of-file mark, escape, and what Word's
# text export leaves (\x07 cell ends, \x1e \x1f hyphens) are allowed.
CONTROL_BYTES = bytes(sorted(set(range(32)) - set(b"\t\n\r\f\v\x07\x1a\x1b\x1e\x1f")))
BINARY_SHARE = 0.01

# Legacy Vietnamese font encodings, matched on the bytes read as Latin-1.
# VNI writes a base letter, then a byte for its marks: "Vieät" (Việt), "quyeát"
# (quyết), "ngöôøi" (người). TCVN3 writes one byte per letter, never a mark
# after a vowel, so [aeoy] + a mark byte is VNI's alone ("u" is left out:
# TCVN3 "Uû ban" (Uỷ ban) and "quèc" (quốc) put those bytes after a "u").
VNI_PAIR = re.compile("[aeoyôö][\xe0-\xe5\xe8-\xeb\xef\xf5\xf8-\xfc]|[AEOYÔÖ][\xc0-\xc5\xc8-\xcb\xcf\xd5\xd8-\xdc]")
# TCVN3's bytes for ăâêôơưđ, their capitals and à ả ã á ạ ằ ẳ ẵ ắ: the most
# frequent letters of Vietnamese, bytes VNI does not use for letters.
TCVN3_BYTE = re.compile("[\xa1-\xae\xb5-\xbe]")


def _utf16_without_bom(data: bytes) -> str | None:
    """Return UTF-16 text when every other byte is NUL on one side (ASCII-heavy text)."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for zeros, codec in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) >= 0.3 * len(zeros):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None
            # NUL-padded or binary bytes also have zeros on one side: text has no control codes.
            return None if _controls(text.encode("latin-1", "replace")) > BINARY_SHARE * len(text) else text
    return None


def _controls(data: bytes) -> int:
    """Return how many of the bytes of `data` are CONTROL_BYTES."""
    return len(data) - len(data.translate(None, CONTROL_BYTES))


def _check_not_binary(data: bytes) -> None:
    """Raise WrongFormat when `data` holds control bytes in a share no text has."""
    controls = _controls(data)
    if controls > BINARY_SHARE * len(data):
        raise WrongFormat("binary data, not text: %.0f%% of the bytes are control codes (NUL and others) "
                          "that no text file holds" % (100 * controls / len(data)))


def legacy_encoding(data: bytes) -> str | None:
    """Return "VNI" or "TCVN3" when `data` is Vietnamese in that legacy font encoding, else None."""
    latin = data.decode("latin-1")
    vni, tcvn3 = len(VNI_PAIR.findall(latin)), len(TCVN3_BYTE.findall(latin))
    if vni >= 3 and vni > 2 * tcvn3:
        return "VNI"
    if tcvn3 >= 3 and tcvn3 > 2 * vni:
        return "TCVN3"
    return None


LEGACY = {
    "VNI": "VNI (VNI-Windows), the legacy font encoding that writes each mark as a byte after its letter "
           "(\"Vieät Nam\" for \"Việt Nam\")",
    "TCVN3": "TCVN3 (ABC, the .VnTime fonts), the legacy font encoding with one byte per letter "
             "(\"Thùc hiÖn\" for \"Thực hiện\")",
}


def _legacy_error(data: bytes) -> None:
    """Raise EncodingError naming the legacy encoding of `data`, when it is one."""
    name = legacy_encoding(data)
    if name is not None:
        raise EncodingError("not UTF-8, UTF-16 or Windows-1258: the text is in %s. Convert it to Unicode "
                            "(Unikey's converter, %s to Unicode) and ingest it again" % (LEGACY[name], name))


def decode(data: bytes) -> tuple[str, str]:
    """Return the text of `data` and the name of the encoding it was in."""
    # A byte-order mark names the encoding; bytes after it that do not decode
    # are a damaged file, not a reason to guess another encoding.
    for bom, codec, name in ((codecs.BOM_UTF8, "utf-8-sig", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
                             (codecs.BOM_UTF16_BE, "utf-16", "UTF-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec), "utf-8-sig" if codec == "utf-8-sig" else "utf-16"
            except UnicodeDecodeError as err:
                raise EncodingError("the file starts with a %s byte-order mark but is not %s after it: %s"
                                    % (name, name, err)) from err
    if b"\x00" in data:  # NUL is valid UTF-8, so UTF-16 without a BOM is tried first
        text = _utf16_without_bom(data)
        if text is not None:
            return text, "utf-16"
    _check_not_binary(data)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Windows-1258 maps almost every byte, so decoding alone proves nothing:
    # demand Vietnamese letters and no C1 control characters.
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError as err:
        _legacy_error(data)
        raise EncodingError("neither UTF-8, UTF-16 nor Windows-1258: %s" % err) from err
    letters = sum(ch.isalpha() for ch in text)
    foreign = FOREIGN_LETTER.findall(unicodedata.normalize("NFC", text))
    if (letters and len(VIETNAMESE.findall(text)) >= 0.02 * letters and not re.search(r"[\x80-\x9f]", text)
            and len(foreign) <= 0.005 * letters):
        return text, "cp1258"
    _legacy_error(data)
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
