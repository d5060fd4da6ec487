"""A plan's report and versions as downloads: PDF (tagged PDF/UA through
`portal.pdf`) and CSV (through `portal.spreadsheets`). The pages, the API and the
admin all call these, so a report reads the same wherever it is fetched."""

import io

from django.conf import settings
from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cms.followup.models import PlanReport, PlanVersion
from cms.followup.selectors import version_changes, version_tree
from cms.followup.services import report_default_title
from portal.access import Audience, report_readers
from portal.files import patch_audience_headers
from portal.pdf import render_pdf
from portal.spreadsheets import guarded_writer

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


def report_title(report: PlanReport) -> str:
    return report.title or report_default_title(report)


def report_filename(report: PlanReport) -> str:
    if report.kind == PlanReport.Kind.EVALUATION:
        return slugify(f"eindevaluatie-{report.plan.title}") or "eindevaluatie"
    return slugify(f"jaarverslag-{report.year}-{report.plan.title}") or "jaarverslag"


def report_audience(report: PlanReport) -> str:
    """Who the download is for, for the cache headers: a draft is for staff."""
    return report_readers(report.plan) if report.is_published else Audience.STAFF


def report_context(report: PlanReport, figures: dict) -> dict:
    return {
        "report": report,
        "plan": report.plan,
        "figures": figures,
        "title": report_title(report),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }


def report_pdf_bytes(report: PlanReport, figures: dict) -> bytes:
    return render_pdf("followup/plan_report_pdf.html", report_context(report, figures))


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    return str(value)


def report_csv_text(report: PlanReport, figures: dict) -> str:
    """One row per goal with its state and budget (the year's, or the total over
    the plan for the evaluation), then a section per indicator, signal and advice.
    The first column names the section, so a spreadsheet can filter on it."""
    out = io.StringIO()
    out.write("\ufeff")  # so spreadsheet programs read UTF-8
    writer = guarded_writer(out, delimiter=";")
    writer.writerow([_("onderdeel"), report_title(report)])
    budget = {line["code"]: line for line in figures["budget"]["lines"]}
    writer.writerow(
        [
            _("onderdeel"),
            _("code"),
            _("titel"),
            _("niveau"),
            _("valt onder"),
            _("trekker"),
            _("status"),
            _("voortgang (%)"),
            _("stand op"),
            _("voortgangsrapporten"),
            _("geraamd (€)"),
            _("bijgesteld (€)"),
            _("gerealiseerd (€)"),
            _("realisatie (%)"),
        ]
    )
    for goal in figures["goals"]:
        money = budget.get(goal["code"], {}).get("total", {})
        writer.writerow(
            [
                _("doelstelling"),
                goal["code"],
                goal["title"],
                goal["level_label"],
                _cell(goal["parent"]),
                _cell(goal["lead_organisation"]),
                _cell(goal["status"]) or _("niet gerapporteerd"),
                _cell(goal["progress"]),
                _cell(goal["state_on"]),
                goal["reports"],
                _cell(money.get("estimated")),
                _cell(money.get("adjusted")),
                _cell(money.get("realised")),
                _cell(money.get("rate")),
            ]
        )
    writer.writerow([])
    writer.writerow(
        [
            _("onderdeel"),
            _("indicator"),
            _("eenheid"),
            _("richting"),
            _("jaar"),
            _("waarde"),
            _("streefwaarde"),
            _("op koers"),
            _("doelstellingen"),
        ]
    )
    for indicator in figures["indicators"]:
        for cell in indicator["years"]:
            writer.writerow(
                [
                    _("indicator"),
                    indicator["name"],
                    indicator["unit"],
                    indicator["direction_label"],
                    cell["year"],
                    _cell(cell["value"]),
                    _cell(cell["target"]),
                    _cell(cell["on_track"]),
                    ", ".join(indicator["goals"]),
                ]
            )
    signals = figures["signals"]
    # Signals and advice linked to the plan's goals: (section, header, keys).
    for section, header, keys, items in (
        (
            _("signaal"),
            [_("referentie"), _("titel"), _("status"), _("ontvangen op")],
            ("reference", "title", "state_label", "received_on"),
            signals["listed"],
        ),
        (
            _("advies"),
            [_("advies"), _("orgaan"), _("status"), _("bezorgd op")],
            ("title", "body", "state_label", "given_on"),
            figures["advice"]["listed"],
        ),
    ):
        writer.writerow([])
        writer.writerow(
            [_("onderdeel"), *header, _("beantwoord op"), _("doelstellingen")]
        )
        for item in items:
            writer.writerow(
                [
                    section,
                    *(_cell(item[key]) for key in keys),
                    _cell(item["answered_on"]),
                    ", ".join(item["goals"]),
                ]
            )
    writer.writerow([])
    writer.writerow([_("onderdeel"), _("telling"), _("aantal")])
    for label, value in (
        (_("signalen ontvangen"), signals["received"]),
        (_("signalen beantwoord"), signals["answered"]),
        (_("signalen afgesloten"), signals["closed"]),
        (_("signalen bij de doelstellingen"), signals["linked"]),
        (_("adviezen bezorgd"), figures["advice"]["given"]),
        (_("adviezen beantwoord"), figures["advice"]["answered"]),
        (_("adviezen bij de doelstellingen"), figures["advice"]["linked"]),
    ):
        writer.writerow([_("telling"), label, value])
    return out.getvalue()


