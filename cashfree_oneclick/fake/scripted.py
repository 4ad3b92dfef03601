"""Scripted faults: "the next N calls of this operation answer that status" (a WireMock-style scenario).

Unlike the random fault injection of the configuration, a scripted fault is exact: a test says which
operation fails, with which documented status, how many times, and (429) what Retry-After to send.
The answer is the operation's own documented error example for that status, in the vendor's shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cashfree_oneclick.fake.errors import VendorError, documented
from cashfree_oneclick.fake.limits import rate_limited_headers
from cashfree_oneclick.fake.spec import Operation
from cashfree_oneclick.fake.state import StateStore

# The code a status stands for when the operation documents several (or none) under it.
PREFERRED_CODES: Mapping[int, tuple[str, str]] = {
    401: ("authentication_failed", "Invalid clientId and clientSecret combination"),
    403: ("ip_validation_failed", "IP not whitelisted"),
    409: ("verification_id_already_exists", "verification ID already exists"),
    422: ("insufficient_balance", "Insufficient balance to process this request"),
    429: ("too_many_requests_per_operation", "Too many requests for this operation, rate limit reached"),
    500: ("verification_failed", "something went wrong"),
    502: ("verification_failed", "verification attempt failed"),
}
MAX_TIMES = 100
FAULT_HEADER = "X-Fake-Fault"


@dataclass(frozen=True)
class ScriptedFault:
    operation: str
    status: int
    times: int = 1
    retry_after: int | None = None  # seconds, 429 only


class ScriptedFaults:
    """Validates a fault against the bundle and queues it in the tenant's state store (every worker
    takes from the same queue, each call spending one entry atomically)."""

    def __init__(self, store: StateStore) -> None:
        self._store = store

    async def add(self, fault: ScriptedFault, operations: Mapping[str, Operation]) -> None:
        """Queue ``fault`` after those already queued for its operation; ValueError when undocumented
        (CapReachedError beyond the tenant's cap of pending faults)."""
        operation = operations.get(fault.operation)
        if operation is None:
            raise ValueError(f"unknown operation {fault.operation!r}; one of {sorted(operations)}")
        if fault.status < 400 or fault.status not in operation.statuses:
            documented_errors = sorted(s for s in operation.statuses if s >= 400)
            raise ValueError(
                f"{fault.operation} documents no {fault.status}; its error statuses: {documented_errors}"
            )
        if not 1 <= fault.times <= MAX_TIMES:
            raise ValueError(f"times must be between 1 and {MAX_TIMES}")
        if fault.retry_after is not None and (fault.status != 429 or fault.retry_after < 0):
            raise ValueError("retry_after is a non-negative number of seconds, for a 429 only")
        await self._store.add_faults(fault.operation, fault.status, fault.retry_after, fault.times)

    async def pending(self) -> dict[str, int]:
        """Calls still scripted to fail, by operation."""
        return await self._store.pending_faults()

    async def clear(self) -> None:
        await self._store.clear_faults()

    async def take(self, operation: Operation) -> VendorError | None:
        """The error this call of ``operation`` answers with, if one is scripted (and spends it)."""
        if self._store.faults_hint == 0:  # read with the clock: none pending, nothing to ask
            return None
        taken = await self._store.take_fault(operation.operation_id)
        if taken is None:
            return None
        return error_for(operation, *taken)


def error_for(operation: Operation, status: int, retry_after: int | None = None) -> VendorError:
    """The operation's documented error for ``status``, with the 429 headers the vendor sends."""
    code, message = PREFERRED_CODES.get(status, ("", ""))
    example = operation.error(code, status) if code else None
    if example is None or example.status != status:
        example = next((e for (s, _), e in operation.errors_by_status.items() if s == status), None)
    error = (
        VendorError(example.status, example.type, example.code, example.message)
        if example is not None
        else documented(operation, code or "verification_failed", status, message or "something went wrong")
    )
    # Says the answer was asked for (a test's script, a magic number), not the fake misbehaving: the
    # contract suite does not hold a planned 5xx against the fake (contract_tests/policy.py).
    headers: tuple[tuple[str, str], ...] = ((FAULT_HEADER, "planned"),)
    if status == 429:
        headers += rate_limited_headers(100, retry_after if retry_after is not None else 1)
    error.headers = headers
    return error
