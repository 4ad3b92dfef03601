"""Run schemathesis over a target and turn its events into our data: per-operation stats and findings.

The schemathesis engine runs every phase (examples, coverage, fuzzing, stateful) with our checks and
auth; we consume its events, count cases and statuses per operation, collect the failed checks as
findings, record every interaction for the cassette, enforce the request budget, and show progress.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TextIO

from cashfree_oneclick.jsonbody import DEFAULT_MAX_DEPTH
from contract_tests import auth, checks, conformance, policy, probes, rules
from contract_tests.engine_guard import BudgetExhaustedError, EngineGuard, RunStoppingError
from contract_tests.findings import SEVERITY_BY_CHECK, Finding, FindingKey, Severity, pointer_of
from contract_tests.interactions import Interaction
from contract_tests.profiles import Profile, schemathesis_config
from contract_tests.register_use import EntryUse
from contract_tests.schemathesis_adapter import events, execute, load_schema
from contract_tests.targets import Target

__all__ = ["BudgetExhaustedError", "OperationStats", "RunResult", "run"]


@dataclass
class OperationStats:
    label: str
    operation_id: str
    cases: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    stateful_user_details_200: int = 0


@dataclass
class RunResult:
    target: Target
    profile: Profile
    operations: dict[str, OperationStats]
    findings: list[Finding]
    interactions: list[Interaction]
    errors: list[str]
    elapsed: float
    stop_reason: str
    skipped: dict[str, str] = field(default_factory=dict)  # operation label -> why
    # The deviation register's entries as this run used them (set with the findings' classification).
    register: tuple[EntryUse, ...] = ()

    @property
    def operation_ids(self) -> dict[str, str]:
        """Operation label -> operationId, of every operation the run knew."""
        return {label: stats.operation_id for label, stats in self.operations.items()}


def _operation_ids(schema: Any) -> dict[str, str]:
    ids = {}
    for result in schema.get_all_operations():
        operation = result.ok()
        ids[operation.label] = operation.definition.raw.get("operationId", operation.label)
    return ids


# Seconds the engine gets to wind down after the time bound before the run is abandoned and reported.
GRACE_SECONDS = 10.0
# The engine is asked to stop this share of the bound in: its last scenarios and the rules after it
# then finish within the bound on a loaded machine too.
STOP_SHARE = 0.9
# The share of the time bound the probes may use (they are a dozen requests; this is their ceiling).
PROBE_SHARE = 0.25
# Requests schemathesis sends before any phase, outside every hook: its two capability probes (GET
# <base> with a NUL byte in a header, GET <base>/schemathesis-probe…). A server may refuse the first
# before any application sees it (uvicorn does); the sandbox would count both.
ENGINE_PROBES = 2
# The most one of the engine's answers may take to arrive in full, unless the configuration's
# request-timeout (per read for requests) says otherwise: then that, in total.
REQUEST_SECONDS = 10.0


def run(
    target: Target,
    prof: Profile,
    progress: TextIO | None = sys.stderr,
    overrides: dict[str, Any] | None = None,
    only: Sequence[str] = (),
    started: float | None = None,
) -> RunResult:
    """Run the suite; ``overrides`` replace top-level sections of the schemathesis configuration;
    ``only`` (operationIds) narrows it to those operations (and leaves the flow probes out).

    The run ends within ``prof.max_time`` (plus GRACE_SECONDS when the engine does not stop when asked:
    it is then abandoned, and the run says so): a timer stops the engine even when it sends no event.
    ``started`` (``time.monotonic()``) is when the bound began: the process's start for the command
    line, so that target detection counts too; now when not given.
    """
    started = time.monotonic() if started is None else started
    config = {**schemathesis_config(prof, target), **(overrides or {})}
    schema: Any = load_schema(target.bundle, config)
    # include/exclude make new schemas whose operations may still refer to this one: the guard knows both.
    loaded = schema
    if target.app is not None:
        schema.app = target.app
    if only:
        schema = schema.include(operation_id=list(only))
    skipped: dict[str, str] = {}
    probe_seconds = min(
        prof.max_time * PROBE_SHARE, max(0.0, started + prof.max_time * STOP_SHARE - time.monotonic())
    )
    probed = probes.run(target, probe_seconds) if not only else probes.ProbeResult()
    if not (target.access_token or target.has_consent_step):
        skipped["GET /oauth2/user-details"] = (
            "no CASHFREE_ACCESS_TOKEN given and the target has no consent step"
        )
        schema = schema.exclude(operation_id=auth.USER_DETAILS)
    elif probed.blocked_at is not None and not target.access_token:
        # Without a token the engine's user-details cases and the stateful links would spin on a flow
        # that cannot advance; the flow_blocked finding says where it stopped.
        skipped["GET /oauth2/user-details"] = f"flow blocked at {probed.blocked_at} (see flow_blocked)"
        schema = schema.exclude(operation_id=auth.USER_DETAILS)
    auth.register(schema, target)
    checks.reset()
    _install_failure_filter(schema)
    _install_unique_verification_ids(schema)
    # The probes' requests (at most four against the sandbox) are billed too: they count.
    # schemathesis's probing phase sends ENGINE_PROBES requests of its own, outside any hook: counted too.
    spent_before = len(probed.interactions) + ENGINE_PROBES
    budget = None if target.request_budget is None else max(0, target.request_budget - spent_before)

    ids = _operation_ids(schema)
    stats = {label: OperationStats(label, op_id) for label, op_id in ids.items()}
    findings: dict[FindingKey, Finding] = {}
    interactions: list[Interaction] = list(probed.interactions)
    errors: list[str] = []
    lock = threading.Lock()
    outcome = {"stop": "completed"}
    last_phase = {"name": "probing"}  # the engine's phase of its last event: where a cut run stopped
    report = _progress_printer(progress)
    stream = execute(schema)
    spent = threading.Event()

    def budget_spent() -> None:
        spent.set()
        stream.stop()

    guard = EngineGuard(
        (loaded, schema), budget, max_bytes=target.max_body_bytes, max_depth=DEFAULT_MAX_DEPTH,
        seconds=float(config.get("request-timeout") or REQUEST_SECONDS), on_spent=budget_spent,
    )  # fmt: skip
    deadline = started + prof.max_time
    stop_at = started + prof.max_time * STOP_SHARE

    def stop_at_bound() -> None:
        guard.stopping.set()
        stream.stop()

    timer = threading.Timer(max(0.0, stop_at - time.monotonic()), stop_at_bound)
    timer.daemon = True

    def consume() -> None:
        for event in stream:
            with lock:
                if isinstance(event, events.ScenarioFinished | events.FuzzScenarioFinished):
                    phase = str(getattr(getattr(event, "phase", "fuzzing"), "value", "fuzzing"))
                    last_phase["name"] = phase
                    _collect(event.recorder, phase, ids, stats, findings, interactions)
                    interactions.extend(checks.take_sent())  # sent by the checks of that scenario
                    report(stats)
                elif isinstance(event, events.NonFatalError):
                    if _caused_by(getattr(event, "value", None), (BudgetExhaustedError, RunStoppingError)):
                        continue  # the budget stops the run; the cases refused after it are no error
                    title = event.info.title if hasattr(event.info, "title") else event.value
                    errors.append(f"{event.label}: {title}")
                elif isinstance(event, events.FatalError):
                    errors.append(f"fatal: {event.exception}")
                elif isinstance(event, events.EngineFinished):
                    outcome["stop"] = str(event.stop_reason)

    consumer = threading.Thread(target=consume, name="contract-engine", daemon=True)
    with guard:
        timer.start()
        consumer.start()
        consumer.join(max(0.0, deadline - time.monotonic()) + GRACE_SECONDS)
        timer.cancel()
    with lock:
        stop_reason = outcome["stop"]
        if consumer.is_alive():
            stop_reason = f"abandoned: the engine did not stop within {GRACE_SECONDS:.0f} s of the time bound"
            errors.append(f"the run was cut at its time bound of {prof.max_time} s and is incomplete")
        elif spent.is_set():
            stop_reason = f"request budget of {target.request_budget} requests spent"
        elif time.monotonic() >= stop_at:
            stop_reason = f"time bound of {prof.max_time} s reached"
        interactions = [*interactions, *checks.take_sent()]
        found = dict(findings)
        stats = {label: replace(entry, statuses=Counter(entry.statuses)) for label, entry in stats.items()}
    if progress is not None:
        progress.write("\n")
    found.update((f.key, f) for f in _incomplete(probed, stop_reason, last_phase["name"]))
    for finding in [
        *probed.findings,
        *_cut_findings(guard, ids),
        *conformance.findings(target.bundle, interactions, ids),
    ]:
        found.setdefault(finding.key, finding)
    for finding in rules.findings(target.bundle, interactions, ids):
        found.setdefault(finding.key, finding)
    return RunResult(
        target,
        prof,
        stats,
        list(found.values()),
        interactions,
        errors,
        time.monotonic() - started,
        stop_reason,
        skipped,
    )


def _collect(
    recorder: Any,
    phase: str,
    ids: dict[str, str],
    stats: dict[str, OperationStats],
    findings: dict[FindingKey, Finding],
    interactions: list[Interaction],
) -> None:
    for case_id, interaction in recorder.interactions.items():
        node = recorder.cases.get(case_id)
        label = node.value.operation.label if node is not None else recorder.label
        entry = stats.setdefault(label, OperationStats(label, ids.get(label, label)))
        entry.cases += 1
        response = interaction.response
        if response is not None:
            entry.statuses[response.status_code] += 1
            linked = node is not None and node.parent_id is not None
            if (
                phase == "stateful"
                and linked
                and entry.operation_id == auth.USER_DETAILS
                and response.status_code == 200
            ):
                entry.stateful_user_details_200 += 1
        request = interaction.request
        interactions.append(
            Interaction(
                operation=label,
                phase=phase,
                method=request.method,
                url=request.uri,
                request_headers={
                    k: ", ".join(v) if isinstance(v, list) else str(v) for k, v in request.headers.items()
                },
                request_body=request.body if isinstance(request.body, bytes) else None,
                status=response.status_code if response is not None else None,
                response_headers={k: ", ".join(v) for k, v in response.headers.items()}
                if response is not None
                else {},
                response_body=response.content if response is not None else None,
                at=time.time(),
            )
        )
    for case_id, results in recorder.checks.items():
        node = recorder.cases.get(case_id)
        label = node.value.operation.label if node is not None else recorder.label
        interaction = recorder.interactions.get(case_id)
        status = interaction.response.status_code if interaction and interaction.response else None
        for check in results:
            if check.failure_info is None:
                continue
            failure = check.failure_info.failure
            finding = Finding(
                operation=label,
                operation_id=ids.get(label, label),
                check=check.name,
                title=str(getattr(failure, "title", type(failure).__name__)),
                message=str(getattr(failure, "message", "") or failure),
                severity=SEVERITY_BY_CHECK.get(check.name, Severity.MEDIUM),
                status=status,
                pointer=pointer_of(getattr(failure, "instance_path", None)),
                reproduce=check.failure_info.code_sample,
            )
            findings.setdefault(finding.key, finding)


VERIFICATION_ID_OPERATIONS = frozenset({"VrsUserVaultOauthInitiation", "VrsUserVaultDataAvailability"})


def _install_unique_verification_ids(schema: Any) -> None:
    """Make positive verification_ids unique in the fuzzing and stateful phases.

    A verification_id can be used once (409 after that, which the coverage and examples phases still
    exercise with the generated values as they are). Hypothesis draws small strings that repeat across
    phases, so without this nearly every stateful session would stop at 409 and never reach the token.
    The suffix keeps the value within the documented rule (1-50 of letters, digits, '.', '-', '_').
    """
    counter = 0

    @schema.hook  # type: ignore[untyped-decorator]
    def map_case(context: Any, case: Any) -> Any:
        nonlocal counter
        meta = case.meta
        body = case.body
        if (
            meta is None
            or auth.phase_of(case) not in ("fuzzing", "stateful")
            or str(getattr(meta.generation.mode, "value", meta.generation.mode)) != "positive"
            or case.operation.definition.raw.get("operationId") not in VERIFICATION_ID_OPERATIONS
            or not isinstance(body, dict)
            or not isinstance(body.get("verification_id"), str)
        ):
            return case
        counter += 1
        suffix = f"-u{counter}"
        body["verification_id"] = body["verification_id"][: 50 - len(suffix)] + suffix
        return case


def _install_failure_filter(schema: Any) -> None:
    @schema.hook  # type: ignore[untyped-decorator]
    def filter_failure(context: Any, failure: Any, case: Any, response: Any) -> bool:
        check = str(getattr(failure, "check_name", "") or type(failure).__name__)
        names = (
            {check, "missing_required_header"}
            if type(failure).__name__ == "MissingHeaderNotRejected"
            else {check}
        )
        operation_id = case.operation.definition.raw.get("operationId", "")
        code = checks.error_code(response)
        headers = getattr(response, "headers", None)
        return not any(
            policy.is_documented_exception(name, operation_id, response.status_code, code)
            or policy.is_planned_answer(name, headers)
            for name in names
        )


def _incomplete(probed: probes.ProbeResult, stop_reason: str, phase: str) -> list[Finding]:
    """What could not finish, as findings saying where it stopped (the reports are written anyway)."""

    def incomplete(title: str, message: str) -> Finding:
        return Finding(
            "(run)", "(run)", "run_incomplete", title, message,
            Severity.MEDIUM, None, "", "# a longer bound: PROFILE=nightly, or a faster target",
        )  # fmt: skip

    found = []
    if probed.cut_before is not None:
        found.append(
            incomplete(
                "the probes stopped at their share of the time bound",
                f"the probes' time ran out before {probed.cut_before}: it and the rules after it did not run",
            )
        )
    if stop_reason.startswith("abandoned"):
        found.append(
            incomplete(
                "the engine was abandoned at the time bound",
                f"the engine did not stop when asked; it was in its {phase} phase: the rest is missing",
            )
        )
    return found


def _caused_by(
    error: BaseException | None, kind: type[BaseException] | tuple[type[BaseException], ...]
) -> bool:
    """Whether ``error`` or what it wraps (schemathesis wraps a hook's error) is a ``kind``."""
    while error is not None:
        if isinstance(error, kind):
            return True
        error = error.__cause__
    return False


def _cut_findings(guard: EngineGuard, ids: dict[str, str]) -> list[Finding]:
    """One ``body_within_limits`` finding per operation and reason of a body the guard cut."""
    found = []
    for cut in dict.fromkeys(guard.cuts):
        found.append(
            Finding(
                cut.operation, ids.get(cut.operation, cut.operation), "body_within_limits",
                "the answer's body is past the suite's limits",
                f"a {cut.status} answer was not read to its end: {cut.reason}",
                Severity.HIGH, cut.status, "", "# run the suite again: CONTRACT_SEED=<seed> make contract",
            )
        )  # fmt: skip
    return found


def _progress_printer(stream: TextIO | None) -> Callable[[dict[str, OperationStats]], None]:
    last = 0.0
    # A terminal gets one line rewritten in place; a CI log a line every few seconds.
    interactive = stream is not None and stream.isatty()
    every, ending, start = (0.5, "", "\r") if interactive else (2.0, "\n", "")

    def report(stats: dict[str, OperationStats]) -> None:
        nonlocal last
        now = time.monotonic()
        if stream is None or now - last < every:
            return
        last = now
        total = sum(entry.cases for entry in stats.values())
        statuses: Counter[int] = Counter()
        for entry in stats.values():
            statuses.update(entry.statuses)
        seen = ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items()))
        stream.write(f"{start}contract: {total} cases over {len(stats)} operations ({seen}){ending}")
        stream.flush()

    return report
