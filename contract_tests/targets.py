"""Where the contract suite runs: the in-process fake (default), any base URL, or the vendor's sandbox.

One switch picks the target: ``--target fake|sandbox|<URL>`` or ``CONTRACT_TARGET``. A URL is judged by
evidence, never by its address (``detect.py``): it is our fake only when ``GET <URL>/__fake__/info``
says so (kind ``fake-url``: the contract-fake bundle, its consent step, its test credentials unless the
environment gives others). Any other URL is a ``foreign`` server (a local mock, a proxy, a staging copy):
the contract bundle without fake-only operations, positive data unless ``--negative`` is given for a
loopback host, and the sandbox's rate limit and request budget for a remote host. ``sandbox`` is the
vendor's sandbox, or ``CONTRACT_SANDBOX_URL`` (a stand-in or a recording proxy to rehearse the nightly
path): always the sandbox policy (positive data, throttle, budget), wherever it is. Loopback is judged
by address (``ipaddress``: all of 127.0.0.0/8 and ::1, and ``localhost`` names), never by a list.
Credentials for the sandbox and for a foreign server come from the environment only, and are
required (without them the run stops, naming what is missing, instead of sending empty headers):

    CASHFREE_APP_CLIENT_ID / CASHFREE_APP_CLIENT_SECRET          the 1-Click app pair
    CASHFREE_GENERAL_CLIENT_ID / CASHFREE_GENERAL_CLIENT_SECRET  the general pair (data availability)
    CASHFREE_ACCESS_TOKEN                                        optional, for user details

Every call to the vendor is billed, so a production host is refused unless forced. Credentials never go
over plain http to a host off this machine unless ``--allow-insecure-http`` (CONTRACT_ALLOW_INSECURE_HTTP=1).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from cashfree_oneclick.fake import (
    TEST_APP_CLIENT_ID,
    TEST_APP_CLIENT_SECRET,
    TEST_GENERAL_CLIENT_ID,
    TEST_GENERAL_CLIENT_SECRET,
    FakeConfig,
    create_app,
)
from cashfree_oneclick.jsonbody import DEFAULT_MAX_BYTES
from cashfree_oneclick.redaction import MASK
from cashfree_oneclick.settings import Pair, check_transport_security, is_loopback
from contract_tests.detect import Detection, UnreachableError, probe

BUNDLES = Path(__file__).resolve().parent.parent / "openapi" / "bundles"
SANDBOX_HOST = "sandbox.cashfree.com"
SANDBOX_URL = f"https://{SANDBOX_HOST}/verification"
PRODUCTION_HOSTS = frozenset({"api.cashfree.com", "payout-api.cashfree.com"})
CASHFREE_HOSTS = PRODUCTION_HOSTS | {SANDBOX_HOST}
# Documented: 100 requests per minute for the "standard" tier. We stay well under it.
SANDBOX_RATE_LIMIT = "60/m"
SANDBOX_REQUEST_BUDGET = 300
PAIR_VARIABLES = (
    "CASHFREE_APP_CLIENT_ID", "CASHFREE_APP_CLIENT_SECRET",
    "CASHFREE_GENERAL_CLIENT_ID", "CASHFREE_GENERAL_CLIENT_SECRET",
)  # fmt: skip
# Every variable the suite reads (python -m contract_tests --help lists them).
VARIABLES = {
    "CONTRACT_TARGET": "fake (default), sandbox or a base URL; --target wins",
    "CONTRACT_SANDBOX_URL": f"the base URL 'sandbox' means (default {SANDBOX_URL}): a stand-in, a proxy",
    "CONTRACT_RATE_LIMIT": f"the throttle of a sandbox or remote run (default {SANDBOX_RATE_LIMIT})",
    "CONTRACT_REQUEST_BUDGET": f"the request budget of a remote run (default {SANDBOX_REQUEST_BUDGET})",
    "CONTRACT_MAX_BODY_BYTES": f"the most of one answer the suite reads (default {DEFAULT_MAX_BYTES})",
    "CONTRACT_NEGATIVE": "1: negative data against a foreign server on this machine",
    "CONTRACT_FORCE_PRODUCTION": "1: allow Cashfree's production host (billed, real users)",
    "CONTRACT_ALLOW_INSECURE_HTTP": "1: allow credentials over plain http to a host off this machine",
    "CONTRACT_SEED": "the profile's seed",
    "CONTRACT_NIGHTLY_MAX_EXAMPLES": "shrinks the nightly profile for a rehearsal",
    "CASHFREE_APP_CLIENT_ID / _SECRET": "the 1-Click app pair (sandbox and foreign targets)",
    "CASHFREE_GENERAL_CLIENT_ID / _SECRET": "the general pair, for data availability",
    "CASHFREE_ACCESS_TOKEN": "an access token for user details (a target without the consent step)",
}


class TargetError(ValueError):
    """The target cannot be used as asked (production not forced, credentials malformed, ...)."""


# A client id / secret pair, the client layer's own record (its repr hides the secret).
Credentials = Pair


@dataclass(frozen=True)
class Target:
    kind: Literal["fake", "fake-url", "foreign", "sandbox"]
    base_url: str
    bundle: Path
    app_pair: Credentials | None
    general_pair: Credentials | None
    access_token: str | None = field(default=None, repr=False)
    app: Any = field(default=None, repr=False)  # the in-process ASGI app, for kind == "fake"
    has_consent_step: bool = False  # our fake: the flow can be driven to a real access token
    positive_only: bool = False
    rate_limit: str | None = None
    request_budget: int | None = None
    detected: str = ""  # why this kind: what the probe answered, or that no probe was needed
    max_body_bytes: int = DEFAULT_MAX_BYTES  # the most of one answer the suite reads

    @property
    def credentials_given(self) -> bool:
        return self.app_pair is not None or self.general_pair is not None or self.access_token is not None

    def secrets(self) -> list[str]:
        """Every secret of this target, for the redactor."""
        values = [self.access_token]
        values += [pair.client_secret for pair in (self.app_pair, self.general_pair) if pair]
        values += [pair.client_id for pair in (self.app_pair, self.general_pair) if pair]
        values.append(urlsplit(self.base_url).password)  # https://user:password@host: basic auth
        return [value for value in values if value]


def _pair(environ: Mapping[str, str], prefix: str) -> Credentials | None:
    client_id, secret = environ.get(f"{prefix}_CLIENT_ID"), environ.get(f"{prefix}_CLIENT_SECRET")
    if not client_id and not secret:
        return None
    if not client_id or not secret:
        raise TargetError(f"{prefix}_CLIENT_ID and {prefix}_CLIENT_SECRET must be set together")
    return Credentials(client_id, secret)


def fake_target(config: FakeConfig | None = None) -> Target:
    """The in-process fake, with the first credential pairs it is configured with."""
    config = config or FakeConfig()
    app_id, app_secret = next(iter(config.app_credentials.items()))
    general_id, general_secret = next(iter(config.general_credentials.items()))
    return Target(
        kind="fake",
        base_url="http://testserver/verification",
        bundle=BUNDLES / "contract-fake.yaml",
        app_pair=Credentials(app_id, app_secret),
        general_pair=Credentials(general_id, general_secret),
        app=create_app(config),
        has_consent_step=True,
        detected="the in-process fake (no probe needed)",
    )


def resolve(
    name: str | None = None,
    environ: Mapping[str, str] = os.environ,
    force_production: bool = False,
    negative: bool = False,
    detect: Callable[[str], Detection] = probe,
    allow_insecure_http: bool = False,
) -> Target:
    """The target named by ``name`` (or CONTRACT_TARGET): ``fake``, ``sandbox`` or a base URL.

    ``negative`` (or CONTRACT_NEGATIVE=1) allows negative data against a foreign server on a loopback
    host; ``detect`` probes a URL for our fake (a parameter so that its failure modes can be tested).
    """
    name = (name or environ.get("CONTRACT_TARGET") or "fake").strip()
    negative = negative or environ.get("CONTRACT_NEGATIVE") == "1"
    if name == "fake":
        return fake_target()
    force_production = force_production or environ.get("CONTRACT_FORCE_PRODUCTION") == "1"
    app_pair, general_pair = _pair(environ, "CASHFREE_APP"), _pair(environ, "CASHFREE_GENERAL")
    token = environ.get("CASHFREE_ACCESS_TOKEN") or None
    budget = int(environ.get("CONTRACT_REQUEST_BUDGET", SANDBOX_REQUEST_BUDGET))
    rate_limit = environ.get("CONTRACT_RATE_LIMIT") or SANDBOX_RATE_LIMIT
    max_body = int(environ.get("CONTRACT_MAX_BODY_BYTES") or DEFAULT_MAX_BYTES)
    allow_insecure_http = allow_insecure_http or environ.get("CONTRACT_ALLOW_INSECURE_HTTP") == "1"
    sandbox = name == "sandbox"
    if sandbox:
        name = environ.get("CONTRACT_SANDBOX_URL") or SANDBOX_URL
    parts = urlsplit(name)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise TargetError(f"target must be 'fake', 'sandbox' or an http(s) base URL, got {name!r}")
    if parts.hostname in PRODUCTION_HOSTS and not force_production:
        raise TargetError(
            f"{parts.hostname} is Cashfree's production host: every call is billed and touches real users. "
            "Refusing; pass --force-production (CONTRACT_FORCE_PRODUCTION=1) if you really mean it."
        )
    local = is_loopback(parts.hostname)
    try:
        check_transport_security(name, True, allow_insecure_http)
    except ValueError:
        raise TargetError(
            f"refusing to send credentials over plain http to {parts.hostname}: use https, or pass "
            "--allow-insecure-http (CONTRACT_ALLOW_INSECURE_HTTP=1) if it is really meant to get them"
        ) from None
    if negative and not local:
        raise TargetError(
            f"--negative (CONTRACT_NEGATIVE=1) is for servers on this machine only, not {parts.hostname}: "
            "negative data against a remote API is billed noise and may trip its abuse protection"
        )
    base_url = name.rstrip("/")
    if parts.hostname in CASHFREE_HOSTS:
        detection = Detection(False, f"{parts.hostname} is Cashfree's own host (not probed)")
    elif sandbox:
        detection = Detection(False, f"the sandbox at {base_url} (CONTRACT_SANDBOX_URL; not probed)")
    else:
        try:
            detection = detect(base_url)
        except UnreachableError as error:
            message = f"cannot tell what {base_url} is: {error}"
            if parts.password:  # https://user:password@host: the URL is in the message twice
                message = message.replace(parts.password, MASK)
            raise TargetError(message) from error
    if detection.is_fake:
        # Our fake, locally or deployed: its consent step exists and its test pairs work by default.
        return Target(
            kind="fake-url",
            base_url=base_url,
            bundle=BUNDLES / "contract-fake.yaml",
            app_pair=app_pair or Credentials(TEST_APP_CLIENT_ID, TEST_APP_CLIENT_SECRET),
            general_pair=general_pair or Credentials(TEST_GENERAL_CLIENT_ID, TEST_GENERAL_CLIENT_SECRET),
            access_token=token,
            has_consent_step=True,
            detected=detection.why,
            max_body_bytes=max_body,
        )
    missing = [variable for variable in PAIR_VARIABLES if not environ.get(variable)]
    if missing:
        raise TargetError(f"{base_url} needs credentials from the environment; missing: {', '.join(missing)}")
    sandbox = sandbox or parts.hostname == SANDBOX_HOST
    remote = sandbox or not local
    return Target(
        kind="sandbox" if sandbox else "foreign",
        base_url=base_url,
        bundle=BUNDLES / "contract.yaml",
        app_pair=app_pair,
        general_pair=general_pair,
        access_token=token,
        positive_only=sandbox or not negative,
        rate_limit=rate_limit if remote else None,
        request_budget=budget if remote else None,
        detected=detection.why,
        max_body_bytes=max_body,
    )
