"""/api/v1/signals/ and /api/v1/bundles/: what a caller may see comes from
`cms.signals.selectors`, every write goes through `cms.signals.services`.

Refusals keep the one error format: a step the table does not allow from the current
state, or an edit of an older version, answers 409 (`invalid_transition`, `stale`);
other refusals 400 with their own code (`personal_data`, `not_editable`, ...) or
`invalid` with the fields; who may not act gets 403, an invisible signal 404.
"""

import django_filters
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, NotAuthenticated, PermissionDenied
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from cms.api import OrganisationRefSerializer, PortalViewSet, TaxonomyFilterSet
from cms.models import LifeDomain, SocialRight, TargetGroup
from cms.signals import services
from cms.signals.lifecycle import Actor, actors_for, allowed_transitions
from cms.signals.models import (
    Frequency,
    Signal,
    SignalAttachment,
    SignalBundlePage,
    SignalEvent,
    SignalState,
)
from cms.signals.privacy import describe
from cms.signals.selectors import (
    bundles_visible_to,
    signals_visible_to,
    timeline_of,
)
from portal.api.errors import validation_error_from_django
from portal.audiences import is_partner, is_staff_member
from portal.models import Organisation


class SignalConflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"
    default_detail = "Dit kan niet in de huidige toestand van het signaal."


class SignalRefused(APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "refused"
    default_detail = "Dit kan niet."


CONFLICT_CODES = {"invalid_transition", "stale"}


def api_error(error: Exception) -> APIException:
    """A service's refusal in the API's terms."""
    if isinstance(error, DjangoPermissionDenied):
        return PermissionDenied(str(error) or None)
    assert isinstance(error, DjangoValidationError)
    if hasattr(error, "error_dict"):
        return validation_error_from_django(error)
    code = getattr(error, "code", None) or "refused"
    cls = SignalConflict if code in CONFLICT_CODES else SignalRefused
    return cls(detail=" ".join(error.messages), code=code)


def _call(service, **kwargs):
    try:
        return service(**kwargs)
    except (DjangoPermissionDenied, DjangoValidationError) as error:
        raise api_error(error) from error


# Serializers.


def _slugs(model):
    return serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=model.objects.all(), required=False
    )


class FindingSerializer(serializers.Serializer):
    kind = serializers.CharField()
    field = serializers.CharField()
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    message = serializers.CharField()


class AttachmentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(
        error_messages={
            "required": "Kies een bestand.",
            "invalid": "Dit is geen bestand.",
            "empty": "Het bestand is leeg.",
        }
    )


class AttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = SignalAttachment
        fields = ["id", "filename", "size", "url"]

    def get_url(self, attachment) -> str:
        return attachment.get_absolute_url()


class SignalSerializer(serializers.ModelSerializer):
    """A signal as the caller may see it; the author is never published."""

    organisation = OrganisationRefSerializer(read_only=True)
    co_organisations = OrganisationRefSerializer(many=True, read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    life_domains = _slugs(LifeDomain)
    target_groups = _slugs(TargetGroup)
    social_rights = _slugs(SocialRight)
    merged_into = serializers.SlugRelatedField(slug_field="reference", read_only=True)
    allowed_transitions = serializers.SerializerMethodField()
    privacy_findings = serializers.SerializerMethodField()

    class Meta:
        model = Signal
        fields = [
            "id",
            "reference",
            "title",
            "description",
            "affected",
            "target_groups",
            "life_domains",
            "social_rights",
            "region",
            "observed_since",
            "frequency",
            "example",
            "causes",
            "organisation",
            "co_organisations",
            "state",
            "state_label",
            "version",
            "consent_given",
            "merged_into",
            "addressee",
            "answer",
            "answered_on",
            "created_at",
            "updated_at",
            "allowed_transitions",
            "privacy_findings",
        ]
        read_only_fields = [
            "reference",
            "state",
            "version",
            "consent_given",
            "addressee",
            "answer",
            "answered_on",
        ]

    def _user(self):
        request = self.context.get("request")
        return getattr(request, "user", None)

    def get_allowed_transitions(self, signal) -> list[str]:
        """The states the caller may move this signal to now."""
        return allowed_transitions(self._user(), signal)

    def get_privacy_findings(self, signal) -> list[dict]:
        """Personal data still in the texts (shown to the organisation and the
        signal coordinators only)."""
        actors = actors_for(self._user(), signal)
        if not actors & {Actor.ORGANISATION, Actor.SIGNAL_COORDINATOR}:
            return []
        names = {f.name: str(f.verbose_name) for f in Signal._meta.fields}
        return [
            {
                "kind": str(finding.kind),
                "field": finding.field,
                "start": finding.start,
                "end": finding.end,
                "message": describe(finding, names),
            }
            for finding in services.privacy_findings(signal)
        ]


class SignalWriteSerializer(serializers.ModelSerializer):
    """A new draft or an edit: the texts and vocabularies; `organisation` on create,
    `version` (the version the edit starts from) on an edit."""

    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False
    )
    life_domains = _slugs(LifeDomain)
    target_groups = _slugs(TargetGroup)
    social_rights = _slugs(SocialRight)
    frequency = serializers.ChoiceField(
        choices=Frequency.choices, required=False, allow_blank=True
    )
    version = serializers.IntegerField(required=False)

    class Meta:
        model = Signal
        fields = [
            "organisation",
            "title",
            "description",
            "affected",
            "target_groups",
            "life_domains",
            "social_rights",
            "region",
            "observed_since",
            "frequency",
            "example",
            "causes",
            "version",
        ]


