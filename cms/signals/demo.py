"""Demo signals of the fictional town Wilgendonk: several organisations, every state
of the lifecycle, and one published bundle ("Signalenbundel 2026").

Everything goes through `cms.signals.services`, so each signal carries the timeline
it would have in real use. Called by `manage.py load_demo`; a second run adds
nothing.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.text import slugify

from cms.models import Goal, LifeDomain, SocialRight, TargetGroup
from cms.signals import services
from cms.signals.lifecycle import ensure_signal_coordinators_group
from cms.signals.models import BundleSignal, Signal, SignalBundlePage, SignalState
from portal.models import Organisation, User

S = SignalState

PARTNER = "partner@demo.lokaal"
PARTNER2 = "partner2@demo.lokaal"
CIVIL_SERVANT = "ambtenaar@demo.lokaal"
EDITOR = "redacteur@demo.lokaal"
MODERATOR = "moderator@demo.lokaal"

WELFARE = "De Brugwachter vzw"
HOUSING = "Woonmaatschappij Wilgenland"
COMMUNITY = "Buurtwerk Wilgendonk vzw"
WORK = "Leerwerkplaats Het Aambeeld vzw"
TOWN = "Gemeente Wilgendonk"

BUNDLE_TITLE = "Signalenbundel 2026"

#: Signal title -> codes of the goals of the demo plan it informs.
GOAL_LINKS = {
    "Slechte woningkwaliteit bij private huur": ("TD 1.3",),
    "Energiearmoede bij alleenstaande ouders": ("TD 1.3", "TD 2.3"),
    "Digitale drempels bij het aanvragen van premies": ("OD 2.2.1",),
    "Lange wachttijden voor psychologische eerstelijnshulp": ("TD 4.3",),
}


@dataclass(frozen=True)
class DemoSignal:
    title: str
    organisation: str
    author: str
    path: tuple[str, ...]  # the states it goes through after the draft
    description: str
    life_domains: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    social_rights: tuple[str, ...] = ()
    affected: str = ""
    example: str = ""
    causes: str = ""
    frequency: str = "weekly"
    consent: bool = False
    in_bundle: bool = False
    analysis: str = ""
    recommendation: str = ""
    notes: dict = field(default_factory=dict)


DEMO_SIGNALS = [
    DemoSignal(
        "Wachtlijst voor budgetbegeleiding loopt op",
        WELFARE,
        PARTNER,
        (),
        "Wie zich aanmeldt voor budgetbegeleiding wacht intussen vier maanden op "
        "een eerste gesprek. Schulden lopen in die tijd verder op.",
        life_domains=("inkomen",),
        target_groups=("mensen-in-armoede",),
    ),
    DemoSignal(
        "Huurders met een afbetalingsplan vinden geen nieuwe woning",
        HOUSING,
        PARTNER2,
        (S.SUBMITTED,),
        "Kandidaat-huurders met een lopend afbetalingsplan worden op de private "
        "huurmarkt systematisch geweigerd.",
        life_domains=("wonen", "inkomen"),
        target_groups=("mensen-in-armoede", "eenoudergezinnen"),
        social_rights=("recht-op-behoorlijke-huisvesting",),
    ),
    DemoSignal(
        "Jongeren zonder vaste verblijfplaats na hun achttiende",
        WELFARE,
        PARTNER,
        (S.SUBMITTED, S.RETURNED),
        "Jongeren die de jeugdhulp verlaten, belanden vaak bij vrienden op de bank.",
        life_domains=("wonen",),
        target_groups=("jongeren", "dak-en-thuislozen"),
        notes={
            S.RETURNED: "Hoeveel jongeren zag je het voorbije jaar? Een schatting "
            "volstaat."
        },
    ),
    DemoSignal(
        "Een bewoner kreeg geen plaats in het dagcentrum",
        COMMUNITY,
        CIVIL_SERVANT,
        (S.SUBMITTED, S.REJECTED),
        "Een bewoner van de Molenwijk kreeg geen plaats in het dagcentrum.",
        life_domains=("zorg-en-gezondheid",),
        notes={
            S.REJECTED: "Dit is een individuele situatie, geen structureel "
            "probleem. Het sociaal huis neemt contact op met de dienst."
        },
    ),
    DemoSignal(
        "Slechte woningkwaliteit bij private huur",
        WELFARE,
        PARTNER,
        (S.SUBMITTED, S.REGISTERED),
        "Gezinnen huren woningen met vocht en schimmel, omdat ze niets anders "
        "vinden. Ze durven geen klacht in te dienen uit angst de woning te verliezen.",
        life_domains=("wonen",),
        target_groups=("gezinnen-met-kinderen", "mensen-in-armoede"),
        social_rights=("recht-op-behoorlijke-huisvesting",),
        causes="Te weinig sociale huurwoningen; weinig controle op kwaliteit.",
    ),
    DemoSignal(
        "Vochtige huurwoningen in de Molenwijk",
        HOUSING,
        PARTNER2,
        (S.SUBMITTED, S.MERGED),
        "In de Molenwijk melden huurders vocht en schimmel in oudere woningen.",
        life_domains=("wonen",),
        target_groups=("gezinnen-met-kinderen",),
    ),
    DemoSignal(
        "Digitale drempels bij het aanvragen van premies",
        WELFARE,
        PARTNER,
        (S.SUBMITTED, S.REGISTERED, S.BUNDLED),
        "Premies en toelagen kunnen bijna alleen nog online aangevraagd worden. "
        "Wie geen computer of digitale sleutel heeft, mist ze.",
        life_domains=("inkomen",),
        target_groups=("ouderen", "mensen-in-armoede"),
        social_rights=("recht-op-sociale-zekerheid",),
        consent=True,
        in_bundle=True,
        analysis="Vier organisaties herkennen het signaal; vooral ouderen en "
        "mensen zonder digitale sleutel missen premies.",
        recommendation="Houd bij elke premie een loket of telefonische hulp open.",
    ),
    DemoSignal(
        "Geen kinderopvang voor werkzoekenden in opleiding",
        WORK,
        CIVIL_SERVANT,
        (S.SUBMITTED, S.REGISTERED, S.BUNDLED, S.ANALYSED),
        "Cursisten haken af omdat ze geen opvang vinden tijdens de lesuren.",
        life_domains=("werken",),
        target_groups=("eenoudergezinnen",),
        in_bundle=True,
        analysis="Vooral alleenstaande ouders haken af.",
        recommendation="Voorzie occasionele opvang bij opleidingen.",
    ),
    DemoSignal(
        "Energiearmoede bij alleenstaande ouders",
        WELFARE,
        PARTNER,
        (S.SUBMITTED, S.REGISTERED, S.BUNDLED, S.ANALYSED, S.COMMUNICATED),
        "Alleenstaande ouders schuiven facturen voor energie door en verwarmen "
        "maar één kamer.",
        life_domains=("wonen", "inkomen"),
        target_groups=("eenoudergezinnen",),
        notes={S.COMMUNICATED: "Het college van burgemeester en schepenen"},
    ),
    DemoSignal(
        "Lange wachttijden voor psychologische eerstelijnshulp",
        TOWN,
        CIVIL_SERVANT,
        (
            S.SUBMITTED,
            S.REGISTERED,
            S.BUNDLED,
            S.ANALYSED,
            S.COMMUNICATED,
            S.ANSWERED,
        ),
        "Wie psychologische hulp zoekt, wacht maanden op een eerste gesprek bij de "
        "eerstelijnspsychologen.",
        life_domains=("zorg-en-gezondheid",),
        target_groups=("mensen-met-psychische-kwetsbaarheid", "jongeren"),
        consent=True,
        in_bundle=True,
        analysis="Het signaal komt uit drie deelgemeenten en treft vooral jongeren.",
        recommendation="Breid de vrij toegankelijke gesprekken uit.",
        notes={
            S.COMMUNICATED: "Het bijzonder comité voor de sociale dienst",
            S.ANSWERED: "Het comité financiert vanaf januari twee extra "
            "vrij toegankelijke spreekuren per week.",
        },
    ),
    DemoSignal(
        "Geen vervoer naar het sociaal huis vanuit de deelgemeenten",
        WELFARE,
        PARTNER,
        (
            S.SUBMITTED,
            S.REGISTERED,
            S.BUNDLED,
            S.ANALYSED,
            S.COMMUNICATED,
            S.ANSWERED,
            S.CLOSED,
        ),
        "Vanuit de deelgemeenten rijdt geen bus naar het sociaal huis op de "
        "dagen van de zitdag.",
        life_domains=("mobiliteit",),
        target_groups=("ouderen",),
        notes={
            S.COMMUNICATED: "De dienst mobiliteit",
            S.ANSWERED: "De belbus rijdt op zitdagen langs het sociaal huis.",
        },
    ),
]


def _terms(model, slugs):
    return list(model.objects.filter(slug__in=slugs))


def _actor_for(step: str, demo: DemoSignal, users: dict[str, User]) -> User:
    if step == S.SUBMITTED:
        return users[demo.author]
    return users[CIVIL_SERVANT]


def _raise(demo: DemoSignal, users, organisations, targets) -> Signal:
    signal, _findings = services.signal_create(
        by=users[demo.author],
        organisation=organisations[demo.organisation],
        title=demo.title,
        description=demo.description,
        affected=demo.affected,
        example=demo.example,
        causes=demo.causes,
        frequency=demo.frequency,
        region="Wilgendonk",
        observed_since=datetime.date(2025, 9, 1),
        life_domains=_terms(LifeDomain, demo.life_domains),
        target_groups=_terms(TargetGroup, demo.target_groups),
        social_rights=_terms(SocialRight, demo.social_rights),
    )
    for step in demo.path:
        extra = {}
        if step == S.MERGED:
            extra["merged_into"] = targets["Slechte woningkwaliteit bij private huur"]
        if step == S.ANSWERED:
            extra["answered_on"] = timezone.localdate() - datetime.timedelta(days=10)
        signal = services.signal_transition(
            signal=signal,
            to=step,
            by=_actor_for(step, demo, users),
            note=demo.notes.get(step, ""),
            **extra,
        )
    if demo.consent:
        coordinator = users[PARTNER if demo.organisation == WELFARE else CIVIL_SERVANT]
        signal = services.signal_consent_give(signal=signal, by=coordinator)
    return signal


def ensure_signals(home, *, users: dict[str, User], plan=None) -> int:
    """The demo signals and the bundle, and (given the demo plan) the goals some
    signals inform; returns how many signals were added."""
    ensure_signal_coordinators_group()
    organisations = {org.name: org for org in Organisation.objects.all()}
    existing = {signal.title: signal for signal in Signal.objects.all()}
    created = 0
    for demo in DEMO_SIGNALS:
        if demo.title not in existing:
            existing[demo.title] = _raise(demo, users, organisations, existing)
            created += 1
    overdue = existing["Energiearmoede bij alleenstaande ouders"]
    if overdue.state == S.COMMUNICATED:  # sent 40 days ago: past the answer term
        Signal.objects.filter(pk=overdue.pk).update(
            communicated_at=timezone.now() - datetime.timedelta(days=40)
        )
    recognised = existing["Digitale drempels bij het aanvragen van premies"]
    if not recognised.recognitions.exists():
        services.signal_recognise(
            signal=recognised,
            by=users[PARTNER2],
            organisation=organisations[HOUSING],
            note="Ook onze huurders missen premies.",
        )
    _ensure_bundle(home, users=users, signals=existing)
    if plan is not None:
        _ensure_goal_links(plan, users=users, signals=existing)
    return created


def _ensure_goal_links(plan, *, users, signals) -> None:
    """A civil servant links signals to the goals they inform (through the service,
    so the signals' timelines record it); links made already are kept."""
    goals = {goal.code: goal for goal in Goal.objects.filter(plan=plan)}
    for title, codes in GOAL_LINKS.items():
        signal = signals[title]
        linked = set(signal.goals.values_list("code", flat=True))
        new = [goals[code] for code in codes if code in goals and code not in linked]
        if new:
            services.signal_link_goals(
                signal=signal, goals=new, user=users[CIVIL_SERVANT]
            )


def _ensure_bundle(home, *, users, signals) -> SignalBundlePage:
    page = SignalBundlePage.objects.filter(slug=slugify(BUNDLE_TITLE)).first()
    if page is not None:
        return page
    page = SignalBundlePage(
        title=BUNDLE_TITLE,
        slug=slugify(BUNDLE_TITLE),
        edition=BUNDLE_TITLE,
        introduction="<p>Twee keer per jaar bundelen de partners van het lokaal "
        "sociaal beleid de signalen die ze in hun werk zien. Deze bundel toont de "
        "signalen waarvoor de organisaties toestemming gaven.</p>",
        analysis="<p>Wonen en inkomen blijven de levensdomeinen met de meeste "
        "signalen; digitale drempels komen in elk domein terug.</p>",
        policy_responses="<p>Het bijzonder comité voor de sociale dienst "
        "antwoordde op het signaal over psychologische hulp.</p>",
    )
    home.add_child(instance=page)
    for demo in DEMO_SIGNALS:
        if demo.in_bundle:
            BundleSignal.objects.create(
                page=page,
                signal=signals[demo.title],
                analysis=demo.analysis,
                recommendation=demo.recommendation,
            )
    page.save_revision(user=users[EDITOR]).publish(user=users[MODERATOR])
    return page
