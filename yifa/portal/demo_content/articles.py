"""Demo articles for every column of the Zhaodong portal, 2016–2017.

The seed report is the city's own text (seed_report.txt, as published on 2017-09-30), cleaned only where
the source lost characters: the list numerals its paragraphs had lost ("()" → "（一）"), renumbered within each
section as the intact ones read, and full-width Chinese punctuation for the half-width of the copy. The other
articles are plausible demo content written for yifa: their titles follow the documents the seed
report names, their bodies are short and marked as demo text in no way a visitor would mistake
for an official document number that does not exist.
"""

from __future__ import annotations

# The column tree: (slug, title, kind, needs confidentiality review, module listing, children). The registers
# (权责清单, 重大行政决策, 行政复议) are registry columns: the website checks give them no update period.
COLUMNS: list[tuple] = [
    ("gzdt", "工作动态", "news", False, "", []),
    ("tzgg", "通知公告", "notice", True, "", []),
    ("zwgk", "政务公开", "guide", True, "", [
        ("gkzn", "政府信息公开指南", "guide", True, "", []),
        ("jgxx", "机构信息", "registry", False, "agencies", []),
        ("ysqgk", "依申请公开", "guide", True, "disclosure", []),
        ("gkzd", "政府信息公开制度", "guide", True, "", []),
        ("fdzdgk", "法定主动公开内容", "notice", True, "", []),
        # Its reports are generated from records by the reports module (roadmap); none is typed in here.
        ("gknb", "政府信息公开年报", "report", True, "", []),
        # Every agency's catalogue (《政府信息公开条例》第十二条), shown as a whole: a registry, no update period.
        ("xxgkml", "政府信息公开目录", "registry", True, "catalogue", []),
    ]),
    ("qzqd", "权责清单", "registry", True, "powers", []),
    ("ssjygk", "双随机一公开", "notice", True, "", []),
    ("zdxzjc", "重大行政决策", "registry", True, "", []),
    ("xzzfgs", "行政执法公示", "notice", True, "", [
        # Typical cases told by the departments that decided them (“谁执法谁普法”): drafted from concluded cases.
        ("yasf", "以案释法", "notice", True, "", []),
        # The enforcement personnel register (yifa.enforcement.personnel): who may enforce, checkable by name or number.
        ("zfry", "执法人员公示", "registry", True, "enforcement_personnel", []),
    ]),
    ("xzfy", "行政复议", "registry", True, "", []),
    ("zcwj", "政策文件", "policy", True, "", [
        # Interpretations (政策解读) of the column's policies: published with them (国办发〔2016〕80号).
        ("zcjd", "政策解读", "policy", True, "", []),
    ]),
    ("hdjl", "互动交流", "interaction", False, "interaction", []),
]

