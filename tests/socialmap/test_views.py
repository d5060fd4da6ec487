"""The citizen search at /sociale-kaart/ and the service page, without JavaScript."""

import datetime
import json
import re

import pytest
import time_machine
from django.urls import reverse

from cms.socialmap.demo.loader import demo_id
from cms.socialmap.models import Service

pytestmark = pytest.mark.django_db

RENT_ARREARS = demo_id("service", "ocmw", "Hulp bij huurachterstal")
TUESDAY_AFTERNOON = datetime.datetime(2026, 12, 1, 14, 0, tzinfo=datetime.UTC)


@pytest.fixture
def map_loaded(social_map_module):
    return social_map_module


def names(response) -> list[str]:
    html = response.content.decode()
    return re.findall(
        r'class="socialmap-card__title"><a href="[^"]+">([^<]+)</a>', html
    )


def test_the_search_page_lists_services_without_javascript(client, map_loaded):
    response = client.get(reverse("socialmap:search"))
    assert response.status_code == 200
    assert len(names(response)) == 20  # first page
    assert "Volgende" in response.content.decode()


def test_free_text_and_life_domain(client, map_loaded):
    response = client.get(
        reverse("socialmap:search"), {"q": "huurachterstal", "levensdomein": "wonen"}
    )
    found = names(response)
    assert "Hulp bij huurachterstal" in found
    assert "Muziek- en woordlessen" not in found


def test_open_now_filter(client, map_loaded):
    with time_machine.travel(TUESDAY_AFTERNOON):
        response = client.get(
            reverse("socialmap:search"),
            {"q": "huurachterstal", "levensdomein": "wonen", "open_nu": "on"},
        )
    assert "Hulp bij huurachterstal" in names(response)
    assert "Nu open" in response.content.decode()


def test_distance_from_a_postcode_puts_the_nearest_first(client, map_loaded):
    response = client.get(
        reverse("socialmap:search"), {"plaats": "9998", "afstand": "1"}
    )
    found = names(response)
    assert found[0] in {
        "Buurthuis De Heide",
        "Kleinschalige kinderopvang De Heide",
        "Wijkwerk en buurtbudget",
    }
    assert "Buurthuis Schoorhoek" not in found
    assert " km)" in response.content.decode()


def test_an_unknown_place_is_explained(client, map_loaded):
    response = client.get(
        reverse("socialmap:search"), {"plaats": "Atlantis", "afstand": "5"}
    )
    assert response.status_code == 200
    assert "staat niet op de kaart" in response.content.decode()


@pytest.mark.parametrize(
    "params, included, excluded",
    [
        ({"gratis": "on"}, "Hulp bij huurachterstal", "Maaltijden aan huis"),
        ({"rolstoel": "on"}, "Hulp bij huurachterstal", "Nachtopvang De Lantaarn"),
        ({"taal": "ar"}, "Voedselpakketten", "Repair Café"),
        ({"doelgroep": "ouderen"}, "Maaltijden aan huis", "Jeugdhuis en huiswerkklas"),
    ],
)
def test_filters(client, map_loaded, params, included, excluded):
    all_names, page = set(), 1
    while True:
        response = client.get(reverse("socialmap:search"), {**params, "pagina": page})
        all_names.update(names(response))
        if 'rel="next"' not in response.content.decode():
            break
        page += 1
    assert included in all_names
    assert excluded not in all_names


def test_the_service_page_has_what_a_person_needs(client, map_loaded):
    with time_machine.travel(TUESDAY_AFTERNOON):
        response = client.get(reverse("socialmap:service", args=[RENT_ARREARS]))
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "Wat kun je vragen?",
        "Hoe vraag je het aan?",
        "Kerkplein 1",
        "09 000 10 10",
        "Nu open",
        "tot 18:00",
        "Gratis",
        "Arabisch",
        "Rolstoeltoegankelijk",
        "Laatst nagekeken op 15 oktober 2026",
        "data-socialmap-map",
    ]:
        assert text in html, text
    data = json.loads(
        re.search(
            r'<script type="application/ld\+json">(.*?)</script>', html, re.S
        ).group(1)
    )
    assert data["@context"] == "https://schema.org"
    assert data["name"] == "Hulp bij huurachterstal"
    place = data["availableChannel"][0]["serviceLocation"]
    assert place["address"]["postalCode"] == "9999"
    assert place["geo"]["latitude"] == pytest.approx(51.0002)


