"""Public pages of the cases part."""

urlpatterns: list = []
