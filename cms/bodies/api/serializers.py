"""The bodies API's serializers: bodies with their seats and meetings, meetings with
their agenda, minutes and attendance, advice with its terms, recommendations and
answers, and the payloads of the writes on advice.

Every key is always there; what the caller may not see is null (a person's name
outside the body's workspace, draft minutes, attendance, answers the town is still
writing, status updates). What a caller may see comes from `portal.access.bodies`,
computed once per object and response (`*_permissions_in`)."""

import datetime

from django.db.models import Q
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cms.api import OrganisationRefSerializer
from cms.bodies import terms
from cms.bodies.models import (
    Advice,
    AdviceEvent,
    AdviceKind,
    AdviceState,
    AgendaItem,
    AnswerStatusUpdate,
    Attendance,
    AttendanceStatus,
    Body,
    BodyKind,
    BodyMember,
    Meeting,
    MemberRole,
    MinutesState,
    Recommendation,
    RecommendationAnswer,
)
from cms.bodies.selectors import overdue_advice
from cms.selectors import goals_visible_to
from portal.access import pages_visible_to
from portal.access.bodies import (
    AdvicePermissions,
    MeetingPermissions,
    advice_permissions,
    advice_visible_to,
    in_workspace,
    meeting_permissions,
    meetings_visible_to,
)
from portal.access.signals import signals_visible_to
from portal.api.filters import MAX_YEAR, MIN_YEAR
from portal.api.schema import NamedChoiceField
from portal.api.viewsets import MAX_ID


def _user(context: dict):
    request = context.get("request")
    return getattr(request, "user", None)


def workspace_in(context: dict, body_id: int) -> bool:
    """Whether the caller works inside the body, once per body and response."""
    cache = context.setdefault("bodies_workspace", {})
    if body_id not in cache:
        cache[body_id] = in_workspace(_user(context), body_id)
    return cache[body_id]


def meeting_permissions_in(context: dict, meeting: Meeting) -> MeetingPermissions:
    """The caller's permissions on `meeting`, computed once per response."""
    cache = context.setdefault("bodies_meeting_permissions", {})
    if meeting.pk not in cache:
        cache[meeting.pk] = meeting_permissions(_user(context), meeting)
    return cache[meeting.pk]


def advice_permissions_in(context: dict, advice: Advice) -> AdvicePermissions:
    """The caller's permissions on `advice`, computed once per response."""
    cache = context.setdefault("bodies_advice_permissions", {})
    if advice.pk not in cache or cache[advice.pk].advice is not advice:
        cache[advice.pk] = advice_permissions(_user(context), advice)
    return cache[advice.pk]


def _name(user) -> str | None:
    return (user.get_full_name() or None) if user else None


# Bodies ---------------------------------------------------------------------------


class BodyRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Body
        fields = ["id", "name"]


class BodyMemberSerializer(serializers.ModelSerializer):
    """A seat: the role, the organisation represented and the period. The person's
    name only for those who work inside the body."""

    role = NamedChoiceField(
        enum_name="MemberRoleEnum", choices=MemberRole.choices, read_only=True
    )
    role_label = serializers.CharField(source="get_role_display", read_only=True)
    organisation = OrganisationRefSerializer(read_only=True, allow_null=True)
    person = serializers.SerializerMethodField()

    class Meta:
        model = BodyMember
        fields = [
            "id",
            "role",
            "role_label",
            "organisation",
            "person",
            "start_date",
            "end_date",
        ]

    def get_person(self, seat) -> str | None:
        """The member's name (the body's workspace only), else null."""
        if not workspace_in(self.context, seat.body_id):
            return None
        return _name(seat.user)


