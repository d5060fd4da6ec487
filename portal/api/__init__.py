"""The JSON APIs: the portal's REST API at /api/v1/ and Wagtail's API v2 at /api/v2/,
both behind the access rules of `portal.access`."""
