"""A published message and its reply are in the department's 政府信息公开目录 while published; the daily sync
rebuilds an entry lost and takes out one whose publication ended outside the publication path."""

from django.utils import timezone

from yifa.interaction import actions
from yifa.portal.catalogue import public_entries, sync_catalogue
from yifa.portal.models import CatalogueEntry
from yifa.publication.models import Publication


def test_a_published_message_enters_the_catalogue_masked_and_leaves_when_withdrawn(published, head, department,
                                                                                    client, settings):
    settings.ALLOWED_HOSTS = ["*"]
    message = published(subject="13804551234 反映小区门前道路破损")
    entry = public_entries().get(source="interaction.message")
    assert entry.title == "138****1234 反映小区门前道路破损", "the catalogue reads what the public reads: masked"
    assert entry.category.code == "A15" and entry.made_on == message.replied_on
    assert entry.url.endswith(f"/{message.reference}/")
    page = client.get(f"/xxgk/{department.code}/mulu/").content.decode()
    assert entry.index_number in page and "13804551234" not in page

    actions.withdraw_message(actor=head, message=message, reason="答复需要更正")
    assert not public_entries().filter(source="interaction.message").exists()
    assert entry.index_number not in client.get(f"/xxgk/{department.code}/mulu/").content.decode()


def test_the_daily_sync_rebuilds_a_lost_entry_and_drops_one_no_longer_published(published, department):
    message = published()
    number = public_entries().get(source="interaction.message").index_number
    CatalogueEntry.objects.filter(source="interaction.message").delete()
    assert sync_catalogue().added == 1
    rebuilt = public_entries().get(source="interaction.message").index_number
    assert rebuilt != number and rebuilt[:-4] == number[:-4], "a number once given is not given again"
    Publication.objects.filter(target_id=str(message.pk)).update(withdrawn_at=timezone.now())  # not through save()
    assert sync_catalogue().withdrawn == 1
    assert not public_entries().filter(source="interaction.message").exists()
