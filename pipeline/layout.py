"""Read a document's identity from its header and signature blocks.

An official document opens with a two-column block (issuer and number on the
left, the national motto and the place-and-date line on the right), then the
type in capitals (`KẾ HOẠCH`) and the title (trích yếu); it closes with the
recipients (`Nơi nhận`) and the signature (`KT. CHỦ TỊCH / PHÓ CHỦ TỊCH`,
then the signer's name). By the time text gets here, `pipeline.lines` has put
each block on its own line, whatever the source format.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from extractors.reference import code_key, doc_types, provinces
from pipeline.casing import proper_case
from pipeline.model import Identity
from pipeline.normalize import fold, strip_diacritics

HEADER_LINES = 40
MOTTO = re.compile(
    r"CỘNG\s+H(?:OÀ|[OÒÕ]A)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM|"
    r"Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc",
    re.I,
)
# "Số: 104/KH-UBND", "Số 384-QĐ/TW", "Số: II /2026/QĐ-UBND" (OCR for 11), "Số: /KH-SCT" (a draft).
NUMBER_LINE = re.compile(
    r"(?:^|\s)Số\s*[:.]?\s*(?P<num>[0-9Il|]*)\s*(?P<sym>(?:\s?[/-]\s?[\w&.Đđ]+)+)", re.M
)
# "Nghệ An, ngày 07 tháng 02 năm 2024"; "Hà Nội, ngày 20/5/2026"; drafts leave blanks.
# The place opens the line, or follows the number or the motto printed on the same line.
DATE_LINE = re.compile(
    r"(?:^|^.*?(?:Số\s*:?\s*\S+|Hạnh\s+phúc|VIỆT\s+NAM)\s+)(?P<place>[A-ZĐÀ-Ỹ.…][^\n,]{0,40}?),\s*ngày\s+(?:(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})[/.-](?P<m2>\d{1,2})[/.-](?P<y2>\d{4})|[.…\s]*tháng)",
    re.I,
)
# Capacity lines of the signature block.
CAPACITY = re.compile(
    r"^(?:(?:TM|KT|TL|TUQ|Q|T/M|K/T)\.?\s+[A-ZĐÀ-Ỹ].*|"
    r"(?:PHÓ\s+)?(?:CHỦ\s+TỊCH|BỘ\s+TRƯỞNG|THỦ\s+TƯỚNG|BÍ\s+THƯ|GIÁM\s+ĐỐC|TRƯỞNG\s+BAN|"
    r"CHÁNH\s+VĂN\s+PHÒNG|CỤC\s+TRƯỞNG|TỔNG\s+CỤC\s+TRƯỞNG|VIỆN\s+TRƯỞNG|CHỦ\s+NHIỆM|"
    r"TỔNG\s+KIỂM\s+TOÁN|CHÁNH\s+ÁN|VIỆN\s+TRƯỞNG|TRƯỞNG\s+PHÒNG|TỔNG\s+THƯ\s+KÝ)\b.*)$"
)
# The enacting authority printed above the preamble ("ỦY BAN NHÂN DÂN TỈNH BẮC NINH").
ENACTING = re.compile(
    r"^(?:ỦY|UỶ)\s+BAN\b|^HỘI\s+ĐỒNG\b|^(?:PHÓ\s+)?THỦ\s+TƯỚNG\b|^BỘ\s+TRƯỞNG\b|^CHỦ\s+TỊCH\b|"
    r"^BAN\s+(?:CHẤP|THƯỜNG|BÍ)\b|^GIÁM\s+ĐỐC\b|^CHÍNH\s+PHỦ$|^QUỐC\s+HỘI$|^BỘ\s+CHÍNH\s+TRỊ$"
)
# What a line must start with for CAPACITY or RECIPIENTS to match it (re.I
# matches "n", "k" and the Kelvin sign "K" to "Nơi nhận", "Kính gửi"): the
# loops over every line of a document try the patterns on these alone.
RECIPIENTS_INITIALS = frozenset("NnKk\u212a")
SIGNATURE_INITIALS = frozenset("TKQPCBGV") | RECIPIENTS_INITIALS
# A line starting with a blank is stripped and tried whatever follows. Every
# character str.isspace() accepts is below U+3001; a set lookup is cheaper
# than calling isspace() on each line's first character.
BLANKS = frozenset(c for c in map(chr, range(0x3001)) if c.isspace())
SIGNATURE_OR_BLANK = SIGNATURE_INITIALS | BLANKS
CONSOLIDATION_OR_BLANK = frozenset("Xx") | BLANKS
BODY_OPENING = re.compile(r"^(?:Căn\s+cứ|Thực\s+hiện|Theo|Xét|Để|Trong|Kính\s+gửi|Điều\s+1|I\.|1\.)")
CONSOLIDATION = re.compile(r"^XÁC\s+NHẬN\s+VĂN\s+BẢN\s+HỢP\s+NHẤT\b", re.I)
RECIPIENTS = re.compile(r"^(?:Nơi\s+nhận|Kính\s+gửi)\s*:?\s*(?P<rest>.*)$", re.I)
SUMMARY_SIGNER = re.compile(
    r"\b(?:do|được)\s+(?:đồng\s+chí\s+)?(?P<title>(?:Phó\s+)?(?:Bí\s+thư|Chủ\s+tịch|Giám\s+đốc|Bộ\s+trưởng|"
    r"Thủ\s+tướng|Trưởng\s+ban)[^,]{0,60}?)\s+(?P<name>(?:[A-ZĐ][\wà-ỹ]*\s+){1,4}[A-ZĐ][\wà-ỹ]*)\s+ký\b"
)
# Vietnamese family names, for telling a signer's name from other capitalised lines.
SURNAMES = frozenset(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Lâm Trương Đinh Đào "
    "Mai Tô Hà Lương Cao Châu Thái Tạ Quách Đoàn Trịnh Nông Lò Lường Hầu Giàng Kiều Chu Tăng Doãn "
    "Văn Triệu La Lục Mạc Thạch Tống Hứa Âu Đàm Khổng Kim Lưu Từ Vi Y Ksor Rơ Nay Siu Rah H'".split()
)
BODY_WORDS = frozenset(fold(w) for w in "Sở Bộ Ủy Ban Công Phòng Cục Văn Lưu Như Nơi Trung Hội Tỉnh".split())


@dataclass(frozen=True)
class Header:
    """What the header block says, with where the body starts."""

    identity: Identity
    body_start: int


def _is_caps(line: str) -> bool:
    # filter and map keep the per-character loop in C: a header line can be a
    # whole paragraph long.
    letters = list(filter(str.isalpha, line))
    return len(letters) >= 2 and sum(map(str.isupper, letters)) >= 0.8 * len(letters)


# Spaces around a symbol's separators, as OCR and typists leave them ("06 / QĐ - TTg").
SYMBOL_SPACES = re.compile(r"\s*([/-])\s*")
# A Party symbol: "384-QĐ/TW" (the type code after the number, before the slash).
PARTY_SYMBOL = re.compile(r"^\d+[a-z]?-([^/\s]+)/")


def clean_symbol(number: str, symbol: str) -> str | None:
    """Join a number and its symbol as printed, without stray spaces; None when the number is blank."""
    symbol = SYMBOL_SPACES.sub(r"\1", symbol).rstrip(".,;:")
    if not number:
        return None
    if not number.isdigit():
        # OCR reads "11" as "II" or "ll".
        number = number.translate(str.maketrans("Il|", "111"))
    return number + symbol


def type_from_symbol(number: str | None) -> str | None:
    """Return the document type a symbol's code implies (`06/QĐ-TTg` -> Quyết định)."""
    if not number:
        return None
    types = doc_types()
    party = PARTY_SYMBOL.match(number)
    if party:
        return types.party_codes.get(code_key(party.group(1)))
    parts = number.split("/")
    codes = [p for p in parts[1:] if not p.isdigit()]
    if not codes:
        return None
    first = codes[0].split("-")
    name = types.state_codes.get(code_key(first[0]))
    if name is None and len(first) >= 2 and len(parts) == 2:
        # `3090/UBND-NC`: issuer then unit and no type code is how a công văn is numbered.
        return "Công văn"
    if name is None and re.match(r"^\d{4}$", parts[1] if len(parts) > 2 else "") and first[0].startswith("QH"):
        return "Luật"
    return name


