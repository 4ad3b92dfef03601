"""The request journal: what the fake received and answered, redacted before anyone reads it.

Each answered request of the API (and the consent step) is kept, bounded (the tenant's journal cap,
a ring of the newest), as it came, in the tenant's state store: recording is one append on the hot
path. Reading redacts it with the project's one redaction module (``cashfree_oneclick.redaction``; a
``Redactor`` of each read's own, so values harvested from the traffic are forgotten with the
journal): headers and bodies by key and pattern, with the fake's secrets and the values of sensitive
keys seen in the traffic harvested first. The path is the route template,
never the raw path (a consent URL holds the session id).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cashfree_oneclick.fake.state import JournalEntry, StateStore
from cashfree_oneclick.redaction import Redactor


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


class Journal:
    """A tenant's journal, kept in its state store (every worker appends to the same one)."""

    def __init__(self, store: StateStore, secrets: Iterable[str] = ()) -> None:
        self._store = store
        self._secrets = tuple(secrets)  # the fake's own (client secrets, JWT secret): always scrubbed

    async def record(
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
        entry = JournalEntry(
            at, operation, method, path, status, tuple(headers.items()), request_body, response_body
        )
        await self._store.record(entry)

    async def clear(self) -> None:
        await self._store.clear_journal()

    async def records(self, operation: str | None = None) -> list[JournalRecord]:
        """The records, oldest first (of one operation when named), redacted."""
        entries = await self._store.journal()
        # The project's redaction rules, with a memory of this read's own: the fake's secrets, then
        # every record harvested first, of every operation (a later answer, or another operation's,
        # can name a secret that this one carries where no key says what it is).
        redactor = Redactor()
        redactor.add_known(*self._secrets)
        for entry in entries:
            redactor.harvest(entry.request_body)
            redactor.harvest(entry.response_body)
        chosen = [entry for entry in entries if operation is None or entry.operation == operation]
        return [_redacted(entry, redactor) for entry in chosen]


def _redacted(raw: JournalEntry, redactor: Redactor) -> JournalRecord:
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
