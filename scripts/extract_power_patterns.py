"""Build yifa/powers/demo_patterns.py: the penalties (行政处罚), coercive measures, inspections and licences (行政许可)
the demo's departments hold, from the laws' texts.

Usage: python scripts/extract_power_patterns.py LAWS_DIR [CATALOGUE.sqlite3] > yifa/powers/demo_patterns.py

LAWS_DIR holds the laws and regulations as Markdown, one file per version, named "名称(YYYY-MM-DD).md" as in
the LawRefBook/Laws collection (https://github.com/LawRefBook/Laws, commit 2f4c5c2): "第X条 ……" starts an
article, "（一）……" lines are its items, "## 第X章 法律责任" its chapters. For each department the table
SOURCES below names the laws whose penalties it held in 2016 and a phrase naming that department in the
penalty article (None: every penalty of the chapter is its own, as 治安管理处罚法's are the police's). Each
penalty becomes one item named as the lists name them — "对<the act as the article words it>的处罚" — and
cites the article, paragraph and item that set it. The version read is the one in force in 2016, or a
later one whose articles kept their numbers (listed in SOURCES by that version's date).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

PENALTY = re.compile(r"罚款|警告|没收|吊销|拘留|责令停产停业|责令停业|取缔|暂扣|降低资质等级")
# Acts of officials and agencies (处分), late payment (加处罚款) and references to other paragraphs are no penalty item.
NOT_AN_ACT = re.compile(r"前款|前两款|本条|下列|逾期不缴纳罚款|构成犯罪的?$|工作人员|国家机关|交通警察|玩忽职守|滥用职权")
ARTICLE = re.compile(r"^第([一二三四五六七八九十百零]+)条\s*(.*)$")
ITEM = re.compile(r"^（([一二三四五六七八九十]+)）\s*(.*)$")
CHAPTER = re.compile(r"^#+\s*第[一二三四五六七八九十]+[章节]\s*(.*)$")
LEADS = re.compile(r"^(违反本(法|条例|办法|规定)(第[一二三四五六七八九十百零、]+条(第[一二三四五六七八九十]+款)?)?(的)?规定，"
                   r"|违反本(法|条例)规定的?|有下列(行为|情形)之一的?，?)")
NUMERALS = "一二三四五六七八九十"

# department: [(file name, the phrase naming the department in the article or None, chapter keyword)]
LIABILITY = "法律责任|罚则|处罚"
SOURCES: dict[str, list[tuple[str, str | None, str]]] = {
    "gaj": [("行政法/治安管理处罚法(2012-10-26).md", None, "违反治安管理的行为和处罚"),
            ("行政法/道路交通安全法(2021-04-29).md", None, "法律责任"),
            ("行政法/居民身份证法(2011-10-29).md", None, "法律责任"),
            ("行政法/消防法(2021-04-29).md", "消防救援机构", LIABILITY),
            ("行政法/枪支管理法(2015-04-24).md", "公安机关", "法律责任"),
            ("行政法规/大型群众性活动安全管理条例(2007-09-14).md", "公安机关", LIABILITY),
            ("行政法规/烟花爆竹安全管理条例(2016-02-06).md", "公安", LIABILITY),
            ("行政法规/民用爆炸物品安全管理条例(2014-07-29).md", "公安机关", LIABILITY)],
    "scjgj": [("行政法/食品安全法(2021-04-29).md", "食品安全监督管理部门", LIABILITY),
              ("经济法/产品质量法(2018-12-29).md", "市场监督管理部门|产品质量监督部门", LIABILITY),
              ("经济法/广告法(2021-04-29).md", "市场监督管理部门", LIABILITY),
              ("社会法/特种设备安全法(2013-06-29).md", "负责特种设备安全监督管理的部门", LIABILITY),
              ("行政法/药品管理法(2019-08-26).md", "药品监督管理部门", LIABILITY),
              ("经济法/计量法(2018-10-26).md", None, LIABILITY),
              ("民法商法/消费者权益保护法(2013-10-25).md", None, LIABILITY),
              ("民法商法/商标法(2019-04-23).md", "工商行政管理部门", LIABILITY),
              ("经济法/反不正当竞争法(2019-04-23).md", "监督检查部门", LIABILITY),
              ("行政法规/个体工商户条例(2016-02-06).md", None, LIABILITY),
              ("行政法规/公司登记管理条例(2016-02-06).md", None, LIABILITY),
              ("行政法规/工业产品生产许可证管理条例(2005-07-09).md", None, LIABILITY),
              ("行政法规/乳品质量安全监督管理条例(2008-10-09).md", "工商行政管理部门|质量监督|食品药品", LIABILITY)],
    "hbj": [("行政法/大气污染防治法(2018-10-26).md", "生态环境主管部门|环境保护主管部门", LIABILITY),
            ("行政法/环境保护法(2014-04-24).md", "环境保护主管部门", LIABILITY),
            ("行政法/水污染防治法(2017-06-27).md", "环境保护主管部门|生态环境主管部门", LIABILITY),
            ("行政法/环境影响评价法(2018-12-29).md", "生态环境主管部门|环境保护行政主管部门", LIABILITY),
            ("行政法/环境噪声污染防治法(2018-12-29).md", "生态环境主管部门|环境保护行政主管部门", LIABILITY),
            ("行政法/固体废物污染环境防治法(2020-04-29).md", "生态环境主管部门", LIABILITY),
            ("行政法/放射性污染防治法(2003-06-28).md", "环境保护行政主管部门", LIABILITY)],
    "ajj": [("社会法/安全生产法(2021-06-10).md", "应急管理部门|负有安全生产监督管理职责的部门", LIABILITY),
            ("行政法规/危险化学品安全管理条例(2013-12-07).md", "安全生产监督管理部门", LIABILITY),
            ("社会法/职业病防治法(2018-12-29).md", "卫生健康主管部门|安全生产监督管理部门", LIABILITY),
            ("行政法规/烟花爆竹安全管理条例(2016-02-06).md", "安全生产监督管理部门", LIABILITY),
            ("行政法规/生产安全事故报告和调查处理条例(2007-04-09).md", "安全生产监督管理部门", LIABILITY)],
    "zjj": [("经济法/建筑法(2019-04-23).md", None, LIABILITY),
            ("行政法/城乡规划法(2019-04-23).md", "城乡规划主管部门", LIABILITY),
            ("行政法规/建设工程质量管理条例(2019-04-23).md", None, LIABILITY),
            ("行政法规/建设工程安全生产管理条例(2003-11-24).md", None, LIABILITY),
            ("行政法规/城镇燃气管理条例(2016-02-06).md", "燃气管理部门", LIABILITY),
            ("行政法规/城镇排水与污水处理条例(2013-10-02).md", "城镇排水主管部门", LIABILITY),
            ("行政法规/民用建筑节能条例(2008-08-01).md", "建设主管部门", LIABILITY),
            ("行政法规/城市道路管理条例(2019-03-24).md", None, LIABILITY)],
    "jtj": [("经济法/公路法(2017-11-04).md", "交通主管部门", LIABILITY),
            ("行政法规/道路运输条例(2019-03-02).md", "道路运输管理机构|交通运输主管部门", LIABILITY),
            ("行政法规/公路安全保护条例(2011-03-07).md", "公路管理机构|交通运输主管部门", LIABILITY)],
    "swj": [("经济法/水法(2016-07-02).md", "水行政主管部门", LIABILITY),
            ("经济法/防洪法(2016-07-02).md", "水行政主管部门", LIABILITY),
            ("经济法/水土保持法(2010-12-25).md", "水行政主管部门", LIABILITY),
            ("行政法规/取水许可和水资源费征收管理条例(2017-03-01).md", "水行政主管部门", LIABILITY)],
    "gtj": [("行政法/土地管理法(2019-08-26).md", "自然资源主管部门", LIABILITY),
            ("经济法/矿产资源法(2009-08-27).md", None, LIABILITY),
            ("行政法/测绘法(2017-04-27).md", "测绘地理信息主管部门", LIABILITY),
            ("行政法规/地质灾害防治条例(2003-11-24).md", "国土资源主管部门", LIABILITY)],
    "nw": [("行政法规/农药管理条例(2017-03-16).md", None, LIABILITY),
           ("经济法/种子法(2021-12-24).md", "农业农村、林业草原主管部门|农业农村主管部门", LIABILITY),
           ("经济法/农产品质量安全法(2018-10-26).md", "农业行政主管部门|农业农村主管部门", LIABILITY),
           ("行政法规/植物检疫条例(2017-10-07).md", None, LIABILITY),
           ("行政法规/农业机械安全监督管理条例(2019-03-02).md", "农业机械化主管部门", LIABILITY),
           ("经济法/渔业法(2013-12-28).md", "渔业行政主管部门", LIABILITY)],
    "xmj": [("经济法/畜牧法(2015-04-24).md", "畜牧兽医行政主管部门", LIABILITY),
            ("经济法/动物防疫法(2021-01-22).md", "农业农村主管部门", LIABILITY),
            ("行政法规/兽药管理条例(2020-03-27).md", "兽医行政管理部门", LIABILITY),
            ("行政法规/饲料和饲料添加剂管理条例(2017-03-01).md", "饲料管理部门", LIABILITY)],
    "lyj": [("经济法/森林法(2019-12-28).md", "林业主管部门", LIABILITY),
            ("行政法规/森林法实施条例(2018-03-19).md", "林业主管部门", LIABILITY),
            ("经济法/野生动物保护法(2018-10-26).md", "野生动物保护主管部门", LIABILITY),
            ("行政法规/森林防火条例(2008-12-01).md", "林业主管部门", LIABILITY),
            ("行政法规/陆生野生动物保护实施条例(2016-02-06).md", "野生动物行政主管部门", LIABILITY)],
    "wjj": [("行政法/传染病防治法(2013-06-29).md", "卫生行政部门", LIABILITY),
            ("行政法规/医疗机构管理条例(2016-02-06).md", "卫生行政部门", LIABILITY),
            ("行政法规/公共场所卫生管理条例(2019-04-23).md", None, LIABILITY),
            ("行政法/母婴保健法(2017-11-04).md", None, LIABILITY),
            ("行政法规/护士条例(2020-03-27).md", "卫生主管部门", LIABILITY),
            ("行政法规/医疗废物管理条例(2011-01-08).md", "卫生行政主管部门", LIABILITY)],
    "rsj": [("社会法/劳动合同法(2012-12-28).md", "劳动行政部门", LIABILITY),
            ("社会法/社会保险法(2018-12-29).md", "社会保险行政部门", LIABILITY),
            ("行政法规/劳动保障监察条例(2004-11-01).md", "劳动保障行政部门", LIABILITY),
            ("社会法/就业促进法(2015-04-24).md", "劳动行政部门", LIABILITY),
            ("行政法规/工伤保险条例(2010-12-20).md", "社会保险行政部门", LIABILITY)],
    "wgxj": [("行政法规/娱乐场所管理条例(2020-11-29).md", "文化主管部门", LIABILITY),
             ("行政法规/互联网上网服务营业场所管理条例(2019-03-24).md", "文化行政部门", LIABILITY),
             ("行政法规/营业性演出管理条例(2020-11-29).md", "文化主管部门", LIABILITY),
             ("行政法规/印刷业管理条例(2020-11-29).md", "出版行政部门", LIABILITY),
             ("行政法规/出版管理条例(2020-11-29).md", "出版行政主管部门", LIABILITY),
             ("行政法/文物保护法(2017-11-04).md", "文物主管部门", LIABILITY)],
    "mzj": [("行政法规/社会团体登记管理条例(2016-02-06).md", None, LIABILITY),
            ("行政法规/民办非企业单位登记管理暂行条例(1998-10-25).md", None, LIABILITY),
            ("行政法规/殡葬管理条例(2012-11-09).md", None, LIABILITY)],
    "jyj": [("行政法/教育法(2021-04-29).md", "教育行政部门", LIABILITY),
            ("行政法/民办教育促进法(2018-12-29).md", "教育行政部门|人力资源社会保障行政部门", LIABILITY),
            ("行政法/义务教育法(2018-12-29).md", "教育行政部门", LIABILITY),
            ("行政法规/校车安全管理条例(2012-04-05).md", "教育行政部门", LIABILITY)],
    "czj": [("经济法/会计法(2017-11-04).md", None, LIABILITY),
            ("经济法/政府采购法(2014-08-31).md", None, LIABILITY),
            ("行政法规/财政违法行为处罚处分条例(2011-01-08).md", None, LIABILITY)],
    "tjj": [("经济法/统计法(2009-06-27).md", None, LIABILITY)],
    "wjgl": [("经济法/价格法(1997-12-29).md", None, LIABILITY),
             ("行政法规/价格违法行为行政处罚规定(2010-12-04).md", None, "")],
    "swuj": [("行政法规/商业特许经营管理条例(2007-02-06).md", None, LIABILITY),
             ("行政法规/直销管理条例(2017-03-01).md", None, LIABILITY)],
    "cgj": [("行政法规/城市市容和环境卫生管理条例(2017-03-01).md", None, LIABILITY),
            ("行政法规/城市绿化条例(2017-03-01).md", None, LIABILITY)],
    "rfb": [("行政法/人民防空法(2009-08-27).md", None, LIABILITY)],
    "fcj": [("行政法/城市房地产管理法(2019-08-26).md", None, LIABILITY),
            ("行政法规/物业管理条例(2018-03-19).md", None, LIABILITY),
            ("行政法规/城市房地产开发经营管理条例(2020-11-29).md", None, LIABILITY)],
    "gsj": [("经济法/税收征收管理法(2015-04-24).md", None, LIABILITY)],
    "dsj": [("经济法/税收征收管理法(2015-04-24).md", None, LIABILITY)],
    "gxj": [("经济法/电力法(2018-12-29).md", "电力管理部门", LIABILITY),
            ("行政法规/电力设施保护条例(2011-01-08).md", None, "")],
    "sfju": [("行政法/律师法(2017-09-01).md", "司法行政部门", LIABILITY),
             ("行政法规/法律援助条例(2003-07-21).md", "司法行政部门", LIABILITY)],
    "mzzj": [("行政法规/宗教事务条例(2017-08-26).md", "宗教事务部门", LIABILITY)],
}


# Beyond SOURCES, every law and regulation made by 2016 whose penalty articles name the department and a county
# (县级以上) as the one that imposes them: the department's phrases, old and new names of the same office.
SWEEP: dict[str, str] = {
    "gaj": "公安机关|消防救援机构",
    "scjgj": "市场监督管理部门|工商行政管理部门|质量技术监督部门|产品质量监督部门|食品药品监督管理部门|食品安全监督管理部门"
             "|药品监督管理部门|特种设备安全监督管理的部门|标准化行政主管部门|计量行政部门",
    "hbj": "环境保护主管部门|环境保护行政主管部门|生态环境主管部门",
    "zjj": "建设行政主管部门|住房城乡建设主管部门|住房和城乡建设主管部门|城乡规划主管部门|建设主管部门|燃气管理部门"
           "|城镇排水主管部门|市政工程行政主管部门",
    "jtj": "交通运输主管部门|交通主管部门|道路运输管理机构|公路管理机构",
    "swj": "水行政主管部门",
    "gtj": "国土资源主管部门|自然资源主管部门|土地行政主管部门|测绘地理信息主管部门|地质矿产主管部门",
    "nw": "农业行政主管部门|农业农村主管部门|农业主管部门|渔业行政主管部门|农业机械化主管部门",
    "xmj": "兽医主管部门|畜牧兽医行政主管部门|兽医行政管理部门|饲料管理部门",
    "lyj": "林业主管部门|林业行政主管部门|野生动物保护主管部门|林业草原主管部门",
    "wjj": "卫生行政部门|卫生主管部门|卫生健康主管部门|卫生计生行政部门|计划生育行政部门",
    "ajj": "安全生产监督管理部门|应急管理部门",
    "rsj": "劳动行政部门|劳动保障行政部门|人力资源社会保障行政部门|社会保险行政部门",
    "wgxj": "文化主管部门|文化行政部门|出版行政主管部门|出版行政部门|文物主管部门|文物行政部门|广播电视行政部门"
            "|体育行政部门|旅游主管部门",
    "mzj": "民政部门",
    "jyj": "教育行政部门",
    "czj": "财政部门",
    "sjj": "审计机关",
    "tjj": "统计机构",
    "wjgl": "价格主管部门",
    "swuj": "商务主管部门|商务部门",
    "cgj": "市容环境卫生行政主管部门|城市绿化行政主管部门",
    "rfb": "人民防空主管部门",
    "fcj": "房地产管理部门|房产管理部门|房地产主管部门|物业管理主管部门",
    "gsj": "税务机关",
    "dsj": "税务机关",
    "gxj": "电力管理部门|管理节能工作的部门",
    "sfju": "司法行政部门",
    "mzzj": "宗教事务部门",
    "kjj": "科学技术行政部门|科学技术主管部门",
    "fgj": "粮食行政管理部门|发展改革部门|价格主管部门",
}
LAW_FOLDERS = ("宪法相关法", "民法商法", "行政法", "经济法", "社会法", "行政法规")
VERSION = re.compile(r"^(.+)\((\d{4}-\d{2}-\d{2})\)\.md$")


def versions(root: Path, expired: set[str]) -> dict[str, Path]:
    """Each law or regulation first made by 2016, in its newest version in the collection that is not repealed."""
    found: dict[str, list[tuple[str, Path]]] = {}
    for folder in LAW_FOLDERS:
        for path in (root / folder).glob("*.md"):
            match = VERSION.match(path.name)
            if match and path.stem not in expired:
                found.setdefault(match.group(1), []).append((match.group(2), path))
    chosen: dict[str, Path] = {}
    for name, dated in found.items():
        dated.sort()
        head = dated[-1][1].read_text(encoding="utf-8")[:800].split("<!-- INFO END -->")[0]
        years = [int(y) for y in re.findall(r"(\d{4})年", head)]
        if years and min(years) <= 2016:
            chosen[name] = dated[-1][1]
    return chosen


# The department whose field a law's title names, for laws that put "有关部门" in charge without naming one.
FIELDS_BY_TITLE: list[tuple[str, str]] = [
    ("治安|道路交通|消防|枪支|爆炸|烟花爆竹|居民身份证|户口|出境入境|集会|保安|旅馆|易制毒|禁毒|反恐怖", "gaj"),
    ("食品|药品|产品质量|广告|商标|计量|标准化|特种设备|消费者|不正当竞争|公司|企业|个体工商户|合伙|认证认可|工业产品|乳品|"
     "化妆品|医疗器械|直销|拍卖|价格违法", "scjgj"),
    ("环境|污染|噪声|放射|核安全|清洁生产|排污", "hbj"),
    ("建筑|建设工程|城乡规划|城镇燃气|城镇排水|民用建筑|勘察设计|城市道路|风景名胜|历史文化名城", "zjj"),
    ("公路|道路运输|航道|港口|船员|内河", "jtj"),
    ("水法|防洪|水土保持|取水|河道|水库|抗旱|农田水利", "swj"),
    ("土地|矿产|测绘|地质|不动产", "gtj"),
    ("农业|种子|农药|农产品|植物|渔业|农作物|农民专业|农村", "nw"),
    ("动物|畜牧|兽药|饲料|屠宰|种畜|重大动物疫情", "xmj"),
    ("森林|林木|野生|草原|湿地|退耕", "lyj"),
    ("医|卫生|传染病|母婴|献血|精神|疫苗|护士|职业病|计划生育|人口|中医", "wjj"),
    ("安全生产|危险化学品|生产安全|矿山", "ajj"),
    ("劳动|社会保险|就业|工伤|工资|职工", "rsj"),
    ("娱乐|互联网上网|演出|印刷|出版|文物|广播电视|电影|体育|旅游|博物馆|音像|著作权", "wgxj"),
    ("社会团体|民办非企业|殡葬|婚姻|慈善|救助|基金会|养老|地名|村民委员会", "mzj"),
    ("教育|学校|教师|校车|学位", "jyj"),
    ("会计|政府采购|财政|预算|彩票", "czj"),
    ("统计|普查", "tjj"),
    ("价格", "wjgl"),
    ("商业特许|对外贸易|成品油|酒类|再生资源", "swuj"),
    ("市容|城市绿化", "cgj"),
    ("人民防空", "rfb"),
    ("房地产|物业|房屋", "fcj"),
    ("税|发票", "gsj"),
    ("电力|节约能源|无线电|电信", "gxj"),
    ("律师|法律援助|公证|人民调解", "sfju"),
    ("宗教", "mzzj"),
    ("科学技术|科技", "kjj"),
    ("粮食|招标投标|节能", "fgj"),
]


def owners(path: Path) -> list[str]:
    """The departments a law puts in charge in a county: "县级以上地方人民政府……部门负责本行政区域内……", else the
    department of the field its title names."""
    text = path.read_text(encoding="utf-8")
    title = text.splitlines()[0]
    found = [d for pattern, d in FIELDS_BY_TITLE if re.search(pattern, title)][:1]
    if found == ["gsj"]:
        found.append("dsj")
    for sentence in re.split(r"[。；]", text):
        if re.search(r"县级以上(地方)?(各级)?人民政府", sentence) and "负责本行政区域" in sentence:
            head = sentence.split("负责本行政区域", 1)[0]
            found.extend(d for d, phrase in SWEEP.items() if re.search(phrase, head) and d not in found)
    return found


def chinese(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    out = ""
    if hundreds:
        out += NUMERALS[hundreds - 1] + "百"
        if tens == 0 and units:
            return out + "零" + NUMERALS[units - 1]
    if tens:
        out += ("" if tens == 1 and not hundreds else NUMERALS[tens - 1]) + "十"
    if units:
        out += NUMERALS[units - 1]
    return out


def articles(path: Path, chapter_keyword: str) -> tuple[str, list[tuple[str, list[str]]]]:
    """The law's title, and (article number, its lines) of the chapters whose title matches."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    title = lines[0].lstrip("# ").strip()
    if "<!-- INFO END -->" in lines:
        lines = lines[lines.index("<!-- INFO END -->") + 1:]
    found: list[tuple[str, list[str]]] = []
    for line in lines:
        if not line or CHAPTER.match(line):
            continue
        article = ARTICLE.match(line)
        if article:
            found.append((article.group(1), [article.group(2)]))
        elif found:
            found[-1][1].append(line)
    if chapter_keyword:
        found = [a for a in found if in_chapter(a, lines, chapter_keyword)]
    return title, found


