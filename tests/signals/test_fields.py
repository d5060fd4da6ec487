"""The fields an author edits are listed once; the portal form and the API take
them from there."""

from cms.signals import services
from cms.signals.api.serializers import SignalWriteSerializer
from cms.signals.forms import SignalForm


def test_the_editable_fields_are_the_text_other_and_relation_fields():
    assert set(services.EDITABLE_FIELDS) == {
        *services.TEXT_FIELDS,
        *services.OTHER_FIELDS,
        *services.RELATION_FIELDS,
    }


def test_form_and_api_offer_exactly_the_editable_fields():
    assert list(SignalForm.base_fields)[: len(services.EDITABLE_FIELDS)] == list(
        services.EDITABLE_FIELDS
    )
    assert set(SignalWriteSerializer().fields) == {
        "organisation",
        "version",
        *services.EDITABLE_FIELDS,
    }