class TransitionSerializer(serializers.Serializer):
    to = serializers.CharField(
        help_text="The state to move to (one of the signal states, see `state`)."
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False)
    merged_into = serializers.CharField(
        required=False, help_text="Reference of the signal this one merges into."
    )
    answered_on = serializers.DateField(
        required=False, help_text="Date of the policy response (with `answered`)."
    )


class ConsentSerializer(serializers.Serializer):
    consent = serializers.BooleanField(help_text="true gives consent, false withdraws.")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class SignalEventSerializer(serializers.ModelSerializer):
    actor = serializers.SerializerMethodField()
    organisation = OrganisationRefSerializer(read_only=True)
    # Plain strings: the states are described once, by the signal's `state`.
    from_state = serializers.CharField(read_only=True)
    to_state = serializers.CharField(read_only=True)

    class Meta:
        model = SignalEvent
        fields = [
            "id",
            "kind",
            "created_at",
            "actor",
            "organisation",
            "from_state",
            "to_state",
            "note",
        ]

    def get_actor(self, event) -> str:
        return event.actor.get_full_name() if event.actor else ""


class BundleEntrySerializer(serializers.Serializer):
    signal = SignalSerializer()
    analysis = serializers.CharField()
    recommendation = serializers.CharField()


class BundleSerializer(serializers.ModelSerializer):
    url = serializers.CharField(read_only=True)
    signals = serializers.SerializerMethodField()

    class Meta:
        model = SignalBundlePage
        fields = [
            "id",
            "title",
            "url",
            "edition",
            "introduction",
            "analysis",
            "policy_responses",
            "signals",
        ]

    def get_signals(self, page) -> list[dict]:
        """The bundle's signals the caller may see."""
        request = self.context.get("request")
        entries = page.entries_visible_to(getattr(request, "user", None))
        return BundleEntrySerializer(entries, many=True, context=self.context).data


# Filters and viewsets.


class SignalFilter(TaxonomyFilterSet):
    state = django_filters.ChoiceFilter(choices=SignalState.choices)
    organisation = django_filters.NumberFilter(
        method="filter_organisation", label="Id of a carrying organisation."
    )
    year = django_filters.NumberFilter(
        field_name="created_at__year", label="Year the signal was raised."
    )

    class Meta:
        model = Signal
        fields = ["state", "life_domain", "target_group", "organisation", "year"]

    def filter_organisation(self, queryset, name, value):
        return queryset.filter(
            Q(organisation_id=value) | Q(co_organisations=value)
        ).distinct()