class BodySerializer(serializers.ModelSerializer):
    kind = NamedChoiceField(
        enum_name="BodyKindEnum", choices=BodyKind.choices, read_only=True
    )
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    life_domains = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )
    target_groups = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )
    in_workspace = serializers.SerializerMethodField()
    contact_civil_servant = serializers.SerializerMethodField()

    class Meta:
        model = Body
        fields = [
            "id",
            "name",
            "kind",
            "kind_label",
            "remit",
            "life_domains",
            "target_groups",
            "gives_advice",
            "is_public",
            "in_workspace",
            "contact_civil_servant",
        ]

    def get_in_workspace(self, body) -> bool:
        """Whether the caller works inside this body (a running seat, or staff)."""
        return workspace_in(self.context, body.pk)

    def get_contact_civil_servant(self, body) -> str | None:
        """The town's contact person (the body's workspace only), else null."""
        if not workspace_in(self.context, body.pk):
            return None
        return _name(body.contact_civil_servant)


class MeetingSerializer(serializers.ModelSerializer):
    body = BodyRefSerializer(read_only=True)
    # Plain text: empty when the meeting has no online part.
    online_url = serializers.CharField(
        read_only=True, help_text="Link to take part online, or empty."
    )
    minutes_state = NamedChoiceField(
        enum_name="MinutesStateEnum", choices=MinutesState.choices, read_only=True
    )

    class Meta:
        model = Meeting
        fields = [
            "id",
            "body",
            "starts_at",
            "ends_at",
            "place",
            "online_url",
            "is_public",
            "minutes_state",
        ]


class BodyDetailSerializer(BodySerializer):
    members = serializers.SerializerMethodField()
    meetings = serializers.SerializerMethodField()

    class Meta(BodySerializer.Meta):
        fields = [*BodySerializer.Meta.fields, "members", "meetings"]

    @extend_schema_field(BodyMemberSerializer(many=True))
    def get_members(self, body) -> list[dict]:
        """The seats that have not ended, by role."""
        today = timezone.localdate()
        seats = (
            body.members.filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
            .select_related("user", "organisation")
            .order_by("role", "start_date", "pk")
        )
        return BodyMemberSerializer(seats, many=True, context=self.context).data

    @extend_schema_field(MeetingSerializer(many=True))
    def get_meetings(self, body) -> list[dict]:
        """The body's meetings the caller may see, latest first."""
        meetings = meetings_visible_to(
            _user(self.context), body.meetings.select_related("body")
        ).order_by("-starts_at", "pk")
        return MeetingSerializer(meetings, many=True, context=self.context).data


# Meetings -------------------------------------------------------------------------


class AgendaLinkSerializer(serializers.Serializer):
    kind = NamedChoiceField(
        enum_name="AgendaLinkKindEnum",
        choices=[
            ("signal", "signal"),
            ("goal", "goal"),
            ("advice", "advice"),
            ("page", "page"),
        ],
    )
    id = serializers.IntegerField()


class AgendaItemSerializer(serializers.ModelSerializer):
    links = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = ["id", "order", "title", "links"]

    @extend_schema_field(AgendaLinkSerializer(many=True))
    def get_links(self, item) -> list[dict]:
        """What the item is about, as kind and id: only what the caller may see."""
        visible = self.context.get("agenda_visible_links", {})
        links = []
        for kind in ("signal", "goal", "advice", "page"):
            pk = getattr(item, f"{kind}_id")
            if pk is not None and pk in visible.get(kind, ()):
                links.append({"kind": kind, "id": pk})
        return links


def visible_agenda_links(user, items) -> dict[str, set[int]]:
    """Per kind, the linked objects of these agenda items the user may see (one
    query per kind)."""
    ids = {kind: set() for kind in ("signal", "goal", "advice", "page")}
    for item in items:
        for kind in ids:
            pk = getattr(item, f"{kind}_id")
            if pk is not None:
                ids[kind].add(pk)
    visible = {kind: set() for kind in ids}
    if ids["signal"]:
        visible["signal"] = set(
            signals_visible_to(user)
            .filter(pk__in=ids["signal"])
            .values_list("pk", flat=True)
        )
    if ids["goal"]:
        visible["goal"] = set(
            goals_visible_to(user)
            .filter(pk__in=ids["goal"])
            .values_list("pk", flat=True)
        )
    if ids["advice"]:
        visible["advice"] = set(
            advice_visible_to(
                user, Advice.objects.filter(pk__in=ids["advice"])
            ).values_list("pk", flat=True)
        )
    if ids["page"]:
        visible["page"] = set(
            pages_visible_to(user)
            .filter(pk__in=ids["page"], live=True)
            .values_list("pk", flat=True)
        )
    return visible


