"""The TLS verification every network client of the package shares, built once.

httpx builds a new ``ssl.SSLContext`` for each client it creates without one, loading the whole CA
bundle again: 30 ms a client on this project's CI machine (``python -c`` timing 50 ``httpx.Client()``),
against 0.1 ms with a shared context. A suite run opens a client per probe and per admin call, and an
application may open a client per request, so the context is made once per setting and handed to each
client. It is httpx's own default (``httpx.create_ssl_context()``: ``SSL_CERT_FILE`` or ``SSL_CERT_DIR``
when set, else certifi's bundle), so verification is exactly what a plain client would do; a context
is safe to share between clients and threads.
"""

from __future__ import annotations

import os
import ssl
from functools import cache
from typing import Any

import httpx


def default_verify() -> ssl.SSLContext:
    """httpx's default verification context for the environment as it is now (built once per setting)."""
    return _context(os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR"))


@cache
def _context(_cert_file: str | None, _cert_dir: str | None) -> ssl.SSLContext:
    return httpx.create_ssl_context()


def with_shared_verify(options: dict[str, Any]) -> dict[str, Any]:
    """``options`` of an httpx client, given the shared context when they leave verification to httpx.

    A client with its own transport verifies nothing itself (the transport does), and one told not to
    trust the environment builds httpx's context its own way: both are left as they are.
    """
    if "verify" in options or options.get("transport") is not None or not options.get("trust_env", True):
        return options
    return {**options, "verify": default_verify()}
