"""The demo's 政府信息公开目录: the catalogue data of the articles in the disclosure columns, and the 2016 items
the agencies published elsewhere (the government gazette, their notice boards), entered by catalogue import.

Titles follow what a county-level agency publishes under each category of 条例 art.20; none carries a
document number (文号), so that no invented official number reads as real. Dates are 2016, each published a
few working days after it was made, except one the website checks show as late (art.26)."""

from __future__ import annotations

# The disclosure columns (政府信息公开栏目): articles under them carry their catalogue data.
DISCLOSURE_COLUMNS = {"zwgk", "zcwj"}

# Article slug → (art.20 category code, standard-directory field code or "", days between made and published).
# The seed report and the current articles are filed too (their slugs are below).
ARTICLE_CATALOGUE: dict[str, tuple[str, str, int]] = {
    "zhengfu-xinxi-gongkai-zhinan": ("A15", "", 6),
    "baomi-shencha-guiding": ("A01", "", 8),
    "zhengwu-gongkai-gongzuo-zhidu": ("A01", "", 8),
    "zerenzhuijiu-zhidu": ("A01", "", 8),
    "fazhi-zhengfu-jianshe-baogao-2016": ("A15", "B11", 5),
    "dangqian-zhengwu-gongkai-yaodian": ("A03", "", 4),
    "fazhi-zhengfu-jianshe-shishi-yijian": ("A01", "", 10),
    "dangqian-yasuo-banli-shixian": ("A05", "", 3),
}

# Every agency's functions and contacts (art.20 item 2) and its budget (item 7), made and published on these
# days; the vertical departments (国税、地税) publish their budgets through their own system, so not here —
# the website checks show it.
FUNCTIONS_MADE, FUNCTIONS_PUBLISHED = "2016-01-12", "2016-01-20"
BUDGET_MADE, BUDGET_PUBLISHED = "2016-03-08", "2016-03-22"
NO_BUDGET_HERE = {"gsj", "dsj"}

# (agency code, category, standard field, title, made on, published on, validity)
ITEMS: list[tuple[str, str, str, str, str, str, str]] = [
    ("bgs", "A03", "", "肇东市国民经济和社会发展第十三个五年规划纲要", "2016-02-26", "2016-03-10", "in_force"),
    ("bgs", "A12", "救灾", "肇东市突发公共事件总体应急预案", "2016-05-16", "2016-05-27", "in_force"),
    ("bgs", "A15", "", "肇东市人民政府2016年政府工作报告", "2016-01-28", "2016-02-05", ""),
    ("bgs", "A15", "", "肇东市2016年政府信息公开工作年度报告", "2017-03-10", "2017-03-20", ""),
    ("czj", "A07", "财政预决算", "肇东市2015年财政决算和2016年财政预算（草案）的报告", "2016-01-27", "2016-02-16", ""),
    ("czj", "A07", "财政预决算", "肇东市2015年市本级一般公共预算决算表", "2016-08-22", "2016-09-05", ""),
    ("czj", "A09", "公共资源交易", "肇东市2016年政府集中采购目录及限额标准", "2016-02-15", "2016-02-29", "in_force"),
    ("czj", "A08", "", "肇东市行政事业性收费项目目录（2016年）", "2016-04-11", "2016-04-25", "in_force"),
    ("scjgj", "A05", "食品药品监管", "食品经营许可办理指南", "2016-03-01", "2016-03-09", "in_force"),
    ("scjgj", "A06", "", "市场监管行政处罚裁量基准", "2016-06-13", "2016-06-24", "in_force"),
    ("scjgj", "A13", "食品药品监管", "2016年第二季度食品安全监督抽检结果", "2016-07-05", "2016-07-15", ""),
    ("scjgj", "A13", "食品药品监管", "2016年第三季度食品安全监督抽检结果", "2016-10-10", "2016-10-21", ""),
    ("scjgj", "A06", "", "2016年度“双随机”抽查结果", "2016-12-20", "2016-12-28", ""),
    ("jyj", "A11", "义务教育", "2016年城区义务教育学校招生入学工作方案", "2016-06-06", "2016-06-16", ""),
    ("jyj", "A11", "义务教育", "2016年城区小学学区划分", "2016-06-06", "2016-06-16", ""),
    ("jyj", "A14", "", "2016年公开招聘农村中小学教师公告", "2016-07-11", "2016-07-18", ""),
    ("jyj", "A14", "", "2016年公开招聘农村中小学教师拟聘用人员名单", "2016-09-02", "2016-09-12", ""),
    ("mzj", "A11", "社会救助", "2016年城乡居民最低生活保障标准", "2016-01-05", "2016-01-15", "in_force"),
    ("mzj", "A11", "社会救助", "2016年第三季度城市低保资金发放情况", "2016-10-12", "2016-10-20", ""),
    ("mzj", "A11", "养老服务", "养老机构设立许可办理指南", "2016-03-14", "2016-03-25", "in_force"),
    ("rsj", "A11", "就业", "2016年就业创业扶持政策汇编", "2016-04-05", "2016-04-15", "in_force"),
    ("rsj", "A14", "", "2016年事业单位公开招聘工作人员公告", "2016-05-03", "2016-05-11", ""),
    ("rsj", "A11", "社会保险", "2016年城乡居民基本医疗保险缴费标准", "2016-09-19", "2016-09-30", "in_force"),
    ("hbj", "A13", "生态环境", "2016年上半年重点污染源监督性监测结果", "2016-07-20", "2016-08-01", ""),
    ("hbj", "A05", "生态环境", "建设项目环境影响评价文件审批结果公告（2016年第3期）", "2016-08-15", "2016-08-24", ""),
    ("ajj", "A13", "安全生产", "2016年安全生产大检查工作方案", "2016-04-18", "2016-04-27", ""),
    ("ajj", "A12", "安全生产", "肇东市生产安全事故应急预案", "2016-06-01", "2016-06-14", "in_force"),
    ("zjj", "A10", "重大建设项目", "2016年城区道路及排水管网改造工程批准和实施情况", "2016-05-09", "2016-05-20", ""),
    ("zjj", "A11", "保障性住房", "2016年公共租赁住房分配结果", "2016-11-07", "2016-11-17", ""),
    ("wjj", "A13", "卫生健康", "2016年公共场所卫生监督抽检结果", "2016-08-29", "2016-09-08", ""),
    ("tjj", "A04", "", "肇东市2015年国民经济和社会发展统计公报", "2016-03-25", "2016-04-08", ""),
    ("tjj", "A04", "", "2016年1—6月全市主要经济指标", "2016-07-18", "2016-07-26", ""),
    ("sfj", "A01", "公共法律服务", "肇东市规范性文件备案审查情况（2016年）", "2016-12-12", "2016-12-22", ""),
    # Made before the Spring Festival holiday, published long after it: the website checks count it late (art.26).
    ("sfj", "A06", "", "2015年度行政执法案卷评查结果", "2016-01-25", "2016-03-21", ""),
    ("nw", "A11", "涉农补贴", "2016年耕地地力保护补贴发放情况", "2016-06-20", "2016-06-30", ""),
    ("gtj", "A10", "征地补偿", "2016年第一批次建设用地征地补偿安置方案", "2016-09-05", "2016-09-14", ""),
]
