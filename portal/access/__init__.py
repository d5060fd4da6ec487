"""Who may see and do what: the one place these rules live.

One module per kind of object: `pages`, `files`, `signals`, `socialmap`,
`organisations`, `bodies` (bodies, meetings, advice), `goals` (who reports on a
plan's goals), `indicators` (who sees an indicator, who records its values),
`reports` (a plan's yearly reports and versions), and the doors (`doors`). Each
offers `<kind>s_visible_to(user)` and, where a person acts on an object, a
permissions object (`signal_permissions`, `advice_permissions`).
The vocabulary they share is `audiences` (Audience, who is staff or partner, the
user's active organisations), `roles` (platform roles, doors, the signal
coordinators' duty) and `circles` (the same rules, as a search engine filters on
them).

Access depends on no content app: content declares its audience through what is
defined here (`declares_page_audience`, `register_signal_rules`, querysets passed
in). Pages, files, search, the API, feeds and e-mails all go through it; never
filter on `audience` or the staff flag anywhere else.
"""

from portal.access.audiences import (
    AUDIENCE_RANK,
    Audience,
    active_organisation_ids,
    audiences_for,
    is_partner,
    is_staff_member,
    narrowest,
    organisation_ids_for,
)
from portal.access.bodies import (
    AdvicePermissions,
    advice_permissions,
    advice_visible_to,
    bodies_visible_to,
    meeting_permissions,
    meetings_visible_to,
)
from portal.access.circles import circles_for
from portal.access.files import (
    document_is_visible_to,
    documents_visible_to,
    image_is_visible_to,
    images_visible_to,
)
from portal.access.goals import (
    goal_question_recipients,
    goal_reminder_recipients,
    may_question_progress,
    may_report_progress,
    owning_organisation_ids,
    reporting_organisation_id,
)
from portal.access.indicators import (
    indicator_is_visible_to,
    indicators_visible_to,
    may_record_indicator_values,
)
from portal.access.organisations import (
    may_manage,
    organisations_managed_by,
    organisations_visible_to,
)
from portal.access.pages import (
    declares_page_audience,
    page_audience,
    page_audience_problem,
    page_is_visible_to,
    pages_visible_to,
)
from portal.access.reports import (
    advice_listed_in_report,
    indicators_listed_in_report,
    may_manage_reports,
    may_publish_report,
    may_record_plan_version,
    plan_version_is_visible_to,
    plan_versions_visible_to,
    report_is_visible_to,
    report_readers,
    reports_visible_to,
    signals_listed_in_report,
)
from portal.access.signals import (
    SignalPermissions,
    may_link_signal_goals,
    may_link_signals_to_goals,
    signal_is_visible_to,
    signal_permissions,
    signals_visible_to,
)
from portal.access.socialmap import (
    organizations_visible_to,
    services_proposable_by,
    services_visible_to,
)

__all__ = [
    "AUDIENCE_RANK",
    "AdvicePermissions",
    "Audience",
    "SignalPermissions",
    "active_organisation_ids",
    "advice_listed_in_report",
    "advice_permissions",
    "advice_visible_to",
    "audiences_for",
    "bodies_visible_to",
    "circles_for",
    "declares_page_audience",
    "document_is_visible_to",
    "documents_visible_to",
    "goal_question_recipients",
    "goal_reminder_recipients",
    "image_is_visible_to",
    "images_visible_to",
    "indicator_is_visible_to",
    "indicators_listed_in_report",
    "indicators_visible_to",
    "is_partner",
    "is_staff_member",
    "may_link_signal_goals",
    "may_link_signals_to_goals",
    "may_manage",
    "may_manage_reports",
    "may_publish_report",
    "may_question_progress",
    "may_record_indicator_values",
    "may_record_plan_version",
    "may_report_progress",
    "meeting_permissions",
    "meetings_visible_to",
    "narrowest",
    "organisation_ids_for",
    "organisations_managed_by",
    "organisations_visible_to",
    "organizations_visible_to",
    "owning_organisation_ids",
    "page_audience",
    "page_audience_problem",
    "page_is_visible_to",
    "pages_visible_to",
    "plan_version_is_visible_to",
    "plan_versions_visible_to",
    "report_is_visible_to",
    "report_readers",
    "reporting_organisation_id",
    "reports_visible_to",
    "services_proposable_by",
    "services_visible_to",
    "signal_is_visible_to",
    "signal_permissions",
    "signals_listed_in_report",
    "signals_visible_to",
]
