"""The base of every /api/v1/ viewset: the portal's schema (with the error
answers) and ids checked before they reach the database."""

from rest_framework import mixins, viewsets

from portal.api.errors import invalid

# The largest id a database column holds (a signed 64-bit integer).
MAX_ID = 2**63 - 1


def checked_id(value, field: str = "id") -> int:
    """An id from the address or a filter as an int, or a 400 naming `field`:
    a number past 64 bits would otherwise overflow the database driver."""
    text = str(value).strip()
    if not text.isdigit() or not 0 < int(text) <= MAX_ID:
        raise invalid(field, f"Geef een geheel getal van 1 tot {MAX_ID}.")
    return int(text)


class PortalViewSet(viewsets.GenericViewSet):
    """A viewset of the portal's API: described by `PortalAutoSchema` (set as the
    default schema class) and refusing an id that is no 64-bit number with 400.
    `conflicts`: its writes on an object can answer 409 (a step the object's state
    does not allow, an edit of an older version), and the schema says so."""

    conflicts = False

    def get_object(self):
        lookup = self.lookup_url_kwarg or self.lookup_field
        if lookup == "pk" and lookup in self.kwargs:
            self.kwargs[lookup] = checked_id(self.kwargs[lookup])
        return super().get_object()


# A list and its items.
class ReadOnlyPortalViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, PortalViewSet
):
    pass
