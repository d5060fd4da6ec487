"""The interface is Dutch: a walk over the pages each demo account reaches (the
public site, the partner portal and the intranet with the pages their menus lead to,
and the admin pages editors work in) fails when common English words appear in the
visible text, in what screen readers announce (labels, titles) or in the admin's
menu. A template or a Python string left in English, or a Wagtail string its Dutch
catalogue misses, shows up here."""

import json
import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from wagtail.models import Page

from cms.models import FrameworkTextPage, Goal, PolicyPlanPage
from cms.site import ensure_home_page
from portal.models import User
from tests.conftest import demo_loaded
from tests.factories import enrol_second_factor
from tests.factories import signed_in_client as signed_in

pytestmark = pytest.mark.django_db

#: Common English words of interfaces that are not Dutch words too (so not "in",
#: "is", "of", "was", "over", "door", "recent", "status", "filter", "live",
#: "workflow", "help").
WORDS = """
    the and with from your you this that are were will has not all
    home editor editors guide approval moderators none null true false
    submit save cancel search delete edit add choose select view actions
    previous next yes back more less sort page pages draft created updated
    settings user users password sign login logout welcome changes
"""
ENGLISH = frozenset(WORDS.split())
#: Words in announced attributes, as a screen reader reads them.
ANNOUNCED = ("aria-label", "title", "placeholder", "alt")
HIDDEN_TAGS = {"script", "style", "template", "svg", "noscript", "code", "pre"}
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "source", "track", "wbr",
}  # fmt: skip


class VisibleText(HTMLParser):
    """The text a visitor reads or hears: text outside scripts, styles, code and
    hidden elements, and the announced attributes (not class names, URLs or data)."""

    def __init__(self):
        super().__init__()
        self.stack: list[bool] = []  # per open element: hidden?
        self.parts: list[str] = []

    @property
    def hidden(self) -> bool:
        return any(self.stack)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        hidden = tag in HIDDEN_TAGS or "hidden" in attributes
        if not (self.hidden or hidden):
            self.parts.extend(
                value for name, value in attrs if name in ANNOUNCED and value
            )
            if tag == "input" and attributes.get("type") in ("submit", "button"):
                self.parts.append(attributes.get("value") or "")
        if tag not in VOID:
            self.stack.append(hidden)

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def admin_menu_labels(html: str) -> list[str]:
    """The labels of Wagtail's sidebar, which the admin renders from JSON."""
    match = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>',
        html,
        re.S,
    )
    if not match:
        return []
    return re.findall(r'"label": "((?:[^"\\]|\\.)*)"', match.group(1))


def english_in(html: str) -> list[str]:
    """Each English word with the text around it."""
    parser = VisibleText()
    parser.feed(html)
    text = " ".join([*parser.parts, *admin_menu_labels(html)])
    text = re.sub(r"\s+", " ", text)
    return [
        text[max(0, m.start() - 30) : m.end() + 30]
        for m in re.finditer(r"[A-Za-z]+", text)
        if m.group().lower() in ENGLISH
    ]


def test_the_check_finds_english():
    html = (
        '<p>Stuur door naar Moderators approval</p><a aria-label="Home">x</a>'
        "<div hidden>None</div><script>var none = true;</script>"
        '<span class="search-box">Zoeken in het portaal</span>'
    )
    found = english_in(html)
    assert len(found) == 3 and "Moderators approval" in found[0]


def menu_links(html: str) -> list[str]:
    """The portal's own pages the menus of a page lead to."""
    links = []
    for nav in re.findall(r"<nav\b.*?</nav>", html, re.S):
        links += re.findall(r'href="(/[^"#?]*)"', nav)
    skip = ("/accounts/logout", "/admin/", "/api/", "/media/", "/documents/")
    return [link for link in dict.fromkeys(links) if not link.startswith(skip)]


def admin_pages() -> list[str]:
    home = ensure_home_page()
    text = FrameworkTextPage.objects.live().first()
    plan = PolicyPlanPage.objects.live().first()
    goal = Goal.objects.filter(plan=plan).first()
    return [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{home.pk}/",
        f"/admin/pages/{home.pk}/?q=plan",
        f"/admin/pages/{text.pk}/edit/",
        f"/admin/pages/{plan.pk}/edit/",
        f"/admin/pages/{text.pk}/history/",
        f"/admin/doelenboom/{plan.pk}/",
        f"/admin/doelenboom/doel/{goal.pk}/verplaatsen/",
        "/admin/snippets/cms/goal/",
        f"/admin/snippets/cms/goal/add/?plan={plan.pk}",
        f"/admin/snippets/cms/goal/edit/{goal.pk}/",
        "/admin/snippets/indicators/indicator/",
        "/admin/snippets/bodies/body/",
        "/admin/snippets/bodies/meeting/",
        "/admin/snippets/bodies/advice/",
        "/admin/workflows/list/",
        "/admin/workflows/tasks/index/",
        "/admin/account/",
    ]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with demo_loaded(django_db_blocker):
        for user in User.objects.filter(is_staff=True):
            enrol_second_factor(user)
        yield


def client_for(email: str | None) -> Client:
    return signed_in(User.objects.get(email=email) if email else None)


# account, its door, and (for the admin) whether to walk the editors' pages
ACCOUNTS = [
    (None, "/", False),
    ("partner@demo.lokaal", "/partners/", False),
    ("ambtenaar@demo.lokaal", "/intranet/", False),
    ("redacteur@demo.lokaal", "/admin/", True),
    ("moderator@demo.lokaal", "/admin/", True),
    ("admin@demo.lokaal", "/admin/", True),
]


@pytest.mark.parametrize(("email", "door", "editor_pages"), ACCOUNTS)
def test_no_english_on_the_pages_of(demo, email, door, editor_pages):
    client = client_for(email)
    start = client.get(door)
    assert start.status_code == 200
    paths = [door, *menu_links(start.content.decode())]
    if editor_pages:
        paths += admin_pages()
    found = {}
    walked = 0
    for path in dict.fromkeys(paths):
        response = client.get(path)
        if response.status_code != 200 or "html" not in response["Content-Type"]:
            continue
        walked += 1
        if english := english_in(response.content.decode()):
            found[path] = english
    assert walked >= 5
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


def test_the_walk_reaches_the_goal_tree_and_the_editors_tools(demo):
    client = client_for("redacteur@demo.lokaal")
    answers = {path: client.get(path).status_code for path in admin_pages()}
    assert set(answers.values()) - {200} <= {302}, answers
    assert answers["/admin/snippets/cms/goal/"] == 200
    assert answers["/admin/snippets/bodies/body/"] == 200
    assert Page.objects.live().count() > 5
