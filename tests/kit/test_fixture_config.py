"""``oneclick_fake_config`` overridden in a test module: both fixtures serve that configuration (the
server fixture starts a server of its own for it), and the next module's default one again."""

from __future__ import annotations

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
