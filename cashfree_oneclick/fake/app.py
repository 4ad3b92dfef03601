"""The fake as an ASGI application, importable in-process and served by uvicorn.

Every request goes through the same gate, in the order a gateway would apply it: route (404/405),
per-IP and per-operation rate limits (429), fault injection (500/502, latency), credentials (400/401),
IP allowlist (403), headers and body validated against the contract-fake bundle (400, 413), billing
(422), then the flow. Every answer, errors included, is JSON in the vendor's error shape; an
unexpected exception is logged (redacted) and answered as the vendor's documented 500, and a state
store that cannot be reached is answered 503 ``state_store_unavailable`` at once (never a hang).
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import re
import time
from collections.abc import Awaitable, Callable, Mapping
from email.utils import formatdate
from pathlib import Path
from typing import Any

from cashfree_oneclick.fake.admin import admin_handlers
from cashfree_oneclick.fake.admin_tenants import Answer, cap_refused, tenant_handlers
from cashfree_oneclick.fake.body import read_json_body
from cashfree_oneclick.fake.config import FakeConfig
from cashfree_oneclick.fake.controls import CONSENT_OPERATION, CONTROL_HEADER, Controls
from cashfree_oneclick.fake.controls_inprocess import InProcessControls
from cashfree_oneclick.fake.core import FakeCore
from cashfree_oneclick.fake.errors import VendorError, documented, invalid_request
from cashfree_oneclick.fake.handlers import Request
from cashfree_oneclick.fake.info import ADMIN_ROUTES, BASE_PATH
from cashfree_oneclick.fake.journal import Journal
from cashfree_oneclick.fake.magic import magic_error
from cashfree_oneclick.fake.scripted import ScriptedFaults
from cashfree_oneclick.fake.spec import BUNDLE, Operation
from cashfree_oneclick.fake.state import (
    DEFAULT_TENANT,
    CapReachedError,
    JournalEntry,
    StateStore,
    StoreUnavailableError,
    TenantGoneError,
)
from cashfree_oneclick.fake.tenancy import RootStore
from cashfree_oneclick.fake.tenant_gate import (
    GENERAL_PAIR_OPERATIONS,
    INVALID,
    Caller,
    tenant_not_found,
)
from cashfree_oneclick.fake.world import World

__all__ = ["BASE_PATH", "FakeCashfree", "create_app"]
# The vendor's error shape; the code names the state store so nobody mistakes it for the vendor's own.
STORE_UNAVAILABLE = VendorError(
    503,
    "internal_error",
    "state_store_unavailable",
    "the fake's state store is unavailable; retry shortly.",
    headers=(("Retry-After", "1"),),
)
IP_CHECKED_OPERATIONS = frozenset({"VrsUserVaultDataAvailability"})
ACCESS_LOG = logging.getLogger("cashfree_fake.access")
ERROR_LOG = logging.getLogger("cashfree_fake.error")

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
Handler = Callable[[Request], Awaitable["dict[str, Any] | bytes | Answer"]]


class FakeCashfree:
    """The gate and routes over the fake's state (``core.FakeCore``), wired here, in one place: the
    state, the in-process controls over it (``self.controls``), the admin routes over those controls,
    and the flow's routes."""

    def __init__(
        self,
        config: FakeConfig | None = None,
        clock: Callable[[], float] = time.time,
        bundle: Path = BUNDLE,
        store: RootStore | None = None,
    ):
        self.core = core = FakeCore(config, clock, bundle, store)
        self.controls: Controls = InProcessControls(core)
        # The store's clock offset (time travel) as last read: the Date of an answer refused before
        # the store was asked for the time is still the fake's time.
        self._offset = 0.0
        worlds = core.worlds
        # Through the request's tenant's world at call time: a reset replaces its flow (and cache).
        handlers: dict[str, Handler] = {
            "VrsUserVaultDataAvailability": lambda r: worlds.get(r.tenant).flow.data_availability(r),
            "VrsUserVaultOauthInitiation": lambda r: worlds.get(r.tenant).flow.initiate_session(r),
            "FakeGiveConsent": lambda r: worlds.get(r.tenant).flow.give_consent(r),
            "VrsUserVaultOauthGenerateToken": lambda r: worlds.get(r.tenant).flow.generate_token(r),
            "VrsUserVaultFetchDetailsFromAccessToken": lambda r: worlds.get(r.tenant).flow.user_details(r),
        }
        # The admin API under /__fake__/ (admin.py, admin_tenants.py), each call on its tenant.
        admin: dict[str, Handler] = {
            **admin_handlers(self._controls_for),
            **tenant_handlers(worlds, core.config.max_tenants),
        }
        handlers.update(admin)
        self.unjournaled = frozenset(admin)
        missing = set(core.operations) ^ set(handlers)
        if missing:
            raise RuntimeError(f"operations and handlers differ: {sorted(missing)}")
        self._static: dict[str, dict[str, tuple[Operation, Handler]]] = {}
        self._templated: list[tuple[re.Pattern[str], dict[str, tuple[Operation, Handler]]]] = []
        for op_id, operation in core.operations.items():
            entry = (operation, handlers[op_id])
            if "{" in operation.path:
                pattern = re.compile(
                    "^" + re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(operation.path)) + "$"
                )
                self._templated.append((pattern, {operation.method: entry}))
            else:
                self._static.setdefault(operation.path, {})[operation.method] = entry

    # The state's parts, read where they are now (a reset replaces the journal, the flow, ...).
    @property
    def config(self) -> FakeConfig:
        return self.core.config

    @property
    def state(self) -> StateStore:
        return self.core.state

    @property
    def journal(self) -> Journal:
        return self.core.journal

    @property
    def scripted(self) -> ScriptedFaults:
        return self.core.scripted

    @property
    def operations(self) -> dict[str, Operation]:
        return self.core.operations

    async def reset(self, config: FakeConfig | None = None) -> None:
        await self.core.reset(config)

    def _controls_for(self, request: Request) -> Controls:
        if request.tenant == DEFAULT_TENANT:
            return self.controls
        return InProcessControls(self.core, request.tenant)

    async def aclose(self) -> None:
        """Release the state store's connections (the lifespan's shutdown does this when served)."""
        await self.core.aclose()

    def _route(self, path: str) -> tuple[dict[str, tuple[Operation, Handler]], dict[str, str]] | None:
        if not path.startswith(BASE_PATH + "/"):
            return None
        local = path[len(BASE_PATH) :]
        if local in self._static:
            return self._static[local], {}
        for pattern, methods in self._templated:
            match = pattern.match(local)
            if match:
                return methods, match.groupdict()
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send, self.core.state)
            return
        if scope["type"] != "http":
            return
        admin = ADMIN_ROUTES.get((scope["method"], scope["path"].removeprefix(BASE_PATH)))
        if admin is not None and scope["path"].startswith(BASE_PATH + "/"):
            # Admin routes (the fake's identity, ...) are no API operation: answered before the gate.
            await _send_json(send, 200, _encode(admin(self.core.config)), (), self._now())
            return
        started = time.perf_counter()
        label = "-"
        extra: tuple[tuple[str, str], ...] = ()
        operation: Operation | None = None
        request: Request | None = None
        world = self.core.worlds.default  # until the request is known to be another tenant's
        try:
            route = self._route(scope["path"])
            if route is None:
                raise VendorError(
                    404, "invalid_request_error", "path_not_found", "The requested path does not exist."
                )
            methods, path_params = route
            if scope["method"] not in methods:
                allow = ", ".join(sorted(methods))
                raise VendorError(
                    405,
                    "invalid_request_error",
                    "method_not_allowed",
                    f"Use {allow} on this path.",
                    headers=(("Allow", allow),),
                )
            operation, handler = methods[scope["method"]]
            label = operation.path
            headers = _headers(scope)
            world, caller, now = await self._enter(operation, headers)
            request = await self._admit(operation, path_params, scope, receive, headers, world, caller, now)
            result = await handler(request)
            if isinstance(result, Answer):
                status, payload = result.status, _encode(result.body)
            else:
                status, payload = 200, (result if isinstance(result, bytes) else _encode(result))
        except VendorError as error:
            status, payload, extra = error.status, _encode(error.body()), error.headers
        except CapReachedError as error:
            status, payload, extra = 429, _encode(cap_refused(error).body()), ()
        except StoreUnavailableError as error:
            ERROR_LOG.warning("state store unavailable on %s %s: %s", scope.get("method"), label, error)
            status, payload, extra = (
                STORE_UNAVAILABLE.status,
                STORE_UNAVAILABLE_BODY,
                STORE_UNAVAILABLE.headers,
            )
        except Exception:
            ERROR_LOG.exception("unexpected error on %s %s", scope.get("method"), label)
            status, payload, extra = (
                500,
                _encode(
                    {
                        "type": "internal_error",
                        "code": "verification_failed",
                        "message": "something went wrong",
                    }
                ),
                (),
            )
        if operation is not None and self._journaled(operation, scope):
            # Before the answer leaves: a client that reads the journal next finds this exchange.
            try:
                await world.store.record(_entry(operation, scope, request, status, payload))
            except StoreUnavailableError as error:  # the answer (a 503, most likely) still goes out
                ERROR_LOG.warning("journal not recorded on %s %s: %s", scope["method"], label, error)
        await _send_json(send, status, payload, extra, request.now if request else self._now())
        if ACCESS_LOG.isEnabledFor(logging.INFO):
            # The route template, never the raw path: a session id is a credential.
            ACCESS_LOG.info(
                "%s %s %d %.1fms", scope["method"], label, status, (time.perf_counter() - started) * 1000
            )

    def _now(self) -> float:
        return self.core.clock() + self._offset

    async def _enter(self, operation: Operation, headers: dict[str, str]) -> tuple[World, Caller, float]:
        """Whose world the request is in (tenant_gate.py), and the time there."""
        core = self.core
        pairs = (
            core.config.general_credentials
            if operation.operation_id in GENERAL_PAIR_OPERATIONS
            else core.config.app_credentials
        )
        if operation.security == "bearer":  # user details: its token names the tenant (no await)
            caller = core.gate.token_caller(headers)
        else:
            caller = await core.gate.caller(operation, headers, pairs)
        if caller.tenant == DEFAULT_TENANT:
            world = core.worlds.default
            now = await world.store.now()
            self._offset = now - core.clock()
            return world, caller, now
        world = core.worlds.get(caller.tenant)
        try:
            now = await world.store.now()
        except TenantGoneError:
            # Deleted (or expired) since this process looked it up: its credentials are refused.
            core.worlds.drop(caller.tenant)
            if caller.key:
                raise INVALID from None
            if caller.admin:
                raise tenant_not_found() from None
            world, caller = core.worlds.default, Caller()
            return world, caller, await world.store.now()
        await core.state.touch(caller.tenant)
        return world, caller, now

    async def _admit(
        self,
        operation: Operation,
        path_params: dict[str, str],
        scope: Scope,
        receive: Receive,
        headers: dict[str, str],
        world: World,
        caller: Caller,
        now: float,
    ) -> Request:
        client_ip = (scope.get("client") or ("unknown", 0))[0]
        if world.ip_limit is not None:
            await world.ip_limit.hit(client_ip, now)
        limiter = world.operation_limits.get(operation.operation_id)
        if limiter is not None:
            await limiter.hit(operation.operation_id, now)
        if self.core.config.latency_ms:
            await asyncio.sleep(self.core.config.latency_ms / 1000)
        fault = self.core.faults.draw(operation.statuses)
        if fault is not None:
            raise documented(operation, "verification_failed", fault, "something went wrong")
        if operation.security == "api_key":
            _check_api_key(operation, headers, caller.authenticated)
        if (
            operation.operation_id in IP_CHECKED_OPERATIONS
            and self.core.config.ip_allowlist is not None
            and client_ip not in self.core.config.ip_allowlist
        ):
            message = f"IP not whitelisted, your current IP is {client_ip}"
            error = documented(operation, "ip_validation_failed", 403, message)
            # The documented example's message names the IP it was written from (127.0.0.1); the vendor
            # names the caller's, so only status, type and code come from the example.
            raise VendorError(error.status, error.type, error.code, message)
        for rule in operation.headers:
            value = headers.get(rule.name)
            if value is None:
                if rule.required:
                    raise invalid_request(f"{rule.name}_missing", f"{rule.name} is missing in the request.")
            elif not rule.accepts(value):
                raise invalid_request(f"{rule.name}_value_invalid", f"{rule.name} should be valid.")
        body = None
        if operation.body is not None:
            body = await read_json_body(
                operation, headers, receive, self.core.config.max_body_bytes, self.core.config.max_json_depth
            )
        # A valid call: a magic mobile number (magic.py) or a scripted fault (scripted.py) may answer it.
        planned = magic_error(operation, body)
        if planned is None and world.store.faults_hint != 0:  # none pending: nothing to ask
            planned = await world.scripted.take(operation)
        if planned is not None:
            raise planned
        if 422 in operation.statuses and operation.security != "none" and not await world.balance.spend():
            raise documented(
                operation, "insufficient_balance", 422, "Insufficient balance to process this request"
            )
        return Request(operation, headers, body, path_params, client_ip, now, caller.tenant, caller.admin)

    def _journaled(self, operation: Operation, scope: Scope) -> bool:
        """Admin calls are not journaled, nor a consent given by a control over HTTP (controls_http.py):
        the in-process control gives it without a request, so both journals hold the same."""
        if operation.operation_id in self.unjournaled:
            return False
        return not (operation.operation_id == CONSENT_OPERATION and CONTROL_HEADER in _headers(scope))


