import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from yifa.casework.attachments import add_attachment, attachments_of, validate_upload
from yifa.casework.selectors import case_events

from .sample import sample_policy

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


def upload(name, content):
    return SimpleUploadedFile(name, content)


def test_a_pdf_is_accepted_and_logged(sample_case, editor, media_root):
    attachment = add_attachment(actor=editor, owner=sample_case, upload=upload("申请书.pdf", PDF), policy=sample_policy)
    assert attachment.original_name == "申请书.pdf"
    assert attachment.size == len(PDF)
    assert list(attachments_of(sample_case)) == [attachment]
    assert case_events(sample_case).get().new_values["attachment"] == "申请书.pdf"
    # The stored name is ours, not the uploader's.
    assert "申请书" not in attachment.file.name


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "不支持的文件类型“exe”"),
        ("noextension", b"hello", "不支持的文件类型“无扩展名”"),
        ("empty.pdf", b"", "是空文件"),
        ("fake.pdf", b"<html>not a pdf</html>", "内容与扩展名“pdf”不符"),
        ("fake.docx", b"%PDF-1.4", "内容与扩展名“docx”不符"),
        ("binary.txt", b"ab\x00cd", "不是文本文件"),
    ],
)
def test_bad_uploads_are_refused_with_a_clear_message(name, content, message):
    with pytest.raises(ValidationError) as error:
        validate_upload(upload(name, content))
    assert message in error.value.messages[0]


def test_an_oversized_file_is_refused(settings):
    settings.YIFA_ATTACHMENT_MAX_BYTES = 10
    with pytest.raises(ValidationError, match="超过了"):
        validate_upload(upload("big.pdf", PDF))


def test_path_components_in_the_filename_are_dropped(sample_case, editor, media_root):
    attachment = add_attachment(
        actor=editor, owner=sample_case, upload=upload("../../etc/passwd.pdf", PDF), policy=sample_policy
    )
    assert attachment.original_name == "passwd.pdf"


def test_another_department_cannot_attach(sample_case, outsider, media_root):
    with pytest.raises(PermissionDenied):
        add_attachment(actor=outsider, owner=sample_case, upload=upload("a.pdf", PDF), policy=sample_policy)
    assert not attachments_of(sample_case).exists()
    assert not case_events(sample_case).exists()


def test_case_files_are_kept_outside_the_public_media(sample_case, editor, media_root, settings):
    """/media/ is served by nginx (and by the demo) to anyone: a case file must never be there."""
    from pathlib import Path

    attachment = add_attachment(actor=editor, owner=sample_case, upload=upload("申请书.pdf", PDF), policy=sample_policy)
    stored = Path(attachment.file.path).resolve()
    assert stored.is_relative_to(Path(settings.YIFA_PRIVATE_ROOT).resolve())
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    with pytest.raises(ValueError):  # no public URL can be made for it
        _ = attachment.file.url


def test_through_nginx_the_file_is_sent_from_an_internal_location_after_the_check(sample_case, editor, media_root,
                                                                                  settings):
    from yifa.casework.attachments import attachment_response

    attachment = add_attachment(actor=editor, owner=sample_case, upload=upload("申请书.pdf", PDF), policy=sample_policy)
    settings.YIFA_ACCEL_REDIRECT_PREFIX = "/protected/"
    response = attachment_response(attachment)
    assert response["X-Accel-Redirect"] == f"/protected/{attachment.file.name}"
    assert response.content == b"" and "filename*=UTF-8''" in response["Content-Disposition"]
    settings.YIFA_ACCEL_REDIRECT_PREFIX = ""
    assert b"".join(attachment_response(attachment).streaming_content) == PDF
