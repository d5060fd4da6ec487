"""Personal data over time: the terms (settings.RETENTION, from the environment),
the rules that apply them, and the record of what each run did.

`manage.py apply_retention` runs `retention_apply` once a day from cron. Every rule
is a function that takes a moment and `dry_run` and returns what it touched (or
would touch); a real run appends one `RetentionRecord` per rule that touched
anything. The portal keeps no log of the e-mail it sends (README, "Personal data
over time"), so there is no rule for one.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from cms.signals.retention import signal_attachments_expire, signal_texts_anonymise
from cms.socialmap.retention import proposal_reporters_forget
from portal.models import RetentionRecord
from portal.retention.accounts import (
    accounts_deactivate_warned,
    accounts_remove_deactivated,
    accounts_reset_returning,
    accounts_warn_inactive,
    invitations_remove_ended,
)


@dataclass(frozen=True)
class RuleOutcome:
    rule: str
    description: str
    term_days: int
    touched: list  # signal references or ids

    @property
    def count(self) -> int:
        return len(self.touched)


@dataclass(frozen=True)
class Rule:
    name: str
    description: str
    setting: str
    apply: Callable[..., list]


def _days(name: str) -> int:
    return int(settings.RETENTION[name])


RULES = [
    Rule(
        "signal_attachments",
        "bijlagen van afgesloten signalen verwijderd",
        "SIGNAL_ATTACHMENTS_DAYS",
        lambda moment, dry_run: signal_attachments_expire(
            ended_before=moment, dry_run=dry_run
        ),
    ),
    Rule(
        "signal_texts",
        "vrije tekst van afgesloten signalen verwijderd",
        "SIGNAL_TEXT_DAYS",
        lambda moment, dry_run: signal_texts_anonymise(
            ended_before=moment, dry_run=dry_run
        ),
    ),
    Rule(
        "accounts_warned",
        "ongebruikte accounts verwittigd",
        "ACCOUNT_INACTIVE_DAYS",
        lambda moment, dry_run: accounts_warn_inactive(
            unused_since=moment,
            warning_days=_days("ACCOUNT_WARNING_DAYS"),
            dry_run=dry_run,
        ),
    ),
    Rule(
        "accounts_deactivated",
        "verwittigde accounts gedeactiveerd",
        "ACCOUNT_WARNING_DAYS",
        lambda moment, dry_run: accounts_deactivate_warned(
            warned_before=moment, dry_run=dry_run
        ),
    ),
    Rule(
        "accounts_removed",
        "gedeactiveerde accounts verwijderd",
        "ACCOUNT_REMOVAL_DAYS",
        lambda moment, dry_run: accounts_remove_deactivated(
            deactivated_before=moment, dry_run=dry_run
        ),
    ),
    Rule(
        "proposal_reporters",
        "melders van afgehandelde meldingen op de sociale kaart vergeten",
        "PROPOSAL_REPORTER_DAYS",
        lambda moment, dry_run: proposal_reporters_forget(
            decided_before=moment, dry_run=dry_run
        ),
    ),
    Rule(
        "invitations",
        "afgelopen uitnodigingen verwijderd",
        "INVITATION_DAYS",
        lambda moment, dry_run: invitations_remove_ended(
            ended_before=moment, dry_run=dry_run
        ),
    ),
]


def retention_apply(*, dry_run: bool = False) -> list[RuleOutcome]:
    """Apply every rule whose term is not 0; returns what each touched (or, with
    `dry_run`, would touch, changing and recording nothing)."""
    now = timezone.now()
    if not dry_run:
        accounts_reset_returning()
    outcomes = []
    for rule in RULES:
        days = _days(rule.setting)
        if days <= 0:
            continue
        touched = rule.apply(now - datetime.timedelta(days=days), dry_run)
        outcome = RuleOutcome(rule.name, rule.description, days, touched)
        outcomes.append(outcome)
        if not dry_run and touched:
            RetentionRecord.objects.create(
                ran_at=now,
                rule=rule.name,
                term_days=days,
                count=outcome.count,
                details=touched,
            )
    return outcomes
