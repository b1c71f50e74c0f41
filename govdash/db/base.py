"""PostgreSQL backend that starts the embedded server on first connection.

Starting lazily keeps commands that never touch the database (``extract``,
``--help``, ``collectstatic``) free of a server start.
"""

from django.db.backends.postgresql.base import DatabaseWrapper as PostgresDatabaseWrapper

from govdash import embedded_pg


class DatabaseWrapper(PostgresDatabaseWrapper):
    def get_connection_params(self):
        params = super().get_connection_params()
        # Django's own "postgres" maintenance connection needs no project database.
        database = params.get("dbname") or params.get("database") or "postgres"
        params["host"] = embedded_pg.ensure_running(database if database == self.settings_dict["NAME"] else "postgres")
        return params
