"""A stateful fake of Cashfree's 1-Click onboarding API (see cashfree_oneclick/fake/app.py).

from cashfree_oneclick.fake import FakeConfig, create_app
app = create_app(FakeConfig(quirks=True))          # an ASGI app, in-process
python -m cashfree_oneclick.fake --host 127.0.0.1 --port 8080   # a real server (uvicorn)

``OneClickFake`` is what the pytest fixtures hand a test (clients on the fake and its controls);
``ControlError`` is what a refused control raises.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

# Each name is imported from its module on first use (PEP 562), not when the package is: the pytest
# plugin (a submodule, loaded by every pytest run where the kit is installed) must import nothing of
# the fake's server dependencies, which are the `fake` extra and may not be installed.
_HOMES = {
    "BASE_PATH": "app",
    "FakeCashfree": "app",
    "create_app": "app",
    "TEST_APP_CLIENT_ID": "config",
    "TEST_APP_CLIENT_SECRET": "config",
    "TEST_GENERAL_CLIENT_ID": "config",
    "TEST_GENERAL_CLIENT_SECRET": "config",
    "FakeConfig": "config",
    "RateLimit": "config",
    "ControlError": "controls",
    "OneClickFake": "kit",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # once: later lookups are plain module attributes
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOMES])


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
