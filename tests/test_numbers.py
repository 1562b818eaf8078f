"""Numbers, percentages and targets: tables of real phrases and what they must give."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pytest

from extractors.dates import extract as extract_dates
from extractors.numbers import percentages, targets
from extractors.spans import BodyMention, Percentage, Span, Target
from extractors.vnumbers import parse_number, scale_of
from pipeline.document import from_text, load

# A plan's header: targets are read in plans, not in laws and decrees. The
# body's first item is numbered so that it is not read as the title's end.
HEADER = "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN\nSố: 104/KH-UBND\nNghệ An, ngày 07 tháng 02 năm 2024\nKẾ HOẠCH\nXây dựng phong trào\n\n1. "


@pytest.mark.parametrize(
    "text, expected",
    [
        ("95,5", 95.5),          # decimal comma
        ("1.000", 1000.0),       # thousands dot
        ("1.000.000", 1e6),
        ("12.000,5", 12000.5),
        ("2.789.000", 2789000.0),
        ("99.4", 99.4),          # a spreadsheet's decimal point: not groups of three
        ("0.75", 0.75),
        ("0,002", 0.002),
        ("07", 7.0),             # the leading zero of counts
        ("1,000,000", 1e6),      # English thousands
    ],
)
def test_parse_number(text: str, expected: float) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize("words, factor", [("nghìn", 1e3), ("ngàn", 1e3), ("triệu", 1e6), ("tỷ", 1e9),
                                           ("nghìn tỷ", 1e12), (None, 1.0)])
def test_scale_words(words: str | None, factor: float) -> None:
    assert scale_of(words) == factor


def pcts(text: str) -> list[Percentage]:
    """Return the percentages of `text`, checking that each one's offsets hold its number."""
    doc = from_text(text)
    found = [p for p in percentages(doc, {}) if isinstance(p, Percentage)]
    for p in found:
        assert doc.text[p.start:p.end] == p.text
        assert p.text[:1].isdigit()
    return found


# (sentence, [(value, qualifier)]): every `N%`, its value and its qualifier.
PERCENTS = [
    ("- 100% thủ tục hành chính đủ điều kiện theo quy định được cung cấp", [(100, None)]),
    ("Phần đầu đến hết năm 2025, có ít nhất 27% trở lên và đến hết năm 2030 có 100% Công an phường",
     [(27, "at_least"), (100, None)]),
    ("- Tối thiểu 90% người dân, doanh nghiệp hài lòng", [(90, "at_least")]),
    ("xây dựng ít nhất 15% đơn vị cấp xã", [(15, "at_least")]),
    ("nhà đầu tư nước ngoài nắm giữ trên 50% vốn điều lệ", [(50, "at_least")]),
    ("thiệt hại trên 70% do ảnh hưởng trực tiếp của thiên tai", [(70, "at_least")]),
    ("tỷ lệ tổn thương cơ thể từ 81% trở lên", [(81, "at_least")]),
    ("Hàm lượng: ≥ 96% 0,14", [(96, "at_least")]),
    ("lao động được đào tạo kỹ năng số cơ bản đạt trên 80%;", [(80, "at_least")]),
    ("tỷ suất lợi nhuận không thấp hơn 50% mức lương cơ bản", [(50, "at_least")]),
    ("theo nguyên tắc vượt 1% lợi nhuận so với kế hoạch", [(1, "at_least")]),
    ("Doanh nghiệp do Nhà nước nắm giữ không quá 50% vốn điều lệ", [(50, "at_most")]),
    ("không vượt quá 20% mức tiền lương của người quản lý", [(20, "at_most")]),
    ("bảo đảm không vượt 30%; nêu giá trị ước tính", [(30, "at_most")]),
    ("Hỗ trợ tối đa 50% tổng giá trị công trình", [(50, "at_most")]),
    ("trường hợp kết luận suy giảm khả năng lao động dưới 5%", [(5, "at_most")]),
    ("Tinh quặng rutil TiO2 ≤ 87%", [(87, "at_most")]),
    ("monomer alpha-olefin từ 5% trở xuống", [(5, "at_most")]),
    # `trở lên` of an age, before the number, is not the percentage's.
    ("người từ 65 tuổi trở lên đạt khoảng 12%", [(12, None)]),
    # The Vietnamese decimal comma, and a spreadsheet's decimal point.
    ("tăng 9,42% so cùng kỳ", [(9.42, None)]),
    ("Hàm lượng: ≥ 98,5%", [(98.5, "at_least")]),
    ("99.4%", [(99.4, None)]),
    ("giảm 50 % mức phí", [(50, None)]),
    # Each end of a range counts, with no qualifier.
    ("chiếm tỷ lệ từ 70% đến 80%;", [(70, None), (80, None)]),
    ("nắm giữ từ 50% đến dưới 100% vốn điều lệ", [(50, None), (100, None)]),
    ("(chiếm tỷ trọng 40-50% tổng số điểm)", [(40, None), (50, None)]),
    ("nhóm năng lực chung chiếm từ 20 - 25 % và thuộc", [(20, None), (25, None)]),
    ("Nhân sự chủ chốt (Từ 50 đến 60% tổng số điểm)", [(50, None), (60, None)]),
    ("- Phấn đấu 30% - 40% cán bộ và công chức", [(30, None), (40, None)]),
    ("cao hơn từ trên 15% đến không quá 30% so với mức giá", [(15, None), (30, None)]),
]


