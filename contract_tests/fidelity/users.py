"""Who a masked mobile number stood for, told by the recorded answer.

A cassette masks every mobile number, so a replay rebuilds every user on one synthetic number. Most
answers do not depend on who the user is; those that do show it: the fake's magic numbers (magic.py)
pick a persona (fewer available scopes, a Company PAN, an Aadhaar not seeded) or overrule the user's
consent. When the recorded answer shows one of those, the replay uses that magic number, so that the
fake meets the same user; otherwise the one synthetic number (as the recording's own runs use).
"""

from __future__ import annotations

import json
from typing import Any

from cashfree_oneclick.fake.magic import MAGIC_NUMBERS
from cashfree_oneclick.fake.personas import DEFAULT_PERSONA, PERSONAS, Persona
from contract_tests.fidelity.cassette import Recorded
from contract_tests.fidelity.rebuild import FLOW_MOBILE

# The callback status of each decision of the fake's consent step (openapi/fake/post-fake-consent.yaml).
CONSENT_OUTCOMES = {"GRANTED": "SUCCESS", "DENIED": "ERROR", "DROPPED": "USER_DROPPED"}
_PERSONA_MOBILES = {magic.persona: magic.mobile for magic in MAGIC_NUMBERS.values() if magic.persona}
# The magic number of the user the fake holds the fewest scopes for (a refused grant is replayed on it).
FEWEST_SCOPES = _PERSONA_MOBILES[min(_PERSONA_MOBILES, key=lambda name: len(PERSONAS[name].available_scopes))]


def shown_mobile(entry: Recorded) -> str:
    """The mobile of the persona a 200 answer shows (its available scopes, its PAN), else FLOW_MOBILE."""
    body = entry.response_json()
    if entry.status != 200 or not isinstance(body, dict):
        return FLOW_MOBILE
    for name, persona in PERSONAS.items():
        if name != DEFAULT_PERSONA and name in _PERSONA_MOBILES and _shows(body, persona):
            return _PERSONA_MOBILES[name]
    return FLOW_MOBILE


def _shows(body: dict[str, Any], persona: Persona) -> bool:
    available = body.get("available_scopes")
    if isinstance(available, list):  # data availability
        scopes = {entry.get("scope") for entry in available if isinstance(entry, dict)}
        return scopes == set(persona.available_scopes) != set(PERSONAS[DEFAULT_PERSONA].available_scopes)
    pan = _pan_metadata(body.get("scopes"))  # user details
    if pan is None:
        return False
    default = PERSONAS[DEFAULT_PERSONA]
    differs = (persona.pan_type, persona.aadhaar_seeding) != (default.pan_type, default.aadhaar_seeding)
    shown = (pan.get("type"), pan.get("aadhaar_seeding_status"))
    return differs and shown == (persona.pan_type, persona.aadhaar_seeding)


def _pan_metadata(scopes: Any) -> dict[str, Any] | None:
    for entry in scopes if isinstance(scopes, list) else []:
        records = entry.get("records") if isinstance(entry, dict) and entry.get("scope") == "PAN" else None
        for record in records if isinstance(records, list) else []:
            metadata = record.get("metadata") if isinstance(record, dict) else None
            if isinstance(metadata, dict):
                return metadata
    return None


def overruling_mobile(entry: Recorded) -> str | None:
    """The magic number of the user who decided the recorded outcome against the recorded decision.

    Only a magic number (the user denies or drops off whatever the call asks) answers a decision with
    another outcome; its masked mobile cannot be read back, the outcome tells which number it was.
    """
    try:
        sent = json.loads(entry.body or "")
    except ValueError:
        return None
    answer = entry.response_json()
    status = answer.get("status") if isinstance(answer, dict) else None
    decision = sent.get("decision") if isinstance(sent, dict) else None
    if not isinstance(decision, str) or CONSENT_OUTCOMES.get(decision) in (None, status):
        return None
    return next(
        (
            magic.mobile
            for magic in MAGIC_NUMBERS.values()
            if magic.consent is not None and CONSENT_OUTCOMES[magic.consent] == status
        ),
        None,
    )
