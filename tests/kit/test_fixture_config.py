"""``oneclick_fake_config`` overridden in a test module: both fixtures serve that configuration (the
server fixture starts a server of its own for it), and the next module's default one again."""

from __future__ import annotations

import httpx
import pytest

from cashfree_oneclick import InsufficientBalanceError
from cashfree_oneclick.fake import FakeConfig
from cashfree_oneclick.fake.kit import OneClickFake

MOBILE = "9999900000"


@pytest.fixture
def oneclick_fake_config() -> FakeConfig:
    return FakeConfig(balance=1)


@pytest.fixture(params=["oneclick_fake", "oneclick_fake_server"])
def fake(request: pytest.FixtureRequest) -> OneClickFake:
    kit: OneClickFake = request.getfixturevalue(request.param)
    return kit


@pytest.mark.parametrize("attempt", [1, 2])  # the second test finds the balance restored by the reset
def test_the_overridden_config_is_the_one_served(fake: OneClickFake, attempt: int) -> None:
    with fake.client() as cf:
        cf.initiate_session(f"vid-balance-{attempt}", MOBILE)
        with pytest.raises(InsufficientBalanceError):
            cf.initiate_session(f"vid-balance-{attempt}-b", MOBILE)
    assert [r.status for r in fake.journal] == [200, 422]


def test_the_served_fixture_switches_quirks_and_config_as_the_in_process_one(
    oneclick_fake_server: OneClickFake,
) -> None:
    """The admin API has no route for quirks or a new config: a fake this process serves takes them on
    its own loop, so the served fixture keeps every control of the in-process one."""
    oneclick_fake_server.quirks(True)
    assert httpx.get(f"{oneclick_fake_server.base_url}/__fake__/info", timeout=5).json()["quirks"] is True
    oneclick_fake_server.reset(FakeConfig(latency_ms=0, quirks=False))
    assert httpx.get(f"{oneclick_fake_server.base_url}/__fake__/info", timeout=5).json()["quirks"] is False
