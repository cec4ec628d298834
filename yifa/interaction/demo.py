"""Demo messages to several departments across 2016 and 2017, taken through their steps by the actions.

All of them are concluded: answered and published within their reply period (four of them marked complex:
the longer period of the local rule), one declined as spam. The 互动交流 column shows this module's listing.

Then the current work (`load_current_messages`), placed around the demo's today (`yifa.core.demo`): messages
left today and in the last days, running, due soon, a few working days overdue, one marked complex by the head
and handed to the inspector for an on-site check, replies drafted and waiting for the head to publish them, and
replies published in the last days — at 市场监管局 (the demo accounts' department) and across the city.
Idempotent: a message is identified by its subject and author.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yifa.audit.actors import DEMO_LOADER
from yifa.calendar.demo import working_days_before
from yifa.casework.actions import assign_case
from yifa.casework.registry import case_type_of
from yifa.core.demo import demo_moment, demo_today
from yifa.org.demo import demo_account
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
     "钱海", "13555667788", "", "", D(2017, 9, 18), D(2017, 9, 22),
     "您好！您的投诉已于9月19日转我局12315投诉举报中心办理，经调解，网店已同意为您更换同型号电暖器，"
     "请留意网店的联系。如对处理结果有异议，可拨打12315反映。"),
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
    created += load_current_messages(demo_today())
    counts = {status: Message.objects.filter(status=status).count() for status in Message.Status.values}
    return _("公众留言 %(total)s 条（本次新建 %(created)s 条）：已公开 %(published)s 条，待答复 %(received)s 条，"
             "已答复待公开 %(replied)s 条，不予受理 %(closed)s 条。") % {
        "total": sum(counts.values()), "created": created, **counts}


# --- the current work, around the demo's today -----------------------------------------------------------------
# (department, subject, content, name, phone, salutation ("" for 网友), left N working days ago at hour, steps, assignee);
# each step: (what, working days before the demo's today, its input).
CURRENT: list[tuple] = [
    # 市场监管局: what the editor, the head and the inspector see on their home page.
    ("scjgj", "电动自行车充电器充电时冒烟", "前几天在东升市场一家电动车行买的充电器，昨晚充电时冒烟，差点着火。这种充电器有没有"
     "质量问题？商家说不退不换，请市场监管部门查一查。", "蒋文涛", "13945561287", "", (0, 8), [], ""),
    ("scjgj", "直播间买的“特效”保健品说能治病", "我父亲在一个本地直播间买了几盒保健品，主播说能治高血压、降血糖，"
     "花了两千多元。保健品能这样宣传吗？能不能退款？", "孔令红", "15845598762", "女士", (1, 15), [], ""),
    ("scjgj", "超市散装大米标注的产地与实际不符", "昭阳路一家超市的散装大米标的是五常大米，价格也是五常大米的价格，"
     "但包装袋上印的是别的地方的厂家。希望查一下是不是虚假标注。", "鲁婷婷", "18745529931", "", (3, 10), [],
     "editor"),
    ("scjgj", "早餐店从业人员没有健康证", "正阳八道街的一家早餐店，几个做包子的人都没有健康证，操作时也不戴口罩和手套。"
     "希望相关部门检查。", "潘宏伟", "13624558810", "", (7, 7), [], "inspector"),
    ("scjgj", "小区电梯一个月停运三次", "我们小区7号楼的电梯这个月已经停运三次，有一次把老人困在里面半个小时。"
     "物业说在等配件，电梯维保单位也联系不上。电梯是不是该停用检修？", "方志刚", "13796641520", "先生", (6, 16),
     [("complex", 5, "须会同特种设备检验机构到现场检查电梯运行和维护保养情况后答复。")], "inspector"),
    ("scjgj", "个体工商户年报怎样填报？", "我开了一家小卖店，是个体工商户，听说每年都要报年报，在哪里报？不报有什么后果？",
     "金凤霞", "15004557716", "女士", (2, 9),
     [("reply", 0, "您好！个体工商户应于每年1月1日至6月30日，通过国家企业信用信息公示系统（黑龙江）或“黑龙江政务服务”"
                   "手机应用报送上一年度年度报告。未按时报送的，将被标记为经营异常状态，补报后可申请恢复。如需帮助，"
                   "可到市政务服务中心市场监管窗口咨询。")], ""),
    ("scjgj", "营业执照经营范围变更需要哪些材料？", "公司想增加食品销售的经营范围，办理变更登记需要准备哪些材料？"
     "能不能网上办？", "尹建华", "13359985521", "", (4, 14),
     [("reply", 2, "您好！变更经营范围可在“黑龙江政务服务网”全程网上办理，需提交变更登记申请书、股东会决议和修改后的"
                   "公司章程（或章程修正案）。增加食品销售的，还应在取得营业执照后申请食品经营许可。"), ("publish", 1, "")],
     ""),
    ("scjgj", "早餐店员工没有健康证（再次反映）", "前几天反映过正阳八道街早餐店员工没有健康证的问题，再反映一次。",
     "潘宏伟", "13624558810", "", (0, 11), [("close", 0, "duplicate")], ""),
    # Elsewhere in the city.
    ("jtj", "建议开通火车站至经济开发区的夜班公交", "开发区很多企业三班倒，晚上十点以后没有公交车，打车又贵，"
     "建议开通从火车站到开发区的夜班公交。", "郝建军", "13115568804", "先生", (3, 19), [], ""),
    ("fcj", "小区楼道灯坏了半年物业不修", "站前街道某小区3单元楼道灯坏了快半年，多次找物业都说没有维修资金，"
     "老人晚上上下楼很危险。", "侯玉梅", "15164553308", "", (8, 9), [], ""),
    ("swj", "东升小区自来水发黄有异味", "这两天家里自来水放出来是黄色的，还有一股铁锈味，烧开了也有沉淀，"
     "请问是什么原因？能正常饮用吗？", "段立群", "18945561193", "", (1, 7), [], ""),
    ("jyj", "小学课后延时服务怎么收费？", "孩子在城区小学上三年级，学校说要参加课后延时服务，是自愿的吗？收费标准是多少？",
     "武丽萍", "13304553871", "女士", (5, 20),
     [("reply", 3, "您好！课后服务坚持学生自愿参加的原则，由家长提出申请。收费按市发展和改革局核定的标准执行，"
                   "家庭经济困难学生予以减免。具体安排请咨询孩子所在学校。"), ("publish", 2, "")], ""),
    ("rsj", "失业保险金怎样申领？", "我在一家企业干了五年，今年企业裁员我被辞退了，能领失业保险金吗？到哪里办？",
     "常德胜", "13836974452", "", (2, 13),
     [("reply", 0, "您好！参加失业保险满一年、非因本人意愿中断就业并已办理失业登记的，可申领失业保险金。"
                   "可通过“黑龙江人社”手机应用或到市政务服务中心人社窗口申请，需提供身份证和解除劳动合同证明。")], ""),
    ("cgj", "菜市场门口占道经营影响通行", "东升菜市场门口每天早上都有摊贩占道经营，车辆和行人都过不去，"
     "希望城管部门管一管。", "薛志军", "13604554488", "先生", (0, 9), [], ""),
    ("wjj", "社区卫生服务中心周末不开门", "西园街道社区卫生服务中心周六周日都不开门，老人周末看病、拿药很不方便，"
     "能不能安排周末值班？", "田淑芬", "15945565530", "", (6, 10), [], ""),
    ("gaj", "新生儿落户需要哪些材料？", "孩子上个月在市人民医院出生，办理出生登记（落户）需要准备哪些材料？",
     "邹凯", "13904558126", "先生", (4, 16),
     [("reply", 3, "您好！新生儿出生登记可到户籍所在地派出所办理，需提供《出生医学证明》、父母双方的居民身份证、"
                   "户口簿和结婚证。也可通过“黑龙江公安”手机应用网上申报。"), ("publish", 3, "")], ""),
]


def load_current_messages(today: dt.date) -> int:
    """The messages in hand around `today` (see CURRENT); returns how many were created."""
    created = 0
    editor, head = demo_account("editor"), demo_account("head")
    case_type = case_type_of(Message)
    for code, subject, content, name, phone, salutation, (days_ago, hour), steps, assignee in CURRENT:
        department = Department.objects.filter(code=code).first()
        if department is None or Message.objects.filter(subject=subject, name=name).exists():
            continue
        # The demo accounts answer for 市场监管局: the editor drafts, the head publishes; elsewhere the demo loader.
        ours = code == "scjgj" and editor is not None and head is not None
        drafter, approver = (editor, head) if ours else (DEMO_LOADER, DEMO_LOADER)
        with transaction.atomic():
            message = actions.submit_message(actor=DEMO_LOADER, message=Message(
                department=department, subject=subject, content=content, name=name, phone=phone,
                publish_name=bool(salutation), salutation=salutation, submitted_at=demo_moment(working_days_before(today, days_ago), hour, 20)))
            for kind, step_days_ago, text in steps:
                day = working_days_before(today, step_days_ago)
                if kind == "complex":
                    actions.mark_complex(actor=approver, message=message, reason=text, marked_on=day)
                elif kind == "reply":
                    actions.reply_message(actor=drafter, message=message, reply=text, replied_on=day)
                elif kind == "publish":
                    actions.publish_message(actor=approver, message=message, published_on=day)
                elif kind == "close":
                    actions.close_message(actor=approver, message=message, reason=text)
                message.refresh_from_db()
            if assignee and ours and case_type is not None:
                assign_case(actor=head, case_type=case_type, case=message, assignee=demo_account(assignee),
                            reason="请到现场核实后拟写答复" if assignee == "inspector" else "请按期答复")
        created += 1
    return created
