"""Harvested values must look like secrets, never words; one redaction marker in every artifact.

Values found under sensitive keys of responses are scrubbed everywhere (URLs, curl commands,
messages), so harvesting a word would eat that word in every report: against a server that answered
the value ``access_token``, a report read "400 [REDACTED]_invalid".
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from cashfree_oneclick.redaction import MASK, Redactor, looks_like_secret, words_of
from contract_tests import reports, runner
from contract_tests.findings import Finding, Severity
from contract_tests.interactions import Interaction
from contract_tests.profiles import profile
from contract_tests.targets import BUNDLES, Credentials, Target

JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0LW9ubHkifQ.c2lnbmF0dXJlLXRlc3Qtb25seQ"
SPEC_WORDS = reports.spec_words(BUNDLES / "contract-fake.yaml")


@pytest.mark.parametrize(
    "value",
    [
        JWT,  # a known token format, whatever its length
        "session_Zk3q9XbT0vLmW2rYp8sE4u",  # the fake's session ids
        "9f3Kx_pQ7LmZ",  # a random credential
        "924170019278",  # an account number: digit runs are never words
        "Test Max Banik",  # a synthetic person's name (PII, not a word of the spec)
    ],
)
def test_secret_shaped_values_are_harvested(value: str) -> None:
    assert looks_like_secret(value, SPEC_WORDS)


@pytest.mark.parametrize(
    "value",
    [
        "access_token",  # a key of the spec, echoed as a value
        "access_token_invalid",  # an error code of the spec
        "invalid_request",  # a code identifier, spec or not
        "BANK_ACCOUNT",  # an enum value
        "not-a-secret-at-all",  # kebab-case words
        "Bearer",  # short
        "aaaaaaaaaaaaaaaa",  # long, but no entropy
        "x-client-secret",  # a header name
    ],
)
def test_words_and_low_entropy_values_are_not_harvested(value: str) -> None:
    assert not looks_like_secret(value, SPEC_WORDS)


def test_the_spec_words_come_from_keys_values_and_their_tokens() -> None:
    words = words_of({"access_token": {"enum": ["Rate Limit Exceeded"]}})

    assert {"access_token", "access", "token", "enum", "rate limit exceeded", "rate", "exceeded"} <= words


def test_a_harvested_word_does_not_eat_that_word_elsewhere() -> None:
    redactor = Redactor()
    redactor.add_words(SPEC_WORDS)
    redactor.harvest(json.dumps({"access_token": "access_token", "session_id": "session_Zk3q9XbT0vLmW2rYp8"}))
    redactor.harvest({"auth_code": JWT})

    text = f"400 access_token_invalid at /sessions/session_Zk3q9XbT0vLmW2rYp8?code={JWT[:-3]}xyz"

    assert redactor.text(text) == f"400 access_token_invalid at /sessions/{MASK}?code={MASK}"


@pytest.mark.parametrize(
    "foreign",
    ["[Filtered]", "%5BFiltered%5D", "%5BREDACTED%5D"],  # schemathesis's marker, URL-quoted ones
)
def test_other_tools_markers_become_ours(foreign: str) -> None:
    assert Redactor().text(f"curl -H 'x-client-secret: {foreign}' 'http://h/p?token={foreign}'") == (
        f"curl -H 'x-client-secret: {MASK}' 'http://h/p?token={MASK}'"
    )


def test_a_report_of_a_server_that_answered_the_value_access_token_keeps_its_words(tmp_path: Path) -> None:
    """The reported regression: one interaction answered ``"access_token": "access_token"``."""
    target = Target(
        kind="foreign",
        base_url="http://127.0.0.1:9/verification",
        bundle=BUNDLES / "contract-fake.yaml",
        app_pair=Credentials("planted_app_id_5a1e", "planted-app-secret-6c2f90"),
        general_pair=None,
    )
    url = "http://127.0.0.1:9/verification/oauth2/generate-token"
    echoed = Interaction(
        "POST /oauth2/generate-token", "fuzzing", "POST", url, {}, b"{}", 200, {},
        json.dumps({"access_token": "access_token", "token_type": "Bearer"}).encode(),
    )  # fmt: skip
    rejected = Interaction(
        "POST /oauth2/generate-token", "fuzzing", "POST", url, {}, b"{}", 400, {},
        json.dumps({"type": "invalid_request_error", "code": "access_token_invalid"}).encode(),
    )  # fmt: skip
    finding = Finding(
        "POST /oauth2/generate-token", "VrsUserVaultOauthGenerateToken", "status_code_conformance",
        "Undocumented status", "400 access_token_invalid (token planted-app-secret-6c2f90)",
        Severity.MEDIUM, 400, "", f"curl -X POST {url} -H 'x-client-secret: [Filtered]'",
    )  # fmt: skip
    stats = runner.OperationStats("POST /oauth2/generate-token", "VrsUserVaultOauthGenerateToken", 2)
    stats.statuses = Counter({200: 1, 400: 1})
    result = runner.RunResult(
        target, profile("pr"), {stats.label: stats}, [finding], [echoed, rejected], [], 1.0, "done"
    )

    written = reports.write_all(result, reports.verdict(result), tmp_path, Redactor())

    texts = {kind: path.read_text(encoding="utf-8") for kind, path in written.items()}
    assert "400 access_token_invalid" in texts["markdown"]
    assert "access_token_invalid" in texts["cassette"]
    for kind, text in texts.items():
        assert f"{MASK}_invalid" not in text, kind
        assert "planted-app-secret-6c2f90" not in text, kind
        assert "[Filtered]" not in text, kind
    assert f"x-client-secret: {MASK}" in texts["markdown"] + texts["findings"]


def test_a_harvested_value_cut_by_the_summarys_length_limit_leaves_no_prefix(tmp_path: Path) -> None:
    """The summary cuts a message at 1500 characters: a session id the server handed out, sitting on
    the cut, must be redacted before the cut, or its first half reaches summary.md."""
    session_id = "sess-9f3Kx2pQ7zL1mN8vR4tW"
    target = Target(
        kind="foreign",
        base_url="http://127.0.0.1:9/verification",
        bundle=BUNDLES / "contract-fake.yaml",
        app_pair=None,
        general_pair=None,
    )
    url = "http://127.0.0.1:9/verification/oauth2/session"
    answered = Interaction(
        "POST /oauth2/session", "fuzzing", "POST", url, {}, b"{}", 200, {},
        json.dumps({"session_id": session_id}).encode(),
    )  # fmt: skip
    message = "a " * 740 + f"session {session_id} answered twice"  # the id straddles character 1500
    finding = Finding(
        "POST /oauth2/session", "VrsUserVaultOauthInitiation", "response_schema_conformance",
        "Response violates schema", message, Severity.HIGH, 200, "/session_id", "curl",
    )  # fmt: skip
    result = runner.RunResult(target, profile("pr"), {}, [finding], [answered], [], 1.0, "completed")

    written = reports.write_all(result, reports.verdict(result), tmp_path, Redactor())

    for kind, path in written.items():
        assert session_id[:10] not in path.read_text(encoding="utf-8"), kind
    assert MASK in written["markdown"].read_text(encoding="utf-8")