def in_chapter(article: tuple[str, list[str]], lines: list[str], keyword: str) -> bool:
    number = article[0]
    chapter = ""
    for line in lines:
        heading = CHAPTER.match(line)
        if heading:
            if line.startswith("## ") or re.search(keyword, heading.group(1)):
                chapter = heading.group(1)
            continue
        found = ARTICLE.match(line)
        if found and found.group(1) == number:
            return bool(re.search(keyword, chapter))
    return False


def official(line: str, whole: str) -> bool:
    """An article (or paragraph) about what officials or agencies did: 处分, not a penalty on a party."""
    return bool(re.search(r"处分", line) and not re.search(r"罚款|没收|吊销|拘留|警告|责令停产停业", line)) or bool(
        re.match(r".{0,30}(人民政府|主管部门|管理部门|行政部门|公安机关交通管理部门|工作人员|税务机关|审计机关|监察机关)"
                 r"(及其工作人员)?(有下列|违反|在|未|不|对)", line))


def act(text: str) -> str:
    """The act a penalty is for, as the article words it: what comes before "的，" (its leading 违反本法规定 dropped)."""
    text = LEADS.sub("", text.strip())
    text = LEADS.sub("", text)
    head = text.split("的，", 1)[0] if "的，" in text else ""
    return head.strip("，。；：: ")


