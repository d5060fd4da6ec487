"""Partner upkeep in the partner portal (/partners/sociale-kaart/): a partner sees
the social-map services of its organisations and proposes changes; a civil servant
publishes them in the admin. Nothing here changes what the public sees."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from cms.socialmap.models import Service
from cms.socialmap.selectors import services_proposable_by
from cms.socialmap.services import PROPOSABLE_FIELDS, service_propose_change
from portal.access.doors import partners_door
from portal.access.roles import Door
from portal.navigation import render_in_door


class ProposalForm(forms.ModelForm):
    class Meta:
        model = Service
        fields = PROPOSABLE_FIELDS


def _render(request, template, context):
    return render_in_door(request, f"socialmap/{template}", context, door=Door.PARTNERS)


@partners_door
def proposals(request):
    services = services_proposable_by(request.user).order_by(
        "organization__name", "name"
    )
    return _render(request, "partner_services.html", {"services": services})


@partners_door
def propose(request, pk):
    service = get_object_or_404(services_proposable_by(request.user), pk=pk)
    draft = service.get_latest_revision_as_object()
    form = ProposalForm(request.POST or None, instance=draft)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        if not changes:
            messages.info(request, _("Je hebt niets gewijzigd."))
            return redirect("socialmap_partners:proposals")
        try:
            service_propose_change(service=service, user=request.user, changes=changes)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Bedankt. Je voorstel is bewaard; een medewerker van de gemeente "
                    "kijkt het na en publiceert het."
                ),
            )
            return redirect("socialmap_partners:proposals")
    return _render(request, "partner_propose.html", {"service": service, "form": form})
