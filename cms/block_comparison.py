"""What the revision compare view counts as a change in a StreamField.

Draftail, the admin's rich text editor, gives every paragraph a random
`data-block-key` attribute when it saves. A text written elsewhere (imported, the
demo) has none, so the first save in the admin changed every paragraph, and the
compare view marked every chapter as changed when only the summary was. These
comparisons leave those keys out; the text, its marks and links still count."""

import re

from wagtail import blocks
from wagtail.admin import compare
from wagtail.admin.compare import (
    RichTextBlockComparison,
    StructBlockComparison,
    get_comparison_class_for_block,
)
from wagtail.fields import StreamField

_BLOCK_KEY = re.compile(r'\sdata-block-key="[^"]*"')


def without_block_keys(value) -> str:
    """Rich text's HTML without the editor's paragraph keys."""
    return _BLOCK_KEY.sub("", str(getattr(value, "source", value) or ""))


class RichTextComparison(RichTextBlockComparison):
    def has_changed(self) -> bool:
        return without_block_keys(self.val_a) != without_block_keys(self.val_b)


def block_changed(block, value_a, value_b) -> bool:
    """Whether a block's value changed, as its comparison says; a list item by
    item (Wagtail compares list values as objects, so two loads always differ)."""
    if isinstance(block, blocks.ListBlock):
        items_a, items_b = list(value_a or []), list(value_b or [])
        return len(items_a) != len(items_b) or any(
            block_changed(block.child_block, a, b)
            for a, b in zip(items_a, items_b, strict=True)
        )
    comparison = get_comparison_class_for_block(block)
    return comparison(block, True, True, value_a, value_b).has_changed()


class StructComparison(StructBlockComparison):
    """A struct changed when one of its fields did (`block_changed`)."""

    def has_changed(self) -> bool:
        return any(
            block_changed(block, self.val_a.get(name), self.val_b.get(name))
            for name, block in self.block.child_blocks.items()
        )


class StreamFieldComparison(compare.StreamFieldComparison):
    """A StreamField changed when a block was added, removed, moved or changed as
    its own comparison says, not when only the stored form of a block did."""

    def has_changed(self) -> bool:
        if not (self.has_block_ids(self.val_a) and self.has_block_ids(self.val_b)):
            return super().has_changed()
        ids_a = [block.id for block in self.val_a]
        ids_b = [block.id for block in self.val_b]
        if ids_a != ids_b:
            return True
        comparison = compare.StreamBlockComparison(
            self.field.stream_block, True, True, self.val_a, self.val_b
        )
        return any(child.has_changed() for child in comparison.get_block_comparisons())


compare.register_comparison_class(StreamField, comparison_class=StreamFieldComparison)
