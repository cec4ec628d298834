"""Masking natural persons' data in published text: every way people write it, and nothing else touched."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yifa.core.contact import resident_id_check_character
from yifa.core.masking import mask_email, mask_id, mask_name, mask_personal_data, mask_phone

FULL_WIDTH_DIGITS = str.maketrans("0123456789()-+@", "０１２３４５６７８９（）－＋＠")
# Between digit groups people type a space, an ideographic space, a hyphen (half- or full-width) or a dot.
SEPARATORS = st.sampled_from([" ", "\u3000", "-", "－", "."])
CHINESE = st.text(alphabet="市民反映小区门前道路破损请尽快维修谢谢联系我的电话号码是身份证邮箱", max_size=12)
BEFORE = st.sampled_from(["联系电话：", "电话", "我的号码是 ", "（", "，", ""])
AFTER = st.sampled_from(["。", "，谢谢！", "）", " ", ""])


def digit_runs(text: str) -> list[str]:
    """The runs of digits a reader can still see, read across the separators people put between groups."""
    shadow = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    return [re.sub(r"\D", "", run) for run in re.findall(r"\d(?:[\s.\-－·]?\d)*", shadow)]


def longest_run(text: str) -> int:
    return max((len(run) for run in digit_runs(text)), default=0)


def written(digits: str, separators: list[str], full_width: bool) -> str:
    """`digits` in groups split at random places by `separators`, half- or full-width."""
    out = "".join(d + (separators[i] if i < len(separators) else "") for i, d in enumerate(digits))
    return out.translate(FULL_WIDTH_DIGITS) if full_width else out


mobiles = st.builds(lambda prefix, rest: "1" + prefix + rest, st.sampled_from("3456789"),
                    st.text(alphabet="0123456789", min_size=9, max_size=9))


@st.composite
def mobile_as_typed(draw):
    number = draw(mobiles)
    groups = draw(st.sampled_from([(11,), (3, 4, 4), (3, 8), (4, 3, 4), (3, 3, 5)]))
    separator = draw(SEPARATORS)
    parts, start = [], 0
    for size in groups:
        parts.append(number[start:start + size])
        start += size
    text = draw(st.sampled_from([separator, ""])).join(parts) if len(parts) > 1 else parts[0]
    country = draw(st.sampled_from(["", "+86", "+86 ", "+86-", "0086", "0086 ", "86", "(+86)"]))
    text = country + text
    if draw(st.booleans()):
        text = text.translate(FULL_WIDTH_DIGITS)
    return number, text


@given(mobile_as_typed(), BEFORE, AFTER, CHINESE)
def test_a_mobile_however_written_is_masked_with_no_run_of_its_digits_left(mobile, before, after, words):
    number, typed = mobile
    text = f"{words}{before}{typed}{after}{words}"
    masked = mask_personal_data(text)
    assert "****" in masked
    assert longest_run(masked) <= 4, masked
    assert masked.startswith(words + before)
    assert masked.endswith(after + words)


def _id18(body: str) -> str:
    return body + resident_id_check_character(body)


id_bodies = st.builds(
    lambda region, year, month, day, seq: f"{region}{year}{month:02d}{day:02d}{seq}",
    st.text(alphabet="123456789", min_size=6, max_size=6), st.integers(1930, 2012).map(str),
    st.integers(1, 12), st.integers(1, 28), st.text(alphabet="0123456789", min_size=3, max_size=3),
)


@st.composite
def resident_id_as_typed(draw):
    if draw(st.booleans()):
        number = _id18(draw(id_bodies))
        groups = draw(st.sampled_from([(18,), (6, 8, 4), (6, 4, 4, 4)]))
    else:  # the old 15-digit number: yymmdd, no check character
        body = draw(id_bodies)
        number = body[:6] + body[8:17]
        groups = draw(st.sampled_from([(15,), (6, 6, 3)]))
    if number.endswith("X") and draw(st.booleans()):
        number = number[:-1] + "x"
    separator = draw(SEPARATORS.filter(lambda s: s != "."))
    parts, start = [], 0
    for size in groups:
        parts.append(number[start:start + size])
        start += size
    typed = separator.join(parts)
    if draw(st.booleans()):
        typed = typed.translate(FULL_WIDTH_DIGITS)
    return number, typed


@given(resident_id_as_typed(), st.sampled_from(["身份证号：", "身份证号码 ", "公民身份号码", "（", ""]), AFTER, CHINESE)
def test_an_identity_number_of_18_or_15_digits_however_spaced_is_masked(identity, before, after, words):
    _number, typed = identity
    masked = mask_personal_data(f"{words}{before}{typed}{after}{words}")
    assert "*" in masked
    # The region (6 digits) and the last 4 may stay; the date of birth may not.
    assert longest_run(masked) <= 6, masked


@pytest.mark.parametrize(
    "landline",
    [
        "0455-7771365", "04557771365", "0455 777 1365", "(0455)7771365", "(0455) 777-1365", "（0455）7771365",
        "（０４５５）７７７１３６５", "(010)12345678", "010-12345678", "0451-87654321", "+86 455 7771365",
        "+86-0455-7771365", "0086 455 7771365",
    ],
)
def test_a_personal_landline_with_its_area_code_bracketed_or_not_is_masked(landline):
    masked = mask_personal_data(f"家里电话{landline}，白天有人。")
    assert masked.startswith("家里电话") and masked.endswith("，白天有人。")
    assert longest_run(masked) <= 4, masked
    assert "****" in masked


@given(st.from_regex(r"[a-z][a-z0-9._]{2,12}", fullmatch=True), st.sampled_from(["qq", "163", "example", "126"]),
       st.sampled_from(["com", "cn", "com.cn", "net"]),
       st.sampled_from(["{l}@{d}.{t}", "{l}＠{d}.{t}", "{l} at {d} dot {t}", "{l}(at){d}(dot){t}",
                        "{l} [at] {d} [dot] {t}", "{l} ＠ {d}.{t}"]))
def test_an_email_address_however_disguised_is_masked(local, domain, tld, form):
    address = form.format(l=local, d=domain, t=tld.replace(".", " dot " if " dot " in form else "."))
    masked = mask_personal_data(f"请发到邮箱{address}，谢谢。")
    # Only the first character of the mailbox is left; the domain names no one.
    assert masked.startswith(f"请发到邮箱{local[0]}***@")
    assert masked.endswith(f"{tld.split('.')[-1]}，谢谢。")


@given(st.integers(10_000, 99_999_999_999).map(str), st.sampled_from(["QQ", "qq", "QQ号", "QQ号码", "扣扣"]),
       st.sampled_from(["", "：", ":", " ", "： "]), st.booleans())
def test_a_qq_number_is_masked(number, label, colon, full_width):
    typed = number.translate(FULL_WIDTH_DIGITS) if full_width else number
    masked = mask_personal_data(f"加我{label}{colon}{typed}详谈")
    assert longest_run(masked) <= 4, masked
    assert masked.endswith("详谈")


@given(st.from_regex(r"[A-Za-z][A-Za-z0-9_\-]{5,19}", fullmatch=True),
       st.sampled_from(["微信", "微信号", "微信：", "微信号: ", "wechat ", "WeChat:", "vx", "VX：", "wx:"]))
def test_a_wechat_id_is_masked_except_its_first_character(wechat, label):
    assert mask_personal_data(f"加{label}{wechat}。") == f"加{label}{wechat[0]}****。"


def test_a_wechat_id_holding_a_mobile_number_is_masked_whole():
    assert mask_personal_data("微信：wang13804551234") == "微信：w****"


@pytest.mark.parametrize("official", ["0455-7711365", "04557711365", "0455 771 1365", "（0455）7711365",
                                      "０４５５－７７１１３６５", "+86 455 7711365"])
def test_an_official_number_given_in_keep_stays_readable_however_written(official):
    text = f"如有疑问请拨打本局电话{official}，或联系王建国13804551234。"
    masked = mask_personal_data(text, keep=["0455-7711365"])
    assert official in masked
    assert "138****1234" in masked and "13804551234" not in masked


def test_only_the_kept_number_stays_readable():
    text = "本局电话0455-7711365；投诉人电话0455-7711366。"
    assert mask_personal_data(text, keep=["04557711365"]) == "本局电话0455-7711365；投诉人电话045****1366。"


@pytest.mark.parametrize(
    "text",
    [
        "2016年9月22日，肇东市人民政府办公室印发《关于进一步加强行政执法工作的通知》（肇政办发〔2017〕3号）。",
        "请于2017-09-20至2017-10-20期间，到正阳大街1号（市政务服务中心3楼301室）办理。",
        "依据《中华人民共和国行政许可法》第三十二条、第四十二条，应在20个工作日内作出决定；罚款人民币50000元。",
        "统一社会信用代码：91231282MA1000001X；邮政编码：151100；市长热线12345。",
        "“您好！”——已安排维修；预计本月底完工……详见 http://www.zhaodong.gov.cn/zwgk/2017/0920.html",
        "Look at it. Done at noon. Meet at the gate at 9.30 tomorrow.",
        "关注微信公众号“肇东发布”，或登录网站查询。",
        "",
    ],
)
def test_ordinary_text_punctuation_dates_and_document_numbers_are_untouched(text):
    assert mask_personal_data(text) == text


def test_several_identifiers_in_one_text_are_each_masked_in_place():
    text = "王建国，身份证230103198001011234，手机138-0455-1234，邮箱wang@example.com，QQ：12345678。"
    assert mask_personal_data(text) == (
        "王建国，身份证230103********1234，手机138****1234，邮箱w***@example.com，QQ：1****。")


def test_the_single_maskers_keep_only_what_identifies_nobody():
    assert mask_phone("+86 138-0455-1234") == "138****1234"
    assert mask_phone("123") == "****"
    assert mask_id("230103 19800101 123X") == "230103********123X"
    assert mask_id("123") == "****"
    assert mask_email("wang.jianguo＠example.com") == "w***@example.com"
    assert mask_email("没有地址") == "***"


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三", "张某"), ("王建国", "王某"), ("欧阳修", "欧阳某"), ("司马光", "司马某"), ("诸葛亮", "诸葛某"),
        ("上官婉儿", "上官某"), ("慕容复", "慕容某"), (" 李四 ", "李某"), ("欧阳", "欧某"), ("", ""), ("   ", ""),
    ],
)
def test_a_name_shows_the_surname_compound_or_not(name, masked):
    assert mask_name(name) == masked