# The kinds of penalty (行政处罚法 第九条) an article sets, in the words articles use for them.
KINDS = [("警告", "警告"), ("罚款", "罚款"), ("没收违法所得", "没收违法所得"), ("没收非法财物", "没收(违法|非法)(生产|经营|销售)?的?"),
         ("责令停产停业", "责令停产停业|责令停业|停产整顿|停业整顿"), ("暂扣许可证件", "暂扣"),
         ("吊销许可证件", "吊销"), ("行政拘留", "拘留")]


def kinds_of(text: str) -> tuple[str, ...]:
    return tuple(kind for kind, pattern in KINDS if re.search(pattern, text))


def name_of(words: str, context: str = "") -> str:
    words = re.sub(r"[；;。，,]+$", "", words.strip())
    words = re.sub(r"的$", "", words)
    if context:
        words = f"{words}，{context}"
    return f"对{words}的处罚"


def penalties(path: Path, keyword: str | None, chapter: str, county: bool = False,
              unnamed: str = "") -> list[tuple[str, str, str, tuple[str, ...]]]:
    """(name, law title, article) for each penalty of the law that names the department (or every one);
    `county`: only articles that give the penalty to a county's department (县级以上)."""
    title, found = articles(path, chapter)
    out: list[tuple[str, str, str, tuple[str, ...]]] = []
    for number, lines in found:
        whole = "".join(lines)
        if not PENALTY.search(whole) or (keyword and not re.search(keyword, whole)):
            continue
        if unnamed and re.search(unnamed, whole):  # names a department: the sweep attributes it
            continue
        if county and not re.search(r"县级以上(地方)?(各级)?人民政府(的)?(" + (keyword or "") + ")", whole) and re.search(
                r"国务院|省、自治区、直辖市|省级|设区的市", whole):
            continue
        paragraph = 0
        intro_context = ""
        intro_line = ""
        listing = False
        for line in lines:
            item = ITEM.match(line)
            if item:
                if not listing:
                    continue
                words = item.group(2)
                if re.search(r"^其他|的其他(违法)?(行为|情形|事项)|规定的其他", words) or len(words) < 6 or NOT_AN_ACT.search(words):
                    continue
                place = f"第{number}条" + (f"第{chinese(paragraph)}款" if paragraph > 1 else "") + f"第（{item.group(1)}）项"
                out.append((name_of(words, intro_context), title, place, kinds_of(intro_line)))
                continue
            paragraph += 1
            intro_line = line
            listing = bool(re.search(r"下列.{0,20}之一", line)) and not official(line, whole)
            intro_context = ""
            if listing:
                if keyword and not re.search(keyword, line) and not re.search(keyword, whole):
                    listing = False
                tail = re.split(r"下列.{0,20}之一的?，?", line, maxsplit=1)[-1]
                context = tail.split("的，", 1)[0] if "的，" in tail else ""
                if context and not re.match(r"(尚不构成犯罪|构成犯罪|情节|由|处|责令|依照|给予|除)", context):
                    intro_context = context.strip("，")
                continue
            if not PENALTY.search(line) or (keyword and not re.search(keyword, line) and paragraph > 1):
                continue
            if official(line, whole):
                continue
            # A paragraph may name several acts, each in its own sentence: "……的，处……；……的，处……。"
            for sentence in re.split(r"[；。]", line):
                if not PENALTY.search(sentence):
                    continue
                words = act(sentence)
                if len(words) < 6 or re.match(r"(有前款|有本条|前款|本条|前两款|依照|情节|当事人|对|单位|个人|被|因|拒不|逾期"
                                              r"|造成|有违法所得|违法所得|没有违法所得|无违法所得|货值|构成|尚不|不需要|致使"
                                              r"|其中|但|经)", words):
                    continue
                if NOT_AN_ACT.search(words):
                    continue
                place = f"第{number}条" + (f"第{chinese(paragraph)}款" if paragraph > 1 else "")
                out.append((name_of(words), title, place, kinds_of(line)))
    return out


