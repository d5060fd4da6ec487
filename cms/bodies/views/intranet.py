"""The intranet's advice pages (/intranet/advies/): the overdue advice, the
advising bodies without advice this year, and the form with which the town asks
a body for advice."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.bodies import services
from cms.bodies.display import overdue_ids
from cms.bodies.forms import AdviceRequestForm
from cms.bodies.models import Advice, AdviceState, Body
from cms.bodies.selectors import advising_bodies_without_advice, overdue_advice
from portal.access.bodies import (
    advice_visible_to,
    bodies_visible_to,
    may_request_advice,
)
from portal.access.doors import intranet_door
from portal.access.roles import Door
from portal.navigation import render_in_door

FINISHED = (AdviceState.CLOSED, AdviceState.WITHDRAWN)


def _render(request, template, context):
    return render_in_door(
        request, f"bodies/{template}", context, door=Door.INTRANET, current="advice"
    )


@intranet_door
def advice_overview(request):
    user = request.user
    today = timezone.localdate()
    visible = advice_visible_to(user, Advice.objects.select_related("body"))
    running = visible.exclude(state__in=FINISHED).order_by("-created_at")
    return _render(
        request,
        "intranet_advice.html",
        {
            "overdue": overdue_advice(today, visible).order_by("asked_on", "pk"),
            "without_advice": advising_bodies_without_advice(today.year).filter(
                pk__in=bodies_visible_to(user, Body.objects.all()).values("pk")
            ),
            "year": today.year,
            "running": running,
            "running_overdue": overdue_ids(today, running),
            "may_request": may_request_advice(user),
        },
    )


@intranet_door
def advice_request(request):
    user = request.user
    if not may_request_advice(user):
        raise PermissionDenied
    bodies = bodies_visible_to(user, Body.objects.filter(gives_advice=True))
    posted = request.method == "POST"
    form = AdviceRequestForm(
        request.POST if posted else None,
        bodies=bodies,
        initial={"asked_on": timezone.localdate()},
    )
    if posted:
        if form.is_valid():
            try:
                advice = services.advice_request(by=user, **form.cleaned_data)
            except (ValidationError, PermissionDenied) as error:
                if isinstance(error, PermissionDenied):
                    form.add_error(None, str(error))
                else:
                    form.apply_refusal(error)
            else:
                messages.success(
                    request,
                    _("Het advies is gevraagd aan %(body)s.") % {"body": advice.body},
                )
                return redirect("partners:body_advice", advice.pk)
        form.describe_errors()
    return _render(request, "advice_request_form.html", {"form": form})
