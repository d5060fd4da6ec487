"""Writes of the social map with rules: partners' proposals and the services a
person saves. Import and export of HSDS data live in `cms.socialmap.interchange`."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from cms.socialmap.models import SavedService, Service
from portal.access.socialmap import (
    may_save_services,
    services_proposable_by,
    services_visible_to,
)

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


@transaction.atomic
def saved_service_add(*, user, service: Service) -> SavedService:
    """Keep a published service on the person's own page; saving it again keeps
    the first date."""
    visible = services_visible_to(user, Service.objects.filter(pk=service.pk))
    if not (may_save_services(user) and visible.exists()):
        raise PermissionDenied
    saved, _ = SavedService.objects.get_or_create(user=user, service=service)
    return saved


def saved_service_remove(*, user, service: Service) -> None:
    """Take a service off the person's page (nothing happens if it was not on it)."""
    SavedService.objects.filter(user=user, service=service).delete()
