"""How long a social-map report keeps what may identify its sender (see
`portal.retention` for the terms and the command that applies them).

A citizen's "Meld een fout" may leave an e-mail address for questions, and its
own words may name them; a partner's proposal is signed by an account, whose
retention is the account's. Once a report is decided, the address goes and the
citizen's words are replaced after one term; what was decided, on which service
and when, stays."""

import datetime

from django.db import transaction
from django.db.models import Q

from cms.socialmap.models import ProposalKind, ServiceProposal

REMOVED_TEXT = "[Tekst verwijderd na de bewaartermijn.]"


@transaction.atomic
def proposal_reporters_forget(
    *, decided_before: datetime.datetime, dry_run: bool = False
) -> list[int]:
    """Clear the sender's address of proposals decided before `decided_before`,
    and a citizen's own words; returns the ids of the proposals changed."""
    decided = ServiceProposal.objects.filter(decided_at__lt=decided_before)
    holding = decided.filter(
        ~Q(reporter_email="")
        | (Q(kind=ProposalKind.REPORT) & ~Q(message="") & ~Q(message=REMOVED_TEXT))
    )
    ids = list(holding.order_by("pk").values_list("pk", flat=True))
    if dry_run or not ids:
        return ids
    ServiceProposal.objects.filter(pk__in=ids).update(reporter_email="")
    ServiceProposal.objects.filter(pk__in=ids, kind=ProposalKind.REPORT).exclude(
        message=""
    ).update(message=REMOVED_TEXT)
    return ids
