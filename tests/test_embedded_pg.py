"""The embedded server: started once by concurrent processes, kept by one-shot commands, restarted after a crash."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(var_dir: Path, *args: str) -> str:
    env = {**os.environ, "GOVDASH_VAR_DIR": str(var_dir)}
    done = subprocess.run([sys.executable, "-m", "govdash.embedded_pg", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def postmaster_pid(var_dir: Path) -> int:
    return int((var_dir / "pgdata" / "postmaster.pid").read_text().splitlines()[0])


@pytest.fixture
def var_dir(tmp_path):
    yield tmp_path
    run(tmp_path, "stop")


def test_it_starts_once_when_processes_race(var_dir):
    env = {**os.environ, "GOVDASH_VAR_DIR": str(var_dir)}
    starters = [subprocess.Popen([sys.executable, "-m", "govdash.embedded_pg", "start"], cwd=ROOT, env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    outputs = [p.communicate(timeout=120) for p in starters]
    assert [p.returncode for p in starters] == [0, 0, 0], outputs
    assert "PostgreSQL running" in run(var_dir, "status")
    assert psutil.pid_exists(postmaster_pid(var_dir))


def test_it_keeps_running_after_a_one_shot_command_exits(var_dir):
    run(var_dir, "start")
    first = postmaster_pid(var_dir)
    run(var_dir, "start")  # a second short-lived process using the server
    assert "PostgreSQL running" in run(var_dir, "status")
    assert postmaster_pid(var_dir) == first


def test_it_restarts_after_postgres_was_killed(var_dir):
    run(var_dir, "start")
    crashed = postmaster_pid(var_dir)
    os.kill(crashed, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while "not running" not in run(var_dir, "status"):
        assert time.monotonic() < deadline, "the killed server still looks alive"
        time.sleep(0.2)
    assert "PostgreSQL running" in run(var_dir, "start")
    assert postmaster_pid(var_dir) != crashed


def test_it_stops_on_request(var_dir):
    run(var_dir, "start")
    assert "stopped" in run(var_dir, "stop")
    assert "not running" in run(var_dir, "status")
    assert "was not running" in run(var_dir, "stop")


# A long-lived process serving requests, as runserver or gunicorn does: each stdin line is one request.
SERVING_PROCESS = r"""
import sys

import django

django.setup()
from django.core.signals import request_finished, request_started
from django.db import connection

for _ in sys.stdin:
    request_started.send(sender=None)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            print("ok", flush=True)
    except Exception as error:
        print(f"error {type(error).__name__}: {error}".replace("\n", " "), flush=True)
    request_finished.send(sender=None)
"""


def test_it_restarts_a_killed_server_on_the_next_request_of_a_running_process(var_dir):
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(GOVDASH_VAR_DIR=str(var_dir), DJANGO_SETTINGS_MODULE="govdash.settings")
    server = subprocess.Popen([sys.executable, "-c", SERVING_PROCESS], cwd=ROOT, env=env, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def request() -> str:
        server.stdin.write("GET /\n")
        server.stdin.flush()
        return server.stdout.readline().strip()

    try:
        assert request() == "ok"
        crashed = postmaster_pid(var_dir)
        os.kill(crashed, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while psutil.pid_exists(crashed) and psutil.Process(crashed).status() != psutil.STATUS_ZOMBIE:
            assert time.monotonic() < deadline, "the killed server did not die"
            time.sleep(0.1)
        # The socket file and postmaster.pid of the dead server are still there, as after a real crash.
        assert (var_dir / "pgdata" / "postmaster.pid").exists()

        assert request() == "ok"
        assert postmaster_pid(var_dir) != crashed
        assert request() == "ok"
    finally:
        server.stdin.close()
        server.wait(timeout=30)
