"""Golden tests: the vendor's own documented success bodies through the generated client.

The bodies are read from the vendor's YAML (openapi/vendor/, verbatim), never copied here, so a vendor
edit to an example reaches these tests. They go through the generated operations over an
httpx.MockTransport, the way a user's call receives them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from cashfree_oneclick_generated.api.one_click import (
    vrs_user_vault_fetch_details_from_access_token as fetch_details,
)
from cashfree_oneclick_generated.api.one_click import vrs_user_vault_oauth_initiation as initiate_oauth
from cashfree_oneclick_generated.models import (
    AadhaarRecord,
    AadhaarRecordMetadata,
    AadhaarScope,
    AddressRecordMetadata,
    AddressScope,
    BankAccountScope,
    BAVRecordMetadata,
    DOBRecordMetadata,
    DobScope,
    EmailRecordMetadata,
    EmailScope,
    FetchDetailsResponseSchema,
    GenderRecordMetadata,
    GenderScope,
    IncomeRecordMetadata,
    IncomeScope,
    InitiateOauthRequestSchema,
    InitiateOauthRequestSchemaUser,
    InitiateOauthResponseSchema,
    MobileRecordMetadata,
    MobileScope,
    NameRecordMetadata,
    NameScope,
    OauthUserIdentifier,
    OccupationRecordMetadata,
    OccupationScope,
    PANRecordMetadata,
    PanScope,
    SplitAddressRecord,
    UnknownScope,
)

from cashfree_oneclick import api_key_client, bearer_client
from cashfree_oneclick.version import API_VERSION
from scripts.yaml_io import load_yaml

VENDOR = Path(__file__).resolve().parent.parent / "openapi" / "vendor"


def vendor_example(file: str, response: str, example: str = "SUCCESS") -> dict[str, Any]:
    document = load_yaml((VENDOR / file).read_text(encoding="utf-8"))
    media = document["components"]["responses"][response]["content"]["application/json"]
    value: dict[str, Any] = media["examples"][example]["value"]
    return value


SESSION_BODY = vendor_example("post-oauth2-session.yaml", "InitiateOauthResponse")
DETAILS_BODY = vendor_example("get-oauth2-user-details.yaml", "FetchDetailsResponse")

# scope value -> (scope class, metadata class) the scope's records must parse into
EXPECTED_TYPES: dict[str, tuple[type[Any], type[Any]]] = {
    "MOBILE": (MobileScope, MobileRecordMetadata),
    "EMAIL": (EmailScope, EmailRecordMetadata),
    "ADDRESS": (AddressScope, AddressRecordMetadata),
    "GENDER": (GenderScope, GenderRecordMetadata),
    "DOB": (DobScope, DOBRecordMetadata),
    "AADHAAR": (AadhaarScope, AadhaarRecordMetadata),
    "PAN": (PanScope, PANRecordMetadata),
    "BANK_ACCOUNT": (BankAccountScope, BAVRecordMetadata),
    "NAME": (NameScope, NameRecordMetadata),
    "OCCUPATION": (OccupationScope, OccupationRecordMetadata),
    "INCOME": (IncomeScope, IncomeRecordMetadata),
}


def serving(body: object, status: int = 200) -> dict[str, Any]:
    """httpx arguments for a generated client whose every call is answered with ``body``."""

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, json=body)

    return {"transport": httpx.MockTransport(answer)}


def test_initiate_oauth_success_example_parses_with_user_as_a_list() -> None:
    client = api_key_client("test_client_id", "test_client_secret", httpx_args=serving(SESSION_BODY))
    body = InitiateOauthRequestSchema(
        user=InitiateOauthRequestSchemaUser(identifier_type="MOBILE", identifier_value="9999900000"),
        verification_id="test_verification_id",
    )
    response = initiate_oauth.sync_detailed(client=client, body=body, x_api_version=API_VERSION)
    parsed = response.parsed
    assert isinstance(parsed, InitiateOauthResponseSchema)
    assert parsed.session_id == SESSION_BODY["session_id"]
    # DEV-001: the vendor's example sends `user` as a list where its schema says object.
    assert isinstance(parsed.user, list)
    assert all(isinstance(item, OauthUserIdentifier) for item in parsed.user)
    assert parsed.user[0].identifier_value == SESSION_BODY["user"][0]["identifier_value"]
    assert parsed.to_dict() == SESSION_BODY


def test_initiate_oauth_user_as_the_schema_says_parses_too() -> None:
    body = {**SESSION_BODY, "user": SESSION_BODY["user"][0]}
    parsed = InitiateOauthResponseSchema.from_dict(body)
    assert isinstance(parsed.user, OauthUserIdentifier)
    assert parsed.to_dict() == body


def fetch(body: object) -> FetchDetailsResponseSchema:
    client = bearer_client("test_access_token", httpx_args=serving(body))
    response = fetch_details.sync_detailed(client=client, x_api_version=API_VERSION)
    assert response.status_code == 200
    assert isinstance(response.parsed, FetchDetailsResponseSchema)
    return response.parsed


def test_user_details_success_example_round_trips_to_the_same_json() -> None:
    parsed = fetch(DETAILS_BODY)
    assert parsed.to_dict() == DETAILS_BODY
    # DEV-002: reference_id is an integer in the example where the schema says string.
    assert parsed.reference_id == DETAILS_BODY["reference_id"]


def test_the_example_covers_all_eleven_scopes() -> None:
    # Guards the parametrized test below: it must see every scope, or it would pass on fewer.
    assert sorted(item["scope"] for item in DETAILS_BODY["scopes"]) == sorted(EXPECTED_TYPES)


@pytest.mark.parametrize("scope", sorted(EXPECTED_TYPES))
def test_each_scope_parses_into_its_own_record_type(scope: str) -> None:
    parsed = fetch(DETAILS_BODY)
    by_scope = {item.scope: item for item in parsed.scopes}
    scope_class, metadata_class = EXPECTED_TYPES[scope]
    # The eleven scope classes share no base class; the assertions below are what checks their shape.
    item: Any = by_scope[scope]
    assert type(item) is scope_class
    raw = next(entry for entry in DETAILS_BODY["scopes"] if entry["scope"] == scope)
    assert len(item.records) == len(raw["records"])
    for record, raw_record in zip(item.records, raw["records"], strict=True):
        assert type(record.metadata) is metadata_class
        # DEV-003: null confidence scores are kept as None, numbers as numbers.
        assert record.confidence_score == raw_record["confidence_score"]
        # Every documented metadata field is a typed attribute, nothing left in additional_properties
        # (the ADDRESS example's undocumented `type` included: the client bundle types it).
        assert record.metadata.additional_properties == {}
        assert record.metadata.to_dict() == raw_record["metadata"]


def test_aadhaar_record_has_a_typed_split_address() -> None:
    parsed = fetch(DETAILS_BODY)
    aadhaar = next(item for item in parsed.scopes if isinstance(item, AadhaarScope))
    record = aadhaar.records[0]  # type: ignore[index]
    assert isinstance(record, AadhaarRecord)
    split = record.metadata.split_address  # type: ignore[union-attr]
    assert isinstance(split, SplitAddressRecord)
    raw = next(entry for entry in DETAILS_BODY["scopes"] if entry["scope"] == "AADHAAR")
    expected = raw["records"][0]["metadata"]["split_address"]
    assert (split.pincode, split.state, split.dist, split.vtc) == (
        expected["pincode"],
        expected["state"],
        expected["dist"],
        expected["vtc"],
    )
    assert record.metadata.aadhaar == raw["records"][0]["metadata"]["aadhaar"]  # type: ignore[union-attr]


def test_unknown_scope_and_unknown_enum_values_parse_without_exception() -> None:
    body = json.loads(json.dumps(DETAILS_BODY))
    body["scopes"].append(
        {"scope": "VOTER_ID", "records": [{"confidence_score": 0.5, "metadata": {"epic": "ABC1234567"}}]}
    )
    income = next(entry for entry in body["scopes"] if entry["scope"] == "INCOME")
    income["records"][0]["metadata"]["income"] = "ABOVE_ONE_CRORE"
    pan = next(entry for entry in body["scopes"] if entry["scope"] == "PAN")
    pan["records"][0]["metadata"]["aadhaar_seeding_status"] = "PENDING"
    pan["records"][0]["metadata"]["type"] = "Trust"

    parsed = fetch(body)
    unknown = parsed.scopes[-1]
    assert isinstance(unknown, UnknownScope)
    assert unknown.scope == "VOTER_ID"
    assert unknown.records[0].to_dict() == body["scopes"][-1]["records"][0]  # type: ignore[index]
    income_record = next(item for item in parsed.scopes if isinstance(item, IncomeScope)).records[0]  # type: ignore[index]
    assert income_record.metadata.income == "ABOVE_ONE_CRORE"  # type: ignore[union-attr]
    assert parsed.to_dict() == body


def test_a_known_scope_is_never_taken_for_the_catch_all() -> None:
    parsed = fetch(DETAILS_BODY)
    assert not any(isinstance(item, UnknownScope) for item in parsed.scopes)