def _download(content, *, content_type: str, filename: str, audience: str):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_audience_headers(response, audience)
    return response


def report_pdf_response(report: PlanReport, figures: dict) -> HttpResponse:
    return _download(
        report_pdf_bytes(report, figures),
        content_type="application/pdf",
        filename=f"{report_filename(report)}.pdf",
        audience=report_audience(report),
    )


def report_csv_response(report: PlanReport, figures: dict) -> HttpResponse:
    return _download(
        report_csv_text(report, figures),
        content_type=CSV_CONTENT_TYPE,
        filename=f"{report_filename(report)}.csv",
        audience=report_audience(report),
    )


# Versions -------------------------------------------------------------------------


def version_context(version: PlanVersion) -> dict:
    changed = {goal.code for goal in version.changed_goals.all()}
    return {
        "plan": version.plan,
        "version": version,
        "changed_codes": sorted(changed),
        "tree": version_tree(version, changed),
        "changes": version_changes(version),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }


def _version_filename(version: PlanVersion) -> str:
    return slugify(f"{version.plan.title}-versie-{version.number}") or "versie"


def version_pdf_response(version: PlanVersion) -> HttpResponse:
    return _download(
        render_pdf("followup/plan_version_pdf.html", version_context(version)),
        content_type="application/pdf",
        filename=f"{_version_filename(version)}.pdf",
        audience=report_readers(version.plan),
    )


def version_csv_response(version: PlanVersion) -> HttpResponse:
    """The version's goal tree, one row per goal, with its budget lines."""
    changed = {goal.code for goal in version.changed_goals.all()}
    out = io.StringIO()
    out.write("\ufeff")
    writer = guarded_writer(out, delimiter=";")
    writer.writerow(
        [
            _("code"),
            _("titel"),
            _("niveau"),
            _("valt onder"),
            _("trekker"),
            _("status"),
            _("voortgang (%)"),
            _("gewijzigd in deze versie"),
            _("budget (jaar: geraamd/bijgesteld/gerealiseerd)"),
        ]
    )
    for entry in version.goal_tree:
        writer.writerow(
            [
                entry["code"],
                entry["title"],
                entry["level"],
                _cell(entry.get("parent")),
                _cell(entry.get("lead_organisation")),
                _cell(entry.get("status")),
                _cell(entry.get("progress")),
                _cell(entry["code"] in changed),
                " | ".join(
                    f"{line['year']}: {_cell(line['estimated'])}/"
                    f"{_cell(line['adjusted'])}/{_cell(line['realised'])}"
                    for line in entry.get("budget", [])
                ),
            ]
        )
    return _download(
        out.getvalue(),
        content_type=CSV_CONTENT_TYPE,
        filename=f"{_version_filename(version)}.csv",
        audience=report_readers(version.plan),
    )
