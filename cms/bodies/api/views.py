"""The viewsets of /api/v1/bodies/, /api/v1/meetings/ and /api/v1/advice/: what a
caller may see comes from `portal.access.bodies`, every write on advice goes
through `cms.bodies.services`, and an invisible body, meeting or advice answers
404 (on a write naming a body, a 400 on `body`, as for one that does not exist)."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response

from cms.bodies import services
from cms.bodies.api.filters import AdviceFilter, MeetingFilter
from cms.bodies.api.serializers import (
    AdviceAnswerSerializer,
    AdviceCreateSerializer,
    AdviceDetailSerializer,
    AdviceEditSerializer,
    AdviceEventSerializer,
    AdviceExtensionSerializer,
    AdvicePublicationSerializer,
    AdviceSerializer,
    AdviceTransitionSerializer,
    AnswerStatusUpdateSerializer,
    AnswerStatusUpdateWriteSerializer,
    BodyDetailSerializer,
    BodySerializer,
    MeetingDetailSerializer,
    MeetingSerializer,
)
from cms.bodies.models import Advice, AdviceKind, Body, Meeting
from cms.bodies.selectors import overdue_advice
from portal.access.bodies import (
    advice_permissions,
    advice_visible_to,
    bodies_visible_to,
    meetings_visible_to,
)
from portal.api.errors import call_service, invalid, service_error
from portal.api.viewsets import PortalViewSet, ReadOnlyPortalViewSet


def flat_errors(detail, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested validation errors (a list of answers, a list of texts) as the
    one error format's flat `fields`: `answers.1.reason`, `recommendations.0`."""
    if isinstance(detail, dict):
        fields = {}
        for key, value in detail.items():
            fields.update(flat_errors(value, f"{prefix}{key}."))
        return fields
    if isinstance(detail, list) and any(isinstance(v, dict | list) for v in detail):
        fields = {}
        for index, value in enumerate(detail):
            if value:
                fields.update(flat_errors(value, f"{prefix}{index}."))
        return fields
    messages = detail if isinstance(detail, list) else [detail]
    return {prefix.rstrip(".") or "non_field_errors": [str(m) for m in messages]}


def validated(serializer_class, data) -> dict:
    """The request body checked by `serializer_class`, or a 400 naming each field."""
    serializer = serializer_class(data=data)
    if not serializer.is_valid():
        raise ApiValidationError(flat_errors(serializer.errors))
    return serializer.validated_data


def _require_sign_in(request) -> None:
    if not request.user.is_authenticated:
        raise NotAuthenticated


@extend_schema_view(
    list=extend_schema(summary="Bodies the caller may see"),
    retrieve=extend_schema(
        summary="One body, with its seats and the meetings the caller may see",
        responses={200: BodyDetailSerializer},
    ),
)
class BodyViewSet(ReadOnlyPortalViewSet):
    serializer_class = BodySerializer
    filter_backends: list = []

    def get_queryset(self):
        return bodies_visible_to(
            self.request.user,
            Body.objects.select_related("contact_civil_servant").prefetch_related(
                "life_domains", "target_groups"
            ),
        ).order_by("name", "pk")

    def get_serializer_class(self):
        return BodyDetailSerializer if self.action == "retrieve" else BodySerializer


@extend_schema_view(
    list=extend_schema(summary="Meetings the caller may see"),
    retrieve=extend_schema(
        summary="One meeting, with its agenda; minutes and attendance when the "
        "caller may read them",
        responses={200: MeetingDetailSerializer},
    ),
)
class MeetingViewSet(ReadOnlyPortalViewSet):
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter

    def get_queryset(self):
        return meetings_visible_to(
            self.request.user, Meeting.objects.select_related("body")
        ).order_by("-starts_at", "pk")

    def get_serializer_class(self):
        if self.action == "retrieve":
            return MeetingDetailSerializer
        return MeetingSerializer


