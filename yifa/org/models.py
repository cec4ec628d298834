from __future__ import annotations

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .validators import (
    validate_office_phone,
    validate_photo,
    validate_postal_code,
    validate_public_text,
    validate_region_code,
    validate_uscc,
)


class Region(models.Model):
    class Level(models.TextChoices):
        CITY = "city", _("市（县级）")
        TOWN = "town", _("镇")
        TOWNSHIP = "township", _("乡")
        SUBDISTRICT = "subdistrict", _("街道办事处")
        VILLAGE = "village", _("行政村")
        COMMUNITY = "community", _("社区")

    code = models.CharField(_("区划代码"), max_length=12, unique=True, validators=[validate_region_code])
    name = models.CharField(_("名称"), max_length=100)
    level = models.CharField(_("层级"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("政府工作部门")
        INSTITUTION = "institution", _("承担行政职能的事业单位")
        VERTICAL = "vertical", _("垂直管理部门")
        TOWN = "town", _("乡镇人民政府")
        SUBDISTRICT = "subdistrict", _("街道办事处")

    name = models.CharField(_("名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=30)
    # A short stable code used on the command line and in URLs (e.g. "sfj" for 司法局).
    code = models.SlugField(_("部门代码"), max_length=30, unique=True)
    credit_code = models.CharField(
        _("统一社会信用代码"), max_length=18, unique=True, validators=[validate_uscc]
    )
    kind = models.CharField(_("类别"), max_length=16, choices=Kind.choices, default=Kind.GOVERNMENT)
    region = models.ForeignKey(Region, verbose_name=_("所属区划"), on_delete=models.PROTECT, related_name="+")
    is_legal_affairs_office = models.BooleanField(
        _("是政府法制机构"), default=False, help_text=_("法制办/司法局：审查各部门事项，可查看全部部门。")
    )
    # The agency's public contacts (its page at /jigou/<code>/): official numbers, never a person's own.
    phone = models.CharField(
        _("联系电话"), max_length=30, blank=True, validators=[validate_office_phone],
        help_text=_("对外公布的办公电话，不填个人手机。"),
    )
    address = models.CharField(_("地址"), max_length=200, blank=True)
    functions = models.TextField(_("机构职能"), blank=True, validators=[validate_public_text], help_text=_("按“三定”规定填写主要职责，每段一行。"))
    office_hours = models.CharField(_("办公时间"), max_length=200, blank=True)
    fax = models.CharField(_("传真"), max_length=30, blank=True, validators=[validate_office_phone])
    email = models.EmailField(_("电子邮箱"), blank=True, help_text=_("机构的公务邮箱，不填个人邮箱。"))
    postal_code = models.CharField(_("邮政编码"), max_length=6, blank=True, validators=[validate_postal_code])
    # A CharField with the URL check: a URLField's form field warns about its default scheme (Django 6.0).
    website = models.CharField(_("网站"), max_length=200, blank=True,
                               validators=[URLValidator(schemes=["http", "https"])], help_text=_("如 https://www.example.gov.cn/"))
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("存续"), default=True)
    # The day the agency was abolished (机构撤销): its staff's enforcement certificates are cancelled that day.
    abolished_on = models.DateField(_("撤销日期"), null=True, blank=True)

    # The fields a department's own staff keep current on its page (yifa.org.actions.save_agency_info).
    PUBLIC_INFO_FIELDS = ("functions", "address", "postal_code", "office_hours", "phone", "fax", "email", "website")
    LOCAL_KINDS = (Kind.TOWN, Kind.SUBDISTRICT)

    class Meta:
        verbose_name = _("部门")
        verbose_name_plural = _("部门")
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name


class InternalUnit(models.Model):
    """A department's internal unit (内设机构: 科室, 股, 所, 站), shown on its agency page."""

    department = models.ForeignKey(
        Department, verbose_name=_("所属部门"), on_delete=models.CASCADE, related_name="internal_units"
    )
    name = models.CharField(_("名称"), max_length=100)
    functions = models.TextField(_("主要职责"), blank=True, validators=[validate_public_text])
    phone = models.CharField(_("办公电话"), max_length=30, blank=True, validators=[validate_office_phone], help_text=_("对外公布的办公电话，不填个人手机。"))
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("内设机构")
        verbose_name_plural = _("内设机构")
        ordering = ["department__sort_order", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["department", "name"], name="org_internal_unit_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.department.short_name}）"


class Leader(models.Model):
    """A member of a department's leadership as the city publishes it (领导信息): name, post, duties, photo."""

    department = models.ForeignKey(Department, verbose_name=_("所属部门"), on_delete=models.CASCADE, related_name="leaders")
    name = models.CharField(_("姓名"), max_length=50)
    post = models.CharField(_("职务"), max_length=100)
    duties = models.TextField(_("分工"), blank=True, validators=[validate_public_text])
    photo = models.ImageField(
        _("照片"), upload_to="org/leaders/", blank=True, validators=[validate_photo],
        help_text=_("可选；JPG、PNG 或 WebP，不超过 2 MB。"),
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("在任"), default=True)

    class Meta:
        verbose_name = _("领导信息")
        verbose_name_plural = _("领导信息")
        ordering = ["department__sort_order", "sort_order", "id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.department.short_name}{self.post}）"


class Staff(models.Model):
    class EmploymentType(models.TextChoices):
        ADMINISTRATIVE = "administrative", _("行政编制")
        INSTITUTIONAL = "institutional", _("事业编制")
        CONTRACT = "contract", _("合同制")
        DISPATCHED = "dispatched", _("劳务派遣")
        TEMPORARY = "temporary", _("临时")

    # Only established staff (在编) may hold enforcement certificates (rules.md, Enforcement).
    ESTABLISHED = (EmploymentType.ADMINISTRATIVE, EmploymentType.INSTITUTIONAL)

    name = models.CharField(_("姓名"), max_length=50)
    department = models.ForeignKey(
        Department, verbose_name=_("所在部门"), on_delete=models.PROTECT, related_name="staff"
    )
    employment_type = models.CharField(_("编制类型"), max_length=16, choices=EmploymentType.choices)
    position = models.CharField(_("职务"), max_length=50, blank=True)
    phone = models.CharField(_("电话"), max_length=30, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户账户"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff",
    )
    is_active = models.BooleanField(_("在岗"), default=True)
    # 法律职业资格 (国家统一法律职业资格考试): the first 法制审核 of an enforcement case is done only by
    # staff who hold it (国办发〔2018〕118号).
    has_legal_qualification = models.BooleanField(_("具有法律职业资格"), default=False)
    legal_qualification_number = models.CharField(_("法律职业资格证书编号"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("工作人员")
        verbose_name_plural = _("工作人员")
        ordering = ["department__sort_order", "id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.department.short_name}）"

    @property
    def is_established(self) -> bool:
        return self.employment_type in self.ESTABLISHED


class StaffDeparture(models.Model):
    """A staff member leaving their post: transferred (调离) or retired (退休), on a date.

    Recorded by yifa.org.actions.transfer_staff / retire_staff; the enforcement part's daily job
    cancels the person's certificates that day."""

    class Kind(models.TextChoices):
        TRANSFER = "transfer", _("调离")
        RETIREMENT = "retirement", _("退休")

    staff = models.ForeignKey(Staff, verbose_name=_("工作人员"), on_delete=models.PROTECT, related_name="departures")
    kind = models.CharField(_("类别"), max_length=16, choices=Kind.choices)
    effective_on = models.DateField(_("生效日期"))
    from_department = models.ForeignKey(
        Department, verbose_name=_("原部门"), on_delete=models.PROTECT, related_name="+")
    to_department = models.ForeignKey(
        Department, verbose_name=_("调入部门"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text=_("调往本市其他部门时填写；调出本市的不填。"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("人员调离、退休")
        verbose_name_plural = _("人员调离、退休")
        ordering = ["-effective_on", "-id"]
        indexes = [models.Index(fields=["effective_on"], name="org_departure_effective_on")]

    def __str__(self) -> str:
        return f"{self.staff.name} · {self.get_kind_display()} · {self.effective_on}"


class Role(models.TextChoices):
    SYSTEM_ADMIN = "system_admin", _("系统管理员")
    LEGAL_AFFAIRS = "legal_affairs", _("政府法制机构")
    DEPARTMENT_EDITOR = "department_editor", _("部门经办人")
    DEPARTMENT_HEAD = "department_head", _("部门负责人")
    INSPECTOR = "inspector", _("执法检查人员")
    LEADER = "leader", _("领导")


# Roles whose holders see every department's records (design.md: department scoping).
CITY_WIDE_ROLES = frozenset({Role.SYSTEM_ADMIN, Role.LEGAL_AFFAIRS, Role.LEADER})


class Membership(models.Model):
    """A staff member holds a role in a department. City-wide roles are held in the office that grants them."""

    staff = models.ForeignKey(Staff, verbose_name=_("工作人员"), on_delete=models.CASCADE, related_name="memberships")
    department = models.ForeignKey(
        Department, verbose_name=_("部门"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("角色"), max_length=24, choices=Role.choices)
    granted_at = models.DateTimeField(_("授予时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("角色授予")
        verbose_name_plural = _("角色授予")
        constraints = [
            models.UniqueConstraint(fields=["staff", "department", "role"], name="org_membership_unique_role")
        ]

    def __str__(self) -> str:
        return f"{self.staff.name} · {self.department.short_name} · {self.get_role_display()}"
