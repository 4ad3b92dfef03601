"""Whose world a request is in, and who may drive the admin API.

- An API call with an apiKey pair belongs to the tenant whose pair it is: the configured pairs (the
  default tenant) are compared first, in constant time as before; a pair of a created tenant is looked
  up in the registry by its client id and its secret compared in constant time too.
- User details belongs to the tenant its token names (the signed ``ten`` claim; none: the default).
- An admin call (every route under ``/__fake__/``, the consent step included; not the identity
  ``GET /__fake__/info``, answered before the gate) carries ``Authorization: Bearer`` with the admin
  token (any tenant, named by ``X-Fake-Tenant``, else the default one) or a tenant's key (that tenant
  only: another one named answers 404). Without an admin token configured, a call without the header
  may do what the admin token could, as anyone could before tenants existed (a CI job keeps to its
  tenant by its key); a bearer that is neither is refused (401).

Nothing here logs a credential; the admin token is compared with ``hmac.compare_digest``, a key by
the registry's lookup of its SHA-256 digest (timing tells nothing of a preimage).
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from dataclasses import dataclass

from cashfree_oneclick.fake.errors import VendorError
from cashfree_oneclick.fake.spec import Operation
from cashfree_oneclick.fake.state import DEFAULT_TENANT
from cashfree_oneclick.fake.tenancy import APP_PAIR, GENERAL_PAIR, RootStore, key_digest
from cashfree_oneclick.fake.tokens import InvalidTokenError, TokenService

ADMIN_PREFIX = "/__fake__/"
TENANT_HEADER = "x-fake-tenant"
GENERAL_PAIR_OPERATIONS = frozenset({"VrsUserVaultDataAvailability"})


@dataclass(frozen=True)
class Caller:
    tenant: str = DEFAULT_TENANT
    authenticated: bool = False  # an apiKey pair that matched (the credentials step decides on it)
    admin: bool = False  # carried the admin token
    key: bool = False  # carried a tenant's key


DEFAULT_CALLER = Caller()


def admin_refused(code: str, message: str) -> VendorError:
    return VendorError(401, "authentication_error", code, message)


def tenant_not_found() -> VendorError:
    return VendorError(404, "validation_error", "tenant_not_found", "no such tenant on this fake.")


MISSING = admin_refused(
    "admin_token_missing",
    "this fake's admin API needs Authorization: Bearer with the admin token or a tenant's key.",
)
INVALID = admin_refused("admin_token_invalid", "the admin token or tenant key is not valid.")


class TenantGate:
    def __init__(self, root: RootStore, tokens: TokenService, admin_token: str | None) -> None:
        self._root = root
        self._tokens = tokens
        self._admin_token = admin_token.encode() if admin_token else None

    @property
    def guarded(self) -> bool:
        """An admin token is set: the admin API answers its owners only."""
        return self._admin_token is not None

    async def caller(
        self, operation: Operation, headers: Mapping[str, str], pairs: Mapping[str, str]
    ) -> Caller:
        """Who ``operation``'s request is for (``pairs``: the default tenant's, id -> secret)."""
        if operation.path.startswith(ADMIN_PREFIX):
            return await self._admin(headers)
        if operation.security == "api_key":
            return await self._api_key(operation, headers, pairs)
        if operation.security == "bearer":
            return self.token_caller(headers)
        return DEFAULT_CALLER

    def token_caller(self, headers: Mapping[str, str]) -> Caller:
        """The caller of user details: the tenant its token names (none, or not ours: the default)."""
        tenant = self._token_tenant(headers)
        return DEFAULT_CALLER if tenant == DEFAULT_TENANT else Caller(tenant)

    async def _api_key(
        self, operation: Operation, headers: Mapping[str, str], pairs: Mapping[str, str]
    ) -> Caller:
        client_id = headers.get("x-client-id")
        secret = headers.get("x-client-secret")
        if not client_id or not secret:
            return Caller()
        # Compare against every pair, in constant time, so timing tells nothing about which part was wrong.
        matched = False
        for known_id, known_secret in pairs.items():
            id_ok = hmac.compare_digest(client_id.encode(), known_id.encode())
            secret_ok = hmac.compare_digest(secret.encode(), known_secret.encode())
            matched |= id_ok & secret_ok
        if matched:
            return Caller(authenticated=True)
        record = await self._root.tenant_for_client(client_id)
        if record is None:
            return Caller()
        kind, known = record.pairs()[client_id]
        wanted = GENERAL_PAIR if operation.operation_id in GENERAL_PAIR_OPERATIONS else APP_PAIR
        if hmac.compare_digest(secret.encode(), known.encode()) and kind == wanted:
            return Caller(record.tenant_id, authenticated=True)
        return Caller()

    def _token_tenant(self, headers: Mapping[str, str]) -> str:
        scheme, _, token = headers.get("authorization", "").strip().partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return DEFAULT_TENANT
        try:
            return self._tokens.claims(token.strip()).tenant
        except InvalidTokenError:
            return DEFAULT_TENANT  # the flow refuses it, in the default tenant's world

    async def _admin(self, headers: Mapping[str, str]) -> Caller:
        authorization = headers.get("authorization")
        named = headers.get(TENANT_HEADER)
        if authorization is None:
            if self._admin_token is not None:
                raise MISSING
            # No admin token set: the admin API answers anyone, as before tenants existed.
            return Caller(named or DEFAULT_TENANT, authenticated=True, admin=True)
        scheme, _, credential = authorization.strip().partition(" ")
        credential = credential.strip()
        if scheme.lower() != "bearer" or not credential:
            raise INVALID
        if self._admin_token is not None and hmac.compare_digest(credential.encode(), self._admin_token):
            return Caller(named or DEFAULT_TENANT, authenticated=True, admin=True)
        tenant_id = await self._root.tenant_for_key(key_digest(credential))
        if tenant_id is None:
            raise INVALID
        if named is not None and named != tenant_id:
            raise tenant_not_found()  # a key reaches its own tenant only
        return Caller(tenant_id, authenticated=True, key=True)
