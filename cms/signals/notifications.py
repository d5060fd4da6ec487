"""E-mails about signals, sent once the transaction commits: each state change to
the people concerned (the author and the organisation's coordinators; on
submission, the signal coordinators); a merge also to the signal merged into; a
signal put in a bundle without consent asks its organisation for consent."""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from cms.signals.models import SignalState
from portal.access.signals import signal_consent_givers, signal_coordinators
from portal.models import Membership


def _recipients(signal, *, by, to_coordinators: bool) -> list[str]:
    """The coordinators of the organisations that carry the signal, its author,
    and, when asked, everyone who screens signals."""
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
        addresses |= set(signal_coordinators().values_list("email", flat=True))
    if by is not None:
        addresses.discard(by.email)
    addresses.discard("")
    return sorted(addresses)


def state_changed(signal, *, from_state: str, by, note: str) -> None:
    """Tell the people concerned that the signal moved on."""
    recipients = _recipients(
        signal, by=by, to_coordinators=signal.state == SignalState.SUBMITTED
    )
    context = _context(
        signal,
        from_state=SignalState(from_state).label,
        to_state=signal.get_state_display(),
        note=note,
    )
    _send_on_commit("emails/signals/state_changed", context, recipients)
    if signal.state == SignalState.MERGED and signal.merged_into_id:
        merged_into(signal.merged_into, source=signal, by=by, already_told=recipients)
    if signal.state == SignalState.BUNDLED and not signal.consent_given:
        consent_requested(signal, by=by)


def _context(signal, **extra) -> dict:
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "signal": signal,
        "url": base_url + reverse("partners:signal", args=[signal.pk]),
        **extra,
    }


def _send_on_commit(template: str, context: dict, recipients: list[str]) -> None:
    """Render `<template>_subject.txt` and `_body.txt` and send them once the
    transaction commits (nothing is sent for a change that is rolled back)."""
    if not recipients:
        return

    def send() -> None:
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}_body.txt", context)
        send_mail(
            " ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, recipients
        )

    transaction.on_commit(send)


def merged_into(target, *, source, by, already_told: Iterable[str] = ()) -> None:
    """The target's organisation learns that another signal, and its organisation,
    now share its signal (those just told about the merge are not told twice)."""
    told = set(already_told)
    recipients = [
        address
        for address in _recipients(target, by=by, to_coordinators=False)
        if address not in told
    ]
    context = _context(target, source=source)
    _send_on_commit("emails/signals/merged_into", context, recipients)


def consent_requested(signal, *, by) -> None:
    """A signal went into a bundle: ask its organisation for consent to publish."""
    recipients = set(signal_consent_givers(signal).values_list("email", flat=True))
    if by is not None:
        recipients.discard(by.email)
    recipients.discard("")
    _send_on_commit(
        "emails/signals/consent_request", _context(signal), sorted(recipients)
    )
