"""The everyday words citizens type for what the texts and the social map name
officially ("uit huis gezet" for "uithuiszetting"); editors add or remove more."""

from django.db import migrations

SYNONYMS = [
    ("uithuiszetting, uit huis gezet, uitzetting", "Woorden van inwoners"),
    ("huurachterstal, huurachterstand, huurschuld", "Woorden van inwoners"),
    ("schulden, schuldhulp, schuldbemiddeling, betalingsproblemen", "Woorden van inwoners"),
    ("daklozen, dakloos, thuislozen, thuisloos, onderdak", "Woorden van inwoners"),
    ("slapen, slaapplaats, overnachten, nachtopvang", "Woorden van inwoners"),
    ("papieren, formulieren, administratie", "Woorden van inwoners"),
    ("werk, job, tewerkstelling", "Woorden van inwoners"),
    ("rolstoel, rolwagen", "Woorden van inwoners"),
    ("tolk, tolken, vertaler", "Woorden van inwoners"),
    ("leefloon, bijstand, OCMW-steun", "Woorden van inwoners"),
]


def add(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for terms, note in SYNONYMS:
        Synonym.objects.get_or_create(terms=terms, defaults={"note": note})


def remove(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.filter(terms__in=[terms for terms, _note in SYNONYMS]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0009_audience_without_choices")]

    operations = [migrations.RunPython(add, remove)]
