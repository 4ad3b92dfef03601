"""The httpx side of the client: which credentials go on which request, and what is logged.

One httpx client (sync or async) serves all four operations. ``CredentialRouter`` (an ``httpx.Auth``)
puts the general pair on data availability, the 1-Click app pair on session and generate-token, and the
caller's access token (held in a context variable for the duration of one call, so concurrent async
calls never mix tokens) on user details. The response hook logs method, path, status, duration and
attempt through the redaction filter (``bounded.py`` keeps the last answer for error reporting).
"""

from __future__ import annotations

import contextvars
import logging
import time
from collections.abc import Generator

import httpx

from cashfree_oneclick import redaction
from cashfree_oneclick.settings import Pair

LOG = logging.getLogger("cashfree_oneclick")
LOG.addFilter(redaction.RedactingFilter())
# httpx and httpcore log each exchange (httpcore at DEBUG with the response headers, where a server
# may echo a secret): a logger's filter sees only its own records, so each of theirs is named.
HTTP_LOGGERS = ("httpx", "httpcore.connection", "httpcore.http11", "httpcore.http2", "httpcore.proxy")
for _name in HTTP_LOGGERS:
    _logger = logging.getLogger(_name)
    if not any(isinstance(f, redaction.RedactingFilter) for f in _logger.filters):
        _logger.addFilter(redaction.RedactingFilter())

ACCESS_TOKEN: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "cashfree_access_token", default=None
)
ATTEMPT: contextvars.ContextVar[int] = contextvars.ContextVar("cashfree_attempt", default=1)

GENERAL_PAIR_PATHS = ("/user/data-availability",)
APP_PAIR_PATHS = ("/oauth2/session", "/oauth2/generate-token")
BEARER_PATHS = ("/oauth2/user-details",)


class MissingCredentialsError(ValueError):
    """The operation needs credentials the client was not given."""


class CredentialRouter(httpx.Auth):
    def __init__(self, app_pair: Pair | None, general_pair: Pair | None):
        self._app = app_pair
        self._general = general_pair
        for pair in (app_pair, general_pair):
            if pair is not None:
                redaction.REDACTOR.add_known(pair.client_secret)

    def __repr__(self) -> str:
        return f"CredentialRouter(app={self._app!r}, general={self._general!r})"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        path = request.url.path
        if path.endswith(BEARER_PATHS):
            token = ACCESS_TOKEN.get()
            if token:
                request.headers["Authorization"] = f"Bearer {token}"
        else:
            pair = self._general if path.endswith(GENERAL_PAIR_PATHS) else self._app
            if pair is not None:
                request.headers["x-client-id"] = pair.client_id
                request.headers["x-client-secret"] = pair.client_secret
        request.extensions["cashfree_started"] = time.perf_counter()
        yield request


def require(pair: Pair | None, what: str) -> None:
    if pair is None:
        raise MissingCredentialsError(
            f"this call needs the {what} pair: pass it to the client or set its CASHFREE_* variables"
        )


def _record(response: httpx.Response) -> None:
    if not LOG.isEnabledFor(logging.INFO):
        return
    request = response.request
    started = request.extensions.get("cashfree_started")
    duration = (time.perf_counter() - started) * 1000 if isinstance(started, float) else float("nan")
    # Path only: the four operations carry no value in their paths, and no query string is sent.
    LOG.info(
        "%s %s -> %d in %.1f ms (attempt %d)",
        request.method,
        request.url.path,
        response.status_code,
        duration,
        ATTEMPT.get(),
    )


def sync_hooks() -> dict[str, list[object]]:
    return {"response": [_record]}


def async_hooks() -> dict[str, list[object]]:
    async def record(response: httpx.Response) -> None:
        _record(response)

    return {"response": [record]}
