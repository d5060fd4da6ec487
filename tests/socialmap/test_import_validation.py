"""Opening-hour rows are checked on import (JSON here; CSV in test_tabular.py): a bad
time, day, frequency or date stops the import with the service and the row named,
and nothing of the file is kept."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from cms.socialmap.models import Service
from tests.socialmap.test_api import RENT_ARREARS
from tests.socialmap.test_import_export import export

pytestmark = pytest.mark.django_db

BAD_ROWS = {
    "opens_at": ({"opens_at": "25:00"}, "opens_at '25:00' is geen geldig uur"),
    "closes_at": ({"closes_at": "17u"}, "closes_at '17u' is geen geldig uur"),
    "byday": ({"byday": "MA,DI"}, "byday: Gebruik MO, TU"),
    "freq": ({"freq": "DAILY"}, "freq 'DAILY' wordt niet ondersteund"),
    "interval": ({"interval": 2}, "interval wordt niet ondersteund"),
    "bymonthday": ({"bymonthday": "1"}, "bymonthday wordt niet ondersteund"),
    "weekly without days": ({"freq": "WEEKLY", "byday": ""}, "heeft byday nodig"),
    "valid_from": ({"valid_from": "2026-02-30"}, "valid_from '2026-02-30' is geen"),
    "dates reversed": (
        {"valid_from": "2026-08-31", "valid_to": "2026-08-01"},
        "valid_to: Deze datum ligt voor de begindatum",
    ),
    "hours half given": ({"closes_at": None}, "zowel een openings- als een"),
}


def rent_arrears(data: dict) -> dict:
    return next(
        service
        for organization in data["organizations"]
        for service in organization["services"]
        if service["id"] == RENT_ARREARS
    )


@pytest.mark.parametrize("case", BAD_ROWS, ids=list(BAD_ROWS))
def test_a_bad_opening_hour_row_is_refused(social_map_module, tmp_path, case):
    changes, message = BAD_ROWS[case]
    data = export(tmp_path)
    service = rent_arrears(data)
    service["name"] = "Nieuwe naam"
    row = service["schedules"][0]
    row.update(changes)
    for name in [name for name, value in row.items() if value is None]:
        del row[name]
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError) as raised:
        call_command("socialmap_import", str(path), stdout=io.StringIO())
    text = str(raised.value)
    assert f"dienst 'Nieuwe naam' ({RENT_ARREARS}), openingsuren nr. 1" in text
    assert message in text
    assert Service.objects.get(pk=RENT_ARREARS).name != "Nieuwe naam"
