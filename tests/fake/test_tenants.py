"""Tenants in one fake, in process, on the in-memory store and on a real redis-server.

The isolation scenario of issue 20 (tenant_scenarios.py), with and without an admin token; the admin
API refused without a token or with a wrong one (the identity still answers); a key reaches only its
own tenant; caps answer 429 tenant_cap_reached; an idle tenant expires; the admin token and the keys
never reach a log line or the journal; the fake refuses a non-loopback address without a token.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest

from cashfree_oneclick.fake import FakeCashfree, FakeConfig
from cashfree_oneclick.fake.__main__ import is_loopback
from cashfree_oneclick.fake.__main__ import main as serve_fake
from cashfree_oneclick.fake.state import Caps
from tests.fake.tenant_client import create_tenant, default_tenant
from tests.fake.tenant_scenarios import isolation
from tests.support.fake_bundle import assert_error, assert_matches
from tests.support.fake_flow import FakeClock, in_process

pytestmark = pytest.mark.anyio

ADMIN_TOKEN = "test-admin-token-0123456789"  # noqa: S105 - a planted test value
ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
ADMIN_ROUTES = [
    ("POST", "reset", None),
    ("GET", "clock", None),
    ("POST", "clock/advance", {"seconds": 1}),
    ("POST", "faults", {"operation": "VrsUserVaultOauthInitiation", "status": 500}),
    ("DELETE", "faults", None),
    ("GET", "journal", None),
    ("DELETE", "journal", None),
    ("PUT", "persona", {"persona": "individual"}),
    ("POST", "tenants", None),
    ("DELETE", "tenants/tenant_0123", None),
    ("POST", "sessions/session_x/consent", {"decision": "GRANTED"}),
]


@pytest.fixture(params=["memory", "redis"])
def store(request: pytest.FixtureRequest) -> str:
    return str(request.param)


async def test_isolation_without_an_admin_token(make_app: Callable[..., FakeCashfree]) -> None:
    async with in_process(make_app()) as fake:
        await isolation(fake.http, {})


async def test_isolation_with_an_admin_token(make_app: Callable[..., FakeCashfree]) -> None:
    async with in_process(make_app(FakeConfig(admin_token=ADMIN_TOKEN))) as fake:
        await isolation(fake.http, ADMIN)


async def test_a_created_tenant_matches_the_bundle(make_app: Callable[..., FakeCashfree]) -> None:
    async with in_process(make_app()) as fake:
        response = await fake.http.post("/__fake__/tenants")
        body = assert_matches(response, "FakeCreateTenant", 201)
        assert body["app"]["client_id"] != body["general"]["client_id"]
        gone = await fake.http.delete(
            f"/__fake__/tenants/{body['tenant']}", headers={"Authorization": f"Bearer {body['key']}"}
        )
        assert_matches(gone, "FakeDeleteTenant")


async def test_the_admin_api_needs_the_token(make_app: Callable[..., FakeCashfree]) -> None:
    async with in_process(make_app(FakeConfig(admin_token=ADMIN_TOKEN))) as fake:
        http = fake.http
        info = await http.get("/__fake__/info")
        assert info.status_code == 200, "the identity answers anyone"
        for method, path, body in ADMIN_ROUTES:
            missing = await http.request(method, f"/__fake__/{path}", json=body)
            assert_error(missing, 401, "admin_token_missing")
            for wrong in (f"Bearer {ADMIN_TOKEN}x", "Bearer fake_tenant_key_nope", ADMIN_TOKEN, "Bearer"):
                refused = await http.request(
                    method, f"/__fake__/{path}", json=body, headers={"Authorization": wrong}
                )
                assert_error(refused, 401, "admin_token_invalid")
        assert (
            await http.post("/__fake__/clock/advance", json={"seconds": 5}, headers=ADMIN)
        ).status_code == 200
        assert (await fake.session()).status_code == 200, "the vendor API keeps its own credentials"


async def test_a_key_reaches_its_own_tenant_only(make_app: Callable[..., FakeCashfree]) -> None:
    async with in_process(make_app(FakeConfig(admin_token=ADMIN_TOKEN))) as fake:
        a, _ = await create_tenant(fake.http, ADMIN)
        b, _ = await create_tenant(fake.http, ADMIN)
        named_b = {**a.admin, "X-Fake-Tenant": b.tenant}
        assert_error(await fake.http.get("/__fake__/clock", headers=named_b), 404, "tenant_not_found")
        assert_error(await a.admin_call("POST", "tenants"), 403, "tenant_key_cannot_create")
        # The admin token reaches any tenant, named by X-Fake-Tenant.
        as_b = {**ADMIN, "X-Fake-Tenant": b.tenant}
        moved = await fake.http.post("/__fake__/clock/advance", json={"seconds": 60}, headers=as_b)
        assert moved.json()["offset"] == 60
        assert (await b.admin_call("GET", "clock")).json()["offset"] == 60
        assert (await a.admin_call("GET", "clock")).json()["offset"] == 0
        assert (await fake.http.get("/__fake__/clock", headers=ADMIN)).json()["offset"] == 0
        nowhere = {**ADMIN, "X-Fake-Tenant": "tenant_nowhere"}
        assert_error(await fake.http.get("/__fake__/clock", headers=nowhere), 404, "tenant_not_found")
        first = await fake.http.delete(f"/__fake__/tenants/{a.tenant}", headers=ADMIN)
        again = await fake.http.delete(f"/__fake__/tenants/{a.tenant}", headers=ADMIN)
        assert (first.json(), again.json()) == (
            {"deleted": a.tenant, "existed": True},
            {"deleted": a.tenant, "existed": False},
        ), "a delete is idempotent"
        assert_error(await b.admin_call("DELETE", f"tenants/{a.tenant}"), 404, "tenant_not_found")
        bad = await fake.http.delete("/__fake__/tenants/%C2%84", headers=ADMIN)
        assert_error(bad, 400, "tenant_id_value_invalid")


async def test_without_a_token_anyone_is_the_admin(make_app: Callable[..., FakeCashfree]) -> None:
    """As before tenants existed: no admin token, no guard (a job keeps to its tenant by its key)."""
    async with in_process(make_app()) as fake:
        a, _ = await create_tenant(fake.http)
        b, _ = await create_tenant(fake.http)
        named = {"X-Fake-Tenant": a.tenant}
        assert (
            await fake.http.post("/__fake__/clock/advance", json={"seconds": 9}, headers=named)
        ).status_code == 200
        assert (await a.admin_call("GET", "clock")).json()["offset"] == 9
        assert (await fake.http.get("/__fake__/clock")).json()["offset"] == 0, "the default tenant's"
        assert_error(await a.admin_call("DELETE", f"tenants/{b.tenant}"), 404, "tenant_not_found")
        assert (await fake.http.delete(f"/__fake__/tenants/{b.tenant}")).status_code == 200
        assert_error(await b.admin_call("GET", "clock"), 401, "admin_token_invalid")


async def test_caps_answer_429(make_app: Callable[..., FakeCashfree]) -> None:
    caps = Caps(sessions=2, verification_ids=10, faults=3, personas=1, journal=4)
    async with in_process(make_app(FakeConfig(tenant_caps=caps, max_tenants=1))) as fake:
        a, _ = await create_tenant(fake.http)
        refused = await fake.http.post("/__fake__/tenants")
        assert_error(refused, 429, "tenant_cap_reached", "this tenant already holds its cap of 1 tenants")
        for _ in range(2):
            assert (await a.session()).status_code == 200
        assert_error(await a.session(), 429, "tenant_cap_reached")
        fault = {"operation": "VrsUserVaultDataAvailability", "status": 500, "times": 4}
        assert_error(await a.admin_call("POST", "faults", fault), 429, "tenant_cap_reached")
        assert (
            await a.admin_call("PUT", "persona", {"persona": "business_pan", "mobile": "9999900001"})
        ).status_code == 200
        persona = {"persona": "business_pan", "mobile": "9999900002"}
        assert_error(await a.admin_call("PUT", "persona", persona), 429, "tenant_cap_reached")
        for _ in range(6):
            await a.data_availability()
        assert len(await a.journal_operations()) == 4, "the journal keeps the newest four"
        for _ in range(5):  # the default tenant of a fake without an admin token: unbounded as before
            assert (await default_tenant(fake.http).session()).status_code == 200


async def test_an_idle_tenant_expires(make_app: Callable[..., FakeCashfree], clock: FakeClock) -> None:
    async with in_process(make_app(FakeConfig(tenant_idle_seconds=60))) as fake:
        idle, _ = await create_tenant(fake.http)
        busy, _ = await create_tenant(fake.http)
        for _ in range(3):
            clock.advance(25)
            assert (await busy.session()).status_code == 200
        assert_error(await idle.session(), 401, "authentication_failed")
        assert_error(await idle.admin_call("GET", "clock"), 401, "admin_token_invalid")
        assert (await busy.session()).status_code == 200


async def test_tokens_and_keys_never_logged(
    make_app: Callable[..., FakeCashfree], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with in_process(make_app(FakeConfig(admin_token=ADMIN_TOKEN))) as fake:
        a, created = await create_tenant(fake.http, ADMIN)
        await a.grant()
        await fake.http.get("/__fake__/clock", headers={"Authorization": f"Bearer {ADMIN_TOKEN}wrong"})
        journal = (await a.admin_call("GET", "journal")).text
    planted = [ADMIN_TOKEN, created["key"], created["app"]["client_secret"]]
    for value in planted:
        assert value not in caplog.text
        assert value not in journal


def test_the_fake_refuses_a_public_address_without_a_token(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        serve_fake(["--host", "0.0.0.0", "--port", "1"])  # noqa: S104 - refused before it listens
    assert exited.value.code == 2
    assert "not a loopback address: give --admin-token" in capsys.readouterr().err
    assert [is_loopback(h) for h in ("127.0.0.2", "::1", "localhost", "10.0.0.1", "example.test")] == [
        True,
        True,
        True,
        False,
        False,
    ]


def test_an_admin_token_is_long_enough() -> None:
    with pytest.raises(ValueError, match="at least 16 characters"):
        FakeConfig(admin_token="short")  # noqa: S106 - a planted test value
    assert FakeConfig.from_env({"CASHFREE_FAKE_ADMIN_TOKEN": ADMIN_TOKEN}).admin_token == ADMIN_TOKEN
    assert ADMIN_TOKEN not in repr(FakeConfig(admin_token=ADMIN_TOKEN))
