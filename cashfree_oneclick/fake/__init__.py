"""A stateful fake of Cashfree's 1-Click onboarding API (see cashfree_oneclick/fake/app.py).

from cashfree_oneclick.fake import FakeConfig, create_app
app = create_app(FakeConfig(quirks=True))          # an ASGI app, in-process
python -m cashfree_oneclick.fake --host 127.0.0.1 --port 8080   # a real server (uvicorn)

``OneClickFake`` is what the pytest fixtures hand a test (clients on the fake and its controls);
``ControlError`` is what a refused control raises.
"""

from cashfree_oneclick.fake.app import BASE_PATH, FakeCashfree, create_app
from cashfree_oneclick.fake.config import (
    TEST_APP_CLIENT_ID,
    TEST_APP_CLIENT_SECRET,
    TEST_GENERAL_CLIENT_ID,
    TEST_GENERAL_CLIENT_SECRET,
    FakeConfig,
    RateLimit,
)
from cashfree_oneclick.fake.controls import ControlError
from cashfree_oneclick.fake.kit import OneClickFake

__all__ = [
    "BASE_PATH",
    "TEST_APP_CLIENT_ID",
    "TEST_APP_CLIENT_SECRET",
    "TEST_GENERAL_CLIENT_ID",
    "TEST_GENERAL_CLIENT_SECRET",
    "ControlError",
    "FakeCashfree",
    "FakeConfig",
    "OneClickFake",
    "RateLimit",
    "create_app",
]
