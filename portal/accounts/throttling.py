"""Failed sign-ins: counted per address *and network* (and per network), so that
nobody can lock a known account by failing on purpose.

allauth counts `login_failed` per IP and per "key", which is the address alone: five
wrong passwords from anywhere would keep the owner out too, even with the right
password from their own network. The adapter makes the key the pair of address and
client IP (allauth's own rate limiter, rates from ACCOUNT_RATE_LIMITS), so an
attacker only blocks themselves and the owner signs in from elsewhere, while one
network still cannot try many addresses (the per-IP rate).
"""

import math

from allauth.core.internal.ratelimit import get_ip, parse_rates
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

REFUSED_CODE = "too_many_login_attempts"


def login_attempts_key(request: HttpRequest, *, site_domain: str, login: str) -> str:
    """The `key` of allauth's `login_failed` rate: address and client network."""
    return f"{site_domain}:{login.lower()}:{get_ip(request)}"


def refusal_minutes() -> int:
    """How long a refusal lasts at most: the longest window of the failed-login
    rates (they slide, so the block lifts as the oldest failure ages out)."""
    rates = parse_rates(settings.ACCOUNT_RATE_LIMITS.get("login_failed"))
    longest = max((rate.duration for rate in rates), default=60)
    return max(1, math.ceil(longest / 60))


def login_refusal(request: HttpRequest) -> ValidationError:
    """The refusal after too many failures, saying for how long and where to set a
    new password: on the sign-in page with a link to the reset, in the app API as
    plain text with its address."""
    minutes = refusal_minutes()
    reset_url = request.build_absolute_uri(reverse("account_reset_password"))
    wait = ngettext(
        "Te veel inlogpogingen met dit e-mailadres vanaf jouw netwerk. Probeer het "
        "over %(minutes)d minuut opnieuw.",
        "Te veel inlogpogingen met dit e-mailadres vanaf jouw netwerk. Probeer het "
        "over %(minutes)d minuten opnieuw.",
        minutes,
    ) % {"minutes": minutes}
    if is_headless(request):
        reset = _("Wachtwoord vergeten? Stel een nieuw wachtwoord in via %(url)s") % {
            "url": reset_url
        }
        return ValidationError(f"{wait} {reset}", code=REFUSED_CODE)
    message = format_html(
        '{} {} <a href="{}">{}</a>.',
        wait,
        _("Wachtwoord vergeten?"),
        reset_url,
        _("Stel een nieuw wachtwoord in"),
    )
    return ValidationError(message, code=REFUSED_CODE)


def is_headless(request: HttpRequest) -> bool:
    """A request of allauth's headless API (the app sign-in)."""
    allauth_state = getattr(request, "allauth", None)
    return hasattr(allauth_state, "headless")
