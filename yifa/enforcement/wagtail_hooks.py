"""The enforcement back office: each part registers its own menu and screens."""

from .benchmarks import wagtail_hooks as benchmarks_hooks  # noqa: F401
