"""GET /api/v1/plans/{id}/report/: a plan's yearly report or its evaluation, as
JSON, PDF or CSV.

A viewset of its own on the plans' prefix (rather than an action of
`cms.api.plans.PlanViewSet`): `cms.api` is shared by the signals and bodies APIs,
which may not reach the follow-up layer above them.

`format` is DRF's format override: the action's renderers make `format=pdf` an
`application/pdf` answer and `format=csv` a `text/csv` one. An error is always
told in JSON, in the API's one error format.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from cms.followup import exports
from cms.followup.engine import check_report_year, figures_of
from cms.followup.models import PlanReport
from cms.followup.selectors import report_for
from cms.selectors import plans_visible_to
from portal.api.errors import invalid
from portal.api.schema import NamedChoiceField
from portal.api.viewsets import PortalViewSet
from portal.files import patch_audience_headers

NOT_FOUND = "Er is geen verslag dat je mag zien."


class PlanReportSerializer(serializers.ModelSerializer):
    """A yearly report or the evaluation, with its figures: frozen once published,
    computed at the request while a draft (see `cms.followup.engine`)."""

    plan = serializers.IntegerField(source="plan_id")
    kind = NamedChoiceField(
        choices=PlanReport.Kind.choices, enum_name="PlanReportKindEnum"
    )
    status = NamedChoiceField(
        choices=PlanReport.Status.choices, enum_name="PlanReportStatusEnum"
    )
    title = serializers.SerializerMethodField()
    web_url = serializers.SerializerMethodField()
    figures = serializers.SerializerMethodField()

    class Meta:
        model = PlanReport
        fields = [
            "id",
            "plan",
            "kind",
            "year",
            "status",
            "title",
            "introduction",
            "conclusions",
            "published_at",
            "web_url",
            "figures",
        ]

    def get_title(self, report) -> str:
        return exports.report_title(report)

    def get_web_url(self, report) -> str:
        """The report's page on the portal."""
        request = self.context.get("request")
        url = report.get_absolute_url()
        return request.build_absolute_uri(url) if request else url

    def get_figures(self, report) -> dict:
        """Goals, budget, indicators, signals and advice of the period (the
        engine's dict, see `cms.followup.engine`)."""
        return self.context["figures"]


class PDFRenderer(BaseRenderer):
    """`format=pdf`: the PDF's bytes, made by the view."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class CSVRenderer(BaseRenderer):
    """`format=csv`: the CSV text, made by the view."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data.encode(self.charset) if isinstance(data, str) else data


def report_year(query_params, plan) -> int | None:
    """The year asked for; None for the evaluation (`kind=evaluation`, or no
    year). A year that is no number or outside the plan is a 400."""
    kind = query_params.get("kind", "")
    if kind not in ("", *PlanReport.Kind.values):
        raise invalid("kind", "Kies year of evaluation.")
    text = query_params.get("year", "").strip()
    if kind == PlanReport.Kind.EVALUATION or (not text and not kind):
        return None
    if not text.isdigit():
        raise invalid("year", "Geef een jaar als getal, bijvoorbeeld 2026.")
    try:
        check_report_year(plan, int(text))
    except DjangoValidationError as error:
        raise invalid("year", " ".join(error.messages)) from error
    return int(text)


class PlanReportViewSet(PortalViewSet):
    serializer_class = PlanReportSerializer
    pagination_class = None

    def get_queryset(self):
        return plans_visible_to(self.request.user)

    def handle_exception(self, exc):
        # An error is told in JSON, also when a PDF or CSV was asked for.
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)

    @extend_schema(
        summary="A plan's yearly report or its evaluation, as JSON, PDF or CSV",
        description=(
            "`year=YYYY` gives the yearly report, `kind=evaluation` (or no year) "
            "the end-of-plan evaluation. `format=pdf` answers a tagged PDF "
            "(`application/pdf`), `format=csv` a CSV (`text/csv`), otherwise JSON. "
            "Published reports are for whoever may see the plan; drafts for civil "
            "servants and editors. 404 when there is no report the caller may see; "
            "400 for a year that is no number or outside the plan."
        ),
        parameters=[
            OpenApiParameter(
                "year", OpenApiTypes.INT, description="The report's year."
            ),
            OpenApiParameter(
                "kind",
                OpenApiTypes.STR,
                enum=PlanReport.Kind.values,
                description="`evaluation` for the end-of-plan evaluation.",
            ),
            OpenApiParameter(
                "format",
                OpenApiTypes.STR,
                enum=["json", "pdf", "csv"],
                description="The answer's format (JSON unless asked).",
            ),
        ],
        responses={
            (200, "application/json"): PlanReportSerializer,
            (200, "application/pdf"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The report as tagged PDF."
            ),
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR, description="The report as CSV (`;`-separated)."
            ),
        },
    )
    @action(
        detail=True,
        methods=["get"],
        renderer_classes=[JSONRenderer, PDFRenderer, CSVRenderer],
    )
    def report(self, request, pk=None, format=None):
        plan = self.get_object()
        year = report_year(request.query_params, plan)
        _plan, report = report_for(request.user, plan.pk, year=year)
        if report is None:
            raise NotFound(NOT_FOUND)
        try:
            figures = figures_of(report)
        except DjangoValidationError as error:  # a draft outside the plan's years
            raise NotFound(NOT_FOUND) from error
        chosen = request.accepted_renderer.format
        if chosen == "json":
            serializer = self.get_serializer(
                report, context={"request": request, "figures": figures}
            )
            return Response(serializer.data)
        if chosen == "pdf":
            response = Response(exports.report_pdf_bytes(report, figures))
        else:
            response = Response(exports.report_csv_text(report, figures))
        name = exports.report_filename(report)
        response["Content-Disposition"] = f'attachment; filename="{name}.{chosen}"'
        patch_audience_headers(response, exports.report_audience(report))
        return response


def register(router) -> None:
    router.register("plans", PlanReportViewSet, basename="plan-report")
