"""Who may read the delivery log and mark addresses bounced: the system administrators. Each person reads
their own inbox (selectors.inbox); nobody reads another's."""

from __future__ import annotations

from yifa.org.models import Role
from yifa.org.policies import DepartmentScopedPolicy

from .models import Delivery


class DeliveryPolicy(DepartmentScopedPolicy):
    model = Delivery
    department_path = "notification__department"
    rules = {
        "view": frozenset({Role.SYSTEM_ADMIN}),
        "add": frozenset(),
        "change": frozenset({Role.SYSTEM_ADMIN}),
        "delete": frozenset(),
    }


delivery_policy = DeliveryPolicy(Delivery)
