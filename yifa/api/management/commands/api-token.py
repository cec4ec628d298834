"""`yifa api-token USERNAME [--days N] [--name …]`: issue a staff API token and print it, once."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from yifa.api.actions import MAX_DAYS, issue_api_token
from yifa.audit.actors import COMMAND_LINE
from yifa.core.errors import ActionRefused


class Command(BaseCommand):
    help = "签发一个工作人员接口令牌并打印（只显示这一次）。令牌打印到标准输出，说明打印到标准错误。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="令牌代表的用户（用户名）")
        parser.add_argument("--days", type=int, default=None, help=f"有效天数（1–{MAX_DAYS}）；不填则在吊销前一直有效")
        parser.add_argument("--name", default="", help="用途，例如：统计报表脚本")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"]
        user = get_user_model()._default_manager.filter(username=username).first()
        if user is None:
            raise CommandError(_("没有用户名为“%(user)s”的用户。") % {"user": username})
        try:
            row, plaintext = issue_api_token(actor=COMMAND_LINE, user=user, days=options["days"], name=options["name"])
        except ActionRefused as error:
            raise CommandError(error.message) from error
        until = row.expires_at.strftime("%Y-%m-%d %H:%M %Z") if row.expires_at else _("吊销前一直有效")
        self.stderr.write(_("已为 %(user)s 签发接口令牌 %(prefix)s…（%(until)s）。令牌只显示这一次，请妥善保存：")
                          % {"user": username, "prefix": row.prefix, "until": until})
        self.stdout.write(plaintext)
