"""The demo town's own pages, one set per audience: public pages for the menu, a
partners-only section and a staff-only section.

Pages are keyed on their slug under their parent and created only when missing, so a
rerun never overwrites what an editor changed since.
"""

from dataclasses import dataclass, field

from django.conf import settings
from wagtail.models import Page

from cms.models import ContentPage, HomePage, IndexPage
from cms.site import ensure_section
from portal.access.audiences import Audience

RETENTION = settings.RETENTION

TOWN_SITE_TITLE = "Lokaal sociaal beleid Wilgendonk"

HOME_INTRO = (
    "<p>Op dit portaal vind je hoe de gemeente en het OCMW van <b>Wilgendonk</b> samen "
    "met hun partners werken aan een sociaal beleid voor iedereen: de kaderteksten, "
    "het meerjarenplan 2026-2031 en de voortgang van elke doelstelling.</p>"
)


def heading(number: str, title: str, level: str = "2") -> dict:
    return {
        "type": "heading",
        "value": {"level": level, "number": number, "title": title, "anchor": ""},
    }


def _days(days: int) -> str:
    return f"{days} dagen" if days != 1 else "1 dag"


def _years(days: int) -> str:
    """A term in days as Dutch words ("2 jaar"; "45 dagen" when not whole years)."""
    if days and days % 365 == 0:
        return f"{days // 365} jaar"
    return _days(days)


def paragraph(*paragraphs: str) -> dict:
    return {"type": "paragraph", "value": "".join(f"<p>{p}</p>" for p in paragraphs)}


def bullets(*items: str) -> dict:
    listed = "".join(f"<li>{item}</li>" for item in items)
    return {"type": "paragraph", "value": f"<ul>{listed}</ul>"}


def numbered(*items: str) -> dict:
    listed = "".join(f"<li>{item}</li>" for item in items)
    return {"type": "paragraph", "value": f"<ol>{listed}</ol>"}


HOME_BODY = [
    paragraph(
        "Wilgendonk is een landelijke gemeente met een centrum en drie kerkdorpen. "
        "Het lokaal sociaal beleid wil ervoor zorgen dat elke inwoner zijn sociale "
        "grondrechten kan opnemen: betaalbaar wonen, werk, onderwijs, zorg, vrije "
        "tijd en een leefbare buurt.",
        "Partners melden hier signalen en volgen ze op; medewerkers van het lokaal "
        "bestuur rapporteren over de voortgang van het meerjarenplan.",
    )
]


@dataclass
class DemoPage:
    """A page to create under `parent` (a slug under the home page, or the home page
    itself when empty)."""

    model: type[Page]
    slug: str
    title: str
    audience: str = Audience.PUBLIC
    parent: str = ""
    show_in_menus: bool = False
    fields: dict = field(default_factory=dict)


