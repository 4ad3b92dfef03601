"""Credentials for the generated cases: the right apiKey pair per operation, and a real bearer token.

- data availability takes the merchant's general pair, session and generate-token the 1-Click app pair;
- user details takes a bearer token. Against a target with the fake's consent step, the token provider
  runs the flow (session -> consent -> generate-token) so stateless user-details cases carry a valid
  token; against the sandbox a pre-obtained CASHFREE_ACCESS_TOKEN is used, or user details is skipped.
"""

from __future__ import annotations

import uuid
from typing import Any

import requests

from cashfree_oneclick.version import API_VERSION
from contract_tests.schemathesis_adapter import AuthContext, Case, asgi_client
from contract_tests.targets import Credentials, Target

GENERAL_PAIR_OPERATION = "VrsUserVaultDataAvailability"
APP_PAIR_OPERATIONS = ("VrsUserVaultOauthInitiation", "VrsUserVaultOauthGenerateToken")
USER_DETAILS = "VrsUserVaultFetchDetailsFromAccessToken"
FLOW_MOBILE = "9999900000"  # synthetic, obviously fake


class FlowError(RuntimeError):
    """The flow could not be driven to an access token."""


def http_session(target: Target) -> requests.Session:
    return asgi_client(target.app) if target.app is not None else requests.Session()


def obtain_access_token(target: Target, session: requests.Session | None = None) -> str:
    """Run session -> consent -> generate-token against ``target`` (it must have the consent step)."""
    if not target.has_consent_step or target.app_pair is None:
        raise FlowError("this target has no consent step: give CASHFREE_ACCESS_TOKEN instead")
    http = session or http_session(target)
    headers = {
        "x-client-id": target.app_pair.client_id,
        "x-client-secret": target.app_pair.client_secret,
        "x-api-version": API_VERSION,
    }
    base = target.base_url
    verification_id = f"contract-{uuid.uuid4().hex}"
    user = {"identifier_type": "MOBILE", "identifier_value": FLOW_MOBILE}
    started = http.post(
        f"{base}/oauth2/session",
        json={"verification_id": verification_id, "user": user},
        headers=headers,
        timeout=10,
    )
    _expect(started, "session")
    consent = http.post(
        f"{base}/__fake__/sessions/{started.json()['session_id']}/consent",
        json={"decision": "GRANTED"},
        timeout=10,
    )
    _expect(consent, "consent")
    token = http.post(
        f"{base}/oauth2/generate-token",
        json={"auth_code": consent.json()["auth_code"]},
        headers=headers,
        timeout=10,
    )
    _expect(token, "generate-token")
    access_token: str = token.json()["access_token"]
    return access_token


def _expect(response: requests.Response, step: str) -> None:
    if response.status_code != 200:
        body = (
            response.json() if response.headers.get("content-type", "").startswith("application/json") else {}
        )
        raise FlowError(f"{step} answered {response.status_code} {body.get('code', '')}".strip())


def _api_key_provider(pair: Credentials) -> type:
    class ApiKeyPair:
        def get(self, case: Case[Any], ctx: AuthContext) -> Credentials:
            return pair

        def set(self, case: Case[Any], data: Credentials, ctx: AuthContext) -> None:
            case.headers["x-client-id"] = data.client_id
            case.headers["x-client-secret"] = data.client_secret

    return ApiKeyPair


def _token_provider(target: Target) -> type:
    class FlowToken:
        def get(self, case: Case[Any], ctx: AuthContext) -> str:
            return target.access_token or obtain_access_token(target)

        def set(self, case: Case[Any], data: str, ctx: AuthContext) -> None:
            # In the stateful phase a link (generate-token -> user details) carries the token of the flow
            # just run: keep it, so the scenario proves the links, not this provider.
            if phase_of(case) == "stateful" and "Authorization" in case.headers:
                return
            case.headers["Authorization"] = f"Bearer {data}"

    return FlowToken


def phase_of(case: Case[Any]) -> str:
    meta = case.meta
    if meta is None:
        return ""
    name = meta.phase.name
    return str(getattr(name, "value", name))


def register(schema: Any, target: Target) -> None:
    """Attach the providers to ``schema`` (a loaded schemathesis schema), each to its operations."""
    if target.general_pair is not None:
        schema.auth.auth(refresh_interval=None).apply_to(operation_id=GENERAL_PAIR_OPERATION)(
            _api_key_provider(target.general_pair)
        )
    if target.app_pair is not None:
        schema.auth.auth(refresh_interval=None).apply_to(operation_id=list(APP_PAIR_OPERATIONS))(
            _api_key_provider(target.app_pair)
        )
    if target.access_token or target.has_consent_step:
        # Tokens live one hour; refreshing every 10 minutes keeps them far from expiry.
        schema.auth.auth(refresh_interval=600).apply_to(operation_id=USER_DETAILS)(_token_provider(target))
