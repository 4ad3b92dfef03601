"""Runs of the contract suite against vendor stand-ins over real HTTP (``record``, a ``VendorRun``).

Each run is expensive (seconds), so the fixtures of tests/fidelity/conftest.py record each stand-in
once per session; tests read its cassette and reports from a session temporary directory.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
from dataclasses import dataclass
from pathlib import Path

import pytest

from cashfree_oneclick.fake import (
    TEST_APP_CLIENT_ID,
    TEST_APP_CLIENT_SECRET,
    TEST_GENERAL_CLIENT_ID,
    TEST_GENERAL_CLIENT_SECRET,
    FakeConfig,
)
from cashfree_oneclick.redaction import REDACTOR
from contract_tests import __main__ as cli
from contract_tests import reports, runner
from contract_tests.fidelity.rebuild import Rebuilder
from contract_tests.profiles import PR_SEED, Profile
from contract_tests.targets import resolve
from tests.serving import serve
from tests.standins import Changes, VendorStandIn

# A stand-in that answers unlike the fake: one renamed error code, one renamed error type, a key of
# the session answer dropped and a number sent as a string.
CHANGED = Changes(
    codes={"auth_code_value_invalid": "auth_code_invalid"},
    types={"validation_error": "invalid_request_error"},
    drop=frozenset({"expiry"}),
    stringify=frozenset({"reference_id"}),
)


@dataclass(frozen=True)
class VendorRun:
    base_url: str
    exit_code: int
    reports: Path
    fake_paths: tuple[str, ...]  # /__fake__/ paths the run asked the stand-in for
    token: str  # the CASHFREE_ACCESS_TOKEN the run was given (minted on the stand-in's fake)
    printed: str = ""  # what the command line printed (a run through it; empty for a small run)

    @property
    def cassette(self) -> Path:
        return self.reports / "cassette.ndjson"


def record(
    directory: Path,
    changes: Changes | None,
    small: bool = False,
    negative: bool = False,
    config: FakeConfig | None = None,
) -> VendorRun:
    """A contract run against a stand-in with credentials from the environment only.

    By default the run goes through the command line (``python -m contract_tests --target URL``), as a
    user runs it; a ``small`` one (for a cassette only) calls the runner.
    """
    stand_ins: list[VendorStandIn] = []

    def wrap(app: object) -> VendorStandIn:
        stand_ins.append(VendorStandIn(app, changes))
        return stand_ins[-1]

    with serve(config or FakeConfig(), wrap=wrap) as serving, pytest.MonkeyPatch.context() as patch:
        token = asyncio.run(Rebuilder(serving.app).access_token())
        environ = {
            "CASHFREE_APP_CLIENT_ID": TEST_APP_CLIENT_ID,
            "CASHFREE_APP_CLIENT_SECRET": TEST_APP_CLIENT_SECRET,
            "CASHFREE_GENERAL_CLIENT_ID": TEST_GENERAL_CLIENT_ID,
            "CASHFREE_GENERAL_CLIENT_SECRET": TEST_GENERAL_CLIENT_SECRET,
            "CASHFREE_ACCESS_TOKEN": token,
        }
        if small:
            target = resolve(serving.base_url, environ=environ, negative=negative)
            prof = Profile("pr", PR_SEED, max_examples=2, max_time=120, stateful_steps=3)
            result = runner.run(target, prof, progress=None)
            outcome = reports.verdict(result)
            reports.write_all(result, outcome, directory, REDACTOR)
            exit_code = 0 if outcome.passed else 1
        else:
            for name, value in environ.items():
                patch.setenv(name, value)
            for name in ("CONTRACT_TARGET", "CONTRACT_SEED", "CONTRACT_NEGATIVE"):
                patch.delenv(name, raising=False)
            # The nightly profile shrunk as `make nightly` allows (a fixed seed): the command line end
            # to end in seconds.
            patch.setenv("CONTRACT_NIGHTLY_MAX_EXAMPLES", "2")
            arguments = ["--target", serving.base_url, "--profile", "nightly", "--seed", str(PR_SEED)]
            with contextlib.redirect_stdout(io.StringIO()) as printed:
                exit_code = cli.main([*arguments, "--report-dir", str(directory), "--quiet"])
    out = printed.getvalue() if not small else ""
    return VendorRun(serving.base_url, exit_code, directory, tuple(stand_ins[0].fake_paths), token, out)
