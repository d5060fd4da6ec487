"""Writes on advice: ask, start on own initiative, write its text and
recommendations, move along the lifecycle, answer per recommendation, extend the
body's term, report how the answer comes along. Keyword-only, atomic, checked
with `full_clean()`; every change appends to the advice's timeline
(`AdviceEvent`). Screens, API and demo call these only.

Refusals are `PermissionDenied` (who) or `ValidationError` with a stable code
(what): `invalid_transition`, `note_required`, `stale`, `no_advice`,
`recommendations_required`, `answers_required`, `reason_required`,
`invalid_extension`, `not_editable`.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.bodies.lifecycle import NEEDS_RECOMMENDATIONS, NOTE_REQUIRED, TRANSITIONS
from cms.bodies.models import (
    Advice,
    AdviceEvent,
    AdviceKind,
    AdviceState,
    AnswerStatusUpdate,
    Body,
    Recommendation,
    RecommendationAnswer,
)
from cms.bodies.terms import body_due_date
from portal.access.bodies import (
    BODY_ACTOR_LABELS,
    AdvicePermissions,
    BodyActor,
    advice_permissions,
    may_request_advice,
    may_start_own_initiative,
)

A = AdviceState
Kind = AdviceEvent.Kind


def _lock(advice: Advice) -> Advice:
    return Advice.objects.select_for_update().get(pk=advice.pk)


def _check_version(advice: Advice, version: int | None) -> None:
    if version is not None and int(version) != advice.version:
        raise ValidationError(
            _(
                "Iemand anders heeft dit advies intussen gewijzigd. Herlaad de "
                "pagina en probeer opnieuw."
            ),
            code="stale",
        )


def _event(advice: Advice, *, kind: str, by, note: str = "", **extra) -> AdviceEvent:
    event = AdviceEvent(advice=advice, kind=kind, actor=by, note=note, **extra)
    event.full_clean()
    event.save()
    return event


def _bump(advice: Advice, *fields: str) -> None:
    advice.version += 1
    advice.full_clean()
    advice.save(update_fields=[*fields, "version", "updated_at"])


def _require_gives_advice(body: Body) -> None:
    if not body.gives_advice:
        raise ValidationError(
            _("%(body)s geeft geen advies.") % {"body": body}, code="no_advice"
        )


def _permissions(advice: Advice, by) -> AdvicePermissions:
    """Who comes before what: to anyone who may not see the advice, it does not
    exist."""
    permissions = advice_permissions(by, advice)
    if not permissions.can_view:
        raise PermissionDenied(_("Dat advies bestaat niet."))
    return permissions


@transaction.atomic
def advice_request(
    *,
    body: Body,
    by,
    title: str,
    question: str = "",
    asked_on: datetime.date | None = None,
    urgent: bool = False,
) -> Advice:
    """The town asks a body for advice; the body's term runs from `asked_on`
    (today by default)."""
    if not may_request_advice(by):
        raise PermissionDenied(_("Alleen het lokaal bestuur kan advies vragen."))
    _require_gives_advice(body)
    advice = Advice(
        body=body,
        kind=AdviceKind.REQUEST,
        title=(title or "").strip(),
        question=(question or "").strip(),
        asked_on=asked_on or timezone.localdate(),
        urgent=urgent,
        state=A.REQUESTED,
    )
    advice.full_clean()
    advice.save()
    _event(advice, kind=Kind.CREATED, by=by, to_state=A.REQUESTED)
    return advice


@transaction.atomic
def advice_create_own_initiative(
    *, body: Body, by, title: str, question: str = ""
) -> Advice:
    """The body starts an advice nobody asked for (through its chair or
    secretary); it has no term until it is submitted."""
    if not may_start_own_initiative(by, body.pk):
        raise PermissionDenied(
            _(
                "Alleen de voorzitter of secretaris van %(body)s kan een advies op "
                "eigen initiatief starten."
            )
            % {"body": body}
        )
    _require_gives_advice(body)
    advice = Advice(
        body=body,
        kind=AdviceKind.OWN_INITIATIVE,
        title=(title or "").strip(),
        question=(question or "").strip(),
        state=A.IN_PREPARATION,
    )
    advice.full_clean()
    advice.save()
    _event(advice, kind=Kind.CREATED, by=by, to_state=A.IN_PREPARATION)
    return advice


@transaction.atomic
def advice_edit(
    *,
    advice: Advice,
    by,
    text: str | None = None,
    recommendations: list[str] | None = None,
    version: int | None = None,
) -> Advice:
    """The body's chair or secretary writes the advice while the body prepares
    it: its text and its recommendations, numbered 1, 2, ... in the given order
    (None leaves either as it is). Recommendations keep their rows by number, so
    links to them survive an edit."""
    advice = _lock(advice)
    permissions = _permissions(advice, by)
    if not permissions.can_edit:
        if BodyActor.OFFICER not in permissions.actors:
            raise PermissionDenied(
                _(
                    "Alleen de voorzitter of secretaris van het orgaan schrijft "
                    "de tekst van een advies."
                )
            )
        raise ValidationError(
            _(
                "Een advies met status '%(state)s' kan niet meer gewijzigd "
                "worden: de tekst verandert alleen tijdens de voorbereiding."
            )
            % {"state": advice.get_state_display()},
            code="not_editable",
        )
    _check_version(advice, version)
    fields = []
    if text is not None:
        advice.text = text.strip()
        fields.append("text")
    if recommendations is not None:
        _replace_recommendations(advice, recommendations)
    _bump(advice, *fields)
    _event(advice, kind=Kind.EDITED, by=by)
    return advice


def _replace_recommendations(advice: Advice, texts: list[str]) -> None:
    texts = [(text or "").strip() for text in texts]
    if any(not text for text in texts):
        raise ValidationError(
            {"recommendations": [_("Een aanbeveling heeft een tekst.")]},
            code="invalid",
        )
    existing = {r.number: r for r in advice.recommendations.select_for_update()}
    for number, text in enumerate(texts, start=1):
        recommendation = existing.pop(number, None) or Recommendation(
            advice=advice, number=number
        )
        recommendation.text = text
        recommendation.full_clean()
        recommendation.save()
    Recommendation.objects.filter(pk__in=[r.pk for r in existing.values()]).delete()


def transition_error(advice: Advice, to: str) -> ValidationError:
    return ValidationError(
        _("Een advies met status '%(state)s' kan niet naar '%(to)s'.")
        % {
            "state": advice.get_state_display(),
            "to": A(to).label if to in A.values else to,
        },
        code="invalid_transition",
    )


def _check_step(advice: Advice, to: str) -> None:
    """What a step needs besides the table: recommendations to adopt and submit,
    an answer to every recommendation to record the town's answer."""
    recommendations = advice.recommendations.all()
    if to in NEEDS_RECOMMENDATIONS and not recommendations.exists():
        raise ValidationError(
            _("Een advies bevat minstens één aanbeveling."),
            code="recommendations_required",
        )
    if to == A.ANSWERED and recommendations.filter(answer="").exists():
        raise ValidationError(
            _("Beantwoord eerst elke aanbeveling."), code="answers_required"
        )


