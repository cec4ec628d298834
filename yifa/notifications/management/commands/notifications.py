"""`yifa notifications retry | status | bounce CHANNEL ADDRESS [--reason …] | unbounce CHANNEL ADDRESS`.

`retry` sends every queued delivery that is due (new ones the task backend did not run, and failed ones
whose back-off has passed): run it every few minutes from cron or a timer (README). `bounce` records an
address a bounce report named, `unbounce` clears it once the address is corrected."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yifa.audit.actors import COMMAND_LINE
from yifa.core.errors import ActionRefused

from ... import actions
from ...models import BouncedAddress, Delivery


class Command(BaseCommand):
    help = str(gettext_lazy("发送到期的通知（retry）、查看发送情况（status）、标记或清除退信地址（bounce / unbounce）。"))

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="command", required=True)
        retry = commands.add_parser("retry", help=str(gettext_lazy("发送所有到期的待发送通知")))
        retry.add_argument("--limit", type=int, default=1000)
        commands.add_parser("status", help=str(gettext_lazy("各状态的发送记录数")))
        for name, text in (("bounce", gettext_lazy("标记退信地址：不再向其发送")),
                           ("unbounce", gettext_lazy("清除退信标记（地址已更正）"))):
            sub = commands.add_parser(name, help=str(text))
            sub.add_argument("channel", choices=["email", "sms"])
            sub.add_argument("address")
            if name == "bounce":
                sub.add_argument("--reason", default="")

    def handle(self, *args, command, **options):
        try:
            if command == "retry":
                counts = actions.retry_due_deliveries(limit=max(options["limit"], 1))
                self.stdout.write(actions.retry_summary(counts))
            elif command == "status":
                for row in Delivery.objects.values("channel", "status").annotate(n=Count("id")).order_by(
                        "channel", "status"):
                    self.stdout.write(f"{Delivery(channel=row['channel']).get_channel_display()}\t"
                                      f"{Delivery(status=row['status']).get_status_display()}\t{row['n']}")
                self.stdout.write(_("退信地址：%(n)s 个") % {"n": BouncedAddress.objects.count()})
            elif command == "bounce":
                stopped = actions.mark_bounced(actor=COMMAND_LINE, channel=options["channel"],
                                               address=options["address"], reason=options["reason"])
                self.stdout.write(_("已标记为退信地址；停止发送 %(n)s 条待发送通知。") % {"n": stopped})
            else:
                cleared = actions.clear_bounce(actor=COMMAND_LINE, channel=options["channel"],
                                               address=options["address"])
                self.stdout.write(_("已清除退信标记。") if cleared else _("该地址没有退信标记。"))
        except ActionRefused as error:
            raise CommandError(error.message) from None
