"""删除处理 (2019 art.37): the released copy really lacks what was removed; the original stays internal and as it
was; only the request's handlers redact, before the reply; hostile files are refused in words, in bounded time."""

import datetime as dt
import hashlib
import json
import time
import zlib

import pymupdf
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from yifa.audit.models import AuditEvent
from yifa.casework.attachments import attachments_of
from yifa.core.errors import ActionRefused
from yifa.disclosure import actions, redaction
from yifa.disclosure.models import Redaction

D = dt.date
ID_NUMBER = "231282198001010011"
FONT = "china-s"  # MuPDF's built-in CJK font: the tests' PDFs carry real Chinese text


def pdf(*pages, rotate=0, title="", image=False):
    """A PDF whose pages hold the given lines of text, one line every 40 pt from (72, 100)."""
    doc = pymupdf.open()
    for lines in pages:
        page = doc.new_page()
        for number, line in enumerate(lines):
            page.insert_text((72, 100 + 40 * number), line, fontname=FONT, fontsize=12)
        if image:
            pixmap = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 100, 100), 0)
            pixmap.set_rect(pixmap.irect, (200, 0, 0))
            page.insert_image(pymupdf.Rect(300, 400, 400, 500), pixmap=pixmap)
        if rotate:
            page.set_rotation(rotate)
    if title:
        doc.set_metadata({"title": title, "author": title})
    return doc.tobytes()


def text_of(data):
    return "".join(page.get_text() for page in pymupdf.open(stream=data, filetype="pdf"))


def upload(data, name="立项批复.pdf"):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def where(data, text, page=0):
    """The area (as a person would draw it on the page as shown) around the first occurrence of `text`."""
    found = pymupdf.open(stream=data, filetype="pdf")[page]
    rect = found.search_for(text)[0] * found.rotation_matrix
    return {"page": page, "rect": [rect.x0 - 1, rect.y0 - 1, rect.x1 + 1, rect.y1 + 1]}


@pytest.fixture
def handling(registered):
    return registered(D(2017, 9, 20))


@pytest.fixture
def original(handling, editor):
    def make(data, name="立项批复.pdf"):
        return actions.add_original(actor=editor, request=handling, upload=upload(data, name))

    return make


def test_the_text_under_a_drawn_area_is_gone_from_the_released_copy_and_the_rest_is_kept(handling, editor, original):
    data = pdf(["申请人：张三丰", "批复文号：肇发改〔2017〕12号"])
    source = original(data)
    made = actions.redact_document(actor=editor, request=handling, attachment=source,
                                   areas=[where(data, "张三丰")], reasons=["third_party_rights"])
    released = made.result.file.open("rb").read()
    assert "张三丰" not in text_of(released)
    assert "肇发改〔2017〕12号" in text_of(released) and "申请人" in text_of(released)
    assert (made.result.kind, made.result.is_public, made.result.original_name) == (
        "redacted", False, "立项批复（删除处理后）.pdf")
    # The original is untouched and stays internal.
    source.refresh_from_db()
    assert source.file.open("rb").read() == data and source.sha256 == hashlib.sha256(data).hexdigest()
    assert (source.kind, source.is_public) == ("original", False)
    assert list(attachments_of(handling).values_list("kind", flat=True)) == ["original", "redacted"]
    assert made.reason_labels() == ["保护第三方合法权益"] and made.page_numbers() == [1]


def test_every_occurrence_of_a_searched_text_is_removed_on_every_page(handling, editor, original):
    data = pdf([f"身份证号码：{ID_NUMBER}", "联系人：李四"], [f"复核：{ID_NUMBER} 与 {ID_NUMBER}"], ["无关页"])
    made = actions.redact_document(actor=editor, request=handling, attachment=original(data),
                                   terms=[ID_NUMBER, "李四 "], reasons=["third_party_rights"])
    released = text_of(made.result.file.open("rb").read())
    assert ID_NUMBER not in released and "李四" not in released
    assert "身份证号码" in released and "无关页" in released
    # What was removed is recorded masked, with its count; the log does not repeat it either.
    assert made.terms_found == [{"term": "2" + "＊" * 17, "count": 3}, {"term": "李＊", "count": 1}]
    event = AuditEvent.objects.get(event_type="disclosure.redacted")
    assert ID_NUMBER not in str(event.new_values) and "李四" not in str(event.new_values)
    assert event.new_values["reasons"] == ["保护第三方合法权益"]


def test_image_pixels_under_an_area_are_blanked_and_the_rest_of_the_image_kept(handling, editor, original):
    data = pdf(["附照片"], image=True)
    made = actions.redact_document(actor=editor, request=handling, attachment=original(data),
                                   areas=[{"page": 0, "rect": [320, 420, 360, 460]}], reasons=["third_party_rights"])
    out = pymupdf.open(stream=made.result.file.open("rb").read(), filetype="pdf")
    xref = out[0].get_images()[0][0]
    image = pymupdf.Pixmap(out, xref)
    assert image.pixel(40, 40) != (200, 0, 0)  # under the area: the original pixels are not in the file
    assert image.pixel(5, 5) == (200, 0, 0)


