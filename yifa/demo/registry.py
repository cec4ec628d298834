"""Modules register demo loaders here; `yifa demo` runs them in order. Every loader is idempotent."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DemoLoader:
    name: str
    order: int
    load: Callable[[], str | None]  # returns a one-line summary for the console


_LOADERS: dict[str, DemoLoader] = {}


def register_demo_loader(name: str, order: int) -> Callable[[Callable[[], str | None]], Callable[[], str | None]]:
    """Decorator: `@register_demo_loader("org", order=10)`. Lower orders load first (org before cases)."""

    def decorator(func: Callable[[], str | None]) -> Callable[[], str | None]:
        _LOADERS[name] = DemoLoader(name=name, order=order, load=func)
        return func

    return decorator


def demo_loaders() -> list[DemoLoader]:
    return sorted(_LOADERS.values(), key=lambda loader: (loader.order, loader.name))
