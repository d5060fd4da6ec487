"""The signal API's serializers: signals as the caller may see them, the payloads
of its writes (draft, edit, transition, consent, attachment), timelines and bundles.

Each audience gets its own fields: whoever sees a signal only because a bundle
publishes it (the public, for a public bundle) gets what the bundle page shows
(`PublishedSignalSerializer`), never more; the organisations, coordinators and
partners who see the signal itself get `SignalSerializer`. What a caller may see
and do comes from `portal.access.signals.signal_permissions`."""

from rest_framework import serializers

from cms.api import OrganisationRefSerializer
from cms.models import LifeDomain, SocialRight, TargetGroup
from cms.signals import selectors, services
from cms.signals.models import (
    Frequency,
    Signal,
    SignalAttachment,
    SignalBundlePage,
    SignalEvent,
)
from cms.signals.privacy import describe
from portal.access.signals import SignalPermissions, person_of, signal_permissions
from portal.models import Organisation


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


def permissions_in(context: dict, signal) -> SignalPermissions:
    """The caller's permissions on `signal`, computed once per response (the facts
    about the caller once per response too)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if "signal_person" not in context:
        context["signal_person"] = person_of(user)
    cache = context.setdefault("signal_permissions", {})
    if signal.pk not in cache:
        cache[signal.pk] = signal_permissions(
            user, signal, person=context["signal_person"]
        )
    return cache[signal.pk]


class PublishedSignalSerializer(serializers.ModelSerializer):
    """A signal as a published bundle shows it: title, reference, the reporting
    organisation, the description, its life domains and the policy response."""

    organisation = OrganisationRefSerializer(read_only=True)
    life_domains = _slugs(LifeDomain)

    class Meta:
        model = Signal
        fields = [
            "id",
            "reference",
            "title",
            "description",
            "organisation",
            "life_domains",
            "answer",
            "answered_on",
        ]
        read_only_fields = fields


class SignalSerializer(serializers.ModelSerializer):
    """A signal as the caller may see it; the author is never published. A caller
    who sees the signal only through a bundle gets `PublishedSignalSerializer`'s
    fields instead."""

    organisation = OrganisationRefSerializer(read_only=True)
    co_organisations = OrganisationRefSerializer(many=True, read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    life_domains = _slugs(LifeDomain)
    target_groups = _slugs(TargetGroup)
    social_rights = _slugs(SocialRight)
    merged_into = serializers.SlugRelatedField(
        slug_field="reference", read_only=True, allow_null=True
    )
    allowed_transitions = serializers.SerializerMethodField()
    privacy_findings = serializers.SerializerMethodField()
    goals = serializers.SerializerMethodField()

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
            "goals",
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

    def to_representation(self, signal):
        if not permissions_in(self.context, signal).can_view_internal:
            return PublishedSignalSerializer(signal, context=self.context).data
        return super().to_representation(signal)

    def get_allowed_transitions(self, signal) -> list[str]:
        """The states the caller may move this signal to now."""
        return list(permissions_in(self.context, signal).allowed_transitions)

    def get_goals(self, signal) -> list[int]:
        """Ids of the goals this signal informs, of the plans the caller may see
        (see /api/v1/goals/{id}/)."""
        if "visible_plan_ids" not in self.context:
            request = self.context.get("request")
            self.context["visible_plan_ids"] = selectors.visible_plan_ids(
                getattr(request, "user", None)
            )
        plans = self.context["visible_plan_ids"]
        return sorted(goal.pk for goal in signal.goals.all() if goal.plan_id in plans)

    def get_privacy_findings(self, signal) -> list[dict]:
        """Personal data still in the texts (shown to the organisation and the
        signal coordinators only)."""
        if not permissions_in(self.context, signal).can_see_privacy_findings:
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
        queryset=Organisation.objects.all(),
        error_messages={"required": "Kies een organisatie."},
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
        fields = ["organisation", *services.EDITABLE_FIELDS, "version"]


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


class SignalGoalLinkSerializer(serializers.Serializer):
    goal = serializers.IntegerField(
        help_text="Id of a goal of a plan the caller may see (/api/v1/goals/)."
    )


class SignalEventSerializer(serializers.ModelSerializer):
    actor = serializers.SerializerMethodField()
    note = serializers.SerializerMethodField()
    organisation = OrganisationRefSerializer(read_only=True, allow_null=True)
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
        """The person, for the organisations that carry the signal and civil
        servants (`sees_people`); anyone else reads only the organisation."""
        if not (self.context.get("sees_people") and event.actor):
            return ""
        return event.actor.get_full_name()

    def get_note(self, event) -> str:
        """The note; empty for a goal the caller may not see (`hidden_notes`)."""
        if event.pk in self.context.get("hidden_notes", ()):
            return ""
        return event.note


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
