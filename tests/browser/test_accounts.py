"""Accounts in Chromium, as people use them: a citizen signs up and confirms the
address from the verification mail; someone invited to a partner organisation signs
up from the invitation link and lands as a member; a civil servant enrols an
authenticator app, signs out and signs in again with password and code. Every account
page passes axe."""

import re

from django.core import mail
from django.core.cache import cache

from portal.models import User
from tests.browser.axe import assert_no_serious_axe_violations
from tests.factories import (
    InvitationFactory,
    OrganisationFactory,
    StaffFactory,
    current_totp_code,
)

PASSWORD = "geheim-wachtwoord-123"  # tests.factories.UserFactory's password


def sign_in_with_password(page, email: str, password: str = PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.locator("main form").get_by_role("button", name="Aanmelden").click()


def test_sign_up_with_the_verification_mail(page):
    mail.outbox.clear()
    page.goto("/accounts/signup/")
    assert page.locator("h1").inner_text() == "Account aanmaken"
    assert_no_serious_axe_violations(page)

    email = "nieuwe.inwoner@example.test"
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill("een-lang-wachtwoord-2026")
    page.get_by_label("Wachtwoord (bevestigen)").fill("een-lang-wachtwoord-2026")
    page.get_by_role("button", name="Account aanmaken").click()
    page.wait_for_url("**/accounts/confirm-email/")
    assert_no_serious_axe_violations(page)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [email]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body)
    assert link, message.body
    page.goto(link.group(0))
    assert_no_serious_axe_violations(page)
    page.locator("main form").get_by_role("button").click()

    page.wait_for_url(lambda url: "/accounts/" not in url)
    user = User.objects.get(email=email)
    assert user.emailaddress_set.get().verified
    page.goto("/accounts/email/")
    assert email in page.locator("main").inner_text()  # signed in: the own address


def test_an_invited_partner_signs_up_from_the_link_and_lands_as_a_member(page):
    organisation = OrganisationFactory(name="De Brugwachter vzw", is_partner=True)
    invitation = InvitationFactory(
        organisation=organisation, email="nieuwe.collega@example.test"
    )
    mail.outbox.clear()

    page.goto(invitation.get_absolute_url())
    page.wait_for_url("**/accounts/login/?next=**")
    assert "aanvaard je de uitnodiging" in page.locator(".messages").inner_text()
    page.get_by_role("link", name="Maak een account aan").click()
    page.wait_for_url("**/accounts/signup/?next=**")
    page.get_by_label("E-mail").fill(invitation.email)
    page.get_by_label("Wachtwoord", exact=True).fill("een-lang-wachtwoord-2026")
    page.get_by_label("Wachtwoord (bevestigen)").fill("een-lang-wachtwoord-2026")
    page.get_by_role("button", name="Account aanmaken").click()
    page.wait_for_url("**/accounts/confirm-email/")

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    page.goto(link.group(0))
    page.locator("main form").get_by_role("button").click()

    page.wait_for_url(f"**/partners/organisaties/{organisation.slug}/")
    assert (
        "Welkom bij De Brugwachter vzw: je bent nu lid van deze organisatie."
        in page.locator(".messages").inner_text()
    )
    assert "Jouw lidmaatschap" in page.locator("main").inner_text()
    assert_no_serious_axe_violations(page)


def test_invalid_sign_in_is_announced_and_focused(page):
    sign_in_with_password(page, "niemand@example.test", "verkeerd")
    errors = page.locator("[data-form-errors]")
    assert "niet correct" in errors.inner_text()
    assert errors.get_attribute("role") == "alert"
    assert page.evaluate("document.activeElement.hasAttribute('data-form-errors')")
    assert_no_serious_axe_violations(page)


def test_invalid_field_is_described_and_focused(page):
    page.goto("/accounts/signup/")
    page.get_by_label("E-mail").fill("inwoner@example.test")
    page.get_by_label("Wachtwoord", exact=True).fill("kort")
    page.get_by_label("Wachtwoord (bevestigen)").fill("kort")
    page.get_by_role("button", name="Account aanmaken").click()
    field = page.locator("#id_password1")
    assert field.get_attribute("aria-invalid") == "true"
    assert "id_password1_error" in field.get_attribute("aria-describedby")
    assert "te kort" in page.locator("#id_password1_error").inner_text()
    assert page.evaluate("document.activeElement.id") == "id_password1"
    assert_no_serious_axe_violations(page)


def test_civil_servant_enrols_an_authenticator_and_signs_in_with_it(page):
    staff = StaffFactory(email="ambtenaar@example.test", second_factor=False)

    page.goto("/accounts/login/")
    assert_no_serious_axe_violations(page)
    sign_in_with_password(page, staff.email)

    # Staff without a second factor are sent to enrol one first.
    page.wait_for_url("**/accounts/2fa/totp/activate/**")
    assert "tweestapsverificatie" in page.locator(".messages").inner_text()
    assert page.locator("img.qr-code").is_visible()
    assert_no_serious_axe_violations(page)
    secret = page.locator("#authenticator-secret").inner_text().strip()
    page.locator("#id_code").fill(current_totp_code(secret))
    page.get_by_role("button", name="Activeren").click()

    page.wait_for_url("**/accounts/2fa/recovery-codes/")
    assert page.locator(".recovery-codes li").count() == 10
    assert_no_serious_axe_violations(page)
    page.get_by_role("link", name="Verder naar je portaal").click()
    page.wait_for_url("**/intranet/")

    page.goto("/accounts/2fa/")
    assert "actief" in page.locator("main").inner_text()
    assert_no_serious_axe_violations(page)

    page.goto("/accounts/logout/")
    page.locator("main form").get_by_role("button", name="Afmelden").click()
    page.wait_for_url(lambda url: "/accounts/logout/" not in url)

    # allauth refuses a code twice; forget the one used at enrolment.
    cache.clear()
    sign_in_with_password(page, staff.email)
    page.wait_for_url("**/accounts/2fa/authenticate/")
    assert_no_serious_axe_violations(page)
    page.locator("#id_code").fill(current_totp_code(secret))
    page.locator("main form").get_by_role("button", name="Aanmelden").click()
    page.wait_for_url("**/intranet/")
    assert page.url.endswith("/intranet/")
