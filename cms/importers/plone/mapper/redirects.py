"""Redirects: every old Plone path, and Plone's own redirects, to the new address."""

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from cms.models import PortalImage


class RedirectsMixin:
    """Writes the redirects in bulk once every item has its new address."""

    def import_redirects(self) -> None:
        """Every old path to the new address, in bulk (one query per 500)."""
        self.wanted_redirects: dict[str, dict] = {}
        for item in self.site.all_items():
            target = self.targets.get(item.uid)
            if target is None or item.is_root:
                continue
            self.redirect(item.path, target)
        for old, new in self.site.redirects.items():
            uid = self.path_to_uid.get(new.rstrip("/") or "/")
            target = self.targets.get(uid) if uid else None
            if target is None:
                self.report.broken_links.append(
                    (old, f"Plone redirect to {new}: that path is not in the export")
                )
                continue
            self.redirect(old, target)
        wanted = self.wanted_redirects
        keys = list(wanted)
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            existing = {
                redirect.old_path: redirect
                for redirect in Redirect.objects.filter(site=None, old_path__in=chunk)
            }
            changed, new = [], []
            for old in chunk:
                values = wanted[old]
                redirect = existing.get(old)
                if redirect is None:
                    new.append(Redirect(old_path=old, is_permanent=True, **values))
                    continue
                if any(
                    getattr(redirect, name) != value for name, value in values.items()
                ):
                    for name, value in values.items():
                        setattr(redirect, name, value)
                    redirect.is_permanent = True
                    changed.append(redirect)
            Redirect.objects.bulk_create(new)
            Redirect.objects.bulk_update(
                changed, ["redirect_page_id", "redirect_link", "is_permanent"]
            )
            self.report.redirects["created"] += len(new)
            self.report.redirects["updated"] += len(changed)
            self.report.redirects["kept"] += len(chunk) - len(new) - len(changed)

    def page_url(self, page: Page) -> str:
        """A page's path on the default site, without asking the site cache."""
        if self.site_root_path is None:
            site = Site.objects.filter(is_default_site=True).first()
            self.site_root_path = site.root_page.url_path if site else ""
        if self.site_root_path and page.url_path.startswith(self.site_root_path):
            return "/" + page.url_path[len(self.site_root_path) :]
        return page.url or ""

    def redirect(self, old_path: str, target) -> None:
        old = Redirect.normalise_path(old_path)
        if isinstance(target, Page):
            url = self.page_url(target)
            values = {"redirect_page_id": target.pk, "redirect_link": ""}
        else:
            url = target.file.url if isinstance(target, PortalImage) else target.url
            values = {"redirect_page_id": None, "redirect_link": url}
        if not old or old == "/" or Redirect.normalise_path(url) == old:
            self.report.redirects["same address, not needed"] += 1
            return
        self.wanted_redirects[old] = values
