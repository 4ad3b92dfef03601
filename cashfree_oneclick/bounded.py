"""Every answer read within bounds: one total deadline per call, a size cap, a nesting-depth cap.

The generated operations call ``httpx.Client.request``, which reads the whole body before returning.
``BoundedClient`` / ``AsyncBoundedClient`` override ``send`` (httpx's public seam, so proxies from the
environment, mounts and custom transports keep working) to read it here instead, streaming:

- **deadline**: :data:`~cashfree_oneclick.deadline.DEADLINE` holds the call's end, set by the client
  for all its attempts and waits. Each request's connect/read/write/pool time-outs are cut to what
  remains and the deadline is checked after every chunk; under the sync client every socket operation
  is cut to it too (:mod:`cashfree_oneclick.deadline`), so neither a head nor a body dripping one byte
  at a time, nor a read that stalls, holds a call past it. The async client's whole call also runs
  under ``asyncio.timeout``.
- **size**: at most ``max_bytes`` of body, counted after decompression too. The compressed stream is
  fed to httpx's decoders in pieces of :data:`PIECE` bytes, so one piece of a gzip bomb expands to at
  most about a thousand times that before the cap is checked.
- **JSON**: a body that looks like JSON (a JSON content type, or starting with ``{`` or ``[``) must be
  the bounded RFC 8259 JSON of :func:`cashfree_oneclick.jsonbody.parse_json` (no NaN, no BOM, depth
  at most ``max_depth``) before the generated code parses it again: a 100,000-deep array never
  reaches its recursive ``json.loads``.

Past a bound the send raises :class:`DeadlinePassedError` or :class:`UnreadableBodyError` (carrying the status
and headers read so far); ``interpret.py`` turns them into the error tree.
"""

from __future__ import annotations

import contextvars
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any, Final

import httpx

from cashfree_oneclick.deadline import DeadlinePassedError, bound_to_deadline, remaining
from cashfree_oneclick.jsonbody import BodyError, parse_json
from cashfree_oneclick.tls import with_shared_verify

LAST_RESPONSE: contextvars.ContextVar[httpx.Response | None] = contextvars.ContextVar(
    "cashfree_last_response", default=None
)
PIECE: Final = 1024  # bytes of compressed body decoded at a time
DROPPED_HEADERS: Final = ("content-encoding", "content-length", "transfer-encoding")


class UnreadableBodyError(Exception):
    """An answer whose body is past a limit or not the bounded JSON it claims to be."""

    def __init__(self, reason: str, response: httpx.Response, limit: bool = True) -> None:
        super().__init__(reason)
        self.reason = reason
        self.response = response
        # True: past a size or depth limit (the body was not kept whole); False: within the limits
        # but not strict JSON (NaN, a BOM, broken), the body kept as it came.
        self.limit = limit


def _cap_timeouts(request: httpx.Request) -> None:
    left = remaining()
    if left is None:
        return
    if left <= 0:
        raise DeadlinePassedError("the call's deadline passed before the request was sent")
    timeouts = dict(request.extensions.get("timeout") or {})
    for phase in ("connect", "read", "write", "pool"):
        value = timeouts.get(phase)
        timeouts[phase] = left if value is None else min(float(value), left)
    request.extensions["timeout"] = timeouts


def _check_deadline() -> None:
    left = remaining()
    if left is not None and left <= 0:
        raise DeadlinePassedError("the call's deadline passed while the answer was being read")


