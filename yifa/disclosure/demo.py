"""Demo requests for information across 2016 and 2017, taken through their steps by the actions.

All of them were received before 2019-05-15 and are judged by the 2007 text (15 + 15 working days,
cost fees only): one answered late after an extension, one with a third party's opinion, one across
the 2016–2017 New Year, ones across the National Day weeks, corrections, a transfer, and every kind of
reply, so that the annual-report table has something in most rows; three were challenged by
reconsideration or a lawsuit (section 四 of the report). All are concluded.
Idempotent: a request is identified by its applicant and description.

Then the current work (`load_current_requests`), placed around the demo's today (`yifa.core.demo`): at 市场监管局
(the demo accounts' department) and across the city, requests just received and not yet registered, running,
due soon, a few working days overdue, paused (awaiting a correction, a third party's or another agency's
opinion, a fee), extended by the head, and just answered or transferred — each taken through the actions on the
working day it names, by the demo accounts at 市场监管局 and by the demo loader elsewhere. Identified by
department and applicant: loading again changes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yifa.audit.actors import DEMO_LOADER, Actor
from yifa.calendar.demo import working_days_before
from yifa.casework.actions import assign_case
from yifa.casework.registry import case_type_of
from yifa.core.contact import resident_id_check_character
from yifa.core.demo import demo_moment, demo_today
from yifa.org.demo import demo_account
from yifa.org.models import Department
from yifa.org.validators import uscc_check_character

from . import actions
from .models import RELEASES, DisclosureRequest
from .review import rules_for

D = dt.date


def person_id(n: int) -> str:
    first17 = f"2312821975{(n % 12) + 1:02d}{(n % 27) + 1:02d}{n % 1000:03d}"
    return first17 + resident_id_check_character(first17)


def credit_code(n: int) -> str:
    first17 = f"91231282MA1{n:06d}"[:17]
    return first17 + uscc_check_character(first17)


# (department, applicant type, name, description, channel, submitted, steps)
REQUESTS: list[tuple] = [
    ("zjj", "natural_person", "王建国", "肇东市2016年棚户区改造项目征收补偿方案及批准文件。", "in_person", D(2016, 3, 7), [
        ("register", D(2016, 3, 7)), ("reply", D(2016, 3, 28), "granted", "", "提供征收补偿方案及批准文件复印件。")]),
    ("gtj", "natural_person", "李秀英", "昌五镇某村土地征收的征地批复文件。", "mail", D(2016, 4, 11), [
        ("register", D(2016, 4, 13)), ("reply", D(2016, 5, 4), "partial", "", "批复文件予以公开，涉及个人信息的部分不予公开。")]),
    ("scjgj", "commercial", "肇东市某食品有限公司", "2016年度食品安全监督抽检计划。", "online", D(2016, 5, 9), [
        ("register", D(2016, 5, 9)), ("reply", D(2016, 5, 20), "already_public", "", "该信息已在本局网站主动公开，告知获取途径。")]),
    ("gaj", "natural_person", "张伟", "本人户籍档案中的迁移记录。", "in_person", D(2016, 6, 2), [
        ("register", D(2016, 6, 2)), ("reply", D(2016, 6, 12), "refused", "administrative_query", "属于行政查询事项，告知通过户籍查询渠道办理。")]),
    ("hbj", "welfare", "肇东市绿色家园环保协会", "某化工企业2015年度环境影响评价报告及批复。", "online", D(2016, 7, 4), [
        ("register", D(2016, 7, 5)), ("consult", D(2016, 7, 8), "该化工企业", True), ("answered", D(2016, 7, 22)),
        ("reply", D(2016, 8, 8), "partial", "", "环评批复予以公开；报告中涉及商业秘密的工艺参数经第三方不同意公开，不予公开。")]),
    ("czj", "research", "黑龙江某大学公共管理学院", "肇东市2015年财政预算执行情况及2016年预算草案。", "online", D(2016, 8, 15), [
        ("register", D(2016, 8, 15)), ("reply", D(2016, 8, 30), "granted", "", "提供预算执行情况报告和预算草案电子文本。")]),
    ("jtj", "natural_person", "刘洋", "关于某路段改造工程的信息。", "online", D(2016, 9, 5), [
        ("register", D(2016, 9, 6)), ("correction", D(2016, 9, 9), "请写明所需信息的路段名称、工程名称或文件名称。", 15),
        ("corrected", D(2016, 9, 19)), ("reply", D(2016, 10, 13), "granted", "", "提供工程立项批复和招标公告。")]),
    # Across the 2016 National Day week: 10/1–10/7 off, 10/8 and 10/9 worked.
    ("jyj", "natural_person", "陈静", "2016年市区小学学区划分方案。", "online", D(2016, 9, 26), [
        ("register", D(2016, 9, 26)), ("reply", D(2016, 10, 20), "granted", "", "提供学区划分方案。")]),
    ("mzj", "natural_person", "赵敏", "某镇2016年低保对象名单。", "mail", D(2016, 10, 17), [
        ("register", D(2016, 10, 19)), ("reply", D(2016, 11, 9), "refused", "third_party_rights", "名单涉及个人隐私，已在村务公开栏按规定公示，不予另行提供。"),
        # The applicant challenged the refusal: reconsideration, then a lawsuit; both upheld it.
        ("challenge", D(2016, 12, 5), "reconsideration", "肇东市人民政府"),
        ("challenge_result", D(2017, 1, 20), "reconsideration", "upheld", "维持原答复"),
        ("challenge", D(2017, 2, 3), "litigation_after_reconsideration", "肇东市人民法院"),
        ("challenge_result", D(2017, 5, 10), "litigation_after_reconsideration", "upheld", "驳回诉讼请求")]),
    ("swuj", "legal_service", "黑龙江某律师事务所", "某企业2016年劳动保障监察处理决定书。", "online", D(2016, 11, 7), [
        ("register", D(2016, 11, 8)), ("transfer", D(2016, 11, 15), "", "rsj"),
        ("answer_transferred", D(2016, 11, 29), "granted", "", "提供劳动保障监察处理决定书（已隐去个人信息）。")]),
    # Across the 2016–2017 New Year: 2017-01-01 off and 01-02 补休; an extension; answered late.
    ("zjj", "commercial", "肇东市某房地产开发有限公司", "2016年度本市商品房预售许可证核发情况。", "online", D(2016, 12, 12), [
        ("register", D(2016, 12, 12)), ("extend", D(2016, 12, 30), 10, "涉及多年度、多项目档案，需要调阅整理"),
        ("reply", D(2017, 1, 26), "granted", "", "提供2016年度预售许可证核发清单（逾期答复）。"),
        ("challenge", D(2017, 2, 10), "reconsideration", "肇东市人民政府"),
        ("challenge_result", D(2017, 3, 20), "reconsideration", "corrected", "确认逾期答复违法")]),
    ("swj", "natural_person", "孙丽", "2016年城区供水水质检测报告。", "online", D(2016, 12, 26), [
        ("register", D(2016, 12, 27)), ("reply", D(2017, 1, 16), "granted", "", "提供季度水质检测报告。")]),
    ("nw", "natural_person", "周强", "2016年农机购置补贴发放名单。", "in_person", D(2017, 2, 13), [
        ("register", D(2017, 2, 13)), ("reply", D(2017, 2, 20), "not_processed", "publication", "该名单已在公开出版的《肇东年鉴》刊载，告知查阅途径。")]),
    ("wjj", "natural_person", "吴芳", "某医院2016年医疗收费项目和标准。", "online", D(2017, 3, 6), [
        ("register", D(2017, 3, 6)), ("reply", D(2017, 3, 20), "unavailable", "needs_creation", "本机关没有现成的汇总信息，需要另行制作，不予提供。")]),
    ("scjgj", "natural_person", "郑凯", "要求确认某企业营业执照的真实性。", "online", D(2017, 4, 10), [
        ("register", D(2017, 4, 10)), ("reply", D(2017, 4, 17), "not_processed", "confirmation", "要求行政机关确认信息真实性，不属于政府信息公开申请。")]),
    ("ajj", "other_organisation", "肇东市某村民委员会", "2016年度安全生产事故调查报告。", "online", D(2017, 5, 8), [
        # The 2007 text allowed only cost fees (art.27): copying and postage, no information-processing fee.
        ("register", D(2017, 5, 8)),
        ("reply", D(2017, 5, 26), "granted", "", "提供事故调查报告复印件160页（按成本收取复制、邮寄费用）。")]),
    ("gtj", "natural_person", "王建国", "信息。", "online", D(2017, 6, 5), [
        ("register", D(2017, 6, 5)), ("correction", D(2017, 6, 8), "请写明所需政府信息的名称、文号或者便于查询的其他特征性描述。", 10),
        ("close_no_correction", D(2017, 6, 26))]),
    ("gtj", "natural_person", "王建国", "某地块的供地文件", "online", D(2017, 7, 3), [
        ("register", D(2017, 7, 3)), ("correction", D(2017, 7, 5), "请写明地块位置或宗地编号。", 10),
        ("close_no_correction", D(2017, 7, 18))]),
    # Across the 2017 National Day and Mid-autumn week: 9/30 worked, 10/1–10/8 off.
    ("czj", "commercial", "肇东市某建筑工程有限公司", "2017年政府采购项目中标公告汇总。", "online", D(2017, 9, 20), [
        ("register", D(2017, 9, 20)), ("reply", D(2017, 10, 17), "granted", "", "提供中标公告汇总表。")]),
    # A third party's opinion (the 2007 text, art.23: its time is not counted).
    ("hbj", "natural_person", "马丽", "某企业排污许可证及年度执行报告。", "online", D(2017, 11, 20), [
        ("register", D(2017, 11, 21)), ("consult", D(2017, 11, 24), "该企业", True), ("answered", D(2017, 12, 8)),
        ("reply", D(2017, 12, 15), "granted", "", "第三方同意公开，提供排污许可证及年度执行报告。")]),
    ("jtj", "natural_person", "黄磊", "2017年城区公交线路调整方案的征求意见稿。", "online", D(2017, 12, 4), [
        ("register", D(2017, 12, 4)), ("reply", D(2017, 12, 18), "refused", "process_information", "属于过程性信息，不予公开；正式方案发布后将主动公开。"),
        # Sued at the end of 2017: still undecided when the 2017 report counts it.
        ("challenge", D(2017, 12, 27), "litigation_direct", "肇东市人民法院"),
        ("challenge_result", D(2018, 3, 15), "litigation_direct", "other", "原告撤回起诉")]),
    ("scjgj", "natural_person", "高峰", "2017年度“双随机”抽查结果。", "online", D(2017, 12, 18), [
        ("register", D(2017, 12, 19)), ("reply", D(2018, 1, 9), "granted", "", "提供2017年度“双随机”抽查结果。")]),
]


def _run(item: DisclosureRequest, step: tuple) -> None:
    kind, day, *args = step
    if kind == "register":
        actions.register_request(actor=DEMO_LOADER, request=item, channel=item.channel, received_on=day)
    elif kind == "correction":
        actions.request_correction(actor=DEMO_LOADER, request=item, items=args[0], requested_on=day,
                                   correction_days=args[1])
    elif kind == "corrected":
        actions.receive_correction(actor=DEMO_LOADER, request=item, corrected_on=day)
    elif kind == "consult":
        actions.start_consultation(actor=DEMO_LOADER, request=item, party=args[0], third_party=args[1], sent_on=day)
    elif kind == "answered":
        actions.end_consultation(actor=DEMO_LOADER, request=item, answered_on=day, note="第三方已书面答复")
    elif kind == "extend":
        actions.extend_reply(actor=DEMO_LOADER, request=item, length=args[0], approved_on=day, reason=args[1])
    elif kind == "fee":
        actions.notify_fee(actor=DEMO_LOADER, request=item, method=args[0], pages=args[1], notified_on=day)
    elif kind == "paid":
        actions.record_payment(actor=DEMO_LOADER, request=item, paid_on=day)
    elif kind == "transfer":
        forward = Department.objects.filter(code=args[1]).first()
        actions.transfer_request(actor=DEMO_LOADER, request=item, agency=args[0], forward_to=forward,
                                 transferred_on=day, contact="" if forward else "请向该机关咨询")
    elif kind == "close_no_correction":
        actions.close_for_no_correction(actor=DEMO_LOADER, request=item, closed_on=day)
    elif kind == "answer_transferred":  # the agency the request was passed to registers and answers it
        passed_on = DisclosureRequest.objects.get(transferred_from=item)
        actions.register_request(actor=DEMO_LOADER, request=passed_on, channel=passed_on.channel,
                                 received_on=passed_on.received_on or day)
        reply(DEMO_LOADER, DEMO_LOADER, passed_on, outcome=args[0], reason=args[1], day=day, summary=args[2])
    elif kind == "challenge":
        actions.record_challenge(actor=DEMO_LOADER, request=item, kind=args[0], filed_on=day, body=args[1])
    elif kind == "challenge_result":
        actions.record_challenge_result(actor=DEMO_LOADER, request=item, kind=args[0], result=args[1],
                                        decided_on=day, note=args[2])
    elif kind == "reply":
        reply(DEMO_LOADER, DEMO_LOADER, item, outcome=args[0], reason=args[1], day=day, summary=args[2])
    item.refresh_from_db()


def reply(editor: Actor, head: Actor, item: DisclosureRequest, *, outcome: str, reason: str, day: dt.date,
          summary: str) -> None:
    """A reply as the department's rules have it go out: one that releases information is drafted, passes the
    保密审查 (by the head, not the drafter) and is signed off by the head."""
    rules = rules_for(item.department)
    if outcome not in RELEASES or not rules.any:
        actions.reply_request(actor=editor, request=item, outcome=outcome, reason=reason, replied_on=day,
                              summary=summary)
        return
    actions.submit_release(actor=editor, request=item, outcome=outcome, reason=reason, summary=summary)
    if rules.confidentiality_review:
        actions.review_confidentiality(actor=head, request=item)
    if rules.head_sign_off:
        actions.sign_off(actor=head, request=item, replied_on=day)
    else:
        actions.send_reviewed(actor=editor, request=item, replied_on=day)


def load_disclosure_demo() -> str:
    made = 0
    for n, (department, kind, name, description, channel, submitted, steps) in enumerate(REQUESTS, start=1):
        if DisclosureRequest.objects.filter(applicant_name=name, description=description).exists():
            continue
        organisation = kind != "natural_person"
        with transaction.atomic():
            item = DisclosureRequest(
                department=Department.objects.get(code=department), applicant_type=kind, applicant_name=name,
                id_number=credit_code(n) if organisation else person_id(n),
                contact_person="李明" if organisation else "", phone=f"1380455{n:04d}",
                email=f"applicant{n}@example.com", address="黑龙江省肇东市正阳大街1号", postal_code="151100",
                description=description, delivery="email", channel=channel,
                submitted_at=timezone.make_aware(dt.datetime.combine(submitted, dt.time(9, 30))),
            )
            actions.submit_request(actor=DEMO_LOADER, request=item)
            for step in steps:
                _run(item, step)
        made += 1
    made += load_current_requests(demo_today())
    published = publish_demo_answers()
    return _("%(total)s 件政府信息公开申请（本次新建 %(made)s 件），其中办理中 %(open)s 件；答复选登 %(published)s 件。") % {
        "total": DisclosureRequest.objects.count(), "made": made, "published": published,
        "open": DisclosureRequest.objects.exclude(status=DisclosureRequest.Status.CONCLUDED).count()}


def publish_demo_answers() -> int:
    """The answer log: every answered request that released information and asked about public matters (not the
    applicant's own records), titled as an office would, without the applicant."""
    from yifa.publication.selectors import publication_of

    for item in DisclosureRequest.objects.filter(outcome__in=("granted", "partial", "already_public")).select_related(
            "department").order_by("pk"):
        if publication_of(item) is not None or any(word in item.description for word in ("本人", "我", "本公司")):
            continue
        topic = item.description.rstrip("。").removeprefix("关于")
        actions.publish_answer(actor=DEMO_LOADER, request=item, title=f"关于“{topic[:60]}”的申请", text=item.description)
    from .selectors import published_answers

    return published_answers().count()


# --- the current work, around the demo's today -----------------------------------------------------------------
# Each step: (what, working days before the demo's today, its inputs…). "{Y}" is the demo's year, "{Y-1}" the one
# before. (department, applicant type, name, description, channel, received N working days ago, steps, assignee)
CURRENT: list[tuple] = [
    # 市场监管局: what the editor, the head and the inspector see on their home page.
    ("scjgj", "natural_person", "邵明远", "{Y}年肇东市城区农贸市场食品快速检测结果及不合格食品的处置情况。", "online", 0,
     [], ""),
    ("scjgj", "commercial", "肇东市鑫源粮油经销有限公司", "本公司{Y}年被抽检的大豆油样品的抽样单和检验报告。", "online", 2,
     [("register", 2)], "editor"),
    ("scjgj", "natural_person", "刘玉洁", "正阳大街某餐饮店{Y}年因食品安全问题被行政处罚的处罚决定书。", "online", 18,
     [("register", 18), ("submit", 2, "partial", "提供行政处罚决定书；当事人的身份证号码、住址等个人信息作删除处理后公开。"),
      ("review", 1, "未发现涉及国家秘密的内容；个人信息已删除。")], "editor"),
    ("scjgj", "natural_person", "韩志刚", "东升农贸市场在用电子秤的强制检定记录，以及承担检定的机构的资质证明。", "in_person", 23,
     [("register", 23), ("submit", 1, "granted", "提供东升农贸市场在用电子秤的强制检定记录及检定机构的资质证书复印件。")],
     "editor"),
    ("scjgj", "natural_person", "宋立新", "关于那家公司的相关材料。", "online", 5,
     [("register", 5), ("correction", 3, "请写明所需政府信息的名称、文号或者便于查询的其他特征性描述，例如企业名称、"
                                         "事项类别和大致时间。", 15)], "editor"),
    ("scjgj", "welfare", "肇东市消费者权益保护志愿者协会", "黑龙江某乳业有限公司{Y}年产品质量监督抽查的检验报告。", "online", 8,
     [("register", 8), ("consult", 4, "黑龙江某乳业有限公司（第三方）", True)], "editor"),
    ("scjgj", "legal_service", "黑龙江正则律师事务所", "{Y-1}年至{Y}年本市电梯维护保养单位的监督检查记录及处理结果。", "mail", 21,
     [("register", 21), ("extend", 2, 15, "涉及两个年度、40余家维保单位的检查记录，需要调阅整理并逐份审查是否涉及商业秘密")],
     "editor"),
    ("scjgj", "natural_person", "高雅琴", "{Y-1}年度本局“双随机、一公开”抽查结果及后续处理情况。", "online", 12,
     [("register", 12), ("reply", 1, "granted", "", "提供{Y-1}年度“双随机、一公开”抽查结果汇总表及后续处理情况说明（电子版）。")],
     ""),
    ("scjgj", "natural_person", "马国栋", "和平路某大药房《药品经营许可证》变更（更换质量负责人）的申请材料。", "online", 9,
     [("register", 9), ("reply", 3, "partial", "", "提供变更审批表和核准决定；质量负责人的身份证件、学历证明等个人信息不予公开。")],
     ""),
    # Elsewhere in the city: what the legal affairs office and the leader oversee.
    ("zjj", "natural_person", "于海波", "城北棚户区改造二期项目的房屋征收决定及征收补偿安置方案。", "in_person", 17,
     [("register", 17)], ""),
    ("gtj", "natural_person", "姜淑华", "昌五镇前进村集体土地征收的批准文件、补偿标准及安置途径。", "mail", 22,
     [("register", 21)], ""),
    ("hbj", "research", "东北林业大学环境学院", "肇东市某热电公司{Y-1}年度大气污染物自行监测数据及执法监测报告。", "online", 10,
     [("register", 10), ("consult", 6, "绥化市生态环境局", False)], ""),
    ("czj", "commercial", "肇东市宏达建筑工程有限公司", "{Y-2}年至{Y-1}年全市政府采购工程类项目的合同文本及验收报告。", "online", 9,
     [("register", 9), ("fee", 2, "pages", 420)], ""),
    ("jyj", "natural_person", "孟庆华", "{Y}年城区义务教育阶段学校招生划片范围及划片依据。", "online", 1,
     [("register", 1)], ""),
    ("rsj", "natural_person", "谭秀云", "{Y}年度城镇公益性岗位拟聘人员名单及招聘公告。", "online", 11,
     [("register", 11), ("reply", 1, "partial", "", "提供招聘公告及拟聘人员姓名；拟聘人员的身份证号码、家庭住址等个人信息不予公开。")],
     ""),
    ("mzj", "natural_person", "曹桂珍", "我母亲申请低保的材料。", "in_person", 4,
     [("register", 4), ("correction", 2, "请写明申请人姓名、所在乡镇（街道）和申请时间，以及所需的具体材料名称。", 15)], ""),
    ("jtj", "natural_person", "冯立伟", "肇东市区至五站镇农村客运班线经营权招标文件及中标结果。", "online", 0, [], ""),
    ("wjj", "natural_person", "白玉兰", "{Y}年本市高龄津贴发放对象名单和发放标准。", "online", 6,
     [("register", 6), ("transfer", 2, "mzj")], ""),
]


def _current_steps(item: DisclosureRequest, steps: list[tuple], today: dt.date, year: int, *,
                   editor: Actor, head: Actor) -> None:
    for kind, days_ago, *args in steps:
        day = working_days_before(today, days_ago)
        if kind == "register":
            actions.register_request(actor=editor, request=item, channel=item.channel, received_on=item.received_on or day)
        elif kind == "correction":
            actions.request_correction(actor=editor, request=item, items=args[0], requested_on=day,
                                       correction_days=args[1])
        elif kind == "consult":
            actions.start_consultation(actor=editor, request=item, party=args[0], third_party=args[1], sent_on=day)
        elif kind == "extend":  # the head of the disclosure office approves (art.33)
            actions.extend_reply(actor=head, request=item, length=args[0], approved_on=day, reason=args[1])
        elif kind == "fee":
            actions.notify_fee(actor=editor, request=item, method=args[0], pages=args[1], notified_on=day)
        elif kind == "transfer":
            forward = Department.objects.get(code=args[0])
            actions.transfer_request(actor=editor, request=item, agency="", forward_to=forward, transferred_on=day)
        elif kind == "reply":
            reply(editor, head, item, outcome=args[0], reason=args[1], day=day, summary=_year(args[2], year))
        elif kind == "submit":  # drafted for the 保密审查 and the head's sign-off
            actions.submit_release(actor=editor, request=item, outcome=args[0], summary=_year(args[1], year))
        elif kind == "review" and rules_for(item.department).confidentiality_review:
            actions.review_confidentiality(actor=head, request=item, note=args[0] if args else "")
        item.refresh_from_db()


def _year(text: str, year: int) -> str:
    return text.replace("{Y-2}", str(year - 2)).replace("{Y-1}", str(year - 1)).replace("{Y}", str(year))


def load_current_requests(today: dt.date) -> int:
    """The disclosure requests in hand around `today` (see CURRENT); returns how many were created."""
    made = 0
    editor, head = demo_account("editor"), demo_account("head")
    case_type = case_type_of(DisclosureRequest)
    for n, (code, kind, name, description, channel, days_ago, steps, assignee) in enumerate(CURRENT, start=501):
        department = Department.objects.filter(code=code).first()
        if department is None or DisclosureRequest.objects.filter(
                department=department, applicant_name=name, transferred_from__isnull=True).exists():
            continue
        # The demo accounts work at 市场监管局; elsewhere the demo loader takes the steps.
        ours = code == "scjgj" and editor is not None and head is not None
        received = working_days_before(today, days_ago)
        organisation = kind != "natural_person"
        with transaction.atomic():
            item = DisclosureRequest(
                department=department, applicant_type=kind, applicant_name=name,
                id_number=credit_code(n) if organisation else person_id(n),
                contact_person="周振宇" if organisation else "", phone=f"139{n:04d}{(n * 7919) % 10000:04d}",
                email=f"zd{n}@example.com" if channel == "online" else "",
                address=f"黑龙江省肇东市{('正阳', '东升', '西园', '站前')[n % 4]}街道{n % 97 + 1}号",
                postal_code="151100", description=_year(description, today.year),
                delivery="email" if channel == "online" else "paper_pickup", channel=channel,
                submitted_at=demo_moment(received, 8 + n % 8, (n * 13) % 60),
            )
            actions.submit_request(actor=DEMO_LOADER, request=item)
            _current_steps(item, steps, today, today.year, editor=editor if ours else DEMO_LOADER,
                           head=head if ours else DEMO_LOADER)
            if assignee and ours and case_type is not None:
                assign_case(actor=head, case_type=case_type, case=item, assignee=demo_account(assignee),
                            reason="请按期办理")
        made += 1
    # What `yifa daily` would have done each morning up to today.
    actions.lapse_correction_windows(today=today)
    actions.lapse_consultations(today=today)
    return made
