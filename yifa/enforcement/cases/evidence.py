"""Evidence files of the 全过程记录 (行政处罚法 2021 art.47): what may be uploaded, the SHA-256 taken at upload,
and the check that a stored file still has that hash."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from yifa.casework.attachments import SIGNATURES, clean_filename
from yifa.core.errors import ActionRefused

from . import rules
from .models import Evidence, EvidenceKind

# Leading bytes of the audio and video formats accepted, beyond the document formats casework knows.
MEDIA_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "mp3": (b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"),
    "wav": (b"RIFF",),
    "avi": (b"RIFF",),
    "amr": (b"#!AMR",),
}
# mp4, mov and m4a start with a box size, then "ftyp" (or "moov"/"wide"/"mdat" for old QuickTime files).
ISO_MEDIA = frozenset({"mp4", "mov", "m4a"})
ISO_BOXES = (b"ftyp", b"moov", b"wide", b"mdat", b"free")

KIND_BY_EXTENSION = {
    **dict.fromkeys(("jpg", "jpeg", "png"), EvidenceKind.PHOTO),
    **dict.fromkeys(("mp3", "wav", "m4a", "amr"), EvidenceKind.AUDIO),
    **dict.fromkeys(("mp4", "mov", "avi"), EvidenceKind.VIDEO),
}


class EvidenceRefused(ActionRefused):
    """An evidence file was refused: the message names the file and what is wrong."""


def check_upload(upload: UploadedFile) -> str:
    """The file's extension, or EvidenceRefused saying what is wrong with the file."""
    name = clean_filename(upload.name or "")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed = rules.evidence_extensions()
    if extension not in allowed:
        raise EvidenceRefused(_("证据文件“%(name)s”的类型“%(ext)s”不能上传。允许的类型：%(allowed)s。") % {
            "name": name, "ext": extension or _("无扩展名"), "allowed": "、".join(allowed)})
    size = upload.size or 0
    if size == 0:
        raise EvidenceRefused(_("证据文件“%(name)s”是空文件。") % {"name": name})
    if size > rules.evidence_max_bytes():
        raise EvidenceRefused(_("证据文件“%(name)s”大小为 %(size)s，超过了 %(limit)s 的上限。") % {
            "name": name, "size": filesizeformat(size), "limit": filesizeformat(rules.evidence_max_bytes())})
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if extension in ISO_MEDIA:
        matches = head[4:8] in ISO_BOXES
    else:
        signatures = SIGNATURES.get(extension) or MEDIA_SIGNATURES.get(extension)
        matches = not signatures or any(head.startswith(sig) for sig in signatures)
    if not matches:
        raise EvidenceRefused(_("证据文件“%(name)s”的内容与扩展名“%(ext)s”不符，请确认文件未损坏。") % {
            "name": name, "ext": extension})
    return extension


def sha256_of_upload(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


@dataclass(frozen=True)
class EvidenceProblem:
    evidence: Evidence
    message: str


def stored_hash(evidence: Evidence) -> str | None:
    """The SHA-256 of the stored file now, or None when the file is gone."""
    digest = hashlib.sha256()
    try:
        with evidence.file.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1024 * 1024), b""):
                digest.update(chunk)
    except (FileNotFoundError, OSError, ValueError):
        return None
    return digest.hexdigest()


def problem_of(evidence: Evidence) -> EvidenceProblem | None:
    now = stored_hash(evidence)
    if now is None:
        return EvidenceProblem(evidence, _("证据文件“%(name)s”已不在存储中，无法核验。") % {"name": evidence.original_name})
    if now != evidence.sha256:
        return EvidenceProblem(evidence, _(
            "证据文件“%(name)s”的内容与上传时不一致（上传时 SHA-256 %(then)s…，现在 %(now)s…），可能已被篡改；"
            "该证据不能使用，请查明原因并重新取证。") % {
            "name": evidence.original_name, "then": evidence.sha256[:12], "now": now[:12]})
    return None


def quick_problem_of(evidence: Evidence) -> EvidenceProblem | None:
    """What the case screen shows on every view: a file gone or of another size than at upload. Reading a 200 MB
    video on each view would make the screen slow; the full SHA-256 check runs in every step's guard and on download."""
    try:
        size = evidence.file.size
    except (FileNotFoundError, OSError, ValueError):
        return EvidenceProblem(evidence, _("证据文件“%(name)s”已不在存储中，无法核验。") % {"name": evidence.original_name})
    if size != evidence.size:
        return EvidenceProblem(evidence, _(
            "证据文件“%(name)s”的大小与上传时不一致（上传时 %(then)s 字节，现在 %(now)s 字节），可能已被篡改；"
            "该证据不能使用，请查明原因并重新取证。") % {"name": evidence.original_name, "then": evidence.size, "now": size})
    return None


def evidence_problems(case: Any) -> list[EvidenceProblem]:
    """Every evidence file of the case that is missing or no longer matches its hash."""
    found = []
    for evidence in Evidence.objects.filter(case=case):
        problem = problem_of(evidence)
        if problem is not None:
            found.append(problem)
    return found