class AttendanceSerializer(serializers.ModelSerializer):
    member = BodyMemberSerializer(read_only=True)
    status = NamedChoiceField(
        enum_name="AttendanceStatusEnum",
        choices=AttendanceStatus.choices,
        read_only=True,
    )
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Attendance
        fields = ["member", "status", "status_label"]


class MeetingDetailSerializer(MeetingSerializer):
    agenda = serializers.SerializerMethodField()
    minutes = serializers.SerializerMethodField()
    attendance = serializers.SerializerMethodField()

    class Meta(MeetingSerializer.Meta):
        fields = [*MeetingSerializer.Meta.fields, "agenda", "minutes", "attendance"]

    @extend_schema_field(AgendaItemSerializer(many=True))
    def get_agenda(self, meeting) -> list[dict]:
        items = list(meeting.agenda_items.order_by("order", "pk"))
        context = {
            **self.context,
            "agenda_visible_links": visible_agenda_links(_user(self.context), items),
        }
        return AgendaItemSerializer(items, many=True, context=context).data

    def get_minutes(self, meeting) -> str | None:
        """The minutes, for those who may read them in their current state (the
        body's workspace; everyone who sees the meeting once published), else
        null."""
        if not meeting_permissions_in(self.context, meeting).can_view_minutes:
            return None
        return meeting.minutes

    @extend_schema_field(AttendanceSerializer(many=True, allow_null=True))
    def get_attendance(self, meeting) -> list[dict] | None:
        """Who came (the body's workspace only), else null."""
        if not meeting_permissions_in(self.context, meeting).can_view_attendance:
            return None
        rows = meeting.attendances.select_related(
            "member__user", "member__organisation"
        ).order_by("member__role", "pk")
        return AttendanceSerializer(rows, many=True, context=self.context).data


# Advice ---------------------------------------------------------------------------


class RecommendationSerializer(serializers.Serializer):
    """A recommendation and the town's answer to it; the answer is null until
    given, and for outsiders until the town has answered the advice as a whole
    (`sees_answers` in the context)."""

    id = serializers.IntegerField(read_only=True)
    number = serializers.IntegerField(read_only=True)
    text = serializers.CharField(read_only=True)
    answer = serializers.ChoiceField(
        choices=RecommendationAnswer.choices, allow_null=True, read_only=True
    )
    answer_label = serializers.CharField(allow_null=True, read_only=True)
    answer_reason = serializers.CharField(allow_null=True, read_only=True)

    def to_representation(self, recommendation: Recommendation) -> dict:
        answered = self.context.get("sees_answers", False) and recommendation.answer
        return {
            "id": recommendation.pk,
            "number": recommendation.number,
            "text": recommendation.text,
            "answer": recommendation.answer if answered else None,
            "answer_label": recommendation.get_answer_display() if answered else None,
            "answer_reason": recommendation.answer_reason if answered else None,
        }


class AnswerStatusUpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = AnswerStatusUpdate
        fields = ["id", "date", "text", "created_at"]


class AdviceActionsSerializer(serializers.Serializer):
    """What the caller may do with the advice now, besides its transitions."""

    edit = serializers.BooleanField(help_text="Write text and recommendations.")
    answer = serializers.BooleanField(help_text="Answer the recommendations.")
    extend = serializers.BooleanField(help_text="Extend the body's term.")
    report_status = serializers.BooleanField(
        help_text="Tell how far the town's answer has come."
    )
    publish = serializers.BooleanField(
        help_text="Make the adopted advice public, or no longer public."
    )


