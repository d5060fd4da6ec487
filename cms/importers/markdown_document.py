"""Import framework texts and policy plans from Markdown with YAML front matter.

Towns keep their texts in Word or PDF; converted to this open format they become
pages with numbered sections, footnotes and sources. An import can be repeated: it
finds the page it made before (same type, same parent, same slug) and only saves a
new revision when something changed.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from wagtail.log_actions import log
from wagtail.models import Page

from cms.importers.errors import ImportInputError, describe_validation_error
from cms.importers.front_matter import (
    DocumentKind,
    DocumentMeta,
    has_front_matter,
    read_meta,
    split_front_matter,
)
from cms.importers.goals_csv import GoalImportResult, import_goals
from cms.importers.markdown_body import Body, parse_body
from cms.importers.vocabulary import TermIndex, organisation_named
from cms.models import FrameworkTextPage, LifeDomain, PolicyPlanPage, TextStyle
from cms.site import ensure_section

logger = logging.getLogger(__name__)

SECTION_FOR_KIND = {
    DocumentKind.FRAMEWORK_TEXT: "kaderteksten",
    DocumentKind.POLICY_PLAN: "beleidsplannen",
}
PAGE_CLASS_FOR_KIND = {
    DocumentKind.FRAMEWORK_TEXT: FrameworkTextPage,
    DocumentKind.POLICY_PLAN: PolicyPlanPage,
}
LEVEL_LABEL_FIELDS = [
    "strategic_label",
    "tactical_label",
    "operational_label",
    "action_label",
]


@dataclass
class ImportResult:
    """What one import did to one page."""

    page: Page
    created: bool
    changed: bool
    messages: list[str] = field(default_factory=list)
    goals: GoalImportResult | None = None


@dataclass
class _Document:
    path: Path
    meta: DocumentMeta
    body_text: str


def import_document(
    path: Path, *, parent: Page | None = None, publish: bool = True, user=None
) -> ImportResult:
    """Create or update the page for one Markdown file. Framework texts go under the
    'kaderteksten' section and plans under 'beleidsplannen' unless `parent` is given;
    with `publish=False` the changes wait in a draft revision."""
    document = _read(Path(path))
    with transaction.atomic():
        return _import(document, parent=parent, publish=publish, user=user)


def import_documents(
    paths: Iterable[Path],
    *,
    parent: Page | None = None,
    publish: bool = True,
    user=None,
) -> list[ImportResult]:
    """Import several files at once, all or nothing, each text after the text it
    replaces so `replaces` can find it."""
    documents = [_read(Path(path)) for path in paths]
    with transaction.atomic():
        return [
            _import(document, parent=parent, publish=publish, user=user)
            for document in _replaced_first(documents)
        ]


def import_directory(
    path: Path, *, publish: bool = True, user=None
) -> list[ImportResult]:
    """Import every import document (*.md with front matter) of a folder."""
    return import_documents(documents_in(Path(path)), publish=publish, user=user)


def documents_in(folder: Path) -> list[Path]:
    """The *.md files of a folder that have front matter, by name (a README without
    front matter is not an import document)."""
    if not folder.is_dir():
        raise ImportInputError(f"{folder}: not a folder.")
    files = []
    for candidate in sorted(folder.glob("*.md")):
        if has_front_matter(_read_text(candidate)):
            files.append(candidate)
        else:
            logger.info("Skipped %s: no front matter", candidate.name)
    return files


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ImportInputError(f"{path}: file not found.") from None
    except IsADirectoryError:
        raise ImportInputError(f"{path}: is a folder, not a file.") from None
    except UnicodeDecodeError:
        raise ImportInputError(f"{path}: not a UTF-8 text file.") from None


def _read(path: Path) -> _Document:
    data, body_text = split_front_matter(_read_text(path), source=path.name)
    meta = read_meta(data, source=path.name)
    if meta.goals and not (path.parent / meta.goals).is_file():
        raise ImportInputError(
            f"{path.name}: the goals file {meta.goals} was not found next to it."
        )
    return _Document(path=path, meta=meta, body_text=body_text)


def _replaced_first(documents: list[_Document]) -> list[_Document]:
    by_title = {document.meta.title: document for document in documents}
    ordered: list[_Document] = []
    visiting: set[str] = set()

    def visit(document: _Document) -> None:
        if document in ordered:
            return
        if document.meta.title in visiting:
            raise ImportInputError(
                f"{document.path.name}: 'replaces' goes round in a circle."
            )
        visiting.add(document.meta.title)
        replaced = by_title.get(document.meta.replaces)
        if replaced is not None and replaced is not document:
            visit(replaced)
        visiting.discard(document.meta.title)
        ordered.append(document)

    for document in documents:
        visit(document)
    return ordered


def _import(
    document: _Document, *, parent: Page | None, publish: bool, user
) -> ImportResult:
    meta, source = document.meta, document.path.name
    page_class = PAGE_CLASS_FOR_KIND[meta.kind]
    parent = parent.specific if parent is not None else None
    if parent is None:
        parent = ensure_section(SECTION_FOR_KIND[meta.kind])
    if not page_class.can_exist_under(parent):
        raise ImportInputError(
            f"{source}: a {page_class._meta.verbose_name} cannot be placed under "
            f"'{parent.title}'."
        )
    slug = slugify(meta.title)[:255]
    if not slug:
        raise ImportInputError(f"{source}: the title gives no usable slug.")

    body = parse_body(
        document.body_text,
        questions=meta.style == TextStyle.QUESTIONS_AND_ANSWERS,
        infer_headings=meta.infer_headings,
    )
    messages = [*meta.messages, *body.messages]
    existing = page_class.objects.child_of(parent).filter(slug=slug).first()
    if existing is None and parent.get_children().filter(slug=slug).exists():
        raise ImportInputError(
            f"{source}: '{parent.title}' already has a page with slug '{slug}' that "
            f"is not a {page_class._meta.verbose_name}."
        )

    try:
        if existing is None:
            page = page_class(slug=slug, live=publish)
            _apply(page, meta, body, parent=parent, messages=messages)
            parent.add_child(instance=page)
            log(instance=page, action="wagtail.create", user=user)
            _save(page, publish=publish, user=user)
            created = changed = True
        else:
            page = existing.get_latest_revision_as_object()
            before = _snapshot(page)
            _apply(page, meta, body, parent=parent, messages=messages)
            created, changed = False, _snapshot(page) != before
            if changed:
                _save(page, publish=publish, user=user)
            elif publish and (not existing.live or existing.has_unpublished_changes):
                revision = existing.get_latest_revision() or page.save_revision(
                    user=user, log_action=True
                )
                revision.publish(user=user)
                changed = True
    except ValidationError as error:
        raise ImportInputError(
            f"{source}: {describe_validation_error(error)}"
        ) from None

    goals = None
    if meta.goals:
        goals = import_goals(page, document.path.parent / meta.goals)
        messages.append(
            f"Goals: {goals.created} created, {goals.updated} updated, "
            f"{goals.unchanged} unchanged."
        )
        messages.extend(goals.messages)
        changed = changed or goals.changed
    return ImportResult(
        page=page_class.objects.get(pk=page.pk),
        created=created,
        changed=changed,
        messages=messages,
        goals=goals,
    )


def _save(page: Page, *, publish: bool, user) -> None:
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)


def _apply(
    page: Page, meta: DocumentMeta, body: Body, *, parent: Page, messages: list[str]
) -> None:
    """Copy what the file says onto the page. Keys the format knows are the file's
    to decide: when one is left out, the field is emptied."""
    page.title = meta.title
    if meta.summary is not None:
        page.summary = meta.summary
    page.owner_organisation = organisation_named(meta.owner) if meta.owner else None
    page.life_domains = _life_domains(meta.life_domains, messages)
    page.body = _stream(type(page), "body", body.blocks)
    page.footnotes = _stream(type(page), "footnotes", body.footnotes)
    if isinstance(page, FrameworkTextPage):
        page.valid_from = meta.valid_from
        page.valid_until = meta.valid_until
        page.published_on = meta.published
        page.version_label = meta.version
        page.style = meta.style
        page.replaces = _replaced_text(page, meta.replaces, parent, messages)
    else:
        page.plan_kind = meta.plan_kind
        page.start_year = meta.start_year
        page.end_year = meta.end_year
        page.status = meta.status
        page.timing_terms = meta.timing_terms
        page.governing_bodies = [
            organisation_named(name) for name in meta.governing_bodies
        ]
        for index, name in enumerate(LEVEL_LABEL_FIELDS):
            labels = meta.level_labels
            default = PolicyPlanPage._meta.get_field(name).default
            setattr(page, name, labels[index] if index < len(labels) else default)


def _life_domains(names: list[str], messages: list[str]) -> list[LifeDomain]:
    index = TermIndex(LifeDomain)
    domains: list[LifeDomain] = []
    for name in names:
        matches = index.match(name)
        if not matches:
            messages.append(f"Unknown life domain '{name}': left out.")
        domains.extend(domain for domain in matches if domain not in domains)
    return domains


def _replaced_text(
    page: FrameworkTextPage, title: str, parent: Page, messages: list[str]
) -> FrameworkTextPage | None:
    if not title:
        return None
    candidates = FrameworkTextPage.objects.filter(title=title)
    if page.pk:
        candidates = candidates.exclude(pk=page.pk)
    replaced = (
        candidates.child_of(parent).order_by("pk").first()
        or candidates.order_by("pk").first()
    )
    if replaced is None:
        messages.append(
            f"'replaces': no framework text titled '{title}' yet; import it first."
        )
    return replaced


def _stream(page_class: type[Page], name: str, raw: list[dict]):
    """A StreamValue in its stored form, so what is saved equals what is compared."""
    block = page_class._meta.get_field(name).stream_block
    value = block.to_python(raw)
    for _child in value:  # binds every block: get_prep_value then uses block values
        pass
    return value


def _snapshot(page: Page) -> dict:
    """The imported content of a page, comparable across revisions."""
    data = {name: getattr(page, name) for name in _SNAPSHOT_FIELDS[type(page)]}
    data.update(
        owner_organisation=page.owner_organisation_id,
        life_domains=sorted(domain.pk for domain in page.life_domains.all()),
        body=_comparable(page.body),
        footnotes=_comparable(page.footnotes),
    )
    if isinstance(page, FrameworkTextPage):
        data["replaces"] = page.replaces_id
    else:
        data["governing_bodies"] = sorted(
            organisation.pk for organisation in page.governing_bodies.all()
        )
    return data


_SNAPSHOT_FIELDS = {
    FrameworkTextPage: [
        "title",
        "summary",
        "valid_from",
        "valid_until",
        "published_on",
        "version_label",
        "style",
    ],
    PolicyPlanPage: [
        "title",
        "summary",
        "plan_kind",
        "start_year",
        "end_year",
        "status",
        "timing_terms",
        *LEVEL_LABEL_FIELDS,
    ],
}


def _comparable(stream) -> list:
    return [
        _without_ids(
            {"type": child.block_type, "value": child.block.get_prep_value(child.value)}
        )
        for child in stream
    ]


def _without_ids(value):
    if isinstance(value, dict):
        return {key: _without_ids(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list):
        return [_without_ids(item) for item in value]
    return value
