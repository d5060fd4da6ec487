"""The facts about a person that every access rule asks for, remembered on the user
object for as long as nothing they depend on changes.

A dashboard asked "is this a partner?" six times and "which organisations?" three
times per request, each a query. Django remembers a user's permissions on the user
object the same way (`ModelBackend`'s `_perm_cache`); it has nothing for facts of our
own. Unlike Django's cache, this one is forgotten whenever a membership or a group
membership is saved or deleted anywhere in the process (a generation counter), so a
test or a view that changes memberships and asks again is never answered from before.
The web process loads a fresh user object per request, so another process's change
is seen on the next request.
"""

from collections.abc import Callable
from typing import TypeVar

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save

from portal.models import Membership, Organisation

T = TypeVar("T")

_generation = 0


def remembered(user, name: str, compute: Callable[[], T]) -> T:
    """`compute()`, once per user object and generation of the facts."""
    memo = user.__dict__.get("_access_facts")
    if memo is None or memo[0] != _generation:
        memo = (_generation, {})
        user.__dict__["_access_facts"] = memo
    facts = memo[1]
    if name not in facts:
        facts[name] = compute()
    return facts[name]


def forget_all(*args, **kwargs) -> None:
    """Every remembered fact is stale: a membership or a group changed."""
    global _generation
    _generation += 1


def connect() -> None:
    """Forget on every change of the facts (called once, from `PortalConfig.ready`)."""
    for model in (Membership, Organisation):  # an organisation may stop being a partner
        for signal in (post_save, post_delete):
            signal.connect(
                forget_all,
                sender=model,
                dispatch_uid=f"facts_{model.__name__}_{id(signal)}",
            )
    m2m_changed.connect(
        forget_all, sender=get_user_model().groups.through, dispatch_uid="facts_groups"
    )
