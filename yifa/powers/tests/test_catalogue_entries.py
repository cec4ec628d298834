"""The power lists in the agencies' 政府信息公开目录: one entry per department and list version (not per power),
the latest 有效 and the earlier 已修改, each linking to the list as it stood; a future adjustment enters on its day."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from yifa.portal.catalogue import public_entries, sync_catalogue
from yifa.powers.catalogue import list_versions

from .conftest import approve, power, proposal

D = dt.date


def test_each_version_of_a_departments_list_is_one_entry_whatever_its_size(department, other_department):
    approve(department, *(proposal(power(code=f"0100{n + 101:03d}000", name=f"许可事项{n}")) for n in range(12)),
            today=D(2016, 6, 30))
    approve(department, proposal(power(code="0200101000", name="行政处罚事项", power_type="02"), when=D(2017, 3, 1)),
            today=D(2017, 2, 20))
    approve(other_department, proposal(power()), today=D(2016, 6, 30))

    sync_catalogue(D(2017, 2, 28))
    mine = list(public_entries().filter(department=department, source="powers.list").order_by("made_on"))
    assert [(e.made_on, e.validity, e.category.code) for e in mine] == [(D(2016, 6, 30), "in_force", "A02")]
    assert mine[0].index_number == f"{department.credit_code}-A02-2016-0001"
    assert mine[0].title == f"{department.name}权责清单"
    assert mine[0].url.endswith(f"?department={department.code}")

    result = sync_catalogue(D(2017, 3, 1))  # the adjustment takes effect: a new version, the old one amended
    assert (result.added, result.updated) == (1, 1)
    mine = list(public_entries().filter(department=department, source="powers.list").order_by("made_on"))
    assert [(e.made_on, e.validity) for e in mine] == [(D(2016, 6, 30), "amended"), (D(2017, 3, 1), "in_force")]
    assert mine[0].url.endswith("&as_of=2016-06-30") and "2017年3月1日调整" in mine[1].title
    assert mine[1].index_number == f"{department.credit_code}-A02-2017-0001"
    assert public_entries().filter(department=other_department, source="powers.list").count() == 1


def test_the_versions_are_read_in_a_few_queries(department):
    approve(department, *(proposal(power(code=f"0100{n + 101:03d}000", name=f"许可事项{n}")) for n in range(30)),
            today=D(2016, 6, 30))
    with CaptureQueriesContext(connection) as queries:
        assert len(list(list_versions(D(2017, 1, 1)))) == 1
    assert len(queries) <= 4


def test_a_list_version_enters_the_catalogue_when_its_adjustment_takes_effect(department):
    from django.utils import timezone

    from yifa.audit.actors import SystemJob
    from yifa.powers import actions

    day = timezone.localdate() - dt.timedelta(days=1)
    approve(department, proposal(power()), today=D(2016, 6, 30))
    approve(department, proposal(power(code="0200101000", name="行政处罚事项", power_type="02"), when=day),
            today=D(2016, 7, 1))
    sync_catalogue(D(2016, 7, 1))
    assert not public_entries().filter(source="powers.list", made_on=day).exists()
    actions.take_effect(actor=SystemJob("test"), today=day)  # no sync called: the audit event brings it in
    entry = public_entries().get(source="powers.list", made_on=day)
    assert entry.validity == "in_force" and entry.index_number.endswith(f"-A02-{day.year}-0001")
    assert public_entries().get(source="powers.list", made_on=D(2016, 6, 30)).validity == "amended"


def test_the_intermediary_list_and_the_approval_catalogue_enter_under_article_20_item_5(department):
    from yifa.powers.content import ApprovalContent, IntermediaryContent

    approve(department, proposal(power()))  # the approval below names a listed power
    approve(department, proposal(IntermediaryContent("ZJ001", "食品经营场所卫生检测", provider="具备资质的检测机构",
                                                      basis="《食品经营许可管理办法》第十一条"),
                                 catalogue="intermediary"))
    approve(department, proposal(ApprovalContent("SP001", "食品经营许可", approval_object="公民、法人或者其他组织",
                                                 basis="《中华人民共和国食品安全法》第三十五条", power_code="0100101000"),
                                 catalogue="approval"))
    sync_catalogue(D(2016, 7, 1))
    entries = {e.source: e for e in public_entries().filter(department=department)}
    assert {source: (e.category.code, e.title) for source, e in entries.items()} == {
        "powers.list": ("A02", f"{department.name}权责清单"),
        "powers.intermediaries": ("A05", f"{department.name}中介服务清单"),
        "powers.approvals": ("A05", f"{department.name}行政审批项目目录")}
    assert entries["powers.intermediaries"].url.startswith("/powers/intermediaries/?department=")
    assert entries["powers.approvals"].url.startswith("/powers/approvals/?department=")