MEASURE = re.compile(r"查封|扣押|扣留|封存|强制检定|强制拆除")
INSPECTION = re.compile(r"检查|抽样|查阅|复制|询问|调查|检验|检测|进入")


def measures(path: Path, keyword: str | None) -> list[tuple[str, str, str, str]]:
    """(type, name, law, article): the coercive measures (03) and inspections (06) a department "有权" take, one per
    item of the article that lists them ("……有权采取下列措施：（一）进入生产经营场所实施现场检查；……")."""
    title, found = articles(path, "")
    out: list[tuple[str, str, str, str]] = []
    for number, lines in found:
        intro = lines[0]
        if not re.search(r"(有权|可以|应当)(依法)?采取下列|有权(进行|采取)下列|行使下列职权", intro):
            continue
        if keyword and not re.search(keyword, intro):
            continue
        for line in lines[1:]:
            item = ITEM.match(line)
            if not item:
                continue
            words = re.sub(r"[；;。，,：]+$", "", item.group(2)).strip()
            if len(words) < 6 or len(words) > 120 or "其他" in words[-8:] or NOT_AN_ACT.search(words):
                continue
            kind = "03" if MEASURE.search(words) else "06" if INSPECTION.search(words) else ""
            if kind:
                out.append((kind, words, title, f"第{number}条第（{item.group(1)}）项"))
    return out


