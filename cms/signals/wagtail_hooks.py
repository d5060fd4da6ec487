"""The signals' place in the Wagtail admin: the chooser bundles pick signals with."""

from wagtail import hooks

from cms.signals.choosers import signal_chooser_viewset


@hooks.register("register_admin_viewset")
def register_signal_chooser():
    return signal_chooser_viewset
