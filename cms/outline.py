"""The outline of a long text: its numbered sections with anchors, as a table of
contents and as searchable sections.

A body is a flat stream (easy to edit and to import); the outline is derived from its
heading and question blocks, so it can never drift from the text.
"""

from dataclasses import dataclass, field

from cms.blocks import heading_anchor


@dataclass
class Section:
    level: int
    number: str
    title: str
    anchor: str
    blocks: list = field(default_factory=list)
    is_question: bool = False
    children: list["Section"] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}".strip()


def _unique(anchor: str, seen: set[str]) -> str:
    candidate, counter = anchor, 2
    while candidate in seen:
        candidate = f"{anchor}-{counter}"
        counter += 1
    seen.add(candidate)
    return candidate


def anchors_for(stream) -> dict[str, str]:
    """Map each heading or question block id to its unique anchor."""
    seen: set[str] = set()
    anchors = {}
    for block in stream:
        if block.block_type in ("heading", "question"):
            value = block.value
            title = value.get("title") or value.get("question") or ""
            base = heading_anchor(
                value.get("number", ""), title, value.get("anchor", "")
            )
            anchors[block.id] = _unique(base, seen)
    return anchors


def outline(stream) -> list[Section]:
    """The tree of sections of a body stream. Question blocks become leaf sections one
    level below the heading they stand under."""
    anchors = anchors_for(stream)
    roots: list[Section] = []
    stack: list[Section] = []
    for block in stream:
        if block.block_type == "heading":
            value = block.value
            section = Section(
                level=int(value["level"]),
                number=value.get("number", ""),
                title=value["title"],
                anchor=anchors[block.id],
            )
        elif block.block_type == "question":
            value = block.value
            while stack and stack[-1].is_question:
                stack.pop()
            level = (stack[-1].level + 1) if stack else 2
            section = Section(
                level=level,
                number=value.get("number", ""),
                title=value["question"],
                anchor=anchors[block.id],
                blocks=[block],
                is_question=True,
            )
        else:
            if stack:
                stack[-1].blocks.append(block)
            continue
        while stack and stack[-1].level >= section.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(section)
        stack.append(section)
    return roots


def flatten(sections: list[Section]) -> list[Section]:
    result = []
    for section in sections:
        result.append(section)
        result.extend(flatten(section.children))
    return result
