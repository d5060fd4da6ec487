"""Fill the vocabularies with the values of the domain (DOMAIN.md): the six life
domains and the cross-cutting ones, the social rights of article 23 of the
constitution, common target groups and goal statuses. Editors change them later."""

from django.db import migrations
from django.utils.text import slugify

LIFE_DOMAINS = [
    ("Wonen", "housing, huisvesting", False),
    ("Werken", "work, arbeid, tewerkstelling", False),
    ("Leren", "learning, onderwijs, vorming", False),
    ("Zorg en gezondheid", "care and health, zorg, gezondheid, zorg/gezondheid", False),
    ("Vrije tijd", "leisure, cultuur, sport", False),
    ("Leefbaarheid", "liveability, leefomgeving, buurt", False),
    ("Inkomen", "income, armoede, schulden", True),
    ("Mobiliteit", "mobility, vervoer", True),
]

SOCIAL_RIGHTS = [
    ("Recht op arbeid", "arbeid, werk, tewerkstelling, arbeid en sociale zekerheid"),
    ("Recht op sociale zekerheid", "sociale zekerheid, arbeid en sociale zekerheid"),
    (
        "Recht op gezondheidszorg en sociale, geneeskundige en juridische bijstand",
        "gezondheid, gezondheidszorg, bijstand, maatschappelijke dienstverlening",
    ),
    ("Recht op behoorlijke huisvesting", "huisvesting, wonen"),
    ("Recht op een gezond leefmilieu", "leefmilieu, milieu"),
    (
        "Recht op culturele en maatschappelijke ontplooiing",
        "cultuur, cultuur en maatschappelijke integratie, maatschappelijke integratie",
    ),
    ("Recht op onderwijs", "onderwijs, leren"),
]

TARGET_GROUPS = [
    ("Mensen in armoede", "armoede, kansarmen, sociaal kwetsbaren"),
    ("Ouderen", "senioren, 65-plussers"),
    ("Eenoudergezinnen", "alleenstaande ouders"),
    ("Gezinnen met kinderen", "gezinnen, kinderen"),
    ("Jongeren", "jeugd, tieners"),
    ("Nieuwkomers", "anderstaligen, vluchtelingen, migranten"),
    ("Personen met een handicap", "handicap, beperking"),
    ("Mensen met psychische kwetsbaarheid", "geestelijke gezondheid, psychisch"),
    ("Dak- en thuislozen", "dakloosheid, thuisloosheid"),
    ("Mantelzorgers", "mantelzorg"),
]

GOAL_STATUSES = [
    # name, colour (white text stays readable: contrast at least 4.5:1), progress, closed
    ("Niet gestart", "#545f66", 0, False),
    ("Gepland", "#2d5f8b", 10, False),
    ("Lopend", "#1c5e99", 50, False),
    ("Vertraagd", "#9c3d0d", 40, False),
    ("Gerealiseerd", "#1f6b35", 100, True),
    ("Stopgezet", "#6b2c8f", 0, True),
]


def fill(apps, schema_editor):
    def add(model_name, rows, extra=None):
        model = apps.get_model("cms", model_name)
        for order, row in enumerate(rows):
            name, aliases, *rest = row
            defaults = {"name": name, "aliases": aliases, "sort_order": order}
            if extra:
                defaults.update(extra(rest))
            model.objects.update_or_create(slug=slugify(name), defaults=defaults)

    add("LifeDomain", LIFE_DOMAINS, lambda rest: {"is_cross_cutting": rest[0]})
    add("SocialRight", SOCIAL_RIGHTS)
    add("TargetGroup", TARGET_GROUPS)

    GoalStatus = apps.get_model("cms", "GoalStatus")
    for order, (name, colour, progress, closed) in enumerate(GOAL_STATUSES):
        GoalStatus.objects.update_or_create(
            slug=slugify(name),
            defaults={
                "name": name,
                "colour": colour,
                "default_progress": progress,
                "is_closed": closed,
                "sort_order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("cms", "0002_initial")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
