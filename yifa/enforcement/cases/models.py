"""The cases tables."""

__all__: list[str] = []
