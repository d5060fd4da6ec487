from .base import ContentPage, HomePage, IndexPage, PortalPage
from .framework_text import FrameworkTextPage, TextStyle
from .goals import (
    Goal,
    GoalBudget,
    GoalLevel,
    GoalReminder,
    Priority,
    ProgressQuestion,
    ProgressUpdate,
    TimingTerm,
)
from .media import PortalDocument, PortalImage, PortalRendition
from .news import EventPage, NewsPage
from .plone import PloneItem
from .policy_plan import PlanApproval, PlanKind, PlanStatus, PolicyPlanPage
from .taxonomy import GoalStatus, LifeDomain, SocialRight, TargetGroup

__all__ = [
    "ContentPage",
    "EventPage",
    "FrameworkTextPage",
    "Goal",
    "GoalBudget",
    "GoalLevel",
    "GoalReminder",
    "GoalStatus",
    "HomePage",
    "IndexPage",
    "LifeDomain",
    "NewsPage",
    "PlanApproval",
    "PlanKind",
    "PlanStatus",
    "PloneItem",
    "PolicyPlanPage",
    "PortalDocument",
    "PortalImage",
    "PortalPage",
    "PortalRendition",
    "Priority",
    "ProgressQuestion",
    "ProgressUpdate",
    "SocialRight",
    "TargetGroup",
    "TextStyle",
    "TimingTerm",
]
