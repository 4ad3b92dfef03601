"""The tenant routes of the admin API: ``POST /__fake__/tenants`` and ``DELETE /__fake__/tenants/{id}``.

Creating a tenant answers 201 with its id, its key (shown once: the store keeps only its digest) and
its two credential pairs; the admin token may create one, and so may anyone while no admin token is
set (a tenant's key may not: a tenant makes no tenants). Deleting one removes everything it held;
the admin token (or anyone while none is set) deletes any, idempotently (200, ``existed`` says
whether there was one), a key its own tenant only (any other id answers 404). Described in
openapi/fake/admin.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from cashfree_oneclick.fake.errors import VendorError
from cashfree_oneclick.fake.handlers import Request
from cashfree_oneclick.fake.state import CapReachedError
from cashfree_oneclick.fake.tenancy import new_tenant
from cashfree_oneclick.fake.tenant_gate import tenant_not_found
from cashfree_oneclick.fake.world import Worlds
from cashfree_oneclick.redaction import REDACTOR


@dataclass(frozen=True)
class Answer:
    """A handler's answer with a status of its own (the gate answers 200 to a plain body)."""

    status: int
    body: dict[str, Any]


TENANT_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
TenantHandler = Callable[[Request], Awaitable[Answer | dict[str, Any]]]


def cap_refused(error: CapReachedError) -> VendorError:
    """A tenant's cap in the vendor's error shape: 429, for a quota of the caller's own."""
    return VendorError(429, "rate_limit_error", "tenant_cap_reached", str(error))


def tenant_handlers(worlds: Worlds, max_tenants: int) -> dict[str, TenantHandler]:
    root = worlds.root

    async def create(request: Request) -> Answer:
        if not request.admin:
            raise VendorError(
                403, "validation_error", "tenant_key_cannot_create", "only the admin token creates tenants."
            )
        tenant = new_tenant()
        record = tenant.record
        try:
            await root.create_tenant(record, max_tenants)
        except CapReachedError as error:
            raise cap_refused(error) from None
        REDACTOR.add_known(tenant.key, record.app_client_secret, record.general_client_secret)
        return Answer(
            201,
            {
                "tenant": record.tenant_id,
                "key": tenant.key,
                "app": {"client_id": record.app_client_id, "client_secret": record.app_client_secret},
                "general": {
                    "client_id": record.general_client_id,
                    "client_secret": record.general_client_secret,
                },
            },
        )

    async def delete(request: Request) -> dict[str, Any]:
        tenant_id = request.path_params["tenant_id"]
        if not TENANT_ID.fullmatch(tenant_id):  # the path parameter's documented pattern
            raise VendorError(
                400, "validation_error", "tenant_id_value_invalid", "tenant_id should be valid."
            )
        if not request.admin and tenant_id != request.tenant:
            raise tenant_not_found()  # a key reaches its own tenant only
        existed = await root.delete_tenant(tenant_id)
        worlds.drop(tenant_id)
        return {"deleted": tenant_id, "existed": existed}

    return {"FakeCreateTenant": create, "FakeDeleteTenant": delete}
