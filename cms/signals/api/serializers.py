"""The signal API's serializers: signals as the caller may see them, the payloads
of its writes (draft, edit, transition, consent, attachment), timelines and bundles."""

from rest_framework import serializers

from cms.api import OrganisationRefSerializer
from cms.models import LifeDomain, SocialRight, TargetGroup
from cms.signals import services
from cms.signals.lifecycle import Actor, actors_for, allowed_transitions
from cms.signals.models import (
    Frequency,
    Signal,
    SignalAttachment,
    SignalBundlePage,
    SignalEvent,
)
from cms.signals.privacy import describe
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


class SignalSerializer(serializers.ModelSerializer):
    """A signal as the caller may see it; the author is never published."""

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


class SignalEventSerializer(serializers.ModelSerializer):
    actor = serializers.SerializerMethodField()
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
