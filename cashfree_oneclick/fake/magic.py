"""Magic mobile numbers, in the style of Stripe's test card numbers: each triggers one documented
outcome with no control call, so an app in any language can reach it through the API alone.

The table is the documentation (README "Test your app against the fake" prints it): a number names a
persona (who the user is), an error status (answered by every operation that takes the number and
documents that status: data availability and session), or a consent outcome (what the user does in
the SDK, whatever the consent call asks for).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cashfree_oneclick.fake.errors import VendorError
from cashfree_oneclick.fake.scripted import error_for
from cashfree_oneclick.fake.spec import Operation


@dataclass(frozen=True)
class MagicNumber:
    mobile: str
    outcome: str  # what the README says it does
    persona: str | None = None
    status: int | None = None
    consent: str | None = None  # DENIED or DROPPED: the user's decision, whatever the call says


MAGIC_NUMBERS: Mapping[str, MagicNumber] = {
    magic.mobile: magic
    for magic in (
        MagicNumber("9000000001", "the PAN is a business (Company) PAN", persona="business_pan"),
        MagicNumber("9000000002", "the PAN's Aadhaar is not seeded (NA)", persona="aadhaar_not_seeded"),
        MagicNumber(
            "9000000003",
            "only EMAIL, MOBILE and NAME are available (a grant of any other: 422 scopes_not_available)",
            persona="scopes_missing",
        ),
        MagicNumber("9000000010", "the user denies consent (callback status ERROR)", consent="DENIED"),
        MagicNumber("9000000011", "the user drops off (callback status USER_DROPPED)", consent="DROPPED"),
        MagicNumber("9000000403", "403 ip_validation_failed (data availability)", status=403),
        MagicNumber("9000000422", "422 insufficient_balance", status=422),
        MagicNumber("9000000429", "429 too_many_requests_per_operation, Retry-After: 1", status=429),
        MagicNumber("9000000500", "500 verification_failed", status=500),
        MagicNumber("9000000502", "502 verification_failed (data availability)", status=502),
    )
}


def mobile_of(body: Any) -> str | None:
    """The mobile number a (validated) request body names: ``user`` is an object or a list."""
    if not isinstance(body, dict):
        return None
    user = body.get("user")
    if isinstance(user, list):
        user = user[0] if user else None
    value = user.get("identifier_value") if isinstance(user, dict) else None
    return value if isinstance(value, str) else None


def magic_error(operation: Operation, body: Any) -> VendorError | None:
    """The error a magic number in ``body`` triggers on ``operation``, if any."""
    mobile = mobile_of(body)
    magic = MAGIC_NUMBERS.get(mobile) if mobile is not None else None
    if magic is None or magic.status is None or magic.status not in operation.statuses:
        return None
    return error_for(operation, magic.status)
