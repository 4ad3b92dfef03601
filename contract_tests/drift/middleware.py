"""The one engine of the drift corpus: an ASGI app that wraps the fake and applies one Drift.

Requests and answers pass through untouched unless the drift's route, status and code match; then the
drift's request rewrite, body edits, status, headers, delay or named stateful behaviour apply. The
fake's own ``/__fake__/`` routes (its identity, the consent step) always pass through untouched, so a
drifted server is still recognised as our fake and the flow can be driven.
"""

from __future__ import annotations

import asyncio
import calendar
import gzip
import json
import re
from collections.abc import Awaitable, Callable, Iterator
from email.utils import parsedate_tz
from typing import Any

from cashfree_oneclick.fake import (
    TEST_APP_CLIENT_ID,
    TEST_APP_CLIENT_SECRET,
    TEST_GENERAL_CLIENT_ID,
    TEST_GENERAL_CLIENT_SECRET,
)
from cashfree_oneclick.jsonbody import parse_json
from contract_tests.drift.corpus import Drift, Edit
from scripts.json_pointer import tokens

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
SECRETS = {TEST_APP_CLIENT_ID: TEST_APP_CLIENT_SECRET, TEST_GENERAL_CLIENT_ID: TEST_GENERAL_CLIENT_SECRET}
EXTRA_SCOPE = {
    "scope": "BANK_ACCOUNT",
    "records": [
        {"confidence_score": 0.9, "metadata": {"bank_account": "999900001111", "name_at_bank": "Test"}}
    ],
}


def _places(node: Any, parts: list[str]) -> Iterator[tuple[Any, str | int]]:
    """(container, key) of every place a pointer with `*` wildcards names (existing places only)."""
    if not parts:
        return
    head, rest = parts[0], parts[1:]
    keys: list[Any]
    if isinstance(node, dict):
        keys = list(node) if head == "*" else [head] if head in node else []
    elif isinstance(node, list):
        keys = list(range(len(node))) if head == "*" else [int(head)] if head.isdigit() else []
        keys = [key for key in keys if key < len(node)]  # an index past the end names no place
    else:
        return
    for key in keys:
        if rest:
            yield from _places(node[key], rest)
        else:
            yield node, key


def apply_edit(document: Any, edit: Edit) -> None:
    parts = list(tokens(edit.pointer))
    if edit.op == "add":  # add a key under every container the parent pointer names
        parents = [document] if len(parts) == 1 else [c[k] for c, k in _places(document, parts[:-1])]
        for parent in parents:
            if isinstance(parent, dict):
                parent[parts[-1]] = edit.value
        return
    for container, key in list(_places(document, parts)):
        if edit.op == "set":
            container[key] = edit.value
        elif edit.op == "remove":
            del container[key]
        elif edit.op == "append" and isinstance(container[key], str):
            container[key] = container[key] + str(edit.value)
        elif edit.op == "nulls" and isinstance(container[key], dict):
            container[key] = {name: None for name in container[key]}
        elif edit.op == "reverse" and isinstance(container[key], list):
            container[key] = container[key][::-1]
        elif edit.op == "wrap":
            container[key] = [container[key]]
        elif edit.op == "duplicate" and isinstance(container[key], list) and container[key]:
            container[key] = [*container[key], container[key][0]]


