"""Writes on signals: create, edit, move along the lifecycle, comment, recognise,
consent, attach files. Keyword-only, atomic, checked with `full_clean()`; every
change appends to the signal's timeline. Views, API and demo call these only.

Refusals are `PermissionDenied` (who) or `ValidationError` with a stable code (what):
`invalid_transition`, `note_required`, `stale`, `personal_data`, `not_editable`,
`already_linked`, `not_linked`, ...
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.models import Goal
from cms.selectors import goals_visible_to
from cms.signals import notifications
from cms.signals.attachments import validate_attachment
from cms.signals.lifecycle import (
    CONSENT_STATES,
    EDITABLE_STATES,
    NOTE_REQUIRED,
    SHARED_STATES,
    TRANSITIONS,
)
from cms.signals.models import (
    Recognition,
    Signal,
    SignalAttachment,
    SignalEvent,
    SignalState,
)
from cms.signals.privacy import Finding, find_in_fields
from portal.access.audiences import active_organisation_ids
from portal.access.signals import (
    ACTOR_LABELS,
    may_link_signal_goals,
    may_raise_signal_for,
    signal_is_visible_to,
    signal_permissions,
)
from portal.models import Organisation
from portal.storage import storage_refusal_as

S = SignalState
Kind = SignalEvent.Kind

TEXT_FIELDS = ("title", "description", "affected", "region", "example", "causes")
OTHER_FIELDS = ("observed_since", "frequency")
RELATION_FIELDS = ("life_domains", "target_groups", "social_rights")
#: What an author may edit, in the order the form and the API show it.
EDITABLE_FIELDS = (
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
)


def privacy_findings(signal: Signal) -> list[Finding]:
    """The personal data still in the signal's texts."""
    return find_in_fields(signal.text_fields())


def _lock(signal: Signal) -> Signal:
    return Signal.objects.select_for_update().get(pk=signal.pk)


def _check_version(signal: Signal, version: int | None) -> None:
    if version is not None and int(version) != signal.version:
        raise ValidationError(
            _(
                "Iemand anders heeft dit signaal intussen gewijzigd. Herlaad de "
                "pagina en probeer opnieuw."
            ),
            code="stale",
        )


def _event(signal: Signal, *, kind: str, by, note: str = "", **extra) -> SignalEvent:
    organisation = None
    if by is not None and signal.organisation_id in active_organisation_ids(by):
        organisation = signal.organisation
    event = SignalEvent(
        signal=signal,
        kind=kind,
        actor=by,
        organisation=organisation,
        note=note,
        **extra,
    )
    event.full_clean()
    event.save()
    return event


def _next_reference(year: int) -> str:
    prefix = f"S-{year}-"
    last = Signal.objects.filter(reference__startswith=prefix).aggregate(
        last=Max("reference")
    )["last"]
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:04d}"


