"""Who may see, save and propose what on the social map. Published services of
published organisations are the same for everyone; a signed-in person saves
services on their own page; a partner proposes changes to
the services of the organisations they are an active member of (through the
social-map organisation linked to theirs), anyone reports a mistake on a published
service; civil servants who publish services review both.

The social map passes its own querysets (access knows no content app)."""

from django.db.models import QuerySet

from portal.access.audiences import active_organisation_ids, is_signed_in


def organizations_visible_to(user, queryset: QuerySet) -> QuerySet:
    """Published organisations of the social map: the same for everyone."""
    return queryset.filter(live=True)


def services_visible_to(user, queryset: QuerySet) -> QuerySet:
    """Published services of published organisations: the same for everyone;
    drafts and proposals stay in the admin."""
    return queryset.filter(live=True, organization__live=True)


def may_save_services(user) -> bool:
    """Anyone signed in keeps a list of services on their own page; the
    anonymous have no page to keep it on."""
    return is_signed_in(user) and user.is_active


def saved_services_of(user, queryset: QuerySet) -> QuerySet:
    """The saved services (rows of `queryset`) a person sees: only their own."""
    if not may_save_services(user):
        return queryset.none()
    return queryset.filter(user=user)


def services_proposable_by(user, queryset: QuerySet) -> QuerySet:
    """Services a partner may propose changes to: those of the social-map
    organisations linked to an organisation they are an active member of."""
    if not is_signed_in(user):
        return queryset.none()
    return queryset.filter(
        organization__portal_organisation__in=active_organisation_ids(user)
    )


def may_review_proposals(user, model) -> bool:
    """Whether this user publishes `model` (a service) in the admin: the intranet
    shows proposals only to people who can act on them."""
    if not is_signed_in(user):
        return False
    return user.has_perm(f"{model._meta.app_label}.publish_{model._meta.model_name}")


def may_change_locations(user, model) -> bool:
    """Whether this user changes `model` (a location) in the admin: taking over a
    proposed address changes the place for every service offered there."""
    if not is_signed_in(user):
        return False
    return user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")


def proposals_reviewable_by(user, queryset: QuerySet, model) -> QuerySet:
    """The proposals and reports (rows of `queryset`) for services of `model` a
    person reviews: all of them for those who publish services, none for anyone
    else (partners see their own services' state, not the proposals)."""
    if not may_review_proposals(user, model):
        return queryset.none()
    return queryset
