"""The run's verdict and its artifacts: JUnit XML, a Markdown summary, an NDJSON cassette.

Every artifact is built from our own data (RunResult, Finding) and passes through the project's
redaction module before it is written: headers and bodies by key and pattern, and every secret of the
target (client secrets, access token) by value. Schemathesis's own HAR/VCR writers are not used: they
mask header-like keys only and write bodies raw.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from cashfree_oneclick.redaction import Redactor, words_of
from contract_tests import auth, policy
from contract_tests.findings import Finding, redact
from contract_tests.register_use import Use
from contract_tests.runner import RunResult
from scripts.openapi_schema import read_bundle


@dataclass(frozen=True)
class Verdict:
    passed: bool
    reasons: tuple[str, ...]


def expected_success(result: RunResult) -> set[str]:
    """Operation ids that must reach a 2xx for the run to mean anything."""
    target = result.target
    expected = set()
    if target.general_pair is not None:
        expected.add(auth.GENERAL_PAIR_OPERATION)
    if target.app_pair is not None:
        expected.add("VrsUserVaultOauthInitiation")
        if target.has_consent_step:
            expected.update({"VrsUserVaultOauthGenerateToken", "FakeGiveConsent"})
    if target.access_token or target.has_consent_step:
        expected.add(auth.USER_DETAILS)
    return expected


def verdict(result: RunResult) -> Verdict:
    reasons = []
    new = [f for f in result.findings if not f.known]
    if new:
        reasons.append(f"{len(new)} new finding(s) not registered in openapi/deviations.yaml")
    reasons += [f"error: {error}" for error in result.errors]
    for stats in result.operations.values():
        if stats.operation_id in expected_success(result) and not any(200 <= s < 300 for s in stats.statuses):
            seen = ", ".join(f"{s}x{n}" for s, n in sorted(stats.statuses.items())) or "no response"
            reasons.append(
                f"{stats.label} never answered 2xx ({seen}): with credentials given this is no pass; "
                "check the credentials (and the access token) for this target"
            )
    answered = {status for stats in result.operations.values() for status in stats.statuses}
    answered |= {item.status for item in result.interactions if item.status is not None}
    if answered == {404}:
        reasons.append(
            f"every answer was 404: is {result.target.base_url} the API's base URL? Cashfree's base path "
            "ends in /verification (https://sandbox.cashfree.com/verification)"
        )
    if result.target.has_consent_step:
        details = [s for s in result.operations.values() if s.operation_id == auth.USER_DETAILS]
        if details and not details[0].stateful_user_details_200:
            reasons.append("no stateful scenario reached a 200 from user details through the links")
    return Verdict(not reasons, tuple(reasons))


def markdown(result: RunResult, outcome: Verdict) -> str:
    target, prof = result.target, result.profile
    total = sum(s.cases for s in result.operations.values())
    lines = [
        f"# Contract run: {'PASS' if outcome.passed else 'FAIL'}",
        "",
        f"- target: `{target.kind}` {target.base_url}: {target.detected}",
        f"- data: {'positive only' if target.positive_only else 'positive and negative'}"
        + (f", throttled to {target.rate_limit}" if target.rate_limit else "")
        + (f", at most {target.request_budget} requests" if target.request_budget else ""),
        f"- profile: `{prof.name}`, seed `{prof.seed}` (rerun: `CONTRACT_SEED={prof.seed} make contract`)",
        f"- {total} cases in {result.elapsed:.1f} s "
        f"({total / result.elapsed if result.elapsed else 0:.1f} cases/s), "
        f"stop: {result.stop_reason}",
        "",
        "## Operations",
        "",
        "| operation | cases | statuses seen | new | known |",
        "|---|---:|---|---:|---:|",
    ]
    for stats in sorted(result.operations.values(), key=lambda s: s.label):
        ops = [f for f in result.findings if f.operation == stats.label]
        seen = ", ".join(f"{s}: {n}" for s, n in sorted(stats.statuses.items())) or "-"
        lines.append(
            f"| `{stats.label}` | {stats.cases} | {seen} "
            f"| {sum(not f.known for f in ops)} | {sum(f.known for f in ops)} |"
        )
    for label, why in result.skipped.items():
        lines.append(f"| `{label}` | skipped | {why} | | |")
    lines += ["", "## Findings", ""]
    if not result.findings:
        lines += ["None.", ""]
    else:
        lines += [*by_rule(result.findings), ""]
    for finding in sorted(result.findings, key=lambda f: (f.known, f.check, f.operation, f.pointer)):
        state = f"known ({finding.deviation})" if finding.known else "**new**"
        lines += [
            f"### {state} · {finding.severity} · `{finding.operation}` · `{finding.check}`",
            "",
            f"{finding.title}" + (f" at `{finding.pointer}`" if finding.pointer else ""),
            "",
            "```",
            finding.message.strip()[:1500],
            "```",
            "",
            "Reproduce:",
            "",
            "```sh",
            finding.reproduce.strip(),
            "```",
            "",
        ]
    lines += register_section(result)
    if not outcome.passed:
        lines += ["## Why the run failed", "", *[f"- {reason}" for reason in outcome.reasons], ""]
    lines += ["## Checks switched off or adjusted", "", policy.describe(), ""]
    return "\n".join(lines)


def register_section(result: RunResult) -> list[str]:
    """The deviation register as the run used it: an entry whose place the run exercised without
    meeting it is unused (stale, or a target that does not send it), said but not failed."""
    if not result.register:
        return []
    unused = [entry.id for entry in result.register if entry.use is Use.UNUSED]
    lines = [
        "## Deviation register",
        "",
        f"Unused: {', '.join(unused)} (their place was in the answers, the recorded value never)."
        if unused
        else "No entry unused.",
        "",
        "| entry | use | findings | answers with its place |",
        "|---|---|---:|---:|",
    ]
    for entry in result.register:
        use = f"**{entry.use}**" if entry.use is Use.UNUSED else str(entry.use)
        lines.append(f"| {entry.id}: {entry.title} | {use} | {entry.findings} | {entry.answers} |")
    return [*lines, ""]


_SEVERITY_ORDER = ("critical", "high", "medium", "low")


def by_rule(found: list[Finding]) -> list[str]:
    """The summary's table: one row per rule (check), its worst severity, new and known counts, and
    the places (operation and JSON pointer) it was found at."""
    lines = ["| rule | worst | new | known | where |", "|---|---|---:|---:|---|"]
    rules: dict[str, list[Finding]] = {}
    for finding in found:
        rules.setdefault(finding.check, []).append(finding)
    for rule, items in sorted(rules.items(), key=lambda kv: (all(f.known for f in kv[1]), kv[0])):
        worst = min((str(f.severity) for f in items), key=_SEVERITY_ORDER.index)
        places = sorted({f"`{f.operation}` `{f.pointer or '(response)'}`" for f in items})
        where = ", ".join(places[:4]) + (f" (+{len(places) - 4})" if len(places) > 4 else "")
        known = sum(f.known for f in items)
        lines.append(f"| `{rule}` | {worst} | {len(items) - known} | {known} | {where} |")
    return lines


def junit(result: RunResult, outcome: Verdict) -> str:
    suite = ET.Element(
        "testsuite", name="contract", tests=str(len(result.operations)), time=f"{result.elapsed:.3f}"
    )
    ET.SubElement(ET.SubElement(suite, "properties"), "property", name="seed", value=str(result.profile.seed))
    failures = 0
    for stats in sorted(result.operations.values(), key=lambda s: s.label):
        case = ET.SubElement(suite, "testcase", classname=f"contract.{result.target.kind}", name=stats.label)
        ops = [f for f in result.findings if f.operation == stats.label]
        new = [f for f in ops if not f.known]
        silent = [r for r in outcome.reasons if r.startswith(stats.label)]
        if new or silent:
            failures += 1
            failure = ET.SubElement(
                case, "failure", message=f"{len(new)} new finding(s)" + (f"; {silent[0]}" if silent else "")
            )
            failure.text = "\n\n".join(_finding_text(f) for f in new) + (
                "\n" + "\n".join(silent) if silent else ""
            )
        out = [f"{stats.cases} cases; statuses {dict(sorted(stats.statuses.items()))}"]
        out += [f"known {f.deviation}: {f.check} {f.pointer}" for f in ops if f.known]
        ET.SubElement(case, "system-out").text = "\n".join(out)
    for label, why in result.skipped.items():
        ET.SubElement(
            ET.SubElement(suite, "testcase", classname="contract", name=label), "skipped", message=why
        )
    suite.set("failures", str(failures))
    suite.set("errors", str(len(result.errors)))
    return ET.tostring(suite, encoding="unicode", xml_declaration=True)


def _finding_text(finding: Finding) -> str:
    head = f"[{finding.severity}] {finding.check} {finding.pointer}"
    return f"{head}\n{finding.title}\n{finding.message}\n{finding.reproduce}"


def findings_json(result: RunResult) -> str:
    """The findings and the register's use as data, for tools (the nightly workflow opens one issue per
    new finding)."""
    findings = [
        {
            "operation": f.operation,
            "operation_id": f.operation_id,
            "check": f.check,
            "title": f.title,
            "pointer": f.pointer,
            "rule": f.rule,
            "observed": f.observed,
            "severity": str(f.severity),
            "status": f.status,
            "deviation": f.deviation,
            "message": f.message,
            "reproduce": f.reproduce,
        }
        for f in result.findings
    ]
    register = [
        {"id": e.id, "title": e.title, "use": str(e.use), "findings": e.findings, "answers": e.answers}
        for e in result.register
    ]
    return json.dumps({"findings": findings, "register": register}, indent=2, ensure_ascii=False)


def cassette(result: RunResult, redactor: Redactor) -> str:
    """One JSON line per interaction, replayable by ``python -m contract_tests.fidelity``.

    Bodies keep their shape (keys, nesting, list lengths, JSON types) with every secret and PII value
    redacted; ``path`` is relative to the target's base URL, so a replay can send it elsewhere.
    """
    lines = []
    ids = {stats.label: stats.operation_id for stats in result.operations.values()}
    base = result.target.base_url.rstrip("/")
    for item in result.interactions:
        path = item.url[len(base) :] if item.url.startswith(base) else urlsplit(item.url).path
        lines.append(
            json.dumps(
                {
                    "operation": item.operation,
                    "operation_id": ids.get(item.operation, item.operation),
                    "phase": item.phase,
                    "request": {
                        "method": item.method,
                        "url": redactor.text(item.url),
                        "path": redactor.text(path),
                        "headers": _kept_blank(item.request_headers, redactor),
                        "body": redactor.body(item.request_body, keep_shape=True)
                        if item.request_body
                        else None,
                    },
                    "response": {
                        "status": item.status,
                        "headers": dict(redactor.headers(item.response_headers.items())),
                        "body": redactor.body(item.response_body, keep_shape=True)
                        if item.response_body
                        else None,
                    },
                },
                ensure_ascii=False,
            )
        )
    return "\n".join(lines) + ("\n" if lines else "")


@cache
def spec_words(bundle: Path) -> frozenset[str]:
    """The words of the bundle a run used (its keys, enum values, codes and their tokens)."""
    return words_of(read_bundle(bundle))


def _kept_blank(headers: dict[str, str], redactor: Redactor) -> dict[str, str]:
    """Redacted headers, an empty credential left empty: it hides nothing, and a replay must send it
    empty to meet the vendor's ``x-client-id_missing`` again."""
    redacted = dict(redactor.headers(headers.items()))
    return {name: value if not headers[name].strip() else redacted[name] for name, value in headers.items()}


