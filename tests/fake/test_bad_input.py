"""Bad input never crashes or hangs the fake: every answer is a vendor-shaped JSON error.

Bodies that are not JSON, not an object, too large (declared or streamed), too deep, not UTF-8, with
the wrong content type; wrong methods and unknown paths. Each request runs under a time limit, and the
app must still serve a valid request afterwards. A few of the cases run over real HTTP too.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from typing import Any

import anyio
import httpx
import pytest

from cashfree_oneclick.fake import FakeCashfree, FakeConfig
from tests.support.fake_bundle import assert_error
from tests.support.fake_flow import (
    APP_HEADERS,
    MOBILE,
    FlowClient,
    LiveServer,
    in_process,
    new_verification_id,
    over_http,
)

pytestmark = pytest.mark.anyio

LIMIT = 32 * 1024  # max_body_bytes of the in-process app (the deep bodies below fit)
JSON = {**APP_HEADERS, "content-type": "application/json"}
DEEP = 10_000
USER = b', "user": {"identifier_type": "MOBILE", "identifier_value": "9876543210"}'


def valid_session_body() -> dict[str, Any]:
    return {
        "verification_id": new_verification_id(),
        "user": {"identifier_type": "MOBILE", "identifier_value": MOBILE},
    }


def nested_lists(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


async def chunks(total: int, size: int = 256) -> AsyncIterator[bytes]:
    for start in range(0, total, size):
        yield b" " * min(size, total - start)


@pytest.fixture
async def fake(make_app: Callable[..., FakeCashfree]) -> AsyncIterator[FlowClient]:
    async with in_process(make_app(FakeConfig(max_body_bytes=LIMIT))) as client:
        yield client
        # Whatever the test sent, the app still serves the flow.
        assert (await client.session()).status_code == 200


async def post(fake: FlowClient, path: str = "/oauth2/session", **kwargs: Any) -> httpx.Response:
    with anyio.fail_after(10):
        return await fake.http.post(path, **kwargs)


BAD_BODIES = [
    pytest.param(b'{"verification_id": ', "request_body_invalid", id="truncated-json"),
    pytest.param(b"{'verification_id': 'v'}", "request_body_invalid", id="single-quotes"),
    pytest.param(b"", "request_body_invalid", id="empty"),
    pytest.param(b"[]", "request_body_invalid", id="array"),
    pytest.param(b'[{"verification_id": "v"}]', "request_body_invalid", id="array-of-object"),
    pytest.param(b'"a string"', "request_body_invalid", id="string"),
    pytest.param(b"42", "request_body_invalid", id="number"),
    pytest.param(b"null", "request_body_invalid", id="null"),
    pytest.param(b"true", "request_body_invalid", id="boolean"),
    pytest.param(b'{"verification_id": "\xff\xfe", "user": {}}', "request_body_invalid", id="invalid-utf8"),
    pytest.param(b'{"verification_id": "\xc0\xaf"' + USER + b"}", "request_body_invalid", id="overlong-utf8"),
    pytest.param(nested_lists(DEEP), "request_body_invalid", id="10k-nested-lists"),
    pytest.param(
        b'{"user": ' + nested_lists(DEEP // 2 - 10) + b"}", "request_body_invalid", id="5k-nested-field"
    ),
    pytest.param(
        b'{"user": ' + b'{"a": ' * 100 + b"1" + b"}" * 101, "request_body_invalid", id="100-nested-objects"
    ),
    pytest.param(
        b'{"verification_id": 1' + b"0" * 600 + USER + b"}", "verification_id_value_invalid", id="huge-int"
    ),
    pytest.param(b'{"verification_id": NaN' + USER + b"}", "verification_id_value_invalid", id="nan"),
    pytest.param(
        b'{"verification_id": -Infinity' + USER + b"}", "verification_id_value_invalid", id="infinity"
    ),
]


@pytest.mark.parametrize(("body", "code"), BAD_BODIES)
async def test_bad_bodies_are_400(fake: FlowClient, body: bytes, code: str) -> None:
    assert len(body) <= LIMIT
    assert_error(await post(fake, headers=JSON, content=body), 400, code)


@pytest.mark.parametrize(
    "content_type",
    [None, "text/plain", "application/x-www-form-urlencoded", "application/jsonx", "multipart/form-data"],
)
async def test_wrong_or_missing_content_type(fake: FlowClient, content_type: str | None) -> None:
    headers = dict(APP_HEADERS)
    if content_type is not None:
        headers["content-type"] = content_type
    response = await post(fake, headers=headers, content=json.dumps(valid_session_body()).encode())
    assert_error(response, 400, "content_type_invalid", "content-type should be application/json.")


async def test_json_content_type_parameters_are_accepted(fake: FlowClient) -> None:
    headers = {**APP_HEADERS, "content-type": "Application/JSON; charset=utf-8"}
    response = await post(fake, headers=headers, content=json.dumps(valid_session_body()).encode())
    assert response.status_code == 200


async def test_body_over_the_limit_with_content_length(fake: FlowClient) -> None:
    response = await post(fake, headers=JSON, content=b" " * (LIMIT + 1))
    assert_error(response, 413, "request_too_large")


async def test_body_at_the_limit_is_read(fake: FlowClient) -> None:
    body = b'{"verification_id": "x", "user": {}}'
    response = await post(fake, headers=JSON, content=body + b" " * (LIMIT - len(body)))
    assert_error(response, 400, "identifier_type_missing")


async def test_streamed_body_over_the_limit(fake: FlowClient) -> None:
    response = await post(fake, headers=JSON, content=chunks(LIMIT * 4))
    assert "content-length" not in response.request.headers
    assert response.request.headers["transfer-encoding"] == "chunked"
    assert_error(response, 413, "request_too_large")


@pytest.mark.parametrize("where", ["top", "user", "both"])
async def test_unknown_fields_are_accepted(fake: FlowClient, where: str) -> None:
    body = valid_session_body()
    if where in {"top", "both"}:
        body["unexpected"] = {"nested": [1, 2, 3]}
    if where in {"user", "both"}:
        body["user"]["alias"] = "x"
    response = await post(fake, headers=APP_HEADERS, json=body)
    assert response.status_code == 200, response.text
    assert "unexpected" not in response.json()


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("GET", "/oauth2/session", "POST"),
        ("PUT", "/user/data-availability", "POST"),
        ("DELETE", "/oauth2/generate-token", "POST"),
        ("POST", "/oauth2/user-details", "GET"),
        ("GET", "/__fake__/sessions/some-session/consent", "POST"),
    ],
)
async def test_wrong_method_is_405_with_allow(fake: FlowClient, method: str, path: str, allow: str) -> None:
    with anyio.fail_after(10):
        response = await fake.http.request(method, path, headers=APP_HEADERS)
    assert_error(response, 405, "method_not_allowed")
    assert response.headers["allow"] == allow


@pytest.mark.parametrize(
    "url",
    [
        "http://fake/verification/oauth2/unknown",
        "http://fake/verification/oauth2/session/",
        "http://fake/verification",
        "http://fake/verification/",
        "http://fake/",
        "http://fake/oauth2/session",
        "http://fake/verification/__fake__/sessions//consent",
        "http://fake/verification/__fake__/sessions/a/b/consent",
    ],
)
async def test_unknown_path_is_404(fake: FlowClient, url: str) -> None:
    with anyio.fail_after(10):
        response = await fake.http.post(url, headers=APP_HEADERS, json=valid_session_body())
    assert_error(response, 404, "path_not_found")


async def test_api_version_header_is_checked(fake: FlowClient) -> None:
    missing = {k: v for k, v in APP_HEADERS.items() if k != "x-api-version"}
    assert_error(await post(fake, headers=missing, json=valid_session_body()), 400, "x-api-version_missing")
    wrong = {**APP_HEADERS, "x-api-version": "v1"}
    assert_error(
        await post(fake, headers=wrong, json=valid_session_body()), 400, "x-api-version_value_invalid"
    )


async def test_non_ascii_header_bytes(fake: FlowClient) -> None:
    headers: dict[str, str | bytes] = {**APP_HEADERS, "x-client-id": b"\xff\xfe\xc3("}
    response = await post(fake, headers=headers, json=valid_session_body())
    assert_error(response, 401, "authentication_failed")


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"decision": "MAYBE"}, "decision_value_invalid"),
        ({}, "decision_missing"),
        ({"decision": "GRANTED", "scopes": ["PAN", "PAN"]}, "scopes_value_invalid"),
        ({"decision": "GRANTED", "scopes": ["PASSPORT"]}, "scopes_value_invalid"),
        ({"decision": "GRANTED", "extra": 1}, "request_body_invalid"),  # the fake-only schema is closed
    ],
)
async def test_bad_consent_bodies(fake: FlowClient, body: dict[str, Any], code: str) -> None:
    session_id = (await fake.session()).json()["session_id"]
    response = await post(fake, f"/__fake__/sessions/{session_id}/consent", json=body)
    assert_error(response, 400, code)
    assert (await fake.consent(session_id)).status_code == 200, "a refused consent request decides nothing"


# ---------------------------------------------------------------------------------------------------
# Over real HTTP (uvicorn + httptools): the same answers through a real parser and socket.


DEFAULT_LIMIT = FakeConfig().max_body_bytes  # the live server's
SESSION = "/oauth2/session"
OVER_HTTP = [
    pytest.param("POST", SESSION, b"{", 400, "request_body_invalid", id="malformed-json"),
    pytest.param(
        "POST", SESSION, b'{"verification_id": "\xff"}', 400, "request_body_invalid", id="invalid-utf8"
    ),
    pytest.param("POST", SESSION, nested_lists(DEEP), 400, "request_body_invalid", id="10k-nested-lists"),
    pytest.param("POST", SESSION, b" " * (DEFAULT_LIMIT + 1), 413, "request_too_large", id="content-length"),
    pytest.param("POST", SESSION, None, 413, "request_too_large", id="chunked"),  # None: streamed
    pytest.param("GET", SESSION, b"", 405, "method_not_allowed", id="wrong-method"),
    pytest.param("POST", "/nowhere", b"{}", 404, "path_not_found", id="unknown-path"),
]


@pytest.mark.parametrize(("method", "path", "body", "status", "code"), OVER_HTTP)
async def test_bad_input_over_http(
    live_server: LiveServer, method: str, path: str, body: bytes | None, status: int, code: str
) -> None:
    content = chunks(DEFAULT_LIMIT * 2, 4096) if body is None else body
    async with over_http(live_server) as fake:
        with anyio.fail_after(20):
            response = await fake.http.request(method, path, headers=JSON, content=content)
            assert_error(response, status, code)
            assert (await fake.session()).status_code == 200
