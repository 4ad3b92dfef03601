"""From a generated response to a model or an error of the tree (shared by the sync and async clients).

The generated operations are called with ``raise_on_unexpected_status=False``: they return the status,
the raw content and, for documented statuses, the parsed model. A parse failure of a documented status
surfaces as an exception from the generated code; the raw httpx response is then taken from the
bounded client (``bounded.LAST_RESPONSE``) so the error still carries it. A 429 or 5xx stays a
RateLimitedError / ServerError (retried) even when its body is not the vendor's JSON. An answer past a
limit of ``bounded.py`` is a MalformedResponseError saying which; the deadline passing is a
DeadlineExceededError, whatever the attempt was doing. Echoed text (message, code, ...) is redacted
before it becomes part of an error.
"""

from __future__ import annotations

import contextvars
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import httpx
from cashfree_oneclick_generated.types import Response

from cashfree_oneclick import bounded, errors, redaction, transport
from cashfree_oneclick.deadline import DEADLINE, DeadlinePassedError, remaining
from cashfree_oneclick.jsonbody import BodyError, parse_json
from cashfree_oneclick.retries import parse_retry_after

VERIFICATION_ID_TAKEN = "verification_id_already_exists"
REQUEST_ID_HEADERS = ("x-request-id", "x-cf-request-id", "request-id")
MAX_ECHOED = 300  # characters of a vendor's text kept in an error


T = TypeVar("T")


@dataclass(frozen=True)
class Call(Generic[T]):
    operation: str
    model: type[T]
    idempotent: bool = True

    def could_have_landed(self, error: httpx.TransportError) -> bool:
        """Whether a failed attempt may have been processed by the vendor (only matters if not idempotent).

        A connect error or a connect/pool time-out never reached the vendor; anything later (a read
        time-out, a reset connection, a protocol error) may have.
        """
        if self.idempotent:
            return False
        return not isinstance(error, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)


def on_transport_error(call: Call[Any], error: httpx.TransportError, attempt: int) -> errors.TransportError:
    kind = "timed out" if isinstance(error, httpx.TimeoutException) else "failed"
    return errors.TransportError(
        f"the request {kind} without an answer ({type(error).__name__})",
        operation=call.operation,
        attempts=attempt,
    )


# What the generated parsing raises on a body that is not what the spec says.
PARSE_ERRORS = (ValueError, TypeError, KeyError, AttributeError)


def malformed(
    call: Call[Any], raw: httpx.Response | None, attempt: int, reason: str = ""
) -> errors.MalformedResponseError:
    status = raw.status_code if raw is not None else None
    why = f": {reason}" if reason else ""
    return errors.MalformedResponseError(
        f"the {status} body could not be parsed as the spec documents it{why}",
        status=status, operation=call.operation, attempts=attempt, response=raw,
    )  # fmt: skip


def deadline_passed(call: Call[Any], attempt: int, seconds: float) -> errors.DeadlineExceededError:
    return errors.DeadlineExceededError(
        f"the call's deadline of {seconds:g} s passed before an answer was read",
        operation=call.operation,
        attempts=attempt,
    )


def _past_deadline() -> bool:
    left = remaining()
    return left is not None and left <= 0


# What a send can raise: no answer at all, an answer past a limit, an answer the generated parsing
# could not read.
FAILURES = (httpx.TransportError, DeadlinePassedError, bounded.UnreadableBodyError, *PARSE_ERRORS)


@dataclass
class CallState(Generic[T]):
    """One call across its attempts: the sync and async clients drive it the same way."""

    call: Call[T]
    deadline: float = 30.0  # seconds of the whole call (for the message of DeadlineExceededError)
    max_wait: float = float("inf")  # the most a Retry-After is believed (RetryPolicy.max_server_wait)
    # Whether an attempt of a non-idempotent call may have landed (the vendor may have acted).
    ambiguous: bool = False

    def start(self) -> contextvars.Token[float | None]:
        """Set the call's deadline for every attempt and wait; reset it with the token returned."""
        return DEADLINE.set(time.monotonic() + self.deadline)

    def begin(self, number: int) -> int:
        if _past_deadline():
            raise deadline_passed(self.call, number - 1, self.deadline)
        transport.ATTEMPT.set(number)
        bounded.LAST_RESPONSE.set(None)
        return number

    def failed(self, error: BaseException, number: int) -> errors.CashfreeError:
        if isinstance(error, DeadlinePassedError):
            self.ambiguous = self.ambiguous or not self.call.idempotent  # it may have been sent
            return deadline_passed(self.call, number, self.deadline)
        if isinstance(error, httpx.TransportError):
            self.ambiguous = self.ambiguous or self.call.could_have_landed(error)
            if _past_deadline():
                return deadline_passed(self.call, number, self.deadline)
            return on_transport_error(self.call, error, number)
        raw: httpx.Response | None
        if isinstance(error, bounded.UnreadableBodyError):
            reason, raw = error.reason, error.response
        else:
            reason, raw = "", bounded.LAST_RESPONSE.get()
        if raw is not None and (raw.status_code == 429 or raw.status_code >= 500):
            # A gateway's HTML 502, a plain-text 429, a 520 the generated code cannot even wrap in an
            # HTTPStatus: no vendor JSON, but still a 429 / 5xx, so classified (and retried) by status.
            answer = self.error_for(raw.status_code, raw.headers, raw.content, raw, number)
            if isinstance(answer, errors.ServerError):
                self.ambiguous = self.ambiguous or not self.call.idempotent  # as in answered() below
            return answer
        if raw is not None and raw.status_code != 200 and raw.status_code not in errors.BY_STATUS:
            return self.error_for(raw.status_code, raw.headers, raw.content, raw, number)
        return malformed(self.call, raw, number, reason)

    def error_for(
        self, status: int, headers: Mapping[str, str], content: bytes, raw: httpx.Response | None, number: int
    ) -> errors.CashfreeError:
        return error_for(self.call, status, headers, content, raw, number, False, self.max_wait)

    def answered(self, response: Response[Any], number: int) -> T:
        try:
            return interpret(
                self.call, response, bounded.LAST_RESPONSE.get(), number, self.ambiguous, self.max_wait
            )
        except errors.ServerError:
            self.ambiguous = self.ambiguous or not self.call.idempotent  # it may have acted before failing
            raise


