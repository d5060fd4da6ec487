"""OpenAPI schema hooks for drf-spectacular."""

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent, build_choice_field
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

from portal.api.errors import ErrorSerializer


def only_portal_api(endpoints):
    """Document /api/v1/ only: Wagtail's own DRF views (API v2, the admin's internal
    API) have their own documentation and do not describe themselves to OpenAPI."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


ERROR_DESCRIPTIONS = {
    "400": "Invalid input, filter value or id (`invalid`, with `fields`), or a "
    "refusal with its own code.",
    "401": "Not signed in, or an unknown or expired session token.",
    "403": "Signed in, but not allowed (`permission_denied`, `mfa_required`).",
    "404": "Does not exist, or is not visible to the caller.",
    "409": "Not possible in the object's current state (`invalid_transition`), or "
    "the edit starts from an older version (`stale`).",
    "429": "Too many requests (`throttled`); see the `Retry-After` header.",
}


class PortalAutoSchema(AutoSchema):
    """drf-spectacular's schema, plus the error answers every operation can give,
    all in the one error format of `portal.api.errors`."""

    def _has_query_parameters(self) -> bool:
        return bool(
            self._get_filter_parameters()
            or self.get_override_parameters()
            or self._get_pagination_parameters()
        )

    def _error_codes(self) -> list[str]:
        codes = ["401", "403", "429"]  # 401: also a bad token on a public route
        writes = self.method in ("POST", "PUT", "PATCH")
        detail = "{" in self.path  # an id that is no 64-bit number is a 400
        if writes or detail or self._has_query_parameters() or self._is_list_view():
            codes.append("400")
        if detail or self._is_list_view():  # detail, or a page too far
            codes.append("404")
        if writes and detail and getattr(self.view, "conflicts", False):
            codes.append("409")
        return sorted(codes)

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code in self._error_codes():
            responses.setdefault(
                code,
                self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, ERROR_DESCRIPTIONS[code]), code
                ),
            )
        if self._has_query_parameters():
            # Answered by the web server in front (gunicorn: a request line past
            # 4094 bytes), before the API sees the request: no body of ours.
            responses.setdefault(
                "414",
                {"description": "The address is too long for the web server."},
            )
        return responses


class NamedChoiceField(serializers.ChoiceField):
    """A choice field whose choices are one named enum in the schema
    (`enum_name`), shared by every serializer that uses it. drf-spectacular
    otherwise names enums after the field, and two `status` fields with different
    choices collide."""

    def __init__(self, *, enum_name: str, **kwargs):
        self.enum_name = enum_name
        super().__init__(**kwargs)


class NamedChoiceFieldExtension(OpenApiSerializerFieldExtension):
    target_class = NamedChoiceField

    def map_serializer_field(self, auto_schema, direction):
        field = self.target
        component = ResolvedComponent(
            name=field.enum_name,
            type=ResolvedComponent.SCHEMA,
            object=field.enum_name,
            schema=build_choice_field(field),
        )
        auto_schema.registry.register_on_missing(component)
        return component.ref