class AdviceSerializer(serializers.ModelSerializer):
    """An advice with its terms. `due_date`: when the body owes it (a request);
    `answer_due_date`: when the town owes its answer (once submitted). A due date
    on a weekend or a public holiday stays as computed; `*_closed_day` names the
    day so a client can warn."""

    body = BodyRefSerializer(read_only=True)
    kind = NamedChoiceField(
        enum_name="AdviceKindEnum", choices=AdviceKind.choices, read_only=True
    )
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    state = NamedChoiceField(
        enum_name="AdviceStateEnum", choices=AdviceState.choices, read_only=True
    )
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    due_date = serializers.SerializerMethodField()
    due_date_closed_day = serializers.SerializerMethodField()
    answer_due_date = serializers.SerializerMethodField()
    answer_due_date_closed_day = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField()
    extension_reason = serializers.SerializerMethodField()
    allowed_transitions = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()

    class Meta:
        model = Advice
        fields = [
            "id",
            "body",
            "kind",
            "kind_label",
            "title",
            "question",
            "asked_on",
            "urgent",
            "state",
            "state_label",
            "published",
            "due_date",
            "due_date_closed_day",
            "extended_until",
            "extension_reason",
            "answer_due_date",
            "answer_due_date_closed_day",
            "overdue",
            "version",
            "created_at",
            "updated_at",
            "allowed_transitions",
            "actions",
        ]
        read_only_fields = fields

    def get_due_date(self, advice) -> datetime.date | None:
        """When the body owes its advice (requests only; an extension replaces
        it)."""
        return terms.body_due_date(advice)

    def get_due_date_closed_day(self, advice) -> str | None:
        """Why `due_date` is no working day (a holiday's name, 'zaterdag',
        'zondag'), else null."""
        day = terms.body_due_date(advice)
        return terms.closed_day(day) if day else None

    def get_answer_due_date(self, advice) -> datetime.date | None:
        """When the town owes its answer: 30 days after submission."""
        return self._answer_due(advice)

    def get_answer_due_date_closed_day(self, advice) -> str | None:
        """Why `answer_due_date` is no working day, else null."""
        day = self._answer_due(advice)
        return terms.closed_day(day) if day else None

    def _answer_due(self, advice) -> datetime.date | None:
        cache = self.context.setdefault("bodies_answer_due", {})
        if advice.pk not in cache:
            cache[advice.pk] = terms.town_due_date(advice)
        return cache[advice.pk]

    def get_overdue(self, advice) -> bool:
        """Whether a running term has passed (today in Brussels)."""
        overdue = getattr(advice, "is_overdue", None)
        if overdue is None:
            late = overdue_advice(timezone.localdate(), Advice.objects.all())
            overdue = late.filter(pk=advice.pk).exists()
        return overdue

    def get_extension_reason(self, advice) -> str | None:
        """Why the term was extended (the body's workspace and the town only)."""
        if not advice_permissions_in(self.context, advice).can_view_internal:
            return None
        return advice.extension_reason

    def get_allowed_transitions(self, advice) -> list[str]:
        """The states the caller may move this advice to now."""
        return list(advice_permissions_in(self.context, advice).allowed_transitions)

    @extend_schema_field(AdviceActionsSerializer)
    def get_actions(self, advice) -> dict:
        permissions = advice_permissions_in(self.context, advice)
        return {
            "edit": permissions.can_edit,
            "answer": permissions.can_answer,
            "extend": permissions.can_extend,
            "report_status": permissions.can_report_status,
            "publish": permissions.can_publish,
        }


class AdviceDetailSerializer(AdviceSerializer):
    """An advice with its text, recommendations and the town's answers. Outsiders
    see only published advice, so never a draft text; the answers and the status
    updates are null where they are still internal."""

    recommendations = serializers.SerializerMethodField()
    status_updates = serializers.SerializerMethodField()

    class Meta(AdviceSerializer.Meta):
        fields = [
            *AdviceSerializer.Meta.fields,
            "text",
            "recommendations",
            "status_updates",
        ]
        read_only_fields = fields

    @extend_schema_field(RecommendationSerializer(many=True))
    def get_recommendations(self, advice) -> list[dict]:
        permissions = advice_permissions_in(self.context, advice)
        context = {**self.context, "sees_answers": permissions.can_view_answers}
        rows = advice.recommendations.order_by("number", "pk")
        return RecommendationSerializer(rows, many=True, context=context).data

    @extend_schema_field(AnswerStatusUpdateSerializer(many=True, allow_null=True))
    def get_status_updates(self, advice) -> list[dict] | None:
        """The town's news on its answer (the workspace and the town only), else
        null."""
        if not advice_permissions_in(self.context, advice).can_view_internal:
            return None
        rows = advice.status_updates.order_by("date", "pk")
        return AnswerStatusUpdateSerializer(rows, many=True, context=self.context).data


