"""Write a body's name printed in capitals the way running text writes it.

"SỞ GIÁO DỤC VÀ ĐÀO TẠO" -> "Sở Giáo dục và Đào tạo"; "ỦY BAN NHÂN DÂN TỈNH
BẮC NINH" -> "Ủy ban nhân dân tỉnh Bắc Ninh". Vietnamese capitalises the
kind of body, the first syllable of each part of its field, and proper names.
"""

from __future__ import annotations

import re

from pipeline.normalize import fold, fold_tones

# Kinds of body, longest first, as running text writes them.
HEADS = sorted(
    [
        "Ủy ban nhân dân", "Hội đồng nhân dân", "Ủy ban Mặt trận Tổ quốc Việt Nam",
        "Ủy ban Mặt trận Tổ quốc", "Ban Chấp hành Trung ương", "Ban Chấp hành Đảng bộ",
        "Ban Thường vụ", "Ban Chấp hành", "Bộ Chính trị", "Ban Bí thư", "Văn phòng", "Tổng cục",
        "Cục", "Bộ", "Sở", "Ban", "Chi cục", "Công an", "Tỉnh ủy", "Thành ủy", "Huyện ủy", "Quận ủy",
        "Thị ủy", "Đảng ủy",
        "Thủ tướng Chính phủ", "Chính phủ", "Quốc hội", "Ủy ban Thường vụ Quốc hội", "Trung tâm",
        "Trường", "Viện", "Đài", "Báo", "Hội", "Liên đoàn", "Đoàn", "Phòng", "Bộ Chỉ huy",
        "Bộ Tư lệnh", "Chủ tịch", "Thường trực", "Ngân hàng", "Kho bạc Nhà nước", "Thanh tra",
        "Kiểm toán Nhà nước", "Tòa án nhân dân", "Viện kiểm sát nhân dân", "Bảo hiểm xã hội",
    ],
    key=len,
    reverse=True,
)
_HEADS = {fold(h): h for h in HEADS}
PLACE_WORDS = ("thành phố", "thị xã", "thị trấn", "tỉnh", "huyện", "quận", "xã", "phường")
# Proper names that keep their capitals inside a field.
PROPER = {
    "việt nam": "Việt Nam", "trung ương": "Trung ương", "tổ quốc": "Tổ quốc",
    "chính phủ": "Chính phủ", "quốc hội": "Quốc hội", "nhà nước": "Nhà nước",
    "công thương": "Công Thương", "hồ chí minh": "Hồ Chí Minh", "tỉnh ủy": "Tỉnh ủy",
    "thành ủy": "Thành ủy", "đảng": "Đảng", "nhân dân": "nhân dân",
}
# Each proper name as a whole word in any case, compiled once (a header's
# issuer is cased for every document).
_PROPER_WORDS = [(re.compile(r"(?<!\w)%s(?!\w)" % re.escape(low), re.I), cased) for low, cased in PROPER.items()]
# Abbreviated kinds of body printed in headers.
SHORT_HEADS = {"ubnd": "ủy ban nhân dân", "hđnd": "hội đồng nhân dân", "ubmttq": "ủy ban mặt trận tổ quốc"}
# Party committees named after their place: "Tỉnh ủy Kiên Giang".
PLACE_HEADS = ("Tỉnh ủy", "Thành ủy", "Huyện ủy", "Quận ủy", "Thị ủy")
CONJUNCTS = re.compile(r"(\s+và\s+|\s*[-–,]\s*)")
# A trailing place: "... tỉnh bắc ninh", but not "tỉnh ủy", "thành hội".
TRAILING_PLACE = re.compile(r"(?:^|\s)(%s)\s+(?!hội\b|ủy\b|uỷ\b)(.+)$" % "|".join(PLACE_WORDS))


def _field(words: str) -> str:
    """Capitalise the first syllable of each conjunct: "lao động - thương binh và xã hội"."""
    parts = CONJUNCTS.split(words)
    out = []
    for part in parts:
        if CONJUNCTS.fullmatch(part) or not part:
            out.append(part)
        else:
            out.append(part[:1].upper() + part[1:])
    return "".join(out)


def proper_case(name: str) -> str:
    """Return `name` cased as running text; names already in mixed case come back unchanged."""
    letters = [c for c in name if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return name
    text = fold_tones(" ".join(name.split())).lower()
    for short, full in SHORT_HEADS.items():
        if text.startswith(short + " "):
            text = full + text[len(short) :]
    head = ""
    for key, cased in _HEADS.items():
        if text == key or text.startswith(key + " "):
            head, text = cased, text[len(key) :].strip()
            break
    out = [head] if head else []
    # Split off a trailing place: "tỉnh bắc ninh" keeps its proper name's capitals.
    place = ""
    m = TRAILING_PLACE.search(text)
    if head in PLACE_HEADS and text:
        place, text = " ".join(w.capitalize() for w in text.split()), ""
    elif m:
        place = m.group(1) + " " + " ".join(w.capitalize() for w in m.group(2).split())
        text = text[: m.start()].strip()
    if text:
        field = _field(text) if head else text[:1].upper() + text[1:]
        for word, cased in _PROPER_WORDS:
            field = word.sub(cased, field)
        out.append(field)
    if place:
        out.append(place)
    result = " ".join(out)
    return result[:1].upper() + result[1:]
