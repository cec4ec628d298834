"""Staff API of the personnel part (mounted under /api/enforcement/)."""

from ninja import Router

router = Router(tags=["enforcement"])
