"""factory_boy factories for the portal's models. Pages are added under their parent
with Wagtail's tree API, so factories take a `parent`."""

import datetime
from zoneinfo import ZoneInfo

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.test import Client
from django.utils.text import slugify

from cms.models import (
    ContentPage,
    FrameworkTextPage,
    Goal,
    GoalLevel,
    GoalStatus,
    IndexPage,
    PolicyPlanPage,
    PortalDocument,
    PortalImage,
)
from cms.site import ensure_home_page
from portal.models import Invitation, Membership, Organisation, User

BRUSSELS = ZoneInfo("Europe/Brussels")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Gebruiker {n}")
    password = factory.PostGenerationMethodCall("set_password", "geheim-wachtwoord-123")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()

    @factory.post_generation
    def email_verified(obj, create, extracted, **kwargs):
        """allauth signs in only people with a verified address (verification is
        mandatory); `UserFactory(email_verified=False)` for one who has not yet."""
        if create and extracted is not False:
            EmailAddress.objects.create(
                user=obj, email=obj.email, primary=True, verified=True
            )


def enrol_second_factor(user: User) -> str:
    """Give the user a TOTP authenticator, as civil servants must have; returns the
    secret so a test can compute codes."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def current_totp_code(secret: str) -> str:
    counter = next(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counter))


def signed_in_client(user=None) -> Client:
    """A test client signed in as this user (anonymous for None or an anonymous
    user); for staff with the second factor in the session, as staff pages ask."""
    client = Client()
    if user is None or not user.is_authenticated:
        return client
    client.force_login(user)
    if user.is_staff:
        session = client.session
        session["account_authentication_methods"] = [
            {"method": "password"},
            {"method": "mfa", "type": "totp"},
        ]
        session.save()
    return client


class StaffFactory(UserFactory):
    """A civil servant, with the second factor the portal requires of staff
    (`StaffFactory(second_factor=False)` for one who has not enrolled yet)."""

    is_staff = True

    @factory.post_generation
    def second_factor(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            enrol_second_factor(obj)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory, is_partner=True)
    status = Membership.Status.ACTIVE


class PageFactory(factory.Factory):
    """Builds an unsaved page, then adds it under `parent` (the home page by default)
    and publishes it unless `live=False`."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Pagina {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))

    @classmethod
    def _create(cls, model_class, *args, parent=None, live=True, **kwargs):
        parent = parent or ensure_home_page()
        page = model_class(*args, **kwargs)
        parent.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
        else:
            page.live = False
            page.save(update_fields=["live"])
        page.refresh_from_db()
        return page


class ContentPageFactory(PageFactory):
    class Meta:
        model = ContentPage


class IndexPageFactory(PageFactory):
    class Meta:
        model = IndexPage


class FrameworkTextPageFactory(PageFactory):
    class Meta:
        model = FrameworkTextPage

    title = factory.Sequence(lambda n: f"Kadertekst {n}")


class PolicyPlanPageFactory(PageFactory):
    class Meta:
        model = PolicyPlanPage

    title = factory.Sequence(lambda n: f"Meerjarenplan {n}")
    start_year = 2026
    end_year = 2031


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    plan = factory.SubFactory(PolicyPlanPageFactory)
    level = GoalLevel.STRATEGIC
    code = factory.Sequence(lambda n: f"SD {n}")
    title = factory.Sequence(lambda n: f"Doelstelling {n}")
    sort_order = factory.Sequence(lambda n: n)


def goal_status(slug: str) -> GoalStatus:
    return GoalStatus.objects.get(slug=slug)


class PortalDocumentFactory(factory.django.DjangoModelFactory):
    """A small PDF document; `audience` public unless given."""

    class Meta:
        model = PortalDocument

    title = factory.Sequence(lambda n: f"Document {n}")
    file = factory.django.FileField(
        filename=factory.Sequence(lambda n: f"document-{n}.pdf"),
        data=b"%PDF-1.4\n%%EOF\n",
    )


