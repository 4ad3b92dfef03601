"""Configuration of the fake server. Every behaviour beyond the documented flow is off by default."""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from cashfree_oneclick.fake.state import Caps
from cashfree_oneclick.fake.tenancy import DEFAULT_IDLE_SECONDS, DEFAULT_MAX_TENANTS

# Obviously fake credentials, the defaults of a fake that needs no sandbox account.
TEST_APP_CLIENT_ID = "test_app_client_id"
TEST_APP_CLIENT_SECRET = "test_app_client_secret"  # noqa: S105 - a published test value, not a secret
TEST_GENERAL_CLIENT_ID = "test_general_client_id"
TEST_GENERAL_CLIENT_SECRET = "test_general_client_secret"  # noqa: S105 - a published test value
STATE_SCHEMES = ("redis://", "rediss://", "unix://")
MIN_ADMIN_TOKEN = 16
# What one created tenant may hold at once (and the default tenant too once an admin token is set:
# a shared service); the journal keeps the newest records.
TENANT_CAPS = Caps(sessions=1000, verification_ids=10_000, faults=1000, personas=1000, journal=1000)


@dataclass(frozen=True)
class RateLimit:
    """At most ``limit`` requests per ``window`` seconds."""

    limit: int
    window: float = 60.0


@dataclass(frozen=True)
class FakeConfig:
    # id -> secret. The 1-Click app pair serves session and generate-token; the general Verification
    # pair serves data availability (as the vendor documents).
    app_credentials: Mapping[str, str] = field(
        default_factory=lambda: {TEST_APP_CLIENT_ID: TEST_APP_CLIENT_SECRET}
    )
    general_credentials: Mapping[str, str] = field(
        default_factory=lambda: {TEST_GENERAL_CLIENT_ID: TEST_GENERAL_CLIENT_SECRET}
    )
    jwt_secret: str = field(default_factory=lambda: secrets.token_urlsafe(32), repr=False)
    session_ttl: float = 3600.0  # documented: one hour
    token_ttl: float = 3600.0  # documented: one hour
    auth_code_ttl: float = 300.0  # not documented; the fake makes codes short-lived and single-use
    max_body_bytes: int = 64 * 1024
    max_json_depth: int = 32
    # Switched on by configuration only:
    operation_rate_limits: Mapping[str, RateLimit] = field(default_factory=dict)  # by operationId
    ip_rate_limit: RateLimit | None = None
    balance: int | None = None  # billable calls left; None = unlimited
    faults: Mapping[int, float] = field(default_factory=dict)  # status -> probability (500, 502)
    latency_ms: float = 0.0
    quirks: bool = False  # send the shapes the vendor's own examples show
    ip_allowlist: frozenset[str] | None = None  # data availability answers 403 to other IPs
    seed: int = 0  # seeds fault injection
    # Where state lives: None = in this process's memory; redis://host:port/db = a Redis shared by every
    # worker and replica given the same prefix (None: a fresh random one, so runs never mix).
    state: str | None = None
    state_prefix: str | None = None
    # Tenants (tenancy.py): what each may hold, how many may exist, how long an unused one lives.
    tenant_caps: Caps = TENANT_CAPS
    max_tenants: int = DEFAULT_MAX_TENANTS
    tenant_idle_seconds: float = DEFAULT_IDLE_SECONDS
    # The admin token: when set, every /__fake__/ route but the identity needs it or a tenant's key.
    admin_token: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.state is not None and not self.state.startswith(STATE_SCHEMES):
            raise ValueError(f"state must be a redis URL ({', '.join(STATE_SCHEMES)}), got {self.state!r}")
        if self.admin_token is not None and len(self.admin_token) < MIN_ADMIN_TOKEN:
            raise ValueError(f"the admin token must be at least {MIN_ADMIN_TOKEN} characters")
        if self.max_tenants < 0 or self.tenant_idle_seconds <= 0:
            raise ValueError("max_tenants must be >= 0 and tenant_idle_seconds > 0")

    def with_(self, **changes: Any) -> FakeConfig:
        return replace(self, **changes)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> FakeConfig:
        """Read ``CASHFREE_FAKE_*`` variables; unset ones keep their defaults.

        CASHFREE_FAKE_APP_CREDENTIALS / _GENERAL_CREDENTIALS: JSON objects {client_id: secret}
        CASHFREE_FAKE_RATE_LIMITS: JSON {operationId: per-minute limit}; CASHFREE_FAKE_IP_RATE_LIMIT: int
        CASHFREE_FAKE_BALANCE: int; CASHFREE_FAKE_FAULTS: JSON {status: probability}
        CASHFREE_FAKE_LATENCY_MS: float; CASHFREE_FAKE_QUIRKS: 1/0; CASHFREE_FAKE_IP_ALLOWLIST: a,b
        CASHFREE_FAKE_JWT_SECRET, CASHFREE_FAKE_SEED
        CASHFREE_FAKE_STATE: redis://host:port/db (unset: in memory); CASHFREE_FAKE_STATE_PREFIX: key prefix
        CASHFREE_FAKE_ADMIN_TOKEN: the admin token (tenant_gate.py)
        CASHFREE_FAKE_MAX_TENANTS: int; CASHFREE_FAKE_TENANT_IDLE_SECONDS: float
        CASHFREE_FAKE_TENANT_CAPS: JSON {"sessions", "verification_ids", "faults", "personas", "journal"}
        """
        config = cls()
        get = environ.get
        changes: dict[str, Any] = {}
        if value := get("CASHFREE_FAKE_APP_CREDENTIALS"):
            changes["app_credentials"] = _string_map(value, "CASHFREE_FAKE_APP_CREDENTIALS")
        if value := get("CASHFREE_FAKE_GENERAL_CREDENTIALS"):
            changes["general_credentials"] = _string_map(value, "CASHFREE_FAKE_GENERAL_CREDENTIALS")
        if value := get("CASHFREE_FAKE_RATE_LIMITS"):
            limits = json.loads(value)
            changes["operation_rate_limits"] = {op: RateLimit(int(n)) for op, n in limits.items()}
        if value := get("CASHFREE_FAKE_IP_RATE_LIMIT"):
            changes["ip_rate_limit"] = RateLimit(int(value))
        if value := get("CASHFREE_FAKE_BALANCE"):
            changes["balance"] = int(value)
        if value := get("CASHFREE_FAKE_FAULTS"):
            changes["faults"] = {int(status): float(p) for status, p in json.loads(value).items()}
        if value := get("CASHFREE_FAKE_LATENCY_MS"):
            changes["latency_ms"] = float(value)
        if value := get("CASHFREE_FAKE_QUIRKS"):
            changes["quirks"] = value.strip().lower() in {"1", "true", "yes", "on"}
        if value := get("CASHFREE_FAKE_IP_ALLOWLIST"):
            changes["ip_allowlist"] = frozenset(ip.strip() for ip in value.split(",") if ip.strip())
        if value := get("CASHFREE_FAKE_JWT_SECRET"):
            changes["jwt_secret"] = value
        if value := get("CASHFREE_FAKE_SEED"):
            changes["seed"] = int(value)
        if value := get("CASHFREE_FAKE_STATE"):
            changes["state"] = value.strip()
        if value := get("CASHFREE_FAKE_STATE_PREFIX"):
            changes["state_prefix"] = value.strip()
        if value := get("CASHFREE_FAKE_ADMIN_TOKEN"):
            changes["admin_token"] = value.strip()
        if value := get("CASHFREE_FAKE_MAX_TENANTS"):
            changes["max_tenants"] = int(value)
        if value := get("CASHFREE_FAKE_TENANT_IDLE_SECONDS"):
            changes["tenant_idle_seconds"] = float(value)
        if value := get("CASHFREE_FAKE_TENANT_CAPS"):
            changes["tenant_caps"] = _caps(value, TENANT_CAPS)
        return config.with_(**changes)


def _string_map(value: str, name: str) -> dict[str, str]:
    parsed = json.loads(value)
    if not isinstance(parsed, dict) or not all(isinstance(v, str) for v in parsed.values()):
        raise ValueError(f"{name} must be a JSON object of client id -> secret strings")
    return {str(k): v for k, v in parsed.items()}


def _caps(value: str, base: Caps) -> Caps:
    parsed = json.loads(value)
    fields = {"sessions", "verification_ids", "faults", "personas", "journal"}
    if not isinstance(parsed, dict) or not set(parsed) <= fields:
        raise ValueError(f"CASHFREE_FAKE_TENANT_CAPS must be a JSON object of {sorted(fields)}")
    if not all(isinstance(v, int) and v >= 0 for v in parsed.values()):
        raise ValueError("CASHFREE_FAKE_TENANT_CAPS: every cap is a non-negative integer")
    return replace(base, **parsed)
