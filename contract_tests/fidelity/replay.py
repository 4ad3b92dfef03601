"""Replay recorded requests against the in-process fake and compare its answers with the vendor's.

A recorded request is redacted: its credentials, auth code, token and mobile number are the mask. Each
is put back as the request needs it, judged from the vendor's own answer: a request the vendor
accepted gets the fake's valid credentials and fresh state (an auth code, a token for the scopes the
vendor returned), while a masked value the vendor refused by name (``auth_code_value_invalid``,
``authentication_failed``, ...) stays the mask, which the fake refuses too. A verification id the vendor
had already seen (409) is used once on the fake first. The fake's own consent step names its session
by a masked id: the replay uses the session it made for the recorded one (by verification id), a
session consented before for a recorded 409, a magic number's session when the recorded outcome
overruled the decision, or the session of the user with fewest scopes for a refused grant (422).
Then status, content type, error type and code, and the body's shape are compared (shapes.py).
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from cashfree_oneclick.fake import BASE_PATH, FakeCashfree, FakeConfig, create_app
from cashfree_oneclick.fake.scripted import FAULT_HEADER
from cashfree_oneclick.jsonbody import parse_json
from cashfree_oneclick.redaction import MASK, Redactor
from contract_tests.fidelity.cassette import Recorded
from contract_tests.fidelity.rebuild import FLOW_MOBILE, Answer, Rebuilder
from contract_tests.fidelity.shapes import Difference, compare, enum_properties
from contract_tests.fidelity.users import FEWEST_SCOPES, overruling_mobile, shown_mobile

CONSENT_OPERATION = "FakeGiveConsent"
GENERAL_PAIR_OPERATIONS = frozenset({"VrsUserVaultDataAvailability"})
# Recomputed for the body actually sent (a restored value changes its length). Every other recorded
# header is sent as it was: the fake's journal echoes the headers it received, so a replay that dropped
# the client's own (user-agent, accept, host...) would differ from the recording in the journal's answers.
RECOMPUTED_HEADERS = frozenset({"content-length"})
CREDENTIAL_ERRORS = frozenset({"authentication_failed", "x-client-id_missing", "x-client-secret_missing"})
# Answers about the account or the machine the run came from, not about the request: a fresh fake
# (unlimited balance, no IP allowlist) cannot meet them, and they say nothing of the fake's fidelity.
ENVIRONMENT_CODES = {
    "ip_validation_failed": "the caller's IP is not allowlisted on that account",
    "insufficient_balance": "that account's balance ran out",
}
# Fields whose masked value, when the vendor accepted it, is a mobile number: put back as the one the
# answer shows (users.py), else the one synthetic mobile (the recording's own runs use one: the suite's
# flow and the persona example of the admin API name the same), so that a persona the recording chose
# for "the" user is the persona of the users the replay rebuilds.
MOBILE_FIELDS = frozenset({"identifier_value", "mobile"})


@dataclass
class Outcome:
    recorded: Recorded
    operation_id: str
    fake_status: int | None = None
    differences: list[Difference] = field(default_factory=list)
    skipped: str = ""  # why it was not compared


def replay(recorded: Iterable[Recorded], config: FakeConfig | None = None) -> list[Outcome]:
    """Replay every recorded request, in order, on one fresh fake (its store closed at the end)."""
    return asyncio.run(_replay_on(list(recorded), config or FakeConfig()))


async def _replay_on(recorded: list[Recorded], config: FakeConfig) -> list[Outcome]:
    # The app is made inside the loop that uses it: a Redis store's connections belong to that loop.
    app = create_app(config)
    try:
        return await _replay(recorded, app)
    finally:
        await app.aclose()


async def _replay(recorded: list[Recorded], app: FakeCashfree) -> list[Outcome]:
    rebuilder = Rebuilder(app)
    redactor = Redactor()
    enums = enum_properties()
    by_label = {f"{op.method} {op.path}": op.operation_id for op in app.operations.values()}
    fillers = (f"r{n}" for n in itertools.count(1))
    outcomes = []
    for entry in recorded:
        outcome = Outcome(entry, by_label.get(entry.operation, entry.operation))
        outcomes.append(outcome)
        if entry.status is None:
            outcome.skipped = "the request got no answer from the vendor"
            continue
        # Our fake marks an answer a run planned through its admin API (a scripted fault, a magic
        # number): replayed too, so the replaying fake spends the same plan, but never compared.
        planned = FAULT_HEADER.lower() in entry.response_headers
        if (entry.status == 429 or entry.status >= 500) and not planned:
            outcome.skipped = f"the vendor answered {entry.status}: load or outage, not the contract's shape"
            continue
        if entry.error_code() in ENVIRONMENT_CODES and not planned:  # a planned one is the run's, replayed
            outcome.skipped = (
                f"the vendor answered {entry.error_code()}: {ENVIRONMENT_CODES[entry.error_code()]}"
            )
            continue
        request = _Request(entry, outcome.operation_id, rebuilder, fillers)
        path, headers, body = await request.prepare()
        answer = await rebuilder.client.request(entry.method, BASE_PATH + path, headers, body)
        outcome.fake_status = answer.status
        rebuilder.remember(outcome.operation_id, entry.body, answer)
        if planned:
            outcome.skipped = "an answer the run planned on the fake it recorded (X-Fake-Fault)"
            continue
        outcome.differences = differences(entry, answer, redactor, enums)
    return outcomes


def differences(
    entry: Recorded, answer: Answer, redactor: Redactor, enums: frozenset[str]
) -> list[Difference]:
    vendor_type = _media_type(entry.response_headers.get("content-type", ""))
    fake_type = _media_type(answer.headers.get("content-type", ""))
    vendor_body = entry.response_json()
    try:
        fake_body = redactor.shaped(answer.json())
    except ValueError:
        fake_body = None
    if entry.status != answer.status:
        return [
            Difference(
                "status", "", _status_text(entry.status, vendor_body), _status_text(answer.status, fake_body)
            )
        ]
    found = []
    if vendor_type != fake_type:
        found.append(Difference("content-type", "", vendor_type or "(none)", fake_type or "(none)"))
    skip: frozenset[str] = frozenset()
    if (entry.status or 0) >= 400 and isinstance(vendor_body, dict) and isinstance(fake_body, dict):
        for key in ("type", "code"):
            if vendor_body.get(key) != fake_body.get(key):
                found.append(
                    Difference(f"error-{key}", f"/{key}", str(vendor_body.get(key)), str(fake_body.get(key)))
                )
        skip = frozenset({"/type", "/code"})
    if vendor_body is not None or fake_body is not None:
        found += compare(vendor_body, fake_body, enums, skip)
    return found


def _status_text(status: int | None, body: Any) -> str:
    code = body.get("code") if isinstance(body, dict) and (status or 0) >= 400 else None
    return f"{status} {code}" if isinstance(code, str) else str(status)


def _media_type(value: str) -> str:
    return value.split(";")[0].strip().lower()


class _Request:
    """One recorded request made sendable to the fake (see the module's docstring)."""

    def __init__(
        self, entry: Recorded, operation_id: str, rebuilder: Rebuilder, fillers: Iterable[str]
    ) -> None:
        self.entry = entry
        self.operation_id = operation_id
        self.rebuilder = rebuilder
        self.fillers = iter(fillers)
        self.code = entry.error_code()
        self.accepted = entry.status == 200

    async def prepare(self) -> tuple[str, list[tuple[str, str]], bytes | None]:
        pair = (
            self.rebuilder.general_pair
            if self.operation_id in GENERAL_PAIR_OPERATIONS
            else self.rebuilder.app_pair
        )
        headers = []
        for name, value in self.entry.headers.items():
            lower = name.lower()
            if lower in RECOMPUTED_HEADERS:
                continue
            if MASK in value and self.code in (f"{lower}_missing", "access_token_missing"):
                value = ""  # blank when recorded (older cassettes masked it): the vendor called it missing
            elif (
                MASK in value
                and lower in ("x-client-id", "x-client-secret")
                and self.code not in CREDENTIAL_ERRORS
            ):
                value = pair[0] if lower == "x-client-id" else pair[1]
            elif MASK in value and lower == "authorization" and not self.code.startswith("access_token"):
                token = await self.rebuilder.access_token(self._vendor_scopes(), shown_mobile(self.entry))
                value = f"Bearer {token}"
            headers.append((name, value))
        path = await self._path()
        body = await self._body()
        if self.code == "verification_id_already_exists" and isinstance(body, dict):
            await self.rebuilder.claim(self.entry.path, str(body.get("verification_id")), pair)
        encoded = json.dumps(body).encode() if body is not None else _raw(self.entry.body)
        return path, headers, encoded

    async def _path(self) -> str:
        """The consent route's masked session id: the session the replay made for the recorded one.

        The vendor's answer names the session by its verification id; a session the replay did not make
        (or an answer that names none) is made now. A 409 ``consent_already_given`` needs a session
        consented before; a ``session_id_*`` refusal keeps the mask, which the fake refuses alike.
        """
        path = self.entry.path
        if self.operation_id != CONSENT_OPERATION or MASK not in path or self.code.startswith("session_id_"):
            return path
        answer = self.entry.response_json()
        answer = answer if isinstance(answer, dict) else {}
        overruled = overruling_mobile(self.entry)
        if self.code == "consent_already_given":
            session_id = await self.rebuilder.consented_session()
        elif self.code == "scopes_not_available":
            # A grant beyond what the user's data offers: the user the vendor holds fewest scopes for.
            session_id = await self.rebuilder.session_id(mobile=FEWEST_SCOPES)
        elif overruled is not None:
            session_id = await self.rebuilder.session_id(mobile=overruled)
        else:
            named = answer.get("verification_id")
            session_id = self.rebuilder.session_of(named) or await self.rebuilder.session_id()
        return path.replace(MASK, quote(session_id, safe=""), 1)

    async def _body(self) -> Any:
        if self.entry.body is None:
            return None
        try:
            parsed = parse_json(self.entry.body)
        except ValueError:
            return None  # not JSON: sent as recorded
        return await self._restore(parsed, None)

    async def _restore(self, value: Any, key: str | None) -> Any:
        if isinstance(value, dict):
            return {k: await self._restore(v, str(k)) for k, v in value.items()}
        if isinstance(value, list):
            return [await self._restore(v, key) for v in value]
        if not isinstance(value, str) or MASK not in value or key is None:
            return value
        if self.code.startswith(f"{key}_") and not self.code.endswith("_already_exists"):
            return value  # the vendor refused this very value (missing, invalid): the mask is refused alike
        if key == "auth_code":
            return await self.rebuilder.auth_code() if self.accepted else value
        if value == MASK and key in MOBILE_FIELDS:
            return FLOW_MOBILE if key == "mobile" else shown_mobile(self.entry)
        # Part of a value was masked by pattern (a digit run in a verification id): a unique filler.
        return value.replace(MASK, next(self.fillers))

    def _vendor_scopes(self) -> list[str] | None:
        body = self.entry.response_json()
        scopes = body.get("scopes") if isinstance(body, dict) else None
        if not isinstance(scopes, list):
            return None
        names = [str(s["scope"]) for s in scopes if isinstance(s, dict) and isinstance(s.get("scope"), str)]
        return names or None


def _raw(body: str | None) -> bytes | None:
    return body.encode("utf-8") if body is not None else None
