"""Ways into the social map for a citizen who does not know it exists: the main
menu on every page, the home page's "Hulp zoeken" (a search box and the life
domains the map has services for) and the demo's "Sociaal huis" page."""

import re

import pytest
from django.urls import reverse

from cms.models import LifeDomain
from cms.socialmap.models import Service
from tests.conftest import demo_loaded

pytestmark = pytest.mark.django_db

SOCIAL_MAP = "/sociale-kaart/"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with demo_loaded(django_db_blocker):
        yield


def main_menu(html: str) -> list[str]:
    """The hrefs of the main menu, in order."""
    menu = re.search(
        r'<nav class="site-nav" aria-label="Hoofdmenu">(.*?)</nav>', html, re.S
    )
    assert menu, "no main menu"
    return re.findall(r'<a href="([^"]+)"', menu.group(1))


def need_links(html: str) -> dict[str, str]:
    section = re.search(r'<section class="help-search".*?</section>', html, re.S)
    assert section, "no Hulp zoeken on the page"
    return dict(
        re.findall(
            r'href="/sociale-kaart/\?levensdomein=([^"]+)">([^<]+)<', section.group(0)
        )
    )


def test_the_social_map_is_the_first_item_of_the_main_menu(client, demo):
    for url in ("/", "/sociaal-huis/", "/meedoen/"):
        assert main_menu(client.get(url).content.decode())[0] == SOCIAL_MAP


def test_the_menu_marks_the_social_map_as_current(client, demo):
    html = client.get(SOCIAL_MAP).content.decode()
    assert f'<a href="{SOCIAL_MAP}" aria-current="page">Sociale kaart</a>' in html
    service = Service.objects.filter(live=True).first()
    html = client.get(reverse("socialmap:service", args=[service.pk])).content.decode()
    assert f'<a href="{SOCIAL_MAP}" aria-current="true">Sociale kaart</a>' in html


def test_home_searches_the_social_map(client, demo):
    html = client.get("/").content.decode()
    assert '<h2 id="hulp-zoeken">Hulp zoeken</h2>' in html
    form = re.search(r'<form class="help-search__form"[^>]*>', html).group(0)
    assert f'action="{SOCIAL_MAP}"' in form and 'method="get"' in form
    assert 'name="q" id="hulp-zoekterm"' in html


def test_the_common_needs_are_the_life_domains_with_services(client, demo):
    LifeDomain.objects.create(name="Zonder diensten", slug="zonder-diensten")
    needs = need_links(client.get("/").content.decode())
    with_services = {
        domain.slug: domain.name
        for domain in LifeDomain.objects.filter(service__live=True).distinct()
    }
    assert needs == with_services
    assert {"wonen", "inkomen", "zorg-en-gezondheid", "werken"} <= set(needs)
    assert "zonder-diensten" not in needs


def test_a_need_leads_to_its_services(client, demo):
    response = client.get(SOCIAL_MAP, {"levensdomein": "wonen"})
    html = response.content.decode()
    assert "Hulp bij huurachterstal" in html
    assert "Kinderopvang voor baby" not in html


def test_the_social_house_page_leads_to_the_social_map(client, demo):
    html = client.get("/sociaal-huis/").content.decode()
    body = html.split('id="hoofdinhoud"', 1)[1]
    assert f'href="{SOCIAL_MAP}"' in body