class DriftApp:
    """``app`` with ``drift`` applied; one instance per served drift (it keeps the stateful memory)."""

    def __init__(self, app: ASGIApp, drift: Drift) -> None:
        self.app, self.drift = app, drift
        self.matched = 0
        self.path = ""
        self.flaky_count = 0
        self.answered_at: float | None = None  # the fake's time of the answer in hand (its Date)
        self.memory: dict[Any, bytes] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        # The fake's own routes pass untouched (so a drifted server is still recognised as the fake),
        # but for the consent step when a drift is about it: the stand-in for the SDK can drift too.
        own = "/__fake__/" in path and not (self.drift.consent_step and path.endswith("/consent"))
        if scope["type"] != "http" or own or not path.endswith(self.drift.route):
            await self.app(scope, receive, send)
            return
        drift = self.drift
        body = await _read(receive)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        self.path = path
        body, headers = _rewrite_request(drift.behaviour, body, headers)
        scope = {**scope, "headers": [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]}
        start: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(scope, _replay(body), capture)
        status, content = int(start.get("status", 500)), b"".join(chunks)
        out_headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
        self.answered_at = _date_of(out_headers)
        status, content, out_headers, hit = self._mutate(status, content, out_headers, body, headers)
        if hit and drift.delay and (not drift.every or self.matched <= drift.every):
            await asyncio.sleep(drift.delay)
        if hit and drift.encoding == "gzip":
            content = gzip.compress(content)
            out_headers.append((b"content-encoding", b"gzip"))
        if hit and drift.chunked:
            # No content-length: uvicorn sends the body as HTTP/1.1 chunks, in two parts here.
            await send({"type": "http.response.start", "status": status, "headers": out_headers})
            half = len(content) // 2
            await send({"type": "http.response.body", "body": content[:half], "more_body": True})
            await send({"type": "http.response.body", "body": content[half:]})
            return
        out_headers.append((b"content-length", str(len(content)).encode()))
        await send({"type": "http.response.start", "status": status, "headers": out_headers})
        await send({"type": "http.response.body", "body": content})

    def _mutate(
        self,
        status: int,
        content: bytes,
        headers: list[tuple[bytes, bytes]],
        sent: bytes,
        sent_headers: dict[str, str],
    ) -> tuple[int, bytes, list[tuple[bytes, bytes]], bool]:
        drift = self.drift
        answer = _json(content)
        code = answer.get("code") if isinstance(answer, dict) else None
        if drift.behaviour:
            status, content = self._behave(status, content, answer, code, sent, sent_headers)
            answer = _json(content)
            code = answer.get("code") if isinstance(answer, dict) else None
        if (drift.status is not None and status != drift.status) or (drift.code and code != drift.code):
            return status, content, headers, False
        self.matched += 1
        if drift.edits and answer is not None:
            for edit in drift.edits:
                apply_edit(answer, edit)
            content = json.dumps(answer).encode()
        if drift.reorder and isinstance(answer, dict):
            content = json.dumps(dict(reversed(list(answer.items())))).encode()
        content = drift.prefix + content
        if drift.new_status is not None:
            status = drift.new_status
        dropped = {name.lower().encode() for name in drift.drop_headers}
        headers = [(k, v) for k, v in headers if k.lower() not in dropped]
        for name, value in drift.headers:
            headers = [(k, v) for k, v in headers if k.decode().lower() != name.lower()]
            headers.append((name.encode(), value.encode()))
        return status, content, headers, True

    def _behave(
        self, status: int, content: bytes, answer: Any, code: Any, sent: bytes, sent_headers: dict[str, str]
    ) -> tuple[int, bytes]:
        """The stateful behaviours: a server that remembers what it answered and answers it again."""
        request = _json(sent) if sent else None
        name = self.drift.behaviour
        if name == "flaky":
            self.flaky_count += 1
            if self.flaky_count % (self.drift.every or 5) == 0:
                return 502, b"<html><body>502 Bad Gateway</body></html>"
            return status, content
        if name in {"replay_vid", "replay_code"} and isinstance(request, dict):
            key = request.get("verification_id" if name == "replay_vid" else "auth_code")
            refused = "verification_id_already_exists" if name == "replay_vid" else "auth_code_value_invalid"
            if status == 200 and isinstance(key, str):
                self.memory[key] = content
            elif code == refused and isinstance(key, str) and key in self.memory:
                return 200, self.memory[key]
        if name == "first_token" and status == 200:
            return 200, self.memory.setdefault("first", content)
        if name == "accept_foreign":
            bearer = sent_headers.get("authorization", "")
            if status == 200:
                self.memory["last"] = content
            elif (
                code == "access_token_value_invalid"
                and bearer.startswith("Bearer eyJ")
                and "last" in self.memory
            ):
                return 200, self.memory["last"]
        if (
            name == "shared_namespace"
            and isinstance(request, dict)
            and isinstance(request.get("verification_id"), str)
        ):
            # One namespace for both operations: an id used on data availability is taken for sessions.
            vid = request["verification_id"]
            if self.path.endswith("/user/data-availability") and status == 200:
                self.memory[("used", vid)] = b""
            elif self.path.endswith("/oauth2/session") and ("used", vid) in self.memory:
                taken = {"type": "validation_error", "code": "verification_id_already_exists", "message": "x"}
                return 409, json.dumps(taken).encode()
        if name == "replay_token":
            bearer = sent_headers.get("authorization", "")
            if status == 200:
                self.memory[bearer] = content
            elif code == "access_token_value_invalid" and bearer in self.memory:
                return 200, self.memory[bearer]
        if name in {"single_use_token", "short_token"}:
            return self._token_life(name, status, content, sent_headers.get("authorization", ""))
        if name in _REFUSED_IDS and status == 200 and isinstance(request, dict):
            vid = request.get("verification_id")
            if isinstance(vid, str) and _REFUSED_IDS[name](vid):
                code = (
                    "verification_id_value_invalid"
                    if name == "refuse_dots"
                    else "verification_id_length_exceeded"
                )
                refusal = {"type": "validation_error", "code": code, "message": "verification_id is invalid."}
                return 400, json.dumps(refusal).encode()
        if name == "extra_scope" and status == 200 and isinstance(answer, dict):
            scopes = answer.get("scopes", [])
            if not any(isinstance(s, dict) and s.get("scope") == "BANK_ACCOUNT" for s in scopes):
                answer["scopes"] = [*scopes, EXTRA_SCOPE]
                return 200, json.dumps(answer).encode()
        return status, content

    def _token_life(self, name: str, status: int, content: bytes, bearer: str) -> tuple[int, bytes]:
        """A token that works once (single_use_token) or ten minutes (short_token), not its hour."""
        first = self.memory.get(("token", bearer))
        if status != 200:
            return status, content
        if first is None:
            self.memory[("token", bearer)] = str(self.answered_at or 0.0).encode()
            return status, content
        age = (self.answered_at or 0.0) - float(first.decode())
        if name == "single_use_token" or age > 600:
            invalid = {"type": "validation_error", "code": "access_token_value_invalid", "message": "x"}
            return 400, json.dumps(invalid).encode()
        return status, content


