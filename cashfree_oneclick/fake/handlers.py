"""The flow itself: what each operation does once its request has passed validation.

data availability -> session -> consent (fake only) -> generate-token -> user-details, with the state
the vendor documents: a session valid one hour, a single-use short-lived auth code, a signed access
token valid one hour bound to the session and the granted scopes, and user details that return
exactly those scopes.
"""

from __future__ import annotations

import json
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from cashfree_oneclick.fake.config import FakeConfig
from cashfree_oneclick.fake.errors import VendorError, documented
from cashfree_oneclick.fake.magic import MAGIC_NUMBERS
from cashfree_oneclick.fake.people import person_for
from cashfree_oneclick.fake.personas import People
from cashfree_oneclick.fake.records import ALL_SCOPES, user_details
from cashfree_oneclick.fake.spec import Operation
from cashfree_oneclick.fake.state import DEFAULT_TENANT, Consent, StateStore
from cashfree_oneclick.fake.tokens import InvalidTokenError, TokenService


@dataclass(frozen=True)
class Request:
    operation: Operation
    headers: dict[str, str]
    body: Any
    path_params: dict[str, str]
    client_ip: str
    now: float  # the fake's time for this request: its clock plus the store's offset
    tenant: str = DEFAULT_TENANT  # whose world this request is in (tenancy.py)
    admin: bool = False  # carried the admin token (may name any tenant)


def _offered(requested: list[str] | None, available: tuple[str, ...], granted: tuple[str, ...]) -> None:
    """A grant names only scopes the consent screen offered: those data availability reports.

    The vendor's SDK shows the user the scopes it holds data for, and user details return "the
    consented scopes"; a grant of a scope the vendor has no data for cannot happen there, and a grant
    of nothing would succeed only to return nothing. Both are refused, naming what was on offer,
    before anything is recorded (the session can still be consented to).
    """
    missing = [scope for scope in requested or () if scope not in available]
    if not missing and granted:
        return
    offered = ", ".join(available) or "none"
    asked = f"{', '.join(missing)} not available" if missing else "none granted"
    raise VendorError(
        422,
        "validation_error",
        "scopes_not_available",
        f"scopes should be among those available for this user ({offered}): {asked}.",
    )


def expiry_text(timestamp: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(timestamp))


