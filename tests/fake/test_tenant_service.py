"""Tenants on the fake as a shared service: two worker processes on one port, a real redis-server,
an admin token. The isolation scenario of issue 20 over fresh connections (every check repeated, so
it lands on both workers); the admin API refused without the token or with a wrong one on every
worker; the default tenant still serves the test credentials.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import httpx
import pytest

from cashfree_oneclick.fake.process import run_fake
from cashfree_oneclick.fake.redis_server import run_redis
from tests.fake.tenant_client import default_tenant
from tests.fake.tenant_scenarios import isolation
from tests.fake.test_redis_service import STARTUP_SECONDS, WORKERS, assert_no_crash, worker_names
from tests.support.fake_bundle import assert_error

pytestmark = [pytest.mark.anyio, pytest.mark.heavy(seconds=5)]

ADMIN_TOKEN = "test-shared-admin-token-42"  # noqa: S105 - a planted test value
ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
REPEATS = 2 * WORKERS


async def test_tenants_on_two_workers(tmp_path: Path) -> None:
    log = tmp_path / "fake.log"
    env = {**os.environ, "CASHFREE_FAKE_ADMIN_TOKEN": ADMIN_TOKEN}
    args = ("--workers", str(WORKERS), "--no-access-log", "--log-level", "info")
    with run_redis(tmp_path) as server:
        fake = run_fake(*args, "--state", server.url, env=env, output=log, startup_seconds=STARTUP_SECONDS)
        with fake as (base_url, _):
            deadline = time.monotonic() + STARTUP_SECONDS
            while log.read_text(errors="replace").count("Application startup complete.") < WORKERS:
                assert time.monotonic() < deadline, log.read_text(errors="replace")
                time.sleep(0.05)
            limits = httpx.Limits(max_connections=10, max_keepalive_connections=0)  # a new one each call
            async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=30.0) as http:
                await isolation(http, ADMIN, repeats=REPEATS)
                for _ in range(REPEATS):
                    assert_error(await http.post("/__fake__/reset"), 401, "admin_token_missing")
                    wrong = {"Authorization": "Bearer not-the-admin-token"}
                    assert_error(
                        await http.get("/__fake__/journal", headers=wrong), 401, "admin_token_invalid"
                    )
                    assert_error(await http.post("/__fake__/tenants"), 401, "admin_token_missing")
                    assert (await http.get("/__fake__/info")).status_code == 200
                    assert (await default_tenant(http).session()).status_code == 200
            assert len(worker_names(server)) == WORKERS, "both workers served"
            assert_no_crash(log)
            assert ADMIN_TOKEN not in log.read_text(errors="replace")
