"""The report as a page, a PDF and a CSV, on the site and through the API: a
draft for civil servants and editors, a published report for whoever may see the
plan; anything else 404."""

import csv
import io

import pytest
from pypdf import PdfReader

from cms.followup.services import report_draft, report_publish
from portal.access.audiences import Audience
from tests.factories import StaffFactory
from tests.factories import signed_in_client as client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(followed):
    return report_draft(
        plan=followed.plan,
        year=2026,
        introduction="Een jaar van opstart.",
        conclusions="We bouwen verder op wat lukte.",
    )


@pytest.fixture
def published(draft, civil_servant):
    return report_publish(draft, civil_servant)


def api_url(plan, **params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"/api/v1/plans/{plan.pk}/report/?{query}"


def test_the_page_shows_the_sections_and_its_downloads(published):
    response = client_for().get(published.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Jaarverslag 2026 Meerjarenplan Testdorp",
        "Een jaar van opstart.",
        "We bouwen verder op wat lukte.",
        "<caption",
        'scope="row"',
        "€ 100.000",
        "Sociale huurwoningen",
        "op koers",
        "Advies over huurpremies",
        "?formaat=pdf",
    ):
        assert text in html
    assert "data-report-draft" not in html
    assert "Interne wachtlijst" not in html  # a staff indicator on a public plan


def test_the_pdf_is_tagged_dutch_and_titled(published):
    response = client_for().get(published.get_absolute_url(), {"formaat": "pdf"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Een jaar van opstart." in text
    assert "Meer sociale huurwoningen" in text
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "nl"
    assert reader.metadata.title == "Jaarverslag 2026 Meerjarenplan Testdorp"


def test_the_csv_has_a_row_per_goal_and_its_sections(published):
    response = client_for().get(published.get_absolute_url(), {"formaat": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    goals = [row for row in rows if row and row[0] == "doelstelling"]
    assert [row[1] for row in goals] == ["SD 1", "TD 1.1", "TD 1.2"]
    td = goals[1]
    assert td[6:8] == ["Lopend", "40"]
    assert td[10] == "100000.00"
    assert any(row[:2] == ["indicator", "Sociale huurwoningen"] for row in rows if row)
    assert any(row[:2] == ["advies", "Advies over huurpremies"] for row in rows if row)


@pytest.mark.parametrize(
    ("who", "draft_status", "published_status"),
    [
        ("anonymous", 404, 200),
        ("citizen", 404, 200),
        ("partner", 404, 200),
        ("civil_servant", 200, 200),
    ],
)
def test_drafts_are_for_staff_published_reports_for_the_plans_readers(
    request, draft, civil_servant, who, draft_status, published_status
):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    client = client_for(user)
    url = draft.get_absolute_url()
    page = client.get(url)
    assert page.status_code == draft_status
    if draft_status == 200:
        assert "data-report-draft" in page.content.decode()
    assert client.get(url, {"formaat": "pdf"}).status_code == draft_status
    api = client.get(api_url(draft.plan, year=2026))
    assert api.status_code == draft_status
    if draft_status == 404:
        assert api.json()["error"]["code"] == "not_found"
    report_publish(draft, civil_servant)
    assert client.get(url).status_code == published_status
    assert client.get(api_url(draft.plan, year=2026)).status_code == published_status


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 404), ("citizen", 404), ("partner", 200), ("civil_servant", 200)],
)
def test_a_partner_plan_s_report_is_for_partners(request, published, who, status):
    published.plan.audience = Audience.PARTNERS
    published.plan.save()
    user = None if who == "anonymous" else request.getfixturevalue(who)
    client = client_for(user)
    assert client.get(published.get_absolute_url()).status_code == status
    assert client.get(api_url(published.plan, year=2026)).status_code == status


def test_the_api_answers_json_pdf_and_csv(published):
    client = client_for()
    response = client.get(api_url(published.plan, year=2026))
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "published"
    assert body["figures"] == published.figures
    assert body["web_url"].endswith(published.get_absolute_url())
    pdf = client.get(api_url(published.plan, year=2026, format="pdf"))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    csv_answer = client.get(api_url(published.plan, year=2026, format="csv"))
    assert csv_answer.status_code == 200
    assert csv_answer["Content-Type"].startswith("text/csv")
    assert "TD 1.1" in csv_answer.content.decode("utf-8-sig")


@pytest.mark.parametrize("year", ["twee", "2025", "2031"])
def test_a_bad_year_is_400(published, year):
    response = client_for().get(api_url(published.plan, year=year, format="pdf"))
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["fields"]["year"]


def test_without_a_year_the_api_gives_the_evaluation(followed, civil_servant):
    client = client_for()
    assert client.get(api_url(followed.plan)).status_code == 404
    evaluation = report_publish(
        report_draft(plan=followed.plan, year=None), civil_servant
    )
    body = client.get(api_url(followed.plan, kind="evaluation")).json()
    assert body["kind"] == "evaluation"
    assert body["figures"]["years"] == [2026, 2027]
    page = client.get(evaluation.get_absolute_url())
    assert page.status_code == 200
    assert "Eindevaluatie Meerjarenplan Testdorp" in page.content.decode()


def test_the_plan_page_lists_what_the_reader_may_see(draft, followed):
    client = client_for()
    html = client.get(followed.plan.url).content.decode()
    assert draft.get_absolute_url() not in html
    client.force_login(StaffFactory())
    html = client.get(followed.plan.url).content.decode()
    assert "Opvolging" in html
    assert draft.get_absolute_url() in html
