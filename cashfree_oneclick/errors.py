"""Errors of the 1-Click client, by meaning. Every vendor answer other than success is one of these.

    CashfreeError                     status, type, code, message, ref_id, request_id, response
    ├── InvalidRequestError           400  validation_error (verification_id_*, x-client-id_missing, ...)
    ├── AuthenticationError           401  authentication_failed: wrong client id / secret pair
    ├── ForbiddenError                403  ip_validation_failed: caller IP not whitelisted
    ├── ConflictError                 409  verification_id_already_exists
    │   └── AmbiguousSessionError          409 on a *retried* Initiate OAuth: the first attempt may
    │                                      have created the session (see below)
    ├── InsufficientBalanceError      422  insufficient_balance
    ├── RateLimitedError              429  too_many_requests_*; carries retry_after (seconds)
    ├── ServerError                   5xx  internal_error / verification_failed
    ├── UndocumentedStatusError       a status the operation does not document
    ├── MalformedResponseError        a documented status whose body is not what the spec says
    └── TransportError                no answer at all: connection refused, reset, time-out
        └── DeadlineExceededError     the call's total deadline passed (connect, send, body, every
                                      attempt and wait: ``deadline=``, default 30 s)

Client-side validation (verification_id rule, 10-digit mobile, identifier type) raises ``ValueError``
before any network call; it is not a CashfreeError because nothing was sent.

**Initiate OAuth is not idempotent.** When an attempt fails ambiguously (a time-out, a dropped
connection, a 5xx: the vendor may have created the session before failing) and the retry answers 409
``verification_id_already_exists``, the session probably exists but its ``session_id`` is lost: the
vendor offers no call to fetch it. The client raises :class:`AmbiguousSessionError` saying so; start
over with a new verification_id.

Past a limit (``max_response_bytes``, decompressed too; ``max_depth``; JSON with NaN or a byte order
mark) the answer is a :class:`MalformedResponseError`, or for a 429 / 5xx still its status's error.
A 3xx is never followed (credentials must not leave the target's origin): it is an
:class:`UndocumentedStatusError` naming the origin it pointed to. The vendor's ``message`` (and every
other echoed text) passes the redaction module before it becomes ``str(error)``: a secret the vendor
echoes back is masked.

The raw ``httpx.Response`` stays reachable as ``error.response`` (None for TransportError). ``repr``
and ``str`` never include headers or bodies, which may carry credentials or personal data.
"""

from __future__ import annotations

from typing import Any

import httpx


class CashfreeError(Exception):
    """Base class: an operation did not succeed."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        type: str | None = None,  # the vendor's field name, shadowing the builtin on purpose
        code: str | None = None,
        ref_id: str | None = None,
        request_id: str | None = None,
        operation: str | None = None,
        attempts: int = 1,
        response: httpx.Response | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.type = type
        self.code = code
        self.ref_id = ref_id
        self.request_id = request_id
        self.operation = operation
        self.attempts = attempts
        self.response = response

    def __str__(self) -> str:
        parts = [f"{self.operation}: " if self.operation else ""]
        parts.append(f"{self.status} " if self.status is not None else "")
        parts.append(f"{self.code}: " if self.code else "")
        parts.append(self.message)
        if self.ref_id:
            parts.append(f" (ref_id {self.ref_id})")
        if self.request_id:
            parts.append(f" (request id {self.request_id})")
        if self.attempts > 1:
            parts.append(f" after {self.attempts} attempts")
        return "".join(parts)

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status={self.status!r}, code={self.code!r}, operation={self.operation!r})"
        )


class InvalidRequestError(CashfreeError):
    """400: the vendor rejected the request's content or headers."""


class AuthenticationError(CashfreeError):
    """401: the client id / secret pair is wrong (or is the pair of another product)."""


class ForbiddenError(CashfreeError):
    """403: the caller's IP is not whitelisted (send x-cf-signature, or whitelist the IP)."""


class ConflictError(CashfreeError):
    """409: the verification_id was used before."""


class AmbiguousSessionError(ConflictError):
    """409 on a retried Initiate OAuth after an ambiguous failure: the session may exist already."""


class InsufficientBalanceError(CashfreeError):
    """422: the merchant account has no balance for this billable call."""


class RateLimitedError(CashfreeError):
    """429: too many requests; ``retry_after`` is how long the vendor asked to wait, in seconds."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class ServerError(CashfreeError):
    """5xx: the vendor failed."""


class UndocumentedStatusError(CashfreeError):
    """A status the operation's spec does not document."""


class MalformedResponseError(CashfreeError):
    """A documented status whose body could not be parsed as the spec says."""


class TransportError(CashfreeError):
    """No answer: connection refused or reset, or a time-out."""


class DeadlineExceededError(TransportError):
    """The call's total deadline passed before an answer was read: the package's time-out error."""


BY_STATUS: dict[int, type[CashfreeError]] = {
    400: InvalidRequestError,
    401: AuthenticationError,
    403: ForbiddenError,
    409: ConflictError,
    422: InsufficientBalanceError,
    429: RateLimitedError,
}
