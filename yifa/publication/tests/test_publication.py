"""The one publication path: masked text, the site search under the listing's column, retention, withdrawal,
the daily withdrawal of expired records and the page cache purge."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from wagtail.models import Page

from yifa.audit.actors import PublicVisitor, SystemJob
from yifa.audit.models import AuditEvent
from yifa.core import modules
from yifa.core.modules import Module, register_module, unregister_module
from yifa.interaction import actions as messages
from yifa.interaction.models import Message
from yifa.interaction.policies import message_policy
from yifa.interaction.publication import MESSAGES
from yifa.pagecache import store
from yifa.publication import actions
from yifa.publication.kinds import PublicationKind, PublicDocument, Retention
from yifa.publication.models import Publication
from yifa.publication.selectors import live, publication_of, published, search_documents
from yifa.search.models import IndexedDocument
from yifa.search.query import search

JOB = SystemJob("test")
OFFICIAL = "0455-7711365"


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture(autouse=True)
def fresh_lookups():
    """Official phones and listing columns are read once a minute per process: each test reads its own."""
    from yifa.org.selectors import forget_official_phones
    from yifa.portal.selectors import _LISTING_COLUMNS

    forget_official_phones()
    _LISTING_COLUMNS.clear()
    yield
    forget_official_phones()
    _LISTING_COLUMNS.clear()


@pytest.fixture
def official_phone(department):
    department.phone = OFFICIAL
    department.save(update_fields=["phone"])
    return OFFICIAL


@pytest.fixture
def column(db):
    """The portal column (栏目) that shows the public messages' listing."""
    from yifa.portal.models import ColumnPage

    column = ColumnPage(title="互动交流", slug="hudong", kind="interaction", module_listing=MESSAGES.listing)
    Page.get_first_root_node().add_child(instance=column)
    return column


@pytest.fixture
def replied(department, editor):
    def make(subject="小区门前井盖丢失", content="正阳大街某小区门前井盖丢失，夜间行人容易跌落。", reply="您好！已安排补装井盖。",
             day=dt.date(2017, 9, 20)):
        message = Message(department=department, subject=subject, content=content, name="王建国", phone="13804551234",
                          submitted_at=at(day, 9))
        message = messages.submit_message(actor=PublicVisitor("test", "10.0.0.1"), message=message)
        return messages.reply_message(actor=editor, message=message, reply=reply, replied_on=day)

    return make


def indexed(key: str, source: str = MESSAGES.name) -> IndexedDocument | None:
    return IndexedDocument.objects.filter(source=source, key=key).first()


# --- publishing ----------------------------------------------------------------------------------------


def test_publishing_masks_phones_and_ids_in_title_and_body_but_not_the_official_number(
        replied, head, official_phone, column):
    message = replied(
        subject="反映人13804551234：井盖丢失",
        content="我的身份证号 230103 19800101 123X，手机＋８６ １３９ ０４５５ ６７８９，家里座机(0455)7771365。",
        reply="已转交。如有疑问请拨打本局电话0455 771 1365或04557711365。",
    )
    messages.publish_message(actor=head, message=message, published_on=dt.date(2017, 9, 22))
    publication = publication_of(message)
    assert publication is not None and publication.kind == MESSAGES.name
    assert publication.title == "反映人138****1234：井盖丢失"
    for personal in ("13804551234", "19800101", "０４５５ ６７８９", "7771365"):
        assert personal not in publication.title + publication.body
    assert "230103********123X" in publication.body
    assert "0455 771 1365" in publication.body and "04557711365" in publication.body
    # The search holds exactly what was published, filed under the column showing the listing.
    document = indexed(message.reference)
    assert (document.title, document.body, document.column) == (publication.title, publication.body, column.slug)
    assert document.url == publication.url and message.reference in document.url
    found = search("井盖", source=MESSAGES.name, column=column.slug)
    assert [item.key for item in found.items] == [message.reference]
    assert search("13804551234").total == 0
    assert search("19800101").total == 0


