"""Background work on a job queue: Django's tasks framework with its database backend
(django-tasks, django-tasks-db) on Bluelamp's own database, and what Bluelamp adds on top —
one record per job for Corporate Communications to see, retries with back-off, the recovery of a
job whose worker died, and periodic jobs enqueued once per period (docs/jobs.md)."""
