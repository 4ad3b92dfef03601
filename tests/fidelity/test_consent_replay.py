"""The fake's consent step replays as recorded, whatever its masked session id stood for.

A cassette hides the session id of every consent (and the mobile number behind every session). The
recording here holds each consent outcome the replay must rebuild on its own: a grant, a repeated
consent (409), a magic number that overrules the decision, and a grant of a scope the user has no
data for (422 scopes_not_available). Recorded against the fake, written as `make contract` writes
it, replayed with no difference.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from cashfree_oneclick.fake import BASE_PATH, FakeConfig
from cashfree_oneclick.redaction import MASK, Redactor
from cashfree_oneclick.version import API_VERSION
from contract_tests import reports, runner
from contract_tests.fidelity import cassette
from contract_tests.fidelity.rebuild import AsgiClient
from contract_tests.fidelity.replay import replay
from contract_tests.interactions import Interaction
from contract_tests.profiles import profile
from contract_tests.targets import fake_target

SESSION = "POST /oauth2/session"
CONSENT = "POST /__fake__/sessions/{session_id}/consent"
# (mobile of the session, consent body): one session each.
CONSENTS: list[tuple[str, dict[str, Any]]] = [
    ("9999900000", {"decision": "GRANTED", "scopes": ["PAN", "NAME"]}),  # then again: 409
    ("9000000011", {"decision": "GRANTED"}),  # the user drops off: USER_DROPPED
    ("9000000010", {"decision": "GRANTED", "scopes": ["EMAIL"]}),  # the user denies: ERROR
    ("9000000003", {"decision": "GRANTED", "scopes": ["PAN"]}),  # no PAN data for this user: 422
    ("9999900000", {"decision": "GRANTED", "scopes": []}),  # a grant of nothing: 422
]


class _Recorder:
    """Requests to an in-process fake, kept as the runner keeps a run's interactions."""

    def __init__(self) -> None:
        self.target = fake_target()
        self.client = AsgiClient(self.target.app)
        assert self.target.app_pair is not None
        pair = self.target.app_pair
        self.app_headers = [
            ("x-client-id", pair.client_id), ("x-client-secret", pair.client_secret),
            ("x-api-version", API_VERSION), ("content-type", "application/json"),
        ]  # fmt: skip
        general = self.target.general_pair
        assert general is not None
        self.general_headers = [
            ("x-client-id", general.client_id), ("x-client-secret", general.client_secret),
            *self.app_headers[2:],
        ]  # fmt: skip
        self.recorded: list[Interaction] = []

    async def send(
        self, label: str, path: str, sent: list[tuple[str, str]], body: dict[str, Any] | None = None
    ) -> Any:
        method, _ = label.split(" ", 1)
        encoded = json.dumps(body).encode() if body is not None else None
        answer = await self.client.request(method, BASE_PATH + path, sent, encoded)
        url = f"{self.target.base_url}{path}"
        item = Interaction(label, "examples", method, url, dict(sent), encoded, answer.status, {}, None)
        self.recorded.append(replace(item, response_headers=answer.headers, response_body=answer.body))
        return answer.json()

    async def session(self, mobile: str, verification_id: str) -> str:
        user = {"identifier_type": "MOBILE", "identifier_value": mobile}
        body = {"verification_id": verification_id, "user": user}
        return str((await self.send(SESSION, "/oauth2/session", self.app_headers, body))["session_id"])

    async def consent(self, session_id: str, body: dict[str, Any]) -> Any:
        path = f"/__fake__/sessions/{session_id}/consent"
        return await self.send(CONSENT, path, [("content-type", "application/json")], body)

    def cassette(self, directory: Path) -> list[cassette.Recorded]:
        """Written as `make contract` writes it, read as `make fidelity` reads it."""
        result = runner.RunResult(self.target, profile("pr"), {}, [], self.recorded, [], 1.0, "completed")
        written = reports.write_all(result, reports.verdict(result), directory, Redactor())
        return cassette.read(written["cassette"])


def _differences(recorded: list[cassette.Recorded], config: FakeConfig) -> list[Any]:
    # /user of Initiate OAuth is a list in quirks mode, as registered (FAKE-001).
    return [
        (o.recorded.line, d) for o in replay(recorded, config) for d in o.differences if d.pointer != "/user"
    ]


def test_every_consent_outcome_replays_with_no_difference(tmp_path: Path) -> None:
    fake = _Recorder()

    async def record() -> None:
        for index, (mobile, consent) in enumerate(CONSENTS):
            session_id = await fake.session(mobile, f"v-{index}")
            await fake.consent(session_id, consent)
            if index == 0:  # the same session again: consent already given
                await fake.consent(session_id, {"decision": "DENIED"})
        await fake.target.app.aclose()

    asyncio.run(record())
    statuses = [item.status for item in fake.recorded if item.operation == CONSENT]
    assert statuses == [200, 409, 200, 200, 422, 422]
    recorded = fake.cassette(tmp_path)
    consents = [entry for entry in recorded if entry.operation == CONSENT]
    assert all(MASK in entry.path for entry in consents), "the session ids are masked in the cassette"
    outcomes = [json.loads(entry.response_body or "{}").get("status") for entry in consents]
    assert outcomes == ["SUCCESS", None, "USER_DROPPED", "ERROR", None, None]

    for config in (FakeConfig(), FakeConfig(quirks=True)):
        assert _differences(recorded, config) == [], config
        replayed = replay(recorded, config)
        assert [o.fake_status for o in replayed if o.recorded.operation == CONSENT] == statuses


def test_a_persona_an_answer_shows_replays_with_its_magic_number(tmp_path: Path) -> None:
    """Fewer available scopes, a Company PAN, an Aadhaar not seeded: each shows in its answer, the
    masked mobile does not; the replay meets the same user."""
    fake = _Recorder()

    async def record() -> None:
        for index, mobile in enumerate(("9000000003", "9000000001", "9000000002", "9999900000")):
            user = [{"identifier_type": "MOBILE", "identifier_value": mobile}]
            body = {"verification_id": f"a-{index}", "user": user}
            await fake.send(
                "POST /user/data-availability", "/user/data-availability", fake.general_headers, body
            )
            session_id = await fake.session(mobile, f"s-{index}")
            scopes = ["EMAIL"] if mobile == "9000000003" else ["PAN", "NAME"]
            code = (await fake.consent(session_id, {"decision": "GRANTED", "scopes": scopes}))["auth_code"]
            token = await fake.send("POST /oauth2/generate-token", "/oauth2/generate-token", fake.app_headers,
                                    {"auth_code": code})  # fmt: skip
            bearer = [("x-api-version", API_VERSION), ("authorization", f"Bearer {token['access_token']}")]
            await fake.send("GET /oauth2/user-details", "/oauth2/user-details", bearer)
        await fake.target.app.aclose()

    asyncio.run(record())
    recorded = fake.cassette(tmp_path)
    details = [e.response_body or "" for e in recorded if e.operation == "GET /oauth2/user-details"]
    assert ['"Company"' in text for text in details] == [False, True, False, False]
    assert ['"NA"' in text for text in details] == [False, False, True, False]
    assert _differences(recorded, FakeConfig()) == []
