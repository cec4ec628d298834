"""Messages published before the publication path existed get their publication row.

Their public text is the one the site search already holds (masked when it was indexed), so it is
copied from there rather than recomputed with today's code."""

from django.db import migrations
from django.utils import timezone


def forwards(apps, schema_editor):
    Message = apps.get_model("interaction", "Message")
    Publication = apps.get_model("publication", "Publication")
    IndexedDocument = apps.get_model("search", "IndexedDocument")
    ContentType = apps.get_model("contenttypes", "ContentType")
    message_type, _created = ContentType.objects.get_or_create(app_label="interaction", model="message")
    indexed = {d.key: d for d in IndexedDocument.objects.filter(source="interaction.message")}
    for message in Message.objects.filter(status="published").iterator():
        if Publication.objects.filter(target_type=message_type, target_id=str(message.pk),
                                      withdrawn_at__isnull=True).exists():
            continue
        document = indexed.get(message.reference)
        Publication.objects.create(
            kind="interaction.message", target_type=message_type, target_id=str(message.pk), key=message.reference,
            department_id=message.department_id, title=(document.title if document else message.subject)[:300],
            body=document.body if document else "", url=document.url if document else "",
            natural_person=True, published_at=message.published_at or timezone.now(),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("interaction", "0002_case_assignment"),
        ("publication", "0001_publications"),
        ("search", "0002_fulltext"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
