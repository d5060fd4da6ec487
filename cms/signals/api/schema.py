"""The signal API's OpenAPI schema as callers meet it (a drf-spectacular hook)."""

from cms.signals.api.serializers import PublishedSignalSerializer


def signal_fields_beyond_the_bundle_optional(result, generator, request, public):
    """A caller who sees a signal only through a published bundle gets the bundle's
    fields (`PublishedSignalSerializer`); everyone else gets them all. The schema
    keeps one `Signal` and requires only the fields both shapes carry."""
    signal = result.get("components", {}).get("schemas", {}).get("Signal")
    if signal:
        published = set(PublishedSignalSerializer.Meta.fields)
        signal["required"] = [
            name for name in signal.get("required", []) if name in published
        ]
        signal["description"] = (
            "A signal. A caller who sees it only through a published bundle gets "
            "the bundle's fields: " + ", ".join(PublishedSignalSerializer.Meta.fields)
        )
    return result
