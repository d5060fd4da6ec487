"""Advice in the Wagtail admin: a new one is the town's request (its timeline and
term start), an edit that moves a term or the public record is on the timeline,
and nobody deletes an advice."""

import datetime

from django.contrib.auth.models import Group
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from cms.bodies.models import Advice, AdviceEvent, AdviceState
from portal.access.roles import CIVIL_SERVANTS_GROUP
from tests.factories import StaffFactory

ADMIN = "/admin/snippets/bodies/advice/"


def civil_servant_client(client):
    user = StaffFactory()
    user.groups.add(Group.objects.get(name=CIVIL_SERVANTS_GROUP))
    client.force_login(user)
    return client, user


def form(advice, **changes) -> dict:
    data = {
        "body": advice.body_id,
        "title": advice.title,
        "question": advice.question,
        "asked_on": advice.asked_on.isoformat() if advice.asked_on else "",
        "urgent": advice.urgent,
        "text": advice.text,
        "published": advice.published,
        "recommendations": inline_formset(
            [
                {"id": r.pk, "number": r.number, "text": r.text}
                for r in advice.recommendations.all()
            ],
            initial=advice.recommendations.count(),
        ),
    }
    data.update(changes)
    return nested_form_data({k: v for k, v in data.items() if v is not False})


def test_a_request_made_in_the_admin_starts_its_timeline(client, body):
    body.gives_advice = True
    body.save()
    client, user = civil_servant_client(client)
    response = client.post(
        f"{ADMIN}add/",
        nested_form_data(
            {
                "body": body.pk,
                "title": "Advies over de toegang tot het sociaal huis",
                "question": "Hoe maken we het onthaal toegankelijker?",
                "asked_on": "2026-03-02",
                "urgent": "on",
                "text": "",
                "recommendations": inline_formset([]),
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    advice = Advice.objects.get()
    assert (advice.state, advice.urgent) == (AdviceState.REQUESTED, True)
    (event,) = advice.events.all()
    assert (event.kind, event.actor) == (AdviceEvent.Kind.CREATED, user)


def test_an_admin_edit_of_a_term_is_on_the_timeline(client, make_advice):
    advice = make_advice(asked_on=datetime.date(2026, 3, 2), urgent=False)
    version = advice.version
    client, user = civil_servant_client(client)
    response = client.post(
        f"{ADMIN}edit/{advice.pk}/",
        form(advice, asked_on="2026-03-05", urgent="on"),
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    advice.refresh_from_db()
    assert (advice.asked_on, advice.urgent) == (datetime.date(2026, 3, 5), True)
    assert advice.version == version + 1
    event = advice.events.get(kind=AdviceEvent.Kind.EDITED)
    assert event.actor == user
    assert "02/03/2026 → 05/03/2026" in event.note
    assert "nee → ja" in event.note


def test_an_admin_save_without_changes_adds_nothing(client, make_advice):
    advice = make_advice(asked_on=datetime.date(2026, 3, 2))
    client, _ = civil_servant_client(client)
    response = client.post(f"{ADMIN}edit/{advice.pk}/", form(advice))
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert not advice.events.filter(kind=AdviceEvent.Kind.EDITED).exists()


def test_nobody_deletes_an_advice_in_the_admin(admin_client, make_advice):
    advice = make_advice()
    response = admin_client.post(f"{ADMIN}delete/{advice.pk}/")
    assert response.status_code in (302, 403)
    assert Advice.objects.filter(pk=advice.pk).exists()
