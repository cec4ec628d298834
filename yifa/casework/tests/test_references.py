"""Reference numbers: one sequence per kind, department and year; never two cases with one number."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections, transaction

from yifa.casework.models import ReferenceSequence
from yifa.casework.references import next_reference

from .sample import SampleCase

BY_DEPARTMENT = "{DEPT}-{year}-{number:04d}"
CITY_WIDE = "SC-{year}-{number:05d}"


def reference(department=None, *, year=2017, kind="sample", template=BY_DEPARTMENT):
    with transaction.atomic():
        return next_reference(SampleCase, kind=kind, template=template, year=year, department=department)


def test_numbers_follow_one_another_within_a_kind_department_and_year(sample_case_model, department):
    assert [reference(department) for _ in range(3)] == ["TEST-2017-0001", "TEST-2017-0002", "TEST-2017-0003"]


def test_departments_years_and_kinds_each_have_their_own_sequence(sample_case_model, department, other_department):
    assert reference(department) == "TEST-2017-0001"
    assert reference(other_department) == "OTHER-2017-0001"
    assert reference(department, year=2018) == "TEST-2018-0001"
    assert reference(department, kind="another") == "TEST-2017-0001"
    assert reference(department) == "TEST-2017-0002"
    assert reference(other_department) == "OTHER-2017-0002"
    assert ReferenceSequence.objects.count() == 4


def test_a_template_without_the_department_numbers_the_whole_city_in_one_sequence(
        sample_case_model, department, other_department):
    assert reference(department, template=CITY_WIDE) == "SC-2017-00001"
    assert reference(other_department, template=CITY_WIDE) == "SC-2017-00002"
    assert reference(None, template=CITY_WIDE) == "SC-2017-00003"
    assert reference(department, template="QDTZ-{year}-{dept}-{number:03d}") == "QDTZ-2017-test-001"


def test_a_new_sequence_continues_after_the_highest_reference_already_used(sample_case_model, department):
    for existing in ["TEST-2017-0007", "TEST-2017-0012", "TEST-2017-0009", "TEST-2016-0099", "OTHER-2017-0050",
                     "TEST-2017-0500-A", "XTEST-2017-0900"]:
        SampleCase.objects.create(reference=existing, department=department, status="open")
    assert reference(department) == "TEST-2017-0013"
    assert reference(department) == "TEST-2017-0014"
    assert reference(department, year=2016) == "TEST-2016-0100"


def test_a_rolled_back_submission_gives_its_number_back(sample_case_model, department):
    for _ in range(2):  # the first time the sequence itself is created inside the failed transaction
        with pytest.raises(RuntimeError), transaction.atomic():
            assert reference(department) == "TEST-2017-0001"
            raise RuntimeError("the case could not be saved")
    assert reference(department) == "TEST-2017-0001"
    with pytest.raises(RuntimeError), transaction.atomic():
        assert reference(department) == "TEST-2017-0002"
        raise RuntimeError("the case could not be saved")
    assert reference(department) == "TEST-2017-0002"


@pytest.mark.parametrize("template", ["{year}-0001", "{DEPT}-{year}-{number:04d}-{secret}", "{number}-{__class__}"])
def test_a_template_without_a_number_or_with_unknown_fields_is_refused(template, department):
    with pytest.raises(ValueError, match="template"):
        next_reference(SampleCase, kind="sample", template=template, year=2017, department=department)


# --- concurrency: the real database, one connection per thread ------------------------------------------

THREADS = 8


@pytest.fixture
def shared_database(transactional_db, tmp_path):
    """Settings for the threads' connections: the test database itself on PostgreSQL; on SQLite a file copy
    of it (the in-memory test database locks whole tables between connections instead of waiting, which
    the site's WAL file never does). `read()` runs a function on that database in this thread."""
    if connection.vendor != "sqlite":
        yield None
        return
    path = tmp_path / "threads.sqlite3"
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(path)])
    yield {**connection.settings_dict, "NAME": str(path)}


def _connect(settings_dict):
    if settings_dict is not None:
        connections["default"] = type(connections["default"])(settings_dict, alias="default")


