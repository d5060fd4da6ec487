"""Partner upkeep in the partner portal (/partners/sociale-kaart/): a partner sees
the social-map services of its organisations and proposes changes to every part of
their pages; a civil servant reviews them on the intranet. Nothing here changes
what the public sees."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from cms.socialmap.proposal_forms import ProposalEditor
from cms.socialmap.selectors import services_proposable_by
from cms.socialmap.services import service_propose_change
from portal.access.doors import partners_door
from portal.access.roles import Door
from portal.navigation import render_in_door


def _render(request, template, context):
    return render_in_door(
        request,
        f"socialmap/{template}",
        context,
        door=Door.PARTNERS,
        current="socialmap",
    )


@partners_door
def proposals(request):
    services = services_proposable_by(request.user).order_by(
        "organization__name", "name"
    )
    return _render(request, "partner_services.html", {"services": services})


@partners_door
def propose(request, pk):
    service = get_object_or_404(services_proposable_by(request.user), pk=pk)
    editor = ProposalEditor(service, request.POST if request.method == "POST" else None)
    errors = []
    if request.method == "POST":
        if editor.is_valid():
            changes = editor.changes()
            if not changes:
                messages.info(request, _("Je hebt niets gewijzigd."))
                return redirect("socialmap_partners:proposals")
            try:
                service_propose_change(
                    service=service,
                    user=request.user,
                    changes=changes,
                    message=editor.message.cleaned_data["message"],
                )
            except ValidationError as error:
                errors = [{"message": text, "anchor": ""} for text in error.messages]
            else:
                messages.success(
                    request,
                    _(
                        "Bedankt. Je voorstel is bewaard; een medewerker van de "
                        "gemeente kijkt het na en neemt over wat klopt."
                    ),
                )
                return redirect("socialmap_partners:proposals")
        errors = editor.errors() + errors
    return _render(
        request,
        "partner_propose.html",
        {"service": service, "editor": editor, "errors": errors},
    )
