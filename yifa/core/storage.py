"""Storage for files that must never have a public URL (case files: applications, evidence, replies)."""

from __future__ import annotations

from django.core.files.storage import FileSystemStorage


class PrivateFileStorage(FileSystemStorage):
    """A FileSystemStorage outside MEDIA_ROOT that refuses to make a URL: files leave it only through a
    view that checked the policy (yifa.casework.attachments.attachment_response)."""

    def url(self, name: str | None) -> str:
        raise ValueError("a private file has no public URL; serve it through a policy-checked view")
