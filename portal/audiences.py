"""The audiences now live in `portal.access.audiences`; this name stays importable
for content that declares an audience (`from portal.audiences import Audience`)."""

from portal.access.audiences import *  # noqa: F403
from portal.access.audiences import __all__  # noqa: F401
