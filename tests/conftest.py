"""Shared fixtures: paths to the committed corpus and to ../shared when it is beside the clone."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    """Return ../shared, skipping the test when it is not beside the clone."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared is not beside this clone")
    return SHARED


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    """Return the five seed documents of the default corpus."""
    return sorted(CORPUS.glob("*.txt"))
