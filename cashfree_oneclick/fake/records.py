"""The user-details body of a person: one scope entry per granted scope, in the vendor's shapes.

Normal mode follows the contract bundle (``reference_id`` a string, confidence scores numbers).
Quirks mode sends what the vendor's own success example shows instead: ``reference_id`` an integer
and ``confidence_score: null`` on the seven scopes the example leaves unscored.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cashfree_oneclick.fake.people import Person

# The scopes the vendor's example sends with confidence_score null (DEV-003).
UNSCORED_IN_VENDOR_EXAMPLE = frozenset(
    {"MOBILE", "EMAIL", "ADDRESS", "GENDER", "DOB", "OCCUPATION", "INCOME"}
)


def _aadhaar(p: Person) -> dict[str, Any]:
    a = p.address
    return {
        "aadhaar": p.aadhaar_masked,
        "care_of": p.care_of,
        "address": a.complete,
        "dob": p.dob,
        "email": p.email,
        "gender": p.gender[0],
        "name": p.name,
        "split_address": {
            "country": a.country,
            "dist": a.dist,
            "house": a.house,
            "landmark": a.landmark,
            "pincode": a.pincode,
            "po": a.vtc,
            "state": a.state,
            "street": a.street,
            "subdist": a.subdist,
            "vtc": a.vtc,
        },
        "year_of_birth": p.dob[:4],
        "mobile_hash": f"testhash{p.mobile[-4:]}",
        "photo_link": "https://example.com/test-photo.jpg",
    }


SEEDING_DESCRIPTIONS = {
    "Y": "Aadhaar is linked to PAN",
    "R": "Aadhaar linking with PAN is in review",
    "NA": "Aadhaar is not linked to PAN",
}

_METADATA: dict[str, Callable[[Person], dict[str, Any]]] = {
    "MOBILE": lambda p: {"mobile": p.mobile},
    "EMAIL": lambda p: {"email": p.email},
    "ADDRESS": lambda p: {
        "complete_address": p.address.complete,
        "state": p.address.state,
        "pincode": p.address.pincode,
    },
    "GENDER": lambda p: {"gender": p.gender},
    "DOB": lambda p: {"dob": p.dob},
    "AADHAAR": _aadhaar,
    "PAN": lambda p: {
        "pan": p.pan,
        "type": p.pan_type,
        "registered_name": p.business_name or p.name,
        "aadhaar_seeding_status": p.aadhaar_seeding,
        "last_updated_at": "2024-01-15",
        "name_pan_card": p.business_name or p.name,
        "aadhaar_seeding_status_desc": SEEDING_DESCRIPTIONS[p.aadhaar_seeding],
    },
    "BANK_ACCOUNT": lambda p: {
        "bank_account": p.bank_account,
        "name_at_bank": p.name,
        "bank_name": p.bank_name,
        "city": p.address.dist,
        "branch": p.address.vtc,
        "micr": p.micr,
    },
    "NAME": lambda p: {"name": p.name},
    "OCCUPATION": lambda p: {"occupation": p.occupation},
    "INCOME": lambda p: {"income": p.income},
}

ALL_SCOPES = tuple(_METADATA)


def user_details(
    person: Person, scopes: tuple[str, ...], verification_id: str, reference_id: int, quirks: bool
) -> dict[str, Any]:
    entries = []
    for scope in scopes:
        score: float | None = 0.98
        if quirks and scope in UNSCORED_IN_VENDOR_EXAMPLE:
            score = None
        entries.append(
            {"scope": scope, "records": [{"confidence_score": score, "metadata": _METADATA[scope](person)}]}
        )
    return {
        "reference_id": reference_id if quirks else str(reference_id),
        "verification_id": verification_id,
        "scopes": entries,
    }
