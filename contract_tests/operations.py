"""The operations the probes call by hand: (label as schemathesis names it, operationId)."""

from __future__ import annotations

from contract_tests import auth

DA, SESSION, TOKEN, DETAILS = (
    ("POST /user/data-availability", "VrsUserVaultDataAvailability"),
    ("POST /oauth2/session", "VrsUserVaultOauthInitiation"),
    ("POST /oauth2/generate-token", "VrsUserVaultOauthGenerateToken"),
    ("GET /oauth2/user-details", auth.USER_DETAILS),
)
CONSENT = ("POST /__fake__/sessions/{session_id}/consent", "FakeGiveConsent")
CLOCK = ("POST /__fake__/clock/advance", "FakeAdvanceClock")
