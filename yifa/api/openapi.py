"""The committed OpenAPI document (`yifa/api/openapi.json`): how it is written, so that the test and
`make openapi` (`yifa openapi`) write it the same way."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.utils import translation

SNAPSHOT = Path(__file__).with_name("openapi.json")


def current_schema() -> dict[str, Any]:
    """The schema as the API serves it now, in the default language (Chinese)."""
    from django.conf import settings

    from .api import api

    with translation.override(settings.LANGUAGE_CODE):
        schema = api.get_openapi_schema(path_prefix="/api/")
        # Through JSON, so that lazy strings become text and the result compares with the file.
        return json.loads(json.dumps(schema, default=str))


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_snapshot(path: Path = SNAPSHOT) -> bool:
    """Rewrite the file; returns whether it changed."""
    text = render(current_schema())
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True
