"""Finding the shared vocabularies and organisations that an imported text names.

Texts name a life domain or a social right the way their authors speak ("zorg en
gezondheid", "Arbeid En Sociale Zekerheid"); the terms carry aliases so those words
find them.
"""

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from cms.models.taxonomy import Term
from portal.models import Organisation


class TermIndex:
    """The terms of one vocabulary, looked up by name, slug or alias, ignoring case.
    Loaded once per import so a CSV of hundreds of rows makes one query."""

    def __init__(self, model: type[Term]):
        self.model = model
        self.terms = list(model.objects.all())
        self.by_slug = {term.slug: term for term in self.terms}

    def match(self, words: str) -> list[Term]:
        """Every term that answers to these words (an alias may be shared, as
        'arbeid en sociale zekerheid' is by two social rights)."""
        key = words.strip().casefold()
        if not key:
            return []
        return [term for term in self.terms if key in _keys(term)]

    def from_slugs(self, value: str) -> tuple[list[Term], list[str]]:
        """Terms for a ';'-separated list of slugs (or names), and the unknown ones."""
        found, unknown = [], []
        for part in value.split(";"):
            part = part.strip()
            if not part:
                continue
            term = self.by_slug.get(part)
            matches = [term] if term else self.match(part)
            if matches:
                found.extend(term for term in matches if term not in found)
            else:
                unknown.append(part)
        return found, unknown


def _keys(term: Term) -> set[str]:
    return {
        term.name.casefold(),
        term.slug.casefold(),
        *(alias.casefold() for alias in term.alias_list()),
    }


def organisation_named(name: str) -> Organisation:
    """The organisation with this name (ignoring case), created when it is new."""
    name = " ".join(name.split())
    existing = Organisation.objects.filter(name__iexact=name).first()
    if existing is not None:
        return existing
    base = slugify(name, allow_unicode=True)[:240] or "organisatie"
    slug, counter = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug = f"{base}-{counter}"
        counter += 1
    organisation = Organisation(name=name, slug=slug)
    organisation.full_clean()
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError:
        return Organisation.objects.get(name__iexact=name)
    return organisation
