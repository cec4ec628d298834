"""Back-office screens: my notifications (the inbox), my notification settings, and the delivery log
(system administrators). Views parse, check and render; every write is an action from `actions`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from yifa.core.contact import mask_phone
from yifa.core.errors import ActionRefused
from yifa.core.masking import mask_email
from yifa.core.params import id_param

from . import actions, selectors
from .forms import PreferenceForm
from .kinds import Channel, EventKind
from .models import Delivery, Preference
from .policies import delivery_policy


class AdminPage(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "mail"

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]


class InboxView(AdminPage):
    template_name = "notifications/admin/inbox.html"
    page_title = gettext_lazy("我的通知")
    per_page = 30

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        show = "unread" if self.request.GET.get("show") == "unread" else "all"
        qs = selectors.inbox(self.request.user, unread_only=show == "unread")
        page = Paginator(qs, self.per_page).get_page(self.request.GET.get("p"))
        context.update(page_obj=page, notifications=page.object_list, show=show,
                       unread=selectors.unread_count(self.request.user))
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if "all" in request.POST:
            count = actions.mark_read(user=request.user)
        else:
            ids = [pk for pk in (id_param(value) for value in request.POST.getlist("id")) if pk]
            count = actions.mark_read(user=request.user, ids=ids)
        if count:
            messages.success(request, _("已将 %(n)s 条通知标为已读。") % {"n": count})
        return redirect(reverse("notifications_inbox") + ("?show=unread" if request.POST.get("show") == "unread" else ""))


def open_notification(request: HttpRequest, pk: int) -> HttpResponse:
    """Read it: mark it read and go to what it is about (the case screen), or back to the inbox."""
    notification = selectors.inbox(request.user).filter(pk=pk).first()
    if notification is None:
        raise Http404  # another person's notification does not exist for this user
    actions.mark_read(user=request.user, ids=[notification.pk])
    url = notification.url
    if url and url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        return redirect(url)
    return redirect("notifications_inbox")


class PreferenceView(AdminPage):
    template_name = "notifications/admin/preferences.html"
    page_title = gettext_lazy("通知设置")
    header_icon = "cog"

    def get_form(self) -> PreferenceForm:
        if self.request.method == "POST":
            return PreferenceForm(self.request.POST)
        user: Any = self.request.user
        preference = Preference.objects.filter(user=user).first()
        email = preference.email_kinds if preference else [kind for kind, channels in
                                                           actions.DEFAULT_CHANNELS.items() if Channel.EMAIL in channels]
        return PreferenceForm(initial={
            "email_kinds": email, "sms_kinds": preference.sms_kinds if preference else [],
            "mobile": preference.mobile if preference else "", "language": actions.user_language(user)})

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user: Any = self.request.user
        context.update(form=kwargs.get("form") or self.get_form(), account_email=user.email,
                       staff_mobile=actions.user_mobile(user, None), account_url=reverse("wagtailadmin_account"))
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.get_form()
        if form.is_valid():
            data = form.cleaned_data
            try:
                actions.save_preferences(actor=request.user, user=request.user, email_kinds=data["email_kinds"],
                                         sms_kinds=data["sms_kinds"], mobile=data["mobile"], language=data["language"])
            except ActionRefused as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(request, _("通知设置已保存。"))
                return redirect("notifications_preferences")
        return self.render_to_response(self.get_context_data(form=form))


STATUS_FILTERS = [("", gettext_lazy("全部状态")), ("retrying", gettext_lazy("重试中")), *Delivery.Status.choices]


class DeliveryLogView(AdminPage):
    template_name = "notifications/admin/deliveries.html"
    page_title = gettext_lazy("通知发送记录")
    header_icon = "list-ul"
    per_page = 50

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not delivery_policy.can(request.user, "view"):
            raise PermissionDenied(_("只有系统管理员可以查看通知发送记录。"))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        get = self.request.GET
        status = get.get("status", "")
        status = status if status in dict(STATUS_FILTERS) else ""
        channel = get.get("channel", "") if get.get("channel") in Channel.values else ""
        kind = get.get("kind", "") if get.get("kind") in EventKind.values else ""
        search = (get.get("q") or "").strip()[:60]
        qs = selectors.delivery_log(self.request.user, status="" if status == "retrying" else status,
                                    retrying=status == "retrying", channel=channel, kind=kind, search=search)
        page = Paginator(qs, self.per_page).get_page(get.get("p"))
        rows = [{"delivery": delivery, "address": shown_address(delivery)} for delivery in page.object_list]
        context.update(rows=rows, page_obj=page, status=status, channel=channel, kind=kind, q=search,
                       statuses=STATUS_FILTERS, channels=Channel.choices, kinds=EventKind.choices,
                       max_attempts=actions.max_attempts())
        return context


def shown_address(delivery: Delivery) -> str:
    """A citizen's address masked in the log (the log is for whether it went, not for reading it off)."""
    if delivery.notification.recipient_user_id is not None or not delivery.address:
        return delivery.address
    if delivery.channel == Channel.EMAIL:
        return mask_email(delivery.address)
    return mask_phone(delivery.address)
