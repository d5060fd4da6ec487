"""OpenAPI schema hooks for drf-spectacular."""


def only_portal_api(endpoints):
    """Document /api/v1/ only: Wagtail's own DRF views (API v2, the admin's internal
    API) have their own documentation and do not describe themselves to OpenAPI."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
