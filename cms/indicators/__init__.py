"""Indicators: what a plan measures (definitions, values per period, targets per
year), linked to the goals they follow."""
