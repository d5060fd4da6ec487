from django.apps import AppConfig


class ThemeConfig(AppConfig):
    name = "theme"
    verbose_name = "Theme"

    def ready(self) -> None:
        from theme import admin_choosers

        admin_choosers.install()
