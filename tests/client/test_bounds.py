"""The client's bounds, through ``httpx.MockTransport`` on both clients (the ``twin`` fixture).

Size (raw and decompressed), nesting depth and strict JSON end as MalformedResponseError naming the
limit (a 5xx stays a ServerError, an undocumented status an UndocumentedStatusError); a 3xx is not
followed; a vendor message that echoes a secret is masked; ``retry_after`` is the capped value; plain
http to a host off this machine is refused unless allowed; the call's deadline covers a body still
arriving, and the sync client's sockets are bound to it. Real sockets and timing:
tests/hostile/test_hostile_servers.py.
"""

from __future__ import annotations

import asyncio
import gzip
import re
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from cashfree_oneclick import (
    AsyncOneClickClient,
    DeadlineExceededError,
    MalformedResponseError,
    OneClickClient,
    RateLimitedError,
    RetryPolicy,
    ServerError,
    Settings,
    UndocumentedStatusError,
    resolve,
)
from cashfree_oneclick.bounded import BoundedClient
from cashfree_oneclick.deadline import DeadlineBackend
from tests.support.client import APP_SECRET, GENERAL_SECRET, SECRETS, Answer, Script, Twin, success

ONCE = RetryPolicy(max_attempts=1)
SMALL = 2048  # max_response_bytes of these tests


def deep(levels: int) -> bytes:
    return b"[" * levels + b"]" * levels


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (Answer(200, b"{" + b'"a": "' + b"x" * SMALL + b'"}'), "exceeds the limit of 2048 bytes"),
        (Answer(200, deep(100_000)), "exceeds the limit"),
        (Answer(200, deep(100)), "nests deeper than 64 levels"),
        (Answer(200, b'{"reference_id": NaN}'), "NaN is not JSON"),
        (Answer(200, b"\xef\xbb\xbf{}"), "byte order mark"),
    ],
    ids=["large", "very-deep", "deep", "nan", "bom"],
)
def test_an_answer_past_a_limit_is_malformed_naming_it(twin: Twin, answer: Answer, reason: str) -> None:
    limit = 10_000_000 if answer.body == deep(100) else SMALL
    error = twin.error(Script(answer), "data_availability", retry=ONCE, max_response_bytes=limit)

    assert type(error) is MalformedResponseError
    assert reason in str(error)
    assert error.response is not None
    assert len(error.response.content) <= limit


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (gzip.compress(b" " * 1_000_000), "exceeds the limit of 2048 bytes (decompressed)"),
        (b"not gzip at all", "does not decode as its content-encoding says"),
    ],
    ids=["gzip-bomb", "bad-gzip"],
)
def test_a_compressed_body_is_capped_after_decompression(body: bytes, reason: str) -> None:
    """Streamed (not read in memory by the mock), so the bounded client decodes it piece by piece."""

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-encoding": "gzip"}, stream=_Stream(iter([body])))

    with (
        OneClickClient(_settings(), httpx_transport=httpx.MockTransport(handler)) as client,
        pytest.raises(MalformedResponseError, match=re.escape(reason)),
    ):
        client.data_availability("vid-1", "9876543210")


def test_the_size_cap_is_not_retried_and_counts_each_attempt_once(twin: Twin) -> None:
    script = Script(Answer(200, b"[" + b"1," * SMALL + b"1]"))
    twin.error(script, "data_availability", max_response_bytes=SMALL)

    assert len(script.requests) == 1


def test_a_5xx_past_a_limit_is_still_a_server_error_and_an_unknown_status_undocumented(twin: Twin) -> None:
    server = twin.error(Script(Answer(502, deep(1000))), "data_availability", retry=ONCE)
    unknown = twin.error(Script(Answer(404, deep(1000))), "data_availability", retry=ONCE)

    assert type(server) is ServerError
    assert server.status == 502
    assert type(unknown) is UndocumentedStatusError
    assert unknown.status == 404


def test_a_redirect_to_another_origin_is_not_followed(twin: Twin) -> None:
    script = Script(
        Answer(307, b"", {"location": "http://127.0.0.2:9/steal?secret=x"}), success("data_availability")
    )
    error = twin.error(script, "data_availability", retry=ONCE)

    assert type(error) is UndocumentedStatusError
    assert error.status == 307
    assert "redirect to http://127.0.0.2:9, not followed" in str(error)
    assert "steal" not in str(error)
    assert [request.url.host for request in script.requests] == ["cashfree.test"]


