"""The social map in the one search index: each published service (kind "service")
and organisation (kind "organisation"), public to all.

A service's text includes the names of its life domains and target groups, so a
need said in those words ("wonen", "ouderen") finds the services for it; it weighs
a little more than other documents (`SERVICE_BOOST`), and an organisation a little
less, since its services say better what one can ask for."""

from django.urls import reverse

from cms.socialmap.models import Organization, Service
from portal.access.audiences import Audience
from search.documents import DocumentKind, SearchDocument, object_key
from search.registry import Adapter, register

SERVICE_BOOST = 1.2
ORGANISATION_BOOST = 0.8


def _join(*parts) -> str:
    return " ".join(str(part) for part in parts if part)


@register(Service)
class ServiceAdapter(Adapter):
    def queryset(self):
        return (
            Service.objects.filter(live=True)
            .select_related("organization")
            .prefetch_related(
                "life_domains",
                "target_groups",
                "languages",
                "service_at_locations__location",
            )
        )

    def is_indexable(self, service) -> bool:
        return bool(service.live) and bool(service.organization.live)

    def documents(self, service):
        places = [
            _join(link.location.name, link.location.address_line)
            for link in service.service_at_locations.all()
        ]
        day = service.assured_date or service.updated_at.date()
        life_domains = tuple(domain.name for domain in service.life_domains.all())
        target_groups = tuple(group.name for group in service.target_groups.all())
        yield SearchDocument(
            key=object_key(service),
            kind=DocumentKind.SERVICE,
            title=service.name,
            body=_join(
                service.alternate_name,
                service.description,
                service.eligibility_description,
                service.application_process,
                service.fees_description,
                " ".join(language.name for language in service.languages.all()),
                " ".join(places),
                " ".join(life_domains),
                " ".join(target_groups),
            ),
            url=reverse("socialmap:service", args=[service.pk]),
            audience=Audience.PUBLIC,
            life_domains=life_domains,
            target_groups=target_groups,
            organisation=service.organization.name,
            date=day,
            year=day.year,
            boost=SERVICE_BOOST,
            context=service.organization.name,
        )

    def dependents(self, service):
        return ()


@register(Organization)
class OrganizationAdapter(Adapter):
    def queryset(self):
        return Organization.objects.filter(live=True)

    def is_indexable(self, organization) -> bool:
        return bool(organization.live)

    def documents(self, organization):
        yield SearchDocument(
            key=object_key(organization),
            kind=DocumentKind.ORGANISATION,
            title=organization.name,
            body=_join(organization.alternate_name, organization.description),
            url=reverse("socialmap:organization", args=[organization.pk]),
            audience=Audience.PUBLIC,
            organisation=organization.name,
            boost=ORGANISATION_BOOST,
        )

    def dependents(self, organization):
        return organization.services.filter(live=True)
