"""The DOCX reader on real files: what each must give, one row per file and claim."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from pipeline.document import load
from pipeline.ingest import docx as docx_reader

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = "corpus/dev/skill-sct__"
# Drawing anchors print their position as EMU numbers ("488950" then "444500"
# in the same anchor): a naive XML dump glues them into "488950444500".
POS_OFFSET = re.compile(r"<wp:posOffset>(\d+)</wp:posOffset>")


def lines_of(path: Path) -> list[str]:
    """Return the non-blank lines the reader gives, spaces folded."""
    return [" ".join(ln.split()) for ln in docx_reader.read(path).text.split("\n") if ln.strip()]


def resolve(name: str, request: pytest.FixtureRequest) -> Path:
    """Return the file `name`: under ../shared (the test skips without it) or a committed fixture."""
    if name.startswith("corpus/"):
        return request.getfixturevalue("shared") / name
    return FIXTURES / name


# (file, lines that must each stand alone, in this order)
HEADER_LINES = [
    (DEV + "CT-07-2012-TTg-chan-chinh-KKT-KCN-CCN.docx",
     ["THỦ TƯỚNG CHÍNH PHỦ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
      "Số: 07/CT-TTg", "Hà Nội, ngày 02 tháng 03 năm 2012", "CHỈ THỊ"]),
    (DEV + "CV-597-HC-QLHC-CucHoaChat.docx",
     ["BỘ CÔNG THƯƠNG", "CỤC HÓA CHẤT", "Số: 597/HC-QLHC", "Hà Nội, ngày 27 tháng 3 năm 2026",
      "Kính gửi: Sở Công Thương tỉnh Quảng Ngãi"]),
    # An unsigned draft: the number and the day are left blank.
    (DEV + "KH-2242_23.4.2026_Kiem-tra-cap-GCN-28-don-vi.docx",
     ["UBND TỈNH LÀO CAI", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: /KH-SCT",
      "Lào Cai, ngày tháng 4 năm 2026", "KẾ HOẠCH"]),
    (DEV + "TB-1894_9.4.2026_Ket-qua-sau-kiem-tra-chap-hanh.docx",
     ["SỞ CÔNG THƯƠNG", "Số: /TB-SCT", "Lào Cai, ngày tháng 4năm 2026", "THÔNG BÁO"]),
    # The signature block: the recipients (left cell), then capacity and name (right cell).
    (DEV + "CV-UBND-KT_giao-SCT-tham-muu-uy-quyen_truoc-15.9.2025.docx",
     ["Nơi nhận:", "- Như trên;", "- Lưu: VT, KT(Nho).", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Thành Sinh"]),
    ("seeds/001_f62151131d3ca04f.docx",
     ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 104/KH-UBND",
      "Nghệ An, ngày 07 tháng 02 năm 2024", "KẾ HOẠCH", "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN"]),
]


@pytest.mark.parametrize("name,expected", HEADER_LINES, ids=[Path(n).stem[:40] for n, _ in HEADER_LINES])
def test_blocks_stand_on_their_own_lines(name: str, expected: list[str], request: pytest.FixtureRequest) -> None:
    lines = lines_of(resolve(name, request))
    positions = [lines.index(want) for want in expected]  # ValueError names the line that is missing
    assert positions == sorted(positions)


# (file, doc_type, number, issued_date, signer) as pipeline.document.load reads them
IDENTITIES = [
    (DEV + "CT-07-2012-TTg-chan-chinh-KKT-KCN-CCN.docx", "Chỉ thị", "07/CT-TTg", "2012-03-02", "Nguyễn Tấn Dũng"),
    (DEV + "CV-597-HC-QLHC-CucHoaChat.docx", "Công văn", "597/HC-QLHC", "2026-03-27", "Vương Thành Chung"),
    (DEV + "QD-uy-quyen-VLNCN_du-thao-trinh-TTr-2205_ban-hanh-QD-1883-UBND-6.11.2025.docx",
     "Quyết định", None, None, "Nguyễn Thành Sinh"),
]


@pytest.mark.parametrize("name,doc_type,number,issued,signer", IDENTITIES,
                         ids=[Path(row[0]).stem[:40] for row in IDENTITIES])
def test_identity_from_docx(name: str, doc_type: str, number: str | None, issued: str | None, signer: str,
                            request: pytest.FixtureRequest) -> None:
    ident = load(resolve(name, request)).identity
    assert (ident.doc_type, ident.number, ident.issued_date, ident.signer) == (doc_type, number, issued, signer)


def dev_docx() -> list[str]:
    return sorted(DEV + p.name.split("__", 1)[1] for p in (SHARED / "corpus/dev").glob("*.docx")) or [
        DEV + "CT-07-2012-TTg-chan-chinh-KKT-KCN-CCN.docx"]


@pytest.mark.parametrize("name", dev_docx() + ["seeds/001_f62151131d3ca04f.docx", "good/layout.docx"])
def test_no_anchor_offsets_leak(name: str, request: pytest.FixtureRequest) -> None:
    path = resolve(name, request)
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    offsets = {o for o in POS_OFFSET.findall(xml) if len(o) >= 4}
    raw = docx_reader.read(path)
    assert raw.reader == "docx"
    numbers = re.findall(r"\d{4,}", raw.text)
    assert not [n for n in numbers if any(o in n for o in offsets)]


def test_footnotes_are_appended_and_numbered(shared: Path) -> None:
    raw = docx_reader.read(shared / (DEV + "BC-UBND-QLNN-khoang-san-nam-2025.docx"))
    refs = re.findall(r"⁽([⁰¹²³⁴⁵⁶⁷⁸⁹]+)⁾", raw.text)
    assert len(refs) == 12 == len(set(refs))
    tail = raw.text.split("\n\n")
    notes = [p for p in tail if re.match(r"^[¹²³⁴⁵⁶⁷⁸⁹⁰]+ ", p)]
    assert [n.split()[0] for n in notes] == ["¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹", "¹⁰", "¹¹", "¹²"]
    assert notes[0].startswith("¹ Văn bản số 206/UBND-KT ngày 12/7/2025")
    assert raw.text.rstrip().endswith(notes[-1])


def test_seed_footnote_is_a_real_word_footnote() -> None:
    path = FIXTURES / "seeds/000_e28ace9101c1670a.docx"
    assert b"footnoteReference" in zipfile.ZipFile(path).read("word/document.xml")
    doc = load(path)
    assert doc.text.count("⁽¹⁾") == 1
    notes = [doc.text[p.start : p.end] for p in doc.paragraphs if p.kind == "footnote"]
    assert len(notes) == 1 and notes[0].startswith("¹ Nghị quyết số 12-NQ/TW, ngày 16/3/2022")
    assert doc.text.rstrip().endswith(notes[0])


# What a naive reader gets wrong on the layout fixture, and what must come out.
LAYOUT_CLAIMS = [
    ("text box read once, not again through its VML fallback", lambda t: t.count("DỰ THẢO") == 1),
    ("cell merged over two rows read once", lambda t: t.count("ỦY BAN NHÂN DÂN TỈNH LÀO CAI") == 1),
    ("cell merged over two columns read once", lambda t: t.count("KẾ HOẠCH") == 1),
    ("nested table: each cell on its own line",
     lambda t: "\nChủ trì: Sở Công Thương\n" in t and "\nPhối hợp: Công an tỉnh" in t),
    ("hidden text left out", lambda t: "ghi chú ẩn" not in t),
    ("deleted revision left out, inserted one kept", lambda t: "06/2007/QH12" not in t and "69/2025/QH15" in t),
    ("field result kept, field code left out", lambda t: "Trang 1" in t and "PAGE" not in t),
]


@pytest.mark.parametrize("claim,check", LAYOUT_CLAIMS, ids=[c for c, _ in LAYOUT_CLAIMS])
def test_layout_fixture(claim: str, check) -> None:
    text = docx_reader.read(FIXTURES / "good/layout.docx").text
    assert check(text), claim


def test_paragraphs_are_separated_by_blank_lines() -> None:
    # A Word paragraph is a block: "2. Chỉ tiêu" must not be glued to the paragraph under it.
    text = docx_reader.read(FIXTURES / "seeds/000_e28ace9101c1670a.docx").text
    assert "\n\n2. Chỉ tiêu\n\nTừ năm 2023" in text
    doc = load(FIXTURES / "seeds/000_e28ace9101c1670a.docx")
    assert "2. Chỉ tiêu" in [doc.text[p.start : p.end] for p in doc.paragraphs]


def test_binary_word_named_docx_goes_to_libreoffice(shared: Path, tmp_path: Path) -> None:
    import shutil

    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice is not installed")
    path = tmp_path / "thong-tu-15.docx"
    shutil.copy(shared / "corpus/dev/skill-sct__TT-15-2026-BCT-text.doc", path)
    raw = docx_reader.read(path)
    assert raw.reader == "doc/libreoffice"
    assert any(".doc" in note for note in raw.notes)
    assert "15/2026/TT-BCT" in raw.text
