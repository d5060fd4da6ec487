"""The intranet's list of all signals (/intranet/signalen/alle/) and its CSV export:
each filter narrows, the order and the pages hold, the export carries the same
selection without naming people, only what the access rules show is listed, and
bad filter values are explained, never a 500."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from cms.models import LifeDomain
from cms.signals.list_views import PAGE_SIZE
from cms.signals.models import STATE_DESCRIPTIONS, Signal, SignalState
from tests.factories import OrganisationFactory, SignalFactory
from tests.signals.test_portal import client_for
from tests.theme.test_dutch_interface import english_in

S = SignalState
LIST = "/intranet/signalen/alle/"
EXPORT = "/intranet/signalen/alle.csv"


def listed(user, query: str = "") -> str:
    response = client_for(user).get(f"{LIST}?{query}")
    assert response.status_code == 200
    return response.content.decode()


def exported(user, query: str = "") -> list[dict[str, str]]:
    response = client_for(user).get(f"{EXPORT}?{query}")
    assert response.status_code == 200
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


def references(rows: list[dict[str, str]]) -> list[str]:
    return [row["referentie"] for row in rows]


def make_at(moment: datetime, **kwargs) -> Signal:
    signal = SignalFactory(**kwargs)
    Signal.objects.filter(pk=signal.pk).update(created_at=moment)
    signal.refresh_from_db()
    return signal


@pytest.fixture
def town(db, organisation):
    """Signals of two organisations, in several states, years and life domains."""
    other = OrganisationFactory(name="Woonmaatschappij Zuid", is_partner=True)
    housing = LifeDomain.objects.get(slug="wonen")
    now = timezone.now()
    signals = {
        "housing": make_at(
            datetime(2024, 3, 1, 10, tzinfo=UTC),
            organisation=organisation,
            state=S.REGISTERED,
            title="Geen betaalbare huurwoningen",
        ),
        "submitted": make_at(
            datetime(2025, 1, 10, 10, tzinfo=UTC),
            organisation=other,
            state=S.SUBMITTED,
            title="Wachtlijsten in de kinderopvang",
        ),
        "overdue": make_at(
            datetime(2025, 2, 10, 10, tzinfo=UTC),
            organisation=other,
            state=S.COMMUNICATED,
            communicated_at=now - timedelta(days=45),
            title="Energiearmoede bij huurders",
        ),
        "recent": make_at(
            datetime(2025, 3, 10, 10, tzinfo=UTC),
            organisation=organisation,
            state=S.COMMUNICATED,
            communicated_at=now - timedelta(days=5),
            title="Digitale drempels bij het OCMW",
        ),
        "draft": SignalFactory(
            organisation=organisation, state=S.DRAFT, title="Geheim concept"
        ),
    }
    signals["housing"].life_domains.add(housing)
    signals["overdue"].life_domains.add(housing)
    return signals


def test_a_civil_servant_sees_every_signal_the_rules_show(town, civil_servant):
    page = listed(civil_servant)
    for key in ("housing", "submitted", "overdue", "recent"):
        assert town[key].title in page
    assert "Geheim concept" not in page  # another organisation's draft
    assert "4 signalen" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=communicated", {"overdue", "recent"}),
        ("status=submitted", {"submitted"}),
        ("organisatie=woonmaatschappij-zuid", {"submitted", "overdue"}),
        ("levensdomein=wonen", {"housing", "overdue"}),
        ("jaar=2024", {"housing"}),
        ("jaar=2025", {"submitted", "overdue", "recent"}),
        ("over_tijd=on", {"overdue"}),
        ("status=communicated&levensdomein=wonen", {"overdue"}),
    ],
)
def test_each_filter_narrows_the_list_and_the_export(
    town, civil_servant, query, expected
):
    page = listed(civil_servant, query)
    shown = {key for key, signal in town.items() if signal.title in page}
    assert shown == expected
    rows = exported(civil_servant, query)
    assert set(references(rows)) == {town[key].reference for key in expected}


def test_an_organisation_filter_finds_the_signals_it_carries(
    town, civil_servant, organisation
):
    town["submitted"].co_organisations.add(organisation)
    slug = organisation.slug
    rows = exported(civil_servant, f"organisatie={slug}")
    assert set(references(rows)) == {
        town[key].reference for key in ("housing", "recent", "submitted")
    }


def test_the_filters_offer_only_what_the_reader_can_see(town, civil_servant):
    OrganisationFactory(name="Vereniging zonder signalen", is_partner=True)
    page = listed(civil_servant)
    assert "Woonmaatschappij Zuid" in page
    assert "Vereniging zonder signalen" not in page
    assert '<option value="2024">' in page


@pytest.mark.parametrize(
    ("order", "keys"),
    [
        ("", ["recent", "overdue", "submitted", "housing"]),
        ("-aangemaakt", ["recent", "overdue", "submitted", "housing"]),
        ("aangemaakt", ["housing", "submitted", "overdue", "recent"]),
        ("referentie", ["housing", "submitted", "overdue", "recent"]),
        ("titel", ["recent", "overdue", "housing", "submitted"]),
        ("organisatie", ["recent", "housing", "overdue", "submitted"]),
        # In the order of the lifecycle; equal states the newest first.
        ("status", ["submitted", "housing", "recent", "overdue"]),
        ("-status", ["recent", "overdue", "housing", "submitted"]),
    ],
)
def test_sorting(town, civil_servant, order, keys):
    query = f"sorteer={order}" if order else ""
    rows = exported(civil_servant, query)
    assert references(rows) == [town[key].reference for key in keys]
    page = listed(civil_servant, query)
    positions = [page.index(town[key].title) for key in keys]
    assert positions == sorted(positions)


def test_paging_keeps_the_filters(db, civil_servant, organisation):
    for number in range(PAGE_SIZE + 3):
        SignalFactory(
            organisation=organisation,
            state=S.REGISTERED,
            title=f"Signaal nummer {number:02d}",
        )
    SignalFactory(organisation=organisation, state=S.SUBMITTED, title="Ander")
    first = listed(civil_servant, "status=registered&sorteer=titel")
    assert "Pagina 1 van 2" in first
    assert "status=registered&amp;sorteer=titel&amp;pagina=2" in first
    assert "Signaal nummer 00" in first
    assert f"Signaal nummer {PAGE_SIZE:02d}" not in first
    second = listed(civil_servant, "status=registered&sorteer=titel&pagina=2")
    assert f"Signaal nummer {PAGE_SIZE:02d}" in second
    assert "Signaal nummer 00" not in second
    assert "Ander" not in second
    assert "Pagina 2 van 2" in second
    # A page past the end, or no number at all, shows a page, never an error.
    assert "Pagina 2 van 2" in listed(civil_servant, "status=registered&pagina=99")
    assert "Pagina 1 van 2" in listed(civil_servant, "status=registered&pagina=x")


@pytest.mark.parametrize(
    "query",
    [
        "status=verzonnen",
        "organisatie=bestaat-niet",
        "organisatie=99999999999999999999999",
        "levensdomein=%00",
        "jaar=abc",
        "jaar=99999999999999999999",
        "jaar=1999",
        "sorteer=-wachtwoord",
        "over_tijd=misschien&pagina=-1",
    ],
)
def test_bad_filter_values_are_explained(town, civil_servant, query):
    response = client_for(civil_servant).get(f"{LIST}?{query}")
    page = response.content.decode()
    if "over_tijd" in query:  # any value of a checkbox means "checked"
        assert response.status_code == 200
        assert town["overdue"].title in page
        return
    assert response.status_code == 200
    assert "Niet alle filters zijn bruikbaar" in page
    assert "data-form-errors" in page
    assert town["housing"].title not in page  # no list that ignores a filter
    export = client_for(civil_servant).get(f"{EXPORT}?{query}")
    assert export.status_code == 302
    assert export.url.startswith(LIST)


def test_the_export_names_no_one_and_hides_personal_data(db, civil_servant):
    signal = SignalFactory(
        state=S.SUBMITTED,
        title="Bel 0470 12 34 56 over de opvang",
        region="Wijk Noord",
    )
    rows = exported(civil_servant)
    assert len(rows) == 1
    row = rows[0]
    assert row["titel"] == "Bel [verwijderd] over de opvang"
    assert row["regio of gemeente"] == "Wijk Noord"
    assert row["status"] == "ingediend"
    assert row["organisatie"] == signal.organisation.name
    assert row["over tijd"] == "nee"
    text = ";".join(row.values())
    author = signal.author
    for name in (author.email, author.get_full_name(), author.username):
        assert not name or name not in text
    assert "omschrijving" not in row  # no free text beyond the title and region


def test_the_export_has_dutch_headers_and_download_headers(town, civil_servant):
    response = client_for(civil_servant).get(EXPORT)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="signalen-')
    assert "no-store" in response["Cache-Control"]
    header = response.content.decode("utf-8")[1:].splitlines()[0]
    assert header.startswith("referentie;titel;status;organisatie;")
    assert "over tijd" in header
    overdue = exported(civil_servant, "over_tijd=on")
    assert overdue[0]["over tijd"] == "ja"


def test_the_list_links_to_its_export_with_the_same_filters(town, civil_servant):
    page = listed(civil_servant, "status=communicated&pagina=1")
    assert 'href="/intranet/signalen/alle.csv?status=communicated"' in page


@pytest.mark.parametrize("who", ["member", "other_partner", "signal_coordinator"])
def test_partners_are_refused(town, request, who):
    user = request.getfixturevalue(who)
    assert client_for(user).get(LIST).status_code == 403
    assert client_for(user).get(EXPORT).status_code == 403


def test_citizens_are_refused_and_the_anonymous_sent_to_sign_in(town, citizen, client):
    assert client_for(citizen).get(EXPORT).status_code == 403
    assert client_for(citizen).get(LIST).status_code == 403
    response = client.get(EXPORT)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_a_civil_servant_lists_their_own_draft_but_no_one_elses(
    town, civil_servant, organisation
):
    own = SignalFactory(
        organisation=organisation,
        author=civil_servant,
        state=S.DRAFT,
        title="Mijn eigen concept",
    )
    rows = exported(civil_servant)
    assert own.reference in references(rows)
    assert town["draft"].reference not in references(rows)


def test_the_legend_explains_every_state(town, civil_servant):
    page = listed(civil_servant)
    assert '<dl class="signal-legend">' in page
    for state, label in S.choices:
        term = f'<dt id="status-{state}"><span class="signal-state signal-state--'
        assert f'{term}{state}">{label}</span></dt>' in page
        assert str(STATE_DESCRIPTIONS[state]) in page


def test_every_state_has_a_description():
    assert set(STATE_DESCRIPTIONS) == set(S.values)
    assert all(str(text).strip() for text in STATE_DESCRIPTIONS.values())


def test_the_timeline_links_its_state_words_to_the_legend(
    make_signal, member, civil_servant
):
    signal = make_signal(state=S.DRAFT)
    url = f"/partners/signalen/{signal.pk}/status/"
    client_for(member).post(url, {"to": "submitted", "naar-submitted-to": "submitted"})
    page = client_for(member).get(f"/partners/signalen/{signal.pk}/").content.decode()
    assert 'href="#status-draft"' in page
    assert 'href="#status-submitted"' in page
    assert 'id="status-submitted"' in page
    assert str(STATE_DESCRIPTIONS[S.SUBMITTED]) in page


def test_the_queue_stays_and_leads_to_the_list(town, civil_servant):
    queue = client_for(civil_servant).get("/intranet/signalen/").content.decode()
    assert town["submitted"].title in queue  # to screen
    assert town["overdue"].title in queue  # over time
    assert 'href="/intranet/signalen/alle/"' in queue
    assert 'href="/intranet/signalen/alle/?status=submitted"' in queue


@pytest.mark.parametrize("query", ["", "jaar=abc&status=x", "over_tijd=on"])
def test_the_list_speaks_dutch(town, civil_servant, query):
    assert not english_in(listed(civil_servant, query))
