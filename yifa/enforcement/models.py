"""The enforcement module's tables, one file per part (Django finds them through this module)."""

from .benchmarks.models import *  # noqa: F403
from .cases.models import *  # noqa: F403
from .personnel.models import *  # noqa: F403
