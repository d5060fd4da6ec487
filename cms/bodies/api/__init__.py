"""/api/v1/bodies/, /api/v1/meetings/ and /api/v1/advice/: what a caller may see
comes from `portal.access.bodies`, every write on advice goes through
`cms.bodies.services`.

Refusals keep the one error format (`portal.api.errors`); the payloads are in
`serializers`, the list filters in `filters`, the endpoints in `views`.
"""

from cms.bodies.api.views import AdviceViewSet, BodyViewSet, MeetingViewSet

__all__ = ["AdviceViewSet", "BodyViewSet", "MeetingViewSet", "register"]


def register(router) -> None:
    """Put the bodies' endpoints on the /api/v1/ router."""
    router.register("bodies", BodyViewSet, basename="body")
    router.register("meetings", MeetingViewSet, basename="meeting")
    router.register("advice", AdviceViewSet, basename="advice")
