"""The CMS's content in the one search index: pages (`pages`), goals (`goals`)
and documents (`documents`). `search` imports this module at start-up, as it
imports every installed app's `search_adapters`."""

from cms.search_adapters import documents, goals, pages  # noqa: F401 - registers
