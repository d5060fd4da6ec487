"""Demo content about the fictional town of Wilgendonk, loaded by `manage.py
load_demo`: its texts and plan as import files under `content/`, and what those
formats cannot carry (accounts, audience pages, approvals, budgets, progress history)
as Python."""
