"""The demo town on a 390 px phone, as each demo account sees it: every page reachable
from the menus of its doors (public site, partner portal, intranet), plus the first
detail page of each, fits the screen without sideways scrolling, and every form field
has its label directly above it (a checkbox or radio button: beside it). Every form
page passes axe-core, also after an empty form was sent back with its errors."""

import pytest
from pytest import fail

from portal.models import User
from tests.browser.axe import assert_no_serious_axe_violations
from tests.browser.conftest import load_demo_committed
from tests.browser.test_portals import signed_in_page

WIDTH = 390
#: Who walks the doors (None: not signed in) and where each door starts (plus a
#: page one click past a menu item: the intranet's list of all signals).
ACCOUNTS = {
    None: ["/"],
    "burger@demo.lokaal": ["/", "/mijn-portaal/"],
    "partner@demo.lokaal": ["/", "/partners/"],
    "partner2@demo.lokaal": ["/", "/partners/"],
    "ambtenaar@demo.lokaal": [
        "/",
        "/partners/",
        "/intranet/",
        "/intranet/signalen/alle/",
    ],
}
#: Not pages of a door: Wagtail's admin, signing out, files and feeds.
SKIPPED = ("/admin/", "/accounts/logout/", "/documents/", "/media/")

MENU_LINKS = """() => [...document.querySelectorAll('header nav a[href]')]
    .filter(a => a.origin === location.origin)
    .map(a => a.pathname + a.search)"""

# The first link in the content to a page below this one (a list's first item).
FIRST_DETAIL = """() => {
    const here = location.pathname;
    const link = [...document.querySelectorAll('main a[href]')].find(a =>
        a.origin === location.origin && here !== '/'
        && a.pathname.startsWith(here) && a.pathname.length > here.length
        && !/\\.(pdf|ics|csv|xlsx?)$/.test(a.pathname));
    return link ? link.pathname : null;
}"""

# Every visible field of the content: its label must be shown directly above it, in
# the same column (a checkbox or radio button: its label right beside it). Search
# boxes name themselves with a hidden label beside their button, on purpose.
LABEL_PROBLEMS = """() => {
    const problems = [];
    const fields = document.querySelectorAll('main input:not([type=hidden],'
        + ' [type=submit], [type=button]), main select, main textarea');
    for (const field of fields) {
        const box = field.getBoundingClientRect();
        if (!box.width || !box.height || field.closest('[role=search]')) continue;
        const name = field.name || field.id;
        const label = [...field.labels].find(l => l.getBoundingClientRect().height > 1);
        if (!label) { problems.push(`${name}: no visible label`); continue; }
        const lbox = label.getBoundingClientRect();
        if (field.type === 'checkbox' || field.type === 'radio') {
            const beside = label.contains(field) || (lbox.left >= box.right - 1
                && lbox.top < box.bottom && lbox.bottom > box.top);
            if (!beside) problems.push(`${name}: label not beside the box`);
        } else if (!(lbox.bottom <= box.top + 1 && box.top - lbox.bottom < 120
                     && lbox.left >= box.left - 2 && lbox.left < box.right)) {
            problems.push(`${name}: label not above the field`);
        }
    }
    return problems;
}"""

# The first form of the content with a required field, every field emptied (marked
# `data-sent-empty` for the click that sends it), the browser's own checks off.
EMPTY_A_FORM = """() => {
    const form = [...document.querySelectorAll('main form')]
        .find(f => f.querySelector('[required]'));
    if (!form) return false;
    for (const field of form.querySelectorAll('input, textarea, select')) {
        const kept = ['hidden', 'submit', 'checkbox', 'radio', 'file'];
        if (kept.includes(field.type)) continue;
        if (field.tagName === 'SELECT') field.selectedIndex = field.required ? -1 : 0;
        else field.value = '';
    }
    form.noValidate = true;  // the server's messages are what is checked here
    form.dataset.sentEmpty = '';
    return form.getAttribute('action') || location.pathname;
}"""


def is_form_page(page) -> bool:
    return (
        page.locator(
            "main form input:visible:not([type=hidden]), main form textarea:visible,"
            " main form select:visible"
        ).count()
        > 0
        and page.locator("main form[role=search]").count() == 0
    )


@pytest.fixture
def demo(transactional_db):
    load_demo_committed()


def test_every_page_of_the_doors_fits_a_phone_and_labels_its_fields(
    demo, new_context, live_server
):
    problems: list[str] = []
    axe_missing: list[str] = []
    checked: set[str] = set()  # a public page looks the same for everyone
    form_pages = 0

    def check(page, who: str, path: str) -> None:
        where = f"{who} {path}"
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            problems.append(f"{where}: {width} px wide")
        problems.extend(f"{where}: {p}" for p in page.evaluate(LABEL_PROBLEMS))

    def axe(page, where: str) -> None:
        try:
            assert_no_serious_axe_violations(page)
        except fail.Exception as failure:
            problems.append(f"{where}: {failure}")
        except pytest.skip.Exception as skipped:
            axe_missing.append(str(skipped))

    for email, doors in ACCOUNTS.items():
        context = new_context(viewport={"width": WIDTH, "height": 844})
        if email:
            user = User.objects.get(email=email)
            page = signed_in_page(context, live_server, user)
        else:
            page = context.new_page()
        who = email or "anonymous"
        menu: list[str] = []
        for door in doors:
            assert page.goto(door).status == 200, (who, door)
            menu += [door, *page.evaluate(MENU_LINKS)]
        queue = list(dict.fromkeys(menu))
        while queue:
            path = queue.pop(0)
            public = not path.startswith(("/partners/", "/intranet/", "/mijn-"))
            key = path if public else f"{who} {path}"
            if path.startswith(SKIPPED) or key in checked:
                continue
            checked.add(key)
            response = page.goto(path)
            if response.status != 200:
                problems.append(f"{who} {path}: status {response.status}")
                continue
            check(page, who, path)
            if path in menu and (detail := page.evaluate(FIRST_DETAIL)):
                queue.insert(0, detail)
            if not is_form_page(page):
                continue
            form_pages += 1
            axe(page, f"{who} {path}")
            if not (action := page.evaluate(EMPTY_A_FORM)):
                continue
            with page.expect_navigation():
                page.locator("form[data-sent-empty] button[type=submit]").first.click()
            if not page.locator("[data-form-errors]").is_visible():
                problems.append(f"{who} {path}: empty {action}: no error summary")
            check(page, who, f"{path} (errors shown)")
            axe(page, f"{who} {path} (errors shown)")

    assert len(checked) > 40 and form_pages >= 5, (len(checked), form_pages)
    assert not problems, "\n".join(problems)
    if axe_missing:
        pytest.skip(f"layout checked; {axe_missing[0]}")