# --- licences (行政许可) -----------------------------------------------------------------------------------
# A licence is named where an article says who issues it: "由县级以上……部门核发《X许可证》", "应当经……部门批准",
# "未经……部门批准，不得……", "从事……的，应当向……部门提出申请". The department is the one the sentence names as the issuer
# (the last department phrase before the verb), else the only department the article names, else — when the article
# names none — the department of the field the law's title names. Articles about penalties, officials, or other
# matters (备案, 登记 at the registry, 变更, 延续) are no licence of their own.
HIGHER = re.compile(r"国务院|省、自治区、直辖市|省级|省、|设区的市|自治州|地区行政公署|市级|中央|流域管理机构")
NOT_A_LICENCE = re.compile(r"罚款|处罚|吊销|违反|撤销|注销|责令|没收|处分|追究|不予|不得(颁发|核发|发给)|拒不|期满|有效期|通报|征求"
                           r"|意见|犯罪|嫌疑|监护|移送|假释|缓刑|管制分子|补办|交回|委托|查封|扣押|负责人|本机关|授权|不符合|军|重新"
                           r"|凭|持|办理登记|登记手续|注册登记|变更|备案|报告|统计|设立登记|申请登记|登记注册|检定|周期|工作人员|监督检查")
# Matters no county department deals with (finance, foreign affairs, the border, aviation and the sea), and
# permissions that are no administrative licence (a copyright holder's).
NOT_LOCAL = re.compile(r"证券|银行|保险|股票|债券|金融|航空|海关|边防|国际|外国|外商|涉外|台湾|境外|出境|入境|进口|出口|进出口|海洋|海域"
                       r"|船员|营业执照|社会保险登记|签证|检疫机关|著作权|作品|权利人|电信|进网|烟草|快递|邮政|彩票|核安全|核设施"
                       r"|转基因|血液制品|新药|临床|药品注册|商标注册|配额|密码|电子认证|认证|集体管理|拆迁")
NOT_A_NAME = re.compile(r"^(者|人|单位|作业|或者|属于|其中|许可的|申请|颁发或者|所在地|材料|登记|我国|进入|因特殊|研制|变更|离开|在其他|外商|上下|依法"
                        r"|按照|对|需要|确需|经批准|实施|和|与|下一年度|取得|领取|放|管理机关|同级|当地|卫生行政部门|旅游主管部门"
                        r"|一次有效|专项|列入目录)|，|、不得|重复|时还|前往|以上|规定|时审批|后审批|的许可$|部门.{0,4}许可|机关.{0,4}许可"
                        r"|^.?(许可证|合格证|许可)(件)?(核发)?$|许可证.*许可证|(单科|考试|健康|产品|检疫|验收|考核|试验)合格证")
VERB = r"(?:核发|颁发|发给|发放|取得|领取|申请领取|申请办理|申请|办理)"
PERMIT = re.compile(VERB + r"《?([\u4e00-\u9fa5（）()]{2,18}?(?:许可证件|许可证|合格证|许可))》?")
APPROVE = re.compile(r"^(.{4,30}?)的?，(?:建设单位|申请人)?(?:应当|须|必须|需|需要)(?:事先|依法)?(?:经|报经|报请|向|由|征得)(.{0,40}?)"
                     r"(?:批准|审批|许可|核准|审查同意|审核同意|审核|验收)")
# Registrations that set up an organisation are licences too (行政许可法 第十二条第（五）项): "设立公司，应当依法向公司登记
# 机关申请设立登记", "申请成立社会团体……向登记管理机关申请登记".
REGISTER = re.compile(r"^(?:申请)?(?:设立|成立|开办)([\u4e00-\u9fa5]{2,12}?)(?:的)?，(?:应当|须|必须)?(?:依法)?(?:向|到|由)(.{0,30}?)"
                      r"(?:申请|办理)?(?:设立|成立)?登记")
