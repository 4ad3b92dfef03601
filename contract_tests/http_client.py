"""The suite's own HTTP requests (target detection, the probes, the flow for a token), on httpx.

They go through the client's bounded layer (``cashfree_oneclick.bounded``), so they obey the rules
the client does:

- **no redirect is followed**: a 3xx is an answer to report; credentials never leave the origin;
- **one total deadline per request** (connect, send, the whole body): :func:`request`'s ``seconds``,
  which callers cut to what remains of the run's bound;
- **bounded bodies**: read streaming, at most ``max_bytes`` after decompression, and a body that looks
  like JSON is nested at most 64 levels. Past a limit the answer keeps its status and headers, an
  empty body and ``unreadable`` (the reason): the caller reports it as a finding, never a crash. A
  body within the limits that is not strict JSON (NaN, a BOM) is kept as it came: ``Answer.json()``
  is None, and ``wire.json_body`` reports it.

In-process, the transport is the fake's ``SyncASGITransport`` (no socket). httpx logs every request's
URL (logger ``httpx``, INFO): the suite's URLs carry values the target handed out (a session id in the
consent path), so that logger writes the route template there and goes through the redaction module.
"""

from __future__ import annotations

import json
import logging
import re
import time
from dataclasses import dataclass
from typing import Any

import httpx

from cashfree_oneclick import bounded, redaction
from cashfree_oneclick.deadline import DEADLINE, DeadlinePassedError
from cashfree_oneclick.fake.transport import SyncASGITransport
from cashfree_oneclick.jsonbody import DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, BodyError, parse_json

TIMEOUT = httpx.Timeout(10.0, connect=5.0)
_SESSION_IN_PATH = re.compile(r"(/sessions/)[^/\s\"']+")


class _SessionPaths(logging.Filter):
    """httpx logs each URL: the consent path carries a session id, logged as its route template."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = _SESSION_IN_PATH.sub(r"\1{session_id}", record.getMessage())
        record.args = None
        return True


logging.getLogger("httpx").addFilter(_SessionPaths())
redaction.install("httpx")


class NoAnswerError(RuntimeError):
    """The request got no answer in time (refused, reset, timed out, or the deadline passed)."""


@dataclass(frozen=True)
class Answer:
    status: int
    headers: httpx.Headers
    content: bytes
    request: httpx.Request
    unreadable: str | None = None  # why the body was not read (a limit), None when it was

    def json(self) -> Any:
        """The parsed body (strict, ``jsonbody``); None when it is past a limit or not JSON at all.

        One leniency, for the flow's sake: a body within the limits whose only defect is NaN or
        Infinity is read with those as null, so that a NaN deep in a record is ``wire.json_body``'s
        finding rather than a blocked flow. (A byte order mark or broken JSON is still None.)
        """
        if self.unreadable or not self.content:
            return None
        try:
            return parse_json(self.content)
        except BodyError as error:
            if "NaN or Infinity" not in error.reason:
                return None
        try:
            return json.loads(self.content.decode("utf-8"), parse_constant=lambda name: None)
        except (ValueError, RecursionError):  # RecursionError: NaN and a deep nesting together
            return None


def client(app: Any = None, max_bytes: int = DEFAULT_MAX_BYTES) -> httpx.Client:
    """A bounded httpx client: over ASGI into ``app`` when given, else the network."""
    return bounded.BoundedClient(
        max_bytes=max_bytes,
        max_depth=DEFAULT_MAX_DEPTH,
        transport=SyncASGITransport(app) if app is not None else None,
        timeout=TIMEOUT,
        follow_redirects=False,
    )


def request(
    http: httpx.Client,
    method: str,
    url: str,
    *,
    seconds: float,
    json: Any = None,
    headers: dict[str, str] | None = None,
) -> Answer:
    """One request within ``seconds`` in total; NoAnswerError when no answer came in time."""
    token = DEADLINE.set(time.monotonic() + max(seconds, 0.001))
    try:
        response = http.request(method, url, json=json, headers=headers)
    except bounded.UnreadableBodyError as error:
        cut = error.response
        if not error.limit:  # within the limits, not strict JSON: kept as it came (wire.json_body's finding)
            return Answer(cut.status_code, cut.headers, cut.content, cut.request)
        return Answer(cut.status_code, cut.headers, b"", cut.request, error.reason)
    except DeadlinePassedError as error:
        raise NoAnswerError(f"no complete answer within {seconds:.1f} s") from error
    except httpx.TransportError as error:
        raise NoAnswerError(f"{type(error).__name__}") from error
    finally:
        DEADLINE.reset(token)
    return Answer(response.status_code, response.headers, response.content, response.request)
