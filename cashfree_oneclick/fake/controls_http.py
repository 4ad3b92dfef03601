"""The controls of ``controls.py`` over HTTP: each one a call of the admin API under ``/__fake__/``.

The client of ``admin.py``'s routes, for a fake served anywhere (another thread, another process,
another host on loopback). Each control is one short-lived ``httpx.AsyncClient`` request, so a
control works from any event loop (``kit.py`` runs each on a loop of its own). A refusal (4xx in
the vendor's error shape) raises ``ControlError`` with the same status and code as in process.

Two controls have no admin route: quirks and a reset to another configuration; they raise
``ControlError`` (status 501) here: a served fake takes its configuration when it starts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import httpx

from cashfree_oneclick.fake.config import FakeConfig
from cashfree_oneclick.fake.controls import CONTROL_HEADER, ControlError, Controls
from cashfree_oneclick.fake.journal import JournalRecord
from cashfree_oneclick.jsonbody import BodyError, parse_json
from cashfree_oneclick.tls import with_shared_verify

TIMEOUT_SECONDS = 30.0
# The journal is bounded (1000 exchanges, bodies capped by the fake): far below this.
MAX_ANSWER_BYTES = 64 * 1024 * 1024
MAX_ANSWER_DEPTH = 64


class HttpControls(Controls):
    def __init__(
        self,
        base_url: str,
        transport: httpx.AsyncBaseTransport | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        """``base_url``: the fake's API root, e.g. http://127.0.0.1:8080/verification; ``headers``:
        sent with every control (a tenant's key or the admin token as ``Authorization``)."""
        self.base_url = base_url
        self._transport = transport
        self._headers = dict(headers or {})

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.base_url!r})"

    async def _call(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> Any:
        options = with_shared_verify({"transport": self._transport, "timeout": TIMEOUT_SECONDS})
        async with httpx.AsyncClient(base_url=self.base_url, **options) as client:
            response = await client.request(
                method, path, json=body, headers={**self._headers, **(headers or {})}
            )
        try:
            answer = parse_json(response.content, max_bytes=MAX_ANSWER_BYTES, max_depth=MAX_ANSWER_DEPTH)
        except BodyError as error:
            raise ControlError(
                f"{method} {path}: answer {response.status_code} is no JSON ({error.reason})",
                response.status_code,
                "control_answer_invalid",
            ) from None
        if response.status_code != 200:
            detail = answer if isinstance(answer, dict) else {}
            raise ControlError(
                str(detail.get("message", f"{method} {path} answered {response.status_code}")),
                response.status_code,
                str(detail.get("code", "control_invalid")),
            )
        return answer

    async def reset(self, config: FakeConfig | None = None) -> None:
        if config is not None:
            raise ControlError(
                f"the fake at {self.base_url} keeps the configuration it was started with: "
                "the admin API has no route to change it (start a fake with that config)",
                501,
                "control_unsupported",
            )
        await self._call("POST", "/__fake__/reset")

    async def consent(
        self, session_id: str, decision: str, scopes: Sequence[str] | None = None
    ) -> dict[str, str]:
        body: dict[str, Any] = {"decision": decision}
        if scopes is not None:
            body["scopes"] = list(scopes)
        path = f"/__fake__/sessions/{session_id}/consent"
        callback: dict[str, str] = await self._call("POST", path, body, {CONTROL_HEADER: "1"})
        return callback

    async def now(self) -> float:
        return float((await self._call("GET", "/__fake__/clock"))["now"])

    async def clock_offset(self) -> float:
        return float((await self._call("GET", "/__fake__/clock"))["offset"])

    async def advance(self, seconds: float) -> float:
        return float((await self._call("POST", "/__fake__/clock/advance", {"seconds": seconds}))["now"])

    async def fail(
        self, operation: str, status: int, times: int = 1, retry_after: int | None = None
    ) -> dict[str, int]:
        body: dict[str, Any] = {"operation": operation, "status": status, "times": times}
        if retry_after is not None:
            body["retry_after"] = retry_after
        pending: dict[str, int] = (await self._call("POST", "/__fake__/faults", body))["pending"]
        return pending

    async def clear_faults(self) -> dict[str, int]:
        pending: dict[str, int] = (await self._call("DELETE", "/__fake__/faults"))["pending"]
        return pending

    async def person(self, persona: str, mobile: str | None = None) -> dict[str, object]:
        body: dict[str, Any] = {"persona": persona}
        if mobile is not None:
            body["mobile"] = mobile
        chosen: dict[str, object] = await self._call("PUT", "/__fake__/persona", body)
        return chosen

    async def journal(self) -> list[JournalRecord]:
        answer = await self._call("GET", "/__fake__/journal")
        return [JournalRecord.from_json(record) for record in answer["records"]]

    async def clear_journal(self) -> None:
        await self._call("DELETE", "/__fake__/journal")

    async def quirks(self, enabled: bool = True) -> None:
        raise ControlError(
            f"the fake at {self.base_url} keeps the quirks it was started with: the admin API has no "
            "route to switch them (start a fake with FakeConfig(quirks=...))",
            501,
            "control_unsupported",
        )
