"""CSV import of indicator values and targets: good files, Dutch numbers, every
kind of bad row reported with its line, and nothing saved when a row is bad."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from cms.indicators.importer import ImportFileError, import_indicator_file
from cms.indicators.models import Frequency, IndicatorTarget, IndicatorValue
from tests.factories import IndicatorFactory, IndicatorValueFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def indicators(db):
    return {
        "yearly": IndicatorFactory(name="Huurachterstal", slug="huurachterstal"),
        "quarterly": IndicatorFactory(
            name="Outreach", slug="outreach", frequency=Frequency.QUARTERLY
        ),
    }


def write(tmp_path, text: str):
    path = tmp_path / "cijfers.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_file_creates_and_updates_values(tmp_path, indicators):
    IndicatorValueFactory(indicator=indicators["yearly"], period=D(2025, 1, 1), value=1)
    path = write(
        tmp_path,
        "indicator;period;value;measured_on;note\n"
        "huurachterstal;2025;312;15/02/2026;Registratie sociaal huis\n"
        "Huurachterstal;2026;1.204,5;;\n"
        "outreach;2026-K2;12,5;2026-07-01;\n"
        "outreach;2026-Q3;14;;\n"
        "\n",
    )
    report = import_indicator_file(path)
    assert report.saved and (report.created, report.updated) == (3, 1)
    assert not report.rejected
    values = {
        (v.indicator.slug, v.period): v
        for v in IndicatorValue.objects.select_related("indicator")
    }
    assert values["huurachterstal", D(2025, 1, 1)].value == Decimal("312")
    assert values["huurachterstal", D(2025, 1, 1)].measured_on == D(2026, 2, 15)
    assert values["huurachterstal", D(2026, 1, 1)].value == Decimal("1204.5")
    assert values["outreach", D(2026, 4, 1)].value == Decimal("12.5")
    assert values["outreach", D(2026, 7, 1)].value == Decimal("14")


def test_a_comma_separated_file_with_decimal_points_is_read_too(tmp_path, indicators):
    path = write(tmp_path, "indicator,period,value\nhuurachterstal,2026,12.5\n")
    report = import_indicator_file(path)
    assert report.saved and report.created == 1
    assert IndicatorValue.objects.get().value == Decimal("12.5")


BAD_ROWS = [
    ("onbekend;2026;1", "Onbekende indicator 'onbekend'"),
    ("huurachterstal;volgend jaar;1", "geen periode"),
    ("outreach;2026;1", "te ruim"),
    ("huurachterstal;2026;veel", "Geef een getal"),
    ("huurachterstal;2026;", "getal"),
    ("huurachterstal;2027;1;30/02/2027", "geen geldige datum"),
    ("huurachterstal;2028;1;2027-12-31", "voor het begin"),
]


@pytest.mark.parametrize(("row", "reason"), BAD_ROWS)
def test_a_bad_row_is_reported_with_its_line_and_nothing_is_saved(
    row, reason, tmp_path, indicators
):
    path = write(
        tmp_path,
        f"indicator;period;value;measured_on\nhuurachterstal;2025;10\n{row}\n",
    )
    report = import_indicator_file(path)
    assert not report.saved
    ((rejection,),) = [report.rejected]
    assert rejection.line == 3
    assert reason in rejection.reason
    assert not IndicatorValue.objects.exists()
    assert "regel 3" in "\n".join(report.lines())


def test_a_period_twice_in_one_file_is_rejected(tmp_path, indicators):
    path = write(
        tmp_path,
        "indicator;period;value\noutreach;2026-04;1\noutreach;2026-K2;2\n",
    )
    report = import_indicator_file(path)
    assert [r.line for r in report.rejected] == [3]
    assert "regel 2" in report.rejected[0].reason


def test_partial_saves_the_good_rows_and_reports_the_rest(tmp_path, indicators):
    path = write(
        tmp_path,
        "indicator;period;value\nhuurachterstal;2025;10\nonbekend;2026;1\n"
        "huurachterstal;2026;11\n",
    )
    report = import_indicator_file(path, partial=True)
    assert report.saved and report.created == 2
    assert [r.line for r in report.rejected] == [3]
    assert IndicatorValue.objects.count() == 2


def test_a_large_file_is_written_in_batches(tmp_path, django_assert_max_num_queries):
    indicator = IndicatorFactory(slug="maand", frequency=Frequency.MONTHLY)
    rows = [
        f"maand;{year}-{month:02d};{year + month}"
        for year in range(1950, 2050)
        for month in range(1, 13)
    ]
    path = write(tmp_path, "indicator;period;value\n" + "\n".join(rows) + "\n")
    with django_assert_max_num_queries(20):
        report = import_indicator_file(path, batch_size=500)
    assert report.created == 1200
    assert indicator.values.count() == 1200


def test_targets_are_imported_per_year(tmp_path, indicators):
    path = write(
        tmp_path,
        "indicator;year;value;note\nhuurachterstal;2030;250;\n"
        "huurachterstal;2031;240,5;Bijgesteld\nhuurachterstal;31;1;\n",
    )
    report = import_indicator_file(path, targets=True)
    assert not report.saved
    assert [r.line for r in report.rejected] == [4]
    assert not IndicatorTarget.objects.exists()
    path = write(
        tmp_path,
        "indicator;year;value;note\nhuurachterstal;2030;250;\n"
        "huurachterstal;2031;240,5;Bijgesteld\n",
    )
    report = import_indicator_file(path, targets=True)
    assert report.saved and report.created == 2
    assert IndicatorTarget.objects.get(year=2031).value == Decimal("240.5")


def test_a_file_without_the_columns_is_refused(tmp_path, indicators):
    with pytest.raises(ImportFileError, match="period"):
        import_indicator_file(io.StringIO("indicator;waarde\nx;1\n"))


def test_the_command_reports_and_fails_on_rejected_rows(tmp_path, indicators):
    good = write(tmp_path, "indicator;period;value\nhuurachterstal;2026;10\n")
    out = io.StringIO()
    call_command("import_indicators", str(good), stdout=out)
    assert "1 nieuw, 0 bijgewerkt, 0 geweigerd." in out.getvalue()
    bad = tmp_path / "slecht.csv"
    bad.write_text("indicator;period;value\nhuurachterstal;2027;x\n")
    out = io.StringIO()
    with pytest.raises(CommandError, match="Niets opgeslagen"):
        call_command("import_indicators", str(bad), stdout=out)
    assert "regel 2" in out.getvalue()
    assert IndicatorValue.objects.count() == 1
