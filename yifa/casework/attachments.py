"""Attachments: allowed types, a size limit, and a check that the content matches the extension."""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from yifa.audit.actions import actor_label, check_actor, record_event
from yifa.audit.actors import Actor

from .models import Attachment

# Leading bytes of the formats we accept; a file whose content does not match its extension is refused.
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Office (doc, xls) and WPS
ZIP = b"PK\x03\x04"  # docx, xlsx, ofd, zip
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "doc": (OLE,),
    "xls": (OLE,),
    "wps": (OLE,),
    "et": (OLE,),
    "docx": (ZIP,),
    "xlsx": (ZIP,),
    "ofd": (ZIP,),
    "zip": (ZIP,),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
}


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def clean_filename(name: str) -> str:
    # Keep only the last path component and drop control characters; the stored name is ours anyway.
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(ch for ch in base if ch.isprintable()).strip()[:200] or "file"


def validate_upload(upload: UploadedFile) -> str:
    """Return the file's extension, or raise ValidationError saying what is wrong with it."""
    allowed = [ext.lower() for ext in settings.YIFA_ATTACHMENT_EXTENSIONS]
    name = clean_filename(upload.name or "")
    extension = _extension(name)
    if extension not in allowed:
        raise ValidationError(
            _("不支持的文件类型“%(ext)s”。允许的类型：%(allowed)s。")
            % {"ext": extension or _("无扩展名"), "allowed": "、".join(allowed)},
            code="file_type",
        )
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("文件“%(name)s”是空文件，请重新选择。") % {"name": name}, code="file_empty")
    limit = settings.YIFA_ATTACHMENT_MAX_BYTES
    if size > limit:
        raise ValidationError(
            _("文件“%(name)s”大小为 %(size)s，超过了 %(limit)s 的上限。")
            % {"name": name, "size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="file_size",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    signatures = SIGNATURES.get(extension)
    if signatures and not any(head.startswith(sig) for sig in signatures):
        raise ValidationError(
            _("文件“%(name)s”的内容与扩展名“%(ext)s”不符，请确认文件未损坏。") % {"name": name, "ext": extension},
            code="file_content",
        )
    if extension == "txt" and b"\x00" in head:
        raise ValidationError(_("文件“%(name)s”不是文本文件。") % {"name": name}, code="file_content")
    return extension


def add_attachment(
    *,
    actor: Actor,
    owner: models.Model,
    upload: UploadedFile,
    policy: Any,
    kind: str = "",
    is_public: bool = False,
    permission: str = "change",
) -> Attachment:
    """Attach a file to `owner` after checking the actor may change it and the file is acceptable."""
    check_actor(policy, actor, permission, owner)
    extension = validate_upload(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    with transaction.atomic():
        attachment = Attachment(
            owner_type=ContentType.objects.get_for_model(owner),
            owner_id=str(owner.pk),
            department=getattr(owner, "department", None),
            kind=kind,
            original_name=clean_filename(upload.name or ""),
            extension=extension,
            size=upload.size or 0,
            sha256=digest.hexdigest(),
            is_public=is_public,
            uploaded_by_label=actor_label(actor),
        )
        attachment.file.save(attachment.original_name, upload, save=False)
        attachment.save()
        record_event(
            actor=actor,
            event_type="case.attachment_added",
            target=owner,
            new={"attachment": attachment.original_name, "size": attachment.size, "kind": kind},
        )
    return attachment


def attachments_of(owner: models.Model) -> models.QuerySet[Attachment]:
    return Attachment.objects.filter(owner_type=ContentType.objects.get_for_model(owner), owner_id=str(owner.pk))


def attachment_response(attachment: Attachment) -> HttpResponseBase:
    """The file for download, after the caller checked the case's policy. Through nginx (when
    YIFA_ACCEL_REDIRECT_PREFIX is set) the server sends the file from the private storage's internal
    location; otherwise Django streams it. Either way no URL reaches the file without this check."""
    from urllib.parse import quote

    prefix = settings.YIFA_ACCEL_REDIRECT_PREFIX
    if prefix:
        response = HttpResponse(content_type="application/octet-stream")
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(attachment.file.name or "")
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(attachment.original_name)}"
        return response
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name)


def correspondence_of(owner: models.Model) -> models.QuerySet[Any]:
    from .models import Correspondence

    return Correspondence.objects.filter(owner_type=ContentType.objects.get_for_model(owner), owner_id=str(owner.pk))
