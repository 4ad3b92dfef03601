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


async def _record() -> list[Interaction]:
    target = fake_target()
    client = AsgiClient(target.app)
    assert target.app_pair is not None
    pair = target.app_pair
    headers = [
        ("x-client-id", pair.client_id), ("x-client-secret", pair.client_secret),
        ("x-api-version", API_VERSION), ("content-type", "application/json"),
    ]  # fmt: skip
    recorded = []

    async def send(label: str, path: str, sent: list[tuple[str, str]], body: dict[str, Any]) -> Any:
        encoded = json.dumps(body).encode()
        answer = await client.request("POST", BASE_PATH + path, sent, encoded)
        recorded.append(
            Interaction(
                label,
                "examples",
                "POST",
                f"{target.base_url}{path}",
                dict(sent),
                encoded,
                answer.status,
                answer.headers,
                answer.body,
            )
        )
        return answer.json()

    for index, (mobile, consent) in enumerate(CONSENTS):
        user = {"identifier_type": "MOBILE", "identifier_value": mobile}
        session = await send(
            SESSION, "/oauth2/session", headers, {"verification_id": f"v-{index}", "user": user}
        )
        path = f"/__fake__/sessions/{session['session_id']}/consent"
        await send(CONSENT, path, [("content-type", "application/json")], consent)
        if index == 0:  # the same session again: consent already given
            await send(CONSENT, path, [("content-type", "application/json")], {"decision": "DENIED"})
    await target.app.aclose()
    return recorded


def test_every_consent_outcome_replays_with_no_difference(tmp_path: Path) -> None:
    interactions = asyncio.run(_record())
    statuses = [item.status for item in interactions if item.operation == CONSENT]
    assert statuses == [200, 409, 200, 200, 422, 422]
    result = runner.RunResult(fake_target(), profile("pr"), {}, [], interactions, [], 1.0, "completed")
    written = reports.write_all(result, reports.verdict(result), tmp_path, Redactor())
    recorded = cassette.read(written["cassette"])
    consents = [entry for entry in recorded if entry.operation == CONSENT]
    assert all(MASK in entry.path for entry in consents), "the session ids are masked in the cassette"
    outcomes = [json.loads(entry.response_body or "{}").get("status") for entry in consents]
    assert outcomes == ["SUCCESS", None, "USER_DROPPED", "ERROR", None, None]

    for config in (FakeConfig(), FakeConfig(quirks=True)):
        replayed = replay(recorded, config)
        differences = [(o.recorded.line, d) for o in replayed for d in o.differences if d.pointer != "/user"]
        assert differences == [], config
        assert [o.fake_status for o in replayed if o.recorded.operation == CONSENT] == statuses
