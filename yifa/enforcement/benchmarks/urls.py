"""Public pages of the benchmarks part."""

urlpatterns: list = []
