"""The benchmarks tables."""

__all__: list[str] = []
