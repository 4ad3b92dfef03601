"""Client-side checks of the request rules the vendor documents, before anything is sent.

A request that breaks a documented rule would cost a billed call and come back as a 400; raising a
``ValueError`` here says exactly what is wrong, sooner. The rules are the contract bundle's (see
openapi/overlays/contract.yaml): verification_id 1-50 of letters, digits, '.', '-', '_'; a 10-digit
mobile number with no prefix; MOBILE as the only identifier type.
"""

from __future__ import annotations

import re

VERIFICATION_ID = re.compile(r"[A-Za-z0-9._-]{1,50}")
MOBILE = re.compile(r"[0-9]{10}")
IDENTIFIER_TYPES = frozenset({"MOBILE"})


def verification_id(value: str) -> str:
    if not isinstance(value, str) or not VERIFICATION_ID.fullmatch(value):
        raise ValueError(
            "verification_id must be 1 to 50 characters of letters, digits, '.', '-' or '_' "
            f"(got {len(value) if isinstance(value, str) else type(value).__name__} characters)"
        )
    return value


def mobile(value: str) -> str:
    # The value itself is personal data: the message says what is wrong, never what was given.
    if not isinstance(value, str) or not MOBILE.fullmatch(value):
        raise ValueError("mobile must be a 10-digit number with no prefix or country code")
    return value


def identifier_type(value: str) -> str:
    if value not in IDENTIFIER_TYPES:
        raise ValueError(f"identifier_type must be one of {sorted(IDENTIFIER_TYPES)}")
    return value


def non_empty(name: str, value: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} must be a non-empty string")
    return value