def test_a_record_is_filed_without_a_column_when_no_column_shows_its_listing(replied, head):
    message = messages.publish_message(actor=head, message=replied())
    assert indexed(message.reference).column == ""
    assert [item.key for item in search("井盖", source=MESSAGES.name).items] == [message.reference]


def test_publishing_is_audited_and_only_for_those_the_kind_allows(replied, head, editor, outsider):
    message = replied()
    for somebody in (editor, outsider, PublicVisitor("x")):
        with pytest.raises(PermissionDenied):
            actions.publish(actor=somebody, record=message, kind=MESSAGES)
    assert not Publication.objects.exists() and indexed(message.reference) is None
    publication = actions.publish(actor=head, record=message, kind=MESSAGES, published_at=at(dt.date(2017, 9, 22)),
                                  reason="答复已审核")
    [event] = AuditEvent.objects.filter(event_type="publication.published")
    assert (event.actor_user, event.reason, event.target_id) == (head, "答复已审核", str(message.pk))
    assert publication.withdraw_due is None and event.new_values["withdraw_due"] == ""


def test_publishing_again_updates_the_live_publication_rather_than_adding_one(replied, head):
    message = replied()
    first = actions.publish(actor=head, record=message, kind=MESSAGES, published_at=at(dt.date(2017, 9, 22)))
    Message.objects.filter(pk=message.pk).update(reply="您好！井盖已于9月25日补装。")
    message.refresh_from_db()
    again = actions.publish(actor=head, record=message, kind=MESSAGES, published_at=at(dt.date(2017, 9, 26)))
    assert again.pk == first.pk and Publication.objects.count() == 1
    assert "9月25日补装" in again.body and "9月25日补装" in indexed(message.reference).body
    assert IndexedDocument.objects.filter(source=MESSAGES.name).count() == 1


# --- retention -----------------------------------------------------------------------------------------


def _decision(message: Message) -> PublicDocument:
    """A test kind's public reading of a message: a natural person when the author asked for their name."""
    return PublicDocument(key=message.reference, title=message.subject, body=message.reply,
                          url=f"/test/{message.reference}/", department=message.department,
                          natural_person=not message.publish_name)


DECISIONS = PublicationKind(name="test.decision", label="行政处罚决定（测试）", listing="test-decisions",
                            policy=message_policy, document=_decision,
                            retention=Retention(5, natural_person_years=2, basis="测试依据"))
UNTIL_WITHDRAWN = PublicationKind(name="test.notice", label="公告（测试）", listing="test-notices",
                                  policy=message_policy, document=_decision, retention=Retention(None))


@pytest.fixture
def test_kinds():
    register_module(Module("publication-tests", publication_kinds=[DECISIONS, UNTIL_WITHDRAWN]))
    yield DECISIONS, UNTIL_WITHDRAWN
    unregister_module("publication-tests")


@pytest.mark.parametrize(
    ("kind", "natural_person", "published_on", "due"),
    [
        (DECISIONS, False, dt.date(2017, 9, 20), dt.date(2022, 9, 20)),
        (DECISIONS, True, dt.date(2017, 9, 20), dt.date(2019, 9, 20)),
        (DECISIONS, False, dt.date(2016, 2, 29), dt.date(2021, 2, 28)),
        (UNTIL_WITHDRAWN, True, dt.date(2017, 9, 20), None),
        (MESSAGES, True, dt.date(2017, 9, 20), None),
    ],
)
def test_withdrawal_is_scheduled_by_the_kinds_retention(test_kinds, replied, head, kind, natural_person,
                                                        published_on, due):
    message = replied()
    Message.objects.filter(pk=message.pk).update(publish_name=not natural_person)
    message.refresh_from_db()
    publication = actions.publish(actor=head, record=message, kind=kind, published_at=at(published_on))
    assert publication.withdraw_due == due
    assert publication.natural_person is (natural_person if kind is not MESSAGES else True)


