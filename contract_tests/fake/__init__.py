"""A stateful fake of Cashfree's 1-Click onboarding API (see contract_tests/fake/app.py).

from contract_tests.fake import FakeConfig, create_app
app = create_app(FakeConfig(quirks=True))          # an ASGI app, in-process
python -m contract_tests.fake --host 127.0.0.1 --port 8080   # a real server (uvicorn)
"""

from contract_tests.fake.app import BASE_PATH, FakeCashfree, create_app
from contract_tests.fake.config import (
    TEST_APP_CLIENT_ID,
    TEST_APP_CLIENT_SECRET,
    TEST_GENERAL_CLIENT_ID,
    TEST_GENERAL_CLIENT_SECRET,
    FakeConfig,
    RateLimit,
)

__all__ = [
    "BASE_PATH",
    "TEST_APP_CLIENT_ID",
    "TEST_APP_CLIENT_SECRET",
    "TEST_GENERAL_CLIENT_ID",
    "TEST_GENERAL_CLIENT_SECRET",
    "FakeCashfree",
    "FakeConfig",
    "RateLimit",
    "create_app",
]