class AdviceEventSerializer(serializers.ModelSerializer):
    kind = NamedChoiceField(
        enum_name="AdviceEventKindEnum",
        choices=AdviceEvent.Kind.choices,
        read_only=True,
    )
    actor = serializers.SerializerMethodField()
    # Plain strings: the states are described once, by the advice's `state`.
    from_state = serializers.CharField(read_only=True)
    to_state = serializers.CharField(read_only=True)

    class Meta:
        model = AdviceEvent
        fields = ["id", "kind", "created_at", "actor", "from_state", "to_state", "note"]

    def get_actor(self, event) -> str | None:
        """Who made the step (the timeline is the workspace's), or null."""
        return _name(event.actor)


# Writes ---------------------------------------------------------------------------


def _id_field(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        error_messages={
            "invalid": "Geef een geheel getal.",
            "min_value": f"Geef een geheel getal van 1 tot {MAX_ID}.",
            "max_value": f"Geef een geheel getal van 1 tot {MAX_ID}.",
            "max_string_length": f"Geef een geheel getal van 1 tot {MAX_ID}.",
        },
        **kwargs,
    )


def _text(*, required: bool = True, **kwargs) -> serializers.CharField:
    return serializers.CharField(
        required=required,
        **kwargs,
        error_messages={
            "required": "Dit veld is verplicht.",
            "blank": "Dit veld mag niet leeg zijn.",
            "null": "Dit veld mag niet leeg zijn.",
            "invalid": "Geef een tekst.",
            "max_length": "Deze tekst is te lang (hoogstens {max_length} tekens).",
        },
    )


class CalendarDateField(serializers.DateField):
    """A date within the years the portal holds: terms are counted from it, and a
    date at the edge of the calendar has no day 30 days later."""

    default_error_messages = {
        "invalid": "Geef een datum als JJJJ-MM-DD.",
        "datetime": "Geef een datum als JJJJ-MM-DD, zonder tijdstip.",
        "out_of_range": f"Geef een datum tussen {MIN_YEAR} en {MAX_YEAR}.",
    }

    def to_internal_value(self, value):
        day = super().to_internal_value(value)
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            self.fail("out_of_range")
        return day


def _date(**kwargs) -> serializers.DateField:
    return CalendarDateField(**kwargs)


def _version() -> serializers.IntegerField:
    return serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        help_text="The version the change starts from (see `version`); a change "
        "of an older version is refused with 409 `stale`.",
    )


class AdviceCreateSerializer(serializers.Serializer):
    """A new advice: `request` (the town asks; a civil servant) or
    `own_initiative` (the body starts it; its chair or secretary). A body the
    caller cannot see is refused as if it did not exist."""

    body = _id_field(help_text="Id of the body (see /api/v1/bodies/).")
    title = _text(max_length=300)
    question = _text(required=False, allow_blank=True, default="")
    kind = NamedChoiceField(
        enum_name="AdviceKindEnum",
        choices=AdviceKind.choices,
        default=AdviceKind.REQUEST,
        error_messages={"invalid_choice": "Kies 'request' of 'own_initiative'."},
    )
    urgent = serializers.BooleanField(
        default=False,
        help_text="A request the body answers within 14 days instead of 30.",
    )
    asked_on = _date(
        required=False,
        help_text="The day the town asked (requests; today when left out).",
    )

    def validate(self, data):
        if data["kind"] == AdviceKind.OWN_INITIATIVE:
            if data.get("urgent"):
                raise serializers.ValidationError(
                    {"urgent": ["Alleen een gevraagd advies is hoogdringend."]}
                )
            if data.get("asked_on"):
                raise serializers.ValidationError(
                    {"asked_on": ["Een advies op eigen initiatief is niet gevraagd."]}
                )
        return data