def test_the_json_ld_cannot_close_its_script_element(client, map_loaded):
    hostile = '</script><script>alert("x")</script><!-- & more'
    Service.objects.filter(pk=RENT_ARREARS).update(name=hostile, description=hostile)
    response = client.get(reverse("socialmap:service", args=[RENT_ARREARS]))
    html = response.content.decode()
    script = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.S
    ).group(1)
    assert "<" not in script and ">" not in script and "&" not in script
    assert "\\u003C/script\\u003E" in script
    assert json.loads(script)["name"] == hostile
    assert '<script>alert("x")' not in html


def test_a_closed_service_says_when_it_opens(client, map_loaded):
    saturday_evening = datetime.datetime(2026, 12, 5, 19, 0, tzinfo=datetime.UTC)
    with time_machine.travel(saturday_evening):
        response = client.get(reverse("socialmap:service", args=[RENT_ARREARS]))
    assert "opent maandag om 08:30" in response.content.decode()


def test_a_draft_service_is_not_shown(client, map_loaded):
    Service.objects.filter(pk=RENT_ARREARS).update(live=False)
    response = client.get(reverse("socialmap:service", args=[RENT_ARREARS]))
    assert response.status_code == 404
    response = client.get(reverse("socialmap:search"), {"q": "huurachterstal"})
    assert "Hulp bij huurachterstal" not in names(response)


def test_the_organisation_page(client, map_loaded):
    service = Service.objects.get(pk=RENT_ARREARS)
    response = client.get(
        reverse("socialmap:organization", args=[service.organization_id])
    )
    assert response.status_code == 200
    assert "Hulp bij huurachterstal" in response.content.decode()


def test_every_word_must_match(client, map_loaded):
    response = client.get(reverse("socialmap:search"), {"q": "zzz 1"})
    assert names(response) == []
    html = response.content.decode()
    assert "0 diensten gevonden" in html
    assert "Geen enkele dienst vermeldt “zzz”." in html

    both = names(client.get(reverse("socialmap:search"), {"q": "huur betalen"}))
    assert "Hulp bij huurachterstal" in both
    assert "Sportkampen tijdens de schoolvakanties" not in both


def test_stemming_and_synonyms_as_in_the_site_search(client, map_loaded):
    assert "Steunpunt mantelzorg" in names(
        client.get(reverse("socialmap:search"), {"q": "mantelzorgers"})
    )
    assert "Nachtopvang De Lantaarn" in names(
        client.get(reverse("socialmap:search"), {"q": "dakloos"})
    )


def test_a_typo_finds_the_services_of_its_correction(client, map_loaded):
    response = client.get(reverse("socialmap:search"), {"q": "huurachterstel"})
    assert "Hulp bij huurachterstal" in names(response)
    html = response.content.decode()
    assert "Niets gevonden voor “huurachterstel”." in html
    assert "Dit zijn de diensten voor “huurachterstal”." in html


def test_an_unknown_place_filter_suggests_the_nearest_known_ones(client, map_loaded):
    response = client.get(
        reverse("socialmap:search"), {"q": "huurachterstal", "plaats": "Wilgendnok"}
    )
    html = response.content.decode()
    assert "“Wilgendnok” staat niet op de kaart." in html
    assert '<a href="?q=huurachterstal&amp;plaats=Wilgendonk">Wilgendonk</a>' in html

    postcode = client.get(reverse("socialmap:search"), {"plaats": "9990"}).content
    assert "?plaats=9997" in postcode.decode()


def test_a_place_word_no_service_mentions_is_explained(client, map_loaded):
    response = client.get(reverse("socialmap:search"), {"q": "huurachterstal gent"})
    assert names(response) == []
    html = response.content.decode()
    assert "Geen enkele dienst vermeldt “gent”." in html
    assert "Is “gent” een plaats?" in html
    assert 'href="?q=huurachterstal&amp;plaats=Wilgendonk"' in html
    assert 'href="?q=huurachterstal">Zoek zonder dit woord' in html