def _type_heading(line: str) -> tuple[str, str] | None:
    """Return (type, rest of line) when `line` opens with a type heading in capitals."""
    if not _is_caps(line.split(":")[0]) or line.rstrip().endswith(":"):
        return None
    names = doc_types().names
    words = line.split()
    for n in range(min(5, len(words)), 0, -1):
        head = " ".join(words[:n])
        name = names.get(fold(head)) or _ocr_type(head)
        if name:
            return name, " ".join(words[n:])
    return None


@cache
def _bare_types() -> dict[str, str]:
    """Type names without diacritics, for OCR'd headings ("QUYÉT ĐỊNH")."""
    return {fold(strip_diacritics(k)): v for k, v in doc_types().names.items() if len(k) > 4}


def _ocr_type(head: str) -> str | None:
    return _bare_types().get(fold(strip_diacritics(head)))


# "V/v tăng cường công tác ..." (về việc): the subject line of an official letter.
CORRESPONDENCE = re.compile(r"^(?:V/v|V/V|v/v)\b")
# A unit printed under its parent in the header: "UBND TỈNH LÀO CAI | SỞ CÔNG THƯƠNG",
# "BỘ CÔNG THƯƠNG | CỤC HÓA CHẤT", "TỈNH ỦY KIÊN GIANG | BAN TUYÊN GIÁO".
UNIT_HEAD = re.compile(
    r"(?<!ỦY)(?<!UỶ)(?<!UBMTTQ)\s(?=(?:SỞ|CỤC|CHI CỤC|TỔNG CỤC|BAN|VĂN PHÒNG|PHÒNG|TRUNG TÂM|CÔNG AN|VỤ|VIỆN|THANH TRA|"
    r"BỘ CHỈ HUY|ĐÀI|BÁO|TRƯỜNG|KHO BẠC|BẢO HIỂM)\s)"
)