def test_a_vendor_message_echoing_the_secret_is_masked(twin: Twin) -> None:
    body = {
        "type": "authentication_error",
        "code": f"bad_{APP_SECRET}",
        "message": f"pair {GENERAL_SECRET} wrong",
    }
    error = twin.error(Script(Answer(401, body)), "data_availability", retry=ONCE)

    for text in (str(error), repr(error), error.message, str(error.code)):
        assert not any(secret in text for secret in SECRETS)
    assert "wrong" in error.message


def test_retry_after_is_the_capped_value(twin: Twin) -> None:
    policy = RetryPolicy(max_attempts=1, max_server_wait=5.0)
    error = twin.error(Script(Answer(429, {}, {"retry-after": "86400"})), "data_availability", retry=policy)

    assert isinstance(error, RateLimitedError)
    assert error.retry_after == 5.0


@pytest.mark.parametrize(
    "url", ["http://api.example.com/verification", "http://10.0.0.7/verification", "http://cashfree.com."]
)
def test_plain_http_to_a_remote_host_is_refused_with_credentials(url: str) -> None:
    options: dict[str, Any] = {"app_client_id": "a", "app_client_secret": APP_SECRET, "environ": {}}
    with pytest.raises(ValueError, match="allow_insecure_http=True"):
        resolve(base_url=url, **options)

    assert resolve(base_url=url, allow_insecure_http=True, **options).allow_insecure_http
    assert resolve(base_url=url, environ={}).app_pair is None  # no credentials: nothing to protect


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.2:8080/v", "http://[::1]:80/v", "http://localhost:1/v", "https://api.example.com/v"],
)
def test_loopback_and_https_are_accepted(url: str) -> None:
    assert resolve(base_url=url, app_client_id="a", app_client_secret=APP_SECRET, environ={}).base_url == url


def test_a_body_still_arriving_at_the_deadline_raises_the_timeout_error() -> None:
    def drip() -> Iterator[bytes]:
        yield b'{"a": "'
        while True:
            time.sleep(0.05)
            yield b"x"

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, stream=_Stream(drip()))

    started = time.monotonic()
    with (
        OneClickClient(_settings(deadline=0.4), httpx_transport=httpx.MockTransport(handler)) as client,
        pytest.raises(DeadlineExceededError, match=re.escape("deadline of 0.4 s")),
    ):
        client.data_availability("vid-1", "9876543210")
    # One drip (0.05 s) past the deadline at most; the bound leaves room for a loaded machine.
    assert time.monotonic() - started < 1.5


def _settings(**options: Any) -> Settings:
    return resolve(
        base_url="http://cashfree.test/verification", general_client_id="g",
        general_client_secret=GENERAL_SECRET, max_response_bytes=SMALL, environ={}, **options,
    )  # fmt: skip


class _Stream(httpx.SyncByteStream):
    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks

    def __iter__(self) -> Iterator[bytes]:
        return self._chunks


def test_the_async_client_keeps_the_deadline_over_a_dripping_body() -> None:
    class Drip(httpx.AsyncByteStream):
        async def __aiter__(self) -> AsyncIterator[bytes]:
            yield b'{"a": "'
            while True:
                await asyncio.sleep(0.05)
                yield b"x"

    async def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, stream=Drip())

    async def call() -> None:
        transport = httpx.MockTransport(handler)
        async with AsyncOneClickClient(_settings(deadline=0.4), httpx_transport=transport) as client:
            await client.data_availability("vid-1", "9876543210")

    started = time.monotonic()
    with pytest.raises(DeadlineExceededError, match=re.escape("deadline of 0.4 s")):
        asyncio.run(call())
    assert time.monotonic() - started < 1.5


def test_every_socket_of_the_sync_client_keeps_the_deadline_also_through_a_proxy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """httpcore's backend is wrapped under the client's own transport and under each proxy mounted
    from the environment; a transport of the caller's (no httpcore sockets) is left as it is."""
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    with BoundedClient(max_bytes=SMALL, max_depth=64) as client:
        pools = [client._transport, *client._mounts.values()]
        backends = [getattr(getattr(t, "_pool", None), "_network_backend", None) for t in pools]
    assert len(backends) >= 2  # the direct transport and the proxy's
    assert all(isinstance(backend, DeadlineBackend) for backend in backends)

    mock = httpx.MockTransport(lambda request: httpx.Response(200))
    with BoundedClient(max_bytes=SMALL, max_depth=64, transport=mock) as client:
        assert client._transport is mock
