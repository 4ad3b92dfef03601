"""Access tokens: everything but a token the fake issued, unexpired, for a granted consent, is refused.

User details documents no 401: a missing token is 400 access_token_missing, anything else wrong is
400 access_token_value_invalid. The app's JWT secret is set here (FakeConfig(jwt_secret=...)) so the
tests can forge tokens the way only an insider could, and check what the signature alone does not.
"""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

import jwt
import pytest

from cashfree_oneclick.fake import FakeCashfree, FakeConfig
from tests.support.fake_bundle import assert_error, assert_matches
from tests.support.fake_flow import FakeClock, FlowClient, in_process

pytestmark = pytest.mark.anyio


@pytest.fixture(params=["memory", "redis"])
def store(request: pytest.FixtureRequest) -> str:
    """Every rule here holds on both state stores (Redis: a real redis-server, a fresh key prefix)."""
    param: str = request.param
    return param


JWT_SECRET = "fake-jwt-secret-for-tests-" + "0123456789abcdef" * 3  # 74 chars: long enough for HS512 too
OTHER_SECRET = "another-secret-the-fake-does-not-know-" + "fedcba9876543210" * 2
INVALID = ("access_token_value_invalid", "access_token should be valid.")
MISSING = ("access_token_missing", "access_token is missing in the request.")


@pytest.fixture
async def fake(make_app: Callable[..., FakeCashfree]) -> AsyncIterator[FlowClient]:
    async with in_process(make_app(FakeConfig(jwt_secret=JWT_SECRET))) as client:
        yield client


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def flip_middle(segment: str) -> str:
    """One base64url character changed in the middle (all six of its bits count, unlike the last one)."""
    i = len(segment) // 2
    return segment[:i] + ("A" if segment[i] != "A" else "B") + segment[i + 1 :]


def claims_of(token: str) -> dict[str, Any]:
    claims: dict[str, Any] = jwt.decode(token, options={"verify_signature": False})
    return claims


def tampered_payload(token: str) -> str:
    header, payload, signature = token.split(".")
    return f"{header}.{flip_middle(payload)}.{signature}"


def tampered_signature(token: str) -> str:
    header, payload, signature = token.split(".")
    return f"{header}.{payload}.{flip_middle(signature)}"


def alg_none(token: str) -> str:
    header = b64url(json.dumps({"alg": "none", "typ": "JWT"}).encode())
    return f"{header}.{token.split('.')[1]}."


def alg_none_keeping_signature(token: str) -> str:
    header = b64url(json.dumps({"alg": "none", "typ": "JWT"}).encode())
    _, payload, signature = token.split(".")
    return f"{header}.{payload}.{signature}"


def resigned(**changes: Any) -> Callable[[str], str]:
    def forge(token: str) -> str:
        return jwt.encode({**claims_of(token), **changes}, JWT_SECRET, algorithm="HS256")

    return forge


def wrong_key(token: str) -> str:
    return jwt.encode(claims_of(token), OTHER_SECRET, algorithm="HS256")


def other_algorithm(token: str) -> str:
    return jwt.encode(claims_of(token), JWT_SECRET, algorithm="HS512")


def without_jti(token: str) -> str:
    claims = {k: v for k, v in claims_of(token).items() if k != "jti"}
    return jwt.encode(claims, JWT_SECRET, algorithm="HS256")


FORGERIES: dict[str, Callable[[str], str]] = {
    "payload-tampered": tampered_payload,
    "signature-tampered": tampered_signature,
    "signature-removed": lambda token: token.rsplit(".", 1)[0] + ".",
    "alg-none": alg_none,
    "alg-none-with-signature": alg_none_keeping_signature,
    "wrong-key": wrong_key,
    "hs512-right-key": other_algorithm,
    "wrong-audience": resigned(aud="someone-else"),
    "wrong-issuer": resigned(iss="https://sandbox.cashfree.com"),
    "unknown-token-id": resigned(jti=uuid.uuid4().hex),
    "missing-claim": without_jti,
    "scopes-not-a-list": resigned(scopes="PAN"),
    "garbage": lambda token: "garbage",
    "two-segments": lambda token: ".".join(token.split(".")[:2]),
}


