"""The drift corpus: realistic ways the vendor could drift from its contract, as data.

Each Drift is the fake with ONE change, applied by the one engine (middleware.py). ``expect`` names the
rules (checks) any of which counts as catching it; a control (``control=True``) is an additive change
the suite must NOT fail on. ``quick`` drifts are caught by the probes, the response rules or
conformance alone, so `make test` proves them in-process in well under a second each; the rest need
the schemathesis engine and are proven by `make drift` (over HTTP, the whole pr profile).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SESSION, DA, TOKEN, DETAILS = (
    "/oauth2/session",
    "/user/data-availability",
    "/oauth2/generate-token",
    "/oauth2/user-details",
)
RECORDS = "/scopes/*/records/*/metadata"
CONFORMANCE = "response_schema_conformance"
BLOCKED = "flow_blocked"


@dataclass(frozen=True)
class Edit:
    op: str  # set | remove | add | append | nulls | reverse | wrap | duplicate ; pointer may hold *
    pointer: str
    value: Any = None


@dataclass(frozen=True)
class Drift:
    name: str
    kind: str
    expect: frozenset[str]
    route: str = ""  # path suffix the drift applies to ("" = every vendor route)
    status: int | None = 200  # the answers it changes (None: any status)
    code: str | None = None  # ... and only those with this error code
    edits: tuple[Edit, ...] = ()
    new_status: int | None = None
    headers: tuple[tuple[str, str], ...] = ()
    drop_headers: tuple[str, ...] = ()
    behaviour: str | None = None  # a named stateful behaviour of the engine
    every: int = 0  # flaky: every n-th answer; delay: the first n answers only
    delay: float = 0.0
    reorder: bool = False
    prefix: bytes = b""  # bytes put before the body (a byte order mark)
    encoding: str = ""  # "gzip": the body compressed, with Content-Encoding
    chunked: bool = False  # no Content-Length: the body in HTTP/1.1 chunks
    quick: bool = False
    control: bool = False
    consent_step: bool = False  # it drifts the fake's consent step (the SDK's stand-in) too


def _d(name: str, kind: str, expect: str | tuple[str, ...], **spec: Any) -> Drift:
    return Drift(name, kind, frozenset((expect,) if isinstance(expect, str) else expect), **spec)


DRIFTS: tuple[Drift, ...] = (
    # types
    _d(
        "reference_id_as_string",
        "types",
        CONFORMANCE,
        route=DA,
        edits=(Edit("set", "/reference_id", "ref-1"),),
        quick=True,
    ),
    # DEV-003 registers the vendor example's `confidence_score: null`; a score sent as a string is
    # another contradiction at that place, which the register must not call known.
    # DEV-002 registers the example's integer reference_id in user details; a float is not that.
    _d(
        "details_reference_id_as_float",
        "types",
        CONFORMANCE,
        route=DETAILS,
        edits=(Edit("set", "/reference_id", 1.5),),
        quick=True,
    ),
    _d(
        "confidence_score_as_string",
        "types",
        CONFORMANCE,
        route=DETAILS,
        edits=(Edit("set", "/scopes/*/records/*/confidence_score", "0.97"),),
        quick=True,
    ),
    _d(
        "available_scopes_as_strings",
        "types",
        (CONFORMANCE, "flow_data_agrees"),  # details then show scopes availability did not list
        route=DA,
        edits=(Edit("set", "/available_scopes/*", "PAN"),),
        quick=True,
    ),
    # required fields
    _d(
        "token_without_access_token",
        "required",
        (BLOCKED, CONFORMANCE),
        route=TOKEN,
        edits=(Edit("remove", "/access_token"),),
        quick=True,
    ),
    _d(
        "session_without_session_id",
        "required",
        (BLOCKED, CONFORMANCE),
        route=SESSION,
        edits=(Edit("remove", "/session_id"),),
        quick=True,
    ),
    _d(
        "details_without_verification_id",
        "required",
        CONFORMANCE,
        route=DETAILS,
        edits=(Edit("remove", "/verification_id"),),
        quick=True,
    ),
    _d(
        "pan_record_without_pan",
        "required",
        CONFORMANCE,
        route=DETAILS,
        edits=(Edit("remove", f"{RECORDS}/pan"),),
        quick=True,
    ),
    # enums
    _d(
        "income_band_renamed",
        "enums",
        CONFORMANCE,
        route=DETAILS,
        edits=(Edit("set", f"{RECORDS}/income", "1-5L"),),
        quick=True,
    ),
    _d(
        "pan_type_uppercase",
        "enums",
        CONFORMANCE,
        route=DETAILS,
        edits=(Edit("set", f"{RECORDS}/type", "INDIVIDUAL"),),
        quick=True,
    ),
    _d(
        "available_scope_renamed",
        "enums",
        (CONFORMANCE, "flow_data_agrees"),  # details then show scopes availability did not list
        route=DA,
        edits=(Edit("set", "/available_scopes/*/scope", "BANK"),),
        quick=True,
    ),
    # patterns and formats inside records
    _d(
        "pan_eleven_characters",
        "formats",
        CONFORMANCE,
        route=DETAILS,
        edits=(Edit("append", f"{RECORDS}/pan", "X"),),
        quick=True,
    ),
    _d(
        "record_metadata_all_null",
        "formats",
        CONFORMANCE,
        route=DETAILS,
        edits=(Edit("nulls", RECORDS),),
        quick=True,
    ),
    _d(
        "dob_free_text",
        "formats",
        CONFORMANCE,
        route=DETAILS,
        edits=(Edit("set", f"{RECORDS}/dob", "1 Feb 1990"),),
        quick=True,
    ),
    _d(
        "pincode_five_digits",
        "formats",
        CONFORMANCE,
        route=DETAILS,
        edits=(Edit("set", f"{RECORDS}/pincode", "56001"),),
        quick=True,
    ),
    _d(
        "expiry_with_offset",
        "formats",
        CONFORMANCE,
        route=TOKEN,
        edits=(Edit("set", "/expiry", "2026-01-01T10:00:00+05:30"),),
        quick=True,
    ),
    # status codes
    _d(
        "session_answers_201",
        "status",
        ("status_code_conformance", BLOCKED),
        route=SESSION,
        new_status=201,
        quick=True,
    ),
    _d(
        "reuse_answers_400",
        "status",
        ("verification_id_reuse", "documented_error_code"),
        route=SESSION,
        status=409,
        new_status=400,
        quick=True,
    ),
    # content type
    _d(
        "availability_as_text_plain",
        "content type",
        ("content_type_conformance", "response_content_type"),
        route=DA,
        headers=(("content-type", "text/plain"),),
        quick=True,
    ),
    _d(
        "every_200_text_plain",
        "content type",
        ("content_type_conformance", "response_content_type"),
        headers=(("content-type", "text/plain"),),
        quick=True,
    ),
    # error shape
    _d(
        "errors_without_type",
        "error shape",
        "vendor_error_shape",
        status=400,
        edits=(Edit("remove", "/type"),),
    ),
    # error codes
    _d(
        "auth_code_code_renamed",
        "error codes",
        ("documented_error_code", "auth_code_single_use"),
        route=TOKEN,
        status=400,
        code="auth_code_value_invalid",
        edits=(Edit("set", "/code", "invalid_auth_code"),),
        quick=True,
    ),
    _d(
        "reuse_code_renamed",
        "error codes",
        ("documented_error_code", "verification_id_reuse"),
        route=DA,
        status=409,
        edits=(Edit("set", "/code", "duplicate_request"),),
        quick=True,
    ),
    # credentials
    _d("wrong_secret_accepted", "credentials", "credentials_enforced", behaviour="fix_secret", status=None),
    _d(
        "missing_token_answers_401",
        "credentials",
        ("credentials_enforced", "status_code_conformance"),
        route=DETAILS,
        status=400,
        code="access_token_missing",
        new_status=401,
    ),
    # relaxed validation
    _d(
        "long_verification_id_accepted",
        "relaxed validation",
        (
            "negative_data_rejection",
            "invalid_input_accepted",
            "echo_verification_id",
        ),  # it echoes the repaired value
        route=SESSION,
        behaviour="relax_vid",
        status=None,
        quick=True,
    ),
    # stateful rules
    _d(
        "verification_id_reuse_accepted",
        "stateful",
        "verification_id_reuse",
        route=SESSION,
        behaviour="replay_vid",
        status=None,
        quick=True,
    ),
    _d(
        "auth_code_reusable",
        "stateful",
        "auth_code_single_use",
        route=TOKEN,
        behaviour="replay_code",
        status=None,
        quick=True,
    ),
    _d(
        "token_reads_first_session",
        "stateful",
        ("token_isolation", "echo_verification_id", "scope_within_consent", "flow_data_agrees"),
        route=DETAILS,
        behaviour="first_token",
        status=None,
        quick=True,
    ),
    _d(
        "scope_beyond_consent",
        "stateful",
        "scope_within_consent",
        route=DETAILS,
        behaviour="extra_scope",
        status=None,
        quick=True,
    ),
    _d(
        "foreign_token_accepted",
        "stateful",
        "token_refused",
        route=DETAILS,
        behaviour="accept_foreign",
        status=None,
        quick=True,
    ),
    _d(
        "one_namespace_for_ids",
        "stateful",
        "flow_blocked",
        behaviour="shared_namespace",
        status=None,
        quick=True,
    ),
    _d(
        "expired_token_accepted",
        "stateful",
        "token_refused",
        route=DETAILS,
        behaviour="replay_token",
        status=None,
        quick=True,
    ),
    _d(
        "session_echoes_another_id",
        "stateful",
        "echo_verification_id",
        route=SESSION,
        edits=(Edit("set", "/verification_id", "someone-else"),),
        quick=True,
    ),
    _d(
        "token_echoes_another_id",
        "stateful",
        "echo_verification_id",
        route=TOKEN,
        edits=(Edit("set", "/verification_id", "someone-else"),),
        quick=True,
    ),
    _d(
        "details_show_another_mobile",
        "stateful",
        "token_isolation",
        route=DETAILS,
        edits=(Edit("set", f"{RECORDS}/mobile", "9999911111"),),
        quick=True,
    ),
    _d(
        "availability_echoes_another_user",
        "stateful",
        "echo_user",
        route=DA,
        edits=(Edit("set", "/user/*/identifier_value", "9999911111"),),
        quick=True,
    ),
    _d(
        "session_echoes_another_user",
        "echoes",
        "echo_user",
        route=SESSION,
        edits=(Edit("set", "/user/identifier_value", "9999911111"),),
        quick=True,
    ),
    _d(
        "validation_code_renamed",
        "error codes",
        "documented_error_code",
        route=SESSION,
        status=400,
        code="verification_id_missing",
        edits=(Edit("set", "/code", "missing_verification_id"),),
    ),
    # PII
    _d(
        "aadhaar_unmasked",
        "PII",
        ("pii_unmasked", CONFORMANCE),
        route=DETAILS,
        edits=(Edit("set", f"{RECORDS}/aadhaar", "234123412346"),),
        quick=True,
    ),
    _d(
        "aadhaar_in_address_text",
        "PII",
        "pii_unmasked",
        route=DETAILS,
        edits=(Edit("append", f"{RECORDS}/address", " UID 2341 2341 2346"),),
        quick=True,
    ),
    _d(
        "mobile_hash_in_clear",
        "PII",
        "pii_unmasked",
        route=DETAILS,
        edits=(Edit("set", f"{RECORDS}/mobile_hash", "9999900000"),),
        quick=True,
    ),
    # flakiness and latency
    _d(
        "flaky_502_html",
        "flakiness",
        ("not_a_server_error", "vendor_error_shape", "content_type_conformance"),
        behaviour="flaky",
        every=5,
        status=None,
    ),
    _d("token_slower_than_timeout", "latency", BLOCKED, route=TOKEN, status=None, delay=11.0, every=1),
    # wire encodings Python's parser forgives (RFC 8259: no NaN, no byte order mark)
    _d(
        "confidence_score_nan",
        "wire",
        "json_body",
        route=DETAILS,
        edits=(Edit("set", "/scopes/*/records/*/confidence_score", float("nan")),),
        quick=True,
    ),
    # (a byte order mark also stops the probes' reader, so the flow is blocked as well)
    _d("details_with_bom", "wire", ("json_body", BLOCKED), route=DETAILS, prefix=b"\xef\xbb\xbf", quick=True),
    _d("errors_with_bom", "wire", ("json_body", "vendor_error_shape"), status=400, prefix=b"\xef\xbb\xbf"),
    # formats the documents state: int64, the vendor's date layouts as real dates
    _d(
        "reference_id_beyond_int64",
        "formats",
        CONFORMANCE,
        route=DA,
        edits=(Edit("set", "/reference_id", 2**63),),
        quick=True,
    ),
    _d(
        "session_expiry_impossible_date",
        "formats",
        CONFORMANCE,
        route=SESSION,
        edits=(Edit("set", "/expiry", "2026-02-30T10:00:00Z"),),
        quick=True,
    ),
    _d(
        "pan_updated_in_month_13",
        "formats",
        CONFORMANCE,
        route=DETAILS,
        edits=(Edit("set", f"{RECORDS}/last_updated_at", "2023-13-01"),),
        quick=True,
    ),
    # lifetimes: the expiry an answer carries is the documented hour from the answer (its Date)
    _d(
        "token_expiry_already_past",
        "lifetimes",
        "stated_lifetime",
        route=TOKEN,
        edits=(Edit("set", "/expiry", "2020-01-01T00:00:00Z"),),
        quick=True,
    ),
    _d(
        "session_expiry_far_future",
        "lifetimes",
        "stated_lifetime",
        route=SESSION,
        edits=(Edit("set", "/expiry", "2099-12-31T23:59:59Z"),),
        quick=True,
    ),
    _d(
        "token_works_once",
        "lifetimes",
        "token_lifetime",
        route=DETAILS,
        behaviour="single_use_token",
        status=None,
        quick=True,
    ),
    _d(
        "token_lives_ten_minutes",
        "lifetimes",
        "token_lifetime",
        route=DETAILS,
        behaviour="short_token",
        status=None,
        quick=True,
    ),
    # the flow's data complete: availability, consent and details agree
    _d(
        "details_drop_a_consented_scope",
        "completeness",
        "flow_data_agrees",
        route=DETAILS,
        edits=(Edit("remove", "/scopes/0"),),
        quick=True,
    ),
    _d(
        "availability_hides_a_scope",
        "completeness",
        "flow_data_agrees",
        route=DA,
        edits=(Edit("remove", "/available_scopes/0"),),
        quick=True,
    ),
    # valid inputs at the edges of a documented rule refused
    _d(
        "verification_id_period_refused",
        "valid input refused",
        "valid_input_refused",
        behaviour="refuse_dots",
        quick=True,
    ),
    _d(
        "verification_id_max_40",
        "valid input refused",
        "valid_input_refused",
        behaviour="refuse_long_ids",
        quick=True,
    ),
    # error tables: the type of a documented code; the headers of a 429
    _d(
        "validation_errors_typed_otherwise",
        "error codes",
        "documented_error_type",
        status=400,
        edits=(Edit("set", "/type", "invalid_request_error"),),
        quick=True,
    ),
    _d(
        "rate_limit_without_headers",
        "headers",
        "rate_limit_headers",
        status=429,
        drop_headers=("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"),
        quick=True,
    ),
    # more of what the ledger (openapi/facts.yaml) states, one drift per fact
    _d(
        "api_version_defaulted",
        "relaxed validation",
        "missing_required_header",
        behaviour="default_api_version",
        status=None,
    ),
    _d(
        "identifiers_coerced",
        "relaxed validation",
        ("negative_data_rejection", "invalid_input_accepted", "echo_user"),  # it echoes the repaired value
        behaviour="relax_identifiers",
        status=None,
        quick=True,
    ),
    _d(
        "long_id_accepted_on_availability",
        "relaxed validation",
        (
            "negative_data_rejection",
            "invalid_input_accepted",
            "echo_verification_id",
        ),  # it echoes the repaired value
        route=DA,
        behaviour="relax_vid",
        status=None,
        quick=True,
    ),
    _d(
        "missing_client_id_answers_401",
        "credentials",
        ("credentials_enforced", "documented_error_code"),
        route=SESSION,
        status=400,
        code="x-client-id_missing",
        new_status=401,
    ),
    _d(
        "details_echo_another_id",
        "echoes",
        "echo_verification_id",
        route=DETAILS,
        edits=(Edit("set", "/verification_id", "someone-else"),),
        quick=True,
    ),
    _d(
        "details_scope_renamed",
        "enums",
        (CONFORMANCE, "flow_data_agrees", "scope_within_consent"),
        route=DETAILS,
        edits=(Edit("set", "/scopes/*/scope", "BANK"),),
        quick=True,
    ),
    _d(
        "mobile_nine_digits",
        "formats",
        (CONFORMANCE, "token_isolation"),
        route=DETAILS,
        edits=(Edit("set", f"{RECORDS}/mobile", "999990000"),),
        quick=True,
    ),
    _d(
        "email_without_at",
        "formats",
        CONFORMANCE,
        route=DETAILS,
        edits=(Edit("set", f"{RECORDS}/email", "x.example.com"),),
        quick=True,
    ),
    _d(
        "dob_february_30",
        "formats",
        CONFORMANCE,
        route=DETAILS,
        edits=(Edit("set", f"{RECORDS}/dob", "1990-02-30"),),
        quick=True,
    ),
    _d(
        "year_of_birth_two_digits",
        "formats",
        CONFORMANCE,
        route=DETAILS,
        edits=(Edit("set", f"{RECORDS}/year_of_birth", "90"),),
        quick=True,
    ),
    _d(
        "seeding_status_spelled_out",
        "enums",
        CONFORMANCE,
        route=DETAILS,
        edits=(Edit("set", f"{RECORDS}/aadhaar_seeding_status", "YES"),),
        quick=True,
    ),
    _d(
        "micr_eight_digits",
        "formats",
        CONFORMANCE,
        route=DETAILS,
        edits=(Edit("set", f"{RECORDS}/micr", "12345678"),),
        quick=True,
    ),
    _d(
        "ifsc_lowercase",
        "formats",
        CONFORMANCE,
        route=DETAILS,
        edits=(Edit("add", f"{RECORDS}/ifsc", "abcd0123456"),),
        quick=True,
    ),
    _d(
        "scope_without_records",
        "required",
        (CONFORMANCE, "user_details_scopes"),
        route=DETAILS,
        edits=(Edit("set", "/scopes/0/records", ()),),  # a tuple: a Drift stays hashable
        quick=True,
    ),
    _d(
        "scope_listed_twice",
        "stateful",
        "user_details_scopes",
        route=DETAILS,
        edits=(Edit("duplicate", "/scopes"),),
    ),
    _d(
        "replayed_code_answers_409",
        "status",
        ("auth_code_single_use", "status_code_conformance"),
        route=TOKEN,
        status=400,
        code="auth_code_value_invalid",
        new_status=409,
        quick=True,
    ),
    _d(
        "availability_answers_202",
        "status",
        ("status_code_conformance", BLOCKED),
        route=DA,
        new_status=202,
        quick=True,
    ),
    _d(
        "identifier_code_renamed",
        "error codes",
        "documented_error_code",
        status=400,
        code="identifier_value_value_invalid",
        edits=(Edit("set", "/code", "bad_identifier"),),
    ),
    _d(
        "balance_code_renamed",
        "error codes",
        "documented_error_code",
        status=422,
        edits=(Edit("set", "/code", "low_balance"),),
        quick=True,
    ),
    _d(
        "rate_limit_code_renamed",
        "error codes",
        "documented_error_code",
        status=429,
        edits=(Edit("set", "/code", "slow_down"),),
        quick=True,
    ),
    _d(
        "server_error_code_renamed",
        "error codes",
        "documented_error_code",
        status=500,
        edits=(Edit("set", "/code", "oops"),),
        quick=True,
    ),
    _d(
        "bad_gateway_code_renamed",
        "error codes",
        "documented_error_code",
        status=502,
        edits=(Edit("set", "/code", "upstream_down"),),
        quick=True,
    ),
    _d(
        "ip_refusal_typed_otherwise",
        "error codes",
        "documented_error_type",
        status=403,
        edits=(Edit("set", "/type", "validation_error"),),
        quick=True,
    ),
    _d(
        "error_field_as_string",
        "error shape",
        CONFORMANCE,
        status=400,
        edits=(Edit("add", "/error", "ref 102"),),
        quick=True,
    ),
    # the consent step grants a scope the user has no data for, quietly, as the fake once did
    _d(
        "consent_grants_unavailable_scope",
        "stateful",
        "consent_offers_available",
        route="/consent",
        status=422,
        code="scopes_not_available",
        new_status=200,
        edits=(
            Edit("remove", "/type"),
            Edit("remove", "/code"),
            Edit("remove", "/message"),
            Edit("add", "/verification_id", "probe"),
            Edit("add", "/auth_code", "quietly-granted"),
            Edit("add", "/status", "SUCCESS"),
        ),
        quick=True,
        consent_step=True,
    ),
    # controls: additive changes a tolerant contract must accept
    _d(
        "control_new_optional_field",
        "control",
        (),
        edits=(Edit("add", "/new_optional_field", "v2"),),
        control=True,
        quick=True,
    ),
    _d(
        "control_new_headers",
        "control",
        (),
        status=None,
        headers=(("x-request-id", "req-1"), ("x-cf-new-header", "1")),
        control=True,
        quick=True,
    ),
    _d(
        "control_new_record_field",
        "control",
        (),
        route=DETAILS,
        edits=(Edit("add", f"{RECORDS}/new_attribute", "x"),),
        control=True,
        quick=True,
    ),
    _d("control_reordered_keys", "control", (), reorder=True, control=True, quick=True),
    # The vendor's own example shape, registered as DEV-003: known, never a new finding.
    _d(
        "control_confidence_score_null",
        "control",
        (),
        route=DETAILS,
        edits=(Edit("set", "/scopes/*/records/*/confidence_score", None),),
        control=True,
        quick=True,
    ),
    _d("control_small_latency", "control", (), status=None, delay=0.05, control=True),
    _d(
        "control_charset_parameter",
        "control",
        (),
        status=None,
        headers=(("content-type", "application/json; charset=utf-8"),),
        control=True,
        quick=True,
    ),
    _d(
        "control_reworded_messages",
        "control",
        (),
        status=None,
        edits=(Edit("set", "/message", "The vendor reworded this message."),),
        control=True,
        quick=True,
    ),
    _d(
        "control_alternative_aadhaar_mask",
        "control",
        (),
        route=DETAILS,
        edits=(Edit("set", f"{RECORDS}/aadhaar", "XXXX XXXX 9012"),),
        control=True,
        quick=True,
    ),
    _d(
        "control_reordered_lists",
        "control",
        (),
        edits=(
            Edit("reverse", "/scopes"),
            Edit("reverse", "/available_scopes"),
            Edit("reverse", "/scopes/*/records"),
        ),
        control=True,
        quick=True,
    ),
    # The shapes of the vendor's own examples, each registered in openapi/deviations.yaml: known only.
    _d(
        "control_vendor_session_user",
        "control",
        (),
        route=SESSION,
        edits=(Edit("wrap", "/user"),),  # DEV-001: the session's user as a list
        control=True,
        quick=True,
    ),
    _d(
        "control_vendor_example_details",
        "control",
        (),
        route=DETAILS,
        edits=(
            Edit("set", "/reference_id", 123456),  # DEV-002: an integer reference_id
            Edit("set", "/scopes/*/records/*/confidence_score", None),  # DEV-003: null scores
        ),
        control=True,
        quick=True,
    ),
    _d("control_gzip_bodies", "control", (), status=None, encoding="gzip", control=True),
    _d("control_chunked_bodies", "control", (), status=None, chunked=True, control=True),
)

BY_NAME = {drift.name: drift for drift in DRIFTS}
