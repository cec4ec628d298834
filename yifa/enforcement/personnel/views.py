"""The public register of enforcement personnel (行政执法人员公示): /zhifa/renyuan/.

Name, certificate number, field, department, validity and status — never a phone, ID number or photo.
A citizen types the name or number on the card shown at the door and sees whether it is valid today."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from yifa.org.models import Department

from .models import DepartmentField, EnforcementField
from .selectors import printable, public_register, register_status

PER_PAGE = 30
MAX_PAGE = 5000


@require_GET
def register(request: HttpRequest) -> HttpResponse:
    get = request.GET
    notices: list[str] = []
    today = timezone.localdate()
    q = printable(get.get("q", ""), 50)
    department = None
    code = printable(get.get("department", ""), 30)
    if code:
        department = Department.objects.filter(code=code).first()
        if department is None:
            notices.append(_("没有代码为“%(code)s”的部门，已显示全部部门。") % {"code": code})
    field = None
    field_code = printable(get.get("field", ""), 30)
    if field_code:
        field = EnforcementField.objects.filter(code=field_code).first()
        if field is None:
            notices.append(_("没有这个执法门类，已显示全部门类。"))
    try:
        number = min(max(int(get.get("p", "1")), 1), MAX_PAGE)
    except ValueError:
        number = 1
    page = Paginator(public_register(q=q, department=department, field=field, on=today), PER_PAGE).get_page(number)
    rows = [(cert, *register_status(cert, today)) for cert in page.object_list]
    query = urlencode([(k, v) for k, v in (("q", q), ("department", department.code if department else ""),
                                            ("field", field.code if field else "")) if v])
    departments = Department.objects.filter(
        pk__in=DepartmentField.objects.values("department_id")).order_by("sort_order", "id")
    return TemplateResponse(request, "enforcement/personnel/register.html", {
        "page_obj": page, "rows": rows, "q": q, "department": department, "field": field, "notices": notices,
        "departments": departments, "fields": EnforcementField.objects.filter(is_active=True), "today": today,
        "querystring": query,
    })
