"""Staff API of the benchmarks part (mounted under /api/enforcement/)."""

from ninja import Router

router = Router(tags=["enforcement"])
