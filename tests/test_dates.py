"""Dates: tables of real phrases from the corpus and the issue, and what they must give.

Each row checks the ISO value, the granularity and that the offsets point at
the words of the date; then roles, years lent by ranges and by the
document's own date, and phrases that must give no date.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from extractors.dates import extract
from extractors.spans import DateMention
from pipeline.document import from_text, load

# The scorer keeps only these values: days, months, quarters with their year.
SCORED = re.compile(r"^\d{4}-(\d{2}(-\d{2})?|Q[1-4])$")
# A plan's header, so that the document has its own date (2024-02-07); the
# body's first item is numbered so that it is not read as the title's end.
HEADER = "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN\nSố: 104/KH-UBND\nNghệ An, ngày 07 tháng 02 năm 2024\nKẾ HOẠCH\nXây dựng phong trào\n\n1. "


def dates(text: str) -> list[DateMention]:
    """Return the dates of `text` read as a one-paragraph document, checking each offset."""
    doc = from_text(text)
    found = [d for d in extract(doc, {}) if isinstance(d, DateMention)]
    for d in found:
        assert doc.text[d.start:d.end] == d.text
    return found


def body_dates(text: str) -> list[DateMention]:
    """Return the dates of `text` under a plan's header (the header's own date left out)."""
    doc = from_text(HEADER + text)
    return [d for d in extract(doc, {}) if isinstance(d, DateMention) and d.start >= doc.body_start]


# (phrase, [(text, value, granularity)]): every form the issue lists, in real sentences.
VALUES = [
    ("Nghị quyết số 36-NQ/TU ngày 20/01/2023 của Ban Thường vụ Tỉnh ủy",
     [("ngày 20/01/2023", "2023-01-20", "day")]),
    ("Kết luận số 44-KL/TW ngày 22-01-2019 của Ban Bí thư về việc",
     [("ngày 22-01-2019", "2019-01-22", "day")]),
    ("Quyết định số 1002/QĐ-TTg ngày 24-5-2025 phê duyệt Đề án",
     [("ngày 24-5-2025", "2025-05-24", "day")]),
    ("Nghệ An, ngày 01 tháng 4 năm 2021", [("ngày 01 tháng 4 năm 2021", "2021-04-01", "day")]),
    ("ký ngày 01-4-2021", [("ngày 01-4-2021", "2021-04-01", "day")]),
    ("MinhHồng/QĐ ngày 30.11.2025 của Sở", [("ngày 30.11.2025", "2025-11-30", "day")]),
    ("(hoàn thành trước tháng 10/2024)", [("tháng 10/2024", "2024-10", "month")]),
    ("vào Công an nhân dân tháng 9 năm 1987, được nghỉ", [("tháng 9 năm 1987", "1987-09", "month")]),
    ("và hoàn thành trong Quý II/2024)", [("Quý II/2024", "2024-Q2", "quarter")]),
    ("số liệu thực hiện chính thức của quý I năm 2024 cộng với",
     [("quý I năm 2024", "2024-Q1", "quarter")]),
    ("hoàn thành trong Quí IV-2025", [("Quí IV-2025", "2025-Q4", "quarter")]),
    ("Kế hoạch xây dựng phong trào toàn dân bảo vệ ANTQ năm 2024 trên địa bàn tỉnh",
     [("năm 2024", "2024", "year")]),
    ("trên địa bàn tỉnh giai đoạn 2023 - 2030", [("2023 - 2030", "2023", "year")]),
    ("nông thôn mới giai đoạn 2021-2025 trên địa bàn", [("2021-2025", "2021", "year")]),
    ("chuyển đổi số quốc gia đến năm 2025, tầm nhìn đến năm 2030",
     [("năm 2025", "2025", "year"), ("năm 2030", "2030", "year")]),
    ("ông B là các tháng sau: Tháng 11, 12/2013.",
     [("Tháng 11", "2013-11", "month"), ("12/2013", "2013-12", "month")]),
    ("tháng 12/2014 và tháng 01, 02, 5, 6, 7/2015",
     [("tháng 12/2014", "2014-12", "month"), ("tháng 01", "2015-01", "month"), ("02", "2015-02", "month"),
      ("5", "2015-05", "month"), ("6", "2015-06", "month"), ("7/2015", "2015-07", "month")]),
    # A month without its own year takes the year of its phrase.
    ("tổ chức từ tháng 3 đến tháng 10 năm 2026",
     [("tháng 3", "2026-03", "month"), ("tháng 10 năm 2026", "2026-10", "month")]),
    ("Từ ngày 15/11 đến ngày 20/11/2025, trên địa bàn",
     [("ngày 15/11", "2025-11-15", "day"), ("ngày 20/11/2025", "2025-11-20", "day")]),
    # A range over new year starts in the year before.
    ("từ tháng 10 đến tháng 3 năm 2026", [("tháng 10", "2025-10", "month"), ("tháng 3 năm 2026", "2026-03", "month")]),
    ("do đợt mưa lũ từ ngày 16-22/11/2025, gửi Văn phòng Chính phủ",
     [("ngày 16", "2025-11-16", "day"), ("22/11/2025", "2025-11-22", "day")]),
    ("Trong các ngày 08 và 09 tháng 11 năm 2025, Phó Thủ tướng",
     [("ngày 08", "2025-11-08", "day"), ("09 tháng 11 năm 2025", "2025-11-09", "day")]),
    ("kỷ niệm 79 năm ngày toàn quốc kháng chiến (19/12/1946-19/12/2025)",
     [("19/12/1946", "1946-12-19", "day"), ("19/12/2025", "2025-12-19", "day")]),
    ("QUYẾT ĐỊNH SỐ 48/2024/QĐ-UBND NGÀY 18 THÁNG 12 NĂM 2019 CỦA UBND",
     [("NGÀY 18 THÁNG 12 NĂM 2019", "2019-12-18", "day")]),
    ("Hà Nội, ngày 17\ntháng 11 năm 2025", [("ngày 17 tháng 11 năm 2025", "2025-11-17", "day")]),
    ("ngày 01 tháng 01 năm 1995 đến 31 tháng 12 năm 2006;",
     [("ngày 01 tháng 01 năm 1995", "1995-01-01", "day"), ("31 tháng 12 năm 2006", "2006-12-31", "day")]),
    # A day left blank to be filled in at signing still states its month.
    ("(Kèm theo Quyết định số /QĐ-UBND ngày /11/2025 của UBND tỉnh Bắc Ninh)",
     [("ngày /11/2025", "2025-11", "month")]),
    ("Quyết định số /QĐ-UBND ngày tháng 11 năm 2025 của Chủ tịch", [("tháng 11 năm 2025", "2025-11", "month")]),
    ("định kỳ 06 tháng (trước ngày 14/6)",
     [("định kỳ 06 tháng", "P6M", "duration"), ("ngày 14/6", "--06-14", "day")]),
    ("“Ngày hội toàn dân bảo vệ ANTQ” (19/8), “Ngày hội Đại đoàn kết toàn dân tộc” (18/11)",
     [("19/8", "--08-19", "day"), ("18/11", "--11-18", "day")]),
    ("vào ngày 29/02/2024", [("ngày 29/02/2024", "2024-02-29", "day")]),
]


@pytest.mark.parametrize("text, expected", VALUES, ids=[r[0][:40] for r in VALUES])
def test_value_granularity_and_offsets(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(d.text, d.value, d.granularity) for d in dates(text)] == expected


def test_span_of_years_has_its_end() -> None:
    (d,) = dates("giai đoạn 2023 - 2030")
    assert (d.value, d.end_value, d.role) == ("2023", "2030", "period")


# (sentence, value, role): the wording before a date says what it is for.
ROLES = [
    ("Nghệ An, ngày 07 tháng 02 năm 2024", "2024-02-07", "issued"),
    ("Căn cứ Quyết định số 146/QĐ-UBND ngày 16/3/2023 của UBND tỉnh", "2023-03-16", "cited"),
    ("Chỉ thị số 09-CT/TW, ngày 01/12/2011 của Ban Bí thư", "2011-12-01", "cited"),
    ("Quyết định số 2194/QĐ- UBND ngày 26 tháng 6 năm 2025 của Chủ tịch", "2025-06-26", "cited"),
    ("Căn cứ Luật Đấu thầu ngày 26 tháng 11 năm 2013;", "2013-11-26", "cited"),
    ("gửi về UBND tỉnh (qua Công an tỉnh) trước ngày 25/02/2024", "2024-02-25", "deadline"),
    ("gửi hồ sơ về Hội đồng cơ sở chậm nhất là ngày 30 tháng 9 năm 2025", "2025-09-30", "deadline"),
    ("thành lập các Đoàn kiểm tra và hoàn thành trong Quý II/2024", "2024-Q2", "deadline"),
    ("Hoàn thành xây dựng Đề án trong quý II/2026", "2026-Q2", "deadline"),
    ("Thông tư này có hiệu lực thi hành kể từ ngày 18 tháng 7 năm 2021.", "2021-07-18", "effective"),
    ("phục vụ chuyển đổi số quốc gia đến năm 2025", "2025", "target"),
    ("Phần đầu đến hết năm 2025, có ít nhất 27%", "2025", "target"),
    ("Quy hoạch tỉnh Lào Cai thời kỳ 2021-2030, tầm nhìn đến năm 2050", "2050", "target"),
    ("Tính đến hết năm 2025, trên địa bàn tỉnh Lào Cai có 02 Giấy phép", "2025", None),
    ("trên địa bàn Nghệ An, giai đoạn 2021 - 2025;", "2021", "period"),
    ("Tham gia bảo hiểm xã hội trong khoảng thời gian từ ngày 01 tháng 01 năm 1995 đến ngày 31 tháng 12 năm 2006",
     "1995-01-01", "period"),
    ("định kỳ 06 tháng", "P6M", "period"),
    ("“Ngày hội toàn dân bảo vệ ANTQ” (19/8)", "--08-19", "event"),
    ("khởi công các công trình trên cả nước vào ngày 19 tháng 12 năm 2025 nhân kỷ niệm", "2025-12-19", None),
]


@pytest.mark.parametrize("text, value, role", ROLES, ids=[r[0][:40] for r in ROLES])
def test_role(text: str, value: str, role: str | None) -> None:
    found = {d.value: d.role for d in dates(text)}
    assert value in found, found
    assert found[value] == role


def test_issue_date_in_the_header_is_issued() -> None:
    doc = from_text(HEADER + "Nội dung.")
    (issued,) = [d for d in extract(doc, {}) if isinstance(d, DateMention) and d.start < doc.body_start
                 and d.granularity == "day"]
    assert (issued.value, issued.role, issued.text) == ("2024-02-07", "issued", "ngày 07 tháng 02 năm 2024")


# (body sentence under a 2024-02-07 plan, value, resolved): a day without a year
# keeps the yearless value the text states and the date the document's year gives.
RESOLVED = [
    ("gửi về UBND tỉnh định kỳ 06 tháng (trước ngày 14/6), 01 năm (trước ngày 14/12)", "--06-14", "2024-06-14"),
    ("Tổ chức các hoạt động “Ngày hội toàn dân bảo vệ ANTQ” (19/8)", "--08-19", "2024-08-19"),
    # A deadline falls after the document: January is next year's.
    ("báo cáo kết quả trước ngày 10/01", "--01-10", "2025-01-10"),
    # A recurring or described year is not the document's.
    ("tổng hợp, báo cáo trước ngày 15 tháng 12 hằng năm", "--12-15", None),
    ("Thời điểm, thời kỳ số liệu năm báo cáo (từ ngày 01 tháng 01", "--01-01", None),
    ("chậm nhất là ngày 15 tháng 8 của năm xét tặng", "--08-15", None),
    ("Chính thức ngày 31/3/năm N+1", "--03-31", None),
    ("vào dịp kỷ niệm ngày Giải phóng Thủ đô (10/10) hằng năm", "--10-10", None),
]


@pytest.mark.parametrize("text, value, resolved", RESOLVED, ids=[r[0][:40] for r in RESOLVED])
def test_day_without_year(text: str, value: str, resolved: str | None) -> None:
    found = {d.value: d.resolved for d in body_dates(text)}
    assert value in found, found
    assert found[value] == resolved
    assert not SCORED.match(value)  # the text does not state the year


def test_normative_text_resolves_no_yearless_day() -> None:
    doc = from_text("BỘ TÀI CHÍNH\nSố: 40/2023/TT-BTC\nHà Nội, ngày 09 tháng 6 năm 2023\nTHÔNG TƯ\nQuy định\n\n"
                    "Điều 5. Đơn vị gửi báo cáo trước ngày 15/7.")
    (d,) = [d for d in extract(doc, {}) if isinstance(d, DateMention) and d.value == "--07-15"]
    assert d.resolved is None


# Phrases that are not dates: numbers, symbols, ratios, fractions, durations,
# gazette furniture left in a line.
NOT_DATES = [
    "Nghị quyết số 36/2023 của Hội đồng nhân dân",
    "Thông tư số 40/2023/TT-BTC của Bộ Tài Chính",
    "theo quy định tại Thông tư 124/2021 về khu dân cư",
    "đạt 18/18 Công an các phường",
    "Quỹ bảo hiểm y tế thanh toán thêm một phần hai (1/2) chi phí",
    "hoạt động thông suốt, ổn định, liên tục (24/24)",
    "Căn cứ Nghị quyết số 66.16/2026/NQ-CP của Chính phủ",
    "https://vbpl.vn/?ItemID=123084&Keyword=14/2007/TT-BL%C4%90TBXH",
    "ước thực hiện 6 tháng đầu năm",
    "38 CÔNG BÁO/Số 347 + 348/Ngày 25-02-2025 tiền lương, xác định quỹ tiền",
    "Nơi nhận: Sở Tài chính. Thời gian ký: 12.10.2021 10:05",
    "Trung học nghề 10 %",
    "Số dư tại ngày 31/12/20X1",
    "toạ độ (1320421.78 - 533618.57) theo đường biên giới",
]


@pytest.mark.parametrize("text", NOT_DATES, ids=[t[:40] for t in NOT_DATES])
def test_not_a_date(text: str) -> None:
    assert [(d.text, d.value) for d in dates(text)] == []


def test_duration_is_not_june() -> None:
    assert [d.value for d in dates("gửi báo cáo định kỳ 06 tháng")] == ["P6M"]


@pytest.mark.parametrize("gold_set", ["seeds", "dev"])
def test_gold_dates_f1(shared: Path, gold_set: str) -> None:
    """Score dates the way tools/score.py does: F1 >= 0.98 on each gold set."""
    tp = fp = fn = 0
    for gold_file in sorted((shared / "gold" / gold_set).glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        doc = load(shared / gold["source"])
        pred = Counter(d.value for d in extract(doc, {}) if isinstance(d, DateMention) and SCORED.match(d.value))
        want = Counter(gold["dates"])
        tp += sum((pred & want).values())
        fp += sum((pred - want).values())
        fn += sum((want - pred).values())
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.98, (tp, fp, fn)