# (column slug, slug, title, published, author, source, document number, issuing department code, paragraphs)
ARTICLES = [
    ("gzdt", "2016-fazhi-xuexi", "市政府召开常务会议集体学习《中华人民共和国行政诉讼法》", "2016-03-18 10:20:00",
     "", "市政府办公室", "", "bgs", [
         "3月17日，市政府召开常务会议，集体学习《中华人民共和国行政诉讼法》。市政府法制办负责同志围绕行政机关负责人出庭应诉、行政复议与行政诉讼的衔接等内容作了专题讲解。",
         "会议要求，各部门要把学法用法作为依法行政的基础性工作，领导干部要带头尊法学法守法用法，切实提高运用法治思维和法治方式推动发展、化解矛盾的能力。",
     ]),
    ("gzdt", "2016-zhifa-kaoshi", "我市组织行政执法人员资格考试", "2016-09-23 15:00:00",
     "", "市政府法制办公室", "", "sfj", [
         "9月22日，市政府法制办组织全市新申领行政执法证件人员参加资格考试。考试内容包括行政处罚法、行政许可法、行政强制法等通用法律知识和各部门专业法律知识。",
         "考试合格并经培训的人员，方可申领行政执法证件，持证上岗。对聘用的合同工、临时工，一律不得从事行政执法工作。",
     ]),
    ("gzdt", "2017-zhengwu-gongkai-peixun", "全市政务公开工作培训会召开", "2017-06-15 09:30:00",
     "", "市政府办公室", "", "bgs", [
         "6月14日，全市政务公开工作培训会召开，各乡镇、街道办事处和市直各部门政务公开工作人员参加培训。",
         "培训围绕《中华人民共和国政府信息公开条例》的贯彻落实、依申请公开的办理流程和答复期限、保密审查等内容进行了讲解。",
     ]),
    ("tzgg", "2017-jiejiari-zhiban", "关于做好2017年国庆节、中秋节期间值班工作的通知", "2017-09-25 14:00:00",
     "", "市政府办公室", "", "bgs", [
         "根据国务院办公厅关于2017年部分节假日安排的通知，10月1日至8日放假调休，共8天。9月30日（星期六）上班。",
         "节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作，遇有重大突发事件，要按规定及时报告并妥善处置。",
     ]),
    ("tzgg", "2016-suiji-chouqu-gonggao", "关于公布2016年度“双随机”抽查结果的公告", "2016-12-28 16:00:00",
     "", "市市场监督管理局", "", "scjgj", [
         "按照“双随机、一公开”监管工作要求，我局对全市部分市场主体开展了随机抽查，现将抽查结果予以公告。",
         "抽查结果已同时记于市场主体名下，并通过国家企业信用信息公示系统向社会公示。",
     ]),
    ("gkzn", "zhengfu-xinxi-gongkai-zhinan", "肇东市人民政府信息公开指南", "2016-05-10 09:00:00",
     "", "市政府办公室", "", "bgs", [
         "为便于公民、法人和其他组织获取政府信息，根据《中华人民共和国政府信息公开条例》，编制本指南。",
         "一、主动公开。主动公开的政府信息，通过本网站、政府公报、新闻发布会以及档案馆、图书馆、政务服务中心等场所公开。",
         "二、依申请公开。公民、法人或者其他组织可以通过本网站“依申请公开”栏目在线提交申请，也可以书面提交。行政机关收到申请，能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长期限最长不得超过20个工作日。",
         "三、监督和救济。申请人认为行政机关在政府信息公开工作中侵犯其合法权益的，可以依法申请行政复议或者提起行政诉讼。",
     ]),
    ("gkzd", "baomi-shencha-guiding", "肇东市政府信息公开工作保密审查规定", "2016-04-12 10:00:00",
     "", "市政府办公室", "", "bgs", [
         "第一条　为规范政府信息公开保密审查工作，防止泄露国家秘密，制定本规定。",
         "第二条　政府信息公开前，应当依照《中华人民共和国保守国家秘密法》以及其他法律、法规和国家有关规定进行审查。",
         "第三条　按照“谁公开、谁审查，谁审查、谁负责”的原则，各部门对拟公开的政府信息进行保密审查，未经审查的，不得公开。",
     ]),
    ("gkzd", "zhengwu-gongkai-gongzuo-zhidu", "肇东市人民政府政务公开工作制度", "2016-04-12 10:05:00",
     "", "市政府办公室", "", "bgs", [
         "一、坚持以公开为常态、不公开为例外，推进决策公开、执行公开、管理公开、服务公开、结果公开。",
         "二、政府信息形成或者变更之日起20个工作日内，通过政务公开网站予以公开。",
     ]),
    ("gkzd", "zerenzhuijiu-zhidu", "肇东市政府信息公开工作责任追究制度", "2016-04-12 10:10:00",
     "", "市政府办公室", "", "bgs", [
         "对不依法履行政府信息公开义务，不及时更新公开的政府信息内容，违反规定收取费用，公开不应当公开的政府信息等情形，依法追究有关人员的责任。",
     ]),
    ("qzqd", "shuli-quanli-zeren-qingdan-tongzhi", "关于梳理规范行政权力和责任清单的通知", "2016-03-02 11:00:00",
     "", "市政府法制办公室", "", "sfj", [
         "各乡镇人民政府、街道办事处，市政府各部门：为深入推进简政放权、放管结合、优化服务改革，现就梳理规范行政权力和责任清单有关事项通知如下。",
         "各部门要对照法律、法规、规章，逐项梳理本部门的行政许可、行政处罚、行政强制、行政征收、行政给付、行政检查、行政确认、行政奖励、行政裁决和其他行政权力，明确实施依据、承办机构、办理时限和责任事项。",
     ]),
    ("qzqd", "zhongjie-fuwu-shixiang-tongzhi", "关于报送行政权力中介服务事项的通知", "2016-06-20 11:00:00",
     "", "市政府法制办公室", "", "sfj", [
         "请各部门对本部门行政权力运行中涉及的中介服务事项进行全面清理，无法律法规依据的一律取消，于6月30日前报送市政府法制办。",
     ]),
    ("ssjygk", "ssj-shishi-xize", "肇东市推广随机抽查规范事中事后监管实施细则", "2016-07-15 09:00:00",
     "", "市政府办公室", "", "bgs", [
         "各部门建立随机抽查事项清单、检查对象名录库和执法检查人员名录库，随机抽取检查对象、随机选派执法检查人员，抽查情况及查处结果及时向社会公开。",
         "抽查结果自检查结束之日起20个工作日内公开。",
     ]),
    ("zdxzjc", "zhongda-shixiang-juece-zhidu", "肇东市人民政府重大事项决策制度", "2016-02-26 10:00:00",
     "", "市政府办公室", "", "bgs", [
         "重大行政决策应当履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定等程序。",
         "未经合法性审查或者经审查不合法的，不得提交决策机关集体讨论。",
     ]),
    ("zdxzjc", "zhongda-shixiang-baogao-zhidu", "肇东市政府重大事项报告制度", "2016-02-26 10:05:00",
     "", "市政府办公室", "", "bgs", [
         "市政府在作出重大决策前，按照规定向市委请示报告，重大事项按程序向市人大常委会报告。",
     ]),
    ("zdxzjc", "yishi-juece-qingshi-baogao", "肇东市议事决策重大事项请示报告", "2016-01-20 09:00:00",
     "", "市政府办公室", "", "bgs", [
         "为规范议事决策行为，明确需要请示报告的重大事项范围、程序和时限，经市政府常务会议研究通过。",
     ]),
    ("xzzfgs", "2016-zhifa-renyuan-gongshi", "2016年度行政执法人员资格审查结果公示", "2016-11-30 15:00:00",
     "", "市政府法制办公室", "", "sfj", [
         "经资格考试、培训和审查，现将2016年度取得行政执法资格的人员名单予以公示。公示期间，对名单有异议的，可以向市政府法制办反映。",
     ]),
    ("xzfy", "xingzheng-fuyi-shenqing-zhinan", "行政复议申请指南", "2016-05-18 09:00:00",
     "", "市政府法制办公室", "", "sfj", [
         "公民、法人或者其他组织认为行政机关的具体行政行为侵犯其合法权益的，可以自知道该具体行政行为之日起六十日内提出行政复议申请。",
         "行政复议机关应当自受理申请之日起六十日内作出行政复议决定；情况复杂，不能在规定期限内作出决定的，经批准可以适当延长，但延长期限最多不超过三十日。",
     ]),
    ("zcwj", "fazhi-zhengfu-jianshe-shishi-yijian", "肇东市法治政府建设实施意见（2016—2020年）", "2016-08-08 10:00:00",
     "", "市政府办公室", "", "bgs", [
         "为贯彻落实《法治政府建设实施纲要（2015—2020年）》，结合我市实际，提出如下实施意见。",
         "到2020年，基本建成职能科学、权责法定、执法严明、公开公正、廉洁高效、守法诚信的法治政府。",
     ]),
    ("zcwj", "guifanxing-wenjian-guanli-banfa-2016", "肇东市行政规范性文件管理办法", "2016-03-10 09:00:00",
     "", "市政府办公室", "", "bgs", [
         "为规范行政规范性文件的制定和管理，保障公民、法人和其他组织的合法权益，根据有关法律、法规和规章，制定本办法。",
         "行政规范性文件由起草部门提出，经市政府法制办合法性审查后，由市政府常务会议或者部门领导班子会议集体讨论决定，"
         "并在本网站“政策文件”栏目统一公布。未经公布的，不得作为行政管理的依据。",
     ]),
    ("zcwj", "guifanxing-wenjian-guanli-banfa-2017", "肇东市行政规范性文件管理办法（2017年修订）", "2017-06-20 09:00:00",
     "", "市政府办公室", "", "bgs", [
         "为进一步规范行政规范性文件的制定和监督管理，市政府对《肇东市行政规范性文件管理办法》进行了修订，现予公布，自2017年7月1日起施行。",
         "修订后的办法增加了公开征求意见、政策解读同步发布和文件有效期制度：行政规范性文件有效期一般不超过5年，"
         "有效期届满前由制定机关评估，需要继续执行的重新公布。",
     ]),
    ("hdjl", "hudong-jiaoliu-shuoming", "互动交流栏目使用说明", "2016-01-05 09:00:00",
     "", "市政府办公室", "", "bgs", [
         "您可以通过本栏目向市政府各部门留言，部门答复后在本栏目公开。咨询投诉也可以拨打民情热线04557711365、企业投诉中心04555919595。",
     ]),
]

