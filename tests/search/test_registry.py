"""Adapters live with their content and are found through the app registry; one
set of receivers keeps the index in step for every registered model."""

import pytest

from cms.models import (
    ContentPage,
    FrameworkTextPage,
    Goal,
    PolicyPlanPage,
    PortalDocument,
)
from cms.signals.models import Signal, SignalBundlePage
from cms.socialmap.models import Organization, Service
from search import receivers
from search.bulk import deferred_indexing
from search.registry import adapter_for, registered_models


def test_every_app_registers_its_adapters():
    assert {
        ContentPage,
        FrameworkTextPage,
        PolicyPlanPage,
        Goal,
        PortalDocument,
        Signal,
        SignalBundlePage,
        Service,
        Organization,
    } <= set(registered_models())


@pytest.mark.parametrize("model", registered_models(), ids=lambda m: m.__name__)
def test_an_adapter_lives_in_the_app_of_its_content(model):
    app = model._meta.app_config.name
    assert type(adapter_for(model)).__module__.startswith(f"{app}.search_adapters")


class Recorder:
    def __init__(self):
        self.calls = []

    def enqueue(self, **kwargs):
        self.calls.append(kwargs)


@pytest.fixture
def queued(monkeypatch):
    recorder = Recorder()
    monkeypatch.setattr(receivers, "update_index", recorder)
    return recorder.calls


@pytest.mark.django_db
def test_a_social_map_organisation_is_queued_by_the_shared_receivers(queued):
    organisation = Organization.objects.create(name="Buurtwerk", description="Hulp")

    assert queued == [
        {
            "model_label": "socialmap.organization",
            "pk": str(organisation.pk),  # a UUID, as text: the task goes as JSON
            "descendants": False,
        }
    ]


@pytest.mark.django_db
def test_bookkeeping_saves_and_deferred_saves_queue_nothing_per_save(queued):
    organisation = Organization.objects.create(name="Buurtwerk", description="Hulp")
    queued.clear()

    organisation.save(update_fields=["has_unpublished_changes"])
    with deferred_indexing() as batch:
        organisation.name = "Buurtwerk Noord"
        organisation.save()
        organisation.save()

    assert queued == []
    assert batch.ours == {("socialmap.organization", str(organisation.pk)): False}
    organisation.save(update_fields=["name"])
    assert len(queued) == 1
