"""/api/v1/signals/ and /api/v1/bundles/: what a caller may see comes from
`cms.signals.selectors`, every write goes through `cms.signals.services`.

Refusals keep the one error format (`portal.api.errors`); the payloads are in
`serializers`, the list filters in `filters`, the endpoints in `views`.
"""

from cms.signals.api.filters import SignalFilter
from cms.signals.api.serializers import (
    AttachmentSerializer,
    AttachmentUploadSerializer,
    BundleEntrySerializer,
    BundleSerializer,
    ConsentSerializer,
    FindingSerializer,
    SignalEventSerializer,
    SignalGoalLinkSerializer,
    SignalSerializer,
    SignalWriteSerializer,
    TransitionSerializer,
)
from cms.signals.api.views import BundleViewSet, SignalViewSet

__all__ = [
    "AttachmentSerializer",
    "AttachmentUploadSerializer",
    "BundleEntrySerializer",
    "BundleSerializer",
    "BundleViewSet",
    "ConsentSerializer",
    "FindingSerializer",
    "SignalEventSerializer",
    "SignalFilter",
    "SignalGoalLinkSerializer",
    "SignalSerializer",
    "SignalViewSet",
    "SignalWriteSerializer",
    "TransitionSerializer",
    "register",
]


def register(router) -> None:
    """Put the signal endpoints on the /api/v1/ router."""
    router.register("signals", SignalViewSet, basename="signal")
    router.register("bundles", BundleViewSet, basename="bundle")
