"""Tracking codes and phones as citizens type them back: the same code, the same phone, whatever the form."""

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yifa.audit.actors import PublicVisitor
from yifa.core.contact import phone_digits, resident_id_check_character, same_phone
from yifa.core.tracking import ALPHABET, LENGTH, new_tracking_code, normalise_tracking_code

FULL_WIDTH = {code - 0xFEE0: code for code in range(0xFF01, 0xFF5F)}


def test_a_new_code_has_the_prefix_and_ten_characters_without_look_alikes():
    codes = {new_tracking_code("GK") for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert re.fullmatch(rf"GK-[{ALPHABET}]{{{LENGTH}}}", code)
        assert not set(code[3:]) & set("01OI")


@pytest.mark.parametrize(
    "typed",
    [
        "GK-ABCDEFGHJK", "gk-abcdefghjk", "GKABCDEFGHJK", "ABCDEFGHJK", "abcdefghjk", "gk abcd efgh jk",
        " GK - ABCDE FGHJK ", "ＧＫ－ＡＢＣＤＥＦＧＨＪＫ", "ｇｋａｂｃｄｅｆｇｈｊｋ", "GK_ABCDEFGHJK", "GK\u3000ABCDEFGHJK",
        "GK—ABCDEFGHJK", "GK–ABCDEFGHJK",
    ],
)
def test_a_code_typed_in_any_case_with_spaces_full_width_or_no_hyphen_is_the_same_code(typed):
    assert normalise_tracking_code(typed, "GK") == "GK-ABCDEFGHJK"


@given(st.text(alphabet=ALPHABET, min_size=LENGTH, max_size=LENGTH), st.sampled_from(["-", "", " ", "－", "_"]),
       st.booleans(), st.booleans())
def test_any_code_survives_being_retyped(body, hyphen, lower, full_width):
    typed = f"GK{hyphen}{body}"
    typed = typed.lower() if lower else typed
    typed = typed.translate(FULL_WIDTH) if full_width else typed
    assert normalise_tracking_code(typed, "GK") == f"GK-{body}"


def test_another_prefix_is_kept_apart():
    assert normalise_tracking_code("ly abcdefghjk", "LY") == "LY-ABCDEFGHJK"
    assert normalise_tracking_code("GK-ABCDEFGHJK", "LY") != "GK-ABCDEFGHJK"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("+86 13804551234", "13804551234"),
        ("+86 138 0455 1234", "13804551234"),
        ("0086 13804551234", "13804551234"),
        ("008613804551234", "13804551234"),
        ("8613804551234", "13804551234"),
        ("138-0455-1234", "13804551234"),
        ("138 0455 1234", "+86-138-0455-1234"),
        ("１３８０４５５１２３４", "13804551234"),
        ("＋８６　１３８－０４５５－１２３４", "13804551234"),
        ("04557771365", "0455-7771365"),
        ("0455-7771365", "04557771365"),
        ("(0455)7771365", "0455-7771365"),
        ("（0455）777 1365", "0455-7771365"),
        ("（０４５５）７７７１３６５", "0455-7771365"),
        ("+86 455 7771365", "0455-7771365"),
        ("0086-455-7771365", "0455-7771365"),
        ("+86 0455 7771365", "0455-7771365"),
    ],
)
def test_the_same_phone_written_differently_matches(typed, stored):
    assert same_phone(typed, stored)
    assert same_phone(stored, typed)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("13804551235", "13804551234"),
        ("13904551234", "13804551234"),
        ("0455-7771366", "0455-7771365"),
        ("0451-7771365", "0455-7771365"),
        ("7771365", "0455-7771365"),  # the area code is part of the number
        ("1234", "1234"),  # too short to identify anyone
        ("123456", "123456"),
        ("", ""),
        ("", "13804551234"),
        ("电话", "13804551234"),
        ("+86", "86"),
    ],
)
def test_different_numbers_and_too_short_input_do_not_match(typed, stored):
    assert not same_phone(typed, stored)


def test_phone_digits_are_the_national_number():
    assert phone_digits("+86 138-0455-1234") == "13804551234"
    assert phone_digits("（0455）777 1365") == "04557771365"
    assert phone_digits("+86 455 7771365") == "04557771365"


# --- end to end: the disclosure request's tracking page -------------------------------------------------


def _person_id() -> str:
    first17 = "23128219800101001"
    return first17 + resident_id_check_character(first17)


@pytest.fixture
def filed(department):
    """A disclosure request filed on the portal's form with `phone`, as the applicant typed it."""
    from yifa.disclosure import actions
    from yifa.disclosure.models import DisclosureRequest

    def file(phone):
        request = DisclosureRequest(
            department=department, applicant_type="natural_person", applicant_name="王建国", id_number=_person_id(),
            phone=phone, email="wang@example.com", address="肇东市正阳大街1号", description="2017年城区道路改造工程的立项批复文件。",
            delivery="email", channel="online", submitted_at=dt.datetime(2017, 9, 20, 1, 0, tzinfo=dt.UTC),
        )
        return actions.submit_request(actor=PublicVisitor("test"), request=request)

    return file


def _filed_through_the_form(client, department, phone):
    from yifa.disclosure.models import DisclosureRequest

    response = client.post("/yishenqing/", {
        "department": department.pk, "applicant_type": "natural_person", "applicant_name": "王建国",
        "id_number": _person_id(), "phone": phone, "email": "wang@example.com", "address": "肇东市正阳大街1号",
        "postal_code": "151100", "description": "2017年城区道路改造工程的立项批复文件。", "delivery": "email",
    })
    assert response.status_code == 302, response.context["form"].errors
    return DisclosureRequest.objects.get()


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("13804551234", "+86 138 0455 1234"),
        ("138 0455 1234", "0086 13804551234"),
        ("0455-7771365", "04557771365"),
        ("(0455)7771365", "0455-7771365"),
    ],
)
def test_the_disclosure_tracking_page_finds_a_request_by_its_phone_however_it_is_typed(client, department, stored, typed):
    request = _filed_through_the_form(client, department, stored)
    response = client.post("/yishenqing/chaxun/", {"code": request.tracking_code, "phone": typed}, follow=True)
    assert response.status_code == 200
    assert response.context["item"] == request
    assert request.reference in response.content.decode()


def test_the_disclosure_tracking_page_reads_the_code_as_typed(client, filed):
    request = filed("0455-7771365")
    typed = request.tracking_code.lower().replace("-", " ")
    response = client.post("/yishenqing/chaxun/", {"code": typed, "phone": "04557771365"}, follow=True)
    assert response.status_code == 200
    assert response.context["item"] == request


def test_the_disclosure_tracking_page_does_not_show_a_request_to_another_phone(client, filed):
    request = filed("13804551234")
    response = client.post("/yishenqing/chaxun/", {"code": request.tracking_code, "phone": "+86 138 0455 1235"})
    assert response.status_code == 404
    assert request.applicant_name not in response.content.decode()
