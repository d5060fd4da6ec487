"""Bodies, meetings and advice in the Wagtail admin, under "Overleg en advies".

Bodies are edited with their members, meetings with their agenda and attendance.
Advice is asked through `cms.bodies.services.advice_request`, so its timeline
starts; its state moves only through the services, never through the form, and
it is never deleted (its history stays).
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    EditView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from cms.bodies.models import Advice, Body, Meeting
from cms.bodies.report_admin import year_report_button, year_report_urls
from cms.bodies.services import (
    advice_record_admin_edit,
    advice_request,
    advice_snapshot,
)


def yes_no(model, field: str) -> Column:
    """A yes/no field as "ja" or "nee" (Wagtail's listings print True and False)."""
    return Column(
        field,
        label=model._meta.get_field(field).verbose_name,
        accessor=lambda instance: _("ja") if getattr(instance, field) else _("nee"),
    )


class BodyViewSet(SnippetViewSet):
    model = Body
    icon = "group"
    menu_label = _("Organen")
    list_display = [
        "name",
        "kind",
        yes_no(Body, "gives_advice"),
        yes_no(Body, "is_public"),
    ]
    list_filter = ["kind", "gives_advice", "is_public"]
    search_fields = ["name", "remit"]
    search_backend_name = None


class MeetingViewSet(SnippetViewSet):
    model = Meeting
    icon = "date"
    menu_label = _("Vergaderingen")
    list_display = [
        "body",
        "starts_at",
        "place",
        yes_no(Meeting, "is_public"),
        "minutes_state",
    ]
    list_filter = ["body", "is_public", "minutes_state"]
    search_fields = ["place", "minutes"]
    search_backend_name = None


class NoDeletePermissionPolicy(ModelPermissionPolicy):
    """Advice keeps its history: nobody deletes one, not even a superuser."""

    def user_has_permission(self, user, action):
        if action == "delete":
            return False
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


class AdviceRequestView(CreateView):
    """A new advice in the admin is a request of the town, made by the service so
    its timeline and term start. Recommendations are added while it is prepared."""

    def save_instance(self):
        data = self.form.cleaned_data
        advice = advice_request(
            body=data["body"],
            by=self.request.user,
            title=data["title"],
            question=data["question"],
            asked_on=data["asked_on"],
            urgent=data["urgent"],
        )
        log(instance=advice, action="wagtail.create", user=self.request.user)
        return advice


class AdviceEditView(EditView):
    """An edit in the admin may move a term (the date asked, urgency) or the public
    record (publication, text): the timeline records what changed."""

    def save_instance(self):
        before = advice_snapshot(self.object)
        advice = super().save_instance()
        advice_record_admin_edit(advice=advice, by=self.request.user, before=before)
        return advice


class AdviceViewSet(SnippetViewSet):
    model = Advice
    add_view_class = AdviceRequestView
    edit_view_class = AdviceEditView
    icon = "doc-full"
    menu_label = _("Adviezen")
    list_display = [
        "title",
        "body",
        "kind",
        "state",
        "asked_on",
        yes_no(Advice, "published"),
    ]
    list_filter = ["state", "kind", "body", "urgent", "published"]
    search_fields = ["title", "question", "text"]
    search_backend_name = None
    inspect_view_enabled = True


class BodiesGroup(SnippetViewSetGroup):
    menu_label = _("Overleg en advies")
    menu_icon = "group"
    menu_order = 260
    items = (BodyViewSet, MeetingViewSet, AdviceViewSet)


register_permission_policy(Advice, NoDeletePermissionPolicy(Advice))
register_snippet(BodiesGroup)
hooks.register("register_admin_urls", year_report_urls)
hooks.register("register_snippet_listing_buttons", year_report_button)
