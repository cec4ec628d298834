"""Back-office viewsets whose lists, forms and writes all go through the model's policy and actions.

Wagtail's generic views check model-level permissions only; `ScopedModelViewSet` adds what yifa
needs: lists show only the records the user may see, an edit screen of another department's
record is a 404, and saving calls the model's action function (permission, transaction, audit).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.forms import modelform_factory
from django.http import Http404
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from yifa.core.errors import ActionRefused
from yifa.org.models import Department
from yifa.org.scoping import department_scope

WriteAction = Callable[..., Model]


class ScopedModelForm(WagtailAdminModelForm):
    """Offers only the departments the user works in (all of them for city-wide roles)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields.get("department")
        if field is not None and self.for_user is not None:
            scope = department_scope(self.for_user)
            if not scope.all_departments:
                field.queryset = Department.objects.filter(pk__in=scope.department_ids)  # type: ignore[attr-defined]


def _scoped(view: Any) -> QuerySet:
    return view.permission_policy.instances_user_has_permission_for(view.request.user, "view")


class _ActionSaveMixin:
    write_action: ClassVar[WriteAction | None] = None

    def save_instance(self) -> Model:
        action = type(self).write_action
        if action is None:
            raise ImproperlyConfiguredViewSet("ScopedModelViewSet needs write_action")
        try:
            return action(actor=self.request.user, instance=self.form.instance)  # type: ignore[attr-defined]
        except ValidationError as error:
            self.form.add_error(None, error)  # type: ignore[attr-defined]
            raise _FormRejected from error
        except ActionRefused as error:
            self.form.add_error(None, error.message)  # type: ignore[attr-defined]
            raise _FormRejected from error
        except PermissionDenied as error:
            self.form.add_error(None, str(error) or _("您没有权限执行此操作。"))  # type: ignore[attr-defined]
            raise _FormRejected from error

    def form_valid(self, form: Any) -> Any:
        try:
            return super().form_valid(form)  # type: ignore[misc]
        except _FormRejected:
            # The action refused: show the form again with its message; nothing was written.
            self.produced_error_message = self.get_error_message()  # type: ignore[attr-defined]
            return self.form_invalid(form)  # type: ignore[attr-defined]


class _FormRejected(Exception):
    pass


class ImproperlyConfiguredViewSet(Exception):
    pass


class ScopedIndexView(generic.IndexView):
    def get_base_queryset(self) -> QuerySet:
        return _scoped(self)


class ScopedCreateView(_ActionSaveMixin, generic.CreateView):
    pass


class ScopedEditView(_ActionSaveMixin, generic.EditView):
    def get_object(self, queryset: QuerySet | None = None) -> Model:
        obj = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(self.request.user, "view", obj):
            raise Http404  # another department's record does not exist for this user
        if not self.permission_policy.user_has_permission_for_instance(self.request.user, "change", obj):
            raise PermissionDenied
        return obj


class ScopedInspectView(generic.InspectView):
    def get_object(self, queryset: QuerySet | None = None) -> Model:
        obj = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(self.request.user, "view", obj):
            raise Http404
        return obj


class ScopedDeleteView(generic.DeleteView):
    delete_write_action: ClassVar[Callable[..., None] | None] = None

    def get_object(self, queryset: QuerySet | None = None) -> Model:
        obj = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(self.request.user, "delete", obj):
            raise Http404
        return obj

    def delete_action(self) -> None:
        action = type(self).delete_write_action
        if action is None:
            raise PermissionDenied
        action(actor=self.request.user, instance=self.object)


class ScopedModelViewSet(ModelViewSet):
    """Set `model`, `write_action(actor=, instance=)`, and optionally `delete_write_action`."""

    write_action: ClassVar[WriteAction | None] = None
    delete_write_action: ClassVar[Callable[..., None] | None] = None
    index_view_class = ScopedIndexView
    inspect_view_class = ScopedInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    # A second screen over a model under another policy than the model's registered one (机构公开信息 over
    # Department): Wagtail's views look the policy up by model, so the screen's views carry it themselves.
    screen_policy: ClassVar[Any] = None

    def _view_attrs(self, **attrs: Any) -> dict[str, Any]:
        if self.screen_policy is not None:
            attrs["permission_policy"] = self.screen_policy
        return attrs

    def get_form_class(self, for_update: bool = False) -> Any:
        # Wagtail builds a plain ModelForm from form_fields; ours knows the user, to scope choices.
        return modelform_factory(
            self.model,
            form=ScopedModelForm,
            formfield_callback=self.formfield_for_dbfield,
            fields=self.get_form_fields(),
        )


    @property
    def add_view_class(self) -> type:  # type: ignore[override]
        return type("CreateView", (ScopedCreateView,), self._view_attrs(write_action=staticmethod(self.write_action)))  # type: ignore[arg-type]

    @property
    def edit_view_class(self) -> type:  # type: ignore[override]
        return type("EditView", (ScopedEditView,), self._view_attrs(write_action=staticmethod(self.write_action)))  # type: ignore[arg-type]

    @property
    def delete_view_class(self) -> type:  # type: ignore[override]
        action = self.delete_write_action
        return type(
            "DeleteView", (ScopedDeleteView,), self._view_attrs(delete_write_action=staticmethod(action) if action else None)
        )
