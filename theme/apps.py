from django.apps import AppConfig


class ThemeConfig(AppConfig):
    name = "theme"
    verbose_name = "Theme"

    def ready(self) -> None:
        # Imported once the apps are ready: it touches Wagtail's admin models.
        from theme import admin_choosers

        admin_choosers.install()
