"""Fixtures for the lists: departments' powers proposed and approved through the actions."""

import datetime as dt
import io

import openpyxl
import pytest

from yifa.audit.actors import SystemJob
from yifa.org.demo import load as load_org_demo
from yifa.powers import actions
from yifa.powers.content import Basis, PowerContent, Proposal
from yifa.powers.spreadsheet import COLUMNS

D = dt.date
JOB = SystemJob("test")
LISTED_ON = D(2016, 6, 30)
BASIS = Basis("中华人民共和国行政许可法", "第三十二条", "行政机关对申请人提出的行政许可申请，应当根据下列情况分别作出处理。")


def power(code="0100101000", name="食品经营许可", power_type="01", **fields):
    """A power item's content, valid by default."""
    fields.setdefault("bases", (BASIS,))
    fields.setdefault("statutory_limit", 20)
    fields.setdefault("statutory_unit", "working_day")
    fields.setdefault("promised_limit", 10)
    fields.setdefault("promised_unit", "working_day")
    return PowerContent(code=code, name=name, power_type=power_type, **fields)


def proposal(content=None, *, kind="add", code=None, when=LISTED_ON, catalogue="power",
             document=("关于公布权力清单的通知", "肇政发〔2016〕18号"), **extra):
    return Proposal(catalogue=catalogue, kind=kind, code=code or content.code, effective_date=when, content=content,
                    document_title=document[0], document_number=document[1], **extra)


def approve(department, *proposals, today=None):
    """Propose and approve at once (a system job), as the demo does."""
    return actions.propose_and_approve(actor=JOB, department=department, proposals=list(proposals), title="测试",
                                       today=today)


@pytest.fixture
def listed_power(department):
    """食品经营许可 of `department`, in force from 2016-06-30."""
    approve(department, proposal(power()))
    from yifa.powers.models import PowerVersion

    return PowerVersion.objects.get(department=department, code="0100101000")


@pytest.fixture
def zhaodong(db):
    """The org demo: Zhaodong's 34 departments and the demo accounts."""
    load_org_demo()


@pytest.fixture
def demo_lists(zhaodong):
    from yifa.powers.demo import load_powers_demo

    return load_powers_demo()


def table_counts():
    """Rows in every table the lists write (and the audit log): to prove a refused write changed nothing."""
    from yifa.audit.models import AuditEvent
    from yifa.powers import models

    tables = [models.Item, models.PowerVersion, models.IntermediaryVersion, models.ApprovalVersion, models.Adjustment,
              models.ChangeRequest, models.Law, models.Provision, models.VersionBasis,
              models.PowerVersion.co_departments.through, models.PowerVersion.intermediaries.through, AuditEvent]
    return {t.__name__: t.objects.count() for t in tables}


# --- xlsx files in the template's columns --------------------------------------------------------


def row(**cells):
    values = {
        "基本编码": "0100101000", "事项名称": "食品经营许可", "事项类型": "01 行政许可",
        "设定依据": "《中华人民共和国食品安全法》第三十五条：国家对食品生产经营实行许可制度。",
        "法定办结时限": 20, "法定时限单位": "工作日", "承诺办结时限": 10, "承诺时限单位": "工作日",
        "是否收费": "否", "是否存在中介服务": "否", "服务对象": "自然人、企业法人", "监督电话": "0455-7711365",
        "责任事项": "受理：一次告知补正材料\n决定：二十个工作日内作出决定", "追责情形": "受理：不一次告知的",
        "调整类型": "新增", "生效日期": "2016-06-30", "文件依据": "关于公布权力清单的通知（肇政发〔2016〕18号）",
    }
    values.update(cells)
    return values


def workbook(rows, *, columns=None, merge=None):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "权力清单"
    columns = columns or COLUMNS
    sheet.append(columns)
    for r in rows:
        sheet.append([r.get(c) for c in columns])
    if merge:
        sheet.merge_cells(merge)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
