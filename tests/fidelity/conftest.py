"""Fixtures of the fidelity tests: runs of the contract suite against vendor stand-ins, recorded once
per session (``record`` and ``VendorRun`` are in tests/support/vendor_runs.py).
"""

from __future__ import annotations

import pytest

from cashfree_oneclick.fake import FakeConfig
from tests.support.vendor_runs import CHANGED, VendorRun, record


@pytest.fixture(scope="session")
def identical_run(tmp_path_factory: pytest.TempPathFactory) -> VendorRun:
    return record(tmp_path_factory.mktemp("identical"), None)


@pytest.fixture(scope="session")
def changed_run(tmp_path_factory: pytest.TempPathFactory) -> VendorRun:
    return record(tmp_path_factory.mktemp("changed"), CHANGED, small=True)


@pytest.fixture(scope="session")
def negative_run(tmp_path_factory: pytest.TempPathFactory) -> VendorRun:
    return record(tmp_path_factory.mktemp("negative"), None, small=True, negative=True)


@pytest.fixture(scope="session")
def quirky_run(tmp_path_factory: pytest.TempPathFactory) -> VendorRun:
    """A stand-in that answers in the shapes of the vendor's own examples (the fake's quirks mode)."""
    return record(tmp_path_factory.mktemp("quirky"), None, small=True, config=FakeConfig(quirks=True))
