"""The self-check's test files: the committed sample X archive, zipped as X delivers it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "sample-x-archive"


@pytest.fixture
def sample_zip(tmp_path) -> Path:
    return Path(shutil.make_archive(str(tmp_path / "twitter-archive"), "zip", SAMPLE))
