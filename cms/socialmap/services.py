"""Writes of the social map with rules: partners' proposals. Import and export of
HSDS data live in `cms.socialmap.interchange`."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from cms.socialmap.models import Service
from portal.access.socialmap import services_proposable_by

# The log action of a partner's proposal: how the intranet tells a waiting proposal
# from a civil servant's own draft.
PROPOSAL_LOG_ACTION = "socialmap.propose"
PROPOSABLE_FIELDS = (
    "description",
    "application_process",
    "eligibility_description",
    "fees_description",
    "email",
    "url",
    "alert",
)


@transaction.atomic
def service_propose_change(*, service: Service, user, changes: dict):
    """A partner's proposal for one of its own services: saved as a new draft
    revision, never on the live row, so the public keeps seeing the published
    version until a civil servant publishes the proposal in the admin."""
    proposable = services_proposable_by(user, Service.objects.filter(pk=service.pk))
    if not proposable.exists():
        raise PermissionDenied
    unknown = set(changes) - set(PROPOSABLE_FIELDS)
    if unknown:
        raise ValidationError(f"Deze velden kun je niet wijzigen: {sorted(unknown)}")
    draft = service.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    draft.full_clean()
    return draft.save_revision(user=user, log_action=PROPOSAL_LOG_ACTION)
