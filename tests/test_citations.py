"""Citations: tables of real sentences from the corpus and what they must give."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from extractors.citations import (
    NUMBER_WORD_END,
    _alike,
    _ends_with_number_word,
    _Free,
    _title_key,
    _Titles,
    extract,
)
from extractors.named import LAW_ANCHORS, MEETING_ANCHORS, NAMED_TYPES, literal_matches
from extractors.relations import cue_matches, cue_table
from extractors.spans import Citation, evolve
from extractors.symbols import NUMBER_WORD, _number_word_start
from pipeline.document import from_text
from pipeline.output import aggregate_citations


def cites(text: str) -> list[dict]:
    """Return the distinct citations of `text`, as `directives extract --json` prints them."""
    return aggregate_citations(extract(from_text(text)))


def by_number(text: str) -> dict[str, dict]:
    return {c["number"]: c for c in cites(text) if c["number"]}


# (sentence, number, type, date, issuer) — every symbol shape and the words around it.
FULL = [
    ("Căn cứ Nghị quyết số 36-NQ/TU ngày 20/01/2023 của Ban Thường vụ Tỉnh ủy về “xây dựng Công an phường điển hình”;",
     "36-NQ/TU", "Nghị quyết", "2023-01-20", "Ban Thường vụ Tỉnh ủy"),
    ("Thực hiện Kết luận số 44-KL/TW ngày 22/01/2019 của Ban Bí thư Trung ương Đảng về tiếp tục thực hiện",
     "44-KL/TW", "Kết luận", "2019-01-22", "Ban Bí thư Trung ương Đảng"),
    ("Quyết định số 06/QĐ-TTg, ngày 06/01/2022 của Thủ tướng Chính phủ về phê duyệt Đề án",
     "06/QĐ-TTg", "Quyết định", "2022-01-06", "Thủ tướng Chính phủ"),
    ("Thông tư số 124/2021/TT-BCA ngày 28/12/2021 của Bộ Công an quy định khu dân cư",
     "124/2021/TT-BCA", "Thông tư", "2021-12-28", "Bộ Công an"),
    ("Nghị định số 06/2013/NĐ-CP ngày 09/01/2013 của Chính phủ quy định về bảo vệ cơ quan, doanh nghiệp",
     "06/2013/NĐ-CP", "Nghị định", "2013-01-09", "Chính phủ"),
    ("theo Quyết định số 5764/QĐ-BCA-V05, ngày 13/7/2021 của Bộ trưởng Bộ Công an.",
     "5764/QĐ-BCA-V05", "Quyết định", "2021-07-13", "Bộ trưởng Bộ Công an"),
    ("triển khai Chương trình số 07/CtrPH-BCA-MTTQ ngày 17/10/2023 giữa Bộ Công an và Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
     "07/CtrPH-BCA-MTTQ", "Chương trình", "2023-10-17", "Bộ Công an và Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"),
    ("Hướng dẫn số 19/HD-CAT-PV05 ngày 21/10/2022 của Công an tỉnh về thực hiện",
     "19/HD-CAT-PV05", "Hướng dẫn", "2022-10-21", "Công an tỉnh"),
    # A công văn is numbered issuer-unit, with no type code.
    ("Công văn số 3090/UBND-NC ngày 20/10/2022 của UBND tỉnh;",
     "3090/UBND-NC", "Công văn", "2022-10-20", "Ủy ban nhân dân tỉnh"),
    ("Công văn số 664/BCĐ-NC ngày 28/3/2022 của Ban Chỉ đạo phòng chống tội phạm",
     "664/BCĐ-NC", "Công văn", "2022-03-28", "Ban Chỉ đạo phòng chống tội phạm"),
    ("Căn cứ Kế hoạch số 218-KH/BTGTU ngày 11/10/2023 của Ban Tuyên giáo Tỉnh ủy về việc quán triệt",
     "218-KH/BTGTU", "Kế hoạch", "2023-10-11", "Ban Tuyên giáo Tỉnh ủy"),
    # The date in words, with the month in one digit.
    ("Căn cứ Nghị quyết số 03/2021/UBTVQH15 ngày 24 tháng 9 năm 2021 của Ủy ban Thường vụ Quốc hội ban hành chính sách",
     "03/2021/UBTVQH15", "Nghị quyết", "2021-09-24", "Ủy ban Thường vụ Quốc hội"),
    # Dashes in the date.
    ("Nghị quyết số 28-NQ/TW ngày 25-10-2013 của Ban Chấp hành Trung ương khóa XI về Chiến lược",
     "28-NQ/TW", "Nghị quyết", "2013-10-25", "Ban Chấp hành Trung ương"),
    # The type implied by the symbol only.
    ("thực hiện theo 44-KL/TW của Ban Bí thư.", "44-KL/TW", "Kết luận", None, "Ban Bí thư"),
    # A law named before its number.
    ("Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;", "72/2025/QH15", "Luật", None, None),
    # A consolidated text's own kind of number.
    ("Văn bản hợp nhất số 4246/VBHN-BLĐTBXH của Bộ Lao động - Thương binh và Xã hội",
     "4246/VBHN-BLĐTBXH", "Văn bản hợp nhất", None, "Bộ Lao động - Thương binh và Xã hội"),
    # A compound type is filed under its base type.
    ("Căn cứ Quy chế phối hợp số 49/QCPH-UBND-UBMT-HCTĐ ngày 24/01/2025 về thực hiện công tác vận động",
     "49/QCPH-UBND-UBMT-HCTĐ", "Quy chế", "2025-01-24", None),
]


@pytest.mark.parametrize("text, number, doc_type, date, issuer", FULL, ids=[r[1] for r in FULL])
def test_full_citation(text: str, number: str, doc_type: str, date: str | None, issuer: str | None) -> None:
    found = by_number(text)
    assert number in found, found
    c = found[number]
    assert c["doc_type"] == doc_type
    assert c["date"] == date
    if issuer:
        assert c["issuer"] == issuer


@pytest.mark.parametrize(
    "text, expected",
    [
        # Stray spaces inside the symbol, as typed.
        ("Chỉ thị số 37- CT/TW ngày 15/6/2020 của Bộ Chính trị", "37-CT/TW"),
        ("Kế hoạch số 75/KH- UBND ngày 12/3/2023 của UBND tỉnh", "75/KH-UBND"),
        ("Thông tư 02/2024/TT- BKHĐT ngày 06/3/2024 của Bộ Kế hoạch và Đầu tư", "02/2024/TT-BKHĐT"),
        # A line break inside the symbol (rejoined at ingest).
        ("Căn cứ Thông tư số 08/2020/TT-\nBLĐTBXH ngày 15 tháng 10 năm 2020 của Bộ trưởng", "08/2020/TT-BLĐTBXH"),
        # The number on the line after "số" (a table cell).
        ("theo Nghị quyết số\n973/2020/UBTVQH14 ngày 08/7/2020", "973/2020/UBTVQH14"),
        # A line break inside the citation, before the date.
        ("Căn cứ Nghị quyết số 03/2021/UBTVQH15 ngày 24 tháng 9 năm 2021 của Ủy \nban Thường vụ Quốc hội", "03/2021/UBTVQH15"),
    ],
)
def test_symbol_written_loosely(text: str, expected: str) -> None:
    assert expected in by_number(text)


def test_list_sharing_a_type() -> None:
    found = by_number("Tuyên truyền Nghị quyết số 36-NQ/TU và 48-NQ/TU của Ban Thường vụ Tỉnh ủy.")
    assert found["48-NQ/TU"]["doc_type"] == "Nghị quyết"
    # One issuer after two citations belongs to both.
    assert found["36-NQ/TU"]["issuer"] == found["48-NQ/TU"]["issuer"] == "Ban Thường vụ Tỉnh ủy"


def test_list_of_notices_with_their_own_dates() -> None:
    found = by_number("Thực hiện các Thông báo kết luận số 09/TB-VPCP ngày 12/01/2024; số 328/TB-VPCP ngày 20/7/2024 của Văn phòng Chính phủ.")
    assert found["09/TB-VPCP"]["doc_type"] == found["328/TB-VPCP"]["doc_type"] == "Thông báo"
    assert (found["09/TB-VPCP"]["date"], found["328/TB-VPCP"]["date"]) == ("2024-01-12", "2024-07-20")


def test_one_date_after_two_citations() -> None:
    # From a Đắk Lắk plan: 008 takes the date printed once after 009.
    found = by_number("Các Công điện: số 007/CĐ-UBND ngày 17/11/2025, số 008/CĐ-UBND và số 009/CĐ-UBND ngày 19/11/2025 của UBND tỉnh;")
    assert found["008/CĐ-UBND"]["date"] == "2025-11-19"
    assert found["007/CĐ-UBND"]["date"] == "2025-11-17"
    assert found["007/CĐ-UBND"]["doc_type"] == "Công điện"


def test_comma_before_the_date() -> None:
    found = by_number("Chỉ thị số 09-CT/TW, ngày 01/12/2011 của Ban Bí thư về “Tăng cường sự lãnh đạo của Đảng”")
    assert found["09-CT/TW"]["date"] == "2011-12-01"


def test_document_own_number_is_not_a_citation() -> None:
    text = ("ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nSố: 254/QĐ-UBND\nAn Giang, ngày 18 tháng 11 năm 2025\nQUYẾT ĐỊNH\n"
            "Về việc công bố danh mục\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\n"
            "PHỤ LỤC\n(Kèm theo Quyết định số 254/QĐ-UBND ngày 18/11/2025 của Chủ tịch UBND tỉnh)")
    assert "254/QĐ-UBND" not in by_number(text)


@pytest.mark.parametrize(
    "text, alias, number",
    [
        ("Căn cứ Nghị quyết số 36-NQ/TU ngày 20/01/2023 của Ban Thường vụ Tỉnh ủy. Kết quả thực hiện Nghị quyết số 36 cho thấy",
         "Nghị quyết số 36", "36-NQ/TU"),
        ("Thực hiện Chỉ thị số 09-CT/TW ngày 01/12/2011 của Ban Bí thư; tổng kết Chỉ thị 09 trong năm.",
         "Chỉ thị 09", "09-CT/TW"),
        ("Quyết định số 06/QĐ-TTg, ngày 06/01/2022 của Thủ tướng Chính phủ về phê duyệt “Đề án phát triển ứng dụng dữ liệu về dân cư”. Xác định triển khai, thực hiện Đề án 06 là nhiệm vụ trọng tâm",
         "Đề án 06", "06/QĐ-TTg"),
    ],
)
def test_short_forms_resolve_to_the_full_citation(text: str, alias: str, number: str) -> None:
    mentions = extract(from_text(text))
    short = [c for c in mentions if c.text == alias]
    assert short, [c.text for c in mentions]
    full = next(c for c in mentions if c.number == number and c.form == "full")
    assert short[0].key == full.key
    # A short form adds nothing: still one citation.
    assert len([c for c in cites(text) if c["number"] == number]) == 1


def test_defined_alias_is_the_citation_it_names() -> None:
    text = ("Căn cứ Nghị quyết số 36-NQ/TU ngày 20/01/2023 của Ban Thường vụ Tỉnh ủy về “xây dựng Công an phường” "
            "(gọi tắt là Nghị quyết số 36-NQ/TU); Nghị quyết số 48-NQ/TU ngày 03/8/2023 của Ban Thường vụ Tỉnh ủy;")
    mentions = extract(from_text(text))
    alias = [c for c in mentions if c.form == "alias"]
    assert alias and alias[0].key == "n:36-nq/tu"
    assert by_number(text)["36-NQ/TU"]["relation"] == "basis"


@pytest.mark.parametrize(
    "text, title, year, date",
    [
        ("Theo dõi, kiểm tra việc triển khai thực hiện quy định của Luật Cư trú năm 2020.", "Luật Cư trú", 2020, None),
        ("Đảm bảo kinh phí theo quy định của Luật Ngân sách Nhà nước và Thông tư số 40/2023/TT-BTC ngày 09/6/2023",
         "Luật Ngân sách Nhà nước", None, None),
        ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;", "Luật Tổ chức chính quyền địa phương", 2025, "2025-06-16"),
        ("Căn cứ Luật An toàn, vệ sinh lao động ngày 25 tháng 6 năm 2014;", "Luật An toàn, vệ sinh lao động", 2014, "2014-06-25"),
        ("Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;",
         "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương", 2019, "2019-11-22"),
        ("Thực hiện Chương trình của Bộ Công an về công tác trọng tâm xây dựng phong trào “Toàn dân bảo vệ an ninh Tổ quốc” năm 2024 nhằm phát huy vai trò của cả hệ thống chính trị;",
         "Chương trình của Bộ Công an về công tác trọng tâm xây dựng phong trào “Toàn dân bảo vệ an ninh Tổ quốc” năm 2024", 2024, None),
        ("- Theo Kế hoạch dự trữ hàng hóa phòng, chống thiên tai năm 2025 của Sở Công Thương.",
         "Kế hoạch dự trữ hàng hóa phòng, chống thiên tai năm 2025", 2025, None),
        ("Hiến pháp năm 2013 quy định", "Hiến pháp", 2013, None),
    ],
)
def test_named_documents(text: str, title: str, year: int | None, date: str | None) -> None:
    named = {c["title"]: c for c in cites(text) if not c["number"]}
    assert title in named, list(named)
    assert named[title]["year"] == year
    assert named[title]["date"] == date


@pytest.mark.parametrize(
    "text",
    [
        "Kế hoạch này có hiệu lực kể từ ngày ký.",
        "Nhận được Chỉ thị này, Giám đốc các sở tổ chức triển khai thực hiện nghiêm túc.",
        "hỗ trợ số 36 hộ gia đình có hoàn cảnh khó khăn",
        "Điện thoại: (028) 3930 3279, Fax: 0906.229966",
        "ngày 20/01/2023 tại hội trường",
        "hoàn thành 18/18 Công an các phường, trực 24/7",
        "số 36/2023 của tạp chí",
        "tuân thủ Hiến pháp và pháp luật, đề cao vai trò của luật sư",
        "Chương trình công tác năm của Ủy ban nhân dân thành phố",
        "theo Mẫu số 01/TB-ĐKKD ban hành kèm theo",
        # Standards carry a year and an agency after a colon.
        "Xe chở xe và cứu hộ 8705 90 90 QCVN 09:2015/BGTVT. Tổng trọng tải đến 11,2 tấn.",
        "ban hành kèm theo Tiêu chuẩn cơ sở 661: 2018/BVTV quy trình công bố dịch",
        # A percent-encoded web address.
        "pq-toanvan.aspx?ItemID=128518&Keyword=49/2018/N%C4%90-CP",
        # Indicator codes in a statistics table: no type, no "số", no date.
        "Cơ sở cai nghiện ma túy Cục Phòng chống Tệ nạn xã hội Năm 40 508/PCTNXH-Sở Nạn nhân bị mua bán",
    ],
)
def test_not_a_citation(text: str) -> None:
    assert cites(text) == []


# (sentence, number, relation of the citing document to it)
RELATIONS = [
    ("Căn cứ Nghị quyết số 36-NQ/TU ngày 20/01/2023 của Ban Thường vụ Tỉnh ủy;", "36-NQ/TU", "basis"),
    ("Thực hiện Kết luận số 44-KL/TW ngày 22/01/2019 của Ban Bí thư;", "44-KL/TW", "implements"),
    ("Tiếp tục quán triệt, thực hiện có hiệu quả Nghị quyết số 28-NQ/TW ngày 25-10-2013 của Ban Chấp hành Trung ương;",
     "28-NQ/TW", "continues"),
    ("Quyết định này có hiệu lực thi hành kể từ ngày ký và thay thế Quyết định số 1849/QĐ-UBND ngày 20 tháng 8 năm 2024.",
     "1849/QĐ-UBND", "replaces"),
    ("Điều 2. Quyết định này có hiệu lực từ ngày ký và bãi bỏ Quyết định số 1029/QĐ-UBND ngày 25 tháng 6 năm 2024.",
     "1029/QĐ-UBND", "repeals"),
    ("Bộ trưởng ban hành Thông tư sửa đổi, bổ sung một số điều của Thông tư số 09/2021/TT-BKHĐT ngày 16 tháng 11 năm 2021.",
     "09/2021/TT-BKHĐT", "amends"),
    ("Theo đề nghị của Giám đốc Sở Công Thương tại Tờ trình số 131/TTr-SCT ngày 24/11/2025.", "131/TTr-SCT", "refers"),
    ("Tăng cường phối hợp với lực lượng Dân quân tự vệ theo Nghị định số 02/2020/NĐ-CP ngày 30/6/2020 của Chính phủ.",
     "02/2020/NĐ-CP", "refers"),
    # "hướng dẫn thực hiện" is implementing, not guiding.
    ("hướng dẫn thực hiện có hiệu quả Quyết định số 521/QĐ-TTg ngày 13/6/2005 của Thủ tướng Chính phủ",
     "521/QĐ-TTg", "implements"),
    # The list goes on after ";" under the same lead-in.
    ("Các sở tiếp tục quán triệt và triển khai thực hiện, trọng tâm là: Kết luận số 44-KL/TW ngày 22/01/2019 của Ban Bí thư; Nghị quyết 06-NQ/TU ngày 21/12/2021 của Ban Chấp hành Đảng bộ tỉnh;",
     "06-NQ/TU", "continues"),
    # Coordinated after a description: a sibling, not a citation inside it.
    ("Tiếp tục thực hiện Nghị định số 06/2013/NĐ-CP ngày 09/01/2013 của Chính phủ quy định về bảo vệ cơ quan, doanh nghiệp và Thông tư số 46/2014/TT-BCA ngày 16/10/2014 của Bộ trưởng Bộ Công an;",
     "46/2014/TT-BCA", "continues"),
    ("Việc quản lý và sử dụng kinh phí thực hiện theo quy định của Nghị định số 60/2021/NĐ-CP.", "60/2021/NĐ-CP", "refers"),
]


@pytest.mark.parametrize("text, number, relation", RELATIONS, ids=[r[1] for r in RELATIONS])
def test_relation_from_the_wording(text: str, number: str, relation: str) -> None:
    assert by_number(text)[number]["relation"] == relation


@pytest.mark.parametrize(
    "text, outer, inner, edge",
    [
        ("Căn cứ Kế hoạch số 168-KH/TU ngày 10/10/2023 của Ban Thường vụ Tỉnh ủy về thực hiện Chỉ thị số 24-CT/TW ngày 13/7/2023 của Bộ Chính trị;",
         "168-KH/TU", "24-CT/TW", "implements"),
        ("Thực hiện Kết luận số 44-KL/TW ngày 22/01/2019 của Ban Bí thư về tiếp tục thực hiện Chỉ thị số 09-CT/TW, ngày 01/12/2011 của Ban Bí thư",
         "44-KL/TW", "09-CT/TW", "continues"),
        ("Căn cứ Nghị định số 128/2024/NĐ-CP ngày 10/10/2024 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số 81/2018/NĐ-CP của Chính phủ;",
         "128/2024/NĐ-CP", "81/2018/NĐ-CP", "amends"),
        # Passive: the later one amends the earlier.
        ("Căn cứ Nghị định số 23/2024/NĐ-CP ngày 27/02/2024 của Chính phủ (được sửa đổi, bổ sung tại Nghị định số 115/2024/NĐ-CP ngày 16/9/2024);",
         "23/2024/NĐ-CP", "115/2024/NĐ-CP", "passive:amends"),
    ],
)
def test_citation_named_inside_another(text: str, outer: str, inner: str, edge: str) -> None:
    mentions = {c.number: c for c in extract(from_text(text)) if c.number}
    assert mentions[inner].relation == "mentions"  # for the citing document
    assert mentions[inner].parent == mentions[outer].key
    assert mentions[inner].parent_relation == edge
    assert mentions[outer].relation != "mentions"


def test_offsets_point_at_the_citation() -> None:
    text = "Căn cứ Nghị quyết số 36-NQ/TU ngày 20/01/2023 của Ban Thường vụ Tỉnh ủy;"
    doc = from_text(text)
    c = next(c for c in extract(doc) if c.number)
    assert doc.text[c.start : c.end] == c.text == "Nghị quyết số 36-NQ/TU"


def test_annex_quoting_other_documents_only_mentions() -> None:
    text = ("KẾ HOẠCH\nTuyên truyền\nCăn cứ Nghị quyết số 36-NQ/TU ngày 20/01/2023 của Ban Thường vụ Tỉnh ủy;\n"
            "Nơi nhận:\n- Thường trực Tỉnh ủy;\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Lưu Trung\n"
            "TÀI LIỆU HỌC TẬP\nnhững nội dung chính Nghị quyết số 36-NQ/TU\n"
            "- góp phần thực hiện tốt Nghị quyết số 12-NQ/TW, ngày 16/3/2022 của Bộ Chính trị về đẩy mạnh xây dựng lực lượng.")
    found = by_number(text)
    assert found["36-NQ/TU"]["relation"] == "basis"
    assert found["12-NQ/TW"]["relation"] == "mentions"


# Literals overlapping each other: a longer one hiding a shorter one ("BỘ LUẬT" and
# "LUẬT", "Nghị quyết Hội nghị" and "Nghị quyết"), compounds, and a literal
# the shared scan does not look for.
OVERLAPS = "Bộ luật; BỘ LUẬT số 5; Nghị quyết Hội nghị Trung ương; QUY CHẾ PHỐI HỢP 3, Quy chế 4; Luật Luật"


@pytest.mark.parametrize("literals", [
    LAW_ANCHORS, NAMED_TYPES, MEETING_ANCHORS,
    frozenset({"LUẬT", "Luật", "Quy chế", "QUY CHẾ", "Nghị quyết", "NGHỊ QUYẾT"}),
    frozenset({"BỘ LUẬT", "LUẬT", "Quy chế phối hợp", "QUY CHẾ PHỐI HỢP"}),
    frozenset({"Luật", "Trung ương"}),
])
def test_literal_matches_are_the_alternation_matches(literals: tuple[str, ...] | frozenset[str]) -> None:
    """One scan serves every finder: each gets what its own alternation, longest first, would find."""
    alternation = re.compile("|".join(map(re.escape, sorted(literals, key=len, reverse=True))))
    expected = [m.span() for m in alternation.finditer(OVERLAPS)]
    assert list(literal_matches(OVERLAPS, literals)) == expected


@pytest.mark.parametrize("text", [
    "CĂN CỨ Luật Đất đai; Tiếp Tục Thực Hiện Kế hoạch; sửa đổi,  bổ sung; theo quy định tại",
    "triển khai thı hành Luật (a dotless ı); ſửa đổi Nghị định",  # "ı" and "ſ" match only case-insensitively
    "İ căn cứ Nghị quyết, thực hiện Kế hoạch",  # "İ" lowers to two characters
])
def test_cues_are_the_case_insensitive_pattern_matches(text: str) -> None:
    assert [m.span() for m in cue_matches(text)] == [m.span() for m in cue_table().pattern.finditer(text)]


def test_evolve_is_dataclasses_replace() -> None:
    c = next(c for c in extract(from_text("Căn cứ Nghị quyết số 36-NQ/TU ngày 20/01/2023;")) if c.number)
    assert evolve(c, relation="amends", parent="n:1") == replace(c, relation="amends", parent="n:1")
    assert c.relation == "basis" and c.parent is None  # the original is left as it was
    with pytest.raises(TypeError):
        evolve(c, colour="red")


# Spans as the finders leave them, overlapping or not, and stretches to test against them.
SPAN = st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda p: (p[0], p[0] + p[1]))


@settings(derandomize=True, max_examples=150, deadline=None)
@given(st.lists(SPAN, max_size=12), st.lists(SPAN.filter(lambda s: s[1] > s[0]), max_size=12))
def test_free_is_the_scan_of_every_taken_span(taken: list[tuple[int, int]], uses: list[tuple[int, int]]) -> None:
    """Alias uses are checked by bisection (`_Free`) as a scan of every span taken would check them."""
    free, scanned = _Free(taken), list(taken)
    for start, end in uses:
        expected = all(end <= s or start >= e for s, e in scanned)
        assert free(start, end) == expected
        if expected:
            free.add(start, end)
            scanned.append((start, end))


# Titles drawn from few words, so that many share most of their words.
TITLE = st.lists(st.sampled_from("về việc thực hiện công tác phòng chống tham nhũng năm 2025 Luật Đất đai".split()),
                 min_size=1, max_size=12).map(" ".join)


def _cited(title: str, start: int) -> Citation:
    return Citation(start=start, end=start + 1, text="x", doc_type=None, number="%d/QĐ-UBND" % start, date=None,
                    issuer=None, title=title, year=None, relation="mentions", form="full", key="n:%d" % start)


@pytest.mark.parametrize("scan_limit", [0, 64], ids=["index", "scan"])
@settings(derandomize=True, max_examples=150, deadline=None)
@given(st.lists(TITLE, max_size=15), st.lists(TITLE, min_size=1, max_size=6))
def test_titles_find_the_first_alike_as_a_scan_would(scan_limit: int, full_titles: list[str],
                                                     named_titles: list[str]) -> None:
    """A named title resolves to the first full citation a scan of all of them finds alike (`_Titles`)."""
    full = [_cited(t, i) for i, t in enumerate(full_titles)]
    titles = _Titles(full, scan_limit)
    for title in named_titles + full_titles[:3]:
        key, words = _title_key(title)
        if len(words) < 5:
            expected = next((f for f in full if _title_key(f.title or "")[0] == key), None)
        else:
            expected = next((f for f in full if _title_key(f.title or "")[0] == key
                             or _alike(words, _title_key(f.title or "")[1])), None)
        assert titles.match(title) is expected


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([" ", "  ", "\t", "\u00a0", "\n", ":", ".", "số", "Số", "SỐ", "s", "ố", "S", "x"]),
                max_size=14).map("".join))
@example("Nghị quyết số: ")
@example("Căn cứ Kế hoạch : Số . ")
def test_number_word_start_is_where_the_pattern_matches(window: str) -> None:
    """What stands before a symbol is stripped by hand (`_number_word_start`) where NUMBER_WORD's search would."""
    assert _number_word_start(window) == NUMBER_WORD.search(window).start()  # type: ignore[union-attr]


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([" ", "  ", "\t", "\n", ":", ".", "số", "Số", "SỐ", "s", "ố", "Luật", "x"]),
                max_size=14).map("".join))
@example("Luật Đấu thầu số: ")
def test_ends_with_number_word_is_the_pattern(window: str) -> None:
    """The tail before a law's number is stripped by hand (`_ends_with_number_word`) as NUMBER_WORD_END finds it."""
    assert _ends_with_number_word(window) == bool(NUMBER_WORD_END.search(window))