def interpret(
    call: Call[T],
    response: Response[Any],
    raw: httpx.Response | None,
    attempt: int,
    ambiguous: bool,
    max_wait: float = float("inf"),
) -> T:
    """Return the model of a success; raise the matching error otherwise.

    ``ambiguous`` says whether an earlier attempt of a non-idempotent call may have landed; then a 409
    verification_id_already_exists becomes AmbiguousSessionError.
    """
    status = int(response.status_code)
    if status == 200:
        parsed = response.parsed
        # The generated from_dict starts with dict(body): a JSON array such as [] would parse as an empty
        # model. The body parsed as JSON, so it is an object exactly when it starts with '{'.
        if isinstance(parsed, call.model) and response.content.lstrip()[:1] == b"{":
            return parsed
        raise malformed(call, raw, attempt)
    raise error_for(call, status, response.headers, response.content, raw, attempt, ambiguous, max_wait)


def error_for(
    call: Call[Any],
    status: int,
    raw_headers: Mapping[str, str],
    content: bytes,
    raw: httpx.Response | None,
    attempt: int,
    ambiguous: bool,
    max_wait: float = float("inf"),
) -> errors.CashfreeError:
    """The error of the tree for a non-200 answer: its class by status, its details from the body.

    Every text taken from the answer is redacted (a vendor may echo the secret it was sent) and cut
    to MAX_ECHOED characters; ``retry_after`` is capped at ``max_wait``, the most the client waits.
    """
    headers = {k.lower(): v for k, v in raw_headers.items()}
    details = {key: _echoed(value) for key, value in _error_details(content).items()}
    request_id = next((headers[h] for h in REQUEST_ID_HEADERS if h in headers), None)
    common: dict[str, Any] = {
        "status": status,
        "type": details.get("type"),
        "code": details.get("code"),
        "ref_id": details.get("ref_id"),
        "request_id": _echoed(request_id) if request_id is not None else None,
        "operation": call.operation,
        "attempts": attempt,
        "response": raw,
    }
    message = details.get("message") or f"HTTP {status}"
    if 300 <= status < 400:
        message = f"HTTP {status}: a redirect{_pointed_to(headers)}, not followed (the vendor documents none)"
    if status >= 500:
        return errors.ServerError(message, **common)
    if status == 429:
        asked = parse_retry_after(headers)
        retry_after = None if asked is None else min(asked, max_wait)
        return errors.RateLimitedError(message, retry_after=retry_after, **common)
    if status == 409 and not call.idempotent and ambiguous and common["code"] == VERIFICATION_ID_TAKEN:
        return errors.AmbiguousSessionError(
            "verification_id_already_exists after an earlier attempt failed without a clear answer: that "
            "attempt probably created the session, but its session_id is lost (the vendor offers no call to "
            "fetch it). Start again with a new verification_id.",
            **common,
        )
    error_class = errors.BY_STATUS.get(status, errors.UndocumentedStatusError)
    return error_class(message, **common)


def _echoed(value: str) -> str:
    return redaction.REDACTOR.text(value[: MAX_ECHOED * 2])[:MAX_ECHOED]


def _pointed_to(headers: Mapping[str, str]) -> str:
    """`` to <origin>`` of a Location header (its path and query may carry anything: left out)."""
    location = headers.get("location")
    if not location:
        return ""
    try:
        target = httpx.URL(location)
    except httpx.InvalidURL:
        return " to an invalid location"
    if not target.host:
        return " within the same origin"
    return f" to {_echoed(f'{target.scheme}://{target.host}' + (f':{target.port}' if target.port else ''))}"


def _error_details(content: bytes) -> dict[str, str]:
    """type/code/message/ref_id of a vendor error body; empty when the body is not in that shape."""
    try:
        body = parse_json(content)
    except BodyError:
        return {}
    if not isinstance(body, dict):
        return {}
    # The vendor's ErrorResponseSchema: type, code, message (strings) and error {ref_id}, all optional.
    details = {key: value for key in ("type", "code", "message") if isinstance(value := body.get(key), str)}
    nested = body.get("error")
    if isinstance(nested, dict) and nested.get("ref_id") is not None:
        details["ref_id"] = str(nested["ref_id"])
    return details
