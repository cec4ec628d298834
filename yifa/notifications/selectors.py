"""Reading notifications: a person's own inbox, and the delivery log (system administrators only)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .models import Delivery, Notification
from .policies import delivery_policy


def inbox(user: Any, *, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's own notifications, newest first; nobody else's, whatever their role."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    qs = Notification.objects.filter(recipient_user=user)
    return qs.filter(read_at__isnull=True) if unread_only else qs


def unread_count(user: Any) -> int:
    return inbox(user, unread_only=True).count()


def delivery_log(user: Any, *, status: str = "", channel: str = "", kind: str = "", search: str = "",
                 retrying: bool = False) -> QuerySet[Delivery]:
    """Every delivery the user may see (system administrators: all), newest first, filtered."""
    qs = delivery_policy.instances_user_has_permission_for(user, "view").select_related("notification")
    if status:
        qs = qs.filter(status=status)
    if retrying:
        qs = qs.filter(status=Delivery.Status.QUEUED, attempts__gt=0)
    if channel:
        qs = qs.filter(channel=channel)
    if kind:
        qs = qs.filter(notification__kind=kind)
    search = search.strip()[:60]
    if search:
        qs = qs.filter(notification__target_repr__icontains=search) | qs.filter(
            notification__recipient_label__icontains=search)
    return qs.order_by("-created_at", "-id")
