"""Django's SQLite backend, with test databases made from a template (tests.db)."""

from django.db.backends.sqlite3 import base, creation

from tests.db import SQLiteTemplatedCreation


class DatabaseCreation(SQLiteTemplatedCreation, creation.DatabaseCreation):
    pass


class DatabaseWrapper(base.DatabaseWrapper):
    creation_class = DatabaseCreation
