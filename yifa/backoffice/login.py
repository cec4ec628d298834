"""The back office's login form: says when an account must wait (yifa.backoffice.login_throttle)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from .login_throttle import wait_seconds


class LoginForm(WagtailLoginForm):
    def get_invalid_login_error(self) -> forms.ValidationError:
        wait = wait_seconds(self.cleaned_data.get("username") or "")
        if wait > 0:
            return forms.ValidationError(
                _("该账户近一小时登录失败次数过多，请 %(minutes)s 分钟后再试；如非本人操作，请联系系统管理员。")
                % {"minutes": max(1, -(-wait // 60))}, code="throttled")
        return super().get_invalid_login_error()
