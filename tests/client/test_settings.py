"""Client settings: from arguments or CASHFREE_* variables (arguments win), defaults, and no secret in a repr.

The environment is passed as a mapping (``environ=``) except in one test, which sets real variables to
check the default reads ``os.environ``. Where it matters, the request the client sends is checked too
(host, path, ``x-api-version``, the time-outs httpx was given for it).
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from cashfree_oneclick import (
    DEFAULT_API_VERSION,
    PRODUCTION_URL,
    SANDBOX_URL,
    AsyncOneClickClient,
    OneClickClient,
    api_key_client,
    bearer_client,
    resolve,
)
from tests.support.client import APP_SECRET, GENERAL_SECRET, Script, success

ENV = {
    "CASHFREE_APP_CLIENT_ID": "env-app-id",
    "CASHFREE_APP_CLIENT_SECRET": "env-app-secret-Pq3",
    "CASHFREE_GENERAL_CLIENT_ID": "env-general-id",
    "CASHFREE_GENERAL_CLIENT_SECRET": "env-general-secret-Rt5",
}


def sent(environ: dict[str, str], method: str = "data_availability", **options: Any) -> httpx.Request:
    """The one request a client configured by ``environ`` and ``options`` sends for ``method``."""
    script = Script(success(method))
    with OneClickClient(
        httpx_transport=script.transport, sleep=lambda _: None, environ=environ, **options
    ) as cf:
        getattr(cf, method)("vid-1", "9876543210")
    (request,) = script.requests
    return request


def test_the_default_is_the_sandbox() -> None:
    settings = resolve(environ={})

    assert settings.base_url == SANDBOX_URL
    assert settings.api_version == DEFAULT_API_VERSION == "2024-12-01"
    assert settings.app_pair is None
    assert settings.general_pair is None


def test_cashfree_env_production_sends_to_api_cashfree_com() -> None:
    request = sent({**ENV, "CASHFREE_ENV": "production"})

    assert resolve(environ={"CASHFREE_ENV": " Production "}).base_url == PRODUCTION_URL
    assert request.url.host == "api.cashfree.com"
    assert request.url.path == "/verification/user/data-availability"
    assert request.url.scheme == "https"


def test_cashfree_base_url_is_used_without_its_trailing_slash() -> None:
    request = sent({**ENV, "CASHFREE_BASE_URL": "http://127.0.0.1:9999/verification/"})

    assert (request.url.host, request.url.port) == ("127.0.0.1", 9999)
    assert request.url.path == "/verification/user/data-availability"


def test_pairs_and_api_version_come_from_the_environment() -> None:
    request = sent({**ENV, "CASHFREE_API_VERSION": "2024-12-17"})
    session = sent({**ENV}, "initiate_session")

    assert (request.headers["x-client-id"], request.headers["x-client-secret"]) == (
        "env-general-id",
        "env-general-secret-Rt5",
    )
    assert request.headers["x-api-version"] == "2024-12-17"
    assert session.headers["x-client-id"] == "env-app-id"


def test_arguments_win_over_the_environment() -> None:
    environ = {
        **ENV,
        "CASHFREE_BASE_URL": "http://env.example/verification",
        "CASHFREE_API_VERSION": "2020-01-01",
    }
    request = sent(
        environ,
        base_url="http://arg.example/verification",
        general_client_id="arg-general-id",
        general_client_secret="arg-general-secret",  # noqa: S106 - a planted test value
        api_version="2024-12-17",
    )

    assert request.url.host == "arg.example"
    assert request.headers["x-client-id"] == "arg-general-id"
    assert request.headers["x-client-secret"] == "arg-general-secret"
    assert request.headers["x-api-version"] == "2024-12-17"


def test_an_environment_argument_wins_over_cashfree_base_url() -> None:
    settings = resolve(environment="production", environ={"CASHFREE_BASE_URL": "http://env.example/v"})

    assert settings.base_url == PRODUCTION_URL


def test_the_default_reads_os_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("CASHFREE_ENV", "production")
    monkeypatch.delenv("CASHFREE_BASE_URL", raising=False)
    monkeypatch.delenv("CASHFREE_API_VERSION", raising=False)
    with OneClickClient() as client:
        settings = client.settings

    assert settings.base_url == PRODUCTION_URL
    assert settings.app_pair is not None
    assert settings.app_pair.client_id == "env-app-id"


@pytest.mark.parametrize(
    "environ",
    [
        {"CASHFREE_APP_CLIENT_ID": "only-id"},
        {"CASHFREE_APP_CLIENT_SECRET": "only-secret"},
        {"CASHFREE_GENERAL_CLIENT_ID": "only-id"},
        {"CASHFREE_GENERAL_CLIENT_SECRET": "only-secret"},
    ],
)
def test_half_a_pair_from_the_environment_is_refused(environ: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="needs both a client id and a client secret"):
        resolve(environ=environ)


def test_half_a_pair_from_arguments_is_refused() -> None:
    with pytest.raises(ValueError, match="needs both"):
        OneClickClient(app_client_id="id-without-secret", environ={})


@pytest.mark.parametrize(
    "options",
    [{"environment": "staging"}, {"base_url": "ftp://example.com"}, {"environ": {"CASHFREE_ENV": "prod"}}],
)
def test_an_unknown_environment_or_url_is_refused(options: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=r"environment|base_url"):
        resolve(**{"environ": {}, **options})


def test_no_repr_shows_a_secret() -> None:
    settings = resolve(environ=ENV)
    with (
        OneClickClient(settings) as sync,
        OneClickClient(app_client_id="a", app_client_secret=APP_SECRET, environ={}) as app_only,
        OneClickClient(general_client_id="g", general_client_secret=GENERAL_SECRET, environ={}) as general,
    ):
        texts = [repr(settings), str(settings), repr(settings.app_pair), repr(sync), repr(app_only)]
        texts += [repr(general), repr(general._auth), repr(general._generated)]
    texts.append(repr(AsyncOneClickClient(settings)))

    for text in texts:
        for secret in (ENV["CASHFREE_APP_CLIENT_SECRET"], ENV["CASHFREE_GENERAL_CLIENT_SECRET"], APP_SECRET):
            assert secret not in text
        assert GENERAL_SECRET not in text
    assert "env-app-id" in repr(settings)  # the id is shown: it tells which pair is configured


def test_default_time_outs_reach_every_request() -> None:
    request = sent(ENV)

    assert request.extensions["timeout"] == {"connect": 5.0, "read": 15.0, "write": 15.0, "pool": 15.0}


def test_the_one_line_helpers_share_the_flow_clients_default_time_outs() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={})

    args = {"transport": httpx.MockTransport(answer)}
    with api_key_client("an-id", "a-secret", httpx_args=args).get_httpx_client() as http:
        http.get("/oauth2/session")
    with bearer_client("a-token", httpx_args=args).get_httpx_client() as http:
        http.get("/oauth2/user-details")

    flow = sent(ENV).extensions["timeout"]
    assert [request.extensions["timeout"] for request in seen] == [flow, flow]


@pytest.mark.parametrize(
    ("timeout", "expected"),
    [
        (2.5, {"connect": 2.5, "read": 2.5, "write": 2.5, "pool": 2.5}),
        (httpx.Timeout(30.0, connect=1.0), {"connect": 1.0, "read": 30.0, "write": 30.0, "pool": 30.0}),
    ],
)
def test_time_outs_are_configurable(timeout: float | httpx.Timeout, expected: dict[str, float]) -> None:
    assert sent(ENV, timeout=timeout, deadline=100.0).extensions["timeout"] == expected


def test_time_outs_are_cut_to_what_remains_of_the_deadline() -> None:
    timeouts = sent(ENV, timeout=httpx.Timeout(30.0, connect=1.0), deadline=4.0).extensions["timeout"]

    assert timeouts["connect"] == 1.0
    assert all(3.0 < timeouts[phase] <= 4.0 for phase in ("read", "write", "pool"))