@transaction.atomic
def advice_transition(
    *, advice: Advice, to: str, by, note: str = "", version: int | None = None
) -> Advice:
    """Move an advice to state `to`, if the table allows it for this person, and
    append the step to the timeline."""
    advice = _lock(advice)
    note = (note or "").strip()
    permissions = _permissions(advice, by)
    if not permissions.actors:
        raise PermissionDenied(
            _("Alleen wie bij dit advies betrokken is, kan de status wijzigen.")
        )
    allowed = TRANSITIONS.get((advice.state, to))
    if allowed is None:
        raise transition_error(advice, to)
    if to not in permissions.allowed_transitions:
        raise PermissionDenied(
            _(
                "Alleen %(who)s mag een advies met status '%(state)s' naar "
                "'%(to)s' zetten."
            )
            % {
                "who": " of ".join(str(BODY_ACTOR_LABELS[a]) for a in sorted(allowed)),
                "state": advice.get_state_display(),
                "to": A(to).label,
            }
        )
    _check_version(advice, version)
    if to in NOTE_REQUIRED and not note:
        raise ValidationError({"note": [str(NOTE_REQUIRED[to])]}, code="note_required")
    _check_step(advice, to)
    from_state = advice.state
    advice.state = to
    _bump(advice, "state")
    _event(
        advice,
        kind=Kind.TRANSITION,
        by=by,
        note=note,
        from_state=from_state,
        to_state=to,
    )
    return advice


@transaction.atomic
def advice_answer(
    *,
    recommendation: Recommendation,
    by,
    answer: str,
    reason: str = "",
    version: int | None = None,
) -> Recommendation:
    """The town's answer to one recommendation of a submitted advice: taken over,
    partly, or not (the last two with a reason). Recording the answer as a whole
    is the `answered` step, once every recommendation has one."""
    advice = _lock(recommendation.advice)
    if not _permissions(advice, by).can_answer:
        raise PermissionDenied(
            _(
                "Alleen het lokaal bestuur beantwoordt een advies, en alleen "
                "wanneer het bezorgd is."
            )
        )
    _check_version(advice, version)
    recommendation = Recommendation.objects.select_for_update().get(
        pk=recommendation.pk
    )
    recommendation.answer = answer
    recommendation.answer_reason = (reason or "").strip()
    recommendation.full_clean()
    recommendation.save(update_fields=["answer", "answer_reason"])
    _bump(advice)
    _event(
        advice,
        kind=Kind.ANSWER,
        by=by,
        note=_("Aanbeveling %(number)s: %(answer)s. %(reason)s")
        % {
            "number": recommendation.number,
            "answer": RecommendationAnswer(answer).label,
            "reason": recommendation.answer_reason,
        },
    )
    return recommendation


