"""The request journal: what the fake received and answered, redacted before anyone reads it.

Each answered request of the API (and the consent step) is kept, bounded, as it came: recording is a
cheap append on the hot path. Reading a record redacts it with the project's one redaction module
(``cashfree_oneclick.redaction``; a ``Redactor`` of the journal's own, so values harvested from the
traffic are forgotten with the journal): headers and bodies by key and pattern, with the fake's secrets
and the values of sensitive keys seen in the traffic harvested first. The path is the route template,
never the raw path (a consent URL holds the session id).
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from cashfree_oneclick.redaction import Redactor

DEFAULT_JOURNAL_SIZE = 1000


@dataclass(frozen=True)
class JournalRecord:
    """One request and its answer, redacted."""

    at: float | None  # the fake's clock (time travel included); None if refused before it was read
    operation: str  # operationId, e.g. VrsUserVaultOauthInitiation
    method: str
    path: str  # the route template, e.g. /__fake__/sessions/{session_id}/consent
    status: int
    request_headers: dict[str, str]
    request_body: Any  # parsed JSON, redacted; None when there was none
    response_body: Any

    def to_json(self) -> dict[str, Any]:
        return {
            "at": self.at,
            "operation": self.operation,
            "method": self.method,
            "path": self.path,
            "status": self.status,
            "request": {"headers": self.request_headers, "body": self.request_body},
            "response": {"body": self.response_body},
        }

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> JournalRecord:
        """The record ``to_json`` gave (as the admin API's ``GET /__fake__/journal`` answers it)."""
        return cls(
            value["at"],
            value["operation"],
            value["method"],
            value["path"],
            value["status"],
            value["request"]["headers"],
            value["request"]["body"],
            value["response"]["body"],
        )


@dataclass(frozen=True)
class _Raw:
    at: float | None
    operation: str
    method: str
    path: str
    status: int
    headers: tuple[tuple[str, str], ...]
    request_body: Any
    response_body: bytes


class Journal:
    def __init__(self, secrets: Iterable[str] = (), size: int = DEFAULT_JOURNAL_SIZE) -> None:
        self._entries: deque[_Raw] = deque(maxlen=max(size, 0))
        self._secrets = tuple(secrets)  # the fake's own (client secrets, JWT secret): always scrubbed
        self._redactor = self._fresh_redactor()

    def _fresh_redactor(self) -> Redactor:
        # The project's redaction rules, with a memory of known values of this journal's own: values
        # harvested from the traffic go when the journal is cleared instead of piling up process-wide.
        redactor = Redactor()
        redactor.add_known(*self._secrets)
        return redactor

    def record(
        self,
        at: float | None,
        operation: str,
        method: str,
        path: str,
        status: int,
        headers: dict[str, str],
        request_body: Any,
        response_body: bytes,
    ) -> None:
        if self._entries.maxlen:
            raw = _Raw(
                at, operation, method, path, status, tuple(headers.items()), request_body, response_body
            )
            self._entries.append(raw)

    def clear(self) -> None:
        self._entries.clear()
        self._redactor = self._fresh_redactor()

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[JournalRecord]:
        return iter(self.records())

    def records(self, operation: str | None = None) -> list[JournalRecord]:
        """The records, oldest first (of one operation when named), redacted."""
        redactor = self._redactor
        # Harvest every record first, of every operation: a later answer, or another operation's, can
        # name a secret that this one carries where no key says what it is.
        for raw in self._entries:
            redactor.harvest(raw.request_body)
            redactor.harvest(raw.response_body)
        raws = [raw for raw in self._entries if operation is None or raw.operation == operation]
        return [_redacted(raw, redactor) for raw in raws]


def _redacted(raw: _Raw, redactor: Redactor) -> JournalRecord:
    try:
        response: Any = json.loads(raw.response_body)
    except ValueError:
        response = raw.response_body.decode("utf-8", errors="replace")
    return JournalRecord(
        at=raw.at,
        operation=raw.operation,
        method=raw.method,
        path=raw.path,
        status=raw.status,
        request_headers=dict(redactor.headers(raw.headers)),
        request_body=redactor.data(raw.request_body),
        response_body=redactor.data(response),
    )