class Flow:
    def __init__(
        self, config: FakeConfig, state: StateStore, tokens: TokenService, people: People | None = None
    ):
        self.config = config
        self.state = state
        self.tokens = tokens
        self.people = people or People(state)  # the persona behind each mobile number (personas.py)
        # user-details answers are the same for the life of a token: serialised once, served from here.
        self._details_cache: OrderedDict[str, bytes] = OrderedDict()
        self._cache_epoch = state.epoch

    async def _claim(self, request: Request, namespace: str, verification_id: str) -> None:
        if not await self.state.claim_verification_id(namespace, verification_id):
            raise documented(
                request.operation, "verification_id_already_exists", 409, "verification ID already exists"
            )

    async def data_availability(self, request: Request) -> dict[str, Any]:
        body = request.body
        await self._claim(request, "data-availability", body["verification_id"])
        users = [
            {"identifier_type": u["identifier_type"], "identifier_value": u["identifier_value"]}
            for u in body["user"]
        ]
        return {
            "reference_id": await self.state.next_reference_id(),
            "verification_id": body["verification_id"],
            "user": users,
            "available_scopes": [
                {"scope": scope}
                for scope in (await self.people.for_mobile(users[0]["identifier_value"])).available_scopes
            ],
        }

    async def initiate_session(self, request: Request) -> dict[str, Any]:
        body = request.body
        await self._claim(request, "session", body["verification_id"])
        user = body["user"]
        session = await self.state.create_session(
            body["verification_id"], user["identifier_value"], request.now
        )
        echoed = {"identifier_type": user["identifier_type"], "identifier_value": user["identifier_value"]}
        return {
            "verification_id": session.verification_id,
            "reference_id": session.reference_id,
            "expiry": expiry_text(session.expires_at),
            "session_id": session.session_id,
            # Quirks mode: the vendor's own example sends `user` as a list (DEV-001).
            "user": [echoed] if self.config.quirks else echoed,
        }

    async def give_consent(self, request: Request) -> dict[str, Any]:
        session = await self.state.session(request.path_params["session_id"], request.now)
        if session is None:
            raise VendorError(
                404, "validation_error", "session_id_value_invalid", "session_id should be valid."
            )
        decision = Consent(request.body["decision"])
        magic = MAGIC_NUMBERS.get(session.mobile)
        if magic is not None and magic.consent is not None:
            decision = Consent(magic.consent)  # a magic number decides for the user
        requested = request.body.get("scopes")
        available = (await self.people.for_mobile(session.mobile)).available_scopes
        scopes = tuple(s for s in ALL_SCOPES if (requested is None or s in requested) and s in available)
        if decision is Consent.GRANTED:
            _offered(requested, available, scopes)
        decided = await self.state.decide(session.session_id, decision, scopes, request.now)
        if not decided.recorded:  # checked and recorded in one atomic step of the store
            raise VendorError(
                409,
                "validation_error",
                "consent_already_given",
                "consent is already recorded for this session.",
            )
        code = decided.auth_code
        if code is None:
            status = "USER_DROPPED" if decision is Consent.DROPPED else "ERROR"
            return {"verification_id": session.verification_id, "status": status}
        return {"verification_id": session.verification_id, "auth_code": code, "status": "SUCCESS"}

    async def generate_token(self, request: Request) -> dict[str, Any]:
        session = await self.state.redeem(request.body["auth_code"], request.now)
        if session is None:
            raise documented(request.operation, "auth_code_value_invalid", 400, "auth_code should be valid.")
        token, claims = self.tokens.issue(
            session.session_id, session.verification_id, session.scopes, request.now, self.state.tenant_id
        )
        await self.state.add_token(session.session_id, claims.token_id)
        return {
            "verification_id": session.verification_id,
            "reference_id": await self.state.next_reference_id(),
            "expiry": expiry_text(claims.expires_at),
            "access_token": token,
        }

    async def user_details(self, request: Request) -> bytes:
        operation = request.operation
        authorization = request.headers.get("authorization", "").strip()
        scheme, _, token = authorization.partition(" ")
        token = token.strip()
        if not authorization or (scheme.lower() == "bearer" and not token):
            raise documented(
                operation, "access_token_missing", 400, "access_token is missing in the request."
            )
        if self._cache_epoch != self.state.epoch:  # the store was reset, maybe by another worker
            self._details_cache.clear()
            self._cache_epoch = self.state.epoch
        cached = self._details_cache.get(token) if scheme.lower() == "bearer" else None
        try:
            if scheme.lower() != "bearer":
                raise InvalidTokenError("not a bearer credential")
            claims = self.tokens.verify(token, request.now)  # checks expiry on every call, cached or not
            if claims.tenant != self.state.tenant_id:
                raise InvalidTokenError("another tenant's token")
        except InvalidTokenError:
            raise documented(
                operation, "access_token_value_invalid", 400, "access_token should be valid."
            ) from None
        if cached is not None:
            return cached
        session = await self.state.session_for_token(claims.session_id)
        if (
            session is None
            or session.consent is not Consent.GRANTED
            or claims.token_id not in session.token_ids
        ):
            raise documented(operation, "access_token_value_invalid", 400, "access_token should be valid.")
        body = user_details(
            (await self.people.for_mobile(session.mobile)).apply(person_for(session.mobile)),
            claims.scopes,
            session.verification_id,
            session.reference_id,
            self.config.quirks,
        )
        encoded = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
        self._details_cache[token] = encoded
        if len(self._details_cache) > 10_000:
            self._details_cache.popitem(last=False)
        return encoded
