"""Vendor stand-ins: servers that are not our fake, for the tests of target detection and replay.

``VendorStandIn`` wraps the fake and hides every ``/__fake__/`` route (its identity and the consent
step answer 404, as on the vendor), so the suite must judge it foreign; ``Changes`` then makes it
answer unlike the fake (renamed error codes and types, dropped keys, a value of another type), the
differences replay must name. Served over real HTTP with ``tests.serving.serve(wrap=...)``.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

Message = dict[str, Any]
NOT_FOUND = {"type": "invalid_request_error", "code": "path_not_found", "message": "Not found."}


@dataclass(frozen=True)
class Changes:
    codes: Mapping[str, str] = field(default_factory=dict)  # error code -> the stand-in's code
    types: Mapping[str, str] = field(default_factory=dict)  # error type -> the stand-in's type
    drop: frozenset[str] = frozenset()  # top-level keys removed from every 2xx body
    stringify: frozenset[str] = frozenset()  # top-level keys whose value is sent as a string

    def apply(self, status: int, body: Any) -> Any:
        if not isinstance(body, dict):
            return body
        body = dict(body)
        if status >= 400:
            body["code"] = self.codes.get(body.get("code", ""), body.get("code"))
            body["type"] = self.types.get(body.get("type", ""), body.get("type"))
            return body
        for key in self.drop & body.keys():
            del body[key]
        for key in self.stringify & body.keys():
            body[key] = str(body[key])
        return body


class VendorStandIn:
    def __init__(self, app: Any, changes: Changes | None = None) -> None:
        self.app = app
        self.changes = changes
        self.fake_paths: list[str] = []  # every /__fake__/ path asked for: a foreign run asks the probe only

    async def __call__(
        self,
        scope: Message,
        receive: Callable[[], Awaitable[Message]],
        send: Callable[[Message], Awaitable[None]],
    ) -> None:
        if scope["type"] == "http" and "/__fake__/" in scope["path"]:
            self.fake_paths.append(scope["path"])
            payload = json.dumps(NOT_FOUND).encode()
            headers = [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
            ]
            await send({"type": "http.response.start", "status": 404, "headers": headers})
            await send({"type": "http.response.body", "body": payload})
            return
        if self.changes is None or scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start: Message = {}
        chunks: list[bytes] = []

        async def buffered(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            assert self.changes is not None
            body = json.dumps(self.changes.apply(start["status"], json.loads(b"".join(chunks)))).encode()
            headers = [(k, v) for k, v in start["headers"] if k != b"content-length"]
            headers.append((b"content-length", str(len(body)).encode()))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, buffered)