# Stricter validation than documented: ids with a period refused, ids above 40 characters refused.
_REFUSED_IDS = {"refuse_dots": lambda vid: "." in vid, "refuse_long_ids": lambda vid: len(vid) > 40}


def _date_of(headers: list[tuple[bytes, bytes]]) -> float | None:
    for name, value in headers:
        if name.lower() == b"date":
            parsed = parsedate_tz(value.decode("latin-1"))
            return float(calendar.timegm(parsed[:9])) if parsed else None
    return None


def _rewrite_request(
    behaviour: str | None, body: bytes, headers: dict[str, str]
) -> tuple[bytes, dict[str, str]]:
    """Relaxed validation and credentials: the server quietly repairs what it should refuse."""
    if behaviour == "fix_secret" and headers.get("x-client-id") in SECRETS:
        headers["x-client-secret"] = SECRETS[headers["x-client-id"]]
    if behaviour == "default_api_version":  # a missing x-api-version quietly defaulted
        headers.setdefault("x-api-version", "2024-12-01")
    request = _json(body) if body else None
    if behaviour == "relax_identifiers" and isinstance(request, dict):
        users = request.get("user")
        for user in users if isinstance(users, list) else [users]:
            if isinstance(user, dict):  # any type read as MOBILE, any value as its last ten digits
                user["identifier_type"] = "MOBILE"
                digits = re.sub(r"[^0-9]", "", str(user.get("identifier_value", "")))
                user["identifier_value"] = (digits[-10:] or "9").rjust(10, "9")
        body = json.dumps(request).encode()
        headers["content-length"] = str(len(body))
    if (
        behaviour == "relax_vid"
        and isinstance(request, dict)
        and isinstance(request.get("verification_id"), str)
    ):
        fixed = re.sub(r"[^A-Za-z0-9._-]", "_", request["verification_id"])[:50] or "x"
        request["verification_id"] = fixed
        body = json.dumps(request).encode()
        headers["content-length"] = str(len(body))
    return body, headers


def _json(raw: bytes) -> Any:
    try:
        return parse_json(raw) if raw else None
    except ValueError:
        return None


async def _read(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive
