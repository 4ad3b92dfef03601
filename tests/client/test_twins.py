"""The sync and async clients are twins: the same scenario gives the same result, requests and waits.

Each scenario runs on ``OneClickClient`` and on ``AsyncOneClickClient`` through the ``Twin`` adapter
(MockTransport, recording sleep); the outcomes (model or error with every field), the requests sent
and the waits asked for must be equal. Then what is proper to the async client: its waits go through
the injected async sleep, the default (``asyncio.sleep``) leaves the event loop free, and concurrent
calls never mix access tokens.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from cashfree_oneclick import AsyncOneClickClient, CashfreeError, OneClickClient, RetryPolicy
from tests.support.client import (
    AUTH_CODE,
    MOBILE,
    SUCCESS,
    Answer,
    Script,
    Step,
    Twin,
    make_settings,
    success,
    vendor_error,
)

NO_JITTER = RetryPolicy(max_attempts=3, max_total_seconds=100, random=lambda: 1.0)
HEADERS = ("x-client-id", "x-client-secret", "authorization", "x-api-version", "content-type")

SCENARIOS: dict[str, tuple[str, tuple[Step, ...]]] = {
    "availability ok": ("data_availability", (success("data_availability"),)),
    "session ok": ("initiate_session", (success("initiate_session"),)),
    "token ok": ("generate_token", (success("generate_token"),)),
    "details ok": ("fetch_user_details", (success("fetch_user_details"),)),
    "400": ("generate_token", (vendor_error(400, "auth_code_value_invalid", ref_id=7),)),
    "401": ("initiate_session", (vendor_error(401, "authentication_failed"),)),
    "403": ("data_availability", (vendor_error(403, "ip_validation_failed"),)),
    "422": ("data_availability", (vendor_error(422, "insufficient_balance"),)),
    "429 then ok": (
        "fetch_user_details",
        (vendor_error(429, "x", headers={"Retry-After": "3"}), success("fetch_user_details")),
    ),
    "429 forever": ("data_availability", (vendor_error(429, "x", headers={"X-RateLimit-Reset": "2"}),)),
    "500 forever": ("generate_token", (vendor_error(500, "verification_failed"),)),
    "html 502": ("data_availability", (Answer(502, b"<html/>"),)),
    "418": ("fetch_user_details", (Answer(418, {"code": "teapot"}),)),
    "malformed": ("initiate_session", (Answer(200, b"[]"),)),
    "connect error": ("generate_token", (httpx.ConnectError,)),
    "timeout then 409": (
        "initiate_session",
        (httpx.ReadTimeout, vendor_error(409, "verification_id_already_exists")),
    ),
    "connect error then 409": (
        "initiate_session",
        (httpx.ConnectError, vendor_error(409, "verification_id_already_exists")),
    ),
}  # fmt: skip


def outcome(twin: Twin, method: str, steps: tuple[Step, ...]) -> dict[str, Any]:
    """Everything observable of one call: its result or error, the requests, the waits."""
    script = Script(*steps)
    try:
        result: Any = twin.call(script, method, retry=NO_JITTER).to_dict()
    except CashfreeError as error:
        result = {
            "class": type(error).__name__,
            "fields": (error.status, error.type, error.code, error.message, error.ref_id, error.request_id),
            "attempts": error.attempts,
            "retry_after": getattr(error, "retry_after", None),
            "response": None if error.response is None else error.response.status_code,
            "text": (str(error), repr(error)),
        }
    requests = [
        (r.method, r.url.path, {h: r.headers.get(h) for h in HEADERS}, r.content) for r in script.requests
    ]
    return {"result": result, "requests": requests, "sleeps": twin.sleeps}


@pytest.mark.parametrize(("method", "steps"), SCENARIOS.values(), ids=SCENARIOS.keys())
def test_both_clients_give_the_same_outcome(method: str, steps: tuple[Step, ...]) -> None:
    sync = outcome(Twin("sync"), method, steps)
    asynchronous = outcome(Twin("async"), method, steps)

    assert asynchronous == sync
    assert sync["requests"], "the scenario sent nothing"


def test_both_clients_have_the_same_methods() -> None:
    def public(cls: type) -> set[str]:
        return {name for name in vars(cls) if not name.startswith("_") and callable(getattr(cls, name))}

    assert public(OneClickClient) - {"close"} == public(AsyncOneClickClient) - {"aclose"}


def test_the_async_client_awaits_the_injected_sleep() -> None:
    twin = Twin("async")
    steps = (vendor_error(429, "x", headers={"Retry-After": "100"}), success("generate_token"))
    twin.call(Script(*steps), "generate_token", retry=RetryPolicy(max_total_seconds=1000))

    # 100 s were asked for and the test did not wait them: the injected sleep was awaited instead
    assert twin.sleeps == [60.0]  # capped at max_server_wait


def test_the_default_async_sleep_leaves_the_event_loop_free() -> None:
    async def scenario() -> list[int]:
        ticks = 0
        ticks_at_request: list[int] = []

        async def ticker() -> None:
            nonlocal ticks
            while True:
                await asyncio.sleep(0.01)
                ticks += 1

        def handler(request: httpx.Request) -> httpx.Response:
            ticks_at_request.append(ticks)
            if len(ticks_at_request) == 1:
                return vendor_error(429, "x", headers={"X-RateLimit-Reset": "0.2"}).response()
            return success("generate_token").response()

        task = asyncio.create_task(ticker())
        settings = make_settings(retry=RetryPolicy(max_total_seconds=10))
        async with AsyncOneClickClient(settings, httpx_transport=httpx.MockTransport(handler)) as client:
            token = await client.generate_token(AUTH_CODE)  # default sleep: asyncio.sleep
        task.cancel()
        assert token.access_token == SUCCESS["generate_token"]["access_token"]
        return ticks_at_request

    ticks_at_request = asyncio.run(scenario())

    assert len(ticks_at_request) == 2
    # ~20 ticks of 10 ms fit in the 0.2 s wait; a blocking sleep would have allowed none
    assert ticks_at_request[1] - ticks_at_request[0] >= 5


def echo_token(request: httpx.Request) -> httpx.Response:
    """A user-details answer whose verification_id is the bearer token the request carried."""
    token = request.headers["authorization"].removeprefix("Bearer ")
    return httpx.Response(200, json={**SUCCESS["fetch_user_details"], "verification_id": token})


def test_concurrent_async_calls_never_mix_access_tokens() -> None:
    async def answer(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(0)  # let the other calls interleave
        return echo_token(request)

    async def scenario() -> list[tuple[str, Any]]:
        tokens = [f"token-{n:02d}-{MOBILE}" for n in range(20)]
        async with AsyncOneClickClient(
            make_settings(), httpx_transport=httpx.MockTransport(answer)
        ) as client:
            details = await asyncio.gather(*(client.fetch_user_details(t) for t in tokens))
        return [(token, d.verification_id) for token, d in zip(tokens, details, strict=True)]

    pairs = asyncio.run(scenario())

    assert all(token == echoed for token, echoed in pairs)


def test_threads_sharing_a_sync_client_never_mix_access_tokens() -> None:
    tokens = [f"token-{n:02d}" for n in range(20)]
    with (
        OneClickClient(make_settings(), httpx_transport=httpx.MockTransport(echo_token)) as client,
        ThreadPoolExecutor(max_workers=8) as pool,
    ):
        details = list(pool.map(client.fetch_user_details, tokens))

    assert [d.verification_id for d in details] == tokens
