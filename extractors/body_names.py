"""Canonical names of bodies: what a name found in the text is called, and where.

A parse from `extractors.body_nlp` is written out in full (`compose`):
abbreviations expanded ("UBND" -> "Ủy ban nhân dân", "Cục XDPT" -> "Cục Xây
dựng phong trào"), OCR slips and tone placement folded ("Công an tính" ->
"Công an tỉnh"), and a bare province-level name resolved to the document's
province (`Context`): "Công an tỉnh" in a Nghệ An plan is "Công an tỉnh Nghệ
An". Within a document, `unify` gives one name to one body.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from extractors.body_nlp import BodyParse
from extractors.gazetteer import COMMITTEE, FIELD, LOCAL, NAMED, OPEN, UNIT, gazetteer
from extractors.name_cache import read
from extractors.reference import provinces
from extractors.spans import BodyMention
from pipeline.casing import proper_case
from pipeline.model import Document
from pipeline.normalize import fold, fold_tones

# Local heads that stand for the issuer's own level when printed bare: "Văn
# phòng UBND (2,3C)" in a Cần Thơ decision is the city's People's Committee Office.
ISSUER_RELATIVE = {
    "Ủy ban nhân dân", "Hội đồng nhân dân", "Văn phòng Ủy ban nhân dân",
    "Văn phòng Hội đồng nhân dân", "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân",
}
# Local heads that name one body even without a jurisdiction ("Ban Thi đua -
# Khen thưởng", "Trung tâm Phục vụ hành chính công"): the document's province's.
# The others alone name a whole system ("Công an", "Mặt trận Tổ quốc") or any
# of many ("Thanh tra", "Bảo hiểm xã hội").
BARE_LOCAL = {
    "Ban Thi đua - Khen thưởng", "Ban Dân tộc", "Ban An toàn giao thông",
    "Ban Quản lý các khu công nghiệp", "Ban Quản lý khu kinh tế",
    "Trung tâm Phục vụ hành chính công", "Ban Chỉ huy Phòng thủ dân sự",
    "Bộ Chỉ huy Quân sự", "Bộ Chỉ huy Bộ đội Biên phòng", "Công ty Điện lực",
}
# Bare local heads that name one national body ("Cục Thuế" since 2025).
BARE_NATIONAL = {"Kho bạc Nhà nước", "Cục Thuế", "Cục Hải quan", "Cục Thống kê"}
# Open heads of provincial units: a bare "Trung tâm ..." or "Phòng ..." in a
# provincial document is that province's. Cục, Vụ, Viện ... are central.
PROVINCIAL_OPEN = {
    "Trung tâm", "Phòng", "Văn phòng", "Chi cục", "Báo", "Đài", "Trường", "Hội", "Đoàn",
    "Công ty", "Ban Quản lý", "Ban Chỉ đạo", "Ban Chỉ huy", "Ban Vận động", "Ban Điều hành",
    "Bệnh viện", "Hội đồng", "Quỹ",
}


@dataclass(frozen=True)
class Context:
    """What a bare name means in this document."""

    province: str | None = None
    """Jurisdiction of the issuer: "Công an tỉnh" resolves to it."""
    city: bool = False
    """Whether the province is a centrally-run city ("thành phố" is then its level)."""
    issuer_level: str | None = None
    """Level of the issuing People's Committee or Council, if one issued the document."""
    ministry: str | None = None
    """The issuing ministry ("Thanh tra Bộ" is its inspectorate)."""

    @property
    def committee(self) -> str:
        """Return the province's Party committee: "Tỉnh ủy", or "Thành ủy" in a city."""
        return "Thành ủy" if self.city else "Tỉnh ủy"


def _place_pattern() -> re.Pattern[str]:
    names = sorted(set(provinces().canonical.values()), key=len, reverse=True)
    return re.compile(r"(?:tỉnh|thành phố|Tỉnh|Thành phố|TP\.?)\s+(%s)(?!\w)" % "|".join(map(re.escape, names)))


PLACE_AFTER_LEVEL = _place_pattern()


