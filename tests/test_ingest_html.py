"""A saved portal page (HTML): the document only, the portal's attribute table as metadata."""

from __future__ import annotations

from pathlib import Path

from pipeline.document import load

FIXTURE = Path(__file__).parent / "fixtures" / "good" / "portal-104-KH-UBND.html"
SEED = Path(__file__).resolve().parent.parent / "corpus" / "001_f62151131d3ca04f.txt"


def test_portal_page_gives_the_document_identity() -> None:
    doc = load(FIXTURE)
    ident = doc.identity
    assert (ident.doc_type, ident.number, ident.issued_date, ident.place) == (
        "Kế hoạch", "104/KH-UBND", "2024-02-07", "Nghệ An")
    # The page's body stops before the signature's name: the attribute table supplies it.
    assert ident.signer == "Lê Hồng Vinh" and doc.metadata["signer"] == "Lê Hồng Vinh"


def test_menus_buttons_scripts_and_related_documents_are_not_text() -> None:
    text = load(FIXTURE).text
    for chrome in ("Tải về", "Đăng nhập", "Báo lỗi", "VB liên quan", "dataLayer", "display: flex",
                   "Văn bản liên quan", "Ban hành: 22/01/2019", "Tìm kiếm"):
        assert chrome not in text, chrome
    assert text.startswith("ỦY BAN NHÂN DÂN")


def test_same_body_as_the_saved_text_page() -> None:
    html, txt = load(FIXTURE), load(SEED)
    words = lambda d: " ".join(d.text[d.body_start :].split())  # noqa: E731 - whitespace folding
    assert words(html) == words(txt)