@extend_schema_view(
    list=extend_schema(summary="Signals the caller may see"),
    retrieve=extend_schema(summary="One signal"),
    create=extend_schema(
        summary="Raise a signal (as a draft)",
        request=SignalWriteSerializer,
        responses={201: SignalSerializer},
    ),
    partial_update=extend_schema(
        summary="Edit a draft or returned signal",
        request=SignalWriteSerializer,
        responses={200: SignalSerializer},
    ),
)
class SignalViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    PortalViewSet,
):
    serializer_class = SignalSerializer
    filterset_class = SignalFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return (
            signals_visible_to(self.request.user)
            .select_related("organisation", "merged_into")
            .prefetch_related(
                "co_organisations", "life_domains", "target_groups", "social_rights"
            )
            .order_by("-created_at", "-pk")
        )

    def _require_sign_in(self):
        if not self.request.user.is_authenticated:
            raise NotAuthenticated

    def create(self, request, *args, **kwargs):
        self._require_sign_in()
        data = SignalWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        fields.pop("version", None)
        organisation = fields.pop("organisation", None)
        if organisation is None:
            raise validation_error_from_django(
                DjangoValidationError({"organisation": ["Kies een organisatie."]})
            )
        signal, _findings = _call(
            services.signal_create, by=request.user, organisation=organisation, **fields
        )
        return Response(
            SignalSerializer(signal, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )

    def partial_update(self, request, pk=None, **kwargs):
        self._require_sign_in()
        signal = self.get_object()
        data = SignalWriteSerializer(signal, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        fields.pop("organisation", None)
        version = fields.pop("version", None)
        signal, _findings = _call(
            services.signal_update,
            signal=signal,
            by=request.user,
            version=version,
            **fields,
        )
        return Response(SignalSerializer(signal, context={"request": request}).data)

    @extend_schema(
        summary="Move a signal to another state",
        request=TransitionSerializer,
        responses={200: SignalSerializer},
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def transitions(self, request, pk=None, **kwargs):
        self._require_sign_in()
        signal = self.get_object()
        data = TransitionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        reference = values.pop("merged_into", None)
        target = None
        if reference:
            target = self.get_queryset().filter(reference__iexact=reference).first()
            if target is None:
                raise validation_error_from_django(
                    DjangoValidationError(
                        {"merged_into": ["Er is geen signaal met die referentie."]}
                    )
                )
        signal = _call(
            services.signal_transition,
            signal=signal,
            by=request.user,
            merged_into=target,
            **values,
        )
        return Response(SignalSerializer(signal, context={"request": request}).data)

    @extend_schema(
        summary="Add a file to a draft or returned signal (its organisation only)",
        request={"multipart/form-data": AttachmentUploadSerializer},
        responses={201: AttachmentSerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        filterset_class=None,
        parser_classes=[MultiPartParser],
    )
    def attachments(self, request, pk=None, **kwargs):
        """Type and size are checked by the service, as in the portal; a refused
        file is reported under `fields.attachments` and nothing is stored."""
        self._require_sign_in()
        signal = self.get_object()
        data = AttachmentUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        attachment = _call(
            services.signal_attach,
            signal=signal,
            by=request.user,
            file=data.validated_data["file"],
        )
        return Response(
            AttachmentSerializer(attachment, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        summary="The signal's timeline (signed-in partners and civil servants)",
        responses={200: SignalEventSerializer(many=True)},
    )
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None)
    def timeline(self, request, pk=None, **kwargs):
        signal = self.get_object()
        user = request.user
        if not (actors_for(user, signal) or is_partner(user) or is_staff_member(user)):
            self._require_sign_in()
            raise PermissionDenied("Alleen partners en medewerkers zien de tijdlijn.")
        events = timeline_of(signal)
        return Response(SignalEventSerializer(events, many=True).data)

    @extend_schema(
        summary="Give or withdraw the organisation's consent to publish",
        request=ConsentSerializer,
        responses={200: SignalSerializer},
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def consent(self, request, pk=None, **kwargs):
        self._require_sign_in()
        signal = self.get_object()
        data = ConsentSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        service = (
            services.signal_consent_give
            if data.validated_data["consent"]
            else services.signal_consent_withdraw
        )
        signal = _call(
            service, signal=signal, by=request.user, note=data.validated_data["note"]
        )
        return Response(SignalSerializer(signal, context={"request": request}).data)


@extend_schema_view(
    list=extend_schema(summary="Signal bundles the caller may see"),
    retrieve=extend_schema(summary="One signal bundle, with its visible signals"),
)
class BundleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, PortalViewSet):
    serializer_class = BundleSerializer
    filter_backends: list = []

    def get_queryset(self):
        return bundles_visible_to(self.request.user).order_by("-first_published_at")


def register(router) -> None:
    """Put this module's endpoints on the /api/v1/ router."""
    router.register("signals", SignalViewSet, basename="signal")
    router.register("bundles", BundleViewSet, basename="bundle")