async def test_the_issued_token_and_a_faithful_resign_are_accepted(fake: FlowClient) -> None:
    """The control: the fake accepts its token, and its claims re-signed with its key (plus a claim it
    ignores). What each forgery below changes is therefore what gets it refused."""
    granted = await fake.grant(scopes=["NAME"])
    assert_matches(await fake.user_details(granted.access_token), "VrsUserVaultFetchDetailsFromAccessToken")
    copy = resigned(note="re-signed by the test")(granted.access_token)
    assert copy != granted.access_token
    details = assert_matches(await fake.user_details(copy), "VrsUserVaultFetchDetailsFromAccessToken")
    assert [entry["scope"] for entry in details["scopes"]] == ["NAME"]


@pytest.mark.parametrize("forge", FORGERIES.values(), ids=FORGERIES.keys())
async def test_forged_tokens_are_refused(fake: FlowClient, forge: Callable[[str], str]) -> None:
    granted = await fake.grant()
    forged = forge(granted.access_token)
    assert forged != granted.access_token
    assert_error(await fake.user_details(forged), 400, *INVALID)
    # The real token is unaffected by the attempt.
    assert (await fake.user_details(granted.access_token)).status_code == 200


@pytest.mark.parametrize(
    "authorization",
    [
        pytest.param("Basic {token}", id="basic-scheme-real-token"),
        pytest.param("Basic dGVzdDp0ZXN0", id="basic-credentials"),
        pytest.param("Token {token}", id="other-scheme"),
        pytest.param("{token}", id="no-scheme"),
        pytest.param("Bearer {token}x", id="trailing-garbage"),
    ],
)
async def test_wrong_schemes_are_refused(fake: FlowClient, authorization: str) -> None:
    granted = await fake.grant()
    response = await fake.user_details(authorization=authorization.format(token=granted.access_token))
    assert_error(response, 400, *INVALID)


@pytest.mark.parametrize("authorization", [None, "", "Bearer", "Bearer ", "bearer   "])
async def test_missing_token(fake: FlowClient, authorization: str | None) -> None:
    response = await fake.user_details(authorization=authorization)
    assert_matches(response, "VrsUserVaultFetchDetailsFromAccessToken", 400)
    assert_error(response, 400, *MISSING)


async def test_scheme_is_case_insensitive(fake: FlowClient) -> None:
    granted = await fake.grant()
    assert (await fake.user_details(authorization=f"bearer {granted.access_token}")).status_code == 200


async def test_expired_token_is_refused(fake: FlowClient, clock: FakeClock) -> None:
    granted = await fake.grant()
    clock.advance(3600)
    assert_error(await fake.user_details(granted.access_token), 400, *INVALID)


@pytest.mark.parametrize(("decision", "status"), [("DENIED", "ERROR"), ("DROPPED", "USER_DROPPED")])
async def test_no_token_for_a_consent_not_granted(fake: FlowClient, decision: str, status: str) -> None:
    """Denied or dropped: no auth code, and even a token signed with the app's real secret is refused,
    because the session's consent is not GRANTED."""
    template = (await fake.grant()).access_token  # a real token, for the fake's issuer and audience
    session = (await fake.session()).json()
    callback = assert_matches(await fake.consent(session["session_id"], decision), "FakeGiveConsent")
    assert callback == {"verification_id": session["verification_id"], "status": status}

    for jti in (uuid.uuid4().hex, claims_of(template)["jti"]):
        forged = resigned(sub=session["session_id"], vid=session["verification_id"], jti=jti)(template)
        assert claims_of(forged)["sub"] == session["session_id"]
        assert_error(await fake.user_details(forged), 400, *INVALID)
