"""The request body as the gate reads it: bounded in size (413), JSON, an object, bounded in depth,
valid against the operation's schema in the contract-fake bundle (400 in the vendor's shape)."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from cashfree_oneclick.fake.errors import VendorError, from_validation_errors, invalid_request
from cashfree_oneclick.fake.spec import Operation

Receive = Callable[[], Awaitable[dict[str, Any]]]


async def read_json_body(
    operation: Operation, headers: Mapping[str, str], receive: Receive, max_bytes: int, max_depth: int
) -> Any:
    """The validated body of ``operation`` (which has one), read from the ASGI ``receive``."""
    declared = headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > max_bytes):
        raise _too_large(max_bytes)
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise invalid_request("request_body_invalid", "request body was not received.")
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(max_bytes)
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    media_type = headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "application/json":
        raise invalid_request("content_type_invalid", "content-type should be application/json.")
    try:
        body = json.loads(b"".join(chunks))
    except (ValueError, RecursionError):
        raise invalid_request("request_body_invalid", "request body should be valid JSON.") from None
    if not isinstance(body, dict):
        raise invalid_request("request_body_invalid", "request body should be a JSON object.")
    if _depth(body) > max_depth:
        raise invalid_request("request_body_invalid", "request body is nested too deeply.")
    assert operation.body is not None
    errors = list(operation.body.iter_errors(body))
    if errors:
        raise from_validation_errors(operation, errors)
    return body


def _too_large(max_bytes: int) -> VendorError:
    return VendorError(
        413, "validation_error", "request_too_large", f"request body must not exceed {max_bytes} bytes."
    )


def _depth(value: Any) -> int:
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(node, dict):
            stack.extend((child, depth + 1) for child in node.values())
        elif isinstance(node, list):
            stack.extend((child, depth + 1) for child in node)
    return deepest