def context(doc: Document) -> Context:
    """Return the context that resolves bare names in `doc`."""
    ident = doc.identity
    places = provinces()
    province = ident.province
    if province is None:
        # The header did not say: the province the text names most often.
        counts = Counter(m.group(1) for m in PLACE_AFTER_LEVEL.finditer(doc.text[:20000]))
        if counts:
            province = counts.most_common(1)[0][0]
    if province is not None:
        province = places.find(province) or province
    city = province in places.cities
    issuer = fold(ident.issuer or "")
    ministry: str | None = None
    level: str | None = None
    if issuer.startswith("bộ ") and " " in issuer:
        named = find_names(ident.issuer or "", Context())
        ministry = named[0].name if named else None
    elif province is not None and not issuer.startswith(("thủ tướng", "chính phủ", "bộ ", "văn phòng chính phủ")):
        level = "thành phố" if city else "tỉnh"
    return Context(province, city, level, ministry)


def _expand(text: str) -> str:
    table = gazetteer().name_abbreviations
    return _abbrev_pattern().sub(lambda m: table[m.group(1)], text)


@cache
def _abbrev_pattern() -> re.Pattern[str]:
    keys = sorted(gazetteer().name_abbreviations, key=len, reverse=True)
    return re.compile(r"(?<![\w&.])(%s)(?![\w&])" % "|".join(map(re.escape, keys)))


def _clean(text: str, upper: bool) -> str:
    """Write a printed part of a name in running-text form: tones folded, abbreviations expanded."""
    text = _expand(fold_tones(" ".join(text.split())))
    text = text.replace(" & ", " và ")  # "Cục Kiểm tra văn bản & Quản lý xử lý ..."
    text = re.sub(r"\s*([-–])\s*", r" \1 ", text).replace("–", "-")
    text = re.sub(r"\s+,", ",", text)
    if upper:
        text = text.lower()
    return text


def _place_name(place: str) -> str:
    if place.isupper():
        return " ".join(w.capitalize() for w in place.split())
    return place


# Memoised: a parse's offsets count from its own first token (`name_cache`),
# so "Sở Tài chính" is one parse wherever it is printed, composed once per context.
@lru_cache(maxsize=8192)
def compose(p: BodyParse, ctx: Context, bare_issuer: bool = False) -> tuple[str, str | None] | None:
    """Return the canonical name of a parsed name and its jurisdiction, or None if it names no one body.

    A bare "Ủy ban nhân dân" is the issuer only where `bare_issuer` says so (the
    header, the signature, the recipient list); in running text it names the
    system of People's Committees ("vai trò giám sát của Hội đồng nhân dân")."""
    places = provinces()
    if p.kind == NAMED:
        if p.head == "Trung ương":
            return None
        return p.head, None
    if p.kind == UNIT:
        if p.parent is None:
            return None
        if p.parent.head == "Bộ" and p.parent.field is None:
            return (p.head + " " + ctx.ministry, None) if ctx.ministry else None
        if p.parent.head == "Trung ương":
            return p.head + " Trung ương", None
        parent = compose(p.parent, ctx)
        if parent is None:
            return None
        return p.head + " " + parent[0], parent[1]
    words = [p.head]
    if p.field:
        field = p.field if p.kind == FIELD else _clean(p.field, p.upper)
        if p.upper and p.kind != FIELD:
            field = proper_case((p.head + " " + field).upper())[len(p.head) + 1:]
        words.append(field)
    province: str | None = None
    if p.is_class:
        words.append(_clean(p.level or "", p.upper))
        return " ".join(words), ctx.province
    if p.level:
        level = p.level
        words.append(level)
        if p.place:
            place = _place_name(p.place)
            words.append(place)
            canonical = places.find(place)
            province = canonical if canonical and level in ("tỉnh", "thành phố") else ctx.province
        elif level == "tỉnh" or (level == "thành phố" and ctx.city) or level == "cấp tỉnh":
            if level != "cấp tỉnh":
                if not ctx.province:
                    return None  # "Ủy ban nhân dân tỉnh" in a national decree: any province's
                words.append(ctx.province)
            province = ctx.province
        else:
            province = ctx.province
    elif p.place:
        place = _place_name(p.place)
        canonical = places.find(place)
        if p.kind != COMMITTEE:
            words.append(place)
        province = canonical if canonical and place not in ("Việt Nam", "Trung ương") else (
            None if place in ("Việt Nam", "Trung ương") else ctx.province)
    elif p.kind == LOCAL:
        if p.head in ISSUER_RELATIVE:
            if not (ctx.issuer_level and ctx.province) or (
                    p.head in ("Ủy ban nhân dân", "Hội đồng nhân dân") and not bare_issuer):
                return None
            words += [ctx.issuer_level, ctx.province]
        elif p.head in BARE_NATIONAL:
            return p.head, None
        elif p.head not in BARE_LOCAL:
            return None
        province = ctx.province
    elif p.kind == COMMITTEE:
        province = ctx.province
    elif p.kind == FIELD:
        if p.field is None:
            return None
        province = None if p.head == "Bộ" else ctx.province
    elif p.kind == OPEN:
        if p.field is None and p.parent is None:
            return None
        province = ctx.province if p.head in PROVINCIAL_OPEN else None
    if p.parent is not None and p.parent.head == "Bộ" and p.parent.field is None:
        if not ctx.ministry:
            return None
        words.append(ctx.ministry)  # "Đảng ủy Bộ", "Văn phòng Bộ": the issuing ministry's
    elif p.parent is not None:
        parent = compose(p.parent, ctx)
        if parent is None:
            if p.parent.head == "Trung ương":
                words.append("Trung ương")
                province = None
        else:
            words.append(parent[0])
            province = parent[1]
    name = " ".join(words)
    if "Trung ương" in name or "Việt Nam" in name:
        province = None if p.kind in (NAMED, FIELD, OPEN) and not p.level else province
    return name, province