def test_an_area_drawn_on_a_rotated_page_removes_what_is_shown_there(handling, editor, original):
    data = pdf(["秘密内容", "公开内容"], rotate=90)
    made = actions.redact_document(actor=editor, request=handling, attachment=original(data),
                                   areas=[where(data, "秘密内容")], reasons=["state_secret"])
    released = text_of(made.result.file.open("rb").read())
    assert "秘密内容" not in released and "公开内容" in released


def test_the_released_copy_carries_no_metadata_and_no_comment_text(handling, editor, original):
    doc = pymupdf.open(stream=pdf(["正文"], title="张三丰的档案"), filetype="pdf")
    doc[0].add_text_annot((400, 400), "内部意见：张三丰")
    doc[0].add_freetext_annot(pymupdf.Rect(72, 200, 300, 230), "批注 张三丰", fontname=FONT)
    data = doc.tobytes()
    made = actions.redact_document(actor=editor, request=handling, attachment=original(data),
                                   terms=["张三丰"], reasons=["third_party_rights"])
    released = made.result.file.open("rb").read()
    out = pymupdf.open(stream=released, filetype="pdf")
    assert not any(out.metadata.get(key) for key in ("title", "author"))
    assert list(out[0].annots()) == []
    assert "张三丰" not in text_of(released) and "正文" in text_of(released)


def test_only_the_requests_handlers_redact(handling, original, legal_officer, outsider, head):
    data = pdf(["张三丰"])
    source = original(data)
    for person in (legal_officer, outsider):
        with pytest.raises(PermissionDenied):
            actions.redact_document(actor=person, request=handling, attachment=source, terms=["张三丰"],
                                    reasons=["third_party_rights"])
        with pytest.raises(PermissionDenied):
            actions.add_original(actor=person, request=handling, upload=upload(data))
    assert not Redaction.objects.exists()
    actions.redact_document(actor=head, request=handling, attachment=source, terms=["张三丰"],
                            reasons=["third_party_rights"])
    assert Redaction.objects.count() == 1


def test_after_the_reply_nothing_more_is_redacted(handling, editor, original):
    source = original(pdf(["张三丰"]))
    actions.reply_request(actor=editor, request=handling, outcome="partial", replied_on=D(2017, 10, 9),
                          summary="提供批复文件，删除个人信息。")
    with pytest.raises(ActionRefused, match="已办结"):
        actions.redact_document(actor=editor, request=handling, attachment=source, terms=["张三丰"],
                                reasons=["third_party_rights"])


@pytest.mark.parametrize(("change", "message"), [
    ({"reasons": []}, "请选择删除理由"),
    ({"reasons": ["not_held"]}, "法定情形"),
    ({"terms": [], "areas": []}, "框选"),
    ({"terms": ["张"]}, "太短"),
    ({"terms": ["x" * 101]}, "不超过"),
    ({"areas": [{"page": "0", "rect": [1, 2, 3, 4]}]}, "格式"),
    ({"areas": [{"page": 0, "rect": [1, 2, "nan", 4]}]}, "格式"),
    ({"areas": [{"page": 7, "rect": [1, 2, 30, 40]}]}, "页码超出"),
    ({"areas": [{"page": 0, "rect": [-500, -500, -400, -400]}]}, "页面范围"),
])
def test_bad_input_is_refused_in_words_and_nothing_is_made(handling, editor, original, change, message):
    source = original(pdf(["张三丰"]))
    arguments = {"terms": ["张三丰"], "areas": [], "reasons": ["third_party_rights"], **change}
    with pytest.raises(ActionRefused, match=message):
        actions.redact_document(actor=editor, request=handling, attachment=source, **arguments)
    assert not Redaction.objects.exists() and attachments_of(handling).count() == 1


def test_the_free_text_reason_stands_beside_the_chosen_ones(handling, editor, original):
    made = actions.redact_document(actor=editor, request=handling, attachment=original(pdf(["张三丰"])),
                                   terms=["张三丰"], reasons=[], other_reason="  涉及未成年人  信息 ")
    assert made.reason_labels() == ["涉及未成年人 信息"]


def test_an_attachment_of_another_request_or_not_a_pdf_is_refused(handling, editor, registered, original):
    other = registered(D(2017, 9, 21))
    theirs = actions.add_original(actor=editor, request=other, upload=upload(pdf(["张三丰"])))
    with pytest.raises(ActionRefused, match="不是本申请"):
        actions.redact_document(actor=editor, request=handling, attachment=theirs, terms=["张三丰"],
                                reasons=["third_party_rights"])
    with pytest.raises(ActionRefused, match="PDF"):
        actions.add_original(actor=editor, request=handling, upload=SimpleUploadedFile("a.docx", b"PK\x03\x04rest"))


