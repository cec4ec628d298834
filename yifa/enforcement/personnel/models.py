"""The personnel tables."""

__all__: list[str] = []