def _read(settings_dict, work):
    """`work()` against the threads' database, from this thread."""
    original = connections["default"]
    _connect(settings_dict)
    try:
        return work()
    finally:
        if settings_dict is not None:
            connections["default"].close()
            connections["default"] = original


def _at_once(settings_dict, work, count=THREADS):
    """Run `work(i)` in `count` threads released together, each on its own connection; their results."""
    barrier = threading.Barrier(count)
    results: list = [None] * count
    errors: list[BaseException] = []

    def run(i):
        try:
            _connect(settings_dict)
            barrier.wait(timeout=30)
            results[i] = work(i)
        except BaseException as error:  # reported to the test below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    if errors:
        raise errors[0]
    return results


@pytest.mark.django_db(transaction=True)
def test_public_messages_submitted_at_the_same_moment_get_distinct_references(department, shared_database):
    from yifa.audit.actors import PublicVisitor
    from yifa.interaction import actions
    from yifa.interaction.models import Message

    def submit(i):
        message = Message(department=department, subject=f"第{i + 1}条留言", content="正阳大街某小区门前道路坑洼，雨天积水严重。",
                          name="王建国", phone="13804551234", submitted_at=dt.datetime(2017, 9, 20, 1, i, tzinfo=dt.UTC))
        return actions.submit_message(actor=PublicVisitor("test", f"10.0.0.{i + 1}"), message=message).reference

    references = _at_once(shared_database, submit)
    assert sorted(references) == [f"LY-2017-{n:05d}" for n in range(1, THREADS + 1)]
    stored = _read(shared_database, lambda: sorted(Message.objects.values_list("reference", flat=True)))
    assert stored == sorted(references)


@pytest.mark.django_db(transaction=True)
def test_references_taken_in_concurrent_transactions_are_distinct_and_none_is_lost(department, shared_database):
    from yifa.interaction.models import Message

    def take(i):
        taken = []
        for _ in range(5):
            with transaction.atomic():
                taken.append(next_reference(Message, kind="concurrency", template=BY_DEPARTMENT, year=2017,
                                            department=department))
        return taken

    references = [ref for taken in _at_once(shared_database, take) for ref in taken]
    assert sorted(references) == [f"TEST-2017-{n:04d}" for n in range(1, THREADS * 5 + 1)]
    last = _read(shared_database, lambda: ReferenceSequence.objects.get(kind="concurrency").last)
    assert last == THREADS * 5


CITIZENS = 50


@pytest.mark.django_db(transaction=True)
def test_fifty_citizens_submitting_at_once_through_the_portal_are_all_stored(department, shared_database):
    """50 people, each from their own address behind the proxy, send a disclosure request or a message in
    the same moment: every one is stored, with its own reference (it was 4–13 lost to "编号已存在")."""
    from django.test import Client

    from yifa.core.contact import resident_id_check_character
    from yifa.disclosure.models import DisclosureRequest
    from yifa.interaction.models import Message

    person_id = "23128219800101001" + resident_id_check_character("23128219800101001")

    def submit(i):
        client = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"203.0.113.{i + 1}")
        if i % 2:
            return client.post("/hdjl/liuyan/", {
                "department": department.pk, "subject": f"第{i + 1}条留言", "content": "正阳大街路灯连续三晚不亮。",
                "name": "王建国", "phone": "13804551234"}).status_code
        return client.post("/yishenqing/", {
            "department": department.pk, "applicant_type": "natural_person", "applicant_name": "王建国",
            "id_number": person_id, "phone": "13804551234", "address": "肇东市正阳大街1号",
            "description": f"第{i + 1}件申请：2016年度食品抽检结果。", "delivery": "email", "email": "w@example.com",
        }).status_code

    statuses = _at_once(shared_database, submit, count=CITIZENS)
    assert statuses == [302] * CITIZENS
    messages, requests = _read(shared_database, lambda: (
        list(Message.objects.values_list("reference", flat=True)),
        list(DisclosureRequest.objects.values_list("reference", flat=True))))
    assert len(messages) == len(set(messages)) == CITIZENS // 2
    assert len(requests) == len(set(requests)) == CITIZENS // 2
