"""Properties of the generated client against the target (the fake served over HTTP).

For valid generated inputs: a call through the generated client returns the documented type for the
status it received, the request it sent validates against the contract bundle, and the parsed model
serialises back to the JSON received.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import pytest
from cashfree_oneclick_generated.api.one_click import (
    vrs_user_vault_fetch_details_from_access_token as details_api,
)
from cashfree_oneclick_generated.api.one_click import vrs_user_vault_oauth_generate_token as token_api
from cashfree_oneclick_generated.api.one_click import vrs_user_vault_oauth_initiation as session_api
from cashfree_oneclick_generated.models import (
    ErrorResponseSchema,
    FetchDetailsResponseSchema,
    GenerateTokenRequestSchema,
    GenerateTokenResponseSchema,
    InitiateOauthRequestSchema,
    InitiateOauthRequestSchemaUser,
    InitiateOauthResponseSchema,
)
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft7Validator

from cashfree_oneclick import api_key_client, bearer_client
from cashfree_oneclick.fake import TEST_APP_CLIENT_ID, TEST_APP_CLIENT_SECRET, FakeConfig
from cashfree_oneclick.version import API_VERSION
from contract_tests.auth import FLOW_MOBILE
from scripts.json_pointer import deref
from scripts.openapi_schema import to_json_schema
from scripts.yaml_io import load_yaml
from tests.strategies import mobile_numbers, verification_ids
from tests.support.fake_flow import served

pytestmark = pytest.mark.heavy(seconds=4)

CONTRACT = Path(__file__).resolve().parents[2] / "openapi" / "bundles" / "contract.yaml"


@cache
def request_validator(path: str, method: str) -> Draft7Validator:
    document = load_yaml(CONTRACT.read_text(encoding="utf-8"))
    body = document["paths"][path][method]["requestBody"]
    body = deref(document, body)
    return Draft7Validator(to_json_schema(body["content"]["application/json"]["schema"], document))


@cache
def documented_statuses(path: str, method: str) -> frozenset[int]:
    document = load_yaml(CONTRACT.read_text(encoding="utf-8"))
    return frozenset(int(status) for status in document["paths"][path][method]["responses"])


class Recorder:
    """An httpx event hook keeping every request the generated client sends."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> None:
        self.requests.append(request)


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with served(FakeConfig()) as url:
        yield url


def expect_documented_type(parsed: object, status: int, success: type[Any], path: str, method: str) -> None:
    assert status in documented_statuses(path, method), f"{status} is not documented for {method} {path}"
    assert isinstance(parsed, success if status == 200 else ErrorResponseSchema)


def test_session_calls_return_the_documented_type_and_send_valid_requests(base_url: str) -> None:
    recorder = Recorder()
    client = api_key_client(TEST_APP_CLIENT_ID, TEST_APP_CLIENT_SECRET, base_url=base_url,
                            httpx_args={"event_hooks": {"request": [recorder]}})  # fmt: skip

    @given(verification_id=verification_ids(), mobile=mobile_numbers(), fresh=st.booleans())
    def call(verification_id: str, mobile: str, fresh: bool) -> None:
        if fresh:  # half the time a never-used id (200), else whatever was drawn (often a 409 repeat)
            verification_id = (verification_id[:17] + "-" + uuid.uuid4().hex)[:50]
        body = InitiateOauthRequestSchema(InitiateOauthRequestSchemaUser("MOBILE", mobile), verification_id)
        response = session_api.sync_detailed(client=client, body=body, x_api_version=API_VERSION)
        expect_documented_type(
            response.parsed, response.status_code, InitiateOauthResponseSchema, "/oauth2/session", "post"
        )
        sent = json.loads(recorder.requests[-1].content)
        assert not list(request_validator("/oauth2/session", "post").iter_errors(sent))
        assert response.parsed is not None
        assert response.parsed.to_dict() == json.loads(response.content)

    with client:
        call()
    assert len(recorder.requests) > 10


def test_the_flow_through_the_generated_client_round_trips(base_url: str) -> None:
    app = api_key_client(TEST_APP_CLIENT_ID, TEST_APP_CLIENT_SECRET, base_url=base_url)

    @given(
        scopes=st.sets(
            st.sampled_from(["PAN", "AADHAAR", "NAME", "DOB", "BANK_ACCOUNT", "INCOME"]), min_size=1
        )
    )
    def flow(scopes: set[str]) -> None:
        body = InitiateOauthRequestSchema(
            InitiateOauthRequestSchemaUser("MOBILE", FLOW_MOBILE), f"prop-{uuid.uuid4().hex}"
        )
        session = session_api.sync(client=app, body=body, x_api_version=API_VERSION)
        assert isinstance(session, InitiateOauthResponseSchema)
        consent = admin.post(
            f"{base_url}/__fake__/sessions/{session.session_id}/consent",
            json={"decision": "GRANTED", "scopes": sorted(scopes)},
        ).json()
        token = token_api.sync_detailed(
            client=app, body=GenerateTokenRequestSchema(consent["auth_code"]), x_api_version=API_VERSION
        )
        expect_documented_type(
            token.parsed, token.status_code, GenerateTokenResponseSchema, "/oauth2/generate-token", "post"
        )
        assert isinstance(token.parsed, GenerateTokenResponseSchema)
        assert token.parsed.to_dict() == json.loads(token.content)
        with bearer_client(str(token.parsed.access_token), base_url=base_url) as user:
            details = details_api.sync_detailed(client=user, x_api_version=API_VERSION)
        expect_documented_type(
            details.parsed, details.status_code, FetchDetailsResponseSchema, "/oauth2/user-details", "get"
        )
        assert isinstance(details.parsed, FetchDetailsResponseSchema)
        assert details.parsed.to_dict() == json.loads(details.content)
        assert {scope.scope for scope in details.parsed.scopes} == scopes

    # One client for the consent step: a new one per example would build its TLS context again (30 ms).
    with app, httpx.Client(timeout=5) as admin:
        flow()
