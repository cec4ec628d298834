"""Build yifa/powers/demo_patterns.py: the penalties (行政处罚) the demo's departments hold, from the laws' texts.

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


def main(folder: str) -> None:
    root = Path(folder)
    print("# ruff: noqa: E501")
    print('"""The penalties, coercive measures and inspections of the demo departments, as articles of law set them.\n')
    print("Generated by scripts/extract_power_patterns.py from the laws' texts (see there): each name is the act or the")
    print("measure as the article words it, each basis the article, paragraph and item that set it. Do not edit.")
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


if __name__ == "__main__":
    main(sys.argv[1])
