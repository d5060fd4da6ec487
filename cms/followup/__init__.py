"""Following a plan through its years: the public goal pages (status, history,
budget, indicators, linked signals and advice) and the plan's yearly report and
evaluation. It reads the goals, indicators, signals and advice, so it sits above
those domains."""
