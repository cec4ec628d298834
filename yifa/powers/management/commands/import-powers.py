"""`yifa import-powers FILE --department CODE [--dry-run] [--apply]`: import a department's power list.

Rows that match the list change nothing; the rest become adjustments in the department's open
change request, for the department head to submit and the legal affairs office to review.
`--apply` (a system job's initial load) approves them at once. Any wrong row refuses the file.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yifa.audit.actors import COMMAND_LINE
from yifa.core.errors import ActionRefused
from yifa.org.models import Department
from yifa.powers.actions import import_powers
from yifa.powers.models import AdjustmentKind


class Command(BaseCommand):
    help = str(gettext_lazy("从 yifa 模板（xlsx）导入一个部门的权力清单：先预览，任何一行有错则整个文件不导入。"))

    def add_arguments(self, parser):
        parser.add_argument("file", help=gettext_lazy("xlsx 文件"))
        parser.add_argument("--department", required=True, help=gettext_lazy("部门代码，例如 scjgj"))
        parser.add_argument("--dry-run", action="store_true", help=gettext_lazy("只检查并显示将要发生的变化，不导入"))
        parser.add_argument("--apply", action="store_true",
                            help=gettext_lazy("不经审查直接生效（仅用于初次载入已经批准的清单）"))

    def handle(self, *args, file, department, dry_run, apply, **options):
        target = Department.objects.filter(code=department).first()
        if target is None:
            codes = "、".join(Department.objects.values_list("code", flat=True)[:40])
            raise CommandError(_("没有代码为“%(code)s”的部门。现有部门代码：%(codes)s") % {"code": department, "codes": codes})
        try:
            outcome = import_powers(actor=COMMAND_LINE, department=target, path=file, filename=file,
                                    dry_run=dry_run, apply=apply)
        except ActionRefused as error:
            raise CommandError(error.message) from None
        counts = outcome.plan.counts()
        labels = dict(AdjustmentKind.choices)
        parts = [f"{labels[k]} {counts[k]}" for k in AdjustmentKind.values if counts.get(k)]
        summary = _("共 %(rows)s 行：%(parts)s，无变化 %(same)s。") % {
            "rows": counts["rows"], "parts": "，".join(parts) or _("无调整"), "same": counts["unchanged"]}
        if dry_run:
            self.stdout.write(_("预览（未导入）：") + summary)
        elif not outcome.plan.proposals:
            self.stdout.write(_("没有需要导入的变化。") + summary)
        elif outcome.applied:
            self.stdout.write(_("已导入并生效（%(reference)s）：") % {"reference": outcome.change_request.reference} + summary)
        else:
            self.stdout.write(_("已导入到清单调整申请 %(reference)s（待部门负责人提交审查）：")
                              % {"reference": outcome.change_request.reference} + summary)
