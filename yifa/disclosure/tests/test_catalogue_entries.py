"""A published answer (依申请公开答复选登) is in its agency's 政府信息公开目录 under 条例 art.20(15) while published."""

import datetime as dt

from yifa.disclosure import actions
from yifa.disclosure.tests.test_applicant import answered  # noqa: F401  (a 2017 request answered 予以公开)
from yifa.portal.catalogue import public_entries, sync_catalogue
from yifa.portal.models import CatalogueEntry

D = dt.date


def test_a_published_answer_enters_its_agencys_catalogue_and_leaves_when_withdrawn(answered, editor, department):  # noqa: F811
    actions.publish_answer(actor=editor, request=answered, title="关于2017年城区道路改造工程立项批复的申请",
                           text="申请公开2017年城区道路改造工程的立项批复。")
    entry = public_entries().get(source="disclosure.answer", source_key=str(answered.pk))
    assert entry.category.code == "A15" and entry.department == department
    assert entry.title == "关于2017年城区道路改造工程立项批复的申请"
    assert entry.made_on == answered.concluded_on and entry.url == f"/yishenqing/dafu/{answered.reference}/"
    assert entry.index_number.startswith(f"{department.credit_code}-A15-{answered.concluded_on.year}-")
    assert not sync_catalogue().changed, "the publication path filed it already"

    actions.withdraw_answer(actor=editor, request=answered, reason="答复内容有误，更正后重新公开")
    assert not public_entries().filter(source="disclosure.answer").exists()
    actions.publish_answer(actor=editor, request=answered, title="关于立项批复的申请", text="立项批复文件。")
    again = public_entries().get(source="disclosure.answer")
    assert again.index_number == entry.index_number and again.title == "关于立项批复的申请"
    assert CatalogueEntry.objects.filter(source="disclosure.answer").count() == 1
