"""Credentials for the generated cases: the right apiKey pair per operation, and a real bearer token.

- data availability takes the merchant's general pair, session and generate-token the 1-Click app pair;
- user details takes a bearer token. Against a target with the fake's consent step, the token provider
  runs the flow (session -> consent -> generate-token) so stateless user-details cases carry a valid
  token; against the sandbox a pre-obtained CASHFREE_ACCESS_TOKEN is used, or user details is skipped.
"""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from cashfree_oneclick.fake.driver import FLOW_MOBILE, FlowBlockedError, FlowStep, run_steps, token_flow
from cashfree_oneclick.version import API_VERSION
from contract_tests import http_client
from contract_tests.schemathesis_adapter import AuthContext, Case
from contract_tests.targets import Credentials, Target

GENERAL_PAIR_OPERATION = "VrsUserVaultDataAvailability"
APP_PAIR_OPERATIONS = ("VrsUserVaultOauthInitiation", "VrsUserVaultOauthGenerateToken")
USER_DETAILS = "VrsUserVaultFetchDetailsFromAccessToken"
STEP_SECONDS = 10.0  # the most one step of the flow may take, answer included
__all__ = ["API_VERSION", "FLOW_MOBILE", "FlowError", "http_session", "obtain_access_token"]


class FlowError(RuntimeError):
    """The flow could not be driven to an access token."""


def http_session(target: Target) -> httpx.Client:
    """The suite's bounded httpx client for ``target`` (in-process over ASGI for the fake)."""
    return http_client.client(target.app, max_bytes=target.max_body_bytes)


def obtain_access_token(target: Target, session: httpx.Client | None = None) -> str:
    """Run session -> consent -> generate-token against ``target`` (it must have the consent step)."""
    if not target.has_consent_step or target.app_pair is None:
        raise FlowError("this target has no consent step: give CASHFREE_ACCESS_TOKEN instead")
    http = session or http_session(target)
    pair = target.app_pair

    def send(step: FlowStep) -> tuple[int, Any]:
        url = target.base_url + step.path
        try:
            answer = http_client.request(
                http, step.method, url, seconds=STEP_SECONDS, json=step.body, headers=step.headers
            )
        except http_client.NoAnswerError as error:
            raise FlowError(f"{step.step}: {error}") from error
        return answer.status, answer.json()

    flow = token_flow(pair.client_id, pair.client_secret, verification_id=f"contract-{uuid.uuid4().hex}")
    try:
        state = run_steps(flow, send)
    except FlowBlockedError as error:
        raise FlowError(f"{error.step.step} answered {error.why}") from error
    finally:
        if session is None:
            http.close()
    assert state.access_token is not None
    return state.access_token


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
