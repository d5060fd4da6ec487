"""Template tags of the public portal.

Pages shown in breadcrumbs, section links and version notices go through the access
selector (`portal.access.pages_visible_to`); body streams are rendered with the anchors
of `cms.outline`; footnote marks become links; a plan's goal tree is filtered on life
domain and status.
"""

import html
import re
import uuid
from dataclasses import dataclass, field

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from wagtail.models import Page, Site

from cms.fragments import fragments_version
from cms.models import GoalStatus, LifeDomain
from cms.models.goal_tree import GoalNode
from cms.outline import anchors_for
from portal.access import pages_visible_to
from portal.access.audiences import audiences_for

register = template.Library()


@register.simple_tag(takes_context=True)
def fragment_key(context) -> str:
    """What a cached fragment of published content varies on besides its own name
    and object: the content version and the reader's audiences. A preview (draft
    content) gets a key of its own that nothing reads again."""
    request = context.get("request")
    if request is None or getattr(request, "is_preview", False):
        return f"preview-{uuid.uuid4()}"
    audiences = ",".join(audiences_for(request.user))
    return f"{fragments_version()}:{audiences}"


@register.simple_tag(takes_context=True)
def person_fragment_key(context) -> str:
    """What a cached fragment of one person's dashboard varies on: the content
    version (memberships, invitations and groups count as content for this), the
    day (what is due or overdue changes with it), the person, their audiences and
    administrator flag. Only that person ever reads such a fragment."""
    user = context["request"].user
    audiences = ",".join(audiences_for(user))
    day = timezone.localdate().isoformat()
    return f"{fragments_version()}:{day}:{user.pk}:{audiences}:{int(user.is_superuser)}"


def _user(context):
    return getattr(context.get("request"), "user", None)


# Pages the user may see ---------------------------------------------------------------


@register.simple_tag(takes_context=True)
def site_name(context) -> str:
    """The name of the site serving this request (Wagtail's Site), else the default."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return (site and site.site_name) or settings.WAGTAIL_SITE_NAME


@register.simple_tag(takes_context=True)
def visible_children(context, page):
    """The live children of `page` this user may see, as specific pages."""
    return pages_visible_to(_user(context), page.get_children()).specific()


@register.simple_tag(takes_context=True)
def visible_page(context, page):
    """`page` itself when it is live and this user may see it, else None."""
    if page is None:
        return None
    queryset = Page.objects.filter(pk=page.pk)
    return pages_visible_to(_user(context), queryset).specific().first()


@register.simple_tag(takes_context=True)
def visible_newer_versions(context, page):
    """The later versions of a framework text this user may see, newest first (none
    while a new text is previewed before its first save)."""
    if page.pk is None:
        return []
    return list(pages_visible_to(_user(context), page.newer_versions()))


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """The trail from the site's home page to `page`, through visible ancestors."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if page is None or site is None or page.depth <= site.root_page.depth:
        return {"crumbs": [], "page": page, "request": request}
    ancestors = page.get_ancestors().filter(depth__gte=site.root_page.depth)
    crumbs = pages_visible_to(_user(context), ancestors).order_by("depth")
    return {"crumbs": list(crumbs), "page": page, "request": request}


@register.filter
def is_within(page, section) -> bool:
    """Whether `page` is `section` or lies below it (marks the current menu item)."""
    path = getattr(page, "path", None)
    return bool(path and section is not None and path.startswith(section.path))


@register.filter
def model_name(page) -> str:
    """The model name of a specific page ("frameworktextpage", "policyplanpage")."""
    return type(page)._meta.model_name


# Body streams -------------------------------------------------------------------------


@register.simple_tag(takes_context=True)
def render_stream(context, stream):
    """Render a body stream block by block. Heading and question blocks receive their
    `anchor` (the one in the table of contents) and their `heading_level`."""
    anchors = anchors_for(stream)
    parent = context.flatten()
    level = 1
    parts = []
    for block in stream:
        block_context = {
            **parent,
            "anchor": anchors.get(block.id, ""),
            "block_id": block.id,
        }
        if block.block_type == "heading":
            level = int(block.value["level"])
            block_context["heading_level"] = level
        elif block.block_type == "question":
            # As in cms.outline: one level below the heading the question stands under.
            block_context["heading_level"] = min(level + 1, 6) if level > 1 else 2
        parts.append(block.render_as_block(context=block_context))
    # Each block template escapes what it renders.
    return mark_safe("".join(parts))


# Footnotes ----------------------------------------------------------------------------

FOOTNOTE_MARK = re.compile(r"\[\^([^\]\[\s<>]{1,20})\]")
HTML_TAG = re.compile(r"(<[^>]*>)")
LINK_OPEN = re.compile(r"<a[\s>]", re.IGNORECASE)
LINK_CLOSE = re.compile(r"</a\s*>", re.IGNORECASE)


@dataclass
class Footnote:
    label: str
    text: object
    slug: str
    ref_ids: list[str] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"voetnoot-{self.slug}"


