"""/api/enforcement/: the module's figures, and each part's own endpoints."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja.errors import HttpError

from .benchmarks.api import router as benchmarks_router
from .cases.api import router as cases_router
from .personnel.api import router as personnel_router

router = Router(tags=["enforcement"])
router.add_router("", personnel_router)
router.add_router("", benchmarks_router)
router.add_router("", cases_router)


@router.get("/figures/{year}", summary="一年的行政执法数字（种子报告“依法用权”部分）")
def figures(request: HttpRequest, year: int) -> Any:
    from .registration import figures as module_figures

    if not 1990 <= year <= 2100:
        raise HttpError(400, _("年度超出范围。"))
    return module_figures(year)