# --- hostile files ----------------------------------------------------------------------------------


def raw_pdf(objects):
    """A PDF written by hand (objects numbered from 1), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def many_pages(count):
    kids = " ".join(f"{3 + n} 0 R" for n in range(count))
    pages = [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * count
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(),
                    *pages])


def huge_page():
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 9000000 9000000] >>"])


def image_bomb():
    """A 40 000 × 40 000 RGB image (4.8 GB when decoded) in a few megabytes of compressed zeros."""
    side = 40000
    row = b"\x00" * (side * 3)
    packer = zlib.compressobj(9)
    stream = b"".join(packer.compress(row) for _row in range(side)) + packer.flush()
    content = b"q 500 0 0 700 50 50 cm /Im0 Do Q"
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream",
        f"<< /Type /XObject /Subtype /Image /Width {side} /Height {side} /ColorSpace /DeviceRGB /BitsPerComponent 8 "
        f"/Filter /FlateDecode /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream",
    ])


def encrypted():
    doc = pymupdf.open(stream=pdf(["机密"]), filetype="pdf")
    return doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="u", owner_pw="o")


@pytest.mark.parametrize(("data", "message"), [
    (b"", "空"),
    (b"%PDF-1.4\n\x00\x01 garbage that is no PDF at all " * 20, "损坏"),
    (b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF", "损坏"),
    (b"PK\x03\x04 a zip file", "只能对 PDF"),
])
def test_what_is_no_readable_pdf_is_refused_in_words(data, message):
    with pytest.raises(ActionRefused, match=message):
        redaction.page_sizes(data)


def test_an_encrypted_pdf_is_refused(handling, editor):
    with pytest.raises(ActionRefused, match="加密"):
        actions.add_original(actor=editor, request=handling, upload=upload(encrypted()))
    assert attachments_of(handling).count() == 0


def test_a_zero_byte_file_is_refused_on_upload(handling, editor):
    with pytest.raises(ValidationError, match="空文件"):
        actions.add_original(actor=editor, request=handling, upload=upload(b""))


def test_thousands_of_pages_are_refused_quickly():
    data = many_pages(5000)
    started = time.monotonic()
    with pytest.raises(ActionRefused, match="5000 页，超过了删除处理的上限 500 页"):
        redaction.page_sizes(data)
    assert time.monotonic() - started < 10


def test_a_page_of_absurd_size_is_refused():
    with pytest.raises(ActionRefused, match="第 1 页的页面尺寸"):
        redaction.page_sizes(huge_page())


def test_an_image_that_inflates_to_gigabytes_is_refused_in_words_within_bounded_memory_and_time(monkeypatch):
    data = image_bomb()
    started = time.monotonic()
    with pytest.raises(ActionRefused, match="过于复杂"):  # blanking its pixels would need the whole image
        redaction.redact(data, areas=[{"page": 0, "rect": [100, 100, 200, 200]}], terms=[])
    # Drawing it scaled down takes MuPDF seconds of inflating; the CPU limit ends it (here a short one).
    monkeypatch.setattr(redaction.WorkLimits, "render_seconds", 2)
    with pytest.raises(ActionRefused, match="过于复杂"):
        redaction.render_page(data, 0)
    assert time.monotonic() - started < 15


# --- the screens and the reply ----------------------------------------------------------------------


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def test_the_officer_uploads_draws_and_previews_the_released_copy(as_user, editor, handling):
    client = as_user(editor)
    case = client.get(f"/admin/cases/disclosure-request/{handling.pk}/").content.decode()
    assert "删除处理（部分公开）" in case and f"/admin/disclosure/{handling.pk}/redaction/" in case
    data = pdf(["申请人：张三丰", "批复文号：肇发改〔2017〕12号"], ["第二页"])
    response = client.post(f"/admin/disclosure/{handling.pk}/redaction/", {"file": upload(data)})
    source = attachments_of(handling).get()
    assert response.status_code == 302 and response["Location"] == f"/admin/disclosure/{handling.pk}/redaction/{source.pk}/"
    screen = client.get(response["Location"]).content.decode()
    assert screen.count('class="yifa-redact__page"') == 2 and 'data-width="595.00"' in screen
    assert "保护第三方合法权益（第十五条）" not in screen  # a 2017 request: the 2007 text's articles
    assert "保护第三方合法权益（第十四条第四款）" in screen
    image = client.get(f"/admin/disclosure/{handling.pk}/page/{source.pk}/0.png")
    assert image.status_code == 200 and image["Content-Type"] == "image/png" and image.content[:4] == b"\x89PNG"
    area = where(data, "张三丰")
    response = client.post(response["Location"], {"areas": json.dumps([area]), "terms": "", "reasons": ["third_party_rights"]})
    made = Redaction.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/disclosure/{handling.pk}/redaction/result/{made.pk}/"
    preview = client.get(response["Location"]).content.decode()
    assert "保护第三方合法权益（第十四条第四款）" in preview and f"/page/{made.result.pk}/0.png" in preview
    assert "张三丰" not in text_of(made.result.file.open("rb").read())


def test_bad_input_on_the_screen_is_a_message_and_the_areas_come_back(as_user, editor, original, handling):
    source = original(pdf(["张三丰"]))
    url = f"/admin/disclosure/{handling.pk}/redaction/{source.pk}/"
    client = as_user(editor)
    for areas in ("{not json", '"a string"'):
        response = client.post(url, {"areas": areas, "reasons": ["third_party_rights"]})
        assert response.status_code == 200 and "删除区域的格式不正确" in response.content.decode()
    drawn = json.dumps([{"page": 0, "rect": [70, 80, 150, 110]}])
    response = client.post(url, {"areas": drawn, "reasons": []})
    body = response.content.decode()
    assert response.status_code == 200 and "请选择删除理由" in body and "[{&quot;page&quot;: 0" in body
    assert not Redaction.objects.exists()


def test_a_broken_pdf_on_upload_is_a_message(as_user, editor, handling):
    response = as_user(editor).post(f"/admin/disclosure/{handling.pk}/redaction/",
                                    {"file": upload(b"%PDF-1.4\n\x00 not really a pdf " * 10)})
    assert response.status_code == 200 and "文件已损坏" in response.content.decode()
    assert attachments_of(handling).count() == 0


def test_who_sees_what(as_user, editor, legal_officer, outsider, original, handling):
    source = original(pdf(["张三丰"]))
    made = actions.redact_document(actor=editor, request=handling, attachment=source, terms=["张三丰"],
                                   reasons=["third_party_rights"])
    urls = [f"/admin/disclosure/{handling.pk}/redaction/", f"/admin/disclosure/{handling.pk}/redaction/{source.pk}/",
            f"/admin/disclosure/{handling.pk}/redaction/result/{made.pk}/",
            f"/admin/disclosure/{handling.pk}/page/{source.pk}/0.png"]
    client = as_user(outsider)
    assert [client.get(url).status_code for url in urls] == [404, 404, 404, 404]
    client = as_user(legal_officer)  # supervises: sees the copies, does not redact
    assert [client.get(url).status_code for url in urls] == [200, 302, 200, 200]  # Wagtail answers a refusal with its "no permission" redirect
    assert client.post(urls[0], {"file": upload(pdf(["x"]))}).status_code == 302 and attachments_of(handling).count() == 2
    case = client.get(f"/admin/cases/disclosure-request/{handling.pk}/").content.decode()
    assert made.result.original_name in case and f"/redaction/{source.pk}/" not in case


def test_the_reply_of_a_partial_disclosure_lists_the_reasons_with_their_articles(editor, original, registered):
    from yifa.disclosure.documents import notice_docx, notice_text

    request = registered(D(2019, 9, 20))  # the 2019 text
    source = actions.add_original(actor=editor, request=request, upload=upload(pdf(["张三丰", "讨论稿"])))
    actions.redact_document(actor=editor, request=request, attachment=source, terms=["张三丰"],
                            areas=[{"page": 0, "rect": [60, 120, 200, 150]}],
                            reasons=["third_party_rights", "process_information"], other_reason="涉及未成年人")
    actions.reply_request(actor=editor, request=request, outcome="partial", replied_on=D(2019, 10, 9),
                          summary="提供批复文件，删除不应公开的部分。")
    lines = notice_text(request, "reply")
    assert "您申请公开的信息中含有不应当公开的内容，本机关已作区分处理，向您提供可以公开的部分（《政府信息公开条例》（2019年修订）第三十七条）：" in lines
    assert ("1. 《立项批复.pdf》：删除了第 1 页的 1 处内容，以及 1 处文字，理由：保护第三方合法权益（第十五条）；"
            "属于四类过程性信息（第十六条第二款）；涉及未成年人。") in lines
    assert notice_docx(request, "reply")[:2] == b"PK"


def test_a_reply_that_releases_in_full_says_nothing_of_redaction(editor, original, handling):
    from yifa.disclosure.documents import notice_text

    source = original(pdf(["张三丰"]))
    actions.redact_document(actor=editor, request=handling, attachment=source, terms=["张三丰"],
                            reasons=["third_party_rights"])
    actions.reply_request(actor=editor, request=handling, outcome="granted", replied_on=D(2017, 10, 9), summary="提供。")
    assert not any("区分处理" in line for line in notice_text(handling, "reply"))
