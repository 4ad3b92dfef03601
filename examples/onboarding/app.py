"""A small onboarding app on Cashfree 1-Click: what a team's own code looks like.

``start`` is the handler behind "Verify with Cashfree": it checks which data the vendor holds for the
mobile number, opens a session and hands the session id to the SDK on the page. ``callback`` is what
the SDK (or the redirect URL) calls with ``{verification_id, auth_code, status}``: it trades the code
for an access token, fetches the consented data and stores the verified profile. Aadhaar is kept
masked, as the vendor sends it; the profile keeps no token.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from cashfree_oneclick import CashfreeError, InvalidRequestError, OneClickClient
from cashfree_oneclick.models import AadhaarScope, BankAccountScope, NameScope, PanScope, Unset

REQUIRED_SCOPES = frozenset({"NAME", "PAN"})


@dataclass
class Profile:
    """What the app stores about a user once Cashfree verified it."""

    user_id: str
    status: str = "PENDING"  # PENDING, VERIFIED, DENIED, DROPPED, FAILED, UNAVAILABLE
    reason: str = ""
    name: str | None = None
    pan: str | None = None
    pan_type: str | None = None
    aadhaar_masked: str | None = None
    bank_account_last4: str | None = None


@dataclass(frozen=True)
class Started:
    session_id: str  # for the SDK on the page
    verification_id: str  # the SDK's callback names it again


@dataclass
class Onboarding:
    client: OneClickClient
    profiles: dict[str, Profile] = field(default_factory=dict)  # by user id
    _pending: dict[str, str] = field(default_factory=dict)  # verification_id -> user id

    def start(self, user_id: str, mobile: str) -> Started | None:
        """What the page hands the SDK, or None when the vendor lacks data the app needs."""
        profile = self.profiles.setdefault(user_id, Profile(user_id))
        available = self.client.data_availability(_new_id("da"), mobile).available_scopes
        held = {str(s.scope) for s in ([] if isinstance(available, Unset) else available)}
        missing = REQUIRED_SCOPES - held
        if missing:
            profile.status, profile.reason = "UNAVAILABLE", f"missing {sorted(missing)}"
            return None
        verification_id = _new_id("vid")
        session = self.client.initiate_session(verification_id, mobile)
        self._pending[verification_id] = user_id
        return Started(_text(session.session_id), verification_id)

    def callback(self, payload: dict[str, Any]) -> Profile:
        """Handle the SDK's callback payload; the user's profile as it now stands."""
        user_id = self._pending.pop(str(payload.get("verification_id")), None)
        if user_id is None:
            raise ValueError("unknown or already handled verification_id")
        profile = self.profiles[user_id]
        if payload.get("status") != "SUCCESS":
            profile.status = "DROPPED" if payload.get("status") == "USER_DROPPED" else "DENIED"
            return profile
        try:
            token = self.client.generate_token(str(payload["auth_code"]))
            details = self.client.fetch_user_details(_text(token.access_token))
        except InvalidRequestError as error:  # an expired or spent code, a token gone stale
            profile.status, profile.reason = "FAILED", error.code or "invalid"
            return profile
        except CashfreeError as error:  # retries are done: the vendor is down or we are out of balance
            profile.status, profile.reason = "FAILED", type(error).__name__
            return profile
        for scope in [] if isinstance(details.scopes, Unset) else details.scopes:
            _store(profile, scope)
        profile.status = "VERIFIED"
        return profile


def _store(profile: Profile, scope: object) -> None:
    records = getattr(scope, "records", None)
    metadata = records[0].metadata if isinstance(records, list) and records else None
    if metadata is None or isinstance(metadata, Unset):
        return
    if isinstance(scope, NameScope):
        profile.name = _text(metadata.name)
    elif isinstance(scope, PanScope):
        profile.pan = _text(metadata.pan)
        profile.pan_type = _text(metadata.type_)
    elif isinstance(scope, AadhaarScope):
        profile.aadhaar_masked = _text(metadata.aadhaar)
    elif isinstance(scope, BankAccountScope):
        account = getattr(metadata, "bank_account", None)
        profile.bank_account_last4 = str(account)[-4:] if isinstance(account, str) else None


def _text(value: object) -> str:
    if isinstance(value, Unset) or value is None:
        raise ValueError("the answer lacks a field the flow needs")
    return str(value)


def _new_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:20]}"