# "……应当向所在地县级以上人民政府卫生行政部门申请执业注册": a practising registration (医师, 护士) is a licence.
PRACTICE = re.compile(r"^(?:申请)?(.{0,10}?(?:医师|护士|执业|从业|职业))?.{0,30}?(?:向|到)(.{0,40}?)申请(?:执业)?注册")
# "建设公墓，经县级……民政部门审核同意后，报省……民政部门审批": the county's department reviews first (初审), a higher
# level decides.
FIRST_REVIEW = re.compile(r"^(.{2,30}?)(?:的)?，(?:应当)?(?:经|由)(.{0,40}?)(?:审核|审查)(?:同意)?后，(?:报|由)(.{0,40}?)"
                          r"(?:审批|批准|认定|核准)")
# "国家对食品生产经营实行许可制度", "公安机关对大型群众性活动实行安全许可制度".
REGIME = re.compile(r"对([\u4e00-\u9fa5、（）()]{2,20}?)实行([\u4e00-\u9fa5]{0,6}?)许可(?:证)?制度")
APPLY = re.compile(r"^(?:申请)?((?:从事|设立|开办|举办|设置|兴办|开设|建设|经营|生产|新建|改建|扩建|采集|收购|销售|运输|使用|占用|挖掘"
                   r"|迁移|砍伐|开采|取用|在)[^，]{2,24}?)的?，(?:应当|须|必须)?(?:依法)?(?:向|到|报)(.{0,40}?)(?:提出申请|申请|提交|报送)")
ISSUED_BY = re.compile(r"(?:^|(?<=[，、；：（(《]))《?([\u4e00-\u9fa5（）()]{2,16}?(?:许可证|合格证))》?(?:的核发)?，?由(.{0,40}?)(?:核发|颁发|发放|审批发放|审核发放)")
# "进行下列活动，必须报经……批准：（一）……": each item is an approval of its own.
LISTED = re.compile(r"下列.{0,12}(?:活动|行为|事项|工程|项目|建设)的?，?(?:应当|必须|须)(?:报经|经|报请|向)(.{0,40}?)(?:批准|审批|许可|同意|申请)")
UNLESS = re.compile(r"未经(.{0,40}?)(?:批准|许可|核准|同意)，(?:任何单位和个人|任何单位或者个人|任何单位|任何人)?不得(.{4,30})$")
WHO = re.compile(r"^(（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\))?(任何单位和个人|单位和个人|单位或者个人|建设单位|申请人|个人)?(申请)?")
# A licence that another department issues than the one the article names first (the field decides).
FIELD_OF_LICENCE: list[tuple[str, str]] = [
    ("剧毒化学品购买|民用爆炸|爆破|枪支|焰火|烟花爆竹道路运输|易制毒|放射性物品审批", "gaj"), ("采矿|勘查", "gtj"),
    ("旅行社", "wgxj"), ("种子", "nw"), ("种畜禽|生鲜乳|动物防疫|动物诊疗|兽药|兽用|饲料", "xmj"),
    ("港口经营|道路运输经营|道路旅客|水路运输业务|超限运输|危险货物", "jtj"),
    ("印刷|出版|音像|电影|演出|娱乐|网络文化|互联网上网", "wgxj"), ("工业产品生产许可", "scjgj"), ("医疗机构执业|母婴保健", "wjj"),
    ("取水", "swj"), ("危险化学品|烟花爆竹", "ajj"), ("校车", "jyj"), ("施工许可|规划许可|燃气经营|排水管网", "zjj"),
    ("林木采伐", "lyj"), ("农药", "nw"),
]
# A licence the law leaves to a county's department although the sentence names a higher level in passing.
COUNTY_LICENCES = re.compile(r"^取水许可")


# Read through by hand: what the patterns got wrong. None drops an item (a duplicate of another or of a written-out
# item, a permission no county department deals with, words that name no licence); otherwise (department, level,
# the licence's name as catalogues write it).
REVIEWED: dict[str, tuple[str, str, str] | None] = {
    "在中国境内上市的药品审批": None, "食品生产许可证核发": None, "生产下列重要工业产品的企业生产许可": None,
    "食品经营许可": None, "食品生产经营许可": None, "采矿许可证核发": None, "采矿权和采矿许可证核发": None,
    "建设用地手续或者领取采矿许可证核发": None, "经营许可证件核发": None, "建设工程规划许可证核发": None,
    "颁发施工许可证核发": None, "业务经营许可": None, "旅游经营许可": None, "电影使用许可": None,
    "互联网上网服务营业场所经营单位的经营活动许可": None, "森林采伐许可证核发": None, "采伐许可证核发": None,
    "因科研等特殊情况需要采集或者采伐审批": None, "使用集体所有的森林、林木和林地的单位和个人审批": None,
    "水资源依法取水许可": None, "防洪采伐许可": None, "由于工程施工、设备维修等原因确需停止供水审批": None,
    "长江采砂采砂许可": None, "河道采砂许可证核发": None, "捕捞业捕捞许可": None, "渔业捕捞许可证核发": None,
    "渔业资源增殖保护费征收使用捕捞许可证核发": None, "畜牧生产经营许可证核发": None, "医疗机构执业许可证核发": None,
    "传染病防治卫生许可证核发": None, "国境卫生检疫卫生许可": None, "排污许可证核发": None,
    "确有必要关闭、闲置或者拆除审批": None, "选址批准手续和建造许可证核发": None, "枪支的制造、配售特别许可": None,
    "易制毒化学品的生产、经营、购买、运输许可": None, "机动车登记或者机动车驾驶许可": None, "机动车驾驶许可": None,
    "因施工作业等需要运输危险物品进入陆域安全保卫区审批": None, "道路旅客运输经营许可": None,
    "住房公积金管理中心编制的住房公积金年度预算、决算审批": None, "从事烟花爆竹批发的企业审批": None,
    "从事烟花爆竹零售的经营者审批": None, "施工许可证核发": None,
    "矿业权设立登记": None,  # a term of the 2024 revision, which the collection holds as the law's text
    "办学许可证核发": None,  # issued on 民办学校设立审批, a written-out item
    "利用外资建设殡葬设施审批": None, "政府还贷公路的收费标准审批": None, "经营性公路的收费标准审批": None,
    "从事外海、远洋捕捞业审批": None,
    "高级中学教师资格审批": ("jyj", "higher", "高级中学教师资格认定"),
    "中等职业学校教师资格和中等职业学校实习指导教师资格审批": ("jyj", "higher", "中等职业学校教师资格认定"),
    "矿产资源的勘查、开采许可": ("gtj", "higher", "矿产资源勘查、开采许可"),
    "勘查许可证核发": ("gtj", "higher", "矿产资源勘查许可证核发"),
    "新增工业用水量审批": ("zjj", "higher", "新增工业用水量审批"),
    "摄制电影许可证核发": ("wgxj", "higher", "摄制电影许可证核发"),
    "内陆水域的捕捞许可证核发": ("nw", "county", "内陆水域捕捞许可证核发"),
    "设立分所审批": ("sfju", "higher", "律师事务所设立分所审批"),
    "枪支运输许可证件核发": ("gaj", "higher", "枪支运输许可证件核发"),
    "工业产品生产许可证核发": ("scjgj", "higher", "工业产品生产许可证核发"),
    "从事烟花爆竹批发的企业和零售经营者的经营布点审批": ("ajj", "county", "烟花爆竹批发企业和零售经营者经营布点审批"),
    "烟花爆竹经营(批发)许可证核发": ("ajj", "higher", "烟花爆竹经营（批发）许可证核发"),
    "烟花爆竹经营(零售)许可证核发": ("ajj", "county", "烟花爆竹经营（零售）许可证核发"),
    "从事剧毒化学品、易制爆危险化学品经营的企业审批": ("ajj", "higher", "剧毒化学品、易制爆危险化学品经营许可"),
    "无线电频率使用许可": ("gxj", "higher", "无线电频率使用许可"),
    "承装、承修、承试供电设施和受电设施的单位审批": ("gxj", "higher", "承装（修、试）电力设施许可"),
    "使用一类菌(毒)种的单位审批": ("wjj", "higher", "使用一类菌（毒）种审批"),
    "使用三类菌(毒)种的单位审批": ("wjj", "county", "使用三类菌（毒）种审批"),
    "运输高致病性病原微生物菌(毒)种或者样本审批": ("xmj", "higher", "运输高致病性动物病原微生物菌（毒）种或者样本审批"),
    "在城市建筑物、设施上张挂、张贴宣传品等审批": ("cgj", "county", "在城市建筑物、设施上张挂、张贴宣传品审批"),
}


def core_of(title: str) -> str:
    """What a law is about: 易制毒化学品 of 易制毒化学品管理条例."""
    title = re.sub(r"(实施细则|实施条例|实施办法)$", "", re.sub(r"^中华人民共和国", "", title))
    return re.sub(r"(安全)?(监督)?(管理)?(暂行)?(条例|办法|规定|法)$", "", title)


def last_department(text: str) -> tuple[str, re.Match[str]] | None:
    """The department whose phrase comes last in text (the issuer, before the verb): (code, match)."""
    best: tuple[str, re.Match[str]] | None = None
    for department, phrase in SWEEP.items():
        if department == "dsj":  # 税务机关 is one phrase for both tax offices: 国税局 has it
            continue
        for match in re.finditer(phrase, text):
            if best is None or match.end() > best[1].end():
                best = (department, match)
    return best


def licences(path: Path) -> list[tuple[str, str, str, str, str]]:
    """(department, name, law, article, level) of each licence the law sets; level "county" when a county's department
    issues it (县级以上, 县级, or no level named), "higher" when the law gives it to the province, the prefecture or the
    State Council's department."""
    title, found = articles(path, "")
    owner = next((d for pattern, d in FIELDS_BY_TITLE if re.search(pattern, title)), None)
    out: list[tuple[str, str, str, str, str]] = []
    for number, lines in found:
        whole = "".join(lines)
        if re.search(r"罚款|处分", whole) or re.search(r"定义|含义|是指", whole):
            continue
        named = {d for d, phrase in SWEEP.items() if re.search(phrase, whole)} - {"dsj"}
        paragraph = 0
        listing: tuple[str, re.Match[str]] | None = None
        for line in lines:
            item = ITEM.match(line)
            if not item:
                paragraph += 1
                listed = LISTED.search(line)
                listing = last_department(listed.group(1)) if listed and not NOT_A_LICENCE.search(line) else None
            elif listing is not None:
                words = re.sub(r"[；;。，,：]+$", "", item.group(2)).strip()
                if 4 <= len(words) <= 24 and not re.search(r"其他|，", words) and not NOT_A_LICENCE.search(words):
                    place = f"第{number}条" + (f"第{chinese(paragraph)}款" if paragraph > 1 else "") + f"第（{item.group(1)}）项"
                    department, match = listing
                    head = match.string[:match.start()][-25:]
                    level = "higher" if HIGHER.search(head) and not re.search(r"县级以上|县、|县人民政府|县级人民政府", head) else "county"
                    out.append((department, words + "审批", title, place, level))
                continue
            place = (f"第{number}条" + (f"第{chinese(paragraph)}款" if paragraph > 1 else "")
                     + (f"第（{item.group(1)}）项" if item else ""))
            for sentence in re.split(r"[。；：]", line):
                sentence = sentence.strip()
                register = REGISTER.search(sentence)
                if register and not NOT_LOCAL.search(sentence + title) and not re.search(r"分支机构|变更|注销|分公司", sentence):
                    who = last_department(register.group(2)) or ((owner, None) if owner else None)  # type: ignore[assignment]
                    if who is not None:
                        department, match = who
                        head = match.string[:match.start()][-25:] if match else ""
                        higher = HIGHER.search(head) and not re.search(r"县级以上|县、|县人民政府|县级人民政府", head)
                        out.append((department, register.group(1) + "设立登记", title, place, "higher" if higher else "county"))
                    continue
                if NOT_A_LICENCE.search(sentence):
                    continue
                name, who, decided_above = "", None, False
                permit, approve, apply, unless = (PERMIT.search(sentence), APPROVE.search(sentence),
                                                  APPLY.search(sentence), UNLESS.search(sentence))
                if permit and permit.group(1) not in ("许可", "行政许可", "相关许可", "相应许可"):
                    name = re.sub(r"^(相应的?|有关|的|本|上述|该|其他|其)", "", permit.group(1))
                    if re.match(r"^(生产|经营|生产经营|运输|购买|使用|销售|执业|安全生产|卫生|采伐|捕捞|制造|贮存)(许可证|许可)$", name):
                        name = core_of(title) + name  # 生产许可证 of 易制毒化学品管理条例: 易制毒化学品生产许可证
                    name += "" if name.endswith("许可") else "核发"
                    who = last_department(sentence[:permit.start()])
                    if who is None and len(named) == 1:
                        department = next(iter(named))
                        who = (department, re.search(SWEEP[department], whole))  # type: ignore[assignment]
                    if who is None and not named and owner:
                        who = (owner, None)  # type: ignore[assignment]
                elif PRACTICE.search(sentence) and last_department(PRACTICE.search(sentence).group(2)):  # type: ignore[union-attr]
                    practice = PRACTICE.search(sentence)
                    subject = re.search(r"(医师|护士|乡村医生|执业药师|律师|教师|兽医)", sentence)
                    name = (subject.group(1) + "执业注册") if subject else ""
                    who = last_department(practice.group(2))  # type: ignore[union-attr]
                elif REGIME.search(sentence):
                    regime = REGIME.search(sentence)
                    name = regime.group(1) + regime.group(2) + "许可"  # type: ignore[union-attr]
                    who = last_department(sentence[:regime.start()])  # type: ignore[union-attr]
                    if who is None and len(named) == 1:
                        department = next(iter(named))
                        who = (department, re.search(SWEEP[department], whole))  # type: ignore[assignment]
                    if who is None and not named and owner:
                        who = (owner, None)  # type: ignore[assignment]
                elif ISSUED_BY.search(sentence) and last_department(ISSUED_BY.search(sentence).group(2)):  # type: ignore[union-attr]
                    issued = ISSUED_BY.search(sentence)
                    name = re.sub(r"^(相应的?|有关|的|本|上述|该|其他|其)", "", issued.group(1)) + "核发"  # type: ignore[union-attr]
                    who = last_department(issued.group(2))  # type: ignore[union-attr]
                elif FIRST_REVIEW.search(sentence) and last_department(FIRST_REVIEW.search(sentence).group(2)):  # type: ignore[union-attr]
                    review = FIRST_REVIEW.search(sentence)
                    who = last_department(review.group(2))  # type: ignore[union-attr]
                    name = WHO.sub("", review.group(1)) + "审批"  # type: ignore[union-attr]
                    if HIGHER.search(review.group(3)) or "上一级" in review.group(3):  # type: ignore[union-attr]
                        decided_above = True
                elif approve:
                    name, who = WHO.sub("", approve.group(1)) + "审批", last_department(approve.group(2))
                elif apply and last_department(apply.group(2)):
                    name, who = apply.group(1) + "审批", last_department(apply.group(2))
                elif unless:
                    name, who = unless.group(2) + "审批", last_department(unless.group(1))
                if not name or who is None or not 6 <= len(name) <= 26:
                    continue
                if NOT_A_NAME.search(name) or NOT_LOCAL.search(name + title):
                    continue
                department, match = who
                department = next((d for pattern, d in FIELD_OF_LICENCE if re.search(pattern, name)), department)
                head = match.string[:match.start()][-25:] if match else whole[:80]
                higher = HIGHER.search(head) and not re.search(r"县级以上|县、|县人民政府|县级人民政府", head)
                level = "higher" if (higher or decided_above) and not COUNTY_LICENCES.match(name) else "county"
                out.append((department, name, title, place, level))
    return out


def same_licence(name: str) -> str:
    """A licence's name without the act of issuing it: 港口经营许可证核发 and 港口经营许可 are one licence."""
    return re.sub(r"(证件|证)?(核发)?$", "", name)


def main(folder: str) -> None:
    root = Path(folder)
    print("# ruff: noqa: E501")
    print('"""The penalties, coercive measures, inspections and licences of the demo departments, as articles of law set them.\n')
    print("Generated by scripts/extract_power_patterns.py from the laws' texts (see there): each name is the act, the")
    print("measure or the licence as the article words it, each basis the article, paragraph and item that set it. Do not edit.")
    print('"""\n')
    print("# department: [(name, law, article, the kinds of penalty it sets)]")
    print("PENALTIES: dict[str, list[tuple[str, str, str, tuple[str, ...]]]] = {")
    import sqlite3

    expired: set[str] = set()
    if len(sys.argv) > 2:  # the collection's catalogue, which marks repealed versions
        with sqlite3.connect(sys.argv[2]) as db:
            expired = {f"{name}({publish})" for name, publish in db.execute("SELECT name, publish FROM law WHERE expired")}
    laws = versions(root, expired)
    allowed = set(laws.values())
    charge = {path: owners(path) for path in allowed}
    every = "|".join(SWEEP.values())
    for department in SWEEP:
        seen: set[str] = set()
        print(f"    {department!r}: [")
        named = [(root / file, keyword, chapter, False) for file, keyword, chapter in SOURCES.get(department, [])
                 if root / file in allowed]
        done = {path for path, *_ in named}
        swept = [(path, SWEEP[department], LIABILITY, True) for path in sorted(allowed - done)]
        # A law's penalties that name no department at all are its competent department's.
        owned = [(path, None, LIABILITY, False) for path in sorted(allowed - done) if department in charge[path]]
        for path, keyword, chapter, county in named + swept + owned:
            if not path.exists():
                print(f"missing: {path}", file=sys.stderr)
                continue
            found = penalties(path, keyword, chapter, county, unnamed=every if keyword is None and path not in done else "")
            for name, law, place, kinds in found:
                if name in seen or len(name) > 150:
                    continue
                seen.add(name)
                print(f"        ({name!r}, {law!r}, {place!r}, {kinds!r}),")
        print("    ],")
    print("}")
    print()
    print("# department: [(type, name, law, article)]: coercive measures (03) and inspections (06)")
    print("MEASURES: dict[str, list[tuple[str, str, str, str]]] = {")
    for department in SWEEP:
        seen = set()
        print(f"    {department!r}: [")
        for path in sorted(allowed):
            for kind, name, law, place in measures(path, SWEEP[department]):
                if name not in seen:
                    seen.add(name)
                    print(f"        ({kind!r}, {name!r}, {law!r}, {place!r}),")
        print("    ],")
    print("}")
    print()
    print("# department: [(name, law, article, level, renewable)]: the licences (行政许可) the laws set; level \"county\" when")
    print("# a county's department issues it, \"higher\" when the law gives it to a higher level (the province, the prefecture,")
    print("# the State Council's department); renewable when the law gives licences a period of validity (有效期)")
    print("LICENSING: dict[str, list[tuple[str, str, str, str, bool]]] = {")
    by_department: dict[str, list[tuple[str, str, str, str, bool]]] = {}
    seen_licences: set[tuple[str, str]] = set()
    for path in sorted(allowed):
        for department, name, law, place, level in licences(path):
            if name in REVIEWED:
                if REVIEWED[name] is None:
                    continue
                department, level, name = REVIEWED[name]  # type: ignore[misc]
            key = (department, same_licence(name))
            if key not in seen_licences:
                seen_licences.add(key)
                renewable = "有效期" in path.read_text(encoding="utf-8")
                by_department.setdefault(department, []).append((name, law, place, level, renewable))
    for department in SWEEP:
        print(f"    {department!r}: [")
        for entry in by_department.get(department, []):
            print(f"        {entry!r},")
        print("    ],")
    print("}")


if __name__ == "__main__":
    main(sys.argv[1])
