"""Demo messages to several departments across 2016 and 2017, taken through their steps by the actions.

Most are answered and published within their reply period (four of them marked complex: the longer
period of the local rule); one to 市市场监管局 has waited unanswered since September 2017 (the website
check fails it, and its deadline is overdue in 我的期限); one is declined as spam. The
互动交流 column shows this module's listing. Idempotent: a message is identified by its subject and author.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yifa.audit.actors import DEMO_LOADER
from yifa.org.models import Department

from . import actions
from .models import Message

D = dt.date

# (department, subject, content, name, phone, email, salutation when the surname is published ("" for 网友), left on, replied on or a closing reason, reply)
MESSAGES: list[tuple] = [
    ("zjj", "城北棚户区改造项目什么时候回迁？", "我家在城北棚户区改造范围内，2015年签了协议搬出，想问一下回迁楼什么时候能交付，过渡费发到什么时候？",
     "王建国", "13804551234", "", "先生", D(2016, 3, 14), D(2016, 3, 25),
     "您好！城北棚户区改造项目回迁楼主体已于2016年完工，预计2016年10月底前交付。过渡费按协议发放至交付之日的次月。详情可咨询市住建局棚改办，电话0455-7771234。"),
    ("jyj", "孩子上小学需要准备哪些材料？", "今年孩子满6周岁，户口在昌五镇，我们在市区租房住，想在市区上小学，需要准备哪些材料？",
     "李秀英", "15945501122", "lixiuying@example.com", "", D(2016, 5, 9), D(2016, 5, 13),
     "您好！随迁子女在市区就读，需提供户口簿、居住证或租房合同、父母一方的务工证明，于7月1日至15日到学区学校登记。学区划分方案已在本局网站公开。"),
    ("scjgj", "超市销售过期食品", "6月18日在正阳大街某超市买的酸奶已过保质期两天，和超市交涉没有结果，请有关部门处理。",
     "张伟", "0455-7712345", "", "", D(2016, 6, 20), D(2016, 6, 28),
     "您好！接到留言后，我局执法人员于6月22日到该超市检查，发现其销售超过保质期的乳制品，已依法立案调查，并责令下架。您的退赔问题已协调超市解决。感谢您的监督！"),
    ("hbj", "夜间施工噪音扰民", "东升小区旁边的工地每天晚上十一点以后还在施工，噪音很大，严重影响休息。",
     "刘洋", "13199887766", "", "先生", D(2016, 7, 18), D(2016, 7, 26),
     "您好！经现场核查，该工地未办理夜间施工许可，我局已责令其停止夜间施工，并将加强夜间巡查。如再发现夜间施工，请拨打环保热线12369。"),
    ("rsj", "灵活就业人员怎样缴纳养老保险？", "我在个体工商户打工，单位不给交社保，想自己交养老保险，需要到哪里办理？",
     "陈静", "18645501234", "", "女士", D(2016, 8, 22), D(2016, 8, 26),
     "您好！灵活就业人员可持身份证、户口簿到市政务服务中心社保窗口办理参保登记，按年或按月缴费，缴费基数可在全省上年度在岗职工平均工资的60%至300%之间选择。"),
    ("jtj", "建议公交线路延伸到开发区", "开发区新建了很多企业，上下班没有公交车，建议把3路公交延伸到开发区。",
     "赵敏", "13766554433", "", "", D(2016, 9, 12), D(2016, 9, 30),
     "您好！感谢您的建议。经调研，我局已协调公交公司自2016年11月1日起将3路公交延伸至开发区管委会站，早晚高峰加密班次。"),
    ("swj", "小区停水没有提前通知", "11月5日我们小区停水一整天，没有任何通知，家里有老人很不方便。我的电话13904551234，希望回复。",
     "孙丽", "13904551234", "", "", D(2016, 11, 7), D(2016, 11, 10),
     "您好！11月5日停水系供水主管道突发爆管抢修所致，未能提前通知，向您和居民致歉。今后计划停水将提前24小时在小区张贴通知并通过广播告知。"),
    ("gaj", "身份证可以异地办理吗？", "我户口在肇东，现在在哈尔滨工作，身份证快到期了，能在哈尔滨换领吗？",
     "周强", "15204551987", "", "先生", D(2016, 12, 5), D(2016, 12, 9),
     "您好！自2016年起，我省实行居民身份证省内异地受理，您可持旧证到哈尔滨任一公安派出所户籍窗口申请换领，无需回户籍地。"),
    ("mzj", "高龄津贴怎样申领？", "我父亲今年满80周岁，听说有高龄津贴，需要到哪里申请？",
     "吴芳", "13845509876", "wufang@example.com", "", D(2017, 2, 20), D(2017, 2, 24),
     "您好！年满80周岁的本市户籍老人，可由本人或家属持身份证、户口簿到户籍所在乡镇（街道）民政办申请，审核通过后按月发放。"),
    ("wjj", "新农合住院报销比例是多少？", "我母亲在市人民医院住院，新农合能报销多少？需要准备什么材料？",
     "郑凯", "18945507788", "", "先生", D(2017, 4, 10), D(2017, 4, 14),
     "您好！2017年新农合在县级定点医院住院，起付线以上部分报销比例为75%。出院时在医院新农合窗口直接结算，无需另行准备材料。"),
    ("scjgj", "低价代办各类证件", "专业代办营业执照、食品经营许可证，包过，价格优惠，联系QQ123456789。",
     "代办", "13000000000", "", "", D(2017, 5, 15), "spam", ""),
    ("scjgj", "网购商品质量投诉多久能处理？", "9月初在本市一家网店买的电暖器用了三天就坏了，店家不给退换，9月18日向你局投诉，想知道处理进度。",
     "钱海", "13555667788", "", "", D(2017, 9, 18), None, ""),
]


# Messages the department head marked complex the day after receipt (their reply period: the complex one).
COMPLEX: dict[str, str] = {
    "城北棚户区改造项目什么时候回迁？": "回迁楼交付时间须与市住建局、项目建设单位会商确认。",
    "超市销售过期食品": "须派执法人员到现场检查、核实后答复。",
    "夜间施工噪音扰民": "须夜间到工地现场核查施工许可和噪音情况。",
    "建议公交线路延伸到开发区": "须对开发区客流进行调研，并与公交公司协商线路调整。",
}


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def load_interaction_demo() -> str:
    created = 0
    with transaction.atomic():
        for code, subject, content, name, phone, email, salutation, left_on, answer, reply in MESSAGES:
            department = Department.objects.filter(code=code).first()
            if department is None or Message.objects.filter(subject=subject, name=name).exists():
                continue
            message = actions.submit_message(actor=DEMO_LOADER, message=Message(
                department=department, subject=subject, content=content, name=name, phone=phone, email=email,
                publish_name=bool(salutation), salutation=salutation, submitted_at=_at(left_on)))
            created += 1
            if subject in COMPLEX:
                actions.mark_complex(actor=DEMO_LOADER, message=message, reason=COMPLEX[subject],
                                     marked_on=left_on + dt.timedelta(days=1))
            if isinstance(answer, dt.date):
                actions.reply_message(actor=DEMO_LOADER, message=message, reply=reply, replied_on=answer)
                actions.publish_message(actor=DEMO_LOADER, message=message, published_on=answer)
            elif isinstance(answer, str):
                actions.close_message(actor=DEMO_LOADER, message=message, reason=answer)
    counts = {status: Message.objects.filter(status=status).count() for status in Message.Status.values}
    return _("公众留言 %(total)s 条（本次新建 %(created)s 条）：已公开 %(published)s 条，待答复 %(received)s 条，"
             "不予受理 %(closed)s 条。") % {"total": sum(counts.values()), "created": created, **counts}