def mention(p: BodyParse, start: int, end: int, text: str, ctx: Context, role: str,
             bare_issuer: bool = False) -> BodyMention | None:
    composed = compose(p, ctx, bare_issuer)
    if composed is None:
        return None
    name, province = composed
    return BodyMention(start, end, text, name, province, role, "class" if p.is_class else "body")


def find_names(text: str, ctx: Context, offset: int = 0, role: str = "mention",
               bare_issuer: bool = False) -> list[BodyMention]:
    """Return the bodies named in `text` (offsets shifted by `offset`), one per mention."""
    out = []
    for a, b, parse in read([text])[0]:
        m = mention(parse, offset + a, offset + b, text[a:b], ctx, role, bare_issuer)
        if m is not None:
            out.append(m)
    return out


WORD = re.compile(r"\w+")


def unify(mentions: list[BodyMention], ctx: Context) -> list[BodyMention]:
    """Give one name to mentions of one body within a document.

    "Báo và PTTH tỉnh" and "Báo và Phát thanh - Truyền hình Đắk Lắk" are one
    body; so are "Sở Tài chính tỉnh An Giang" and "Sở Tài chính" in an An
    Giang decision, and "Ban Chỉ đạo tỉnh" and the one Ban Chỉ đạo named in full."""
    prov = set(fold(ctx.province or "").split())
    filler = {"tỉnh", "thành", "phố", "và", "-", "việt", "nam"} | prov

    keys: dict[str, frozenset[str]] = {}

    def key(name: str) -> frozenset[str]:
        # Memoised: a document names the same ~30 bodies in its ~100 mentions.
        k = keys.get(name)
        if k is None:
            k = keys[name] = frozenset(WORD.findall(fold(name))) - filler
        return k

    groups: dict[frozenset[str], list[str]] = {}
    for m in mentions:
        if m.kind == "body":
            groups.setdefault(key(m.name), []).append(m.name)
    best: dict[str, str] = {}
    for names in groups.values():
        # In the order of first mention, not a set's: of two spellings as long
        # ("Chứng khoán", "chứng khoán") the first printed wins, the same in every
        # process (a set's order changed with PYTHONHASHSEED, so did the name).
        distinct = sorted(dict.fromkeys(names), key=lambda n: (
            not (ctx.province and n.endswith(" " + ctx.province) and not n.endswith("tỉnh " + ctx.province)
                 and not n.endswith("thành phố " + ctx.province)), len(n)))
        for n in distinct:
            best[n] = distinct[0]
    # A bare descriptive head ("Ban Chỉ đạo tỉnh") and the one such body named
    # in full, perhaps as a class ("Ban Chỉ đạo phòng, chống tội phạm ... các cấp").
    full_names = {m.name for m in mentions}
    for n in list(best):
        words = key(n)
        for head in ("Ban Chỉ đạo", "Ban Quản lý", "Ban Vận động", "Ban Chỉ huy"):
            if words != key(head):
                continue
            fuller = {best.get(o, o) for o in full_names if o.startswith(head + " ") and key(o) > words}
            if len(fuller) == 1:
                full = fuller.pop()
                if full.endswith(" các cấp"):
                    full = full[: -len(" các cấp")] + n[len(head):]
                best[n] = full
    # A new frozen dataclass only for a mention renamed.
    return [m if best.get(m.name, m.name) == m.name else replace(m, name=best[m.name]) for m in mentions]
