"""Public pages of the personnel part."""

urlpatterns: list = []