DEMO_PAGES = [
    DemoPage(
        ContentPage,
        "sociaal-huis",
        "Sociaal huis",
        show_in_menus=True,
        fields={
            "summary": "Eén adres voor elke vraag over welzijn, inkomen, wonen en "
            "zorg.",
            "body": [
                heading("", "Waarmee kun je bij het sociaal huis terecht?"),
                paragraph(
                    "Met elke vraag over welzijn: je huur of energiefactuur die je "
                    "niet meer kunt betalen, een premie of tegemoetkoming waar je "
                    "misschien recht op hebt, zorg voor jezelf of voor een "
                    "familielid, of gewoon een brief die je niet begrijpt.",
                    "Hoort je vraag bij een andere organisatie thuis, dan maken we "
                    "samen met jou een afspraak. Je hoeft je verhaal geen tweede keer "
                    "te vertellen.",
                ),
                heading("", "Zelf hulp zoeken"),
                paragraph(
                    'Op de <a href="/sociale-kaart/">sociale kaart</a> vind je alle '
                    "diensten in Wilgendonk en de buurt: bij wie je terecht kunt met "
                    "je huur, schulden, zorg, werk of opvoeding, waar ze zijn en "
                    "wanneer ze open zijn."
                ),
                heading("", "Zitdagen in de kerkdorpen"),
                paragraph(
                    "Naast de vaste openingsuren in het centrum houdt het sociaal "
                    "huis elke week zitdagen in de drie kerkdorpen. Kun je zelf niet "
                    "komen, dan komt een medewerker bij je thuis langs."
                ),
                heading("", "Rechten die we automatisch toekennen"),
                bullets(
                    "de vrijetijdspas voor sport, cultuur en jeugdwerk",
                    "de tussenkomst in de schoolkosten",
                    "de verwarmingstoelage",
                ),
                paragraph(
                    "Heb je recht op een van deze tegemoetkomingen, dan krijg je een "
                    "brief. Je hoeft zelf niets aan te vragen."
                ),
            ],
        },
    ),
    DemoPage(
        ContentPage,
        "meedoen",
        "Meedoen",
        show_in_menus=True,
        fields={
            "summary": "Denk mee over het sociaal beleid van Wilgendonk.",
            "body": [
                heading("", "Het welzijnsforum"),
                paragraph(
                    "Twee keer per jaar komt het welzijnsforum samen. Iedereen is "
                    "welkom: inwoners, vrijwilligers, verenigingen en organisaties. "
                    "We bespreken de voortgang van het meerjarenplan en de "
                    "belangrijkste signalen, en we vragen je mening over nieuwe "
                    "plannen."
                ),
                heading("", "De welzijnsraad"),
                paragraph(
                    "De welzijnsraad adviseert het lokaal bestuur, op eigen "
                    "initiatief of op vraag. Hij werkt met werkgroepen rond wonen, "
                    "werk, leren, zorg, vrije tijd en leefbaarheid. Inwoners met "
                    "ervaring van armoede, nieuwkomers en jongeren zetelen mee; wie "
                    "kosten maakt om te kunnen deelnemen, krijgt die vergoed."
                ),
                heading("", "Een probleem gezien dat meer mensen treft?"),
                paragraph(
                    "Werk je bij een organisatie of vereniging en merk je dat "
                    "inwoners telkens op hetzelfde probleem botsen? Meld het dan als "
                    "signaal via het partnerportaal, of spreek het sociaal huis aan."
                ),
            ],
        },
    ),
    DemoPage(
        ContentPage,
        "over-dit-portaal",
        "Over dit portaal",
        show_in_menus=True,
        fields={
            "summary": "Wat je hier vindt, en voor wie.",
            "body": [
                paragraph(
                    "Dit portaal is de gedeelde plek van het lokaal sociaal beleid "
                    "van Wilgendonk. De gemeente, het OCMW en de partners publiceren "
                    "er hun kaderteksten en plannen, en volgen er samen op wat "
                    "bereikt is."
                ),
                heading("", "Wat je hier vindt"),
                bullets(
                    "de <b>kaderteksten</b>: de visie en de afspraken over hoe we "
                    "samenwerken, met een inhoudstafel per tekst",
                    "het <b>meerjarenplan 2026-2031</b> met al zijn doelstellingen "
                    "en acties, wie ze trekt, de timing en de voortgang",
                    "informatie over het <b>sociaal huis</b> en over hoe je kunt "
                    "<b>meedoen</b>",
                ),
                heading("", "Wie ziet wat"),
                paragraph(
                    "De meeste pagina's zijn publiek. Partnerorganisaties zien na "
                    "het aanmelden ook de pagina's voor partners, zoals de "
                    "signaalprocedure. Medewerkers van het lokaal bestuur zien "
                    "daarnaast interne werkdocumenten."
                ),
                heading("", "Je gegevens"),
                paragraph(
                    "Welke persoonsgegevens we bewaren en hoe lang, lees je in de "
                    '<a href="/over-dit-portaal/privacy/">privacyverklaring</a>.'
                ),
                heading("", "Een fictieve gemeente"),
                paragraph(
                    "Wilgendonk bestaat niet. De gemeente, haar organisaties en "
                    "haar plannen zijn verzonnen om te tonen hoe het portaal werkt; "
                    "elke gelijkenis met een bestaande gemeente is toevallig."
                ),
            ],
        },
    ),
    DemoPage(
        ContentPage,
        "privacy",
        "Privacyverklaring",
        parent="over-dit-portaal",
        fields={
            "summary": "Welke persoonsgegevens dit portaal bewaart, waarom en hoe "
            "lang.",
            "body": [
                paragraph(
                    "Het lokaal bestuur van Wilgendonk is verantwoordelijk voor de "
                    "persoonsgegevens in dit portaal. We bewaren alleen wat nodig is "
                    "om het portaal te laten werken en om het lokaal sociaal beleid "
                    "op te volgen, en niet langer dan hieronder staat."
                ),
                heading("", "Je account"),
                paragraph(
                    "Voor je account bewaren we je e-mailadres, je naam als je die "
                    "opgeeft, je organisatie en rol, en wanneer je je laatst "
                    "aanmeldde. Meld je je "
                    f"{_years(RETENTION['ACCOUNT_INACTIVE_DAYS'])} niet aan, dan "
                    "krijg je een e-mail. Meld je je daarna binnen "
                    f"{_days(RETENTION['ACCOUNT_WARNING_DAYS'])} nog altijd niet "
                    "aan, dan deactiveren we je account; "
                    f"{_days(RETENTION['ACCOUNT_REMOVAL_DAYS'])} later verwijderen "
                    "we het. Wat je als partner schreef, blijft dan bewaard zonder "
                    "je naam."
                ),
                heading("", "Signalen"),
                paragraph(
                    "Een signaal beschrijft een probleem dat veel mensen treft, "
                    "nooit één persoon: vermeld geen namen, adressen, "
                    "rijksregisternummers, telefoonnummers of e-mailadressen. Is "
                    "een signaal afgesloten, afgewezen of samengevoegd, dan "
                    "verwijderen we de bijlagen na "
                    f"{_years(RETENTION['SIGNAL_ATTACHMENTS_DAYS'])} en de vrije "
                    "tekst (de omschrijving, het voorbeeld, de oorzaken en de "
                    "opmerkingen) na "
                    f"{_years(RETENTION['SIGNAL_TEXT_DAYS'])}. De titel, de "
                    "thema's en het beleidsantwoord blijven, zodat we kunnen "
                    "opvolgen wat er met signalen gebeurde."
                ),
                heading("", "E-mails"),
                paragraph(
                    "Het portaal stuurt e-mails over je account, over uitnodigingen "
                    "en over signalen die je volgt. Het portaal houdt geen kopie of "
                    "logboek van verstuurde e-mails bij; de mailserver van de "
                    "gemeente bewaart alleen wat hij nodig heeft om mails af te "
                    "leveren. Een uitnodiging (het e-mailadres dat een coördinator "
                    "uitnodigde) verwijderen we "
                    f"{_days(RETENTION['INVITATION_DAYS'])} nadat ze aanvaard, "
                    "ingetrokken of verlopen is."
                ),
                heading("", "Je rechten"),
                paragraph(
                    "Je kunt je gegevens inkijken, laten verbeteren of laten "
                    "verwijderen. Vraag het aan het sociaal huis of aan de "
                    "functionaris voor gegevensbescherming van het lokaal bestuur. "
                    "Ben je het niet eens met hoe we met je gegevens omgaan, dan "
                    "kun je klacht indienen bij de Vlaamse Toezichtcommissie."
                ),
            ],
        },
    ),
    DemoPage(
        IndexPage,
        "voor-partners",
        "Voor partners",
        audience=Audience.PARTNERS,
        show_in_menus=True,
        fields={
            "intro": "<p>Afspraken en werkdocumenten voor de partnerorganisaties van "
            "het lokaal sociaal beleid.</p>",
        },
    ),
    DemoPage(
        ContentPage,
        "signaalprocedure",
        "De signaalprocedure",
        audience=Audience.PARTNERS,
        parent="voor-partners",
        show_in_menus=True,
        fields={
            "summary": "Hoe een signaal van een partner zijn weg vindt naar het "
            "beleid.",
            "body": [
                heading("1", "Wat meld je als signaal?"),
                paragraph(
                    "Een signaal gaat over een probleem dat meerdere inwoners "
                    "treft en dat je organisatie niet zelf kan oplossen. Een "
                    "individuele hulpvraag is geen signaal: die volg je op in het "
                    "dossier of via een doorverwijzing.",
                    "Een signaal bevat nooit gegevens waarmee een inwoner herkend "
                    "kan worden.",
                ),
                heading("2", "Zo verloopt het"),
                numbered(
                    "Je meldt het signaal op het partnerportaal, namens je "
                    "organisatie.",
                    "De signaalcoördinator bevestigt de ontvangst binnen tien "
                    "werkdagen.",
                    "De bevoegde werkgroep van de welzijnsraad bespreekt het signaal, "
                    "samen met verwante signalen.",
                    "Het vast bureau of de bevoegde dienst beslist over een aanpak.",
                    "Je krijgt binnen drie maanden een gemotiveerde terugkoppeling; "
                    "bij dringende signalen binnen veertien dagen.",
                ),
                heading("3", "Toestemming voor publicatie"),
                paragraph(
                    "Om de twee jaar verschijnt een signalenbundel. Een signaal komt "
                    "daar alleen in als de coördinator van je organisatie "
                    "uitdrukkelijk toestemming geeft. Je kunt een signaal ook enkel "
                    "met de andere partners delen."
                ),
            ],
        },
    ),
    DemoPage(
        ContentPage,
        "partneroverleg",
        "Het partneroverleg",
        audience=Audience.PARTNERS,
        parent="voor-partners",
        show_in_menus=True,
        fields={
            "summary": "Maandelijks overleg van de coördinatoren van de partners.",
            "body": [
                paragraph(
                    "Het partneroverleg brengt elke maand de coördinatoren van de "
                    "partnerorganisaties en de signaalcoördinator samen. Op de "
                    "agenda staan de lopende signalen, de samenwerking rond "
                    "gedeelde cliënten en de voorbereiding van het welzijnsforum.",
                    "De verslagen staan op deze pagina zodra ze zijn goedgekeurd. "
                    "Punten voor de agenda bezorg je uiterlijk een week vooraf aan "
                    "de signaalcoördinator.",
                ),
            ],
        },
    ),
    DemoPage(
        IndexPage,
        "intern",
        "Intern",
        audience=Audience.STAFF,
        show_in_menus=True,
        fields={
            "intro": "<p>Werkdocumenten voor de medewerkers van de gemeente en het "
            "OCMW. Niet zichtbaar voor partners of inwoners.</p>",
        },
    ),
    DemoPage(
        ContentPage,
        "werknota-signalenbundel-2027",
        "Werknota: eerste signalenbundel 2027 (ontwerp)",
        audience=Audience.STAFF,
        parent="intern",
        fields={
            "summary": "Ontwerp van aanpak en planning voor de eerste signalenbundel. "
            "Interne werktekst, niet verspreiden.",
            "body": [
                heading("1", "Stand van zaken"),
                paragraph(
                    "Sinds de ingebruikname van het signalenregister in juni 2026 "
                    "kwamen signalen binnen van vijf partnerorganisaties en van drie "
                    "diensten van het lokaal bestuur. De meeste gaan over wonen en "
                    "over de bereikbaarheid van de dienstverlening vanuit de "
                    "kerkdorpen.",
                ),
                heading("2", "Voorstel van aanpak"),
                bullets(
                    "januari 2027: de werkgroepen van de welzijnsraad bundelen de "
                    "signalen per levensdomein",
                    "februari 2027: de coördinatoren van de partners geven of "
                    "weigeren hun toestemming voor publicatie",
                    "maart 2027: bespreking in het managementteam en het vast bureau",
                    "april 2027: voorstelling op het welzijnsforum en aan de "
                    "gemeenteraad",
                ),
                heading("3", "Open vragen"),
                paragraph(
                    "Publiceren we signalen waarvoor de toestemming ontbreekt in "
                    "geanonimiseerde vorm, of laten we ze volledig weg? Voorstel: "
                    "weglaten, en in de inleiding vermelden hoeveel signalen niet "
                    "werden opgenomen.",
                ),
            ],
        },
    ),
    DemoPage(
        ContentPage,
        "redactieafspraken",
        "Redactieafspraken voor het portaal",
        audience=Audience.STAFF,
        parent="intern",
        fields={
            "summary": "Wie schrijft, wie keurt goed, en hoe.",
            "body": [
                paragraph(
                    "Redacteurs schrijven en bewerken pagina's en dienen ze in ter "
                    "goedkeuring. Een moderator leest na en publiceert, of stuurt de "
                    "pagina terug met opmerkingen. Zo gaat geen tekst online zonder "
                    "dat een tweede persoon hem las.",
                    "Kies bij elke pagina het juiste publiek: publiek, partners of "
                    "medewerkers. Een pagina is nooit ruimer zichtbaar dan de "
                    "pagina waaronder ze staat.",
                ),
            ],
        },
    ),
]


def ensure_home(home: HomePage, *, author=None, publisher=None) -> bool:
    """Give a fresh home page the town's introduction (once: an existing intro
    stays)."""
    if home.intro:
        return False
    home.title = TOWN_SITE_TITLE
    home.intro = HOME_INTRO
    home.body = HOME_BODY
    home.save_revision(user=author).publish(user=publisher)
    return True


def ensure_pages(home: HomePage, *, author=None, publisher=None) -> int:
    """Create the missing pages of DEMO_PAGES, written by `author` and published by
    `publisher` (who needs the right to publish); returns how many were created."""
    for slug in ("kaderteksten", "beleidsplannen"):
        ensure_section(slug)
    created = 0
    for spec in DEMO_PAGES:
        parent = home
        if spec.parent:
            parent = home.get_children().get(slug=spec.parent).specific
        if parent.get_children().filter(slug=spec.slug).exists():
            continue
        page = spec.model(
            title=spec.title,
            slug=spec.slug,
            audience=spec.audience,
            show_in_menus=spec.show_in_menus,
            owner=author,
            **spec.fields,
        )
        parent.add_child(instance=page)
        page.save_revision(user=author).publish(user=publisher)
        created += 1
    return created
