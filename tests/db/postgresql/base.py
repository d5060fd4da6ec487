"""Django's PostgreSQL backend, with test databases made from a template (tests.db)."""

from django.db.backends.postgresql import base, creation

from tests.db import PostgreSQLTemplatedCreation


class DatabaseCreation(PostgreSQLTemplatedCreation, creation.DatabaseCreation):
    pass


class DatabaseWrapper(base.DatabaseWrapper):
    creation_class = DatabaseCreation
