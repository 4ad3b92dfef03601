"""Target kinds by evidence: our fake says so at /__fake__/info; any other URL is a foreign server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import metadata

import pytest

from cashfree_oneclick import __version__
from cashfree_oneclick.fake import FakeConfig, RateLimit
from cashfree_oneclick.fake.info import FAKE_NAME
from contract_tests.detect import UnreachableError, judge
from contract_tests.targets import BUNDLES, SANDBOX_RATE_LIMIT, TargetError, resolve
from tests.serving import serve
from tests.standins import VendorStandIn

ENV = {
    "CASHFREE_APP_CLIENT_ID": "env_app_id",
    "CASHFREE_APP_CLIENT_SECRET": "env_app_secret",
    "CASHFREE_GENERAL_CLIENT_ID": "env_general_id",
    "CASHFREE_GENERAL_CLIENT_SECRET": "env_general_secret",
}


@pytest.fixture(scope="module")
def fake_url() -> Iterator[str]:
    with serve(FakeConfig(quirks=True)) as serving:
        yield serving.base_url


@pytest.fixture(scope="module")
def foreign_url() -> Iterator[str]:
    with serve(FakeConfig(), wrap=VendorStandIn) as serving:
        yield serving.base_url


@pytest.mark.parametrize(
    ("status", "content_type", "body", "why"),
    [
        (404, "application/json", b'{"code": "path_not_found"}', "answered 404: not our fake"),
        (200, "text/html", b"<html>proxy</html>", "text/html body"),
        (200, "application/json", b"not json", "not JSON"),
        (200, "application/json", b'["cashfree-oneclick-fake"]', "without the name"),
        (200, "application/json", b'{"name": "other-mock"}', "without the name"),
        (200, "application/json", json.dumps({"name": FAKE_NAME, "x": "y" * 5000}).encode(), "body"),
    ],
)
def test_anything_but_our_identity_is_foreign(status: int, content_type: str, body: bytes, why: str) -> None:
    detection = judge(status, content_type, body)
    assert not detection.is_fake
    assert why in detection.why


def test_our_identity_is_the_fake_and_says_what_is_switched_on() -> None:
    body = json.dumps({"name": FAKE_NAME, "version": "1.2.3", "quirks": True, "faults": False}).encode()
    detection = judge(200, "application/json; charset=utf-8", body)
    assert detection.is_fake
    assert detection.why == f"GET /__fake__/info answered 200: {FAKE_NAME} 1.2.3, with quirks on"


def test_our_fake_over_http_is_detected_by_its_answer(fake_url: str) -> None:
    target = resolve(fake_url, environ={})
    assert target.kind == "fake-url"
    assert "quirks on" in target.detected
    assert target.has_consent_step
    assert target.bundle == BUNDLES / "contract-fake.yaml"
    assert target.app_pair is not None
    assert target.app_pair.client_id == "test_app_client_id"
    # Credentials from the environment win over the fake's test pairs.
    assert resolve(fake_url, environ=ENV).app_pair.client_id == "env_app_id"  # type: ignore[union-attr]


def test_our_fake_says_what_it_is_whatever_faults_and_limits_are_on() -> None:
    config = FakeConfig(faults={500: 1.0}, ip_rate_limit=RateLimit(1), ip_allowlist=frozenset({"10.0.0.1"}))
    with serve(config) as serving:
        for _ in range(3):  # past the rate limit, every API call failing
            target = resolve(serving.base_url, environ={})
            assert target.kind == "fake-url"
    assert target.detected.endswith(f"{FAKE_NAME} {__version__}, with rate_limits, faults, ip_allowlist on")
    # One version: the installed distribution's (read by hatch from __version__) is the same number.
    assert metadata.version("cashfree-oneclick-kit") == __version__


def test_a_loopback_server_that_is_not_our_fake_is_foreign(foreign_url: str) -> None:
    target = resolve(foreign_url, environ=ENV)
    assert target.kind == "foreign"
    assert target.detected == "GET /__fake__/info answered 404: not our fake"
    assert target.bundle == BUNDLES / "contract.yaml"
    assert not target.has_consent_step
    assert target.app_pair is not None
    assert target.app_pair.client_id == "env_app_id"
    assert target.positive_only
    assert target.rate_limit is None
    assert target.request_budget is None
    assert not resolve(foreign_url, environ=ENV, negative=True).positive_only
    assert not resolve(foreign_url, environ={**ENV, "CONTRACT_NEGATIVE": "1"}).positive_only


def test_a_foreign_server_without_credentials_stops_naming_the_missing_variables(foreign_url: str) -> None:
    # Never the fake's test pairs, and never empty headers: the run cannot start.
    with pytest.raises(TargetError, match="missing: CASHFREE_APP_CLIENT_ID, CASHFREE_APP_CLIENT_SECRET, "
                       "CASHFREE_GENERAL_CLIENT_ID, CASHFREE_GENERAL_CLIENT_SECRET"):  # fmt: skip
        resolve(foreign_url, environ={})
    partial = {k: v for k, v in ENV.items() if "GENERAL" not in k}
    with pytest.raises(
        TargetError, match=r"missing: CASHFREE_GENERAL_CLIENT_ID, CASHFREE_GENERAL_CLIENT_SECRET$"
    ):
        resolve(foreign_url, environ=partial)


def test_remote_hosts_are_throttled_and_refuse_negative_data() -> None:
    probed: list[str] = []

    def detect(url: str) -> object:
        probed.append(url)
        return judge(404, "application/json", b"{}")

    target = resolve("https://staging.example.test/verification", environ=ENV, detect=detect)  # type: ignore[arg-type]
    assert probed == ["https://staging.example.test/verification"]
    assert target.kind == "foreign"
    assert target.positive_only
    assert target.rate_limit == SANDBOX_RATE_LIMIT
    assert target.request_budget == 300
    with pytest.raises(TargetError, match="servers on this machine only"):
        resolve("https://staging.example.test/verification", environ=ENV, negative=True, detect=detect)  # type: ignore[arg-type]
    sandbox = resolve("sandbox", environ=ENV, detect=detect)  # type: ignore[arg-type]
    assert sandbox.kind == "sandbox"
    assert "not probed" in sandbox.detected
    assert probed == ["https://staging.example.test/verification"], "Cashfree's hosts are never probed"


def test_an_unreachable_url_cannot_be_a_target(foreign_url: str) -> None:
    with serve(FakeConfig()) as serving:
        gone = serving.base_url
    with pytest.raises(TargetError, match=r"cannot tell what .* is: GET .* got no answer"):
        resolve(gone, environ={})


def test_a_password_in_the_base_url_is_a_secret_of_the_target() -> None:
    def detect(url: str) -> object:
        return judge(404, "application/json", b"{}")

    url = "https://user:planted-url-password-3e9a@staging.example.test/verification"
    target = resolve(url, environ=ENV, detect=detect)  # type: ignore[arg-type]
    assert "planted-url-password-3e9a" in target.secrets()
    plain = resolve("https://staging.example.test/verification", environ=ENV, detect=detect)  # type: ignore[arg-type]
    assert set(plain.secrets()) == set(ENV.values())


def test_an_unreachable_target_is_named_without_its_password() -> None:
    def unreachable(url: str) -> object:
        raise UnreachableError(f"GET {url}/__fake__/info got no answer: ConnectError: refused")

    url = "https://user:planted-url-password-77c1@staging.example.test/verification"
    with pytest.raises(TargetError) as raised:
        resolve(url, environ=ENV, detect=unreachable)  # type: ignore[arg-type]
    assert "planted-url-password-77c1" not in str(raised.value)
    assert str(raised.value).count("user:[REDACTED]@staging.example.test") == 2
