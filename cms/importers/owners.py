"""Match the owner texts of an imported goal tree ("Dienst wonen + Woonmaatschappij
Wilgenland") to organisations: by exact name or by a configured alias
(`portal.OrganisationAlias`), ignoring case and surrounding spaces. What matches
nothing is reported, never guessed."""

from portal.models import Organisation, OrganisationAlias


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


class OwnerMatcher:
    """Owner text to organisation, loaded once per import."""

    def __init__(self) -> None:
        self.known: dict[str, Organisation] = {
            _key(organisation.name): organisation
            for organisation in Organisation.objects.all()
        }
        for alias in OrganisationAlias.objects.select_related("organisation"):
            self.known.setdefault(_key(alias.alias), alias.organisation)
        self.unmatched: set[str] = set()

    def match(self, owners: list[str]) -> list[Organisation]:
        """The organisations named, in the order named; remembers the rest."""
        found = []
        for owner in owners:
            organisation = self.known.get(_key(owner))
            if organisation is None:
                self.unmatched.add(owner)
            elif organisation not in found:
                found.append(organisation)
        return found
