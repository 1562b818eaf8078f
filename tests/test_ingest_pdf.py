"""The PDF reader on real files: what each must give, one row per file and claim."""

from __future__ import annotations

import difflib
import functools
import re
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest

from pipeline.document import build, clean_text, load
from pipeline.errors import NoTextLayer
from pipeline.ingest import pdf as pdf_reader
from pipeline.ingest.txt import decode
from pipeline.model import RawText

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = "corpus/dev/"
GAZETTE = "corpus/pdf/"
# The Official Gazette's running head, with the page number on either side.
RUNNING_HEAD = re.compile(r"CÔNG BÁO\s*/\s*Số")


def resolve(name: str, request: pytest.FixtureRequest) -> Path:
    """Return the file `name`: under ../shared (the test skips without it) or a committed fixture."""
    if name.startswith("corpus/"):
        return request.getfixturevalue("shared") / name
    return FIXTURES / name


def lines_of(text: str) -> list[str]:
    return [" ".join(ln.split()) for ln in text.split("\n") if ln.strip()]


@functools.cache
def plain_text(path: Path) -> str:
    """Return what pdfplumber's own extract_text gives: the baseline this reader improves on."""
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


@functools.cache
def read(path: Path) -> RawText:
    """Return `pdf.read(path)`, once per file and session (RawText is frozen)."""
    return pdf_reader.read(path)


def words(text: str) -> list[str]:
    return clean_text(text)[0].split()