# Policy documents' validity (政策文件效力): (slug, effective from, validity, successor slug, until, reason).
POLICY_VALIDITY = [
    ("fazhi-zhengfu-jianshe-shishi-yijian", "2016-08-08", "in_force", "", "", ""),
    ("guifanxing-wenjian-guanli-banfa-2016", "2016-03-10", "amended", "guifanxing-wenjian-guanli-banfa-2017",
     "2017-07-01", "市政府公布《肇东市行政规范性文件管理办法（2017年修订）》，自2017年7月1日起施行。"),
    ("guifanxing-wenjian-guanli-banfa-2017", "2017-07-01", "in_force", "", "", ""),
]

# Interpretations (政策解读) in the column "zcjd", each published with its policy: (policy slug, slug, title,
# published, form, source, paragraphs, questions and answers).
INTERPRETATIONS = [
    ("fazhi-zhengfu-jianshe-shishi-yijian", "fazhi-zhengfu-jianshe-shishi-yijian-jiedu",
     "《肇东市法治政府建设实施意见（2016—2020年）》政策解读", "2016-08-08 10:30:00", "text", "市政府法制办公室", [
         "一、制定背景。中共中央、国务院印发《法治政府建设实施纲要（2015—2020年）》后，市政府结合我市实际，研究制定了本实施意见。",
         "二、主要内容。实施意见明确了依法全面履行政府职能、完善依法行政制度体系、推进行政决策科学化民主化法治化、"
         "坚持严格规范公正文明执法、强化对行政权力的制约和监督等七个方面的任务，并逐项明确了牵头单位和完成时限。",
         "三、保障措施。各部门主要负责人是本部门推进法治政府建设的第一责任人，市政府每年向市人大常委会报告法治政府建设情况。",
     ], []),
    ("fazhi-zhengfu-jianshe-shishi-yijian", "fazhi-zhengfu-jianshe-shishi-yijian-wenda",
     "《肇东市法治政府建设实施意见（2016—2020年）》问答", "2016-08-08 10:40:00", "qa", "市政府法制办公室", [
         "围绕群众关心的问题，市政府法制办对实施意见作如下解答。",
     ], [
         ("法治政府建设的总体目标是什么？",
          "到2020年，基本建成职能科学、权责法定、执法严明、公开公正、廉洁高效、守法诚信的法治政府。"),
         ("群众怎样监督政府依法行政？",
          "可以通过本网站“互动交流”栏目留言，拨打民情热线04557711365，或者依法申请政府信息公开、申请行政复议。"),
     ]),
    ("guifanxing-wenjian-guanli-banfa-2016", "guifanxing-wenjian-guanli-banfa-2016-jiedu",
     "《肇东市行政规范性文件管理办法》解读", "2016-03-10 10:00:00", "text", "市政府法制办公室", [
         "本办法规定了行政规范性文件从起草、合法性审查、集体讨论到统一公布的全过程，明确未经合法性审查或者未经公布的文件不得施行。",
     ], []),
    ("guifanxing-wenjian-guanli-banfa-2017", "guifanxing-wenjian-guanli-banfa-2017-wenda",
     "《肇东市行政规范性文件管理办法（2017年修订）》问答", "2017-06-20 10:00:00", "qa", "市政府法制办公室", [
         "办法修订后，市政府法制办就修订的主要内容回答如下。",
     ], [
         ("这次修订主要改了什么？",
          "一是起草阶段应当公开征求意见，期限一般不少于30日；二是政策解读与文件同步起草、同步审签、同步发布；"
          "三是建立文件有效期制度，有效期一般不超过5年。"),
         ("原来的办法还有效吗？",
          "原《肇东市行政规范性文件管理办法》自2017年7月1日起由修订后的办法替代，不再作为依据。"),
     ]),
]