@extend_schema_view(
    list=extend_schema(summary="Advice the caller may see"),
    retrieve=extend_schema(
        summary="One advice, with its terms, recommendations and answers",
        responses={200: AdviceDetailSerializer},
    ),
    create=extend_schema(
        summary="Ask a body for advice (civil servants), or start one on the "
        "body's own initiative (its chair or secretary)",
        request=AdviceCreateSerializer,
        responses={201: AdviceDetailSerializer},
    ),
    partial_update=extend_schema(
        summary="Write the advice's text and recommendations (the body's chair or "
        "secretary, while it is in preparation)",
        request=AdviceEditSerializer,
        responses={200: AdviceDetailSerializer},
    ),
)
class AdviceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, PortalViewSet):
    serializer_class = AdviceSerializer
    filterset_class = AdviceFilter
    conflicts = True
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        late = overdue_advice(
            timezone.localdate(), Advice.objects.filter(pk=OuterRef("pk"))
        )
        return (
            advice_visible_to(self.request.user, Advice.objects.select_related("body"))
            .annotate(is_overdue=Exists(late))
            .order_by("-created_at", "-pk")
        )

    def get_serializer_class(self):
        return AdviceSerializer if self.action == "list" else AdviceDetailSerializer

    def _detail(self, advice: Advice, code: int = status.HTTP_200_OK) -> Response:
        context = {"request": self.request}
        return Response(AdviceDetailSerializer(advice, context=context).data, code)

    def create(self, request, *args, **kwargs):
        _require_sign_in(request)
        data = validated(AdviceCreateSerializer, request.data)
        body = (
            bodies_visible_to(request.user, Body.objects.all())
            .filter(pk=data["body"])
            .first()
        )
        if body is None:
            raise invalid("body", "Er is geen orgaan met dit id.")
        if data["kind"] == AdviceKind.REQUEST:
            advice = call_service(
                services.advice_request,
                body=body,
                by=request.user,
                title=data["title"],
                question=data["question"],
                asked_on=data.get("asked_on"),
                urgent=data["urgent"],
            )
        else:
            advice = call_service(
                services.advice_create_own_initiative,
                body=body,
                by=request.user,
                title=data["title"],
                question=data["question"],
            )
        return self._detail(advice, status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None, **kwargs):
        _require_sign_in(request)
        advice = self.get_object()
        data = validated(AdviceEditSerializer, request.data)
        advice = call_service(
            services.advice_edit,
            advice=advice,
            by=request.user,
            text=data.get("text"),
            recommendations=data.get("recommendations"),
            version=data.get("version"),
        )
        return self._detail(advice)

    @extend_schema(
        summary="Move an advice to another state",
        request=AdviceTransitionSerializer,
        responses={200: AdviceDetailSerializer},
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def transitions(self, request, pk=None, **kwargs):
        _require_sign_in(request)
        advice = self.get_object()
        data = validated(AdviceTransitionSerializer, request.data)
        advice = call_service(
            services.advice_transition,
            advice=advice,
            by=request.user,
            to=data["to"],
            note=data["note"],
            version=data.get("version"),
        )
        return self._detail(advice)

    @extend_schema(
        summary="Record the town's answer to one recommendation, or to several at "
        "once (`answers`, all or nothing)",
        request=AdviceAnswerSerializer,
        responses={200: AdviceDetailSerializer},
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def answer(self, request, pk=None, **kwargs):
        """Per recommendation: `taken_over`, `partly` or `not_taken_over`, the last
        two with a `reason`. With `answers`, one refused answer saves none of
        them; its errors are named `answers.<index>.<field>`. `version` is the
        advice's version before the first answer."""
        _require_sign_in(request)
        advice = self.get_object()
        data = validated(AdviceAnswerSerializer, request.data)
        one = "answers" not in request.data
        with transaction.atomic():
            for index, item in enumerate(data["answers"]):
                prefix = "" if one else f"answers.{index}."
                self._answer(
                    advice,
                    item,
                    version=data.get("version") if index == 0 else None,
                    prefix=prefix,
                )
        advice.refresh_from_db()
        return self._detail(advice)

    def _answer(self, advice: Advice, item: dict, *, version, prefix: str) -> None:
        if "recommendation" in item:
            field, lookup = "recommendation", {"pk": item["recommendation"]}
        else:
            field, lookup = "number", {"number": item["number"]}
        recommendation = advice.recommendations.filter(**lookup).first()
        if recommendation is None:
            raise invalid(prefix + field, "Dit advies heeft geen zo'n aanbeveling.")
        try:
            services.advice_answer(
                recommendation=recommendation,
                by=self.request.user,
                answer=item["answer"],
                reason=item.get("reason", ""),
                version=version,
            )
        except DjangoValidationError as error:
            if hasattr(error, "error_dict"):
                names = {"answer_reason": "reason"}
                raise ApiValidationError(
                    {
                        prefix + names.get(name, name): messages
                        for name, messages in error.message_dict.items()
                    }
                ) from error
            raise service_error(error) from error
        except DjangoPermissionDenied as error:
            raise service_error(error) from error

    @extend_schema(
        summary="Extend the body's term, as agreed with the town (civil servants)",
        request=AdviceExtensionSerializer,
        responses={200: AdviceDetailSerializer},
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def extension(self, request, pk=None, **kwargs):
        _require_sign_in(request)
        advice = self.get_object()
        data = validated(AdviceExtensionSerializer, request.data)
        advice = call_service(
            services.advice_extend,
            advice=advice,
            by=request.user,
            until=data["until"],
            reason=data["reason"],
            version=data.get("version"),
        )
        return self._detail(advice)

    @extend_schema(
        summary="Make an adopted advice public, or no longer public (the body's "
        "chair or secretary)",
        request=AdvicePublicationSerializer,
        responses={200: AdviceDetailSerializer},
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def publication(self, request, pk=None, **kwargs):
        _require_sign_in(request)
        advice = self.get_object()
        data = validated(AdvicePublicationSerializer, request.data)
        advice = call_service(
            services.advice_publish,
            advice=advice,
            by=request.user,
            published=data["published"],
            version=data.get("version"),
        )
        return self._detail(advice)

    @extend_schema(
        summary="Tell the body how far the town's answer has come (civil servants)",
        request=AnswerStatusUpdateWriteSerializer,
        responses={201: AnswerStatusUpdateSerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        filterset_class=None,
        url_path="status-updates",
        url_name="status-updates",
    )
    def status_updates(self, request, pk=None, **kwargs):
        _require_sign_in(request)
        advice = self.get_object()
        data = validated(AnswerStatusUpdateWriteSerializer, request.data)
        update = call_service(
            services.advice_report_status,
            advice=advice,
            by=request.user,
            text=data["text"],
            date=data.get("date"),
        )
        return Response(
            AnswerStatusUpdateSerializer(update, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        summary="The advice's timeline (the body's members and civil servants)",
        responses={200: AdviceEventSerializer(many=True)},
    )
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None)
    def timeline(self, request, pk=None, **kwargs):
        advice = self.get_object()
        if not advice_permissions(request.user, advice).can_view_internal:
            _require_sign_in(request)
            raise PermissionDenied(
                "Alleen de leden van het orgaan en het lokaal bestuur zien de "
                "tijdlijn van een advies."
            )
        events = advice.events.select_related("actor").order_by("created_at", "pk")
        return Response(
            AdviceEventSerializer(events, many=True, context={"request": request}).data
        )
