"""The intranet's review of social-map proposals (/intranet/sociale-kaart/): the
partners' proposals and citizens' reports that wait, and per proposal what is
published now beside what is proposed, part by part, with a box per part to take
it over. Who may review is decided in `portal.access.socialmap`."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.admin_url_finder import AdminURLFinder

from cms.socialmap import proposals as parts
from cms.socialmap.models import ProposalKind
from cms.socialmap.selectors import proposals_awaiting_review, proposals_reviewable_by
from cms.socialmap.services import proposal_decide
from portal.access.doors import intranet_door
from portal.access.roles import Door
from portal.navigation import render_in_door

RECENTLY_DECIDED = 10
ACCEPT = "overnemen"
ACCEPT_KEEP_REST = "overnemen-rest-later"
REJECT_ALL = "afwijzen"
HANDLED = "verwerkt"


class ReviewForm(forms.Form):
    """The parts a reviewer takes over (the proposal's keys); the others are
    rejected with the same click."""

    accept = forms.MultipleChoiceField(label=gettext_lazy("Overnemen"), required=False)

    def __init__(self, *args, keys: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accept"].choices = [(key, key) for key in keys]


def _render(request, template, context):
    return render_in_door(
        request,
        f"socialmap/{template}",
        context,
        door=Door.INTRANET,
        current="socialmap",
    )


@intranet_door
def proposal_list(request):
    reviewable = proposals_reviewable_by(request.user)
    return _render(
        request,
        "proposal_list.html",
        {
            "waiting": proposals_awaiting_review(request.user),
            "decided": reviewable.filter(decided_at__isnull=False).order_by(
                "-decided_at"
            )[:RECENTLY_DECIDED],
        },
    )


def _verdict(proposal, action: str, chosen: set[str]) -> tuple[set, set]:
    """The parts taken over and rejected for the button pressed."""
    if proposal.kind == ProposalKind.REPORT:
        return ({"report"}, set()) if action == HANDLED else (set(), {"report"})
    open_parts = set(proposal.undecided)
    if action == REJECT_ALL:
        return set(), open_parts
    if action == ACCEPT_KEEP_REST:
        return chosen, set()
    return chosen, open_parts - chosen


def _decide(request, form, proposal) -> bool:
    """Take the reviewer's decision; on a refusal, say why on the form."""
    action = request.POST.get("action", "")
    chosen = set(form.cleaned_data["accept"])
    if proposal.kind == ProposalKind.PARTNER and action != REJECT_ALL and not chosen:
        form.add_error(
            "accept",
            _("Vink minstens één onderdeel aan, of wijs het hele voorstel af."),
        )
        return False
    accepted, rejected = _verdict(proposal, action, chosen)
    try:
        proposal_decide(
            proposal=proposal, user=request.user, accepted=accepted, rejected=rejected
        )
    except PermissionDenied:
        form.add_error(None, _("Je mag deze onderdelen niet overnemen."))
        return False
    except ValidationError as error:
        form.add_error(None, error)
        return False
    if accepted and proposal.kind == ProposalKind.PARTNER:
        text = _("De gekozen onderdelen staan nu op de pagina van “%(name)s”.")
    else:
        text = _("Je beslissing over “%(name)s” is bewaard.")
    messages.success(request, text % {"name": proposal.service.name})
    return True


@intranet_door
def proposal_review(request, pk):
    proposal = get_object_or_404(proposals_reviewable_by(request.user), pk=pk)
    service = proposal.service
    form = ReviewForm(
        request.POST if request.method == "POST" else None, keys=proposal.undecided
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _decide(request, form, proposal)
    ):
        return redirect("intranet:socialmap_proposals")
    return _render(
        request,
        "proposal_review.html",
        {
            "proposal": proposal,
            "service": service,
            "differences": parts.differences(service, proposal),
            "form": form,
            "edit_url": AdminURLFinder(request.user).get_edit_url(service),
            "actions": {
                "accept": ACCEPT,
                "keep": ACCEPT_KEEP_REST,
                "reject": REJECT_ALL,
                "handled": HANDLED,
            },
        },
    )
