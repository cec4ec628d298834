"""Demo requests for information across 2016 and 2017, taken through their steps by the actions.

All of them were received before 2019-05-15 and are judged by the 2007 text (15 + 15 working days,
cost fees only): one answered late after an extension, one with a third party's opinion, one across
the 2016–2017 New Year, ones across the National Day weeks, corrections, a transfer, and every kind of
reply, so that the annual-report table has something in most rows; three were challenged by
reconsideration or a lawsuit (section 四 of the report). All are concluded.
Idempotent: a request is identified by its applicant and description.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yifa.audit.actors import DEMO_LOADER
from yifa.core.contact import resident_id_check_character
from yifa.org.models import Department
from yifa.org.validators import uscc_check_character

from . import actions
from .models import DisclosureRequest

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
        actions.reply_request(actor=DEMO_LOADER, request=passed_on, outcome=args[0], reason=args[1], replied_on=day,
                              summary=args[2])
    elif kind == "challenge":
        actions.record_challenge(actor=DEMO_LOADER, request=item, kind=args[0], filed_on=day, body=args[1])
    elif kind == "challenge_result":
        actions.record_challenge_result(actor=DEMO_LOADER, request=item, kind=args[0], result=args[1],
                                        decided_on=day, note=args[2])
    elif kind == "reply":
        actions.reply_request(actor=DEMO_LOADER, request=item, outcome=args[0], reason=args[1], replied_on=day,
                              summary=args[2])
    item.refresh_from_db()


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
    return _("%(total)s 件政府信息公开申请（本次新建 %(made)s 件）。") % {
        "total": DisclosureRequest.objects.count(), "made": made}