class PortalImageFactory(factory.django.DjangoModelFactory):
    """A small PNG image; `audience` public unless given."""

    class Meta:
        model = PortalImage

    title = factory.Sequence(lambda n: f"Afbeelding {n}")
    file = factory.django.ImageField(
        filename=factory.Sequence(lambda n: f"afbeelding-{n}.png"),
        width=64,
        height=48,
        format="PNG",
    )


class InvitationFactory(factory.django.DjangoModelFactory):
    """An open invitation to a partner organisation, sent by one of its
    coordinators."""

    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory, is_partner=True)
    email = factory.Sequence(lambda n: f"genodigde{n}@example.test")
    role = Membership.Role.MEMBER
    invited_by = factory.LazyAttribute(
        lambda o: (
            MembershipFactory(
                organisation=o.organisation, role=Membership.Role.COORDINATOR
            ).user
        )
    )


# Signals ------------------------------------------------------------------------------


class SignalFactory(factory.django.DjangoModelFactory):
    """A signal in any state (`state=...` sets it directly, for tests of what follows
    from that state); raised by a member of a partner organisation."""

    class Meta:
        model = "signals.Signal"

    reference = factory.Sequence(lambda n: f"S-2026-{n + 1:04d}")
    title = factory.Sequence(lambda n: f"Signaal {n}")
    description = "Gezinnen vinden geen betaalbare huurwoning in de gemeente."
    organisation = factory.SubFactory(OrganisationFactory, is_partner=True)
    author = factory.LazyAttribute(
        lambda o: MembershipFactory(organisation=o.organisation).user
    )


# Bodies, meetings and advice ----------------------------------------------------------


class BodyFactory(factory.django.DjangoModelFactory):
    """A public working group that gives advice."""

    class Meta:
        model = "bodies.Body"
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Werkgroep {n}")
    remit = "Adviseert over het brede sociale beleid."
    gives_advice = True
    is_public = True


class BodyMemberFactory(factory.django.DjangoModelFactory):
    """A seat that started in 2020 and runs on: a partner member by default."""

    class Meta:
        model = "bodies.BodyMember"

    body = factory.SubFactory(BodyFactory)
    user = factory.LazyAttribute(lambda o: MembershipFactory().user)
    role = "member"
    start_date = datetime.date(2020, 1, 1)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "bodies.Meeting"

    body = factory.SubFactory(BodyFactory)
    starts_at = datetime.datetime(2026, 3, 12, 19, 30, tzinfo=BRUSSELS)
    ends_at = datetime.datetime(2026, 3, 12, 21, 30, tzinfo=BRUSSELS)
    place = "Welzijnshuis, tweede verdieping"
    is_public = True
    minutes = "De werkgroep bespreekt de wachtlijsten."


class AdviceFactory(factory.django.DjangoModelFactory):
    """An advice in any state (`state=...` sets it directly), asked by the town,
    with one recommendation."""

    class Meta:
        model = "bodies.Advice"
        skip_postgeneration_save = True

    body = factory.SubFactory(BodyFactory)
    kind = "request"
    title = factory.Sequence(lambda n: f"Advies {n}")
    question = "Hoe maken we de sociale kruidenier beter bereikbaar?"
    asked_on = datetime.date(2026, 3, 2)
    state = "requested"

    @factory.post_generation
    def recommendations(obj, create, extracted, **kwargs):
        if create:
            for number in range(1, (1 if extracted is None else extracted) + 1):
                obj.recommendations.model.objects.create(
                    advice=obj,
                    number=number,
                    text=f"Aanbeveling {number}: verleng de uren.",
                )


# Indicators ---------------------------------------------------------------------------


class IndicatorFactory(factory.django.DjangoModelFactory):
    """A public yearly indicator where higher is better."""

    class Meta:
        model = "indicators.Indicator"
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Indicator {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    unit = "gezinnen"
    description = "Hoeveel gezinnen het sociaal huis bereikt."


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "indicators.IndicatorValue"

    indicator = factory.SubFactory(IndicatorFactory)
    period = datetime.date(2025, 1, 1)
    value = 100


class IndicatorTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "indicators.IndicatorTarget"

    indicator = factory.SubFactory(IndicatorFactory)
    year = 2026
    value = 120
