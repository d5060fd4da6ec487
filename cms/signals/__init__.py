"""Signals: structural problems noticed in the field, followed from their first draft
to the policy response, and published in signal bundles."""
