"""Benchmark: what the hand-written client layer costs per call, over the bare generated operation.

Fetch User Details on the in-process fake (no network, no uvicorn: the ASGI app itself), measured in one
run through ``OneClickClient`` / ``AsyncOneClickClient`` and through the generated
``vrs_user_vault_fetch_details_from_access_token`` with a generated ``AuthenticatedClient`` on the same
transport. Both sides parse the same body into the same model; the difference is the layer: argument
checks, the credential router, the response hook, tenacity's loop and the interpretation of the answer.
``httpx.ASGITransport`` only serves an ``AsyncClient``, so the sync side runs the app through the
fake's ``SyncASGITransport`` (``cashfree_oneclick.fake.transport``) on one reused event loop.
Prints microseconds per call, best of the repeats.

    python -m benchmarks.client_overhead [--calls N] [--repeat R]
"""

from __future__ import annotations

import argparse
import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from cashfree_oneclick_generated import AuthenticatedClient
from cashfree_oneclick_generated.api.one_click import (
    vrs_user_vault_fetch_details_from_access_token as details_api,
)
from cashfree_oneclick_generated.models import FetchDetailsResponseSchema

from cashfree_oneclick import AsyncOneClickClient, OneClickClient
from cashfree_oneclick.fake import (
    TEST_APP_CLIENT_ID,
    TEST_APP_CLIENT_SECRET,
    TEST_GENERAL_CLIENT_ID,
    TEST_GENERAL_CLIENT_SECRET,
    FakeCashfree,
    create_app,
)
from cashfree_oneclick.fake.transport import SyncASGITransport, async_transport
from cashfree_oneclick.version import API_VERSION

BASE_URL = "http://fake.test/verification"  # a reserved name (RFC 2606): plain http allowed
MOBILE = "9876543210"


def sync_transport(app: FakeCashfree, loop: asyncio.AbstractEventLoop) -> SyncASGITransport:
    """The fake's own in-process transport, each exchange run on ``loop`` (no loop set up per call)."""
    return SyncASGITransport(app, run=loop.run_until_complete)


def access_token(app: FakeCashfree, loop: asyncio.AbstractEventLoop) -> str:
    """Session, consent and token on the app, as the client would get them."""
    with (
        OneClickClient(httpx_transport=sync_transport(app, loop), **settings()) as cf,
        httpx.Client(transport=sync_transport(app, loop), base_url=BASE_URL) as sdk,  # the consent stand-in
    ):
        session = cf.initiate_session("bench-vid", MOBILE)
        consent = sdk.post(f"/__fake__/sessions/{session.session_id}/consent", json={"decision": "GRANTED"})
        token = cf.generate_token(consent.json()["auth_code"])
    return str(token.access_token)


def settings() -> dict[str, Any]:
    return {
        "base_url": BASE_URL,
        "app_client_id": TEST_APP_CLIENT_ID,
        "app_client_secret": TEST_APP_CLIENT_SECRET,
        "general_client_id": TEST_GENERAL_CLIENT_ID,
        "general_client_secret": TEST_GENERAL_CLIENT_SECRET,
        "environ": {},
    }


def best_sync(sides: tuple[Callable[[], object], ...], calls: int, repeat: int) -> list[float]:
    """Microseconds per call of each side, the best of ``repeat`` runs of ``calls`` calls.

    The sides take turns within each repeat, so a slow moment of the machine hits them alike.
    """
    best = [float("inf")] * len(sides)
    for _ in range(repeat):
        for index, call in enumerate(sides):
            started = time.perf_counter()
            for _ in range(calls):
                call()
            best[index] = min(best[index], time.perf_counter() - started)
    return [seconds / calls * 1e6 for seconds in best]


async def best_async(
    sides: tuple[Callable[[], Awaitable[object]], ...], calls: int, repeat: int
) -> list[float]:
    best = [float("inf")] * len(sides)
    for _ in range(repeat):
        for index, call in enumerate(sides):
            started = time.perf_counter()
            for _ in range(calls):
                await call()
            best[index] = min(best[index], time.perf_counter() - started)
    return [seconds / calls * 1e6 for seconds in best]


def measure_sync(
    app: FakeCashfree, token: str, calls: int, repeat: int, loop: asyncio.AbstractEventLoop
) -> tuple[float, float]:
    bare = AuthenticatedClient(
        base_url=BASE_URL, token=token, httpx_args={"transport": sync_transport(app, loop)}
    )
    with OneClickClient(httpx_transport=sync_transport(app, loop), **settings()) as cf, bare:

        def generated() -> FetchDetailsResponseSchema:
            parsed = details_api.sync_detailed(client=bare, x_api_version=API_VERSION).parsed
            assert isinstance(parsed, FetchDetailsResponseSchema)
            return parsed

        assert cf.fetch_user_details(token).to_dict() == generated().to_dict(), "both sides must agree"
        bare_us, client_us = best_sync((generated, lambda: cf.fetch_user_details(token)), calls, repeat)
        return bare_us, client_us


async def measure_async(app: FakeCashfree, token: str, calls: int, repeat: int) -> tuple[float, float]:
    transport = async_transport(app)
    bare = AuthenticatedClient(base_url=BASE_URL, token=token, httpx_args={"transport": transport})
    async with AsyncOneClickClient(httpx_transport=transport, **settings()) as cf, bare:

        async def generated() -> FetchDetailsResponseSchema:
            parsed = (await details_api.asyncio_detailed(client=bare, x_api_version=API_VERSION)).parsed
            assert isinstance(parsed, FetchDetailsResponseSchema)
            return parsed

        assert (await cf.fetch_user_details(token)).to_dict() == (await generated()).to_dict()
        bare_us, client_us = await best_async(
            (generated, lambda: cf.fetch_user_details(token)), calls, repeat
        )
        return bare_us, client_us


def report(label: str, bare_us: float, client_us: float) -> None:
    overhead = client_us - bare_us
    print(f"  {label}")
    print(f"    generated operation          {bare_us:8.1f} us/call")
    print(f"    cashfree_oneclick client     {client_us:8.1f} us/call")
    print(f"    overhead                     {overhead:8.1f} us/call ({overhead / bare_us * 100:+.1f} %)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--calls", type=int, default=500, help="calls per repeat")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)

    app = create_app()
    loop = asyncio.new_event_loop()
    try:
        token = access_token(app, loop)
        sync_bare, sync_client = measure_sync(app, token, args.calls, args.repeat, loop)
    finally:
        loop.close()
    async_bare, async_client = asyncio.run(measure_async(app, token, args.calls, args.repeat))
    print(
        f"fetch_user_details on the in-process fake (11 scopes); best of {args.repeat} x {args.calls} calls"
    )
    report("sync  (OneClickClient vs sync_detailed)", sync_bare, sync_client)
    report("async (AsyncOneClickClient vs asyncio_detailed)", async_bare, async_client)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
