"""The published social map as nested HSDS dicts: the JSON format as it is, and the
source the CSV tables are flattened from, so both formats carry the same data."""

from cms.socialmap import hsds
from cms.socialmap.models import Location, Organization, Service
from cms.socialmap.selectors import with_details


def socialmap_export() -> dict:
    """Every published organisation with its published services and its locations,
    as HSDS JSON (the shape `socialmap_import` reads)."""
    organizations = []
    for organization in Organization.objects.filter(live=True).order_by("name", "pk"):
        services = with_details(
            Service.objects.filter(organization=organization, live=True)
        ).order_by("name", "pk")
        locations = (
            Location.objects.filter(organization=organization)
            .prefetch_related("accessibility")
            .order_by("name", "pk")
        )
        organizations.append(hsds.organization(organization, services, locations))
    return {
        "hsds_version": hsds.HSDS_VERSION,
        "taxonomies": [hsds.taxonomy(item) for item in hsds.TAXONOMIES],
        "taxonomy_terms": hsds.taxonomy_terms(),
        "organizations": organizations,
    }
