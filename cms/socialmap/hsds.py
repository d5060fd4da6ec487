"""The social map as Open Referral HSDS 3.0 objects (plain dicts), for the API and
the export. Empty values are left out: HSDS fields are typed strings or numbers,
never null.

The portal's life domains and target groups are two HSDS taxonomies; their ids and
those of their terms are derived from their slugs, so they are stable across sites
and exports. A third, fixed taxonomy holds the features of a service HSDS has no
field for (open on public holidays).
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from cms.models import LifeDomain, TargetGroup

HSDS_VERSION = "3.0"
NAMESPACE = uuid.UUID("6f0c8b8e-0b5e-4d35-9a52-2d3f1c6a7e10")
# The regular hours also apply on public holidays: HSDS has no notion of holidays,
# so this is an attribute (its link_type and the code of its term).
OPEN_ON_HOLIDAYS = "open_on_public_holidays"


@dataclass(frozen=True)
class Term:
    """A term of a fixed taxonomy, one the editors do not keep in the database."""

    slug: str
    name: str
    description: str


class Vocabulary:
    """One HSDS taxonomy: a cms vocabulary (`model`), or a fixed set of `fixed`
    terms."""

    def __init__(
        self,
        key: str,
        model,
        name: str,
        description: str,
        fixed: tuple[Term, ...] = (),
    ):
        self.key = key
        self.model = model
        self.name = name
        self.description = description
        self.fixed = fixed

    @property
    def id(self) -> str:
        return str(uuid.uuid5(NAMESPACE, f"taxonomy:{self.key}"))

    def term_id(self, slug: str) -> str:
        return str(uuid.uuid5(NAMESPACE, f"term:{self.key}:{slug}"))

    def terms(self) -> Iterable:
        """The terms (with `slug`, `name` and `description`)."""
        return self.model.objects.all() if self.model is not None else self.fixed


VOCABULARIES = [
    Vocabulary(
        "life_domain",
        LifeDomain,
        "Levensdomeinen",
        "De levensdomeinen van het lokaal sociaal beleid in Vlaanderen.",
    ),
    Vocabulary(
        "target_group",
        TargetGroup,
        "Doelgroepen",
        "De doelgroepen van het lokaal sociaal beleid.",
    ),
]
VOCABULARY = {vocabulary.key: vocabulary for vocabulary in VOCABULARIES}
# HSDS requires a taxonomy term on every attribute row of the tabular form, so the
# holiday attribute points at a term of this taxonomy, in the API and in both
# export formats alike.
SERVICE_FEATURES = Vocabulary(
    "service_feature",
    None,
    "Kenmerken van een dienst",
    "Kenmerken van een dienst die HSDS niet zelf beschrijft.",
    fixed=(
        Term(
            OPEN_ON_HOLIDAYS,
            "Open op wettelijke feestdagen",
            "De gewone openingsuren gelden ook op wettelijke feestdagen.",
        ),
    ),
)
OPEN_ON_HOLIDAYS_TERM = SERVICE_FEATURES.fixed[0]
# Every taxonomy the API lists and an export carries; VOCABULARIES are the ones
# services are filtered and linked by.
TAXONOMIES = [*VOCABULARIES, SERVICE_FEATURES]


def compact(data: dict) -> dict:
    """Leave out empty values (None, ""), keep lists and zeros."""
    return {key: value for key, value in data.items() if value not in (None, "")}


def _text(value) -> str | None:
    return str(value) if value not in (None, "") else None


def _date(value) -> str | None:
    return value.isoformat() if value else None


def _time(value) -> str | None:
    return value.strftime("%H:%M") if value else None


def _number(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def taxonomy(vocabulary: Vocabulary) -> dict:
    return {
        "id": vocabulary.id,
        "name": vocabulary.name,
        "description": vocabulary.description,
        "version": "1",
    }


def taxonomy_term(vocabulary: Vocabulary, term) -> dict:
    return compact(
        {
            "id": vocabulary.term_id(term.slug),
            "code": term.slug,
            "name": term.name,
            "description": term.description or term.name,
            "taxonomy": vocabulary.name,
            "taxonomy_id": vocabulary.id,
            "taxonomy_detail": taxonomy(vocabulary),
            "language": "nl",
        }
    )


def taxonomy_terms(vocabulary: Vocabulary | None = None) -> list[dict]:
    """The terms of one taxonomy, or of every taxonomy (`TAXONOMIES`)."""
    vocabularies = [vocabulary] if vocabulary else TAXONOMIES
    return [taxonomy_term(item, term) for item in vocabularies for term in item.terms()]


def _attribute(service, vocabulary: Vocabulary, term, **extra) -> dict:
    term_id = vocabulary.term_id(term.slug)
    return {
        "id": str(uuid.uuid5(service.pk, term_id)),
        "link_id": str(service.pk),
        "link_type": vocabulary.key,
        "link_entity": "service",
        "taxonomy_term_id": term_id,
        "taxonomy_term": taxonomy_term(vocabulary, term),
        **extra,
    }


def _attributes(service) -> list[dict]:
    attributes = [
        _attribute(service, VOCABULARY[key], term)
        for key, terms in (
            ("life_domain", service.life_domains.all()),
            ("target_group", service.target_groups.all()),
        )
        for term in terms
    ]
    if not service.closed_on_public_holidays:
        attributes.append(
            _attribute(
                service,
                SERVICE_FEATURES,
                OPEN_ON_HOLIDAYS_TERM,
                id=str(uuid.uuid5(service.pk, OPEN_ON_HOLIDAYS)),
                link_type=OPEN_ON_HOLIDAYS,
                value="true",
            )
        )
    return attributes


def location(item) -> dict:
    data = compact(
        {
            "id": str(item.pk),
            "location_type": item.location_type,
            "organization_id": _text(item.organization_id),
            "name": item.name,
            "description": item.description,
            "transportation": item.transportation,
            "latitude": item.latitude,
            "longitude": item.longitude,
        }
    )
    data["addresses"] = []
    if item.address_1 and item.city and item.postal_code:
        data["addresses"].append(
            compact(
                {
                    "id": str(item.address_id),
                    "location_id": str(item.pk),
                    "address_1": item.address_1,
                    "address_2": item.address_2,
                    "city": item.city,
                    "state_province": item.state_province or "-",
                    "postal_code": item.postal_code,
                    "country": item.country,
                    "address_type": "physical",
                }
            )
        )
    data["accessibility"] = [
        compact(
            {
                "id": str(arrangement.pk),
                "location_id": str(item.pk),
                "description": arrangement.description,
                "details": arrangement.feature,
                "url": arrangement.url,
            }
        )
        for arrangement in item.accessibility.all()
    ]
    return data


def organization_summary(organization) -> dict:
    return compact(
        {
            "id": str(organization.pk),
            "name": organization.name,
            "alternate_name": organization.alternate_name,
            "description": organization.description or organization.name,
            "email": organization.email,
            "website": organization.website,
        }
    )


def service_summary(service) -> dict:
    """The one-to-one fields of a service (HSDS `service_list`)."""
    return compact(
        {
            "id": str(service.pk),
            "organization_id": str(service.organization_id),
            "name": service.name,
            "alternate_name": service.alternate_name,
            "description": service.description,
            "url": service.url,
            "email": service.email,
            "status": service.status,
            "interpretation_services": service.interpretation_services,
            "application_process": service.application_process,
            "fees_description": service.fees_description,
            "eligibility_description": service.eligibility_description,
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "assured_date": _date(service.assured_date),
            "assurer_email": service.assurer_email,
            "alert": service.alert,
            "last_modified": service.updated_at.isoformat()
            if service.updated_at
            else None,
        }
    )


def schedule(rule, service_id: str) -> dict:
    return compact(
        {
            "id": str(rule.pk),
            "service_id": service_id,
            "freq": "WEEKLY" if rule.byday else None,
            "wkst": "MO" if rule.byday else None,
            "byday": rule.byday,
            "opens_at": _time(rule.opens_at),
            "closes_at": _time(rule.closes_at),
            "valid_from": _date(rule.valid_from),
            "valid_to": _date(rule.valid_to),
            "description": rule.description,
        }
    )


def service(service, *, with_organization: bool = True) -> dict:
    """A service with everything about it (HSDS `service`)."""
    service_id = str(service.pk)
    data = service_summary(service)
    data["phones"] = [
        compact(
            {
                "id": str(phone.pk),
                "service_id": service_id,
                "number": phone.number,
                "type": phone.type,
                "description": phone.description,
            }
        )
        for phone in service.phones.all()
    ]
    data["schedules"] = [schedule(rule, service_id) for rule in service.schedules.all()]
    data["service_at_locations"] = [
        compact(
            {
                "id": str(link.pk),
                "service_id": service_id,
                "location_id": str(link.location_id),
                "description": link.description,
                "location": location(link.location),
            }
        )
        for link in service.service_at_locations.all()
    ]
    data["languages"] = [
        compact(
            {
                "id": str(language.pk),
                "service_id": service_id,
                "name": language.name,
                "code": language.code,
                "note": language.note,
            }
        )
        for language in service.languages.all()
    ]
    data["cost_options"] = [
        compact(
            {
                "id": str(option.pk),
                "service_id": service_id,
                "option": option.option,
                "amount": _number(option.amount),
                "currency": option.currency,
                "amount_description": option.amount_description,
                "valid_from": _date(option.valid_from),
                "valid_to": _date(option.valid_to),
            }
        )
        for option in service.cost_options.all()
    ]
    data["contacts"] = [
        compact(
            {
                "id": str(contact.pk),
                "service_id": service_id,
                "name": contact.name,
                "title": contact.title,
                "department": contact.department,
                "email": contact.email,
            }
        )
        for contact in service.contacts.all()
    ]
    data["attributes"] = _attributes(service)
    if with_organization:
        data["organization"] = organization_summary(service.organization)
    return data


def organization(organization, services, locations) -> dict:
    """An organisation with its services and locations (HSDS `organization`)."""
    data = organization_summary(organization)
    data["services"] = [service(item, with_organization=False) for item in services]
    data["locations"] = [location(item) for item in locations]
    return data


def service_at_location(link) -> dict:
    return compact(
        {
            "id": str(link.pk),
            "service_id": str(link.service_id),
            "location_id": str(link.location_id),
            "description": link.description,
            "location": location(link.location),
            "service": service_summary(link.service),
        }
    )


def api_root(openapi_url: str) -> dict:
    return {
        "version": HSDS_VERSION,
        "profile": "https://docs.openreferral.org/en/v3.0/",
        "openapi_url": openapi_url,
        "description": _("De sociale kaart, als Open Referral HSDS 3.0."),
    }
