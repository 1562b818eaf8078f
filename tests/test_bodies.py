"""Bodies: tables of real sentences from the corpus and the bodies they must give.

Every row is a sentence printed in a document of ../shared/corpus (seeds, dev,
scale), with the province of the document it comes from. Each table runs
through every implementation we keep (`IMPLEMENTATIONS`): today the rules of
`extractors.bodies` (a spaCy SpanRuler and a chunker); the statistical baseline
(`extractors.baseline`, underthesea's `ner`) is scored on gold, not kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
import spacy
from spacy.pipeline import SpanRuler

from extractors import bodies
from extractors.body_names import Context, find_names
from extractors.body_nlp import nlp
from extractors.gazetteer import anchor, anchors, gazetteer, ruler_patterns
from extractors.name_cache import NameCache
from extractors.recipients import (
    LIST_HEADING,
    RUN_ON_LIST,
    _list_headings,
    _run_on_lists,
    recipient_lines,
    rewrite_recipient,
)
from extractors.spans import BodyMention
from extractors.syllables import SyllableTokenizer
from pipeline.document import from_text


def rules(text: str, ctx: Context) -> list[BodyMention]:
    """Return the bodies the rules find in one sentence."""
    return find_names(text, ctx)


IMPLEMENTATIONS: dict[str, Callable[[str, Context], list[BodyMention]]] = {"rules": rules}

NGHE_AN = Context("Nghệ An", False, "tỉnh")
KIEN_GIANG = Context("Kiên Giang", False, "tỉnh")
BINH_PHUOC = Context("Bình Phước", False, "tỉnh")
DAK_LAK = Context("Đắk Lắk", False, "tỉnh")
CAN_THO = Context("Cần Thơ", True, "thành phố")
NATIONAL = Context()
MOLISA = Context(ministry="Bộ Lao động - Thương binh và Xã hội")

# (sentence, context, expected bodies as (canonical name, province), expected classes)
SENTENCES = [
    # 001 (Nghệ An): a lead, a department with one of its boards, and two classes.
    ("Giao Công an tỉnh chủ trì, phối hợp Sở Nội vụ (Ban Tôn giáo), UBND cấp huyện phối hợp Ủy ban MTTQ "
     "các cấp tổ chức rà soát, đánh giá từng địa bàn", NGHE_AN,
     [("Công an tỉnh Nghệ An", "Nghệ An"), ("Sở Nội vụ", "Nghệ An"), ("Ban Tôn giáo", "Nghệ An")],
     ["Ủy ban nhân dân cấp huyện", "Ủy ban Mặt trận Tổ quốc các cấp"]),
    # 001: an OCR slip ("tính") in the level.
    ("Công an tính chủ trì, phối hợp Sở Giáo dục và Đào tạo tham mưu, triển khai việc xây dựng điểm mô hình",
     NGHE_AN, [("Công an tỉnh Nghệ An", "Nghệ An"), ("Sở Giáo dục và Đào tạo", "Nghệ An")], []),
    # 001: one head, three places.
    ("UBND thành phố Vinh, thị xã Cửa Lò và thị xã Thái Hòa tăng cường chỉ đạo duy trì giữ vững kết quả",
     NGHE_AN, [("Ủy ban nhân dân thành phố Vinh", "Nghệ An"), ("Ủy ban nhân dân thị xã Cửa Lò", "Nghệ An"),
               ("Ủy ban nhân dân thị xã Thái Hòa", "Nghệ An")], []),
    # 001: lower-level police named by place; a bare "Công an phường" is one of many.
    ("Riêng Công an thị xã Hoàng Mai tham mưu xây dựng 100% xã, phường điển hình; Công an huyện Nam Đàn tham "
     "mưu xây dựng ít nhất 50% đơn vị cấp xã", NGHE_AN,
     [("Công an thị xã Hoàng Mai", "Nghệ An"), ("Công an huyện Nam Đàn", "Nghệ An")], []),
    ("hoàn thiện các tiêu chí đối với 16 Công an phường điển hình, kiểu mẫu về ANTT", NGHE_AN, [], []),
    # 001: a unit printed with its parent after a comma.
    ("báo cáo kết quả thực hiện (qua Phòng Tham mưu, Công an tỉnh) để theo dõi, tổng hợp", NGHE_AN,
     [("Phòng Tham mưu Công an tỉnh Nghệ An", "Nghệ An")], []),
    # 003 (Bình Phước): a unit's code and its parent after a dash.
    ("gửi về Ủy ban nhân dân tỉnh (qua Phòng PV01 - Công an tỉnh) để làm cơ sở xem xét khen thưởng", BINH_PHUOC,
     [("Ủy ban nhân dân tỉnh Bình Phước", "Bình Phước"), ("Phòng PV01 Công an tỉnh Bình Phước", "Bình Phước")], []),
    # 001: a descriptive name runs to the level that closes it; subject abbreviations stay as printed.
    ("Công an tỉnh (Cơ quan thường trực Ban Chỉ đạo phòng, chống tội phạm, tệ nạn xã hội và xây dựng phong trào "
     "toàn dân bảo vệ ANTQ tỉnh) hướng dẫn, theo dõi", NGHE_AN,
     [("Công an tỉnh Nghệ An", "Nghệ An"),
      ("Ban Chỉ đạo phòng, chống tội phạm, tệ nạn xã hội và xây dựng phong trào toàn dân bảo vệ ANTQ tỉnh Nghệ An",
       "Nghệ An")], []),
    # 000 (Kiên Giang): media named after the province.
    ("Tuyên truyền trên Báo Kiên Giang, Đài Phát thanh và Truyền hình Kiên Giang, Cổng Thông tin điện tử tỉnh",
     KIEN_GIANG, [("Báo Kiên Giang", "Kiên Giang"), ("Đài Phát thanh và Truyền hình Kiên Giang", "Kiên Giang"),
                  ("Cổng Thông tin điện tử tỉnh Kiên Giang", "Kiên Giang")], []),
    # 000: Party organs and units of the provincial committee.
    ("Đảng ủy Công an tỉnh phối hợp với các cấp ủy đảng chỉ đạo", KIEN_GIANG,
     [("Đảng ủy Công an tỉnh Kiên Giang", "Kiên Giang")], []),
    ("trọng tâm là các nghị quyết, chỉ thị của Bộ Chính trị, Ban Chấp hành Trung ương Đảng về xây dựng lực lượng",
     KIEN_GIANG, [("Bộ Chính trị", None), ("Ban Chấp hành Trung ương Đảng", None)], []),
    # 002: an office title before the committee it belongs to.
    ("Kế hoạch do Phó Bí thư Thường trực Tỉnh ủy Nguyễn Văn Thông ký", NGHE_AN, [("Tỉnh ủy", "Nghệ An")], []),
    # 002: "khóa XI" is the Politburo's term, not part of a name.
    ("Chỉ thị số 46-CT/TW ngày 22/6/2015 của Bộ Chính trị khóa XI về tăng cường", NATIONAL, [("Bộ Chính trị", None)], []),
    # 62f25 (Đắk Lắk): the Front's committee, and the ministries it is listed with.
    ("Chủ trì phối hợp UBND tỉnh, Sở Công Thương và các cơ quan liên quan tổ chức tiếp nhận", DAK_LAK,
     [("Ủy ban nhân dân tỉnh Đắk Lắk", "Đắk Lắk"), ("Sở Công Thương", "Đắk Lắk")], []),
    ("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội:", DAK_LAK,
     [("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Đắk Lắk", "Đắk Lắk")], []),
    ("Đề nghị các doanh nghiệp viễn thông (VNPT, Viettel, MobiFone và doanh nghiệp khác): Đảm bảo thông tin",
     DAK_LAK, [("VNPT", None), ("Viettel", None), ("MobiFone", None)], []),
    # 00e8 (Bắc Ninh): a list after a title; a class of People's Committees.
    ("Thủ trưởng các cơ quan: Văn phòng UBND tỉnh, Sở Công Thương, Sở Văn hóa, Thể thao và Du lịch, Ban Quản lý "
     "các khu công nghiệp tỉnh; Chủ tịch UBND các xã, phường", Context("Bắc Ninh", False, "tỉnh"),
     [("Văn phòng Ủy ban nhân dân tỉnh Bắc Ninh", "Bắc Ninh"), ("Sở Công Thương", "Bắc Ninh"),
      ("Sở Văn hóa, Thể thao và Du lịch", "Bắc Ninh"), ("Ban Quản lý các khu công nghiệp tỉnh Bắc Ninh", "Bắc Ninh")],
     ["Ủy ban nhân dân các xã, phường"]),
    # cb__thong-tu-so-10-2024: an office title before its department.
    ("Theo đề nghị của Cục trưởng Cục Quản lý đấu thầu;", NATIONAL, [("Cục Quản lý đấu thầu", None)], []),
    # cb__van-ban-hop-nhat-so-4246: "Bộ" alone is the issuing ministry.
    ("Theo đề nghị của Chánh thanh tra Bộ;", MOLISA, [("Thanh tra Bộ Lao động - Thương binh và Xã hội", None)], []),
    # scale (a Kon Tum decision): a shared head after a title, as the issue asks.
    ("Chánh Văn phòng UBND tỉnh, Giám đốc các Sở: Nội vụ, Nông nghiệp và Môi trường, Tài chính, Thủ trưởng các "
     "cơ quan, đơn vị liên quan chịu trách nhiệm thi hành", NGHE_AN,
     [("Văn phòng Ủy ban nhân dân tỉnh Nghệ An", "Nghệ An"), ("Sở Nội vụ", "Nghệ An"),
      ("Sở Nông nghiệp và Môi trường", "Nghệ An"), ("Sở Tài chính", "Nghệ An")], []),
    # cb__quyet-dinh-so-28-2021: a class in a national decision.
    ("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương chỉ đạo các cơ quan chuyên môn", NATIONAL, [],
     ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]),
    # 62f25: a header in capitals.
    ("ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK", DAK_LAK, [("Ủy ban nhân dân tỉnh Đắk Lắk", "Đắk Lắk")], []),
    # Negatives: generic groups, symbols, places that look like names, rooms, computers.
    ("Các sở, ban, ngành, tổ chức chính trị - xã hội cấp tỉnh, UBND các huyện, thành, thị xây dựng kế hoạch",
     NGHE_AN, [], None),
    ("Nâng cao năng lực lãnh đạo, chỉ đạo của cấp ủy đảng, chính quyền các cấp, vai trò của các ban, ngành đoàn thể",
     KIEN_GIANG, [], []),
    ("Quyết định số 146/QĐ-UBND ngày 16/3/2023 về ban hành Đề án xây dựng Công an phường điển hình", NGHE_AN, [], []),
    ("hoạt động của các tổ chức phi chính phủ nước ngoài tại tỉnh", KIEN_GIANG, [], []),
    ("Phòng Thực hành mạng máy tính 3,2 85 272", NATIONAL, [], []),
    ("Xã Phú Mỡ, Phường Sông Cầu, Xã Ô Loan, Xã Tuy An Nam", DAK_LAK, [], []),
    # dev skill-sct (Lào Cai): a company's legal form is not its name; a real name is.
    ("ban hành 04 kết luận thanh tra (thanh tra tại Công ty Cổ phần khoáng sản 3 - Vimico và Công ty Cổ phần",
     Context("Lào Cai", False, "tỉnh"), [("Công ty Cổ phần khoáng sản 3 - Vimico", "Lào Cai")], []),
    # cb__nghi-dinh-so-153-2026: a border gate named after a river, not a department.
    ("04 Cửa khẩu Sở Thượng", NATIONAL, [], []),
]


@pytest.mark.parametrize("impl", list(IMPLEMENTATIONS))
@pytest.mark.parametrize(("sentence", "ctx", "expected", "classes"), SENTENCES,
                         ids=[s[0][:50] for s in SENTENCES])
def test_bodies_in_sentences(impl: str, sentence: str, ctx: Context, expected: list, classes: list | None) -> None:
    found = IMPLEMENTATIONS[impl](sentence, ctx)
    assert [(m.name, m.province) for m in found if m.kind == "body"] == expected
    if classes is not None:
        assert [m.name for m in found if m.kind == "class"] == classes
    for m in found:
        assert sentence[m.start:m.end] == m.text  # offsets point into the text


# (recipient entry as printed, context, canonical names it stands for)
RECIPIENTS = [
    ("TT.TU, TT.HĐNDTP", CAN_THO, ["Thường trực Thành ủy", "Thường trực Hội đồng nhân dân thành phố Cần Thơ"]),
    ("CT, PCT UBNDTP", CAN_THO, ["Ủy ban nhân dân thành phố Cần Thơ"]),
    ("Ban TG&DVTU", CAN_THO, ["Ban Tuyên giáo và Dân vận Thành ủy"]),
    ("Cổng TTĐTTP", CAN_THO, ["Cổng Thông tin điện tử thành phố Cần Thơ"]),
    ("VP UBND (2,3C)", CAN_THO, ["Văn phòng Ủy ban nhân dân thành phố Cần Thơ"]),
    ("Sở: NN&MT, TC, VH,TT&DL, GD&ĐT, YT, Nội vụ", CAN_THO,
     ["Sở Nông nghiệp và Môi trường", "Sở Tài chính", "Sở Văn hóa, Thể thao và Du lịch", "Sở Giáo dục và Đào tạo",
      "Sở Y tế", "Sở Nội vụ"]),
    ("VPQG về Giảm nghèo", CAN_THO, ["Văn phòng Quốc gia về Giảm nghèo"]),
    ("Các Bộ: Công Thương, NNMT (b/c)", DAK_LAK, ["Bộ Công Thương", "Bộ Nông nghiệp và Môi trường"]),
    ("TT. Tỉnh ủy, TT. HĐND Tỉnh (b/c)", DAK_LAK,
     ["Thường trực Tỉnh ủy", "Thường trực Hội đồng nhân dân tỉnh Đắk Lắk"]),
    ("BCH PTDS tỉnh", DAK_LAK, ["Ban Chỉ huy Phòng thủ dân sự tỉnh Đắk Lắk"]),
    ("UBMTTQVN tỉnh và Hội, đoàn thể tỉnh", DAK_LAK, ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Đắk Lắk"]),
    ("Các Văn phòng: TU, Đoàn ĐBQH-HĐND Tỉnh", DAK_LAK,
     ["Văn phòng Tỉnh ủy", "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh Đắk Lắk"]),
    ("Công an tỉnh, BCHQS tỉnh", DAK_LAK, ["Công an tỉnh Đắk Lắk", "Bộ Chỉ huy Quân sự tỉnh Đắk Lắk"]),
    ("Báo và PTTH tỉnh; các cơ quan báo chí", DAK_LAK, ["Báo và Phát thanh - Truyền hình tỉnh Đắk Lắk"]),
    ("Cty Điện lực tỉnh; Các DN viễn thông", DAK_LAK, ["Công ty Điện lực tỉnh Đắk Lắk"]),
    ("Lãnh đạo VP, P. Nội chính", KIEN_GIANG, ["Văn phòng Ủy ban nhân dân tỉnh Kiên Giang", "Phòng Nội chính"]),
    ("Bộ Công an (Cục V05)", BINH_PHUOC, ["Bộ Công an", "Cục V05"]),
    ("Ban Thi đua - Khen thưởng (Thành phố Hà Nội, Thành phố Hồ Chí Minh)", BINH_PHUOC,
     ["Ban Thi đua - Khen thưởng thành phố Hà Nội", "Ban Thi đua - Khen thưởng thành phố Hồ Chí Minh"]),
    ("Cục Kiểm soát TTHC-VPCP", Context("An Giang", False, "tỉnh"), ["Cục Kiểm soát thủ tục hành chính"]),
    ("Trung tâm PVHCC", Context("An Giang", False, "tỉnh"), ["Trung tâm Phục vụ hành chính công"]),
    ("LĐVP, TPKTTH, KGVX, TH", Context("Bắc Ninh", False, "tỉnh"),
     ["Văn phòng Ủy ban nhân dân tỉnh Bắc Ninh", "Phòng Kinh tế tổng hợp", "Phòng Khoa giáo - Văn xã"]),
    ("Các sở, ban, ngành, đoàn thể cấp tỉnh", KIEN_GIANG, []),
    # dev skill-sct (Lào Cai): after "tỉnh" a person's name, not a place.
    ("PCT UBND tỉnh Nguyễn Thành Sinh;", Context("Lào Cai", False, "tỉnh"), ["Ủy ban nhân dân tỉnh Lào Cai"]),
    # scale (Hà Tĩnh): "báo" is a stop word ("báo cáo") but not inside "Công báo".
    ("Trung tâm Công báo - Tin học tỉnh;", Context("Hà Tĩnh", False, "tỉnh"),
     ["Trung tâm Công báo - Tin học tỉnh Hà Tĩnh"]),
]


@pytest.mark.parametrize(("entry", "ctx", "expected"), RECIPIENTS, ids=[r[0] for r in RECIPIENTS])
def test_recipient_abbreviations(entry: str, ctx: Context, expected: list[str]) -> None:
    found = find_names(rewrite_recipient(entry, ctx), ctx, bare_issuer=True)
    assert [m.name for m in found if m.kind == "body"] == expected


# Documents: the issuer of a cited document, the recipient list, one name per body.
CITED = """ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG
KẾ HOẠCH
Tuyên truyền Nghị quyết
Căn cứ Nghị quyết số 36-NQ/TU ngày 20/01/2023 của Ban Thường vụ Tỉnh ủy về “xây dựng Công an phường điển hình, kiểu mẫu về an ninh, trật tự và văn minh đô thị trên địa bàn tỉnh giai đoạn 2023 - 2030”;
Căn cứ Thông tư số 46/2014/TT-BCA ngày 16/10/2014 của Bộ trưởng Bộ Công an quy định chi tiết một số điều;
Ủy ban nhân dân tỉnh xây dựng kế hoạch tuyên truyền như sau:
1. Sở Thông tin và Truyền thông hướng dẫn Đài Phát thanh và Truyền hình tỉnh đưa nội dung này vào chuyên mục.
Nơi nhận:
- TT. Tỉnh ủy; TT. HĐND tỉnh;
- CT, các PCT. UBND tỉnh;
- Đài Phát thanh và Truyền hình tỉnh;
- Lưu: VT, CA tỉnh.
"""


def test_document_roles_and_names() -> None:
    doc = from_text(CITED)
    found = bodies.extract(doc, {})
    roles = {(m.name, m.role) for m in found}
    assert ("Ban Thường vụ Tỉnh ủy", "citation_issuer") in roles
    assert ("Bộ Công an", "citation_issuer") in roles
    assert ("Sở Thông tin và Truyền thông", "mention") in roles
    assert ("Thường trực Tỉnh ủy", "recipient") in roles
    assert ("Thường trực Hội đồng nhân dân tỉnh Kiên Giang", "recipient") in roles
    assert ("Ủy ban nhân dân tỉnh Kiên Giang", "issuer") in roles
    # "Lưu: VT, CA tỉnh" is the filing note, not a recipient.
    assert not any(m.text.startswith("- Lưu") for m in found)
    # The same broadcaster in the body and in the recipient list: one name.
    assert {m.name for m in found if m.name.startswith("Đài")} == {"Đài Phát thanh và Truyền hình tỉnh Kiên Giang"}
    for m in found:
        assert doc.text[m.start:m.end] == m.text


def test_one_name_per_body_within_a_document() -> None:
    """62f25: "Báo và PTTH tỉnh" in the recipients is the "Báo và Phát thanh - Truyền hình Đắk Lắk" of the text."""
    doc = from_text("""ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK
KẾ HOẠCH
Hỗ trợ nhu yếu phẩm
9. Báo và Phát thanh - Truyền hình Đắk Lắk, Sở Văn hóa, Thể thao và Du lịch: tăng cường thông tin.
12. Đề nghị Công ty Điện lực Đắk Lắk: Khẩn trương kiểm tra, khắc phục sự cố lưới điện.
Nơi nhận:
- Báo và PTTH tỉnh; các cơ quan báo chí;
- Cty Điện lực tỉnh; Các DN viễn thông;
- Lưu: VT, TH (Ta).
""")
    names = {m.name for m in bodies.extract(doc, {}) if m.kind == "body"}
    assert "Báo và Phát thanh - Truyền hình Đắk Lắk" in names
    assert "Công ty Điện lực Đắk Lắk" in names
    assert not any(n.endswith("tỉnh Đắk Lắk") and n.startswith(("Báo", "Công ty")) for n in names)


def test_short_name_of_the_one_steering_committee() -> None:
    """004 (Kiên Giang): "Ban Chỉ đạo tỉnh" in the recipients is the one Ban Chỉ đạo the text names in full."""
    doc = from_text("""CHỈ THỊ
Tiếp tục đẩy mạnh phong trào toàn dân bảo vệ an ninh Tổ quốc
Trong những năm qua, được sự quan tâm lãnh đạo của Tỉnh ủy, Ủy ban nhân dân tỉnh Kiên Giang, sự chỉ đạo quyết liệt của Ban Chỉ đạo phòng, chống tội phạm, tệ nạn xã hội và xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc các cấp, sự phối hợp của các cơ quan, ban, ngành.
Nơi nhận:
- Các Phó Trưởng ban và thành viên Ban Chỉ đạo, Tổ trưởng và các Tổ phó Tổ giúp việc của Ban Chỉ đạo tỉnh;
- Lưu: VT, CA tỉnh, hylu.
""")
    found = bodies.extract(doc, {})
    assert [m.name for m in found if m.kind == "class"] == [
        "Ban Chỉ đạo phòng, chống tội phạm, tệ nạn xã hội và xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc các cấp"]
    assert [m.name for m in found if m.role == "recipient"] == [
        "Ban Chỉ đạo phòng, chống tội phạm, tệ nạn xã hội và xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc tỉnh "
        "Kiên Giang"]


# The fast paths: each must give what the plain reading gives.
TEXTS = [s[0] for s in SENTENCES] + [rewrite_recipient(r[0], r[1]) for r in RECIPIENTS]


def test_texts_read_together_give_what_each_gives_alone() -> None:
    """`name_cache` reads the texts it has not seen as one Doc: the separator keeps them apart."""
    together = NameCache().read(TEXTS)
    alone = [NameCache().read([text])[0] for text in TEXTS]
    assert together == alone
    assert any(together)


def test_name_cache_reuses_and_stays_bounded() -> None:
    cache = NameCache(size=2)
    first = cache.read(["Sở Tài chính chủ trì", "Công an tỉnh phối hợp", "Sở Tài chính chủ trì"])
    assert (cache.hits, cache.misses) == (0, 2)  # the repeat within one call is read once
    assert first[0] == first[2] and [f.parse.head for f in first[0]] == ["Sở"]
    assert cache.read(["Công an tỉnh phối hợp"]) == [first[1]]
    assert cache.hits == 1
    cache.read(["Bộ Công an", "Bộ Tài chính"])
    assert len(cache.entries) == 2  # the oldest were dropped
    # A parse counts its tokens from the name's first token: one name, one parse, wherever printed.
    assert cache.read(["Giao Sở Tài chính chủ trì"])[0][0].parse == first[0][0].parse


def test_part_ruler_finds_what_a_span_ruler_finds() -> None:
    """The pieces the chunker reads as tuples are the stock SpanRuler's spans, in the order it reads them."""
    stock = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "spacy.Tokenizer.v1"}}})
    stock.tokenizer = SyllableTokenizer(stock.vocab)
    ruler = stock.add_pipe("span_ruler", config={"spans_key": "body_parts", "phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(ruler_patterns(gazetteer()))  # type: ignore[attr-defined]
    part_ruler = nlp().get_pipe("body_part_ruler")
    assert isinstance(part_ruler, SpanRuler)
    for text in TEXTS:
        doc = stock(text)
        # Stable: equal spans keep the SpanRuler's order (by label, then id).
        expected = sorted(((s.start, s.end, s.label_, s.id_) for s in doc.spans["body_parts"]),
                          key=lambda p: (p[0], -p[1]))
        assert part_ruler(nlp().tokenizer(text)).user_data["body_parts"] == expected


@pytest.mark.parametrize("text", [
    "Ủy ban nhân dân tỉnh, UBND-Ban Chỉ đạo, xBan Chỉ đạo, &Sở Y tế, Sở_Y tế, các sở: Nội vụ",
    "Ban\nChỉ đạo tỉnh; Giám đốc Sở Tài chính; BAN THƯỜNG VỤ TỈNH ỦY",
    "",
])
def test_anchors_are_the_anchor_regex_matches(text: str) -> None:
    assert [m.span() for m in anchors(text, 0, len(text))] == [m.span() for m in anchor().finditer(text)]


@pytest.mark.parametrize("text", [
    "Nơi nhận:\n- Sở Y tế;\n- Lưu: VT.\n",
    "Nơi nhận:\n  Kính gửi: Sở Y tế\n- Công an tỉnh;\n",  # "\s*" ran over the line end: no second list
    "  Kính gửi Nơi nhận: Sở Tài chính\n",
    "- Chính phủ; - Ban Tổ chức Trung ương; - Lưu: HC, PLTP.\nx - a; - Lưu: b\n\t- c;\t-\tLưu\t: d",
])
def test_recipient_lines_are_the_patterns_matches(text: str) -> None:
    """Recipient lists are found from literals, the start of the line checked after: same matches."""
    assert list(_run_on_lists(text)) == [(m.start(), m.end()) for m in RUN_ON_LIST.finditer(text)]
    assert list(_list_headings(text)) == [m.end() for m in LIST_HEADING.finditer(text)]
    doc = from_text(text)
    expected = [(m.start() + e.start(1), m.start() + e.end(1)) for m in RUN_ON_LIST.finditer(doc.text)
                for e in re.finditer(r"-\s*([^;\n]+)", m.group(0))]
    assert list(recipient_lines(doc))[:len(expected)] == expected
