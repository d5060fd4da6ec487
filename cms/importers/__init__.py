"""Importers for the open formats towns bring their texts in: Markdown with YAML
front matter (framework texts and policy plans) and the goal-tree CSV."""

from cms.importers.errors import ImportInputError
from cms.importers.goals_csv import GoalImportResult, export_goals, import_goals
from cms.importers.markdown_document import (
    ImportResult,
    documents_in,
    import_directory,
    import_document,
    import_documents,
)

__all__ = [
    "GoalImportResult",
    "ImportInputError",
    "ImportResult",
    "documents_in",
    "export_goals",
    "import_directory",
    "import_document",
    "import_documents",
    "import_goals",
]
