"""The adapter registry: each kind of content registers a small class that turns
one of its objects into search documents.

    @register(PolicyPlanPage)
    class PolicyPlanAdapter(PageAdapter):
        def documents(self, page): ...

Each app keeps its adapters beside its content, in its `search_adapters` module;
`autodiscover()` (run by `search.apps` once every app is loaded) imports that module
of every installed app, so the order of `INSTALLED_APPS` does not matter.
"""

from collections.abc import Iterable, Iterator

from django.db import models
from django.utils.module_loading import autodiscover_modules

from search.documents import SearchDocument, object_key

_adapters: dict[type[models.Model], "Adapter"] = {}


class Adapter:
    """How one model is searched. Subclasses implement `documents()`; override
    `is_indexable()` when only some objects may be found (live pages only) and
    `dependents()` when other objects' documents derive from this one (a plan's
    goals inherit its audience and liveness)."""

    model: type[models.Model]

    def queryset(self) -> models.QuerySet:
        """Every object that may have documents (used by rebuild and check)."""
        return self.model._default_manager.all()

    def is_indexable(self, obj) -> bool:
        return True

    def documents(self, obj) -> Iterable[SearchDocument]:
        raise NotImplementedError

    def dependents(self, obj) -> Iterable[models.Model]:
        return ()

    def key(self, obj) -> str:
        return object_key(obj)


def register(model: type[models.Model]):
    """Class decorator: register an adapter for `model` (and its subclasses, unless
    they have their own)."""

    def decorator(adapter_class: type[Adapter]) -> type[Adapter]:
        adapter = adapter_class()
        adapter.model = model
        _adapters[model] = adapter
        return adapter_class

    return decorator


def autodiscover() -> None:
    """Import the `search_adapters` module of every installed app."""
    autodiscover_modules("search_adapters")


def unregister(model: type[models.Model]) -> None:
    _adapters.pop(model, None)


def adapter_for(obj_or_model) -> Adapter | None:
    """The adapter of the most specific registered class of an object or model."""
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    for klass in model.__mro__:
        if klass in _adapters:
            return _adapters[klass]
    return None


def registered_models() -> list[type[models.Model]]:
    return list(_adapters)


def documents_for(obj) -> list[SearchDocument]:
    """The documents of one object: none when it may not be found (a draft page, a
    goal of an unpublished plan)."""
    adapter = adapter_for(obj)
    if adapter is None or not adapter.is_indexable(obj):
        return []
    return list(adapter.documents(obj))


def all_documents() -> Iterator[SearchDocument]:
    """Every document the index should hold, model by model."""
    for model, adapter in _adapters.items():
        if adapter_for(model) is not adapter:
            continue
        for obj in adapter.queryset().iterator(chunk_size=200):
            if adapter_for(obj) is adapter:
                yield from documents_for(obj)


def count_objects() -> int:
    return sum(adapter.queryset().count() for adapter in _adapters.values())
