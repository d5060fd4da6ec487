"""The publish view of a plan's reports and its button. The viewsets sit in the
group "Plannen opvolgen" (`cms.wagtail_hooks`); their permission policies are
registered when the app is ready (`cms.followup.apps`)."""

from wagtail import hooks

from cms.followup.admin_views import admin_urls, publish_button

hooks.register("register_admin_urls", admin_urls)
hooks.register("register_snippet_listing_buttons", publish_button)