NAMED_WITH_PARENT = re.compile(r"(?:TỈNH|THÀNH|HUYỆN|QUẬN|THỊ)\s+ỦY\b|CÔNG\s+AN\b|ĐẢNG\s+ỦY\b")


def _issuer(caps: str) -> str:
    """Return the issuing unit of a header's issuer lines, in running-text case.

    A unit printed under its parent is the issuer; the parent only says where."""
    cuts = [m.end() for m in UNIT_HEAD.finditer(caps) if m.start() > 0]
    if not cuts:
        return proper_case(caps)
    parent, unit = caps[: cuts[-1]].strip(), proper_case(caps[cuts[-1] :].strip())
    # A Party committee's or a police force's units are named with it:
    # "Ban Tuyên giáo Tỉnh ủy Kiên Giang", "Phòng Tham mưu Công an tỉnh Nghệ An".
    if NAMED_WITH_PARENT.match(parent):
        return "%s %s" % (unit, proper_case(parent))
    return unit


def _province_in(text: str) -> str | None:
    places = provinces()
    words = text.replace(",", " ").split()
    for n in (4, 3, 2, 1):
        for i in range(len(words) - n + 1):
            found = places.find(" ".join(words[i : i + n]))
            if found and (i == 0 or fold(words[i - 1]) in ("tỉnh", "phố", "thành", "tp.", "tp")):
                return found
    return None


# Issuers whose jurisdiction is a province: its committees, councils, departments, police.
LOCAL_ISSUER = re.compile(r"(?i)ủy ban|uỷ ban|hội đồng|tỉnh ủy|thành ủy|sở|công an|ban thường vụ")
# "tỉnh Kiên Giang", "thành phố Cần Thơ", "TP. Hồ Chí Minh": a province named in running text.
PROVINCE_MENTION = re.compile(r"(?:tỉnh|Tỉnh|thành phố|Thành phố|TP\.?)\s+((?:[A-ZĐÀ-Ỹ][\wà-ỹ]*\s?){1,4})")


def province_named_most(text: str) -> str | None:
    """Return the province a text without a header names most ("trên địa bàn tỉnh Bình Phước").

    Plans scraped without their header still say where they apply; a single
    mention or a clear majority decides, a tie decides nothing."""
    counts: dict[str, int] = {}
    places = provinces()
    for m in PROVINCE_MENTION.finditer(text[:60000]):
        words = m.group(1).split()
        for n in range(min(4, len(words)), 0, -1):
            found = places.find(" ".join(words[:n]))
            if found:
                counts[found] = counts.get(found, 0) + 1
                break
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return None
    return ranked[0][0]


def _iso(d: str, m: str, y: str) -> str | None:
    day, month, year = int(d), int(m), int(y)
    if 1 <= day <= 31 and 1 <= month <= 12 and 1945 <= year <= 2100:
        return "%04d-%02d-%02d" % (year, month, day)
    return None


