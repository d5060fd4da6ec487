"""The viewsets of /api/v1/signals/ and /api/v1/bundles/: what a caller may see
comes from `cms.signals.selectors`, every write goes through `cms.signals.services`,
and an invisible signal answers 404."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from cms.selectors import goals_visible_to
from cms.signals import services
from cms.signals.api.filters import SignalFilter
from cms.signals.api.serializers import (
    AttachmentSerializer,
    AttachmentUploadSerializer,
    BundleSerializer,
    ConsentSerializer,
    SignalEventSerializer,
    SignalGoalLinkSerializer,
    SignalSerializer,
    SignalWriteSerializer,
    TransitionSerializer,
)
from cms.signals.selectors import (
    bundles_visible_to,
    goal_notes_hidden_from,
    signals_visible_to,
    timeline_of,
)
from portal.access.signals import may_link_signal_goals, signal_permissions
from portal.api.errors import call_service, invalid, validation_error_from_django
from portal.api.viewsets import PortalViewSet


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
    conflicts = True
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return (
            signals_visible_to(self.request.user)
            .select_related("organisation", "merged_into")
            .prefetch_related(
                "co_organisations",
                "life_domains",
                "target_groups",
                "social_rights",
                "goals",
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
        signal, _findings = call_service(
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
        signal, _findings = call_service(
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
        signal = call_service(
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
        attachment = call_service(
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
        permissions = signal_permissions(request.user, signal)
        if not permissions.can_see_timeline:
            self._require_sign_in()
            raise PermissionDenied("Alleen partners en medewerkers zien de tijdlijn.")
        events = list(timeline_of(signal))
        context = {
            "request": request,
            "sees_people": permissions.sees_people,
            "hidden_notes": goal_notes_hidden_from(request.user, events),
        }
        return Response(SignalEventSerializer(events, many=True, context=context).data)

    def _goal_linker_signal(self):
        """The signal, for a civil servant who may link it (401, 404, 403 first)."""
        self._require_sign_in()
        signal = self.get_object()
        if not may_link_signal_goals(self.request.user, signal):
            raise PermissionDenied(
                "Alleen medewerkers van het lokaal bestuur koppelen signalen aan "
                "doelstellingen."
            )
        return signal

    @extend_schema(
        summary="Link the signal to a goal (civil servants)",
        request=SignalGoalLinkSerializer,
        responses={200: SignalSerializer},
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def goals(self, request, pk=None, **kwargs):
        """Records the link on the signal's timeline. A goal of a plan the caller
        may not see is refused as `invalid`; a goal linked already as
        `already_linked`."""
        signal = self._goal_linker_signal()
        data = SignalGoalLinkSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        goal = goals_visible_to(request.user).filter(pk=data.validated_data["goal"])
        if not goal:
            raise invalid("goal", "Er is geen doelstelling met dit id.")
        call_service(
            services.signal_link_goals,
            signal=signal,
            goals=[goal.get()],
            user=request.user,
        )
        signal = self.get_queryset().get(pk=signal.pk)
        return Response(SignalSerializer(signal, context={"request": request}).data)

    @extend_schema(
        summary="Unlink the signal from a goal (civil servants)",
        request=None,
        responses={200: SignalSerializer},
    )
    @action(
        detail=True,
        methods=["delete"],
        url_path=r"goals/(?P<goal_id>[0-9]+)",
        url_name="goal",
        filterset_class=None,
    )
    def unlink_goal(self, request, pk=None, goal_id=None, **kwargs):
        """Records the unlinking on the signal's timeline; a goal that is not
        linked is refused as `not_linked`, one the caller may not see is 404."""
        signal = self._goal_linker_signal()
        goal = get_object_or_404(goals_visible_to(request.user), pk=goal_id)
        call_service(
            services.signal_unlink_goal, signal=signal, goal=goal, user=request.user
        )
        signal = self.get_queryset().get(pk=signal.pk)
        return Response(SignalSerializer(signal, context={"request": request}).data)

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
        signal = call_service(
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
