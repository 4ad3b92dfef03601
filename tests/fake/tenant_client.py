"""A tenant's side of the fake, over any httpx.AsyncClient whose base URL ends in /verification.

``TenantClient`` runs the flow with a tenant's own credential pairs and drives its admin calls with
its key (or, for the default tenant, with no credential at all, or with the admin token).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from cashfree_oneclick.version import API_VERSION
from tests.support.fake_flow import (
    APP_HEADERS,
    GENERAL_HEADERS,
    MOBILE,
    FlowClient,
    Granted,
    new_verification_id,
)


@dataclass(frozen=True)
class TenantClient:
    http: httpx.AsyncClient
    app: Mapping[str, str]  # headers of the app pair (x-api-version included)
    general: Mapping[str, str]
    admin: Mapping[str, str]  # Authorization of its admin calls ({} for the default tenant)
    tenant: str = "default"

    @property
    def flow(self) -> FlowClient:
        return FlowClient(self.http)

    async def session(self, verification_id: str | None = None, mobile: str = MOBILE) -> httpx.Response:
        return await self.flow.session(mobile, verification_id or new_verification_id(), self.app)

    async def data_availability(
        self, verification_id: str | None = None, mobile: str = MOBILE
    ) -> httpx.Response:
        return await self.flow.data_availability(mobile, verification_id, self.general)

    async def consent(self, session_id: str, decision: str = "GRANTED") -> httpx.Response:
        return await self.http.post(
            f"/__fake__/sessions/{session_id}/consent", json={"decision": decision}, headers=dict(self.admin)
        )

    async def token(self, auth_code: str) -> httpx.Response:
        return await self.flow.generate_token(auth_code, self.app)

    async def grant(self, mobile: str = MOBILE) -> Granted:
        verification_id = new_verification_id()
        session = await self.session(verification_id, mobile)
        assert session.status_code == 200, session.text
        session_id = session.json()["session_id"]
        consent = await self.consent(session_id)
        assert consent.status_code == 200, consent.text
        token = await self.token(consent.json()["auth_code"])
        assert token.status_code == 200, token.text
        return Granted(verification_id, session_id, consent.json()["auth_code"], token.json()["access_token"])

    async def details(self, access_token: str) -> httpx.Response:
        return await self.flow.user_details(access_token)

    async def admin_call(self, method: str, path: str, body: Any = None) -> httpx.Response:
        return await self.http.request(
            method, f"/__fake__/{path}", json=body, headers=dict(self.admin) if self.admin else None
        )

    async def journal_operations(self) -> list[str]:
        response = await self.admin_call("GET", "journal")
        assert response.status_code == 200, response.text
        return [record["operation"] for record in response.json()["records"]]


def default_tenant(http: httpx.AsyncClient, admin: Mapping[str, str] | None = None) -> TenantClient:
    return TenantClient(http, APP_HEADERS, GENERAL_HEADERS, admin or {})


async def create_tenant(
    http: httpx.AsyncClient, admin: Mapping[str, str] | None = None
) -> tuple[TenantClient, dict[str, Any]]:
    """POST /__fake__/tenants (with ``admin`` headers); the new tenant's client and the answer."""
    response = await http.post("/__fake__/tenants", headers=dict(admin or {}))
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    version = {"x-api-version": API_VERSION}
    app = {
        **version,
        "x-client-id": body["app"]["client_id"],
        "x-client-secret": body["app"]["client_secret"],
    }
    general = {
        **version,
        "x-client-id": body["general"]["client_id"],
        "x-client-secret": body["general"]["client_secret"],
    }
    key = {"Authorization": f"Bearer {body['key']}"}
    return TenantClient(http, app, general, key, body["tenant"]), body
