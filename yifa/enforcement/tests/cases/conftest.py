"""Fixtures of the cases part: private files in a temporary folder, and a 2016 setup (a department with a 行政处罚
item, the 市场监管 field and two certified officers)."""

import datetime as dt

import pytest

from yifa.api.tests.conftest import api_as, token_for  # noqa: F401  (the staff API's fixtures)

from .factories import case_setup


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.YIFA_PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def setup(department):
    return case_setup(department, dt.date(2016, 8, 1))