def _name(line: str) -> str | None:
    """Return `line` when it reads as a person's name ("Nguyễn Lưu Trung")."""
    line = line.strip(" .;,*")
    words = line.split()
    if len(words) >= 4 and len(words) % 2 == 0 and words[: len(words) // 2] == words[len(words) // 2 :]:
        words = words[: len(words) // 2]  # a name printed twice (stamp and typed)
    if not 2 <= len(words) <= 5 or _is_caps(line):
        return None
    for w in words:
        if not (w[0].isupper() and (len(w) == 1 or w[1:].replace("'", "").replace("’", "").islower())):
            return None
        if not w.replace("'", "").replace("’", "").isalpha():
            return None
    if fold(words[0]) in BODY_WORDS or words[0] not in SURNAMES and len(words) < 3:
        return None
    return " ".join(words)


def parse_signature(lines: list[str]) -> tuple[str | None, str | None]:
    """Return (signer, capacity) from the document's closing lines.

    Tries each capacity line ("KT. CHỦ TỊCH", "BỘ TRƯỞNG") or "Nơi nhận" from
    the end: forms and annexes after the signature have none with a name under."""
    unsigned: str | None = None  # the capacity of a block with no name under it (a draft)
    for anchor in range(len(lines) - 1, -1, -1):
        if lines[anchor][:1] not in SIGNATURE_OR_BLANK:
            continue
        line = lines[anchor].strip()
        if not (CAPACITY.match(line) or RECIPIENTS.match(line)):
            continue
        capacity_lines: list[str] = []
        for i in range(anchor, min(anchor + 30, len(lines))):
            nxt = lines[i].strip()
            if CAPACITY.match(nxt):
                capacity_lines.append(nxt)
                continue
            if not nxt or nxt.startswith(("-", "+", "•", "[", "(")) or RECIPIENTS.match(nxt):
                continue
            name = _name(nxt)
            if name:
                return name, " / ".join(capacity_lines) or None
            if capacity_lines and i - anchor > 6:
                break
        if capacity_lines and unsigned is None:
            unsigned = " / ".join(capacity_lines)
    return None, unsigned


def _recipients(lines: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for i, line in enumerate(lines):
        if line[:1] not in RECIPIENTS_INITIALS:
            continue
        m = RECIPIENTS.match(line)
        if not m or not fold(line).startswith("nơi nhận"):
            continue
        chunk = [m.group("rest")] if m.group("rest") else []
        for nxt in lines[i + 1 : i + 60]:
            if not nxt.strip():
                continue  # "Nơi nhận:" and its list are often a blank line apart
            if not nxt.startswith(("-", "+", "•")):
                break
            chunk.append(nxt)
        for item in chunk:
            for part in item.lstrip("-+• ").split(";"):
                part = part.strip(" .;,")
                if part and not fold(part).startswith("lưu"):
                    out.append(part)
    return tuple(out)


def parse_header(text: str, metadata: Mapping[str, str] | None = None) -> Header:
    """Return the identity stated by `text`, filled from `metadata` where the text is silent."""
    metadata = metadata or {}
    lines = text.split("\n")

    issuer_lines: list[str] = []
    number = place = issued = doc_type = title = None
    draft_symbol: str | None = None
    body_line = 0
    type_line = None
    for i, line in enumerate(lines[:HEADER_LINES]):
        stripped = line.strip()
        if not stripped:
            continue
        if doc_type is None and number is None and issued is None:
            # Lines before the motto, in capitals, name the issuer.
            motto = MOTTO.search(stripped)
            left = stripped[: motto.start()].strip(" _-|") if motto else stripped
            if (left and _is_caps(left) and not _type_heading(left) and len(left) < 90
                    and not NUMBER_LINE.search(left)):
                issuer_lines.append(left)
        if number is None:
            m = NUMBER_LINE.search(stripped)
            if m and (i < 15 or type_line is None):
                number = clean_symbol(m.group("num"), m.group("sym"))
                if number is None:
                    number = ""  # a draft: the symbol is printed, the number left blank
                    draft_symbol = clean_symbol("0", m.group("sym"))
        if place is None:
            m = DATE_LINE.search(stripped)
            if m and i < 25:
                chunk = m.group("place")
                chunk = NUMBER_LINE.sub("", chunk)
                chunk = MOTTO.sub("", chunk).strip(" _-|")
                place = chunk if 1 <= len(chunk.split()) <= 6 and chunk[:1].isupper() else None
                if m.group("y"):
                    issued = _iso(m.group("d"), m.group("m"), m.group("y"))
                elif m.group("y2"):
                    issued = _iso(m.group("d2"), m.group("m2"), m.group("y2"))
        if type_line is None:
            heading = _type_heading(stripped)
            if heading:
                doc_type, rest = heading
                type_line = i
                # The title (trích yếu) is the block under the heading, unless
                # the heading line already carries it.
                title, body_line = (rest or None), i + 1
                if not rest:
                    for j in range(i + 1, min(i + 4, len(lines))):
                        nxt = lines[j].strip()
                        if not nxt:
                            continue
                        if not (ENACTING.match(nxt) or BODY_OPENING.match(nxt) or len(nxt) > 400):
                            title, body_line = nxt, j + 1
                        break
                break

    # A consolidated text (văn bản hợp nhất) prints its own number, date and
    # signer in a closing "XÁC NHẬN VĂN BẢN HỢP NHẤT" block; the header above
    # belongs to the document it consolidates.
    for i, line in enumerate(lines):
        # Only a line starting with "X" or "x" (after blanks) can match: most are not stripped and tried.
        if line[:1] not in CONSOLIDATION_OR_BLANK:
            continue
        if CONSOLIDATION.match(line.strip()):
            doc_type, number, issued = "Văn bản hợp nhất", None, None
            window = lines[max(0, i - 8) : i + 8]
            for near in window:
                m = NUMBER_LINE.search(near)
                if m and number is None:
                    number = clean_symbol(m.group("num"), m.group("sym"))
                m = DATE_LINE.search(near.strip())
                if m and issued is None and m.group("y"):
                    place, issued = m.group("place"), _iso(m.group("d"), m.group("m"), m.group("y"))
            caps = [ln.strip() for ln in lines[max(0, i - 8) : i] if _is_caps(ln) and not NUMBER_LINE.search(ln)]
            issuer_lines = caps[-1:] or issuer_lines
            break

    # A news summary states type and signer in its first sentence.
    first = lines[0] if lines else ""
    if doc_type is None:
        words = first.split()
        for n in (3, 2, 1):
            name = doc_types().names.get(fold(" ".join(words[:n])))
            if name and len(words) > n:
                doc_type = name
                break
    signer, capacity = parse_signature(lines)
    if signer is None:
        m = SUMMARY_SIGNER.search(first)
        if m:
            signer, capacity = m.group("name"), m.group("title")

    number = number or None
    if number is None and metadata.get("number"):
        number = metadata["number"]
    if doc_type is None:
        doc_type = type_from_symbol(number or draft_symbol)
    if doc_type is None and any(CORRESPONDENCE.match(ln) for ln in lines[:HEADER_LINES]):
        doc_type = "Công văn"  # an official letter has no type heading, but a "V/v" line
    if doc_type is None:
        doc_type = metadata.get("doc_type")
    if issued is None and metadata.get("issued_date"):
        m = re.match(r"(\d{1,2})/(\d{1,2})/(\d{4})$", metadata["issued_date"])
        if m:
            issued = _iso(*m.groups())
    signer = signer or metadata.get("signer")

    # The gazette prints the issuer twice (section list and header block).
    issuer_lines = [ln for i, ln in enumerate(issuer_lines) if i == 0 or fold(ln) != fold(issuer_lines[i - 1])]
    issuer = _issuer(" ".join(issuer_lines[-2:])) if issuer_lines else metadata.get("issuer")
    province = _province_in(" ".join(issuer_lines)) if issuer_lines else None
    if province is None and issuer and not issuer_lines:
        province = _province_in(issuer)
    local = issuer is None or bool(LOCAL_ISSUER.search(issuer))
    if province is None and place and local:
        province = provinces().find(place)
    if province is None and local:
        province = province_named_most(text)

    identity = Identity(
        doc_type=doc_type,
        number=number,
        issuer=issuer,
        place=place,
        issued_date=issued,
        title=title,
        signer=signer,
        signer_title=capacity,
        recipients=_recipients(lines),
        province=province,
    )
    # The offset of line `body_line` (one of the first few): its lines and their newlines before it.
    start = sum(map(len, lines[:body_line])) + body_line if body_line < len(lines) else 0
    return Header(identity=identity, body_start=start)