class _Body:
    """Collects one body under the caps; builds the answer the generated code gets."""

    def __init__(self, raw: httpx.Response, max_bytes: int, max_depth: int) -> None:
        self.raw = raw
        self.max_bytes = max_bytes
        self.max_depth = max_depth
        self.chunks: list[bytes] = []
        self.size = 0
        self.wire = 0

    def pieces(self, chunk: bytes) -> Iterator[bytes]:
        _check_deadline()
        self.wire += len(chunk)
        if self.wire > self.max_bytes:
            raise self.refused(f"body exceeds the limit of {self.max_bytes} bytes")
        for start in range(0, len(chunk), PIECE):
            yield chunk[start : start + PIECE]

    def add(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self.max_bytes:
            raise self.refused(f"body exceeds the limit of {self.max_bytes} bytes (decompressed)")
        self.chunks.append(chunk)

    def decoder(self, stream: Any) -> httpx.Response:
        """A response over ``stream`` with the raw headers: httpx's own decoders undo the encoding."""
        return httpx.Response(self.raw.status_code, headers=self.raw.headers, stream=stream)

    def refused(self, reason: str, content: bytes = b"", limit: bool = True) -> UnreadableBodyError:
        return UnreadableBodyError(reason, self._answer(content), limit)

    def _answer(self, content: bytes) -> httpx.Response:
        """What the generated code and the errors see: the decoded body, its size, no encoding."""
        headers = [(k, v) for k, v in self.raw.headers.multi_items() if k.lower() not in DROPPED_HEADERS]
        answer = httpx.Response(
            self.raw.status_code,
            headers=headers,
            content=content,
            request=self.raw.request,
            extensions=self.raw.extensions,
        )
        LAST_RESPONSE.set(answer)
        return answer

    def answer(self) -> httpx.Response:
        content = b"".join(self.chunks)
        content_type = self.raw.headers.get("content-type", "").split(";")[0].strip().lower()
        looks_json = content_type.endswith(("/json", "+json")) or content.lstrip()[:1] in (b"{", b"[")
        if content and looks_json:
            try:
                parse_json(content, max_bytes=self.max_bytes, max_depth=self.max_depth)
            except BodyError as error:
                deep = error.reason.startswith("body nests deeper")
                raise self.refused(error.reason, content, limit=deep) from None
        return self._answer(content)


class _Pieces(httpx.SyncByteStream):
    def __init__(self, body: _Body, raw: Iterable[bytes]) -> None:
        self._body, self._raw = body, raw

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._raw:
            yield from self._body.pieces(chunk)


class _AsyncPieces(httpx.AsyncByteStream):
    def __init__(self, body: _Body, raw: AsyncIterator[bytes]) -> None:
        self._body, self._raw = body, raw

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._raw:
            for piece in self._body.pieces(chunk):
                yield piece


class BoundedClient(httpx.Client):
    def __init__(self, *, max_bytes: int, max_depth: int, **options: Any) -> None:
        super().__init__(**with_shared_verify(options))
        bound_to_deadline(self)
        self._max_bytes, self._max_depth = max_bytes, max_depth

    def send(self, request: httpx.Request, **options: Any) -> httpx.Response:
        _cap_timeouts(request)
        raw = super().send(request, **{**options, "stream": True})
        body = _Body(raw, self._max_bytes, self._max_depth)
        try:
            if raw.is_stream_consumed:  # already read in memory (an in-memory body of a mock transport)
                body.add(raw.content)
            else:
                for chunk in body.decoder(_Pieces(body, raw.iter_raw())).iter_bytes():
                    body.add(chunk)
        except httpx.DecodingError:
            raise body.refused("body does not decode as its content-encoding says") from None
        finally:
            raw.close()
        return body.answer()


class AsyncBoundedClient(httpx.AsyncClient):
    def __init__(self, *, max_bytes: int, max_depth: int, **options: Any) -> None:
        super().__init__(**with_shared_verify(options))
        self._max_bytes, self._max_depth = max_bytes, max_depth

    async def send(self, request: httpx.Request, **options: Any) -> httpx.Response:
        _cap_timeouts(request)
        raw = await super().send(request, **{**options, "stream": True})
        body = _Body(raw, self._max_bytes, self._max_depth)
        try:
            if raw.is_stream_consumed:  # already read in memory (an in-memory body of a mock transport)
                body.add(raw.content)
            else:
                async for chunk in body.decoder(_AsyncPieces(body, raw.aiter_raw())).aiter_bytes():
                    body.add(chunk)
        except httpx.DecodingError:
            raise body.refused("body does not decode as its content-encoding says") from None
        finally:
            await raw.aclose()
        return body.answer()
