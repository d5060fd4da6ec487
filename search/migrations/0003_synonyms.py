"""The abbreviations and synonyms civil servants use most; editors add more."""

from django.db import migrations

SYNONYMS = [
    ("OCMW, sociaal huis, openbaar centrum voor maatschappelijk welzijn", ""),
    ("LSB, lokaal sociaal beleid", ""),
    ("CAW, centrum algemeen welzijnswerk", ""),
    ("RMW, raad voor maatschappelijk welzijn", ""),
    ("BCSD, bijzonder comité voor de sociale dienst", ""),
    ("SD, strategische doelstelling", "Code van een doelstelling in een plan"),
    ("TD, tactische doelstelling", "Code van een doelstelling in een plan"),
    ("OD, operationele doelstelling", "Code van een doelstelling in een plan"),
    ("WRG, Welzijnsoverleg Regio Gent", ""),
    ("ELZ, eerstelijnszone", ""),
    ("VDAB, Vlaamse Dienst voor Arbeidsbemiddeling", ""),
    ("kinderopvang, opvang van kinderen, crèche", ""),
    ("armoede, kansarmoede", ""),
]


def add(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for terms, note in SYNONYMS:
        Synonym.objects.get_or_create(terms=terms, defaults={"note": note})


def remove(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.filter(terms__in=[terms for terms, _note in SYNONYMS]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0002_engine_structures")]

    operations = [migrations.RunPython(add, remove)]
