"""The one strict, bounded JSON reader of the kit: every answer the client or the suite parses.

The vendor's answers are RFC 8259 JSON. Python's ``json`` forgives more than that (``NaN``,
``Infinity``, a UTF-8 byte order mark through ``utf-8-sig``, lone surrogates) and recurses once per
nesting level, so a hostile answer could raise ``RecursionError`` far from where it was read. Here
every way a body can be unreadable is one error, :class:`BodyError`, with a short reason that never
quotes the body (it may hold PII):

- larger than ``max_bytes`` (the caller's cap: the client's ``max_response_bytes``, the suite's);
- not UTF-8, or starting with a byte order mark (RFC 8259 §8.1: "MUST NOT add a byte order mark");
- not JSON, or JSON with ``NaN``/``Infinity``/``-Infinity`` (not in RFC 8259's grammar);
- nested deeper than ``max_depth`` (arrays and objects; the vendor's documents nest 5 levels).

Reading a body from the network under a size cap is the transport's job (the client's
``transport.py``, the suite's HTTP layer): by the time bytes get here they are already bounded.
"""

from __future__ import annotations

import codecs
import json
from typing import Any, Final

DEFAULT_MAX_BYTES: Final = 4 * 1024 * 1024
DEFAULT_MAX_DEPTH: Final = 64


class BodyError(ValueError):
    """A body that is not the bounded RFC 8259 JSON the vendor documents; ``reason`` says why."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _no_constants(name: str) -> Any:
    raise BodyError(f"{name} is not JSON (RFC 8259 has no NaN or Infinity)")


def parse_json(
    data: bytes | str, *, max_bytes: int = DEFAULT_MAX_BYTES, max_depth: int = DEFAULT_MAX_DEPTH
) -> Any:
    """``data`` parsed as RFC 8259 JSON within the bounds, or :class:`BodyError`."""
    size = len(data.encode("utf-8", "surrogatepass")) if isinstance(data, str) else len(data)
    if size > max_bytes:
        raise BodyError(f"body of {size} bytes exceeds the limit of {max_bytes}")
    if isinstance(data, bytes):
        if data.startswith(codecs.BOM_UTF8):
            raise BodyError("body starts with a UTF-8 byte order mark (RFC 8259 §8.1)")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise BodyError(f"body is not UTF-8 (invalid byte at offset {error.start})") from None
    else:
        text = data
        if text.startswith("\ufeff"):
            raise BodyError("body starts with a byte order mark (RFC 8259 §8.1)")
    try:
        value = json.loads(text, parse_constant=_no_constants)
    except RecursionError:
        raise BodyError(f"body nests deeper than {max_depth} levels") from None
    except json.JSONDecodeError as error:
        raise BodyError(f"body is not JSON ({error.msg} at offset {error.pos})") from None
    if depth_of(value) > max_depth:
        raise BodyError(f"body nests deeper than {max_depth} levels")
    return value


def depth_of(value: Any) -> int:
    """Nesting depth of a parsed JSON value (a scalar is 0), without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children: Any = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        depth += 1
        deepest = max(deepest, depth)
        stack.extend((child, depth) for child in children)
    return deepest
