"""Assignments: tables of real passages from the corpus and the lead and partners they must give.

Each passage is printed in a document of ../shared/corpus, under a header that
gives it its province, and goes through the whole registry (bodies, then
assignments), so a lead is what `directives extract --json` would print.
"""

from __future__ import annotations

import pytest

from extractors import assignments
from extractors.outline import outline, task_sections
from extractors.registry import extract_all
from extractors.spans import Assignment
from extractors.task_tables import _is_lead_header, _may_have_table, cells
from pipeline.document import from_text
from pipeline.model import Document, Identity, Paragraph


def rules(text: str) -> list[Assignment]:
    """Return the assignments the rules find in `text`, read as a whole document."""
    found = extract_all(from_text(text), only=["assignments"])
    return [a for a in found["assignments"] if isinstance(a, Assignment)]


IMPLEMENTATIONS = {"rules": rules}

NGHE_AN = "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN\nKẾ HOẠCH\nXây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc\n"
DAK_LAK = "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK\nKẾ HOẠCH\nHỗ trợ nhu yếu phẩm khẩn cấp\n"
CAN_THO = "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ\nKẾ HOẠCH\nGiám sát, đánh giá Chương trình\n"
KON_TUM = "ỦY BAN NHÂN DÂN TỈNH KON TUM\nQUYẾT ĐỊNH\nBan hành Quy chế\n"
NATIONAL = "THỦ TƯỚNG CHÍNH PHỦ\nQUYẾT ĐỊNH\nQuy định về việc thực hiện chính sách hỗ trợ\n"

# (passage, [(lead, [partners])]) in text order.
PASSAGES = [
    # 001: "giao X chủ trì, phối hợp Y (Z)" is one hand-out; Y's board in brackets partners too.
    (NGHE_AN + "c) Chủ động đề ra các giải pháp hiệu quả. Giao Công an tỉnh chủ trì, phối hợp Sở Nội vụ (Ban Tôn "
     "giáo), UBND cấp huyện phối hợp Ủy ban MTTQ các cấp tổ chức rà soát, đánh giá từng địa bàn.",
     [("Công an tỉnh Nghệ An", ["Sở Nội vụ", "Ban Tôn giáo"])]),
    # 001: "giao X phối hợp với Y": X leads.
    (NGHE_AN + "a) Phối hợp chặt chẽ; trong đó giao Công an tỉnh phối hợp với Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh "
     "Nghệ An triển khai Chương trình số 07/CtrPH-BCA-MTTQ ngày 17/10/2023 giữa Bộ Công an và Ủy ban Trung ương "
     "Mặt trận Tổ quốc Việt Nam.",
     [("Công an tỉnh Nghệ An", ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Nghệ An"])]),
    # 001: an OCR slip in the lead; the body to be proposed to is not a partner.
    (NGHE_AN + "- Công an tính chủ trì, phối hợp các đơn vị, địa phương tham mưu lựa chọn ít nhất 02 mô hình nổi bật "
     "nhất đề nghị Bộ Công an thông báo biểu dương, nhân rộng toàn quốc (hoàn thành trước tháng 10/2024).",
     [("Công an tỉnh Nghệ An", [])]),
    # 001: a class of bodies may lead.
    (NGHE_AN + "- Năm 2024, giao UBND các huyện, thành phố, thị xã chỉ đạo xây dựng ít nhất 15% đơn vị cấp xã.",
     [("Ủy ban nhân dân các huyện, thành phố, thị xã", [])]),
    # 001: a generic group leads nothing; running sentences of a plan's section neither.
    (NGHE_AN + "III. TỔ CHỨC THỰC HIỆN\n1. Căn cứ kế hoạch này, các sở, ban, ngành, tổ chức chính trị - xã hội cấp "
     "tỉnh, UBND các huyện, thành, thị xây dựng kế hoạch thực hiện, gửi về UBND tỉnh (qua Công an tỉnh).\n"
     "2. Công an tỉnh (Cơ quan thường trực Ban Chỉ đạo phòng, chống tội phạm, tệ nạn xã hội và xây dựng phong "
     "trào toàn dân bảo vệ ANTQ tỉnh) hướng dẫn, theo dõi, kiểm tra, đôn đốc các đơn vị.", []),
    # 62f25 (Đắk Lắk): items headed by a body, the label on a line of its own; its "Chủ trì" bullet
    # leads with the item's partners; an item without one counts once.
    (DAK_LAK + "IV.\nPHÂN CÔNG NHIỆM VỤ\n1.\nSở Công Thương:\n- Chủ trì điều phối toàn bộ nguồn hàng hỗ trợ từ nguồn "
     "ngân sách nhà nước.\n- Phối hợp Bộ Chỉ huy Quân sự tỉnh, Công an tỉnh và UBND các xã, phường tổ chức vận "
     "chuyển hàng đến các cụm dân cư.\n2. Sở Nông nghiệp và Môi trường:\n- Phối hợp UBND các xã, phường cập nhật "
     "thiệt hại nông nghiệp, thủy sản.\n6. Sở Tài chính:\nPhối hợp với Sở Công Thương và các đơn vị liên quan "
     "thẩm định, tham mưu UBND tỉnh bố trí kinh phí.",
     [("Sở Công Thương", ["Bộ Chỉ huy Quân sự tỉnh Đắk Lắk", "Công an tỉnh Đắk Lắk", "Ủy ban nhân dân các xã, phường"]),
      ("Sở Nông nghiệp và Môi trường", ["Ủy ban nhân dân các xã, phường"]),
      ("Sở Tài chính", ["Sở Công Thương"])]),
    # 62f25: joint leads in one heading give one assignment each; bodies named in brackets lead.
    (DAK_LAK + "IV.\nPHÂN CÔNG NHIỆM VỤ\n9.\nBáo và Phát thanh - Truyền hình Đắk Lắk, Sở Văn hóa, Thể thao và Du "
     "lịch, Cổng Thông tin điện tử tính và hệ thống truyền thanh cơ sở:\nTheo chức năng, nhiệm vụ tăng cường thông "
     "tin, tuyên truyền về kế hoạch hỗ trợ.\n13.\nĐề nghị các doanh nghiệp viễn thông (VNPT, Viettel, MobiFone và "
     "doanh nghiệp khác): Đảm bảo thông tin liên lạc ổn định.\n14.\nDoanh nghiệp, cộng đồng, tổ chức, cá nhân: "
     "Quan tâm, đăng ký hỗ trợ nhu yếu phẩm.",
     [("Báo và Phát thanh - Truyền hình Đắk Lắk", []), ("Sở Văn hóa, Thể thao và Du lịch", []),
      ("Cổng Thông tin điện tử tỉnh Đắk Lắk", []), ("VNPT", []), ("Viettel", []), ("MobiFone", [])]),
    # 62f25: each "chủ trì" bullet of an item counts once, in mid-bullet too.
    (DAK_LAK + "IV.\nPHÂN CÔNG NHIỆM VỤ\n11.\nĐề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - "
     "xã hội:\n- Thực hiện vai trò cơ quan thường trực Ban Vận động cấp tỉnh; chủ trì vận động tổ chức, cá nhân "
     "trong và ngoài tỉnh ủng hộ.\n- Chủ trì phối hợp UBND tỉnh, Sở Công Thương và các cơ quan liên quan tổ chức "
     "tiếp nhận, quản lý và phân phối nguồn đóng góp tự nguyện.",
     [("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Đắk Lắk", []),
      ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Đắk Lắk", ["Ủy ban nhân dân tỉnh Đắk Lắk", "Sở Công Thương"])]),
    # 5d99 (Cần Thơ): headings without a colon; "Đề nghị"; a class heading; a generic one gives nothing.
    (CAN_THO + "VI. TỔ CHỨC THỰC HIỆN\n\n1. Sở Nông nghiệp và Môi trường\n\n- Phối hợp các cơ quan liên quan thực "
     "hiện việc giám sát, đánh giá đối với cấp xã.\n\n2. Các Sở, ngành chủ trì, quản lý, tham gia thực hiện các dự "
     "án\n\n- Phê duyệt kế hoạch giám sát, đánh giá.\n\n3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam thành phố\n\nChỉ "
     "đạo các đơn vị liên quan giám sát việc thực hiện Chương trình.\n\n4. Ủy ban nhân dân cấp xã\n\n- Tổ chức thực "
     "hiện giám sát, đánh giá theo Kế hoạch.",
     [("Sở Nông nghiệp và Môi trường", []), ("Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Cần Thơ", []),
      ("Ủy ban nhân dân cấp xã", [])]),
    # 1a434 (Cần Thơ): "Trách nhiệm của X" with "a) Chủ trì" bullets; a report of work and a meeting give nothing.
    (CAN_THO + "Điều 10.\nTrách nhiệm thực hiện\n2. Trách nhiệm của Sở Nội vụ\na) Chủ trì triển khai, hướng dẫn "
     "thực hiện Quy định này;\nb) Chủ trì tham mưu Ủy ban nhân dân thành phố phối hợp với Ban Tuyên giáo và Dân "
     "vận Thành ủy, các cơ quan, đơn vị có liên quan tổ chức đánh giá.\n3. Trách nhiệm các cơ quan, đơn vị cấp "
     "thành phố và Ủy ban nhân dân xã, phường\na) Tổ chức triển khai thực hiện Quy định.",
     [("Sở Nội vụ", []), ("Sở Nội vụ", ["Ban Tuyên giáo và Dân vận Thành ủy"])]),
    # cb__quyet-dinh-so-28-2021: an article's clauses hand out tasks in running sentences.
    (NATIONAL + "Điều 6. Tổ chức thực hiện\n1. Bộ Lao động - Thương binh và Xã hội chỉ đạo, tuyên truyền, hướng "
     "dẫn, kiểm tra. Giao Bộ trưởng Bộ Lao động - Thương binh và Xã hội xem xét, quyết định xử lý các vấn đề phát "
     "sinh.\n2. Bộ Thông tin và Truyền thông chủ trì, phối hợp với Ban Tuyên giáo Trung ương, các bộ, cơ quan "
     "trung ương và địa phương tổ chức phổ biến, tuyên truyền rộng rãi Quyết định này.\n3. Bảo hiểm xã hội Việt "
     "Nam tuyên truyền, tổ chức thực hiện việc hỗ trợ người lao động.\n5. Đề nghị Ủy ban trung ương Mặt trận Tổ "
     "quốc Việt Nam, Tổng Liên đoàn Lao động Việt Nam, tổ chức đại diện của người sử dụng lao động và các tổ "
     "chức chính trị - xã hội tham gia tuyên truyền.\nĐiều 7. Xử lý vi phạm",
     [("Bộ Lao động - Thương binh và Xã hội", []), ("Bộ Thông tin và Truyền thông", ["Ban Tuyên giáo Trung ương"]),
      ("Bảo hiểm xã hội Việt Nam", []), ("Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", []),
      ("Tổng Liên đoàn Lao động Việt Nam", [])]),
    # A report of work done and chairing a meeting are not hand-outs (scale: a Government notice).
    (NATIONAL + "Tại Trụ sở Chính phủ, Phó Thủ tướng Chính phủ Hồ Quốc Dũng đã chủ trì cuộc họp về dự án. Ban Chỉ "
     "đạo quốc gia về phát triển khoa học (sau đây gọi tắt là Ban Chỉ đạo) chủ trì Phiên họp lần thứ năm.", []),
    # The issuer of a cited document is not a lead (seeds 001).
    (NGHE_AN + "Thực hiện Kết luận số 44-KL/TW ngày 22/01/2019 của Ban Bí thư Trung ương Đảng về tiếp tục thực "
     "hiện Chỉ thị số 09-CT/TW, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:", []),
    # The execution clause of a decision names bodies but hands out nothing (00e8).
    (KON_TUM + "Điều 3. Thủ trưởng các cơ quan: Văn phòng UBND tỉnh, Sở Công Thương, Sở Văn hóa, Thể thao và Du "
     "lịch; Chủ tịch UBND các xã, phường và các tổ chức, cá nhân liên quan căn cứ Quyết định thi hành./.", []),
    # An allocation is not a hand-out (scale 350a122d, Hà Nội): "dự toán giao cho Sở Y tế".
    (KON_TUM + "2. Kinh phí nuôi dưỡng cho các đối tượng tại Điều 6 của Nghị quyết này do ngân sách Thành phố đảm "
     "bảo và được bố trí trong dự toán giao cho Sở Y tế hàng năm.", []),
    # "X có trách nhiệm chủ trì" (00e8).
    (KON_TUM + "Điều 2. Sở Công Thương có trách nhiệm chủ trì, phối hợp với các cơ quan, UBND các xã, phường, đơn "
     "vị liên quan thực hiện quản lý hoạt động hội chợ.",
     [("Sở Công Thương", ["Ủy ban nhân dân các xã, phường"])]),
    # Partners listed across a line break in the printed file (a Markdown decision of the scale corpus):
    # rejoined at ingest, the list reads whole.
    (KON_TUM + "Điều 2. Giao Sở Tài chính chủ trì, phối hợp với Sở Nội vụ, Sở Nông nghiệp và Môi trường, Sở\nKhoa "
     "học và Công nghệ triển khai thực hiện Quyết định này.",
     [("Sở Tài chính", ["Sở Nội vụ", "Sở Nông nghiệp và Môi trường", "Sở Khoa học và Công nghệ"])]),
]


@pytest.mark.parametrize("impl", list(IMPLEMENTATIONS))
@pytest.mark.parametrize(("passage", "expected"), PASSAGES, ids=[p[0].split("\n", 3)[3][:50] for p in PASSAGES])
def test_leads_and_partners(impl: str, passage: str, expected: list[tuple[str, list[str]]]) -> None:
    found = IMPLEMENTATIONS[impl](passage)
    assert [(a.lead.name, [p.name for p in a.partners]) for a in found] == expected
    for a in found:
        assert a.lead.role == "lead" and all(p.role == "partner" for p in a.partners)


# A task table printed one cell per line (001c610b, Hồ Chí Minh City): each row
# with a lead gives one assignment, with its partners and deadline; a generic
# group is no partner.
TABLE = """ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH
KẾ HOẠCH
Triển khai hệ thống thông tin quy hoạch
PHỤ LỤC
NHIỆM VỤ CỦA CÁC SỞ, BAN, NGÀNH, PHƯỜNG, XÃ, ĐẶC KHU

TT

Nhiệm vụ

Cơ quan chủ trì

Cơ quan phối hợp

Thời gian dự kiến hoàn thành

I

Hoàn thiện thể chế, ban hành quy định, hướng dẫn yêu cầu kỹ thuật

1

Phối hợp rà soát, sửa đổi Luật Quy hoạch và xây dựng các văn bản quy phạm pháp luật có liên quan.

Sở Tài chính

Các sở, ngành, UBND xã, phường, đặc khu

Quý IV/2025

2

Tham gia rà soát, đơn giản hóa các thủ tục hành chính liên quan đến quy hoạch.

Các sở, ngành, UBND xã, phường, đặc khu

Sở Tài chính

Quý II/2027
"""


def test_task_table_rows() -> None:
    found = rules(TABLE)
    rows = [(a.lead.name, [p.name for p in a.partners], a.deadline) for a in found]
    assert rows == [
        ("Sở Tài chính", ["Ủy ban nhân dân xã, phường, đặc khu"], "2025-Q4"),
        ("Ủy ban nhân dân xã, phường, đặc khu", ["Sở Tài chính"], "2027-Q2"),
    ]
    assert found[0].task.startswith("Phối hợp rà soát, sửa đổi Luật Quy hoạch")


@pytest.mark.parametrize(("task", "expected"), [
    ("hoàn thành việc rà soát trước ngày 15/02/2024", "2024-02-15"),
    ("tổ chức sơ kết (hoàn thành trước tháng 10/2024)", "2024-10"),
    ("ra mắt mô hình (hoàn thành trong Quý I/2024)", "2024-Q1"),
    ("thường xuyên theo dõi, đôn đốc", None),
])
def test_deadline_in_task(task: str, expected: str | None) -> None:
    assert assignments.deadline("", task, 0, 0, []) == expected


# The fast paths: each must give what the plain patterns give.
@pytest.mark.parametrize("text", [
    "Giao Sở Y tế; giao giao cho X; được giao cho Sở; bàn giao; Đã giao; xgiao Y; giao\n",
    "Chủ trì, phối hợp; chủ trìx; xChủ trì; Chủ trìChủ trì chủ trì",
    "",
])
def test_literal_search_finds_the_pattern_matches(text: str) -> None:
    for pattern, literal in ((assignments.GIAO, "iao"), (assignments.CHU_TRI, "hủ trì")):
        for start in (0, 5):
            assert [m.span() for m in assignments.matches(pattern, literal, text, start)] == \
                [m.span() for m in pattern.finditer(text, start)]


# Every title `TASK_SECTION` knows, as printed: `task_sections` tests their first
# syllable (`TASK_OPENINGS`) before folding them.
@pytest.mark.parametrize("title", [
    "Tổ chức thực hiện", "PHÂN CÔNG NHIỆM VỤ", "Phân công trách nhiệm", "Phân công thực hiện",
    "Trách nhiệm thực hiện", "Trách nhiệm tổ chức thực hiện", "Trách nhiệm của các sở, ngành",
    "Nhiệm vụ cụ thể của các cơ quan", "Giải pháp và tổ chức thực hiện", "Tổ chức thực hiện và chế độ báo cáo",
    "Điều khoản thi hành và tổ chức thực hiện", "Phân công tổ chức thực hiện", "Trách nhiệm của các cấp",
])
def test_task_section_titles(title: str) -> None:
    doc = from_text(NGHE_AN + "I. MỤC ĐÍCH\nNâng cao.\nII. " + title + "\n1. Sở Y tế: theo dõi.\n")
    assert len(task_sections(doc, outline(doc))) == 1


def _lines_doc(text: str) -> Document:
    """Return a Document of `text`, one paragraph a line, bars kept (readers drop them)."""
    paragraphs, pos = [], 0
    for k, line in enumerate(text.split("\n")):
        paragraphs.append(Paragraph(k, pos, pos + len(line), "", "", "text"))
        pos += len(line) + 1
    return Document("t", "t", text, Identity(), tuple(paragraphs))


@pytest.mark.parametrize(("text", "header"), [
    ("| TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp |\n| 1 | Rà soát | Sở Tài chính | Sở Xây dựng |", True),
    ("| TT | Nhiệm vụ | Sở Y tế chủ trì, phối hợp với các sở, ban, ngành liên quan triển khai |", False),
    ("TT\nNhiệm vụ\n*CHỦ TRÌ*\nPhối hợp", True),
    ("Sở Tài chính chủ trì, phối hợp với các sở, ban, ngành và địa phương triển khai thực hiện kế hoạch", False),
])
def test_may_have_table_when_a_cell_is_a_lead_header(text: str, header: bool) -> None:
    """The cheap test of `table_assignments` sees the lead header `_is_lead_header` sees, in bars too."""
    doc = _lines_doc(text)
    assert any(_is_lead_header(c.text) for c in cells(doc)) == header
    assert _may_have_table(doc) == header
