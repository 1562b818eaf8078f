"""Cut a saved portal page (LuatVietnam, Thư viện Pháp luật, ...) down to the document.

Portal pages wrap the document in menus, buttons, login prompts and lists of
related documents, whose dates and numbers are not the document's. Their
attribute table (`Số hiệu`, `Người ký`, `Ngày ban hành`, `Cơ quan ban hành`)
is kept as metadata: it fills identity fields the body does not state.
"""

from __future__ import annotations

import re

from pipeline.normalize import fold

# Labels of a portal attribute table, folded, mapped to our metadata keys.
ATTRIBUTE_LABELS = {
    "số hiệu": "number",
    "loại văn bản": "doc_type",
    "cơ quan ban hành": "issuer",
    "nơi ban hành": "issuer",
    "người ký": "signer",
    "ngày ban hành": "issued_date",
    "lĩnh vực": "field",
}
UNKNOWN_VALUES = {"đang cập nhật", "đã biết", "văn bản khác", "không xác định", ""}

# Lines only a portal prints: one strong marker, or two weak ones, mark the
# text as a saved page (a directive may well say "Tải về" once). Literal
# words are looked for with `in`, a much faster scan than a regex alternation.
STRONG_WORDS = ("THƯ VIỆN PHÁP LUẬT", "LuatVietnam", "Đang tải văn bản", "Quý khách cần hỏi thêm")
STRONG_ATTRIBUTES = re.compile(
    r"thuộc tính (?:Kế hoạch|Quyết định|Nghị quyết|Chỉ thị|Thông tư|Nghị định|Công văn|Luật)"
)
WEAK_WORDS = ("Tải về", "Đăng nhập", "Báo lỗi", "Văn bản liên quan", "In tài liệu", "Chia sẻ")
# The official header opens the document: the national motto or the Party's name.
HEADER_ANCHOR = re.compile(
    r"CỘNG\s+H(?:OÀ|[OÒÕ]A)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM", re.I
)
# Where the page's own furniture starts again after the document.
TAIL_MARKERS = re.compile(
    r"^(?:Văn bản này chưa cập nhật nội dung Tiếng Anh|#*\s*Văn bản liên quan\b|"
    r"NỘI DUNG SỬA ĐỔI, HƯỚNG DẪN|FILE ĐƯỢC ĐÍNH KÈM THEO VĂN BẢN|Quý khách cần hỏi thêm thông tin|"
    r"Lược đồ\s*$|Văn bản gốc\s*$|Tải về\s*$|Cảm ơn quý khách|Bạn Chưa Đăng Nhập)",
    re.M | re.I,
)
# The page repeats the document's name just before its tail:
# "Quyết định 471/QĐ-UBND năm 2025 phê duyệt ...".
REPEATED_TITLE = re.compile(r"^\S+(?: \S+)? [\w./-]*\d[\w./-]* năm \d{4} .+$")


def is_portal_page(text: str) -> bool:
    """Tell whether `text` is a saved portal page rather than a bare document."""
    if any(word in text for word in STRONG_WORDS):
        return True
    if "thuộc tính " in text and STRONG_ATTRIBUTES.search(text):
        return True
    return sum(word in text for word in WEAK_WORDS) >= 2


def attributes(text: str) -> dict[str, str]:
    """Read the portal's attribute table: a label cell ending in ':' and the next non-empty cell."""
    found: dict[str, str] = {}
    lines = [ln.strip() for ln in text[:20000].split("\n")]
    for i, line in enumerate(lines):
        if not line.endswith(":"):
            continue
        key = ATTRIBUTE_LABELS.get(fold(line[:-1]))
        if not key or key in found:
            continue
        value = next((v for v in lines[i + 1 : i + 4] if v), "")
        if value.endswith(":") or fold(value) in UNKNOWN_VALUES or len(value) > 150:
            continue
        found[key] = value
    return found


def _document_start(lines: list[str]) -> int:
    """Return the index of the first line of the official header block."""
    text = "\n".join(lines)
    anchor = HEADER_ANCHOR.search(text)
    if not anchor:
        return 0
    i = text.count("\n", 0, anchor.start())
    # The issuer's name stands just before the motto (or on the same line);
    # step back over its short upper-case lines.
    start = i
    j = i - 1
    while j >= 0 and i - j <= 8:
        line = lines[j].strip()
        if not line:
            j -= 1
            continue
        letters = [c for c in line if c.isalpha()]
        if len(line) <= 60 and letters and sum(c.isupper() for c in letters) >= 0.8 * len(letters):
            start = j
            j -= 1
            continue
        break
    return start


def strip_portal(text: str) -> tuple[str, dict[str, str]]:
    """Return the document part of a portal page and the page's attribute table.

    Text that is not a portal page comes back unchanged, with no attributes."""
    if not is_portal_page(text):
        return text, {}
    meta = attributes(text)
    lines = text.split("\n")
    start = _document_start(lines)
    body = "\n".join(lines[start:])
    tail = TAIL_MARKERS.search(body)
    if tail:
        head = body[: tail.start()].rstrip().split("\n")
        if head and REPEATED_TITLE.match(head[-1].strip()):
            head.pop()
        body = "\n".join(head)
    return body, meta
