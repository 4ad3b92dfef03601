"""Serve the fake on uvicorn (uvloop + httptools): ``python -m contract_tests.fake --port 8080``.

Configuration comes from ``CASHFREE_FAKE_*`` environment variables (see FakeConfig.from_env) and the
flags below, which win. Logs go through the project's redaction module.
"""

from __future__ import annotations

import argparse
import logging

import uvicorn

from cashfree_oneclick import redaction
from contract_tests.fake.app import create_app
from contract_tests.fake.config import FakeConfig


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m contract_tests.fake", description="Fake Cashfree 1-Click API"
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--quirks", action="store_true", help="send the shapes of the vendor's own examples")
    parser.add_argument("--no-access-log", action="store_true", help="log errors only (for load tests)")
    parser.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    args = parser.parse_args(argv)

    config = FakeConfig.from_env()
    if args.quirks:
        config = config.with_(quirks=True)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s %(message)s")
    if args.no_access_log:
        logging.getLogger("cashfree_fake.access").setLevel(logging.WARNING)
    # Logger filters see only the records of their own logger, not of its children: name each one.
    redaction.install("cashfree_fake.access", "cashfree_fake.error", "uvicorn", "uvicorn.error")
    # uvicorn's access log prints raw paths (a consent URL holds the session id); ours replaces it.
    logging.getLogger("uvicorn.access").disabled = True
    app = create_app(config)
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        loop="uvloop",
        http="httptools",
        access_log=False,  # our own access log (route templates, redacted) replaces uvicorn's
        log_config=None,  # keep the root configuration above, with its redacting filter
        log_level=args.log_level,
        lifespan="on",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
