"""Normalisation and folding: tables of real strings and what they must become."""

from __future__ import annotations

import unicodedata

import pytest

from pipeline.normalize import fold, fold_tones, nfc, search_fold, strip_diacritics


@pytest.mark.parametrize(
    "text, expected",
    [
        ("hoà bình", "hòa bình"),
        ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
        ("thuỷ lợi", "thủy lợi"),
        ("khoẻ mạnh", "khỏe mạnh"),
        ("HOÀ", "HÒA"),
        # The mark sits on "a" in both styles when a consonant closes the syllable.
        ("hoàn thành", "hoàn thành"),
        # In "quý" the "u" belongs to "qu": nothing to move.
        ("Quý II/2024", "Quý II/2024"),
        ("tuỳ theo", "tùy theo"),
    ],
)
def test_fold_tones(text: str, expected: str) -> None:
    assert fold_tones(text) == expected


def test_nfc_composes_decomposed_input() -> None:
    decomposed = unicodedata.normalize("NFD", "Nghị quyết số 36-NQ/TU")
    assert decomposed != "Nghị quyết số 36-NQ/TU"
    assert nfc(decomposed) == "Nghị quyết số 36-NQ/TU"


def test_nfc_recomposes_spacing_tone_marks_from_pdf() -> None:
    # pdfminer sometimes emits the acute accent as a spacing character after the vowel.
    assert nfc("Quye\u0302\u0301t đi\u0323nh") == "Quyết định"
    assert nfc("tha\u00b4ng") == "tháng"


def test_nfc_drops_invisible_characters_and_page_breaks() -> None:
    assert nfc("Công\u200b an\u00a0tỉnh\r\n") == "Công an tỉnh\n"
    assert nfc("trang 1\ftrang 2") == "trang 1\n\ntrang 2"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("bảo vệ an ninh Tổ quốc", "bao ve an ninh To quoc"),
        ("Đắk Lắk", "Dak Lak"),
        ("đường", "duong"),
    ],
)
def test_strip_diacritics_folds_d_bar(text: str, expected: str) -> None:
    assert strip_diacritics(text) == expected


def test_search_fold_merges_words_that_differ_only_in_marks() -> None:
    # Why two indexes are needed: folding alone makes "ma", "má" and "mà" one word.
    assert search_fold("ma") == search_fold("má") == search_fold("mà") == "ma"


def test_fold_is_a_matching_key() -> None:
    assert fold("  Ủy ban  Nhân dân\n tỉnh ") == fold("Uỷ ban nhân dân tỉnh")
