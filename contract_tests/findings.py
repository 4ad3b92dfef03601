"""Findings as data: one frozen record per distinct contract violation, with its severity.

A finding is what a failed check says about an operation, reduced to what a reader needs (the rule, where
in the response, how to reproduce it) and redacted. Findings matching an entry of the deviation register
are *known*: reported with the entry's id, they do not fail the run.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from cashfree_oneclick.redaction import Redactor
from scripts.json_pointer import from_tokens

if TYPE_CHECKING:
    from contract_tests.interactions import Interaction
    from scripts.deviations import Register


class Severity(StrEnum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


# What makes two findings one: operation, check, pointer, title and the kind of value found (Finding.key).
FindingKey = tuple[str, str, str, str, str]


@dataclass(frozen=True)
class Finding:
    operation: str  # e.g. "GET /oauth2/user-details"
    operation_id: str
    check: str
    title: str
    message: str
    severity: Severity
    status: int | None
    pointer: str  # JSON pointer in the response body ("" when the finding is not about a place)
    reproduce: str  # a command that reproduces it (curl), redacted
    deviation: str | None = None
    rule: str = ""  # the schema keyword broken (conformance), "" for other checks
    observed: str = ""  # the JSON type of the value found at the pointer, "" when not about a value

    @property
    def key(self) -> FindingKey:
        # Two failures of one check at one place of one operation are one finding, unless the values
        # found differ in kind: a null and a string at one pointer are two contradictions.
        return (self.operation, self.check, self.pointer, self.title, self.observed)

    @property
    def known(self) -> bool:
        return self.deviation is not None


def about(
    item: Interaction, operation_ids: dict[str, str], rule: str, title: str, message: str,
    severity: Severity, pointer: str = "",
) -> Finding:  # fmt: skip
    """The finding of a rule about one recorded answer (the response rules' common form)."""
    return Finding(
        item.operation, operation_ids.get(item.operation, item.operation), rule, title, message, severity,
        item.status, pointer,
        f"curl -X {item.method} '{item.url}'  # headers, body: see cassette.ndjson ({item.phase})",
    )  # fmt: skip


def pointer_of(path: list[str | int] | tuple[str | int, ...] | None) -> str:
    """RFC 6901 pointer with array indices generalised to ``*``: the same violation in the third and the
    fifth record of a list is one finding (and one register entry matches it)."""
    if not path:
        return ""
    return from_tokens("*" if isinstance(part, int) else part for part in path)


def classify(findings: list[Finding], register: Register | None) -> list[Finding]:
    """Attach the deviation id to each finding the register knows: its place, its rule and the kind of
    value found must all be what the entry records (a finding about no value matches no entry)."""
    if register is None:
        return findings
    classified = []
    for finding in findings:
        entry = register.find(
            "contract",
            finding.observed or None,
            operation=finding.operation_id,
            check=finding.check,
            pointer=finding.pointer,
            rule=finding.rule,
        )
        classified.append(replace(finding, deviation=entry.id) if entry else finding)
    return classified


def redact(finding: Finding, redactor: Redactor) -> Finding:
    return replace(
        finding, message=redactor.text(finding.message), reproduce=redactor.text(finding.reproduce)
    )


SEVERITY_BY_CHECK = {
    "not_a_server_error": Severity.CRITICAL,
    "response_schema_conformance": Severity.HIGH,
    "status_code_conformance": Severity.MEDIUM,
    "content_type_conformance": Severity.MEDIUM,
    "vendor_error_shape": Severity.MEDIUM,
    "user_details_scopes": Severity.HIGH,
    "negative_data_rejection": Severity.HIGH,
    "positive_data_acceptance": Severity.HIGH,
    "ignored_auth": Severity.CRITICAL,
    "missing_required_header": Severity.MEDIUM,
}
