"""One TLS verification context for every network client of the package, following the environment."""

from __future__ import annotations

import ssl

import certifi
import httpx
import pytest

from cashfree_oneclick import tls
from cashfree_oneclick.bounded import BoundedClient


def test_clients_left_to_httpx_share_one_context() -> None:
    first = tls.with_shared_verify({"timeout": 5})
    second = tls.with_shared_verify({})
    assert isinstance(first["verify"], ssl.SSLContext)
    assert first["verify"] is second["verify"]
    assert first["timeout"] == 5
    assert first["verify"].verify_mode == ssl.CERT_REQUIRED
    assert first["verify"].check_hostname


def test_a_client_s_own_choice_is_kept() -> None:
    own = ssl.create_default_context()
    transport = httpx.MockTransport(lambda request: httpx.Response(200))
    assert tls.with_shared_verify({"verify": own})["verify"] is own
    assert tls.with_shared_verify({"verify": False})["verify"] is False
    assert "verify" not in tls.with_shared_verify({"transport": transport})
    assert "verify" not in tls.with_shared_verify({"trust_env": False})


def test_a_changed_certificate_setting_gets_its_own_context(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    plain = tls.default_verify()
    monkeypatch.setenv("SSL_CERT_FILE", certifi.where())
    from_file = tls.default_verify()
    assert from_file is not plain
    assert from_file is tls.default_verify()


def test_the_bounded_client_uses_the_shared_context() -> None:
    with BoundedClient(max_bytes=1000, max_depth=10) as client:
        pool = client._transport._pool  # type: ignore[attr-defined]  # httpx's transport, httpcore's pool
        assert pool._ssl_context is tls.default_verify()
