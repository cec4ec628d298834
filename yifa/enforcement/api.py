"""/api/enforcement/: the module's figures, and each part's own endpoints."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja.errors import HttpError
from pydantic import BaseModel, ConfigDict, Field

from .benchmarks.api import router as benchmarks_router
from .cases.api import router as cases_router
from .personnel.api import router as personnel_router

router = Router(tags=["enforcement"])
router.add_router("", personnel_router)
router.add_router("", benchmarks_router)
router.add_router("", cases_router)

FIRST_YEAR, LAST_YEAR = 1949, 2199


class Figures(BaseModel):
    """The year's figures of the three parts. The personnel part's are named here; the other parts add theirs."""

    model_config = ConfigDict(extra="allow")

    year: int
    personnel_examined: int = Field(description="参加执法资格考试的人数")
    personnel_passed: int = Field(description="考试合格的人数（补考合格计一次）")
    certificates_issued: int = Field(description="当年颁发的执法证件")
    certificates_renewed: int = Field(description="当年换证")
    certificates_cancelled: int = Field(description="当年注销")
    certificates_suspended: int = Field(description="当年暂扣")
    certificates_revoked: int = Field(description="当年吊销")
    certificates_in_force: int = Field(description="年末有效的执法证件")
    certificate_actions: int = Field(description="当年办理的证件（颁发、换证、注销）")


@router.get("/figures/{year}", response=Figures, summary="一年的行政执法数字（种子报告“依法用权”部分）")
def figures(request: HttpRequest, year: int) -> Any:
    from .registration import figures as module_figures

    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise HttpError(400, _("年度超出范围。"))
    return {"year": year, **module_figures(year)}
