"""A PostgreSQL cluster of a test's own, to stop and start under running processes.

Never the server the test database lives on (CI's 127.0.0.1:5432): ``initdb`` makes a fresh
cluster in a temporary directory, ``pg_ctl`` runs it on a free port as the ``postgres`` OS user
(PostgreSQL refuses to run as root), and it is removed afterwards. :func:`private_cluster_or_skip`
skips the test with the reason when that cannot be done, except in CI (``CI=true``), where it fails.
"""

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    return Path(found[-1]).parent if found else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PrivateCluster:
    def __init__(self, bin_dir: Path):
        self.bin = bin_dir
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="followup-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.as_user = None
        if os.getuid() == 0:
            self.as_user = "postgres"
            entry = pwd.getpwnam("postgres")
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
        os.chmod(self.root, 0o755)

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/followup"

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run([str(self.bin / args[0]), *args[1:]], user=self.as_user, capture_output=True,
                              text=True, timeout=timeout, cwd=self.root, check=True)

    def create(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
        self.start()
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "followup")

    def start(self) -> None:
        options = (f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.root}"
                   " -c fsync=off -c max_connections=50")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", "60", "start")

    def stop(self) -> None:
        """A fast shutdown: clients are disconnected at once, as in a restart or failover."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop")

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), 0.5):
                return True
        except OSError:
            return False

    def remove(self) -> None:
        if (self.data / "postmaster.pid").exists():
            try:
                self.stop()
            except subprocess.SubprocessError:
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


def private_cluster_or_skip() -> PrivateCluster:
    """A created and running private cluster, or a skip (a failure in CI) saying why not."""

    def cannot(reason: str):
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but the private PostgreSQL cluster cannot run: {reason}")
        pytest.skip(f"needs a private PostgreSQL cluster: {reason}")

    bin_dir = _pg_bin()
    if bin_dir is None:
        cannot("no pg_ctl under /usr/lib/postgresql/*/bin (apt-get install postgresql)")
    if os.getuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            cannot("running as root and there is no 'postgres' OS user to run the cluster as")
    cluster = PrivateCluster(bin_dir)
    try:
        cluster.create()
    except (subprocess.SubprocessError, OSError) as exc:
        detail = getattr(exc, "stderr", "") or ""
        cluster.remove()
        cannot(f"{exc} {detail.strip()[-500:]}")
    return cluster


def wait_until(condition, *, timeout: float, every: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return condition()
