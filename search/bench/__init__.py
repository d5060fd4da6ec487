"""The search benchmark behind `manage.py search_bench` and `make bench`: a
synthetic corpus built from the seeds, the backend's rebuild path, latency of a
realistic query mix with facets, index sizes, and Wagtail's built-in search side
by side. Results and how to read them: docs/benchmarks.md."""
