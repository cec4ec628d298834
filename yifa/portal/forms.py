"""Uploads through the back office's document library are checked like every attachment in yifa."""

from __future__ import annotations

from typing import Any

from wagtail.documents.forms import BaseDocumentForm

from yifa.casework.attachments import validate_upload


class CheckedDocumentForm(BaseDocumentForm):
    """Refuses a file of a type we do not publish, too large, empty, or whose content belies its name."""

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload is not None and hasattr(upload, "content_type"):  # a new upload, not the stored file
            validate_upload(upload)
        return upload
