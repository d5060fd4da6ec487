"""Accounts nobody uses and invitations that ended: warned, deactivated, removed.

An account counts as used from its last sign-in (or its creation, when it never
signed in). Superusers are never touched: a town must not lose its last
administrator to a timer.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone

from portal.models import Invitation


def _accounts() -> QuerySet:
    return (
        get_user_model()
        .objects.filter(is_superuser=False)
        .annotate(last_seen=Coalesce("last_login", "date_joined"))
    )


def accounts_reset_returning() -> int:
    """Forget the warning of accounts that signed in after it, and of accounts an
    administrator activated again."""
    returned = _accounts().filter(
        Q(last_login__gt=F("retention_warned_at"))
        | Q(is_active=True, retention_deactivated_at__isnull=False),
        retention_warned_at__isnull=False,
    )
    return (
        get_user_model()
        .objects.filter(pk__in=list(returned.values_list("pk", flat=True)))
        .update(retention_warned_at=None, retention_deactivated_at=None)
    )


def accounts_warn_inactive(
    *, unused_since: datetime.datetime, warning_days: int, dry_run: bool = False
) -> list[int]:
    """E-mail active accounts unused since `unused_since` that they will be
    deactivated in `warning_days` days unless someone signs in; returns their ids."""
    accounts = list(
        _accounts().filter(
            is_active=True, retention_warned_at__isnull=True, last_seen__lt=unused_since
        )
    )
    if dry_run:
        return [account.pk for account in accounts]
    now = timezone.now()
    for account in accounts:
        _send_warning(account, deadline=now + datetime.timedelta(days=warning_days))
        type(account).objects.filter(pk=account.pk).update(retention_warned_at=now)
    return [account.pk for account in accounts]


def _send_warning(account, *, deadline: datetime.datetime) -> None:
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    context = {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "account": account,
        "deadline": deadline,
        "removal_days": settings.RETENTION["ACCOUNT_REMOVAL_DAYS"],
        "login_url": f"{base_url}/accounts/login/",
    }
    folder = "emails/accounts"
    subject = render_to_string(f"{folder}/retention_warning_subject.txt", context)
    body = render_to_string(f"{folder}/retention_warning_body.txt", context)
    send_mail(
        " ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [account.email]
    )


def accounts_deactivate_warned(
    *, warned_before: datetime.datetime, dry_run: bool = False
) -> list[int]:
    """Deactivate accounts warned before `warned_before` that nobody signed in to
    since; returns their ids."""
    accounts = _accounts().filter(
        Q(last_login__isnull=True) | Q(last_login__lte=F("retention_warned_at")),
        is_active=True,
        retention_warned_at__lt=warned_before,
    )
    ids = sorted(accounts.values_list("pk", flat=True))
    if not dry_run:
        get_user_model().objects.filter(pk__in=ids).update(
            is_active=False, retention_deactivated_at=timezone.now()
        )
    return ids


def accounts_remove_deactivated(
    *, deactivated_before: datetime.datetime, dry_run: bool = False
) -> list[int]:
    """Delete accounts deactivated for inactivity before `deactivated_before` (and
    not reactivated since); their signals and history stay, without a name."""
    accounts = _accounts().filter(
        is_active=False, retention_deactivated_at__lt=deactivated_before
    )
    ids = sorted(accounts.values_list("pk", flat=True))
    if not dry_run:
        for account in get_user_model().objects.filter(pk__in=ids):
            account.delete()
    return ids


def invitations_remove_ended(
    *, ended_before: datetime.datetime, dry_run: bool = False
) -> list[int]:
    """Delete invitations accepted, withdrawn or expired before `ended_before`:
    the address a coordinator typed is not kept once it served."""
    invitations = Invitation.objects.filter(
        Q(accepted_at__lt=ended_before)
        | Q(withdrawn_at__lt=ended_before)
        | Q(expires_at__lt=ended_before)
    )
    ids = sorted(invitations.values_list("pk", flat=True))
    if not dry_run:
        Invitation.objects.filter(pk__in=ids).delete()
    return ids
