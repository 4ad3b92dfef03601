"""Run the drift corpus: each drift served alone, the suite run against it, detected or missed.

``python -m contract_tests.drift`` (``make drift``): every drift of the corpus wrapped around a fresh
fake, served by uvicorn on 127.0.0.1 (a free port) in a worker process, two drifts at a time, and the
suite run against it over HTTP: the whole pr profile (reports under ``build/drift/<name>/``), or for a
``quick`` drift the probes, the response rules and conformance, which are what catch it (``--whole``:
the whole profile for every drift). Prints drift / detected or missed / which finding / seconds and
exits 1 on any miss or false alarm. ``quick()`` runs a quick drift in process, no server (for tests).
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cashfree_oneclick.fake import FakeConfig, create_app
from cashfree_oneclick.fake.threaded import serve_in_thread
from cashfree_oneclick.redaction import REDACTOR
from contract_tests import conformance, findings, operations, probes, reports, rules, runner
from contract_tests.drift.corpus import BY_NAME, DRIFTS, Drift
from contract_tests.drift.middleware import DriftApp
from contract_tests.findings import Finding
from contract_tests.profiles import profile
from contract_tests.register_use import judge_by_register
from contract_tests.targets import Target, fake_target, resolve
from scripts.deviations import load_register

REGISTER = Path(__file__).resolve().parents[2] / "openapi" / "deviations.yaml"
OPERATION_IDS = dict(
    (operations.DA, operations.SESSION, operations.TOKEN, operations.DETAILS, operations.CONSENT)
)


@dataclass(frozen=True)
class Outcome:
    drift: str
    control: bool
    detected: bool  # for a control: whether the run failed (a false alarm)
    by: str  # the finding (rule, place) that caught it, or why it was missed / what alarmed
    seconds: float
    rules: frozenset[str] = frozenset()  # every rule with a new finding in the run

    @property
    def ok(self) -> bool:
        return self.detected != self.control


def judge(drift: Drift, new: list[Finding], reasons: tuple[str, ...], seconds: float) -> Outcome:
    checks = frozenset(f.check for f in new)
    if drift.control:
        alarm = [f"{f.check} {f.pointer}".strip() for f in new] or list(reasons)
        return Outcome(drift.name, True, bool(alarm), alarm[0] if alarm else "no finding", seconds, checks)
    caught = [f for f in new if f.check in drift.expect]
    if caught:
        first = caught[0]
        by = f"{first.check} {first.pointer} ({first.title})".replace("  ", " ")
        return Outcome(drift.name, False, True, by, seconds, checks)
    other = [f"{f.check} {f.pointer}".strip() for f in new] + list(reasons)
    return Outcome(
        drift.name, False, False, f"missed; other: {other[0]}" if other else "missed", seconds, checks
    )


def quick(drift: Drift) -> Outcome:
    """The probes, the response rules and conformance against the drifted fake, in process."""
    started = time.monotonic()
    base = fake_target()
    return _probed(drift, dataclasses.replace(base, app=DriftApp(base.app, drift)), started)


def _probed(drift: Drift, target: Target, started: float) -> Outcome:
    """The probes, the response rules and conformance against ``target``, judged for ``drift``."""
    probed = probes.run(target, 30.0)
    found = [
        *probed.findings,
        *conformance.findings(target.bundle, probed.interactions, OPERATION_IDS),
        *rules.findings(target.bundle, probed.interactions, OPERATION_IDS),
    ]
    classified = findings.classify(found, load_register(REGISTER))
    return judge(drift, [f for f in classified if not f.known], (), time.monotonic() - started)


@contextmanager
def serve(drift: Drift) -> Iterator[str]:
    """The fake wrapped with ``drift``, served by uvicorn on 127.0.0.1 at a free port; yields the base URL.

    Through the fake's one thread server (``serve_in_thread``): a server that does not start in time is
    stopped too, not left serving in its thread."""
    app = DriftApp(create_app(FakeConfig()), drift)
    with serve_in_thread(app, log_level="error", name=f"drift-{drift.name}") as served:
        yield served.base_url


def full(name: str, report_dir: Path | None = None, whole: bool = False) -> Outcome:
    """The drift named ``name`` served over HTTP, and the suite run against it (a worker process's job):
    the whole pr profile, or for a ``quick`` drift (one the probes, rules and conformance catch) those
    alone, over HTTP as well, unless ``whole``. The quick drifts are most of the corpus: through the
    engine each would cost a minute of both cores, for the same findings."""
    drift = BY_NAME[name]
    started = time.monotonic()
    with serve(drift) as url:
        target = resolve(url, environ={})
        if drift.quick and not whole:
            return _probed(drift, target, started)
        result = runner.run(target, profile("pr"), progress=None)
    judge_by_register(result, load_register(REGISTER), REDACTOR)
    verdict = reports.verdict(result)
    if report_dir is not None:
        reports.write_all(result, verdict, report_dir / name, REDACTOR)
    new = [f for f in result.findings if not f.known]
    return judge(drift, new, verdict.reasons, time.monotonic() - started)


def run_all(
    names: list[str], workers: int, report_dir: Path | None, whole: bool = False
) -> Iterator[Outcome]:
    """Each drift in its own worker process (the suite keeps per-run state in module globals)."""
    with ProcessPoolExecutor(max_workers=workers, max_tasks_per_child=1) as pool:
        futures = [pool.submit(full, name, report_dir, whole) for name in names]
        for name, future in zip(names, futures, strict=True):
            try:
                yield future.result()
            except Exception as error:  # a crashed run is a failed line of the table, not its end
                drift = BY_NAME.get(name)
                control = drift.control if drift is not None else False
                crash = REDACTOR.text(f"run crashed: {type(error).__name__}: {error}")
                yield Outcome(name, control, control, crash, 0.0)


def table_line(outcome: Outcome) -> str:
    if outcome.control:
        verdict = "FALSE ALARM" if outcome.detected else "passed (control)"
    else:
        verdict = "detected" if outcome.detected else "MISSED"
    return f"{outcome.drift:<34} {verdict:<17} {outcome.seconds:6.1f} s  {outcome.by[:110]}"


def all_names() -> list[str]:
    return [drift.name for drift in DRIFTS]