def test_the_retention_counts_from_the_local_day_of_publication(test_kinds, replied, head):
    after_midnight = timezone.make_aware(dt.datetime(2017, 9, 21, 0, 30))  # still 20 September in UTC
    publication = actions.publish(actor=head, record=replied(), kind=DECISIONS, published_at=after_midnight)
    assert publication.withdraw_due == dt.date(2019, 9, 21)


# --- withdrawal ----------------------------------------------------------------------------------------


def test_withdrawing_takes_the_record_out_of_the_search_and_the_public_list_and_keeps_the_row(replied, head, column):
    message = messages.publish_message(actor=head, message=replied())
    assert list(published(Message.objects.all(), MESSAGES)) == [message]
    messages.withdraw_message(actor=head, message=message, reason="答复中有错别字")
    assert publication_of(message) is None
    assert list(published(Message.objects.all(), MESSAGES)) == []
    assert list(published(Message.objects.all(), MESSAGES.name)) == []
    assert indexed(message.reference) is None
    assert search("井盖").total == 0
    [row] = Publication.objects.all()
    assert row.withdrawn_at is not None and row.withdrawal_reason == "答复中有错别字"
    assert row.title == message.subject and not row.is_live
    [event] = AuditEvent.objects.filter(event_type="publication.withdrawn")
    assert (event.actor_user, event.reason) == (head, "答复中有错别字")
    assert list(search_documents(MESSAGES)) == []

    messages.reply_message(actor=head, message=message, reply="您好！已安排补装井盖，预计本周完成。")
    messages.publish_message(actor=head, message=message)
    assert Publication.objects.count() == 2 and live(MESSAGES).count() == 1
    assert list(published(Message.objects.all(), MESSAGES)) == [message]
    assert indexed(message.reference).column == column.slug


def test_a_rebuilt_search_holds_exactly_what_is_public_as_it_was_published(replied, head, official_phone, column):
    from yifa.search.index import reindex

    shown = messages.publish_message(actor=head, message=replied(subject="电话13804551234：井盖丢失"))
    withdrawn = messages.publish_message(actor=head, message=replied(subject="路灯不亮"))
    messages.withdraw_message(actor=head, message=withdrawn, reason="重复留言")
    before = [(d.key, d.title, d.body, d.column) for d in IndexedDocument.objects.filter(source=MESSAGES.name)]
    assert reindex(MESSAGES.name) == 1
    after = [(d.key, d.title, d.body, d.column) for d in IndexedDocument.objects.filter(source=MESSAGES.name)]
    assert after == before
    assert [key for key, *_rest in after] == [shown.reference]
    assert after[0][1] == "电话138****1234：井盖丢失" and after[0][3] == column.slug


def test_withdrawing_what_is_not_public_does_nothing(replied, head):
    message = replied()
    assert actions.withdraw(actor=head, record=message, kind=MESSAGES, reason="并未公开") is None
    assert not AuditEvent.objects.filter(event_type__startswith="publication.").exists()


def test_only_records_of_the_kind_are_public_in_its_listing(test_kinds, replied, head):
    as_message, as_decision = replied(), replied(subject="路灯不亮")
    actions.publish(actor=head, record=as_message, kind=MESSAGES)
    actions.publish(actor=head, record=as_decision, kind=DECISIONS)
    assert list(published(Message.objects.all(), MESSAGES)) == [as_message]
    assert list(published(Message.objects.all(), DECISIONS)) == [as_decision]


# --- the daily withdrawal of expired records --------------------------------------------------------------


