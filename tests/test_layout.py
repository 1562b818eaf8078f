"""Document identity from header and signature blocks: real headers and what they state."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.document import from_text, load

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

# (header text as the readers give it, expected identity fields)
HEADERS = [
    # A provincial plan: issuer, then the motto, number, place and date, type, title.
    ("ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
     "Số: 471/QĐ-UBND\n\nBắc Ninh, ngày 28 tháng 11 năm 2025\n\nQUYẾT ĐỊNH\n\nVỀ VIỆC PHÊ DUYỆT DANH MỤC ĐỊA ĐIỂM\n\n"
     "ỦY BAN NHÂN DÂN TỈNH BẮC NINH\n\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;\n",
     {"doc_type": "Quyết định", "number": "471/QĐ-UBND", "issued_date": "2025-11-28", "place": "Bắc Ninh",
      "issuer": "Ủy ban nhân dân tỉnh Bắc Ninh", "province": "Bắc Ninh",
      "title": "VỀ VIỆC PHÊ DUYỆT DANH MỤC ĐỊA ĐIỂM"}),
    # A Party decision: "Số" without colon, the Party's name in place of the motto.
    ("BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nĐẢNG CỘNG SẢN VIỆT NAM\n\nSố 384-QĐ/TW\n\nHà Nội, ngày 19 tháng 11 năm 2025\n\n"
     "QUY ĐỊNH\n\nVỀ KẾT NỐI, CHIA SẺ DỮ LIỆU GIỮA CÁC CƠ QUAN ĐẢNG\n\n- Căn cứ Điều lệ Đảng;\n",
     {"doc_type": "Quy định", "number": "384-QĐ/TW", "issued_date": "2025-11-19",
      "issuer": "Ban Chấp hành Trung ương", "province": None}),
    # The gazette: issuer printed twice, header lines broken.
    ("THỦ TƯỚNG CHÍNH PHỦ\n\nTHỦ TƯỚNG CHÍNH PHỦ\n\nSố: 28/2021/QĐ-TTg\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
     "Độc lập - Tự do - Hạnh phúc\n\nHà Nội, ngày 01 tháng 10 năm 2021\n\nQUYẾT ĐỊNH\nQuy định về việc thực hiện chính sách\n"
     "hỗ trợ người lao động\n\nCăn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\n",
     {"doc_type": "Quyết định", "number": "28/2021/QĐ-TTg", "issued_date": "2021-10-01",
      "issuer": "Thủ tướng Chính phủ", "title": "Quy định về việc thực hiện chính sách hỗ trợ người lao động",
      "province": None}),
    # OCR: "II" for 11, "QUYÉT" for QUYẾT, two columns on one line.
    ("ỦY BAN NHÂN DÂN _ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nTỈNH LÀO CAI Độc lập - Tự do - Hạnh phúc\n"
     "Số: II /2026/QĐ-UBND Lào Cai, ngày 29 tháng 01 năm 2026\nQUYÉT ĐỊNH\n\nBan hành Quy định một số nội dung\n",
     {"doc_type": "Quyết định", "number": "11/2026/QĐ-UBND", "issued_date": "2026-01-29", "place": "Lào Cai"}),
    # A draft letter: a symbol without its number, a date left blank, a "V/v" line.
    ("UBND TỈNH LÀO CAI\nSỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc\n\n"
     "Số: /SNNMT-KS\nV/v thực hiện các quy định của Luật địa chất và khoáng sản 2024\n\nLào Cai, ngày tháng 8 năm 2025\n\n"
     "Kính gửi: Các tổ chức, cá nhân hoạt động khoáng sản trên địa bàn tỉnh\n",
     {"doc_type": "Công văn", "number": None, "issued_date": None, "place": "Lào Cai",
      "issuer": "Sở Nông nghiệp và Môi trường", "province": "Lào Cai"}),
    # A Party unit under its committee.
    ("TỈNH ỦY KIÊN GIANG\nBAN TUYÊN GIÁO\n*\nĐẢNG CỘNG SẢN VIỆT NAM\n\nSố 218-KH/BTGTU\n\nKiên Giang, ngày 11 tháng 10 năm 2023\n\n"
     "KẾ HOẠCH\nquán triệt, tuyên truyền\n",
     {"doc_type": "Kế hoạch", "number": "218-KH/BTGTU", "issued_date": "2023-10-11",
      "issuer": "Ban Tuyên giáo Tỉnh ủy Kiên Giang", "province": "Kiên Giang"}),
    # A consolidated text states its own identity at the end.
    ("VĂN BẢN HỢP NHẤT - BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\n\nTHÔNG TƯ\nHướng dẫn về bảo vệ việc làm\n\n"
     "Căn cứ Luật Tố cáo ngày 12 tháng 6 năm 2018;\n\nBỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\n\nSố: 4246/VBHN-BLĐTBXH\n\n"
     "XÁC NHẬN VĂN BẢN HỢP NHẤT\n\nHà Nội, ngày 24 tháng 11 năm 2021\nBỘ TRƯỞNG\n\nĐào Ngọc Dung\n",
     {"doc_type": "Văn bản hợp nhất", "number": "4246/VBHN-BLĐTBXH", "issued_date": "2021-11-24",
      "signer": "Đào Ngọc Dung"}),
]


@pytest.mark.parametrize("text, expected", HEADERS, ids=[h[1].get("number") or h[1]["doc_type"] for h in HEADERS])
def test_identity_from_the_header(text: str, expected: dict) -> None:
    ident = from_text(text).identity
    assert {k: getattr(ident, k) for k in expected} == expected


@pytest.mark.parametrize(
    "tail, signer, capacity",
    [
        ("Nơi nhận:\n- Thường trực Tỉnh ủy;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n\nNguyễn Lưu Trung\nNguyễn Lưu Trung\n",
         "Nguyễn Lưu Trung", "KT. CHỦ TỊCH PHÓ CHỦ TỊCH"),
        ("Quyết định này./.\n\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\n[daky]\nLê Minh Khái\n\nMẫu số 01\nNGƯỜI ĐỀ NGHỊ\n(Ký và ghi rõ họ tên)\n",
         "Lê Minh Khái", "KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG"),
        # The capacity lost by the scraper: the name after the recipients.
        ("Nơi nhận:\n\n- Bộ Công an (qua Cục XDPT toàn dân bảo vệ ANTQ);\n- Lưu: VT, CA tỉnh, hylu.\n\n\n\nLâm Minh Thành\n",
         "Lâm Minh Thành", None),
        # An unsigned draft names nobody.
        ("Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n", None, "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC"),
    ],
)
def test_signer_and_capacity(tail: str, signer: str | None, capacity: str | None) -> None:
    ident = from_text("KẾ HOẠCH\nThực hiện\n\n1. Nội dung thực hiện.\n\n" + tail).identity
    assert (ident.signer, ident.signer_title) == (signer, capacity)


def test_news_summary_states_type_and_signer_in_its_first_sentence() -> None:
    ident = load(CORPUS / "002_26c2e1b7f974e827.txt").identity
    assert (ident.doc_type, ident.signer, ident.number) == ("Kế hoạch", "Nguyễn Văn Thông", None)


def test_recipients_are_read_item_by_item() -> None:
    ident = from_text("CHỈ THỊ\nVề việc\n\n1. Thực hiện.\n\nNơi nhận:\n\n- TT. Tỉnh ủy; TT. HĐND tỉnh;\n"
                      "- Trường Đại học Kiên Giang;\n- Lưu: VT, CA tỉnh.\n\nLâm Minh Thành\n").identity
    assert ident.recipients == ("TT. Tỉnh ủy", "TT. HĐND tỉnh", "Trường Đại học Kiên Giang")


def test_province_of_a_plan_without_header_from_its_text() -> None:
    # Seed 003 was scraped without its header; it names its province in the body.
    assert load(CORPUS / "003_3894cf9430d6139d.txt").identity.province == "Bình Phước"


def test_unstated_fields_are_none() -> None:
    ident = load(CORPUS / "003_3894cf9430d6139d.txt").identity
    assert (ident.number, ident.issued_date, ident.signer) == (None, None, None)