@transaction.atomic
def advice_extend(
    *,
    advice: Advice,
    by,
    until: datetime.date,
    reason: str,
    version: int | None = None,
) -> Advice:
    """The town and the body agree on more time: `until` replaces the due date."""
    advice = _lock(advice)
    if not _permissions(advice, by).can_extend:
        raise PermissionDenied(
            _("Alleen het lokaal bestuur verlengt de termijn van een lopend advies.")
        )
    _check_version(advice, version)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": [_("Geef de reden van de verlenging.")]}, code="note_required"
        )
    due = body_due_date(advice)
    if due is None or until <= due:
        raise ValidationError(
            {"until": [_("Een verlenging valt na de huidige termijn.")]},
            code="invalid_extension",
        )
    advice.extended_until = until
    advice.extension_reason = reason
    _bump(advice, "extended_until", "extension_reason")
    _event(
        advice,
        kind=Kind.EXTENSION,
        by=by,
        note=_("Verlengd tot %(until)s: %(reason)s")
        % {"until": until.strftime("%d/%m/%Y"), "reason": reason},
    )
    return advice


@transaction.atomic
def advice_report_status(
    *, advice: Advice, by, text: str, date: datetime.date | None = None
) -> AnswerStatusUpdate:
    """The town tells the body how far its answer has come. Informs only: the
    town's term keeps running from the submission."""
    advice = _lock(advice)
    if not _permissions(advice, by).can_report_status:
        raise PermissionDenied(
            _("Alleen het lokaal bestuur geeft een stand van zaken over zijn antwoord.")
        )
    update = AnswerStatusUpdate(
        advice=advice,
        date=date or timezone.localdate(),
        text=(text or "").strip(),
        author=by,
    )
    update.full_clean()
    update.save()
    _event(advice, kind=Kind.STATUS_UPDATE, by=by, note=update.text)
    return update


#: What an admin edit may change and the timeline names (the state never changes
#: there; see `cms.bodies.wagtail_hooks`).
ADMIN_FIELDS = ("title", "question", "asked_on", "urgent", "text", "published")


def advice_snapshot(advice: Advice) -> dict:
    """The fields an admin edit may change and the recommendations, as stored."""
    stored = Advice.objects.get(pk=advice.pk)
    snapshot = {name: getattr(stored, name) for name in ADMIN_FIELDS}
    snapshot["recommendations"] = list(
        stored.recommendations.order_by("number").values_list("number", "text")
    )
    return snapshot


def _shown(value) -> str:
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value or "–")


@transaction.atomic
def advice_record_admin_edit(*, advice: Advice, by, before: dict) -> AdviceEvent | None:
    """An edit in the admin changes what the terms and the public record rest on
    (the date asked, urgency, publication, the text): the timeline says what
    changed and who changed it, as for every other step. Nothing changed, no
    line."""
    after = advice_snapshot(advice)
    changes = []
    for name in ADMIN_FIELDS:
        if before[name] != after[name]:
            label = Advice._meta.get_field(name).verbose_name
            if name in ("asked_on", "urgent", "published"):
                changes.append(
                    f"{label}: {_shown(before[name])} → {_shown(after[name])}"
                )
            else:
                changes.append(str(label))
    if before["recommendations"] != after["recommendations"]:
        changes.append(_("aanbevelingen"))
    if not changes:
        return None
    advice = _lock(advice)
    _bump(advice)
    return _event(
        advice,
        kind=Kind.EDITED,
        by=by,
        note=_("Gewijzigd in het beheer: %(changes)s.")
        % {"changes": "; ".join(changes)},
    )


@transaction.atomic
def advice_publish(
    *, advice: Advice, by, published: bool, version: int | None = None
) -> Advice:
    """The body decides whether its adopted advice (and, later, the town's answer)
    is public."""
    advice = _lock(advice)
    if not _permissions(advice, by).can_publish:
        raise PermissionDenied(
            _(
                "Alleen de voorzitter of secretaris van het orgaan maakt een "
                "goedgekeurd advies openbaar."
            )
        )
    _check_version(advice, version)
    advice.published = published
    _bump(advice, "published")
    _event(
        advice,
        kind=Kind.PUBLICATION,
        by=by,
        note=_("Openbaar gemaakt.") if published else _("Niet meer openbaar."),
    )
    return advice