def _entry(
    operation: Operation, scope: Scope, request: Request | None, status: int, payload: bytes
) -> JournalEntry:
    if request is not None:
        headers, body, at = request.headers, request.body, request.now
    else:  # refused before it was read: the headers are all there is
        headers, body, at = _headers(scope), None, None
    method = scope["method"]
    return JournalEntry(
        at, operation.operation_id, method, operation.path, status, tuple(headers.items()), body, payload
    )


def _headers(scope: Scope) -> dict[str, str]:
    raw_headers: list[tuple[bytes, bytes]] = scope["headers"]
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in raw_headers}


async def _send_json(
    send: Send, status: int, payload: bytes, extra: tuple[tuple[str, str], ...], now: float
) -> None:
    # Date is the fake's clock (time travel included), as an origin server's Date is its own time: the
    # suite judges the expiries the fake sends against it. Its servers switch uvicorn's Date off.
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(payload)).encode()),
        (b"date", _http_date(int(now))),
    ]
    headers += [(k.lower().encode(), v.encode()) for k, v in extra]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})


@functools.lru_cache(maxsize=4)
def _http_date(second: int) -> bytes:
    """The Date header of a second (formatting it was 7 % of a user-details request's time)."""
    return formatdate(second, usegmt=True).encode()


def _check_api_key(operation: Operation, headers: Mapping[str, str], matched: bool) -> None:
    """The credentials step: ``matched`` is what the tenant gate found (a pair of some tenant's)."""
    if not headers.get("x-client-id"):
        raise documented(operation, "x-client-id_missing", 400, "x-client-id is missing in the request.")
    if not headers.get("x-client-secret"):
        raise documented(
            operation, "x-client-secret_missing", 400, "x-client-secret is missing in the request."
        )
    if not matched:
        raise documented(
            operation, "authentication_failed", 401, "Invalid clientId and clientSecret combination"
        )


def _encode(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


STORE_UNAVAILABLE_BODY = _encode(STORE_UNAVAILABLE.body())


async def _lifespan(receive: Receive, send: Send, store: StateStore) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await store.close()
            await send({"type": "lifespan.shutdown.complete"})
            return


def create_app(config: FakeConfig | None = None, clock: Callable[[], float] = time.time) -> FakeCashfree:
    return FakeCashfree(config, clock)
