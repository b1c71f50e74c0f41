"""PostgreSQL backend that starts the embedded server on first connection, and again after it died.

Starting lazily keeps commands that never touch the database (``extract``,
``--help``, ``collectstatic``) free of a server start.
"""

from django.db.backends.postgresql.base import DatabaseWrapper as PostgresDatabaseWrapper

from govdash import embedded_pg


class DatabaseWrapper(PostgresDatabaseWrapper):
    def _embedded_database(self, params) -> str:
        # Django's own "postgres" maintenance connection needs no project database.
        database = params.get("dbname") or params.get("database") or "postgres"
        return database if database == self.settings_dict["NAME"] else "postgres"

    def get_connection_params(self):
        params = super().get_connection_params()
        params["host"] = embedded_pg.ensure_running(self._embedded_database(params))
        return params

    def get_new_connection(self, conn_params):
        try:
            return super().get_new_connection(conn_params)
        except self.Database.OperationalError:
            # The server may have died between the liveness check and the connection (a killed postmaster):
            # look again, restart it if so, and try once more before the request fails.
            host = embedded_pg.ensure_running(self._embedded_database(conn_params), recheck=True)
            return super().get_new_connection({**conn_params, "host": host})
