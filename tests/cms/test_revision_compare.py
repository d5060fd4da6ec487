"""The compare view counts real changes of a StreamField, not the paragraph keys
the rich text editor adds when it first saves a text written elsewhere."""

import pytest
from wagtail.admin import compare

from cms.models import FrameworkTextPage
from cms.site import ensure_home_page
from tests.factories import FrameworkTextPageFactory

pytestmark = pytest.mark.django_db

BODY = [
    {"type": "heading", "id": "h1", "value": {"level": "2", "title": "Visie"}},
    {"type": "paragraph", "id": "p1", "value": "<p>Iedereen doet mee.</p>"},
    {
        "type": "sources",
        "id": "s1",
        "value": {"title": "Bronnen", "items": ["<p>Decreet lokaal bestuur</p>"]},
    },
]


def body_changed(body_a, body_b) -> bool:
    page = FrameworkTextPageFactory(parent=ensure_home_page(), body=body_a)
    a = page.get_latest_revision_as_object() if page.revisions.exists() else page
    b = FrameworkTextPage.objects.get(pk=page.pk)
    b.body = body_b
    field = FrameworkTextPage._meta.get_field("body")
    return compare.comparison_class_registry.get(field)(field, a, b).has_changed()


def test_editor_paragraph_keys_are_no_change():
    keyed = [dict(block) for block in BODY]
    keyed[1] = {**BODY[1], "value": '<p data-block-key="a1b2c">Iedereen doet mee.</p>'}
    assert not body_changed(BODY, keyed)


def test_a_changed_text_is_a_change():
    changed = [dict(block) for block in BODY]
    changed[1] = {**BODY[1], "value": '<p data-block-key="a1b2c">Niemand valt uit.</p>'}
    assert body_changed(BODY, changed)
