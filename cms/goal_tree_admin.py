"""The goal tree editor in the admin: a plan's goals as the tree they form, where
editors add a child goal, hang a goal under another parent and reorder siblings.
Writes go through `cms.services`; the fields of a goal are edited in its snippet
form, which opens here with plan, parent, level and a code suggested by position."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import CreateView

from cms.models import Goal, PolicyPlanPage
from cms.models.goal_tree import build_goal_tree, child_level, goal_code_suggestion
from cms.models.goals import LEVEL_DEPTH
from cms.services import goal_move, goal_shift

goal_policy = ModelPermissionPolicy(Goal)


class GoalTreeMixin(PermissionCheckedMixin, WagtailAdminTemplateMixin):
    permission_policy = goal_policy
    permission_required = "change"
    header_icon = "list-ul"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Start")},
            {"url": reverse("goal_tree:index"), "label": _("Doelenboom")},
        ]


class GoalTreeIndexView(GoalTreeMixin, TemplateView):
    """The plans, each leading to its tree (straight to it when there is one)."""

    template_name = "cms/admin/goal_tree_index.html"
    page_title = gettext_lazy("Doelenboom")

    def get(self, request, *args, **kwargs):
        plans = list(PolicyPlanPage.objects.order_by("title"))
        if len(plans) == 1:
            return redirect("goal_tree:plan", plans[0].pk)
        return self.render_to_response(self.get_context_data(plans=plans))


class GoalTreeView(GoalTreeMixin, TemplateView):
    """A plan's goals as a tree; POST moves a goal up or down among its siblings."""

    template_name = "cms/admin/goal_tree.html"

    def dispatch(self, request, *args, **kwargs):
        self.plan = get_object_or_404(PolicyPlanPage, pk=kwargs["plan_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Doelenboom van %(plan)s") % {"plan": self.plan.title}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            plan=self.plan,
            tree=build_goal_tree(self.plan),
            add_url=reverse("wagtailsnippets_cms_goal:add"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        goal = get_object_or_404(Goal, pk=request.POST.get("goal"), plan=self.plan)
        offset = {"up": -1, "down": 1}.get(request.POST.get("direction"))
        if offset is not None:
            goal_shift(goal=goal, offset=offset)
            messages.success(
                request, _("%(goal)s is verschoven.") % {"goal": goal.code}
            )
        return redirect(f"{request.path}#doel-{goal.pk}")


class GoalMoveForm(forms.Form):
    parent = forms.ModelChoiceField(
        queryset=Goal.objects.none(),
        required=False,
        label=gettext_lazy("Nieuwe bovenliggende doelstelling"),
        empty_label=gettext_lazy("Geen: een strategische doelstelling"),
    )

    def __init__(self, *args, goal: Goal, **kwargs):
        super().__init__(*args, **kwargs)
        depth = LEVEL_DEPTH[goal.level]
        levels = [level for level, d in LEVEL_DEPTH.items() if d < depth]
        self.fields["parent"].queryset = (
            Goal.objects.filter(plan=goal.plan_id, level__in=levels)
            .exclude(pk=goal.pk)
            .order_by("sort_order", "code")
        )
        self.fields["parent"].initial = goal.parent_id


class GoalMoveView(GoalTreeMixin, FormView):
    """Hang a goal, with its children, under another parent."""

    template_name = "cms/admin/goal_move.html"
    form_class = GoalMoveForm

    def dispatch(self, request, *args, **kwargs):
        self.goal = get_object_or_404(Goal, pk=kwargs["goal_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("%(goal)s verplaatsen") % {"goal": self.goal}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "goal": self.goal}

    def get_context_data(self, **kwargs):
        return super().get_context_data(goal=self.goal, **kwargs)

    def form_valid(self, form):
        try:
            goal_move(goal=self.goal, parent=form.cleaned_data["parent"])
        except ValidationError as error:
            for message in error.messages:
                form.add_error("parent", message)
            return self.form_invalid(form)
        messages.success(
            request=self.request,
            message=_("%(goal)s is verplaatst.") % {"goal": self.goal.code},
        )
        target = reverse("goal_tree:plan", args=[self.goal.plan_id])
        return redirect(f"{target}#doel-{self.goal.pk}")


class GoalCreateView(CreateView):
    """The goal form, opened from the tree with plan, parent, level, place and a
    code by position already filled in."""

    def get_initial_form_instance(self):
        plan = PolicyPlanPage.objects.filter(pk=self.request.GET.get("plan")).first()
        if plan is None:
            return super().get_initial_form_instance()
        parent = Goal.objects.filter(
            pk=self.request.GET.get("parent"), plan=plan
        ).first()
        last = Goal.objects.filter(plan=plan).order_by("-sort_order").first()
        return Goal(
            plan=plan,
            parent=parent,
            level=child_level(parent),
            code=goal_code_suggestion(plan=plan, parent=parent),
            sort_order=(last.sort_order + 1) if last else 0,
        )


class GoalTreeMenuItem(MenuItem):
    def is_shown(self, request):
        return goal_policy.user_has_permission(request.user, "change")


class GoalTreeViewSet(ViewSet):
    name = "goal_tree"
    url_prefix = "doelenboom"
    icon = "list-ul"
    menu_label = gettext_lazy("Doelenboom")
    menu_item_class = GoalTreeMenuItem

    def get_urlpatterns(self):
        return [
            path("", GoalTreeIndexView.as_view(), name="index"),
            path("<int:plan_id>/", GoalTreeView.as_view(), name="plan"),
            path(
                "doel/<int:goal_id>/verplaatsen/", GoalMoveView.as_view(), name="move"
            ),
        ]
