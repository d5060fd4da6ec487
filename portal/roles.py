"""Roles and doors now live in `portal.access.roles`; this name stays importable."""

from portal.access.roles import *  # noqa: F403
from portal.access.roles import __all__  # noqa: F401