@pytest.mark.parametrize("text, expected", PERCENTS, ids=[r[0][:40] for r in PERCENTS])
def test_percentage_value_and_qualifier(text: str, expected: list[tuple[float, str | None]]) -> None:
    assert [(p.value, p.qualifier) for p in pcts(text)] == [(float(v), q) for v, q in expected]


def test_range_keeps_its_upper_end_on_the_first() -> None:
    first, second = pcts("theo tỷ lệ là 20 - 25 % thuộc nhóm")
    assert (first.value, first.upper, first.text) == (20.0, 25.0, "20")
    assert (second.value, second.upper) == (25.0, None)


@pytest.mark.parametrize(
    "text, subject",
    [
        ("- 100% thủ tục hành chính đủ điều kiện theo quy định được cung cấp dưới hình thức dịch vụ công",
         "thủ tục hành chính đủ điều kiện theo quy định"),
        ("- 100% hồ sơ về dân cư được tạo, lưu trữ", "hồ sơ về dân cư"),
        ("Tỷ trọng thương mại điện tử trong tổng mức bán lẻ đạt tối thiểu 20%;",
         "Tỷ trọng thương mại điện tử trong tổng mức bán lẻ"),
        ("có ít nhất 70% tổng số thành viên hội đồng trường tham dự", "tổng số thành viên hội đồng trường tham dự"),
    ],
)
def test_percentage_subject(text: str, subject: str) -> None:
    (p,) = pcts(text)
    assert p.subject == subject


NOT_PERCENTS = [
    "https://vbpl.vn/?ItemID=123084&Keyword=14/2007/TT-BL%C4%90TBXH",  # a URL's escapes
    "Thuế suất CEPA (%) 2026 2027",                                  # a column's unit
    "Chung Số hộ % Số hộ %",
    "05 = 04:01 %",                                                  # a formula of columns
    ".......... %",
]


@pytest.mark.parametrize("text", NOT_PERCENTS, ids=[t[:30] for t in NOT_PERCENTS])
def test_not_a_percentage(text: str) -> None:
    assert pcts(text) == []


def plan_targets(text: str, bodies: list[BodyMention] | None = None) -> list[Target]:
    """Return the targets of `text` in a plan, with the dates found in it and the bodies given."""
    doc = from_text(HEADER + text)
    found: dict[str, Sequence[Span]] = {"dates": extract_dates(doc, {}), "bodies": bodies or []}
    out = [t for t in targets(doc, found) if isinstance(t, Target)]
    for t in out:
        assert doc.text[t.start:t.end] == t.text
    return out


# (sentence, [(value, total, unit, qualifier)]).
TARGETS = [
    ("phấn đấu trong năm 2024 có 105 đơn vị cấp xã và 06 đơn vị cấp huyện, gồm: thị xã Thái Hòa",
     [(105, None, "đơn vị cấp xã", None), (6, None, "đơn vị cấp huyện", None)]),
    ("UBND thành phố Vinh, thị xã Hoàng Mai tập trung xây dựng 07 Công an phường đạt “Điển hình”",
     [(7, None, "Công an phường", None)]),
    ("Tập trung xây dựng, củng cố, duy trì hoạt động hiệu quả ít nhất 01 mô hình về phòng chống tội phạm",
     [(1, None, "mô hình", "at_least")]),
    ("xây dựng ít nhất 01 cơ quan, 01 doanh nghiệp, 02 cơ sở giáo dục thuộc thẩm quyền quản lý",
     [(1, None, "cơ quan", "at_least"), (1, None, "doanh nghiệp", None), (2, None, "cơ sở giáo dục", None)]),
    ("Đến hết năm 2025, 18/18 Công an các phường đạt tiêu chí", [(18, 18, "Công an các phường", None)]),
    ("phấn đấu đạt 500 nghìn tài khoản định danh điện tử", [(500_000, None, "tài khoản định danh điện tử", None)]),
    ("phấn đấu đến năm 2030 đạt 18.000 tấn; tổng giá trị sản phẩm", [(18_000, None, "tấn", None)]),
    ("bố trí 1.000 tỷ đồng để xây dựng", []),
    ("huy động 1.000 tỷ đồng để xây dựng, phấn đấu đạt 1.000 tỷ đồng", [(1e12, None, "đồng", None)]),
]