# The seed page leaves 作者 and 文章来源 blank; the page itself says whose report it is: the city government's
# (it speaks as 市政府 to 市人大常委会), on the work the legal affairs office (市法制办) coordinates.
SEED = {
    "column": "fdzdgk",
    "slug": "fazhi-zhengfu-jianshe-baogao-2016",
    "title": "关于肇东市法治政府建设情况的报告",
    "published": "2017-09-30 09:50:59",
    "author": "市法制办",
    "source": "肇东市人民政府",
}


# The latest articles, placed relative to the demo's today (yifa/core/demo.py): (column slug, slug, title,
# published N days before the demo's today, source, issuing department code, paragraphs). "{Y}" is the demo's
# year, "{M}" the year and month of publication.
CURRENT_ARTICLES = [
    ("gzdt", "dangqian-anjuan-pingcha", "市法制办开展{Y}年度行政执法案卷评查", 2, "市政府法制办公室", "sfj", [
        "近日，市法制办组织开展{Y}年度行政执法案卷评查，从市直各行政执法部门抽取行政处罚、行政许可和行政检查案卷，"
        "对照执法主体、执法依据、执法程序和法律文书逐卷评查。",
        "评查中发现的问题已逐一反馈有关部门，限期整改；评查结果将纳入年度依法行政考核。",
    ]),
    ("gzdt", "dangqian-jiliang-qiju-jiancha", "市市场监管局开展农贸市场计量器具专项检查", 6, "市市场监督管理局", "scjgj", [
        "为维护消费者合法权益，市市场监管局近日对城区各农贸市场在用的电子计价秤开展专项检查，"
        "重点检查计量器具是否按期强制检定、有无作弊装置。",
        "检查中发现的未按期检定的计量器具已责令停止使用，限期送检。群众发现缺斤短两等问题，可拨打12315投诉举报。",
    ]),
    ("tzgg", "dangqian-zhifa-zhengjian-nianshen", "关于开展行政执法证件年度审验工作的通知", 12, "市政府法制办公室", "sfj", [
        "根据行政执法人员资格管理的有关规定，市法制办将组织开展{Y}年度行政执法证件审验工作。",
        "各行政执法部门应对本部门持证人员逐一核对，因调离、退休或其他原因不再从事行政执法工作的，"
        "应及时申请注销执法证件；聘用的合同工、临时工不得申领行政执法证件。",
    ]),
    ("fdzdgk", "dangqian-zhengwu-gongkai-yaodian", "肇东市{Y}年政务公开工作要点", 48, "市政府办公室", "bgs", [
        "{Y}年，全市政务公开工作围绕重点领域信息公开、政策解读和回应关切、依申请公开规范办理等方面展开。",
        "各部门要严格执行《中华人民共和国政府信息公开条例》规定的答复期限，依申请公开答复书应当告知申请人"
        "申请行政复议和提起行政诉讼的途径。",
    ]),
    ("ssjygk", "dangqian-chouca-jihua", "市市场监管局“双随机、一公开”抽查计划（{M}）", 30, "市市场监督管理局", "scjgj", [
        "按照“双随机、一公开”监管工作要求，我局制定本期随机抽查计划，抽查对象从市场主体名录库中随机抽取，"
        "执法检查人员从执法检查人员名录库中随机选派。",
        "抽查结果将自作出之日起20个工作日内通过国家企业信用信息公示系统向社会公示。",
    ]),
    ("xzzfgs", "dangqian-zhifa-renyuan-gongshi", "行政执法人员资格审查结果公示（{M}）", 21, "市政府法制办公室", "sfj", [
        "经资格审查、法律知识考试和培训，下列部门新增行政执法人员符合申领行政执法证件的条件，现予公示。",
        "公示期为5个工作日。对公示人员有异议的，可向市法制办书面反映。",
    ]),
    ("zcwj", "dangqian-yingshang-huanjing-cuoshi", "肇东市进一步优化营商环境若干措施", 75, "市政府办公室", "bgs", [
        "为深入推进“放管服”改革，持续优化营商环境，结合我市实际，制定以下措施。",
        "全面推行“一网通办”和“最多跑一次”，企业开办时间压缩至1个工作日以内；涉企行政检查一律通过“双随机、一公开”方式进行。",
    ]),
    # Published without its interpretation: the website check lists it for its editor (demo).
    ("zcwj", "dangqian-yasuo-banli-shixian", "关于进一步压缩行政许可事项办理时限的通知", 40, "市政府办公室", "bgs", [
        "为进一步优化营商环境，市政府决定进一步压缩行政许可事项的承诺办理时限。",
        "各部门应梳理本部门行政许可事项，提出压缩时限的清单调整申请，经市法制办合法性审查后在权责清单中公布。",
    ]),
]

# The current policies' interpretations, published on their policy's day: (policy slug, slug, title, form, source,
# paragraphs, questions and answers).
CURRENT_INTERPRETATIONS = [
    ("dangqian-yingshang-huanjing-cuoshi", "dangqian-yingshang-huanjing-cuoshi-wenda",
     "《肇东市进一步优化营商环境若干措施》问答", "qa", "市营商环境建设监督局", [
         "《若干措施》印发后，市营商环境建设监督局就企业关心的问题解答如下。",
     ], [
         ("开办企业需要多长时间？", "材料齐全的，企业开办（登记、刻章、申领发票）在1个工作日内办结。"),
         ("企业对行政检查有意见可以向哪里反映？",
          "可以通过本网站“互动交流”栏目留言，或者拨打企业投诉中心电话04555919595。"),
     ]),
]
