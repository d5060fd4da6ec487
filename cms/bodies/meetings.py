"""Writes on a meeting's minutes: the secretary (or chair, or a civil servant)
drafts them, the body approves them at its next meeting, then they are published
to everyone who may see the meeting. Keyword-only and atomic, like
`cms.bodies.services`; who may do it is `MeetingPermissions.can_edit_minutes`.

A meeting carries no version number: the minutes' own fingerprint
(`minutes_version`) guards against lost updates instead, so two people saving
the same draft do not overwrite each other unknowingly.

Refusals are `PermissionDenied` (who) or `ValidationError` with a stable code:
`stale`, `minutes_locked`, `minutes_required`, `invalid_transition`.
"""

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.bodies.models import Meeting, MinutesState
from portal.access.bodies import meeting_permissions

M = MinutesState

#: Minutes move one way: draft, approved by the body, published.
MINUTES_NEXT = {M.DRAFT: M.APPROVED, M.APPROVED: M.PUBLISHED}

#: The label of the button that makes each step.
MINUTES_ACTION_LABELS = {
    M.APPROVED: gettext_lazy("Goedkeuring van het verslag registreren"),
    M.PUBLISHED: gettext_lazy("Verslag publiceren"),
}


def minutes_version(meeting: Meeting) -> str:
    """A fingerprint of the minutes as they stand (text and state)."""
    content = f"{meeting.minutes_state}\n{meeting.minutes}".encode()
    return hashlib.sha256(content).hexdigest()[:16]


def _lock(meeting: Meeting, by) -> Meeting:
    meeting = (
        Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    )
    permissions = meeting_permissions(by, meeting)
    if not permissions.can_view:
        raise PermissionDenied(_("Die vergadering bestaat niet."))
    if not permissions.can_edit_minutes:
        raise PermissionDenied(
            _(
                "Alleen de secretaris of voorzitter van het orgaan, of een "
                "medewerker van het lokaal bestuur, houdt het verslag bij."
            )
        )
    return meeting


def _check_version(meeting: Meeting, version: str | None) -> None:
    if version is not None and version != minutes_version(meeting):
        raise ValidationError(
            _(
                "Iemand anders heeft dit verslag intussen gewijzigd. Herlaad de "
                "pagina en probeer opnieuw."
            ),
            code="stale",
        )


@transaction.atomic
def meeting_minutes_save(
    *, meeting: Meeting, by, minutes: str, version: str | None = None
) -> Meeting:
    """Replace the draft minutes. Approved minutes are the body's decision and
    stay as they are."""
    meeting = _lock(meeting, by)
    _check_version(meeting, version)
    if meeting.minutes_state != M.DRAFT:
        raise ValidationError(
            _("Een goedgekeurd verslag kan niet meer gewijzigd worden."),
            code="minutes_locked",
        )
    meeting.minutes = (minutes or "").strip()
    meeting.full_clean()
    meeting.save(update_fields=["minutes"])
    return meeting


@transaction.atomic
def meeting_minutes_advance(
    *, meeting: Meeting, by, to: str, version: str | None = None
) -> Meeting:
    """Move the minutes one step on: draft to approved, approved to published."""
    meeting = _lock(meeting, by)
    _check_version(meeting, version)
    if MINUTES_NEXT.get(meeting.minutes_state) != to:
        raise ValidationError(
            _("Een verslag met status '%(state)s' kan niet naar '%(to)s'.")
            % {
                "state": meeting.get_minutes_state_display(),
                "to": M(to).label if to in M.values else to,
            },
            code="invalid_transition",
        )
    if not meeting.minutes.strip():
        raise ValidationError(_("Schrijf eerst het verslag."), code="minutes_required")
    meeting.minutes_state = to
    meeting.full_clean()
    meeting.save(update_fields=["minutes_state"])
    return meeting
