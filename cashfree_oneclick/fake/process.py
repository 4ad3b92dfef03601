"""The fake as a separate process (``python -m cashfree_oneclick.fake``) on a free loopback port.

The one way the fuzz run, the load benchmark, the process tests and the wheel test start a server and
wait for it:
the process's output goes to a file or nowhere (never an unread pipe, which would block a chatty
server once the pipe buffer fills), and it is terminated on the way out.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def serve_command(
    command: Sequence[str],
    port: int,
    env: Mapping[str, str] | None = None,
    output: Path | None = None,
    startup_seconds: float = 20.0,
    cwd: Path | None = None,
) -> Iterator[subprocess.Popen[bytes]]:
    """Run ``command`` (a server that will listen on 127.0.0.1:``port``) in ``cwd`` until the block ends."""
    sink = output.open("wb") if output is not None else subprocess.DEVNULL
    try:
        process = subprocess.Popen(  # noqa: S603 - our own commands, fixed arguments
            list(command),
            env=dict(env) if env is not None else None,
            cwd=cwd,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    finally:
        if output is not None:
            sink.close()  # type: ignore[union-attr]  # the child holds its own descriptor
    try:
        deadline = time.monotonic() + startup_seconds
        while True:
            if process.poll() is not None:
                log = output.read_text(errors="replace") if output is not None else ""
                raise RuntimeError(f"{command[0]} exited with {process.returncode} before listening\n{log}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(
                        f"nothing listened on 127.0.0.1:{port} within {startup_seconds} s"
                    ) from None
                time.sleep(0.05)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=20)


@contextmanager
def run_fake(
    *args: str,
    env: Mapping[str, str] | None = None,
    output: Path | None = None,
    startup_seconds: float = 20.0,
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``python -m cashfree_oneclick.fake`` with ``args``; yields (base URL with /verification, process)."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "cashfree_oneclick.fake",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        *args,
    ]
    with serve_command(command, port, env, output, startup_seconds) as process:
        yield f"http://127.0.0.1:{port}/verification", process
