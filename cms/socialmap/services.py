"""Writes of the social map with rules: partners' proposals and the services a
person saves. Import and export of HSDS data live in `cms.socialmap.interchange`."""

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.socialmap import proposals as parts
from cms.socialmap.models import (
    Location,
    ProposalKind,
    ProposalState,
    ReportTopic,
    SavedService,
    Service,
    ServiceProposal,
)
from portal.access.socialmap import (
    may_change_locations,
    may_review_proposals,
    may_save_services,
    services_proposable_by,
    services_visible_to,
)

# The log action of a partner's proposal saved as a draft revision (how proposals
# were kept before they were objects of their own; old history still names it).
PROPOSAL_LOG_ACTION = "socialmap.propose"
# The log action of the revision that takes parts of a proposal over.
PROPOSAL_ACCEPT_LOG_ACTION = "socialmap.proposal_accept"
#: "Meld een fout" reports one network may send per window (seconds).
REPORT_LIMIT = 5
REPORT_WINDOW = 60 * 60
ACCEPTED = "accepted"
REJECTED = "rejected"


class ReportLimitReached(Exception):
    """Too many reports from one network in the window: try again later."""


@transaction.atomic
def service_propose_change(
    *, service: Service, user, changes: dict, message: str = ""
) -> ServiceProposal:
    """A partner's proposal for one of its own services: new values for the parts
    of the service page (`cms.socialmap.proposals`), checked by the models' own
    rules and kept for a civil servant to review; the public keeps seeing the
    published service until one takes parts of it over."""
    proposable = services_proposable_by(user, Service.objects.filter(pk=service.pk))
    if not proposable.exists():
        raise PermissionDenied
    current = parts.current_values(service)
    missing = object()
    changes = {
        key: value
        for key, value in changes.items()
        if current.get(key, missing) != value
    }
    if not changes:
        raise ValidationError(_("Je hebt niets gewijzigd."))
    parts.validate(service, changes)
    proposal = ServiceProposal(
        service=service,
        kind=ProposalKind.PARTNER,
        changes=changes,
        original={key: current[key] for key in changes},
        message=message.strip(),
        proposed_by=user,
    )
    proposal.full_clean()
    proposal.save()
    return proposal


def _report_count_key(client: str) -> str:
    return f"socialmap:report:{client}"


def service_report_problem(
    *,
    service: Service,
    user,
    topic: str,
    message: str,
    email: str = "",
    client: str,
    trap: str = "",
) -> ServiceProposal | None:
    """A citizen's "Meld een fout" about a published service: no account needed,
    so a filled-in trap field (a field people never see) stores nothing, and one
    network (`client`, its address) sends at most REPORT_LIMIT reports an hour."""
    visible = services_visible_to(user, Service.objects.filter(pk=service.pk))
    if not visible.exists():
        raise PermissionDenied
    if trap:
        return None
    report = ServiceProposal(
        service=service,
        kind=ProposalKind.REPORT,
        topic=topic if topic in ReportTopic.values else ReportTopic.OTHER,
        message=message.strip(),
        reporter_email=email.strip(),
        proposed_by=user if user.is_authenticated else None,
    )
    if not report.message:
        raise ValidationError({"message": _("Schrijf wat er niet klopt.")})
    report.full_clean()
    key = _report_count_key(client)
    cache.add(key, 0, REPORT_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, REPORT_WINDOW)
        count = 1
    if count > REPORT_LIMIT:
        raise ReportLimitReached
    report.save()
    return report


def _state_after(proposal: ServiceProposal) -> str:
    verdicts = set(proposal.decisions.values())
    if ACCEPTED in verdicts and REJECTED in verdicts:
        return ProposalState.PARTLY_ACCEPTED
    if ACCEPTED in verdicts:
        return (
            ProposalState.ACCEPTED
            if not proposal.undecided
            else ProposalState.PARTLY_ACCEPTED
        )
    if REJECTED in verdicts and not proposal.undecided:
        return ProposalState.REJECTED
    return ProposalState.OPEN


def _publish_parts(proposal: ServiceProposal, user, accepted: dict) -> None:
    """Apply the accepted parts to the published service (not to a draft someone
    may be working on) as a new revision, and publish it (a service taken off the
    map gets a draft instead); addresses and accessibility go to the locations,
    each with a revision of its own."""
    service = Service.objects.get(pk=proposal.service_id)
    located = {
        key: value
        for key, value in accepted.items()
        if key.startswith((parts.LOCATION_PREFIX, parts.ACCESSIBILITY_PREFIX))
    }
    own = {key: value for key, value in accepted.items() if key not in located}
    if located and not may_change_locations(user, Location):
        raise PermissionDenied
    places = parts.current_values(service)
    gone = sorted(key for key in located if key not in places)
    if gone:
        raise ValidationError(
            _("Deze locaties horen niet meer bij de dienst: %(keys)s")
            % {"keys": ", ".join(gone)}
        )
    for location in parts.apply_to_locations(service, located):
        location.save()
        location.save_revision(user=user, log_action=PROPOSAL_ACCEPT_LOG_ACTION)
    if own:
        parts.apply_to_service(service, own)
        revision = service.save_revision(
            user=user, log_action=PROPOSAL_ACCEPT_LOG_ACTION
        )
        if service.live:  # an unpublished service stays so, with a new draft
            revision.publish(user=user)


@transaction.atomic
def proposal_decide(
    *,
    proposal: ServiceProposal,
    user,
    accepted: set[str] | frozenset[str] = frozenset(),
    rejected: set[str] | frozenset[str] = frozenset(),
) -> ServiceProposal:
    """A civil servant's decision on parts of a proposal: the accepted parts are
    published on the service at once, the rejected ones are not; parts named in
    neither wait. A report (no parts) is closed as handled (`accepted` holds
    "report") or not followed. All or nothing: a part that no longer fits the
    service refuses the whole decision."""
    if not may_review_proposals(user, Service):
        raise PermissionDenied
    proposal = ServiceProposal.objects.select_for_update().get(pk=proposal.pk)
    if not proposal.is_open:
        raise ValidationError(_("Over dit voorstel is al beslist."))
    if accepted & rejected:
        raise ValidationError(
            _("Een onderdeel kan niet tegelijk overgenomen en afgewezen worden.")
        )
    if proposal.kind == ProposalKind.REPORT:
        if not (accepted or rejected):
            raise ValidationError(_("Kies of de melding verwerkt is."))
        proposal.state = ProposalState.ACCEPTED if accepted else ProposalState.REJECTED
        proposal.decided_by = user
        proposal.decided_at = timezone.now()
        proposal.save()
        return proposal
    unknown = (accepted | rejected) - set(proposal.undecided)
    if unknown:
        raise ValidationError(
            _("Deze onderdelen staan niet (meer) open: %(names)s")
            % {"names": ", ".join(sorted(unknown))}
        )
    if not (accepted or rejected):
        raise ValidationError(_("Kies minstens één onderdeel."))
    if accepted:
        _publish_parts(proposal, user, {key: proposal.changes[key] for key in accepted})
    for key in accepted:
        proposal.decisions[key] = ACCEPTED
    for key in rejected:
        proposal.decisions[key] = REJECTED
    proposal.state = _state_after(proposal)
    proposal.decided_by = user
    if not proposal.undecided:
        proposal.decided_at = timezone.now()
    proposal.save()
    return proposal


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
