"""The errors a newcomer meets first: each says what is wrong and what to do.

A wrong base path (every answer 404) gets the /verification hint; a target without credentials stops
with exit 2 naming the variables and leaves no stale report behind; ``--help`` lists every variable
the suite reads (checked against the source); ``make fake PORT=80000`` is refused, not served on a
random port.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cashfree_oneclick.fake.__main__ import main as fake_main
from contract_tests import reports, runner
from contract_tests.__main__ import main
from contract_tests.profiles import Profile
from contract_tests.targets import VARIABLES, resolve
from tests.serving import serve

PAIRS = {
    "CASHFREE_APP_CLIENT_ID": "test_app_client_id",
    "CASHFREE_APP_CLIENT_SECRET": "test_app_client_secret",
    "CASHFREE_GENERAL_CLIENT_ID": "test_general_client_id",
    "CASHFREE_GENERAL_CLIENT_SECRET": "test_general_client_secret",
}
SOURCE = Path(__file__).resolve().parents[2] / "contract_tests"


def test_a_base_url_answering_only_404_gets_the_verification_hint() -> None:
    with serve() as serving:
        wrong = serving.base_url.removesuffix("/verification")  # the fake lives under /verification
        target = resolve(wrong, environ=PAIRS)
        examples = {
            name: {"enabled": name == "examples"} for name in ("examples", "coverage", "fuzzing", "stateful")
        }
        result = runner.run(
            target, Profile("pr", 1, max_examples=1, max_time=20, stateful_steps=1),
            progress=None, overrides={"phases": examples},
        )  # fmt: skip
    outcome = reports.verdict(result)
    assert any("every answer was 404" in reason and "/verification" in reason for reason in outcome.reasons)


def test_a_target_that_cannot_run_exits_2_naming_the_variables_and_leaves_no_stale_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in PAIRS:
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "summary.md").write_text("# Contract run: PASS\n", encoding="utf-8")
    (tmp_path / "findings.json").write_text("{}", encoding="utf-8")
    with serve() as serving:
        # A foreign server: the fake with a base path that is not its own answers 404 to the identity probe.
        code = main(["--target", serving.base_url + "/x", "--report-dir", str(tmp_path), "--quiet"])
    assert code == 2
    error = capsys.readouterr().err
    assert "missing: CASHFREE_APP_CLIENT_ID, CASHFREE_APP_CLIENT_SECRET" in error
    assert sorted(path.name for path in tmp_path.iterdir()) == []


def test_help_lists_every_variable_the_suite_reads(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    shown = capsys.readouterr().out
    read = set()
    for path in SOURCE.glob("*.py"):
        read |= set(re.findall(r"\"((?:CONTRACT|CASHFREE)_[A-Z_]+)\"", path.read_text(encoding="utf-8")))
    listed = " ".join(VARIABLES)
    assert read, "no variable found: the scan is broken"
    for name in sorted(read):
        assert name.removesuffix("_ID").removesuffix("_SECRET") in listed, name
    for name in VARIABLES:
        assert name in shown
    assert "uv run python -m contract_tests" in shown


@pytest.mark.parametrize("port", ["80000", "-1", "http"])
def test_the_fake_refuses_a_port_that_is_not_one(port: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        fake_main(["--port", port])
    assert exited.value.code == 2
    assert "--port" in capsys.readouterr().err
