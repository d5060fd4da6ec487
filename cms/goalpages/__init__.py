"""The public page of one goal of a plan (`/doelen/<id>/<code>/`): its status and
progress history with a chart, its budget per year, its owners, and the
indicators, signals and advice linked to it, each as far as the viewer may see
them. A goal is seen by whoever may see its plan's page."""