@pytest.mark.parametrize("text, expected", TARGETS, ids=[r[0][:40] for r in TARGETS])
def test_target(text: str, expected: list[tuple[float, float | None, str, str | None]]) -> None:
    got = [(t.value, t.total, t.unit, t.qualifier) for t in plan_targets(text)]
    assert got == [(float(v), None if n is None else float(n), u, q) for v, n, u, q in expected]


# Counts that are not targets: work done, durations, parts of a text, limits,
# names, table rows, fractions.
NOT_TARGETS = [
    "tăng cường chỉ đạo duy trì giữ vững kết quả đối với 16 Công an phường điển hình đã xây dựng trong năm 2023",
    "Tổ chức sơ kết, đánh giá 02 năm xây dựng xã, phường, thị trấn",
    "theo quy định tại khoản 2 Điều 5 của Nghị định",
    "Có công suất không quá 80 tấn / giờ",
    "triển khai Đề án 06 phục vụ chỉ đạo điều hành",
    "Quỹ thanh toán thêm 1/2 chi phí đối với",
    "Sau khi sắp xếp, tỉnh Đồng Nai có 95 đơn vị hành chính cấp xã",
    "phát triển đô thị, liên kết vùng 105 Phát triển hạ tầng số",
]


@pytest.mark.parametrize("text", NOT_TARGETS, ids=[t[:40] for t in NOT_TARGETS])
def test_not_a_target(text: str) -> None:
    assert [t.text for t in plan_targets(text)] == []


def test_counts_under_a_goal_heading_are_targets() -> None:
    (t,) = plan_targets("Mục đích\n\nII. MỤC TIÊU\n\n- 500 nghìn tài khoản định danh điện tử được kích hoạt.")
    assert (t.value, t.unit) == (500_000.0, "tài khoản định danh điện tử")
    assert plan_targets("Mục đích\n\nII. NỘI DUNG\n\n- 500 nghìn tài khoản định danh điện tử được kích hoạt.") == []


def test_target_due_date_and_responsible_body() -> None:
    text = "UBND thành phố Vinh tập trung xây dựng 07 Công an phường đạt “Điển hình” trong năm 2024."
    start = len(HEADER) + text.index("UBND")
    vinh = BodyMention(start=start, end=start + len("UBND thành phố Vinh"), text="UBND thành phố Vinh",
                       name="Ủy ban nhân dân thành phố Vinh")
    (t,) = plan_targets(text, [vinh])
    assert (t.value, t.due, t.responsible) == (7.0, "2024", "Ủy ban nhân dân thành phố Vinh")


def test_responsible_body_is_the_one_given_the_task() -> None:
    text = "Công an tỉnh tham mưu, trong đó giao UBND các huyện chỉ đạo xây dựng ít nhất 01 mô hình."
    base = len(HEADER)
    bodies = [BodyMention(start=base, end=base + 12, text="Công an tỉnh", name="Công an tỉnh"),
              BodyMention(start=base + text.index("UBND"), end=base + text.index(" chỉ đạo"),
                          text="UBND các huyện", name="Ủy ban nhân dân các huyện")]
    (t,) = plan_targets(text, bodies)
    assert t.responsible == "Ủy ban nhân dân các huyện"


def test_normative_text_has_no_targets() -> None:
    doc = from_text("CHÍNH PHỦ\nSố: 15/2020/NĐ-CP\nHà Nội, ngày 03 tháng 02 năm 2020\nNGHỊ ĐỊNH\nQuy định\n\n"
                    "Điều 3. Phấn đấu xây dựng 07 Công an phường.")
    assert targets(doc, {}) == []


def f1(pairs: list[tuple[Counter, Counter]]) -> float:
    """Return the F1 of predicted against gold multisets, summed over documents."""
    tp = sum(sum((got & want).values()) for got, want in pairs)
    fp = sum(sum((got - want).values()) for got, want in pairs)
    fn = sum(sum((want - got).values()) for got, want in pairs)
    return 2 * tp / (2 * tp + fp + fn)


@pytest.mark.parametrize("gold_set", ["seeds", "dev"])
def test_gold_percentages_f1(shared: Path, gold_set: str) -> None:
    """Score percentages as tools/score.py does: values F1 >= 0.99, with qualifiers >= 0.95."""
    values: list[tuple[Counter, Counter]] = []
    qualified: list[tuple[Counter, Counter]] = []
    for gold_file in sorted((shared / "gold" / gold_set).glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        pred = [p for p in percentages(load(shared / gold["source"]), {}) if isinstance(p, Percentage)]
        values.append((Counter(p.value for p in pred), Counter(float(g["value"]) for g in gold["percentages"])))
        qualified.append((Counter((p.value, p.qualifier) for p in pred),
                          Counter((float(g["value"]), g["qualifier"]) for g in gold["percentages"])))
    assert f1(values) >= 0.99
    assert f1(qualified) >= 0.95