class AdviceEditSerializer(serializers.Serializer):
    """The body's text and recommendations, while it prepares the advice (its
    chair or secretary). Left out, either stays as it is; the recommendations are
    numbered 1, 2, ... in the order given."""

    text = _text(required=False, allow_blank=True)
    recommendations = serializers.ListField(
        child=_text(), required=False, max_length=100
    )
    version = _version()


class AdviceTransitionSerializer(serializers.Serializer):
    to = _text(
        max_length=32,
        help_text="The state to move to (one of the advice states, see `state`).",
    )
    note = _text(required=False, allow_blank=True, default="")
    version = _version()


class AdviceAnswerItemSerializer(serializers.Serializer):
    recommendation = _id_field(
        required=False, help_text="Id of the recommendation (or give `number`)."
    )
    number = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=32767,
        help_text="Number of the recommendation (or give `recommendation`).",
    )
    answer = NamedChoiceField(
        enum_name="RecommendationAnswerEnum",
        choices=RecommendationAnswer.choices,
        error_messages={
            "required": "Kies een antwoord.",
            "invalid_choice": "Kies 'taken_over', 'partly' of 'not_taken_over'.",
        },
    )
    reason = _text(
        required=False,
        allow_blank=True,
        default="",
        help_text="Required with `partly` and `not_taken_over`.",
    )

    def validate(self, data):
        if ("recommendation" in data) == ("number" in data):
            raise serializers.ValidationError(
                {
                    "recommendation": [
                        "Geef de aanbeveling met `recommendation` (id) of "
                        "`number`, niet allebei."
                    ]
                }
            )
        return data


class AdviceAnswerSerializer(serializers.Serializer):
    """The town's answer to one recommendation (`recommendation` or `number`,
    `answer`, `reason`), or to several at once as `answers`: a list of such
    objects, saved all or nothing (one refused answer saves none)."""

    recommendation = _id_field(
        required=False, help_text="Id of the recommendation (or give `number`)."
    )
    number = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=32767,
        help_text="Number of the recommendation (or give `recommendation`).",
    )
    answer = NamedChoiceField(
        enum_name="RecommendationAnswerEnum",
        choices=RecommendationAnswer.choices,
        required=False,
        error_messages={
            "invalid_choice": "Kies 'taken_over', 'partly' of 'not_taken_over'."
        },
    )
    reason = _text(
        required=False,
        allow_blank=True,
        help_text="Required with `partly` and `not_taken_over`.",
    )
    answers = AdviceAnswerItemSerializer(
        many=True,
        required=False,
        allow_empty=False,
        help_text="Several answers at once, instead of the fields above.",
    )
    version = _version()

    SINGLE = ("recommendation", "number", "answer", "reason")

    def validate(self, data):
        if "answers" in data:
            mixed = [name for name in self.SINGLE if name in data]
            if mixed:
                raise serializers.ValidationError(
                    {
                        mixed[0]: [
                            "Geef één antwoord met deze velden, of meerdere in "
                            "`answers`, niet allebei."
                        ]
                    }
                )
            return data
        if "answer" not in data:
            raise serializers.ValidationError({"answer": ["Kies een antwoord."]})
        single = AdviceAnswerItemSerializer(
            data={name: data[name] for name in self.SINGLE if name in data}
        )
        single.is_valid(raise_exception=True)
        return {"answers": [single.validated_data], "version": data.get("version")}


class AdviceExtensionSerializer(serializers.Serializer):
    until = _date(help_text="The new due date, after the current one.")
    reason = _text(allow_blank=True)
    version = _version()


class AdvicePublicationSerializer(serializers.Serializer):
    published = serializers.BooleanField(
        help_text="Whether the body makes its adopted advice public."
    )
    version = _version()


class AnswerStatusUpdateWriteSerializer(serializers.Serializer):
    text = _text(max_length=10000)
    date = _date(required=False, help_text="The date of the news (today if left out).")
