"""Dates people type: one parser for forms, query strings, commands and imports.

Accepts 2016-05-01, 2016/5/1, 2016.5.1, 20160501 and 2016年5月1日, in half- or full-width digits;
refuses anything else — and years outside 1900–2199, which no record of the city's can have — with a
message in the user's language.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from django import forms
from django.utils.translation import gettext as _

FIRST_YEAR, LAST_YEAR = 1900, 2199
_SEPARATED = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")


class DateInputError(ValueError):
    """The text is not a date we accept; `str()` says so to the user."""


def parse_day(value: object, *, what: str = "") -> dt.date:
    """The date in `value` (a date, or text in one of the accepted forms), or DateInputError."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = unicodedata.normalize("NFKC", str(value or "")).strip()
    # Matched whole: cutting the text first would read "2016-05-01<spaces>anything" as a date.
    match = (_SEPARATED.fullmatch(text) or _COMPACT.fullmatch(text)) if len(text) <= 40 else None
    try:
        if match is None:
            raise ValueError
        day = dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise DateInputError(
            _("%(what)s“%(value)s”不是有效的日期，请按 YYYY-MM-DD 填写，例如 2017-09-20。")
            % {"what": what or _("日期"), "value": text[:20]}
        ) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise DateInputError(
            _("%(what)s“%(value)s”的年份应在 %(first)s 至 %(last)s 年之间。")
            % {"what": what or _("日期"), "value": text[:20], "first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return day


def parse_optional_day(value: object, *, what: str = "") -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_day(value, what=what)


class DayInput(forms.DateInput):
    """The browser's date picker. Its value is always ISO (YYYY-MM-DD), whatever the language's date
    format: a localised value such as 2017/09/20 would leave the picker empty."""

    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class DayField(forms.DateField):
    """A form's date field that understands every form `parse_day` does, with the browser's date picker."""

    widget = DayInput

    def to_python(self, value: object) -> dt.date | None:  # type: ignore[override]
        if value in self.empty_values:
            return None
        try:
            return parse_day(value, what=str(self.label or ""))
        except DateInputError as error:
            raise forms.ValidationError(str(error), code="invalid") from None
