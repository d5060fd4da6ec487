"""Response headers every answer carries: the Content-Security-Policy (django-csp,
with extra sources for the few paths that need them), the Permissions-Policy, and
the caching headers of answers that depend on who asks."""
