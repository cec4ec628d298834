"""Storage for files that must never have a public URL (case files: applications, evidence, replies)."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateFileStorage(FileSystemStorage):
    """A FileSystemStorage in YIFA_PRIVATE_ROOT (outside MEDIA_ROOT) that refuses to make a URL: files
    leave it only through a view that checked the policy (yifa.casework.attachments.attachment_response).

    Without an explicit location it follows the setting, also when a test or a restore changes it."""

    def __init__(self, location: Any = None, **kwargs: Any) -> None:
        kwargs.pop("base_url", None)
        super().__init__(location=location, base_url=None, **kwargs)

    @property  # type: ignore[override]
    def base_location(self) -> Any:
        return self._value_or_setting(self._location, settings.YIFA_PRIVATE_ROOT)  # type: ignore[attr-defined]

    @property  # type: ignore[override]
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("a private file has no public URL; serve it through a policy-checked view")