def _assign(signal: Signal, fields: dict) -> dict:
    """Set plain fields; return the relations to set after saving."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(
            _("Onbekende velden: %(fields)s.") % {"fields": ", ".join(sorted(unknown))},
            code="unknown_field",
        )
    relations = {}
    for name, value in fields.items():
        if name in RELATION_FIELDS:
            relations[name] = list(value or [])
        elif name in TEXT_FIELDS:
            setattr(signal, name, (value or "").strip())
        else:
            setattr(signal, name, value)
    return relations


def _check_attachments(files: Iterable) -> list:
    files = [file for file in files or [] if file]
    errors = []
    for file in files:
        try:
            validate_attachment(file)
        except ValidationError as error:
            errors.extend(f"{file.name}: {message}" for message in error.messages)
    if errors:
        raise ValidationError({"attachments": errors})
    return files


def _store_attachments(signal: Signal, files: list, by) -> None:
    """Save the files; when the storage refuses one (a full disk), remove those
    written already and refuse with a message (the caller's transaction then
    keeps nothing of the signal's change either)."""
    stored: list[SignalAttachment] = []
    try:
        with storage_refusal_as("attachments"):
            for file in files:
                attachment = SignalAttachment(
                    signal=signal,
                    file=file,
                    filename=(file.name or "bijlage")[-255:],
                    size=file.size,
                    uploaded_by=by,
                )
                attachment.full_clean()
                attachment.save()
                stored.append(attachment)
    except ValidationError:
        for attachment in stored:
            attachment.file.delete(save=False)
        raise


@transaction.atomic
def signal_create(
    *,
    by,
    organisation: Organisation,
    attachments: Iterable = (),
    **fields,
) -> tuple[Signal, list[Finding]]:
    """Raise a signal as a draft for an organisation the author belongs to (civil
    servants may raise one for any organisation). Returns the signal and the
    personal data found in it, as a warning."""
    if not (by and by.is_authenticated):
        raise PermissionDenied(_("Meld je aan om een signaal te melden."))
    if not may_raise_signal_for(by, organisation.pk):
        raise PermissionDenied(
            _(
                "Je kunt alleen signalen melden voor een organisatie "
                "waar je lid van bent."
            )
        )
    files = _check_attachments(attachments)
    signal = Signal(organisation=organisation, author=by, state=S.DRAFT)
    relations = _assign(signal, fields)
    signal.reference = _next_reference(timezone.localdate().year)
    signal.full_clean()
    try:
        with transaction.atomic():
            signal.save()
    except IntegrityError:  # a reference taken at the same moment: the next one
        signal.reference = _next_reference(timezone.localdate().year)
        signal.save()
    for name, values in relations.items():
        getattr(signal, name).set(values)
    _store_attachments(signal, files, by)
    _event(signal, kind=Kind.CREATED, by=by, to_state=S.DRAFT)
    return signal, privacy_findings(signal)


def _require_organisation(signal: Signal, by, what: str) -> None:
    """Only an active member of the submitting organisation; to anyone who may not
    even see the signal, it does not exist."""
    permissions = signal_permissions(by, signal)
    if not permissions.can_view:
        raise PermissionDenied(_("Dat signaal bestaat niet."))
    if not permissions.acts_for_organisation:
        raise PermissionDenied(
            _("Alleen de indienende organisatie mag %(what)s.") % {"what": what}
        )


def _require_editable(signal: Signal) -> None:
    if signal.state not in EDITABLE_STATES:
        raise ValidationError(
            _(
                "Een signaal met status '%(state)s' kan niet meer gewijzigd worden; "
                "alleen een concept of een teruggestuurd signaal."
            )
            % {"state": signal.get_state_display()},
            code="not_editable",
        )


@transaction.atomic
def signal_update(
    *,
    signal: Signal,
    by,
    version: int | None = None,
    attachments: Iterable = (),
    **fields,
) -> tuple[Signal, list[Finding]]:
    """Edit a draft or returned signal (its organisation only). `version` is the
    version the editor started from; an edit of an older one is refused."""
    signal = _lock(signal)
    _require_organisation(signal, by, _("het signaal wijzigen"))
    _require_editable(signal)
    _check_version(signal, version)
    files = _check_attachments(attachments)
    relations = _assign(signal, fields)
    signal.version += 1
    signal.full_clean()
    signal.save()
    for name, values in relations.items():
        getattr(signal, name).set(values)
    _store_attachments(signal, files, by)
    _event(signal, kind=Kind.EDITED, by=by)
    return signal, privacy_findings(signal)


@transaction.atomic
def signal_attach(*, signal: Signal, by, file) -> SignalAttachment:
    """Add a file to a draft or returned signal."""
    signal = _lock(signal)
    _require_organisation(signal, by, _("bijlagen toevoegen"))
    _require_editable(signal)
    (file,) = _check_attachments([file])
    _store_attachments(signal, [file], by)
    return signal.attachments.latest("pk")


def transition_error(signal: Signal, to: str) -> ValidationError:
    return ValidationError(
        _("Een signaal met status '%(state)s' kan niet naar '%(to)s'.")
        % {
            "state": signal.get_state_display(),
            "to": S(to).label if to in S.values else to,
        },
        code="invalid_transition",
    )


@transaction.atomic
def signal_transition(
    *,
    signal: Signal,
    to: str,
    by,
    note: str = "",
    version: int | None = None,
    merged_into: Signal | None = None,
    answered_on: datetime.date | None = None,
) -> Signal:
    """Move a signal to state `to`, if the table allows it for this person, and
    append the step to the timeline. Rejecting, returning, communicating and
    answering need a note; merging a target signal; answering a date.
    Registration is refused while the texts hold personal data."""
    signal = _lock(signal)
    note = (note or "").strip()
    permissions = signal_permissions(by, signal)
    if not permissions.actors:  # who comes before what
        raise PermissionDenied(
            _("Alleen wie bij dit signaal betrokken is, kan de status wijzigen.")
        )
    allowed = TRANSITIONS.get((signal.state, to))
    if allowed is None:
        raise transition_error(signal, to)
    if to not in permissions.allowed_transitions:
        raise PermissionDenied(
            _(
                "Alleen %(who)s mag een signaal met status '%(state)s' naar "
                "'%(to)s' zetten."
            )
            % {
                "who": " of ".join(str(ACTOR_LABELS[a]) for a in sorted(allowed)),
                "state": signal.get_state_display(),
                "to": S(to).label,
            }
        )
    _check_version(signal, version)
    if to in NOTE_REQUIRED and not note:
        raise ValidationError({"note": [str(NOTE_REQUIRED[to])]}, code="note_required")
    if to == S.REGISTERED:
        findings = privacy_findings(signal)
        if findings:
            raise ValidationError(
                _(
                    "Dit signaal bevat nog persoonsgegevens (%(kinds)s). Laat de "
                    "indiener ze verwijderen voor het geregistreerd wordt."
                )
                % {"kinds": ", ".join(sorted({f.label for f in findings}))},
                code="personal_data",
            )
    from_state = signal.state
    now = timezone.now()
    if to == S.SUBMITTED:
        signal.submitted_at = now
    elif to == S.COMMUNICATED:
        signal.addressee = note[:200]
        signal.communicated_at = now
    elif to == S.ANSWERED:
        if answered_on is None:
            raise ValidationError(
                {"answered_on": [_("Geef de datum van het beleidsantwoord.")]},
                code="date_required",
            )
        signal.answer = note
        signal.answered_on = answered_on
    elif to == S.MERGED:
        _merge(signal, merged_into, by)
    signal.state = to
    signal.version += 1
    signal.full_clean()
    signal.save()
    _event(
        signal,
        kind=Kind.TRANSITION,
        by=by,
        note=note,
        from_state=from_state,
        to_state=to,
    )
    notifications.state_changed(signal, from_state=from_state, by=by, note=note)
    return signal


def _merge(signal: Signal, target: Signal | None, by) -> None:
    if target is None:
        raise ValidationError(
            {"merged_into": [_("Kies het signaal waarin dit signaal opgaat.")]},
            code="target_required",
        )
    target = _lock(target)
    if target.pk == signal.pk or target.state not in (S.SUBMITTED, *SHARED_STATES):
        raise ValidationError(
            {
                "merged_into": [
                    _(
                        "Samenvoegen kan alleen in een ander ingediend of "
                        "geregistreerd signaal."
                    )
                ]
            },
            code="invalid_target",
        )
    if not signal_is_visible_to(by, target):
        raise ValidationError(
            {"merged_into": [_("Dat signaal bestaat niet.")]}, code="invalid_target"
        )
    signal.merged_into = target
    target.co_organisations.add(
        signal.organisation, *signal.co_organisations.exclude(pk=target.organisation_id)
    )
    target.co_organisations.remove(target.organisation)
    target.version += 1
    target.save(update_fields=["version", "updated_at"])
    _event(
        target,
        kind=Kind.COMMENT,
        by=by,
        note=_("Signaal %(reference)s is in dit signaal samengevoegd.")
        % {"reference": signal.reference},
    )


@transaction.atomic
def signal_comment(*, signal: Signal, by, note: str) -> SignalEvent:
    """A comment on the timeline (no state change)."""
    signal = _lock(signal)
    if not signal_permissions(by, signal).can_comment:
        raise PermissionDenied(_("Je kunt bij dit signaal geen opmerking plaatsen."))
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": [_("Schrijf een opmerking.")]}, code="required")
    return _event(signal, kind=Kind.COMMENT, by=by, note=note)


@transaction.atomic
def signal_recognise(
    *, signal: Signal, by, organisation: Organisation, note: str = ""
) -> Recognition:
    """Another partner organisation records that it sees the same problem."""
    signal = _lock(signal)
    if organisation.pk not in active_organisation_ids(by):
        raise PermissionDenied(
            _("Je kunt alleen herkennen namens een organisatie waar je lid van bent.")
        )
    if signal.state not in SHARED_STATES:
        raise ValidationError(
            _("Alleen een geregistreerd signaal kan herkend worden."),
            code="not_registered",
        )
    if organisation.pk in signal.organisation_ids:
        raise ValidationError(
            _("Je organisatie draagt dit signaal al."), code="own_signal"
        )
    if signal.recognitions.filter(organisation=organisation).exists():
        raise ValidationError(
            _("%(organisation)s herkent dit signaal al.")
            % {"organisation": organisation},
            code="already_recognised",
        )
    recognition = Recognition(
        signal=signal, organisation=organisation, by=by, note=(note or "").strip()
    )
    recognition.full_clean()
    recognition.save()
    _event(
        signal,
        kind=Kind.RECOGNITION,
        by=by,
        note=_("Herkend door %(organisation)s. %(note)s")
        % {"organisation": organisation, "note": recognition.note},
    )
    return recognition


def _set_consent(signal: Signal, *, by, given: bool, note: str) -> Signal:
    signal = _lock(signal)
    if not signal_permissions(by, signal).holds_consent_right:
        raise PermissionDenied(
            _(
                "Alleen een coördinator van %(organisation)s kan toestemming geven "
                "of intrekken."
            )
            % {"organisation": signal.organisation}
        )
    if signal.state not in CONSENT_STATES:
        raise ValidationError(
            _("Voor een signaal met status '%(state)s' is geen toestemming nodig.")
            % {"state": signal.get_state_display()},
            code="consent_not_applicable",
        )
    if signal.consent_given == given:
        raise ValidationError(
            _("De toestemming is al gegeven.")
            if given
            else _("Er is geen toestemming om in te trekken."),
            code="consent_unchanged",
        )
    signal.consent_given = given
    signal.version += 1
    signal.save(update_fields=["consent_given", "version", "updated_at"])
    _event(
        signal,
        kind=Kind.CONSENT_GIVEN if given else Kind.CONSENT_WITHDRAWN,
        by=by,
        note=(note or "").strip(),
    )
    return signal


@transaction.atomic
def signal_consent_give(*, signal: Signal, by, note: str = "") -> Signal:
    """The organisation consents to publishing the signal in a bundle."""
    return _set_consent(signal, by=by, given=True, note=note)


@transaction.atomic
def signal_consent_withdraw(*, signal: Signal, by, note: str = "") -> Signal:
    """The organisation withdraws its consent: the signal leaves the public site."""
    return _set_consent(signal, by=by, given=False, note=note)


# Goals ------------------------------------------------------------------------------


def goal_label(goal: Goal) -> str:
    """How a goal is named on a signal's timeline: its code and title, as they were
    when the link was made."""
    return f"{goal.code} {goal.title}"


def _require_goal_linker(signal: Signal, by) -> None:
    if not may_link_signal_goals(by, signal):
        raise PermissionDenied(
            _("Alleen medewerkers van het lokaal bestuur koppelen signalen aan doelen.")
        )


@transaction.atomic
def signal_link_goals(*, signal: Signal, goals: Iterable[Goal], user) -> list[Goal]:
    """Link a signal to the goals it informs (goals of plans the civil servant may
    see); each new link is a line on the signal's timeline. Goals linked already
    are left as they are; returns the goals newly linked."""
    signal = _lock(signal)
    _require_goal_linker(signal, user)
    goals = list(goals)
    if not goals:
        raise ValidationError(
            {"goal": ValidationError(_("Kies een doelstelling."), code="required")}
        )
    visible = set(
        goals_visible_to(user)
        .filter(pk__in=[goal.pk for goal in goals])
        .values_list("pk", flat=True)
    )
    if any(goal.pk not in visible for goal in goals):
        raise ValidationError(
            {
                "goal": ValidationError(
                    _("Deze doelstelling bestaat niet of je kunt ze niet zien."),
                    code="invalid_goal",
                )
            }
        )
    linked = set(signal.goals.values_list("pk", flat=True))
    new = [goal for goal in dict.fromkeys(goals) if goal.pk not in linked]
    if not new:
        raise ValidationError(
            _("Het signaal is al aan deze doelstelling gekoppeld."),
            code="already_linked",
        )
    signal.goals.add(*new)
    for goal in new:
        _event(signal, kind=Kind.GOAL_LINKED, by=user, note=goal_label(goal))
    return new


@transaction.atomic
def signal_unlink_goal(*, signal: Signal, goal: Goal, user) -> None:
    """Undo a link between a signal and a goal; the timeline keeps both steps."""
    signal = _lock(signal)
    _require_goal_linker(signal, user)
    if not signal.goals.filter(pk=goal.pk).exists():
        raise ValidationError(
            _("Het signaal is niet aan deze doelstelling gekoppeld."),
            code="not_linked",
        )
    signal.goals.remove(goal)
    _event(signal, kind=Kind.GOAL_UNLINKED, by=user, note=goal_label(goal))
