"""The isolation scenario of issue 20, over any httpx.AsyncClient on the fake (in process or served
by several workers): run by tests/fake/test_tenants.py on both stores and by
tests/fake/test_tenant_service.py on two workers sharing a real redis-server.

``repeats`` calls of each check: with fresh connections on a multi-worker service they land on
whichever worker the kernel picks, so every worker is seen to agree.
"""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from cashfree_oneclick.fake.records import ALL_SCOPES
from tests.fake.tenant_client import TenantClient, create_tenant, default_tenant
from tests.support.fake_bundle import assert_error
from tests.support.fake_flow import new_verification_id

SESSION = "VrsUserVaultOauthInitiation"
HOURS = 3 * 3600


async def same_ids_side_by_side(a: TenantClient, b: TenantClient, others: list[TenantClient]) -> None:
    verification_id = new_verification_id()
    for tenant in (a, b, *others):
        assert (await tenant.session(verification_id)).status_code == 200
        assert (await tenant.data_availability(verification_id)).status_code == 200
    for tenant in (a, b, *others):
        assert_error(await tenant.session(verification_id), 409, "verification_id_already_exists")


async def one_tenant_disturbs_only_itself(a: TenantClient, b: TenantClient, repeats: int) -> None:
    """A travels hours ahead, schedules faults, picks personas and resets; B sees none of it."""
    granted = await b.grant()
    assert (await b.details(granted.access_token)).status_code == 200
    pending = (await b.session()).json()["session_id"]
    b_journal = await b.journal_operations()
    assert SESSION in b_journal, "B journals its own calls"
    assert (await a.admin_call("POST", "clock/advance", {"seconds": HOURS})).status_code == 200
    fault = {"operation": SESSION, "status": 500, "times": 2 * repeats + 2}
    assert (await a.admin_call("POST", "faults", fault)).status_code == 200
    assert (await a.admin_call("PUT", "persona", {"persona": "scopes_missing"})).status_code == 200
    assert_error(await a.session(), 500, "verification_failed")
    scopes = (await a.data_availability()).json()["available_scopes"]
    assert len(scopes) == 3, "A's persona holds three scopes"
    for _ in range(repeats):
        assert (await b.details(granted.access_token)).status_code == 200, "B's token has not expired"
        assert (await b.session()).status_code == 200, "A's faults are A's"
        available = (await b.data_availability()).json()["available_scopes"]
        assert len(available) == len(ALL_SCOPES), "A's persona is A's"
        assert (await b.admin_call("GET", "clock")).json()["offset"] == 0
        assert (await a.admin_call("GET", "clock")).json()["offset"] == HOURS
    assert (await a.admin_call("POST", "reset")).status_code == 200
    assert await a.journal_operations() == []
    for _ in range(repeats):
        assert (await b.details(granted.access_token)).status_code == 200, "A's reset is A's"
    assert (await b.journal_operations())[: len(b_journal)] == b_journal, "B's journal is whole"
    assert (await b.consent(pending)).status_code == 200, "B's session lives on B's clock"


async def nothing_of_anothers(a: TenantClient, b: TenantClient) -> None:
    """A cannot consent on, redeem or delete B's things (and the failed tries spend nothing of B's)."""
    session_id = (await b.session()).json()["session_id"]
    assert_error(await a.consent(session_id), 404, "session_id_value_invalid")
    code = (await b.consent(session_id)).json()["auth_code"]
    assert_error(await a.token(code), 400, "auth_code_value_invalid")
    assert (await b.token(code)).status_code == 200, "A's try did not spend B's code"
    assert_error(await a.admin_call("DELETE", f"tenants/{b.tenant}"), 404, "tenant_not_found")
    assert (await b.admin_call("GET", "clock")).status_code == 200, "B is still there"


async def deleted_tenant_is_refused(a: TenantClient, b: TenantClient, repeats: int) -> None:
    granted = await b.grant()
    deleted = await b.admin_call("DELETE", f"tenants/{b.tenant}")
    assert deleted.status_code == 200, deleted.text
    assert deleted.json() == {"deleted": b.tenant, "existed": True}
    for _ in range(repeats):
        assert_error(await b.session(), 401, "authentication_failed")
        assert_error(await b.data_availability(), 401, "authentication_failed")
        assert_error(await b.details(granted.access_token), 400, "access_token_value_invalid")
        assert_error(await b.admin_call("GET", "clock"), 401, "admin_token_invalid")
        assert (await a.session()).status_code == 200, "A lives on"


async def isolation(http: httpx.AsyncClient, creator: Mapping[str, str], repeats: int = 1) -> None:
    """The whole scenario with two fresh tenants (made with ``creator``'s headers) and the default."""
    a, _ = await create_tenant(http, creator)
    b, _ = await create_tenant(http, creator)
    await same_ids_side_by_side(a, b, [default_tenant(http, creator)])
    await one_tenant_disturbs_only_itself(a, b, repeats)
    await nothing_of_anothers(a, b)
    await deleted_tenant_is_refused(a, b, repeats)
    await a.admin_call("DELETE", f"tenants/{a.tenant}")
