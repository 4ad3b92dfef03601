"""Every hypothesis strategy of the test suite, in one place."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from scripts.openapi_schema import to_json_schema

ROOT = Path(__file__).resolve().parent.parent
CLIENT_BUNDLE = ROOT / "openapi" / "bundles" / "client.yaml"

# The response bodies our client parses: every schema a documented response of the client bundle uses.
RESPONSE_SCHEMAS = (
    "InitiateOauthResponseSchema",
    "FetchDetailsResponseSchema",
    "GenerateTokenResponseSchema",
    "DataAvailabilityResponseSchema",
    "ErrorResponseSchema",
)


@cache
def client_bundle() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(CLIENT_BUNDLE.read_text(encoding="utf-8"))
    return document


def response_bodies(schema_name: str) -> st.SearchStrategy[dict[str, Any]]:
    """JSON bodies valid under the client bundle's schema ``schema_name``."""
    document = client_bundle()
    schema = to_json_schema({"$ref": f"#/components/schemas/{schema_name}"}, document)
    # Every schema named in RESPONSE_SCHEMAS is `type: object`, so each drawn value is a dict.
    return from_schema(schema).map(_as_object)


def _as_object(value: object) -> dict[str, Any]:
    assert isinstance(value, dict), f"schema produced a non-object {value!r}"
    return value


def mobile_numbers() -> st.SearchStrategy[str]:
    """10-digit mobile numbers as the contract takes them (no prefix): any digits, leading zeros too."""
    return st.text(alphabet="0123456789", min_size=10, max_size=10)


def verification_ids() -> st.SearchStrategy[str]:
    """verification_ids valid under the contract: 1-50 of letters, digits, '.', '-', '_'."""
    return st.text(alphabet=st.sampled_from("abcXYZ0189.-_"), min_size=1, max_size=50)


def retry_after_seconds() -> st.SearchStrategy[int]:
    """Waits a server may ask for, in whole seconds (below anything that looks like an epoch time)."""
    return st.integers(min_value=0, max_value=999_999_999)
