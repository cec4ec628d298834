"""The audit log reads as people speak: actors by name, fields by their labels, choices, yes/no and Beijing time."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType

from yifa.audit.actors import DEMO_LOADER, PublicVisitor
from yifa.audit.models import AuditEvent
from yifa.audit.readable import actor_label
from yifa.disclosure.models import DisclosureRequest


def test_system_jobs_and_public_visitors_are_named_not_coded():
    assert actor_label(str(DEMO_LOADER)) == "系统：载入演示数据"
    assert actor_label("system:disclosure.receipt") == "系统：收到申请，开始计时"
    assert actor_label(str(PublicVisitor("disclosure-applicant"))) == "公众：申请人（门户网站）"
    assert actor_label("system:no-such-job") == "系统"  # an unknown job is still not a code
    assert actor_label("市场监管局经办人 (editor)") == "市场监管局经办人 (editor)"


def test_changes_show_field_labels_choice_labels_yes_no_and_local_time(db):
    event = AuditEvent(
        target_type=ContentType.objects.get_for_model(DisclosureRequest), target_id="1",
        old_values={"status": "submitted"},
        new_values={"status": "handling", "calendar_unconfirmed": False, "kinds": {"调整": 1},
                    "submitted_at": dt.datetime(2026, 12, 7, 19, 51, tzinfo=dt.UTC).isoformat(), "codes": ["01", "02"]},
    )
    rows = {label: (old, new) for label, old, new in event.readable_changes}
    assert rows["状态"] == ("待登记", "办理中")
    assert rows["日历尚未确认"] == (None, "否")
    assert rows["调整类型"] == (None, "调整：1")
    assert rows["提交时间"] == (None, "2026-12-08 03:51")  # Beijing time
    assert rows["事项编码"] == (None, "01、02")
    assert "status" not in event.changes_text and "submitted" not in event.changes_text
