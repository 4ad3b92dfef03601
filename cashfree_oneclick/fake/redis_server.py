"""A throwaway ``redis-server`` on a free loopback port, its files in a directory of the caller's.

For the tests and the load benchmark of the Redis state store: no persistence, no fixed port (many
runs at once), stopped (and restartable on the same port, to test a Redis lost mid-run) by its owner.
``make test`` and ``make bench`` install Debian's redis-server when it is missing.
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cashfree_oneclick.fake.process import free_port


class RedisServer:
    def __init__(self, directory: Path, port: int | None = None):
        executable = shutil.which("redis-server")
        if executable is None:
            raise RuntimeError(
                "redis-server is not installed (make test installs it: apt-get install redis-server)"
            )
        self.executable = executable
        self.directory = directory
        self.port = port or free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self, startup_seconds: float = 10.0) -> None:
        command = [
            self.executable,
            "--bind", "127.0.0.1",
            "--port", str(self.port),
            "--dir", str(self.directory),
            "--save", "",
            "--appendonly", "no",
            "--protected-mode", "yes",
            "--logfile", str(self.directory / f"redis-{self.port}.log"),
        ]  # fmt: skip
        self._process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)  # noqa: S603
        deadline = time.monotonic() + startup_seconds
        while not self.ping():
            if self._process.poll() is not None or time.monotonic() > deadline:
                log = (self.directory / f"redis-{self.port}.log").read_text(errors="replace")
                self.stop()
                raise RuntimeError(f"redis-server did not start on port {self.port}\n{log}")
            time.sleep(0.02)

    def ping(self) -> bool:
        """True when the server answers PING (a raw RESP exchange: no client needed)."""
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as connection:
                connection.sendall(b"PING\r\n")
                return connection.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGCONT)  # a paused server would not act on SIGTERM
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:  # never leave a server behind holding its port
                process.kill()
                process.wait()

    def pause(self) -> None:
        """SIGSTOP: the server keeps its socket but answers nothing (a hung Redis)."""
        assert self._process is not None
        self._process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        assert self._process is not None
        self._process.send_signal(signal.SIGCONT)


@contextmanager
def run_redis(directory: Path) -> Iterator[RedisServer]:
    server = RedisServer(directory)
    server.start()
    try:
        yield server
    finally:
        server.stop()