ARTIFACTS = ("findings.json", "junit.xml", "summary.md", "cassette.ndjson")


def remove_stale(directory: Path) -> list[Path]:
    """Delete the reports an earlier run left in ``directory`` (a run that cannot run writes none, and
    must not leave an old PASS behind); return what was removed."""
    removed = [directory / name for name in ARTIFACTS if (directory / name).is_file()]
    for path in removed:
        path.unlink()
    return removed


def write_all(result: RunResult, outcome: Verdict, directory: Path, redactor: Redactor) -> dict[str, Path]:
    """Write every artifact, redacted; return them by kind."""
    directory.mkdir(parents=True, exist_ok=True)
    redactor.add_known(*result.target.secrets())
    # Words of the spec (keys, enum values, error codes) are never harvested: a server answering the
    # value `access_token` must not turn the code `access_token_invalid` into `[REDACTED]_invalid`.
    redactor.add_words(spec_words(result.target.bundle))
    for item in result.interactions:
        # Values the server handed out under sensitive keys (session ids, auth codes, tokens, PII) are
        # scrubbed everywhere else too: in URLs, curl commands and messages. Request bodies are generated
        # test data, redacted by key where they appear; harvesting them would scrub ordinary words.
        redactor.harvest(item.response_body or b"")
    # Findings again, now that the harvest is known: the summary cuts long messages, and a value cut in
    # two by that limit would no longer match the final pass below.
    result = replace(result, findings=[redact(finding, redactor) for finding in result.findings])
    artifacts = {
        "findings": (directory / "findings.json", findings_json(result)),
        "junit": (directory / "junit.xml", junit(result, outcome)),
        "markdown": (directory / "summary.md", markdown(result, outcome)),
        "cassette": (directory / "cassette.ndjson", cassette(result, redactor)),
    }
    written = {}
    for kind, (path, text) in artifacts.items():
        path.write_text(redactor.text(text) if kind != "cassette" else text, encoding="utf-8")
        written[kind] = path
    return written