class FootnoteMarks:
    """The footnotes of one page, and the references to them met while rendering it,
    so each reference gets a unique id and each note can link back to the text."""

    def __init__(self, footnotes):
        self.notes: dict[str, Footnote] = {}
        slugs: set[str] = set()
        for block in footnotes or []:
            label = str(block.value.get("label") or "").strip()
            if not label or label in self.notes:
                continue
            slug = base = slugify(label) or "noot"
            counter = 2
            while slug in slugs:
                slug, counter = f"{base}-{counter}", counter + 1
            slugs.add(slug)
            self.notes[label] = Footnote(label, block.value.get("text"), slug)

    def __iter__(self):
        return iter(self.notes.values())

    def __len__(self) -> int:
        return len(self.notes)

    def link(self, match: re.Match) -> str:
        note = self.notes.get(html.unescape(match.group(1)))
        if note is None:
            return match.group(0)
        ref_id = f"voetnootref-{note.slug}-{len(note.ref_ids) + 1}"
        note.ref_ids.append(ref_id)
        return format_html(
            '<sup class="footnote-ref"><a href="#{}" id="{}" '
            'aria-describedby="voetnoten-titel">{}</a></sup>',
            note.anchor,
            ref_id,
            note.label,
        )


@register.simple_tag
def footnote_marks_for(footnotes) -> FootnoteMarks:
    """Start the footnote bookkeeping of a page: `{% footnote_marks_for page.footnotes
    as footnote_refs %}`, before the text that refers to them."""
    return FootnoteMarks(footnotes)


@register.filter
def footnote_marks(value, marks):
    """Turn each `[^label]` mark that has a footnote into a numbered link to it.

    Works on HTML: plain text is escaped first; safe HTML (rendered rich text) is
    split into tags and text, and only marks in text outside links are replaced."""
    markup = str(conditional_escape(value))
    if not isinstance(marks, FootnoteMarks) or "[^" not in markup:
        return mark_safe(markup)  # escaped above
    parts = []
    in_link = 0
    for part in HTML_TAG.split(markup):
        if part.startswith("<"):
            if LINK_OPEN.match(part):
                in_link += 1
            elif LINK_CLOSE.match(part):
                in_link = max(0, in_link - 1)
            parts.append(part)
        elif in_link:
            parts.append(part)
        else:
            parts.append(FOOTNOTE_MARK.sub(marks.link, part))
    return mark_safe("".join(parts))  # built from escaped parts


@register.filter
def without_footnote_marks(value) -> str:
    """A heading's title without its footnote marks (for the table of contents)."""
    return FOOTNOTE_MARK.sub("", str(value)).strip()


# Goal tree ----------------------------------------------------------------------------

LIFE_DOMAIN_PARAM = "levensdomein"
STATUS_PARAM = "status"


@dataclass
class GoalView:
    """A goal as shown: its node (with the progress of its whole subtree), the children
    left after filtering, and whether the goal itself matches the filters."""

    node: GoalNode
    children: list["GoalView"]
    is_match: bool

    @property
    def goal(self):
        return self.node.goal

    @property
    def level_label(self) -> str:
        return self.node.level_label

    @property
    def progress(self) -> int:
        return self.node.progress


@dataclass
class GoalTreeView:
    goals: list[GoalView]
    life_domains: list
    statuses: list
    life_domain: LifeDomain | None = None
    status: GoalStatus | None = None
    match_count: int = 0

    @property
    def is_filtered(self) -> bool:
        return bool(self.life_domain or self.status)


def filter_goal_tree(
    nodes: list[GoalNode], *, life_domain: str = "", status: str = ""
) -> tuple[list[GoalView], int]:
    """Keep each goal that matches, or has a descendant that matches, so matches keep
    their ancestors as context. Returns the pruned tree and the number of matches."""
    count = 0

    def matches(goal) -> bool:
        if status and (goal.status is None or goal.status.slug != status):
            return False
        if life_domain:
            return life_domain in {term.slug for term in goal.life_domains.all()}
        return True

    def prune(node: GoalNode) -> GoalView | None:
        nonlocal count
        children = [view for child in node.children if (view := prune(child))]
        is_match = matches(node.goal)
        count += is_match
        if is_match or children:
            return GoalView(node, children, is_match)
        return None

    views = [view for node in nodes if (view := prune(node))]
    return views, count


@register.simple_tag
def goal_tree_view(plan, query) -> GoalTreeView:
    """The plan's goal tree filtered by `?levensdomein=<slug>&status=<slug>`; unknown
    values are ignored. A plan previewed before its first save has no goals yet."""
    nodes = plan.goal_tree() if plan.pk else []
    life_domains = list(LifeDomain.objects.all())
    statuses = list(GoalStatus.objects.all())
    life_domain = next(
        (term for term in life_domains if term.slug == query.get(LIFE_DOMAIN_PARAM)),
        None,
    )
    status = next((s for s in statuses if s.slug == query.get(STATUS_PARAM)), None)
    goals, count = filter_goal_tree(
        nodes,
        life_domain=life_domain.slug if life_domain else "",
        status=status.slug if status else "",
    )
    return GoalTreeView(goals, life_domains, statuses, life_domain, status, count)


# Colours ------------------------------------------------------------------------------

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
DEFAULT_CHIP_COLOUR = "#545f66"
DARK_TEXT = "#1b1b1b"
LIGHT_TEXT = "#ffffff"


def _relative_luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    red, green, blue = linear
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted(
        (_relative_luminance(first), _relative_luminance(second)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


@register.filter
def chip_colour(colour) -> str:
    """A status colour safe to put in a style attribute (#RRGGBB, else the default)."""
    colour = str(colour or "")
    return colour if HEX_COLOUR.match(colour) else DEFAULT_CHIP_COLOUR


@register.filter
def chip_text_colour(colour) -> str:
    """White text on the chip when it reaches 4.5:1 (WCAG AA), otherwise dark text."""
    background = chip_colour(colour)
    if contrast_ratio(background, LIGHT_TEXT) >= 4.5:
        return LIGHT_TEXT
    return DARK_TEXT