# (file, lines that must each stand alone, in this order): the two columns of the
# header and closing blocks read one after the other, never interleaved.
BLOCKS = [
    (DEV + "phapluat-8chude__quyet-dinh-so-892-qd-ttg-469579.pdf",
     ["THỦ TƯỚNG CHÍNH PHỦ", "Số: 892/QĐ-TTg", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc", "Hà Nội, ngày 20 tháng 5 năm 2026", "QUYẾT ĐỊNH"]),
    (DEV + "phapluat-8chude__nghi-quyet-so-97-nq-cp-469324.pdf",
     ["CHÍNH PHỦ", "Số: 97/NQ-CP", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Hà Nội, ngày 06 tháng 4 năm 2026",
      "NGHỊ QUYẾT"]),
    (DEV + "skill-sct__QD-1074-QD-BXD-29-6-2026.pdf",
     ["BỘ XÂY DỰNG", "Số: 1074/QĐ-BXD", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Hà Nội, ngày 29 tháng 6 năm 2026",
      "Nơi nhận:", "- Như Điều 3;", "- Lưu: VT, Vụ KHCNMT&VLXD(Hiển).", "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG",
      "Phạm Minh Hà"]),
    # A draft: number and day left blank, the trích yếu under the number in the left column.
    (DEV + "skill-sct__1178-DCK-CTT-huong-dan-CCN-dia-gioi-moi.pdf",
     ["BỘ CÔNG THƯƠNG", "Số: /ĐCK-CTT", "CỘNG HÕA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Hà Nội, ngày tháng 7 năm 2025",
      "Nơi nhận:", "- Như trên;", "- Lưu: VT, CTT. Phunt.", "KT. CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG",
      "Nguyễn Văn Thịnh"]),
    (GAZETTE + "thong-tu-so-05-2023-tt-bldtbxh-39591.pdf",
     ["BỘ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI", "Số: 05/2023/TT-BLĐTBXH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Hà Nội, ngày 15 tháng 6 năm 2023", "THÔNG TƯ"]),
    ("seeds/001_f62151131d3ca04f.pdf",
     ["ỦY BAN NHÂN DÂN", "Số: 104/KH-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Nghệ An, ngày 07 tháng 02 năm 2024", "KẾ HOẠCH", "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN"]),
    # A signature with no capacity line: the bare name beside the list, lower down.
    ("seeds/004_56db1945dd7872e2.pdf",
     ["Kiên Giang, ngày 01 tháng 4 năm 2021", "CHỈ THỊ", "Nơi nhận:", "- Lưu: VT, CA tỉnh, hylu.", "Lâm Minh Thành"]),
]


@pytest.mark.parametrize("name,expected", BLOCKS, ids=[Path(n).stem[:40] for n, _ in BLOCKS])
def test_columns_read_one_after_the_other(name: str, expected: list[str], request: pytest.FixtureRequest) -> None:
    lines = lines_of(read(resolve(name, request)).text)
    positions = [lines.index(want) for want in expected]  # ValueError names the line that is missing
    assert positions == sorted(positions)


def test_plain_extraction_interleaves_the_header(shared: Path) -> None:
    # What the column reading is for: pdfplumber alone puts both columns on one line.
    plain = lines_of(plain_text(shared / BLOCKS[0][0]))
    assert "Số: 892/QĐ-TTg Hà Nội, ngày 20 tháng 5 năm 2026" in plain


# (file, doc_type, number, issued_date, signer) as pipeline.document.load reads them
IDENTITIES = [
    (DEV + "phapluat-8chude__quyet-dinh-so-892-qd-ttg-469579.pdf", "Quyết định", "892/QĐ-TTg", "2026-05-20",
     "Phạm Thị Thanh Trà"),
    (DEV + "skill-sct__QD-1074-QD-BXD-29-6-2026.pdf", "Quyết định", "1074/QĐ-BXD", "2026-06-29", "Phạm Minh Hà"),
    (GAZETTE + "thong-tu-so-05-2023-tt-bldtbxh-39591.pdf", "Thông tư", "05/2023/TT-BLĐTBXH", "2023-06-15",
     "Lê Tấn Dũng"),
    ("seeds/001_f62151131d3ca04f.pdf", "Kế hoạch", "104/KH-UBND", "2024-02-07", None),
]


@pytest.mark.parametrize("name,doc_type,number,issued,signer", IDENTITIES,
                         ids=[Path(row[0]).stem[:40] for row in IDENTITIES])
def test_identity_from_pdf(name: str, doc_type: str, number: str, issued: str, signer: str | None,
                           request: pytest.FixtureRequest) -> None:
    path = resolve(name, request)
    ident = build(read(path), str(path), "test").identity
    assert (ident.doc_type, ident.number, ident.issued_date, ident.signer) == (doc_type, number, issued, signer)


FURNITURE = [
    DEV + "phapluat-8chude__quyet-dinh-so-892-qd-ttg-469579.pdf",
    DEV + "phapluat-8chude__nghi-quyet-so-97-nq-cp-469324.pdf",
    GAZETTE + "van-ban-hop-nhat-so-40-vbhn-bct-469651.pdf",
    GAZETTE + "quyet-dinh-so-333-qd-btc-469000.pdf",
]


@pytest.mark.parametrize("name", FURNITURE, ids=[Path(n).stem[:40] for n in FURNITURE])
def test_running_heads_and_page_numbers_dropped(name: str, request: pytest.FixtureRequest) -> None:
    path = resolve(name, request)
    plain = lines_of(plain_text(path))
    heads = [ln for ln in plain if RUNNING_HEAD.search(ln)]
    assert heads  # the file does print them, each with its page number
    page_numbers = {n for ln in heads for n in re.findall(r"^(\d{1,4}) |(?<=\d) (\d{1,4})$", ln) for n in n if n}
    text = read(path).text
    assert not RUNNING_HEAD.search(text)
    assert page_numbers and not page_numbers & set(lines_of(text))


def test_fake_bold_printed_once() -> None:
    path = FIXTURES / "good/fakebold.pdf"
    assert "CCHHỈỈ TTHHỊỊ" in plain_text(path)  # every glyph is there twice
    raw = read(path)
    assert "CHỈ THỊ" in lines_of(raw.text)
    original = words(read(FIXTURES / "seeds/004_56db1945dd7872e2.pdf").text)
    ours = words(raw.text)
    assert ours == original[: len(ours)]


def test_footnotes_move_to_the_end() -> None:
    doc = load(FIXTURES / "seeds/000_e28ace9101c1670a.pdf")
    assert doc.text.count("⁽¹⁾") == 1
    assert "văn hóa, con người Việt Nam...⁽¹⁾. Xác định" in " ".join(doc.text.split())
    notes = [doc.text[p.start : p.end] for p in doc.paragraphs if p.kind == "footnote"]
    assert notes and notes[0].startswith("¹ Nghị quyết số 12-NQ/TW, ngày 16/3/2022")
    assert doc.paragraphs[-2].kind == "footnote" or doc.paragraphs[-1].kind == "footnote"


def test_gazette_footnote_moves_to_the_end(shared: Path) -> None:
    text = read(shared / (GAZETTE + "van-ban-hop-nhat-so-40-vbhn-bct-469651.pdf")).text
    assert "thuộc phạm vi quản lý của Bộ Công Thương.⁽¹⁾" in text
    tail = text[text.index("\n¹ "):]
    assert tail.startswith("\n¹ Thông tư số 26/2026/TT-BCT sửa đổi, bổ sung")


def test_rotated_table_reads_forwards(shared: Path) -> None:
    path = shared / (GAZETTE + "quyet-dinh-so-135-qd-bldtbxh-41357.pdf")
    assert "ỏb iãb cợưĐ" in " ".join(plain_text(path).split())  # pdfplumber alone reads it backwards
    text = " ".join(clean_text(read(path).text)[0].split())
    assert "DANH MỤC VĂN BẢN QUY PHẠM PHÁP LUẬT HẾT HIỆU LỰC TOÀN BỘ HOẶC MỘT PHẦN" in text
    assert "Được bãi bỏ bởi Nghị định số 110/2022/NĐ-CP ngày 30/12/2022" in text


def test_table_cells_read_whole(shared: Path) -> None:
    path = shared / (GAZETTE + "thong-tu-so-05-2023-tt-bldtbxh-39591.pdf")
    cell = "Khoa học giáo dục và đào tạo giáo viên"
    assert cell not in " ".join(plain_text(path).split())  # row by row, the cell is cut in two
    assert cell in " ".join(read(path).text.split())


def test_font_that_maps_u_horn_to_oi_is_corrected(shared: Path) -> None:
    raw = read(shared / (DEV + "skill-sct__1178-DCK-CTT-huong-dan-CCN-dia-gioi-moi.pdf"))
    assert "ƣ" not in raw.text and "Sở Công Thương tỉnh Lào Cai" in raw.text
    assert any("ƣ" in note for note in raw.notes)


def test_pypdfium2_reads_the_same_words() -> None:
    # The fallback extractor on a file both can read: the same text, in content order.
    path = FIXTURES / "seeds/002_26c2e1b7f974e827.pdf"
    ours, fallback = words(read(path).text), words(pdf_reader.read_with_pdfium(path).text)
    assert pdf_reader.read_with_pdfium(path).reader == "pdf/pypdfium2"
    assert difflib.SequenceMatcher(None, ours, fallback, autojunk=False).ratio() > 0.99


UNREADABLE = [
    (DEV + "skill-sct__3036_SCT_CN_KHKTNT_Kho_VLCN_tam_Thuydien_MongSen1_3.6.2026.pdf", "(cid:N)"),
    (DEV + "skill-sct__CV-813-CucHoaChat.pdf", "a scan"),
    (DEV + "skill-sct__CV-2265-BCT-ATMT-trien-khai.pdf", "a scan"),
]


@pytest.mark.parametrize("name,why", UNREADABLE, ids=[Path(n).stem[:40] for n, _ in UNREADABLE])
def test_unreadable_text_layer(name: str, why: str, request: pytest.FixtureRequest) -> None:
    with pytest.raises(NoTextLayer, match=re.escape(why)) as err:
        pdf_reader.read(resolve(name, request))
    assert "OCR" in str(err.value)


def test_unmapped_fonts_fall_back_to_pypdfium2_first(shared: Path) -> None:
    path = shared / (DEV + "skill-sct__3036_SCT_CN_KHKTNT_Kho_VLCN_tam_Thuydien_MongSen1_3.6.2026.pdf")
    assert "(cid:" in plain_text(path)
    with pytest.raises(NoTextLayer, match="pypdfium2"):
        pdf_reader.read(path)


def gazette_files() -> list[str]:
    return [GAZETTE + p.name for p in sorted((SHARED / GAZETTE).glob("*.pdf"))] or [GAZETTE + "missing.pdf"]


@pytest.mark.slow
@pytest.mark.parametrize("name", gazette_files(), ids=lambda n: Path(n).stem[:40])
def test_gazette_pdf_matches_its_text_twin(name: str, shared: Path) -> None:
    """Each of the 40 gazette PDFs against the repository's own text of it (cb__<name>.txt).

    Word-sequence similarity after clean_text; what keeps it under 1 is known:
    footnotes moved to the end and table cells in reading rather than content
    order. The same words must be there (bag-of-words F1)."""
    path = shared / name
    raw = read(path)
    twin = decode((shared / "corpus/scale" / ("cb__" + path.stem + ".txt")).read_bytes())[0]
    ours, theirs = words(raw.text), words(twin)
    assert "(cid:" not in raw.text and not RUNNING_HEAD.search(raw.text)
    assert difflib.SequenceMatcher(None, ours, theirs, autojunk=False).ratio() > 0.75
    common = sum((Counter(ours) & Counter(theirs)).values())
    assert 2 * common / (len(ours) + len(theirs)) > 0.94


def test_a_few_unmapped_symbols_are_marked_not_dumped(shared: Path) -> None:
    # Check boxes set in a symbol font without a Unicode map: too few to call the
    # text layer unreadable, and pdfminer's "(cid:133)" must not reach the text.
    path = shared / (GAZETTE + "thong-tu-so-17-2021-tt-bldtbxh-34894.pdf")
    assert "Lần đầu (cid:133) Định kỳ (cid:133)" in plain_text(path)
    raw = read(path)
    assert "(cid:" not in raw.text
    assert "Lần đầu \ufffd Định kỳ \ufffd Bất thường \ufffd" in raw.text
    assert any("U+FFFD" in note for note in raw.notes)
