"""E-mails about signals, sent once the transaction commits: each state change to
the people concerned (the author and the organisation's coordinators; on
submission, the signal coordinators)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse

from portal.models import Membership


def _recipients(signal, *, by, to_coordinators: bool) -> list[str]:
    from cms.signals.lifecycle import SIGNAL_COORDINATORS_GROUP

    addresses = set(
        Membership.objects.filter(
            organisation_id__in=signal.organisation_ids,
            status=Membership.Status.ACTIVE,
            role=Membership.Role.COORDINATOR,
        ).values_list("user__email", flat=True)
    )
    if signal.author_id and signal.author.email:
        addresses.add(signal.author.email)
    if to_coordinators:
        from portal.roles import CIVIL_SERVANTS_GROUP

        addresses |= set(
            get_user_model()
            .objects.filter(
                Q(groups__name=SIGNAL_COORDINATORS_GROUP)
                | Q(groups__name=CIVIL_SERVANTS_GROUP),
                is_active=True,
            )
            .values_list("email", flat=True)
        )
    if by is not None:
        addresses.discard(by.email)
    return sorted(addresses)


def state_changed(signal, *, from_state: str, by, note: str) -> None:
    """Tell the people concerned that the signal moved on."""
    from cms.signals.models import SignalState

    recipients = _recipients(
        signal, by=by, to_coordinators=signal.state == SignalState.SUBMITTED
    )
    if not recipients:
        return
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    context = {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "signal": signal,
        "from_state": SignalState(from_state).label,
        "to_state": signal.get_state_display(),
        "note": note,
        "url": base_url + reverse("partners:signal", args=[signal.pk]),
    }

    def send() -> None:
        subject = render_to_string("emails/signals/state_changed_subject.txt", context)
        body = render_to_string("emails/signals/state_changed_body.txt", context)
        send_mail(
            " ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, recipients
        )

    transaction.on_commit(send)
