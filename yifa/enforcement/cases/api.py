"""Staff API of the cases part (mounted under /api/enforcement/)."""

from ninja import Router

router = Router(tags=["enforcement"])