def test_expired_publications_are_withdrawn_exactly_once_on_their_day(test_kinds, replied, head):
    five_years = replied(subject="企业违法排污处罚决定")
    two_years = replied(subject="个人违章搭建处罚决定")
    forever = replied(subject="停水公告")
    Message.objects.filter(pk=five_years.pk).update(publish_name=True)
    five_years.refresh_from_db()
    published_at = at(dt.date(2017, 9, 20))
    for record, kind in ((five_years, DECISIONS), (two_years, DECISIONS), (forever, UNTIL_WITHDRAWN)):
        actions.publish(actor=head, record=record, kind=kind, published_at=published_at)

    def public():
        return {m.reference for kind in (DECISIONS, UNTIL_WITHDRAWN) for m in published(Message.objects.all(), kind)}

    assert actions.withdraw_expired_publications(today=dt.date(2019, 9, 19)) == "撤回公开期限届满的记录 0 条。"
    assert public() == {five_years.reference, two_years.reference, forever.reference}
    assert actions.withdraw_expired_publications(today=dt.date(2019, 9, 20)) == "撤回公开期限届满的记录 1 条。"
    assert public() == {five_years.reference, forever.reference}
    assert indexed(two_years.reference, DECISIONS.name) is None
    assert actions.withdraw_expired_publications(today=dt.date(2019, 9, 20)) == "撤回公开期限届满的记录 0 条。"
    assert actions.withdraw_expired_publications(today=dt.date(2030, 1, 1)) == "撤回公开期限届满的记录 1 条。"
    assert public() == {forever.reference}
    expired = AuditEvent.objects.filter(event_type="publication.expired").order_by("id")
    assert [(e.target_id, e.actor_label) for e in expired] == [
        (str(two_years.pk), "system:publication.retention"), (str(five_years.pk), "system:publication.retention")]
    assert "2019-09-20" in expired[0].reason
    assert Publication.objects.filter(withdrawn_at__isnull=False).count() == 2


def test_the_daily_job_is_declared_and_runs_the_withdrawal(test_kinds, replied, head):
    actions.publish(actor=head, record=replied(), kind=DECISIONS, published_at=at(dt.date(2017, 9, 20)))
    [job] = [job for job in modules.daily_jobs() if job.name == "publication.withdraw_expired"]
    assert job.run(dt.date(2019, 9, 20)) == "撤回公开期限届满的记录 1 条。"
    assert job.run(dt.date(2019, 9, 20)) == "撤回公开期限届满的记录 0 条。"


def test_a_publication_whose_kind_is_no_longer_declared_is_left_alone(test_kinds, replied, head):
    message = replied()
    actions.publish(actor=head, record=message, kind=DECISIONS, published_at=at(dt.date(2017, 9, 20)))
    unregister_module("publication-tests")
    assert actions.withdraw_expired_publications(today=dt.date(2030, 1, 1)) == "撤回公开期限届满的记录 0 条。"
    assert publication_of(message) is not None


# --- the page cache ------------------------------------------------------------------------------------


@pytest.fixture
def page_cache(settings, tmp_path):
    settings.YIFA_PAGE_CACHE = True
    settings.YIFA_PAGE_CACHE_DIR = tmp_path / "pagecache"
    store.purge()
    return store


def test_publishing_and_withdrawing_purge_the_page_cache_once_committed(replied, head, page_cache,
                                                                        django_capture_on_commit_callbacks):
    message = replied()
    before = page_cache.generation()
    with django_capture_on_commit_callbacks() as callbacks:
        actions.publish(actor=head, record=message, kind=MESSAGES)
    assert page_cache.generation() == before  # not before the commit: a render then would see the old page
    assert page_cache.purge in callbacks
    for callback in callbacks:
        callback()
    published_generation = page_cache.generation()
    assert published_generation != before

    with django_capture_on_commit_callbacks(execute=True):
        actions.withdraw(actor=head, record=message, kind=MESSAGES, reason="错别字")
    assert page_cache.generation() != published_generation


def test_a_rolled_back_publication_leaves_nothing_behind(replied, head, page_cache, django_capture_on_commit_callbacks):
    from django.db import transaction

    message = replied()
    before = page_cache.generation()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        actions.publish(actor=head, record=message, kind=MESSAGES)
        raise RuntimeError("the step failed after publishing")
    assert not Publication.objects.exists() and indexed(message.reference) is None
    assert page_cache.generation() == before
