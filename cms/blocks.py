"""StreamField blocks for long structured texts: numbered headings with stable anchors,
rich text with footnote marks, tables, quotes, questions and answers, and sources."""

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

from cms.block_comparison import RichTextComparison, StructComparison

RICH_TEXT_FEATURES = [
    "bold",
    "italic",
    "link",
    "document-link",
    "ol",
    "ul",
    "superscript",
    "subscript",
]

FOOTNOTE_HELP = _(
    "Verwijs naar een voetnoot met [^1]; de voetnoten staan onderaan de pagina."
)


class HeadingLevel:
    CHAPTER = "2"
    SECTION = "3"
    SUBSECTION = "4"

    choices = [
        (CHAPTER, _("Hoofdstuk")),
        (SECTION, _("Paragraaf")),
        (SUBSECTION, _("Subparagraaf")),
    ]


def heading_anchor(number: str, title: str, anchor: str = "") -> str:
    """The stable anchor of a heading: set by the editor, or built from its number
    (so fixing a title's typo never breaks links), or from its title."""
    if anchor:
        return slugify(anchor)
    if number:
        return "sectie-" + slugify(number.replace(".", "-").strip("-"))
    return slugify(title)[:80] or "sectie"


class RichTextBlock(blocks.RichTextBlock):
    """Wagtail's rich text block, compared between revisions without the editor's
    paragraph keys (`cms.block_comparison`). Deconstructed as Wagtail's own, so
    migrations do not change."""

    def get_comparison_class(self):
        return RichTextComparison

    def deconstruct(self):
        _path, args, kwargs = super().deconstruct()
        return "wagtail.blocks.RichTextBlock", args, kwargs


class HeadingBlock(blocks.StructBlock):
    level = blocks.ChoiceBlock(
        choices=HeadingLevel.choices, default=HeadingLevel.CHAPTER, label=_("Niveau")
    )
    number = blocks.CharBlock(
        required=False,
        max_length=20,
        label=_("Nummer"),
        help_text=_("Bijvoorbeeld 3.4"),
    )
    title = blocks.CharBlock(max_length=500, label=_("Titel"))
    anchor = blocks.CharBlock(
        required=False,
        max_length=80,
        label=_("Anker"),
        help_text=_("Laat leeg: het anker wordt uit het nummer of de titel gemaakt."),
    )

    class Meta:
        icon = "title"
        label = _("Kop")
        template = "cms/blocks/heading.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Citaat"))
    attribution = blocks.CharBlock(required=False, label=_("Bron"))

    class Meta:
        icon = "openquote"
        label = _("Citaat")
        template = "cms/blocks/quote.html"


class QuestionBlock(blocks.StructBlock):
    def get_comparison_class(self):
        return StructComparison

    number = blocks.CharBlock(required=False, max_length=20, label=_("Nummer"))
    question = blocks.CharBlock(max_length=1000, label=_("Vraag"))
    answer = RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Antwoord"))
    anchor = blocks.CharBlock(required=False, max_length=80, label=_("Anker"))

    class Meta:
        icon = "help"
        label = _("Vraag en antwoord")
        template = "cms/blocks/question.html"


class SourcesBlock(blocks.StructBlock):
    def get_comparison_class(self):
        return StructComparison

    title = blocks.CharBlock(default="Bronnen", label=_("Titel"))
    items = blocks.ListBlock(
        RichTextBlock(features=["bold", "italic", "link"]), label=_("Bronnen")
    )

    class Meta:
        icon = "list-ul"
        label = _("Bronnenlijst")
        template = "cms/blocks/sources.html"


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Afbeelding"))
    caption = blocks.CharBlock(required=False, label=_("Bijschrift"))

    class Meta:
        icon = "image"
        label = _("Afbeelding")
        template = "cms/blocks/image.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(required=False, label=_("Titel"))

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "cms/blocks/document.html"


class BodyBlock(blocks.StreamBlock):
    """The body of framework texts, plan chapters and content pages."""

    heading = HeadingBlock()
    paragraph = RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("Tekst"),
        help_text=FOOTNOTE_HELP,
        template="cms/blocks/paragraph.html",
    )
    table = TableBlock(label=_("Tabel"), template="cms/blocks/table.html")
    quote = QuoteBlock()
    question = QuestionBlock()
    sources = SourcesBlock()
    image = ImageWithCaptionBlock()
    document = DocumentBlock()

    class Meta:
        block_counts = {"sources": {"max_num": 1}}


class FootnoteBlock(blocks.StructBlock):
    label = blocks.CharBlock(
        max_length=20, label=_("Label"), help_text=_("Zoals in [^1]: 1")
    )
    text = RichTextBlock(features=["bold", "italic", "link"], label=_("Tekst"))

    class Meta:
        icon = "list-ol"
        label = _("Voetnoot")
