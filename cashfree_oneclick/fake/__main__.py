"""Serve the fake on uvicorn (uvloop + httptools): ``python -m cashfree_oneclick.fake --port 8080``.

Configuration comes from ``CASHFREE_FAKE_*`` environment variables (see FakeConfig.from_env) and the
flags below, which win. Logs go through the project's redaction module.

``--workers N --state redis://…`` serves N worker processes on one port as one fake: their state is in
Redis under one key prefix and they sign tokens with one secret (both handed to the workers through
the environment; give ``CASHFREE_FAKE_STATE_PREFIX`` and ``CASHFREE_FAKE_JWT_SECRET`` yourself to make
several replicas one service).

``--admin-token`` (or ``CASHFREE_FAKE_ADMIN_TOKEN``) guards the admin API (tenant_gate.py). The fake
refuses to listen on an address other than loopback without one: a fake reachable from elsewhere
would let anyone drive its admin API.
"""

from __future__ import annotations

import argparse
import ipaddress
import logging
import os

import uvicorn

from cashfree_oneclick import redaction
from cashfree_oneclick.fake.app import FakeCashfree, create_app
from cashfree_oneclick.fake.config import FakeConfig

# How the parent process tells its workers how to log (they configure themselves in worker_app).
_LOG_LEVEL = "CASHFREE_FAKE_LOG_LEVEL"
_ACCESS_LOG = "CASHFREE_FAKE_ACCESS_LOG"


def _setup_logging(level: str, access_log: bool) -> None:
    logging.basicConfig(level=level.upper(), format="%(asctime)s %(levelname)s %(name)s %(message)s")
    if not access_log:
        logging.getLogger("cashfree_fake.access").setLevel(logging.WARNING)
    # Logger filters see only the records of their own logger, not of its children: name each one.
    redaction.install("cashfree_fake.access", "cashfree_fake.error", "uvicorn", "uvicorn.error")
    # uvicorn's access log prints raw paths (a consent URL holds the session id); ours replaces it.
    logging.getLogger("uvicorn.access").disabled = True


def worker_app() -> FakeCashfree:
    """The app of one worker process (uvicorn's factory): configured from the environment."""
    _setup_logging(os.environ.get(_LOG_LEVEL, "info"), os.environ.get(_ACCESS_LOG, "1") == "1")
    return create_app(FakeConfig.from_env())


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name: it may resolve anywhere


def _port(text: str) -> int:
    """A TCP port: 80000 is refused here, not announced and then bound to a random port by the OS."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a TCP port (0-65535)")
    return port


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=f"python -m {__package__}", description="Fake Cashfree 1-Click API")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=_port, default=8080, help="TCP port, 0-65535 (0: a free one)")
    parser.add_argument("--quirks", action="store_true", help="send the shapes of the vendor's own examples")
    parser.add_argument("--no-access-log", action="store_true", help="log errors only (for load tests)")
    parser.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    parser.add_argument("--state", help="redis://host:port/db to keep state in Redis (default: in memory)")
    parser.add_argument("--state-prefix", help="Redis key prefix of this fake (default: a random one)")
    parser.add_argument("--workers", type=int, default=1, help="worker processes (more than 1 needs --state)")
    parser.add_argument(
        "--admin-token",
        help="token the admin API needs (default: $CASHFREE_FAKE_ADMIN_TOKEN; needed off loopback)",
    )
    args = parser.parse_args(argv)

    try:
        config = FakeConfig.from_env()
        changes = {"quirks": True} if args.quirks else {}
        if args.state:
            changes["state"] = args.state
        if args.state_prefix:
            changes["state_prefix"] = args.state_prefix
        if args.admin_token:
            changes["admin_token"] = args.admin_token
        config = config.with_(**changes)
    except ValueError as error:
        parser.error(str(error))
    if not config.admin_token and not is_loopback(args.host):
        parser.error(
            f"--host {args.host} is not a loopback address: give --admin-token (or "
            "CASHFREE_FAKE_ADMIN_TOKEN), or anyone who reaches the port drives the admin API"
        )
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    if args.workers > 1 and config.state is None:
        parser.error("--workers above 1 needs --state redis://… (in-memory state is one process's own)")
    serving = {
        "host": args.host,
        "port": args.port,
        "loop": "uvloop",
        "http": "httptools",
        "access_log": False,  # our own access log (route templates, redacted) replaces uvicorn's
        "log_config": None,  # keep the root configuration, with its redacting filter
        "log_level": args.log_level,
        "lifespan": "on",
        "date_header": False,  # the fake sends its own Date: its clock, time travel included
    }
    if args.workers == 1:
        _setup_logging(args.log_level, not args.no_access_log)
        uvicorn.run(create_app(config), **serving)
        return 0
    from cashfree_oneclick.fake.store_redis import new_prefix

    # Every worker must be the same fake: one store URL and prefix, one token signing secret.
    os.environ.update(
        {
            "CASHFREE_FAKE_STATE": str(config.state),
            "CASHFREE_FAKE_STATE_PREFIX": config.state_prefix or new_prefix(),
            "CASHFREE_FAKE_JWT_SECRET": config.jwt_secret,
            "CASHFREE_FAKE_QUIRKS": "1" if config.quirks else "0",
            **({"CASHFREE_FAKE_ADMIN_TOKEN": config.admin_token} if config.admin_token else {}),
            _LOG_LEVEL: args.log_level,
            _ACCESS_LOG: "0" if args.no_access_log else "1",
        }
    )
    _setup_logging(args.log_level, not args.no_access_log)
    uvicorn.run("cashfree_oneclick.fake.__main__:worker_app", factory=True, workers=args.workers, **serving)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
