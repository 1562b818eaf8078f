"""Canonical identity of a directive: one id per real document, wherever it is cited.

A symbol alone is not an identity. A local symbol (`/KH-UBND`, `/TU`) is
reused by every province, so it belongs to the province of the citing
document unless the citation names another issuer's province. Administrative
numbers (`06/QĐ-TTg`) restart every year and Party numbers (`09-CT/TW`) every
term, so their date decides which document is meant. Normative symbols
(`124/2021/TT-BCA`) carry their year and are national: one directive
everywhere.
"""

from __future__ import annotations

import re
from datetime import date

from extractors.reference import provinces
from extractors.spans import Citation
from pipeline.model import Document
from pipeline.normalize import fold

# Issuer codes of central State bodies (the part after the type code).
NATIONAL_STATE = re.compile(
    r"^(?:TTG|CP|QH\d*|UBTVQH\d*|VPCP|VPQH|TTCP|KTNN|NHNN|VKSNDTC|TANDTC|HĐTP|BHXH|BHXHVN|"
    r"UBDT|UBQLV|ĐHQG\w*|TLĐ\w*|TWĐTN|BCĐTW\w*|BCĐ\d+|B[A-ZĐ]{1,8}|TTLT|VBHN|MTTQ\w*|UBTƯMTTQVN|"
    r"TƯMTTQ\w*|BCĐTƯ\w*|TW\w*)$"
)
# Local State issuers: provincial committees and councils, departments, police.
LOCAL_STATE = re.compile(r"^(?:UBND|HĐND|UB|S[A-ZĐ&]{1,8}|CAT|CA\w*|BCĐ|BQL\w*|VP\w*|BCH\w*|BTV\w*|LĐLĐ\w*)$")
# Party issuers: the Central Committee's organs end in TW, a province's in TU.
NATIONAL_PARTY = re.compile(r"TW$|TƯ$")

# Congresses open a new term; Party numbering restarts with each. Provincial
# congresses sit some months before the national one.
NATIONAL_TERMS = [date(2001, 4, 19), date(2006, 4, 18), date(2011, 1, 12), date(2016, 1, 20),
                  date(2021, 1, 25), date(2026, 1, 19)]
LOCAL_TERMS = [date(2000, 9, 1), date(2005, 9, 1), date(2010, 9, 1), date(2015, 9, 1),
               date(2020, 9, 1), date(2025, 9, 1)]


def number_key(number: str) -> str:
    """Fold a number and symbol for matching: case, spaces, dashes and Đ/D (as the scorer does)."""
    key = fold(number).replace("đ", "d")
    key = re.sub(r"[\u2010-\u2015]", "-", key)
    return re.sub(r"\s+", "", key)


def scheme(number: str) -> str:
    """Return `party` (n-TYPE/ISSUER), `normative` (n/yyyy/...), or `administrative` (n/...)."""
    if re.match(r"^\d+[a-zđ]?-", number, re.I):
        return "party"
    if re.match(r"^\d+[a-z]?/\d{4}/", number, re.I):
        return "normative"
    return "administrative"


def is_national(number: str) -> bool:
    """Tell whether a symbol is issued by a central body (one directive everywhere)."""
    kind = scheme(number)
    if kind == "party":
        issuer = number.split("/", 1)[1] if "/" in number else ""
        return bool(NATIONAL_PARTY.search(issuer.upper()))
    if kind == "normative":
        return True
    parts = number.split("/", 1)[1].split("-") if "/" in number else []
    if not parts:
        return False
    # `06/QĐ-TTg`: the issuer follows the type code; `3090/UBND-NC`: no type code.
    issuer = parts[1] if len(parts) > 1 else parts[0]
    issuer = issuer.upper()
    if LOCAL_STATE.match(issuer):
        return False
    return bool(NATIONAL_STATE.match(issuer))


# Roman numbers of the Party's congresses, with the year each term began.
TERM_YEARS = {"IX": 2001, "X": 2006, "XI": 2011, "XII": 2016, "XIII": 2021, "XIV": 2026}


def term_of(iso: str | None, national: bool) -> str | None:
    """Return the numbering period an issue date falls in: a Party term, else a year."""
    if not iso:
        return None
    y, m, d = (int(x) for x in (iso + "-01-01")[:10].split("-"))
    when = date(y, m, d)
    starts = NATIONAL_TERMS if national else LOCAL_TERMS
    index = sum(1 for s in starts if s <= when)
    return "t%d" % index


def scope_of(number: str, province: str | None, unknown: str = "?") -> str:
    """Return where a symbol is unique: `vn`, or the folded province for a local symbol.

    A local symbol whose province nobody can tell gets `unknown`: the citing
    document's own scope, so it never merges with another province's document."""
    if is_national(number):
        return "vn"
    return fold(province) if province else unknown


def citation_scope_province(doc: Document, citation: Citation) -> str | None:
    """Return the province a local citation belongs to: the one its issuer names, else the citing document's."""
    if citation.issuer:
        named = _named_province(citation.issuer)
        if named:
            return named
    return doc.identity.province


def _named_province(text: str) -> str | None:
    m = re.search(r"(?:tỉnh|thành phố|TP\.?)\s+((?:[A-ZĐÀ-Ỹ][\wà-ỹ]*\s?){1,4})", text)
    return provinces().find(m.group(1).strip()) if m else None


def directive_key(number: str, scope: str) -> str:
    """Return the key of a directive before dates split reused numbers: `36-nq/tu@kien giang`."""
    return "%s@%s" % (number_key(number), scope)


def citation_directive_id(doc: Document, citation: Citation | None) -> str | None:
    """Return the provisional directive id of a numbered citation (dates are reconciled corpus-wide later)."""
    if citation is None or not citation.number:
        return None
    scope = scope_of(citation.number, citation_scope_province(doc, citation), "doc-" + doc.id[:8])
    return directive_key(citation.number, scope)


def document_directive_id(doc: Document) -> str | None:
    """Return the provisional directive id of a document's own number."""
    number = doc.identity.number
    if not number:
        return None
    return directive_key(number, scope_of(number, doc.identity.province, "doc-" + doc.id[:8]))
