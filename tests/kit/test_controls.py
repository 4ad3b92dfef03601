"""The one controls interface, implemented twice: in process and over the admin API, with the same
answers, the same refusals and the same journal for the same script."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest

from cashfree_oneclick.fake import FakeConfig, create_app
from cashfree_oneclick.fake.controls import ConsentRefused, ControlError, Controls
from cashfree_oneclick.fake.controls_http import HttpControls
from cashfree_oneclick.fake.kit import IN_PROCESS_URL
from cashfree_oneclick.fake.transport import async_transport
from cashfree_oneclick.version import API_VERSION

MOBILE = "9999900000"
APP_HEADERS = {
    "x-client-id": "test_app_client_id",
    "x-client-secret": "test_app_client_secret",
    "x-api-version": API_VERSION,
}
Script = Callable[[Controls, httpx.AsyncClient], Awaitable[Any]]


def _run_on_both(script: Script) -> tuple[Any, Any]:
    """``script`` on a fresh fake through its in-process controls, then on another through HTTP."""

    async def run(over_http: bool) -> Any:
        app = create_app(FakeConfig())
        transport = async_transport(app)
        controls: Controls = HttpControls(IN_PROCESS_URL, transport) if over_http else app.controls
        async with httpx.AsyncClient(base_url=IN_PROCESS_URL, transport=transport) as http:
            return await script(controls, http)

    return asyncio.run(run(False)), asyncio.run(run(True))


async def _session(http: httpx.AsyncClient, verification_id: str, mobile: str = MOBILE) -> str:
    user = {"identifier_type": "MOBILE", "identifier_value": mobile}
    answer = await http.post(
        "/oauth2/session", json={"verification_id": verification_id, "user": user}, headers=APP_HEADERS
    )
    assert answer.status_code == 200, answer.text
    session_id: str = answer.json()["session_id"]
    return session_id


def test_a_script_gives_the_same_answers_and_journal_in_process_and_over_http() -> None:
    async def script(controls: Controls, http: httpx.AsyncClient) -> Any:
        code = await controls.approve(await _session(http, "vid-1"), scopes=["NAME"])
        token = await http.post("/oauth2/generate-token", json={"auth_code": code}, headers=APP_HEADERS)
        denied = await controls.deny(await _session(http, "vid-2"))
        dropped = await controls.drop(await _session(http, "vid-3"))
        pending = await controls.fail("VrsUserVaultOauthInitiation", 429, times=2, retry_after=3)
        cleared = await controls.clear_faults()
        person = await controls.person("business_pan", "9999900001")
        offset_before = await controls.clock_offset()
        moved = await controls.advance(60) - await controls.now()
        journal = [(r.operation, r.status, r.path) for r in await controls.journal()]
        await controls.clear_journal()
        emptied = await controls.journal()
        await controls.reset()
        return (
            token.status_code,
            denied["status"],
            dropped["status"],
            pending,
            cleared,
            person,
            offset_before,
            await controls.clock_offset(),
            abs(moved) < 5,
            journal,
            emptied,
        )

    in_process, over_http = _run_on_both(script)
    assert in_process == over_http
    assert in_process[3] == {"VrsUserVaultOauthInitiation": 2}
    # The controls' own consents are no exchange of the app's: neither journal holds them.
    assert in_process[9] == [
        ("VrsUserVaultOauthInitiation", 200, "/oauth2/session"),
        ("VrsUserVaultOauthGenerateToken", 200, "/oauth2/generate-token"),
        ("VrsUserVaultOauthInitiation", 200, "/oauth2/session"),
        ("VrsUserVaultOauthInitiation", 200, "/oauth2/session"),
    ]


@pytest.mark.parametrize(
    ("refused", "status", "code"),
    [
        (lambda c, s: c.approve("no-such-session"), 404, None),
        (lambda c, s: c.fail("VrsUserVaultOauthInitiation", 418), 400, "control_invalid"),
        # Over HTTP the gate checks the body against admin.yaml first: the code is the schema's there.
        (lambda c, s: c.person("nobody-of-that-name"), 400, None),
        (lambda c, s: c.advance(-1), 400, None),
    ],
)
def test_a_refusal_is_the_same_control_error_in_both(
    refused: Callable[[Controls, str], Awaitable[Any]], status: int, code: str | None
) -> None:
    async def script(controls: Controls, http: httpx.AsyncClient) -> tuple[int, str]:
        with pytest.raises(ControlError) as error:
            await refused(controls, await _session(http, "vid-refused"))
        return error.value.status, error.value.code

    in_process, over_http = _run_on_both(script)
    assert in_process[0] == over_http[0] == status
    if code is not None:
        assert in_process[1] == over_http[1] == code


def test_approve_of_a_denying_user_is_consent_refused_in_both() -> None:
    async def script(controls: Controls, http: httpx.AsyncClient) -> str:
        with pytest.raises(ConsentRefused) as error:
            await controls.approve(await _session(http, "vid-magic", "9000000010"))
        return type(error.value).__name__

    assert _run_on_both(script) == ("ConsentRefused", "ConsentRefused")


def test_over_http_quirks_and_a_new_config_are_refused_and_change_nothing() -> None:
    async def script(controls: Controls, http: httpx.AsyncClient) -> Any:
        await _session(http, "vid-kept")
        for control in (controls.quirks(True), controls.reset(FakeConfig(quirks=True))):
            with pytest.raises(ControlError) as error:
                await control
            assert (error.value.status, error.value.code) == (501, "control_unsupported")
        return [r.operation for r in await controls.journal()]

    async def run() -> Any:
        app = create_app(FakeConfig())
        transport = async_transport(app)
        async with httpx.AsyncClient(base_url=IN_PROCESS_URL, transport=transport) as http:
            return await script(HttpControls(IN_PROCESS_URL, transport), http), app.config.quirks

    assert asyncio.run(run()) == (["VrsUserVaultOauthInitiation"], False)
